//! Every export format read back with a real reader (issue 9): each visible contribution
//! exactly once (in the report's sections, and once more in its appendix), Swedish letters and
//! emoji intact, no cell that starts a formula, local times, one language per file, and file
//! names that keep å, ä and ö and carry the date.

mod common;
mod readers;

use common::*;
use readers::*;
use serde_json::{Value, json};

const TEXTS: [(&str, &str, Option<&str>); 6] = [
    ("q1", "Barnens hälsa först – ös på! 🙂👍🏽", Some("Bord 1")),
    ("q1", "=HYPERLINK(\"http://x.example\")", Some("Bord 2")),
    ("q1", "Rad ett\nRad två med åäö ÅÄÖ", None),
    ("q2", "+46 70 123 45 67", Some("Bord 1")),
    ("q2", "Samverkan över gränser, <b>inte</b> & stuprör", Some("Bord 3")),
    ("q3", "-Minus först", None),
];

async fn meeting(server: &TestServer) -> (Value, Vec<Value>) {
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    let mut stored = Vec::new();
    for (q, text, table) in TEXTS {
        let body = json!({"id": uuid(), "question_id": q, "text": text, "table": table});
        let (status, c) = server.contribute(code, body).await;
        assert_eq!(status, 201, "{c}");
        stored.push(c);
    }
    // One hidden card, which no default export may show.
    let hidden = server.add(&session, "q1", "Dold text som inte ska synas").await;
    let (status, _) = server
        .facilitate(
            &session,
            "POST",
            &format!("/contributions/{}/hide", hidden["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(status, 200);
    (session, stored)
}

async fn fetch(server: &TestServer, session: &Value, file: &str) -> (Vec<u8>, String, String) {
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/{file}")))
        .bearer_auth(session["secretary_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{file}");
    let header = |n: &str| resp.headers()[n].to_str().unwrap().to_string();
    let (ctype, disposition) = (header("content-type"), header("content-disposition"));
    (resp.bytes().await.unwrap().to_vec(), ctype, disposition)
}

/// The session's date as the file name carries it (Stockholm time), computed independently.
fn date_of(session: &Value) -> String {
    let at: jiff::Timestamp = session["created_at"].as_str().unwrap().parse().unwrap();
    at.in_tz("Europe/Stockholm").unwrap().strftime("%Y-%m-%d").to_string()
}

fn local(c: &Value) -> String {
    let at: jiff::Timestamp = c["created_at"].as_str().unwrap().parse().unwrap();
    at.in_tz("Europe/Stockholm").unwrap().strftime("%Y-%m-%d %H:%M:%S").to_string()
}

#[tokio::test]
async fn file_names_keep_swedish_letters_and_carry_the_date() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    let date = date_of(&session);
    for ext in ["docx", "xlsx", "csv", "md", "json"] {
        let (_, _, disposition) = fetch(&server, &session, &format!("export.{ext}")).await;
        assert_eq!(disposition_name(&disposition), format!("{date} Regionrådet barns och ungas hälsa.{ext}"));
        assert!(disposition.starts_with(&format!(
            "attachment; filename=\"{date} Regionradet barns och ungas halsa.{ext}\""
        )));
    }
}

#[tokio::test]
async fn docx_holds_each_visible_contribution_once_per_part() {
    let server = TestServer::start().await;
    let (session, stored) = meeting(&server).await;
    let (bytes, ctype, _) = fetch(&server, &session, "export.docx").await;
    assert_eq!(ctype, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    let names = zip_names(&bytes);
    for part in ["[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/numbering.xml"] {
        assert!(names.iter().any(|n| n == part), "{part} in {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("word/media/")), "the word cloud picture: {names:?}");
    // Every numbering definition has its own id (a clash makes the bullets come out as "1.").
    let numbering = zip_part(&bytes, "word/numbering.xml");
    for attr in ["w:abstractNumId=\"", "w:numId=\""] {
        let ids: Vec<&str> = numbering.split(attr).skip(1).map(|r| r.split('"').next().unwrap()).collect();
        let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{attr} repeats in {numbering}");
    }
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"•\" />"), "{numbering}");
    let paragraphs = docx_paragraphs(&bytes);
    let appendix = paragraphs.iter().position(|p| p == "Bilaga: alla inspel").expect("an appendix");
    let (body, tail) = paragraphs.split_at(appendix);
    // The appendix holds several entries to a paragraph, a blank line before each number.
    let tail: Vec<&str> = tail.iter().flat_map(|p| p.split("\n\nNr ")).collect();
    for (c, (_, text, _)) in stored.iter().zip(TEXTS) {
        // Text runs keep line breaks as breaks; emoji and å/ä/ö as written.
        assert_eq!(body.iter().filter(|p| p.starts_with(text)).count(), 1, "{text:?} in the body: {body:#?}");
        let in_tail: Vec<&&str> = tail.iter().filter(|p| p.ends_with(text)).collect();
        assert_eq!(in_tail.len(), 1, "{text:?} in the appendix");
        // The appendix line carries the local time to the second.
        assert!(in_tail[0].contains(&local(c)), "{:?} lacks {}", in_tail[0], local(c));
    }
    assert!(!paragraphs.iter().any(|p| p.contains("Dold text")), "hidden stays out");
    assert!(
        paragraphs.iter().any(|p| p == "Fråga 1. Vad väcker den föreslagna inriktningen för tankar hos dig?")
    );
    assert!(paragraphs.iter().any(|p| p == "Utan tema (3 inspel)"), "{paragraphs:#?}");
}

#[tokio::test]
async fn xlsx_has_text_cells_local_times_and_a_sheet_per_question() {
    let server = TestServer::start().await;
    let (session, stored) = meeting(&server).await;
    let (bytes, ctype, _) = fetch(&server, &session, "export.xlsx").await;
    assert_eq!(ctype, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    for xml in xlsx_sheet_xml(&bytes) {
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "no formula anywhere");
    }
    let sheets = xlsx_sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "Översikt");
    assert!(names[1].starts_with("1 Vad väcker") && names[2].starts_with("2 Vad lockar"), "{names:?}");
    assert!(names[3].starts_with("3 Vilka frågetecken"), "{names:?}");
    assert_eq!(names[4], "Röstning");
    let mut seen = Vec::new();
    for (_, rows) in &sheets[1..4] {
        let header = &rows[1];
        assert_eq!(header[..6], ["Nr", "Tid", "Bord", "Perspektiv", "Tema", "Inspel"]);
        for r in &rows[2..] {
            seen.push((r[5].clone(), r[1].clone()));
        }
    }
    let want: Vec<(String, String)> =
        stored.iter().zip(TEXTS).map(|(c, (_, t, _))| (t.to_string(), local(c))).collect();
    assert_eq!(seen, want, "every visible contribution once, as typed, at its local time");
    let xml = xlsx_sheet_xml(&bytes).join("");
    assert!(xml.contains("<pane ") && xml.contains("state=\"frozen\""), "frozen header rows");
    assert!(xml.contains("<autoFilter "), "autofilters");
    assert!(xml.contains("<cols>"), "column widths");
}

#[tokio::test]
async fn printable_report_holds_each_visible_contribution_once_per_part() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    let (bytes, ctype, _) = fetch(&server, &session, "report.html").await;
    assert_eq!(ctype, "text/html; charset=utf-8");
    let html = String::from_utf8(bytes).unwrap();
    assert!(html.starts_with("<!doctype html>\n<html lang=\"sv\">"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/assets/css/report.css\">"));
    assert!(!html.contains("<script") && !html.contains("style="), "nothing the CSP would block");
    let (body, appendix) = html.split_at(html.find("class=\"report__appendix\"").expect("an appendix"));
    let escaped =
        |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    for (_, text, _) in TEXTS {
        let html_text = escaped(text).replace('\n', "<br>");
        assert_eq!(body.matches(&html_text).count(), 1, "{text:?} once in the sections");
        assert_eq!(appendix.matches(&html_text).count(), 1, "{text:?} once in the appendix");
    }
    assert!(!html.contains("<b>inte</b>"), "typed markup is text");
    assert!(!html.contains("Dold text"));
    assert_eq!(html.matches("<section class=\"report__question\"").count(), 3);
    assert!(html.contains("src=\"data:image/svg+xml;base64,"), "the word cloud");
}

#[tokio::test]
async fn english_exports_say_nothing_in_swedish() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    let swedish =
        ["Inspel", "Fråga", "Bord ", "Utan tema", "Datum", "Bilaga", "liknande", "synlig", "Prickar"];
    let (docx, _, _) = fetch(&server, &session, "export.docx?lang=en").await;
    let paragraphs = docx_paragraphs(&docx).join("\n");
    let (html, _, _) = fetch(&server, &session, "report.html?lang=en").await;
    let html = String::from_utf8(html).unwrap();
    let (md, _, _) = fetch(&server, &session, "export.md?lang=en").await;
    let md = String::from_utf8(md).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    for (name, text) in [("docx", &paragraphs), ("html", &html), ("md", &md)] {
        // Take out what participants and the organiser typed, which may well be Swedish.
        let mut rest = text.clone();
        for (_, t, table) in TEXTS {
            rest = rest.replace(t, "").replace(&t.replace('\n', "<br>"), "");
            rest = rest.replace(table.unwrap_or("-"), "");
        }
        for q in session["questions"].as_array().unwrap() {
            rest = rest.replace(q["text"].as_str().unwrap(), "");
        }
        rest = rest.replace("Regionrådet: barns och ungas hälsa", "").replace("Bord", "");
        for word in swedish {
            assert!(!rest.contains(word), "{name} says {word:?}:\n{rest}");
        }
        if name != "md" {
            assert!(rest.contains("No theme"), "{name}");
        }
        assert!(rest.contains("contributions"), "{name}");
    }
}
