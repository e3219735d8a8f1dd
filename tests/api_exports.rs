//! The secretary's exports: JSON, CSV (for Excel) and Markdown (for minutes), read with both
//! the facilitator's and the secretary's token.

mod common;

use common::*;
use serde_json::{Value, json};

const TRICKY: &str = "Hej, \"världen\"\nny rad";

/// A session and its contributions, in the order sent: (question, text, table, perspective).
async fn meeting(server: &TestServer) -> (Value, Vec<Value>) {
    let session = server
        .create_session(json!({
            "title": "Export: barn & unga",
            "questions": ["Vad tycker du?", "=Fråga två", "Tom fråga"],
            "tables": ["Bord 1", "=Bord"],
            "perspectives": ["Akademi", "@Perspektiv"]
        }))
        .await;
    let code = session["code"].as_str().unwrap().to_string();
    let sent = [
        ("q1", TRICKY, Some("Bord 1"), Some("Akademi")),
        ("q1", "=SUM(A1:A9)", None, None),
        ("q1", "+46 70 123", None, None),
        ("q1", "-1", None, None),
        ("q1", "@cmd", None, None),
        ("q1", "<script>*fet*</script>", None, None),
        ("q2", "Andra frågan", Some("=Bord"), Some("@Perspektiv")),
    ];
    let mut stored = Vec::new();
    for (q, text, table, perspective) in sent {
        let body =
            json!({"id": uuid(), "question_id": q, "text": text, "table": table, "perspective": perspective});
        let (status, c) = server.contribute(&code, body).await;
        assert_eq!(status, 201, "{c}");
        stored.push(c);
    }
    (session, stored)
}

async fn get(server: &TestServer, session: &Value, file: &str, token: &str) -> reqwest::Response {
    let id = session["id"].as_str().unwrap();
    let url = server.url(&format!("/api/sessions/{id}/{file}"));
    server.http.get(url).bearer_auth(session[token].as_str().unwrap()).send().await.expect("send")
}

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers().get(name).unwrap_or_else(|| panic!("no {name}")).to_str().unwrap()
}

/// What a cell must look like after formula neutralisation, written independently of src/.
fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

#[tokio::test]
async fn json_export_has_every_contribution() {
    let server = TestServer::start().await;
    let (session, stored) = meeting(&server).await;
    let texts: Vec<&str> =
        session["questions"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap()).collect();
    for token in ["facilitator_token", "secretary_token"] {
        let resp = get(&server, &session, "export.json", token).await;
        assert_eq!(resp.status(), 200, "{token}");
        assert!(header(&resp, "content-type").starts_with("application/json"));
        assert!(header(&resp, "content-disposition").starts_with("attachment; filename=\""));
        let export: Value = resp.json().await.unwrap();
        assert_eq!(export["title"], "Export: barn & unga");
        assert_eq!(export["code"], session["code"]);
        assert!(is_rfc3339(export["exported_at"].as_str().unwrap()));
        let rows = export["contributions"].as_array().unwrap();
        assert_eq!(rows.len(), stored.len(), "{token}");
        // In the order they arrived, each with its question written out.
        for (row, c) in rows.iter().zip(&stored) {
            for field in ["id", "question_id", "table", "perspective", "text", "created_at"] {
                assert_eq!(row[field], c[field], "{field} of {row}");
            }
            let q: usize = row["question_id"].as_str().unwrap()[1..].parse().unwrap();
            assert_eq!(row["question"], texts[q - 1]);
            let at = row["created_at"].as_str().unwrap();
            assert!(is_rfc3339(at), "{at}");
            at.parse::<jiff::Timestamp>().expect("a real instant");
        }
    }
}

/// `at` (RFC 3339) as Stockholm wall-clock time to the second, computed here with jiff
/// independently of src/.
fn stockholm(at: &str) -> String {
    let ts: jiff::Timestamp = at.parse().expect("time stamp");
    ts.in_tz("Europe/Stockholm").expect("zone").strftime("%Y-%m-%d %H:%M:%S").to_string()
}

#[tokio::test]
async fn csv_export_is_for_swedish_excel_and_safe() {
    let server = TestServer::start().await;
    let (session, stored) = meeting(&server).await;
    for token in ["facilitator_token", "secretary_token"] {
        let resp = get(&server, &session, "export.csv", token).await;
        assert_eq!(resp.status(), 200, "{token}");
        assert_eq!(header(&resp, "content-type"), "text/csv; charset=utf-8");
        assert!(header(&resp, "content-disposition").contains(".csv\"; filename*=UTF-8''"));
        let bytes = resp.bytes().await.unwrap();
        // The byte-order mark is what makes Excel read å, ä and ö as UTF-8.
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "no BOM");
        let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
        // `;` between fields (Swedish Excel's list separator), Swedish headers, no ids.
        assert!(
            text.starts_with("Nr;Fråga;Bord;Perspektiv;Inspel;Tid;Tema;Prickar;Status;Dubblett av nr\r\n"),
            "{text}"
        );
        assert!(!text.contains(stored[0]["id"].as_str().unwrap()), "no internal ids by default");
        // RFC 4180: the field is quoted, inner quotes doubled, the line break kept inside.
        assert!(text.contains("\"Hej, \"\"världen\"\"\nny rad\""), "{text}");

        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv record")).collect();
        assert_eq!(records.len(), stored.len());
        for (i, (r, c)) in records.iter().zip(&stored).enumerate() {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            assert_eq!(&r[0], (i + 1).to_string());
            assert_eq!(&r[2], neutralised(&s("table")));
            assert_eq!(&r[3], neutralised(&s("perspective")));
            assert_eq!(&r[4], neutralised(&s("text")));
            // Local time to the second, not UTC with nanoseconds.
            assert_eq!(&r[5], stockholm(&s("created_at")));
            assert_eq!(&r[8], "synlig");
        }
        assert_eq!(&records[0][4], TRICKY);
        // Every cell a spreadsheet would take for a formula starts with a single quote.
        let texts: Vec<&str> = records.iter().map(|r| &r[4]).collect();
        assert_eq!(&texts[1..5], ["'=SUM(A1:A9)", "'+46 70 123", "'-1", "'@cmd"]);
        let last = &records[6];
        assert_eq!((&last[1], &last[2], &last[3]), ("'=Fråga två", "'=Bord", "'@Perspektiv"));
        for r in &records {
            for cell in r.iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {cell:?}");
            }
        }
    }
}

