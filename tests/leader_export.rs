//! The tables' discussion leaders' summaries in the reports (issue 9, item 8), read back with
//! real readers: under the question, right after the secretary's own note and before any
//! theme's note or card, table by table in the session's order, each labelled with its table
//! ("Bord 1 – samtalsledarens sammanfattning"; in English, "discussion leader's summary"), in
//! Word, the printable page, Markdown, Excel (its summary) and JSON.

mod common;
mod readers;

use common::*;
use readers::*;
use serde_json::{Value, json};

const OWN: &str = "Sekreterarens sammanfattning av frågan";
const ONE: &str = "Bord ett: fler vuxna i skolan – åäö 🙂";
const TWO: &str = "Bord två vill ha\nkortare köer";

/// The council session with a card in a theme on q1, the secretary's note on q1, and the
/// summaries of Bord 2 and then Bord 1 on q1 (written out of the tables' order).
async fn summed_up(server: &TestServer) -> Value {
    let s = server.council().await;
    let (status, theme) = server
        .facilitate(&s, "POST", "/themes", Some(json!({"name": "Trygghet", "question_id": "q1"})))
        .await;
    assert_eq!(status, 201, "{theme}");
    let card = server.add(&s, "q1", "Trygga mötesplatser saknas").await;
    let path = format!("/contributions/{}/theme", card["id"].as_str().unwrap());
    assert_eq!(server.facilitate(&s, "PUT", &path, Some(json!({"theme_id": theme["id"]}))).await.0, 200);
    let own = json!({"question_id": "q1", "text": OWN});
    assert_eq!(server.as_role(&s, "secretary_token", "PUT", "/notes", Some(own)).await.0, 200);
    let (_, links) = server.facilitate(&s, "GET", "/leader-links", None).await;
    let id = s["id"].as_str().unwrap();
    for (i, text) in [(1, TWO), (0, ONE)] {
        let token = links[i]["url"].as_str().unwrap().split("#token=").nth(1).unwrap().to_string();
        let body = json!({"question_id": "q1", "text": text});
        let (status, answer) =
            server.call("PUT", &format!("/api/sessions/{id}/leader/notes"), Some(&token), Some(&body)).await;
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
async fn word_puts_the_summaries_after_the_secretarys_note() {
    let server = TestServer::start().await;
    let s = summed_up(&server).await;
    let p = docx_paragraphs(&file(&server, &s, "export.docx").await);
    let own = position(&p, &format!("Sekreterarens anteckning: {OWN}"));
    let one = position(&p, &format!("Bord 1 – samtalsledarens sammanfattning: {ONE}"));
    let two = p
        .iter()
        .position(|x| x.starts_with("Bord 2 – samtalsledarens sammanfattning: Bord två vill ha"))
        .unwrap_or_else(|| panic!("Bord 2's summary not in {p:#?}"));
    let theme = position(&p, "Trygghet (1 inspel)");
    let q2 = p.iter().position(|x| x.starts_with("Fråga 2.")).unwrap();
    assert!(own < one && one < two && two < theme && theme < q2, "{p:#?}");
    assert_eq!(own, one - 1, "the summaries right after the secretary's note");

    let p = docx_paragraphs(&file(&server, &s, "export.docx?lang=en").await);
    let own = position(&p, &format!("Secretary's note: {OWN}"));
    let one = position(&p, &format!("Bord 1 – discussion leader's summary: {ONE}"));
    assert_eq!(own + 1, one, "{p:#?}");
    assert!(!p.iter().any(|x| x.contains("samtalsledarens")), "one language at a time");
}

#[tokio::test]
async fn the_print_page_markdown_excel_and_json_carry_the_summaries() {
    let server = TestServer::start().await;
    let s = summed_up(&server).await;

    let html = String::from_utf8(file(&server, &s, "report.html").await).unwrap();
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the page"));
    let (own, one, two, theme) = (
        at(OWN),
        at(">Bord 1 – samtalsledarens sammanfattning</p><p>Bord ett: fler vuxna i skolan – åäö 🙂</p>"),
        at("Bord två vill ha<br>kortare köer"),
        at("Trygghet <span class=\"report__count\">"),
    );
    assert!(own < one && one < two && two < theme, "the order under question 1");
    assert_eq!(html.matches("class=\"report__note\"").count(), 3);

    let md = String::from_utf8(file(&server, &s, "export.md").await).unwrap();
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("{needle:?} not in:\n{md}"));
    let own = at(&format!("_Sekreterarens anteckning:_ {OWN}"));
    let one = at("_Bord 1 – samtalsledarens sammanfattning:_ Bord ett: fler vuxna i skolan – åäö 🙂");
    let two = at("_Bord 2 – samtalsledarens sammanfattning:_ Bord två vill ha  \nkortare köer");
    assert!(own < one && one < two && two < at("- Trygga mötesplatser"), "{md}");
    let md_en = String::from_utf8(file(&server, &s, "export.md?lang=en").await).unwrap();
    assert!(md_en.contains("_Bord 1 – discussion leader's summary:_ Bord ett"), "{md_en}");

    let sheets = xlsx_sheets(&file(&server, &s, "export.xlsx").await);
    let rows = &sheets[0].1;
    let heading = rows.iter().position(|r| r[0] == "Sekreterarens anteckningar").expect("a notes section");
    let q1 = "Fråga 1. Vad väcker den föreslagna inriktningen för tankar hos dig?";
    assert_eq!(rows[heading + 2][..2], [q1.to_string(), OWN.to_string()]);
    assert_eq!(
        rows[heading + 3][..2],
        [format!("{q1} · Bord 1 – samtalsledarens sammanfattning"), ONE.to_string()]
    );
    assert_eq!(
        rows[heading + 4][..2],
        [format!("{q1} · Bord 2 – samtalsledarens sammanfattning"), TWO.to_string()]
    );

    let json: Value = serde_json::from_slice(&file(&server, &s, "export.json").await).unwrap();
    let notes = json["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    let tables: Vec<Option<&str>> = notes.iter().map(|n| n["table"].as_str()).collect();
    assert_eq!(tables, [None, Some("Bord 2"), Some("Bord 1")], "as written, each with its table");
    assert_eq!(notes[2]["text"], ONE);
}
