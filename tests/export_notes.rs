//! The secretary's notes and the plan of rounds in the reports (issue 9, items 1 and 8), read
//! back with real readers: a question's note comes first under the question and a theme's
//! first under its theme, in Word, the printable page, Markdown, Excel (its summary) and JSON;
//! the report runs round by round, question by question, in the plan's order.

mod common;
mod readers;

use common::*;
use readers::*;
use serde_json::{Value, json};

const Q_NOTE: &str = "Sammanfattning: tidiga insatser & skolan – åäö 🙂";
const T_NOTE: &str = "Temat handlar om trygghet\npå fritiden";

/// A session planned in two rounds (the second of two questions), the plan then reordered so
/// that the order the questions were made in is not the plan's; cards in a theme and outside.
async fn planned(server: &TestServer) -> Value {
    let s = server
        .create_session(json!({
            "title": "Uppdrag Värmland: möte 2",
            "rounds": [
                {"title": "Inledning", "questions": ["Vad har hänt sedan sist?"]},
                {"title": "Dialog 15 minuter", "questions": ["Vad fungerar?", "Vad saknas?"]},
            ],
            "tables": ["Bord 1", "Bord 2"],
        }))
        .await;
    let plan = json!({"rounds": [
        {"id": "r2", "title": "Dialog 15 minuter", "question_ids": ["q3", "q2"]},
        {"id": "r1", "title": "Inledning", "question_ids": ["q1"]},
    ]});
    let (status, body) = server.facilitate(&s, "PUT", "/rounds", Some(plan)).await;
    assert_eq!(status, 200, "{body}");
    let (status, theme) = server
        .facilitate(&s, "POST", "/themes", Some(json!({"name": "Trygghet", "question_id": "q3"})))
        .await;
    assert_eq!(status, 201, "{theme}");
    let themed = server.add(&s, "q3", "Trygga mötesplatser saknas").await;
    let body = json!({"theme_id": theme["id"]});
    let (status, _) = server
        .facilitate(
            &s,
            "PUT",
            &format!("/contributions/{}/theme", themed["id"].as_str().unwrap()),
            Some(body),
        )
        .await;
    assert_eq!(status, 200);
    server.add(&s, "q3", "Fler vuxna i skolan").await;
    server.add(&s, "q2", "Samverkan fungerar").await;
    server.add(&s, "q1", "Mycket har hänt").await;
    for body in
        [json!({"question_id": "q3", "text": Q_NOTE}), json!({"theme_id": theme["id"], "text": T_NOTE})]
    {
        let (status, answer) = server.as_role(&s, "secretary_token", "PUT", "/notes", Some(body)).await;
        assert_eq!(status, 200, "{answer}");
    }
    s
}

async fn file(server: &TestServer, s: &Value, name: &str) -> Vec<u8> {
    let id = s["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/{name}")))
        .bearer_auth(s["secretary_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{name}");
    resp.bytes().await.unwrap().to_vec()
}

fn position(all: &[String], want: &str) -> usize {
    all.iter().position(|p| p == want).unwrap_or_else(|| panic!("{want:?} not in {all:#?}"))
}

#[tokio::test]
async fn word_runs_round_by_round_with_the_notes_first() {
    let server = TestServer::start().await;
    let s = planned(&server).await;
    let p = docx_paragraphs(&file(&server, &s, "export.docx").await);
    let r1 = position(&p, "Dialogpass 1: Dialog 15 minuter");
    let q1 = position(&p, "Fråga 1. Vad saknas?");
    let q2 = position(&p, "Fråga 2. Vad fungerar?");
    let r2 = position(&p, "Dialogpass 2: Inledning");
    let q3 = position(&p, "Fråga 3. Vad har hänt sedan sist?");
    assert!(r1 < q1 && q1 < q2 && q2 < r2 && r2 < q3, "the plan's order: {p:#?}");
    // Under the question: its heading, the count line, then the note before any theme.
    assert_eq!(p[q1 + 2], format!("Sekreterarens anteckning: {Q_NOTE}"));
    let theme = position(&p, "Trygghet (1 inspel)");
    assert!(theme > q1 + 2 && theme < q2);
    assert_eq!(
        p[theme + 1],
        format!("Sekreterarens anteckning: {T_NOTE}"),
        "the theme's note first under it"
    );
    assert!(p[theme + 2].starts_with("Trygga mötesplatser saknas"), "then its cards");
    // The heading styles nest: round, question, theme.
    let xml = zip_part(&file(&server, &s, "export.docx").await, "word/document.xml");
    for (style, text) in
        [("Heading1", "Dialogpass 1"), ("Heading2", "Fråga 1. Vad saknas?"), ("Heading3", "Trygghet")]
    {
        let at = xml.find(text).unwrap();
        let para = &xml[xml[..at].rfind("<w:p>").or_else(|| xml[..at].rfind("<w:p ")).unwrap()..at];
        assert!(para.contains(&format!("w:val=\"{style}\"")), "{text} is {style}: {para}");
    }
    // Grouped by table the theme's note still comes first, under the question, named.
    let p = docx_paragraphs(&file(&server, &s, "export.docx?group=table").await);
    let q1 = position(&p, "Fråga 1. Vad saknas?");
    assert_eq!(p[q1 + 2], format!("Sekreterarens anteckning: {Q_NOTE}"));
    assert_eq!(p[q1 + 3], format!("Sekreterarens anteckning (Trygghet): {T_NOTE}"));
}

