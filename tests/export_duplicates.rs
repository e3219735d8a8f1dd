//! Merged duplicates stay in the record (issue 9, first defect): merging two cards used to
//! remove the merged card's text from every export, and the "+1" count was not exported.
//! Every format now keeps each duplicate's text with the card it was merged into.

mod common;
mod readers;

use common::*;
use readers::*;
use serde_json::{Value, json};

const TARGET: &str = "Mer tid för barnen i skolan 🙂";
const DUP_1: &str = "Mer tid för barn, tack";
const DUP_2: &str = "Mera tid! Det är viktigt.";
const OTHER: &str = "Något annat helt";
const HIDDEN: &str = "Dold rad";
const HIDDEN_DUP: &str = "Dubblett av en dold rad";

struct Meeting {
    session: Value,
    target: String,
    dup_1: String,
    dup_2: String,
}

async fn meeting(server: &TestServer) -> Meeting {
    let session = server.council().await;
    let id = |v: Value| v["id"].as_str().unwrap().to_string();
    let target = id(server.add(&session, "q1", TARGET).await);
    let dup_1 = id(server.add(&session, "q1", DUP_1).await);
    let dup_2 = id(server.add(&session, "q1", DUP_2).await);
    server.add(&session, "q2", OTHER).await;
    let hidden = id(server.add(&session, "q1", HIDDEN).await);
    let hidden_dup = id(server.add(&session, "q1", HIDDEN_DUP).await);
    for (from, into) in [(&dup_1, &target), (&dup_2, &target), (&hidden_dup, &hidden)] {
        let (status, body) = server
            .facilitate(
                &session,
                "POST",
                &format!("/contributions/{from}/merge"),
                Some(json!({"into": into})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) =
        server.facilitate(&session, "POST", &format!("/contributions/{hidden}/hide"), None).await;
    assert_eq!(status, 200, "{body}");
    Meeting { session, target, dup_1, dup_2 }
}

async fn fetch(server: &TestServer, session: &Value, file: &str) -> Vec<u8> {
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/{file}")))
        .bearer_auth(session["secretary_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{file}");
    resp.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn json_keeps_duplicates_and_counts_them() {
    let server = TestServer::start().await;
    let m = meeting(&server).await;
    let export: Value = serde_json::from_slice(&fetch(&server, &m.session, "export.json").await).unwrap();
    let rows = export["contributions"].as_array().unwrap();
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, [TARGET, DUP_1, DUP_2, OTHER], "duplicates kept, hidden ones (and theirs) left out");
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(row(&m.target)["duplicates"], 2, "the +1 count is exported");
    for dup in [&m.dup_1, &m.dup_2] {
        assert_eq!(row(dup)["status"], "merged");
        assert_eq!(row(dup)["merged_into"], m.target.as_str());
        assert_eq!(row(dup)["duplicates"], 0);
    }
}

#[tokio::test]
async fn csv_and_xlsx_have_a_row_per_duplicate_saying_whose() {
    let server = TestServer::start().await;
    let m = meeting(&server).await;
    let records = csv_records(&fetch(&server, &m.session, "export.csv").await, b';');
    let header = &records[0];
    let col =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    let (nr, text, status, of) = (col("Nr"), col("Inspel"), col("Status"), col("Dubblett av nr"));
    let rows: Vec<(&str, &str, &str, &str)> = records[1..]
        .iter()
        .map(|r| (r[nr].as_str(), r[text].as_str(), r[status].as_str(), r[of].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("1", TARGET, "synlig", ""),
            ("2", DUP_1, "dubblett", "1"),
            ("3", DUP_2, "dubblett", "1"),
            ("4", OTHER, "synlig", "")
        ]
    );

    let sheets = xlsx_sheets(&fetch(&server, &m.session, "export.xlsx").await);
    let (_, q1) = sheets.iter().find(|(n, _)| n.starts_with("1 ")).expect("a sheet for question 1");
    let header = &q1[1];
    let col =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    let got: Vec<(&str, &str, &str)> = q1[2..]
        .iter()
        .map(|r| (r[col("Inspel")].as_str(), r[col("Status")].as_str(), r[col("Dubblett av nr")].as_str()))
        .collect();
    assert_eq!(got, [(TARGET, "synlig", ""), (DUP_1, "dubblett", "1"), (DUP_2, "dubblett", "1")]);
}

#[tokio::test]
async fn documents_show_duplicates_under_their_card() {
    let server = TestServer::start().await;
    let m = meeting(&server).await;

    let paragraphs = docx_paragraphs(&fetch(&server, &m.session, "export.docx").await);
    let at = |needle: &str| -> Vec<usize> {
        paragraphs.iter().enumerate().filter(|(_, p)| p.contains(needle)).map(|(i, _)| i).collect()
    };
    // In the question's section (first) and in the appendix (second), nowhere else.
    let target = at(TARGET);
    assert_eq!(target.len(), 2, "{paragraphs:#?}");
    assert!(paragraphs[target[0]].contains("(2 liknande)"), "{}", paragraphs[target[0]]);
    assert_eq!(at(DUP_1)[0], target[0] + 1, "the first duplicate right under its card");
    assert_eq!(at(DUP_2)[0], target[0] + 2);
    assert!(paragraphs.iter().all(|p| !p.contains(HIDDEN) && !p.contains(HIDDEN_DUP)));

    let md = String::from_utf8(fetch(&server, &m.session, "export.md").await).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    let card = lines.iter().position(|l| l.starts_with("- Mer tid för barnen")).expect(&md);
    assert!(lines[card].contains("(2 liknande)"), "{md}");
    assert!(lines[card + 1].starts_with("  - Mer tid för barn, tack"), "{md}");
    assert!(lines[card + 2].starts_with("  - Mera tid! Det är viktigt."), "{md}");

    let html = String::from_utf8(fetch(&server, &m.session, "report.html").await).unwrap();
    let start = html.find(TARGET).expect("target in the report");
    let list = &html[start..];
    let list = &list[..list.find("</ul>").expect("the duplicates' list closes")];
    assert!(list.contains("(2 liknande)") && list.contains(DUP_1) && list.contains(DUP_2), "{list}");
    assert!(!html.contains(HIDDEN_DUP), "a hidden card's duplicate stays out");
}

#[tokio::test]
async fn include_hidden_brings_the_hidden_card_and_its_duplicate() {
    let server = TestServer::start().await;
    let m = meeting(&server).await;
    let records = csv_records(&fetch(&server, &m.session, "export.csv?include_hidden=true").await, b';');
    let texts: Vec<&str> = records[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(texts, [TARGET, DUP_1, DUP_2, OTHER, HIDDEN, HIDDEN_DUP]);
    let statuses: Vec<&str> = records[1..].iter().map(|r| r[8].as_str()).collect();
    assert_eq!(statuses, ["synlig", "dubblett", "dubblett", "synlig", "dold", "dubblett"]);
}