#[tokio::test]
async fn csv_for_other_tools_has_commas_english_and_ids_when_asked() {
    let server = TestServer::start().await;
    let (session, stored) = meeting(&server).await;
    let resp = get(&server, &session, "export.csv?separator=comma&lang=en&ids=true", "secretary_token").await;
    assert_eq!(resp.status(), 200);
    let bytes = resp.bytes().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let head: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        head,
        [
            "No.",
            "Question",
            "Table",
            "Perspective",
            "Contribution",
            "Time",
            "Theme",
            "Dots",
            "Status",
            "Duplicate of no.",
            "Id",
            "Question id",
            "Duplicate of id"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    for (r, c) in records.iter().zip(&stored) {
        assert_eq!(&r[10], c["id"].as_str().unwrap());
        assert_eq!(&r[11], c["question_id"].as_str().unwrap());
        assert_eq!(&r[8], "visible");
    }
    assert!(!String::from_utf8_lossy(&bytes).contains("synlig"), "one language only");
}

#[tokio::test]
async fn a_leading_tab_never_reaches_the_csv() {
    let server = TestServer::start().await;
    let session = server.council().await;
    // TAB is one of the formula starters; the server trims it off before storing.
    let body = json!({"id": uuid(), "question_id": "q1", "text": "\t=1+1"});
    let (status, c) = server.contribute(session["code"].as_str().unwrap(), body).await;
    assert_eq!(status, 201);
    assert_eq!(c["text"], "=1+1");
    let csv = get(&server, &session, "export.csv", "secretary_token").await.bytes().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&csv[3..]);
    let record = reader.records().next().expect("one row").unwrap();
    assert_eq!(&record[4], "'=1+1");
}

#[tokio::test]
async fn markdown_export_has_a_section_per_question() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    for token in ["facilitator_token", "secretary_token"] {
        let resp = get(&server, &session, "export.md", token).await;
        assert_eq!(resp.status(), 200, "{token}");
        assert_eq!(header(&resp, "content-type"), "text/markdown; charset=utf-8");
        let md = resp.text().await.unwrap();
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], "# Export: barn & unga");
        let heading =
            |h: &str| lines.iter().position(|l| *l == h).unwrap_or_else(|| panic!("no {h:?} in\n{md}"));
        let (h1, h2, h3) = (heading("## Vad tycker du?"), heading("## =Fråga två"), heading("## Tom fråga"));
        assert!(h1 < h2 && h2 < h3, "questions out of order:\n{md}");
        // Each text sits under its own question, with table and perspective after it.
        let under = |from: usize, to: usize, needle: &str| lines[from..to].iter().any(|l| l.contains(needle));
        assert!(under(h1, h2, "- Hej, \"världen\""), "{md}");
        assert!(under(h1, h2, "  ny rad _(Bord 1, Akademi)_"), "{md}");
        assert!(under(h1, h2, "- =SUM(A1:A9)"), "{md}");
        assert!(under(h2, h3, "- Andra frågan _(=Bord, @Perspektiv)_"), "{md}");
        assert!(!under(h1, h2, "Andra frågan"), "{md}");
        assert!(under(h3, lines.len(), "Inga inspel"), "{md}");
        // A participant's text cannot inject HTML or emphasis into the minutes.
        assert!(!md.contains("<script>"), "{md}");
        assert!(md.contains("\\<script\\>\\*fet\\*\\</script\\>"), "{md}");
    }
}

#[tokio::test]
async fn exports_need_the_facilitator_or_secretary_token() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    let other = server.council().await;
    let id = session["id"].as_str().unwrap();
    let wrong = [
        Some(session["wall_token"].as_str().unwrap()),
        Some(other["secretary_token"].as_str().unwrap()),
        Some(other["facilitator_token"].as_str().unwrap()),
        Some(session["code"].as_str().unwrap()),
        Some(ADMIN),
        Some("garbage"),
        None,
    ];
    for file in ["export.json", "export.csv", "export.md", "export.docx", "export.xlsx", "report.html"] {
        for token in wrong {
            let mut req = server.http.get(server.url(&format!("/api/sessions/{id}/{file}")));
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status(), 401, "{file} with {token:?}");
            let body = resp.text().await.unwrap();
            // The refusal is an error body, not a partial export.
            assert!(!body.contains("Hej"), "{body}");
            assert_error(&serde_json::from_str(&body).unwrap(), "unauthorized");
        }
    }
}