#[tokio::test]
async fn the_print_page_markdown_excel_and_json_carry_the_notes() {
    let server = TestServer::start().await;
    let s = planned(&server).await;

    let html = String::from_utf8(file(&server, &s, "report.html").await).unwrap();
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the page"));
    let (r1, q1, q2, r2) = (
        at(">Dialogpass 1: Dialog 15 minuter</h2>"),
        at(">Fråga 1. Vad saknas?</h3>"),
        at(">Fråga 2. Vad fungerar?</h3>"),
        at(">Dialogpass 2: Inledning</h2>"),
    );
    assert!(r1 < q1 && q1 < q2 && q2 < r2, "the plan's order");
    let q_note = at("tidiga insatser &amp; skolan – åäö 🙂");
    let theme = at("Trygghet <span class=\"report__count\">");
    let t_note = at("Temat handlar om trygghet<br>på fritiden");
    let first_card = at("Trygga mötesplatser saknas");
    assert!(q1 < q_note && q_note < theme && theme < t_note && t_note < first_card && first_card < q2);
    assert_eq!(html.matches("class=\"report__note\"").count(), 2);

    let md = String::from_utf8(file(&server, &s, "export.md").await).unwrap();
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("{needle:?} not in:\n{md}"));
    let (r1, q1, q2) =
        (at("## Dialogpass 1: Dialog 15 minuter"), at("### Vad saknas?"), at("### Vad fungerar?"));
    let q_note = at("_Sekreterarens anteckning:_ Sammanfattning: tidiga insatser & skolan – åäö 🙂");
    let t_note = at("_Sekreterarens anteckning:_ Temat handlar om trygghet  \npå fritiden");
    assert!(
        r1 < q1 && q1 < q_note && q_note < t_note && t_note < at("- Trygga mötesplatser") && t_note < q2,
        "{md}"
    );

    let sheets = xlsx_sheets(&file(&server, &s, "export.xlsx").await);
    let (name, rows) = &sheets[0];
    assert_eq!(name, "Översikt");
    let heading = rows.iter().position(|r| r[0] == "Sekreterarens anteckningar").expect("a notes section");
    assert_eq!(rows[heading + 2][..2], ["Fråga 1. Vad saknas?".to_string(), Q_NOTE.to_string()]);
    assert_eq!(
        rows[heading + 3][..2],
        ["Fråga 1. Vad saknas? · Tema: Trygghet".to_string(), T_NOTE.to_string()]
    );
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names[1..4],
        ["1 Vad saknas", "2 Vad fungerar", "3 Vad har hänt sedan sist"],
        "sheets in plan order"
    );

    let json: Value = serde_json::from_slice(&file(&server, &s, "export.json").await).unwrap();
    let notes = json["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["question_id"], "q3");
    assert_eq!(notes[0]["text"], Q_NOTE);
    assert_eq!(notes[1]["text"], T_NOTE);
}

#[tokio::test]
async fn a_plain_agenda_reads_as_questions_alone() {
    // One untitled question per round: no round headings, questions as before.
    let server = TestServer::start().await;
    let s = server.council().await;
    server.add(&s, "q1", "Ett inspel").await;
    let p = docx_paragraphs(&file(&server, &s, "export.docx").await);
    assert!(!p.iter().any(|x| x.starts_with("Dialogpass")), "{p:#?}");
    let html = String::from_utf8(file(&server, &s, "report.html").await).unwrap();
    assert!(!html.contains("report__round") && html.contains("<h2 id=\"q1-h\">Fråga 1."));
}
