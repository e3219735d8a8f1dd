//! A whole series in one file (issue 9, item 6), read back with real readers: every visible
//! contribution of every meeting exactly once, under its own meeting (named and numbered, even
//! when a copy kept the title), merged duplicates kept, hidden ones out, Swedish letters and
//! emoji intact, no formula cells, local times; the meeting's place in every report's header;
//! and `inspel export --series` writing the same file from the database.

mod common;
mod readers;

use common::*;
use readers::*;
use serde_json::{Value, json};

/// Three meetings of "Uppdrag Värmland" (the second a copy of the first, title and all), with
/// their stored visible contributions' texts and one hidden text each.
async fn series(server: &TestServer) -> (Vec<Value>, Vec<Vec<Value>>) {
    let first = server
        .create_session(
            json!({"title": "Uppdrag Värmland: träff", "questions": ["Vad hindrar?", "Vad hjälper?"],
            "series": "Uppdrag Värmland", "place": "Karlstad, Residenset"}),
        )
        .await;
    let (_, second) = server.facilitate(&first, "POST", "/duplicate", None).await;
    let third = server
        .create_session(json!({"title": "Riktningsmöte", "questions": ["Vad tar vi med oss?"],
            "series": "uppdrag värmland", "tables": ["Bord 1"]}))
        .await;
    assert_eq!(third["series"]["name"], "Uppdrag Värmland", "a meeting joins the series as it is written");
    let texts: [&[(&str, &str)]; 3] = [
        &[("q1", "Långa avstånd 🙂"), ("q1", "=SUM(A1:A9)"), ("q2", "Föreningslivet bär")],
        &[("q1", "Rad ett\nRad två åäö"), ("q2", "+46 70 123 45 67"), ("q2", "Samma som förra gången")],
        &[("q1", "Återrapportera på riktningsmötet 👍🏽")],
    ];
    let meetings = vec![first, second, third];
    let mut stored = Vec::new();
    for (m, list) in meetings.iter().zip(texts) {
        let mut mine = Vec::new();
        for (q, text) in list {
            mine.push(server.add(m, q, text).await);
        }
        let hidden = server.add(m, list[0].0, "Dold text som inte ska synas").await;
        let path = format!("/contributions/{}/hide", hidden["id"].as_str().unwrap());
        assert_eq!(server.facilitate(m, "POST", &path, None).await.0, 200);
        stored.push(mine);
    }
    // A merged duplicate keeps its words in the record.
    let (a, b) = (&stored[1][2], &stored[1][1]);
    let path = format!("/contributions/{}/merge", a["id"].as_str().unwrap());
    let (status, body) = server.facilitate(&meetings[1], "POST", &path, Some(json!({"into": b["id"]}))).await;
    assert_eq!(status, 200, "{body}");
    (meetings, stored)
}

async fn fetch(server: &TestServer, token: &str, file: &str) -> (Vec<u8>, String) {
    let resp = server
        .http
        .get(server.url(&format!("/api/series/uppdrag-varmland/{file}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{file}");
    let disposition = resp.headers()["content-disposition"].to_str().unwrap().to_string();
    (resp.bytes().await.unwrap().to_vec(), disposition)
}

fn local(c: &Value) -> String {
    let at: jiff::Timestamp = c["created_at"].as_str().unwrap().parse().unwrap();
    at.in_tz("Europe/Stockholm").unwrap().strftime("%Y-%m-%d %H:%M:%S").to_string()
}

fn date_of(s: &Value) -> String {
    let at: jiff::Timestamp = s["created_at"].as_str().unwrap().parse().unwrap();
    at.in_tz("Europe/Stockholm").unwrap().strftime("%Y-%m-%d").to_string()
}

/// "2. Uppdrag Värmland: träff": how the files name a meeting.
fn label(i: usize, m: &Value) -> String {
    format!("{}. {}", i + 1, m["title"].as_str().unwrap())
}

/// Each stored text in exactly one row, that row naming its meeting, its date and its local time.
fn check_rows(rows: &[Vec<String>], header: &[String], meetings: &[Value], stored: &[Vec<Value>], csv: bool) {
    let col =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    let (meeting, date, text, time) = (col("Möte"), col("Datum"), col("Inspel"), col("Tid"));
    assert_eq!(meeting, 0, "the meeting comes first: {header:?}");
    let total: usize = stored.iter().map(Vec::len).sum();
    assert_eq!(rows.len(), total, "one row per visible contribution, duplicates included");
    for (i, (m, list)) in meetings.iter().zip(stored).enumerate() {
        for c in list {
            let t = c["text"].as_str().unwrap();
            let found: Vec<&Vec<String>> =
                rows.iter().filter(|r| r[text].trim_start_matches('\'') == t).collect();
            assert_eq!(found.len(), 1, "{t:?} once");
            assert_eq!(found[0][meeting], label(i, m), "{t:?} under its meeting");
            assert_eq!(found[0][date], date_of(m));
            assert_eq!(found[0][time], local(c), "local time of {t:?}");
        }
    }
    for r in rows {
        assert!(!r.iter().any(|c| c.contains("Dold text")), "hidden stays out");
        // Excel's text cells hold anything; a CSV cell that starts a formula is neutralised.
        assert!(!csv || !r.iter().any(|c| c.starts_with(['=', '+', '-', '@'])), "a formula cell: {r:?}");
    }
}

#[tokio::test]
async fn series_csv_and_xlsx_hold_every_visible_contribution_once_with_its_meeting() {
    let server = TestServer::start().await;
    let (meetings, stored) = series(&server).await;
    let secretary = meetings[2]["secretary_token"].as_str().unwrap();

    let (bytes, disposition) = fetch(&server, secretary, "export.csv").await;
    assert_eq!(disposition_name(&disposition), format!("{} Uppdrag Värmland.csv", date_of(&meetings[0])));
    let records = csv_records(&bytes, b';');
    let (header, rows) = records.split_first().unwrap();
    assert_eq!(&header[..3], ["Möte", "Datum", "Plats"]);
    check_rows(rows, header, &meetings, &stored, true);
    let place = rows.iter().find(|r| r[0].starts_with("1. ")).unwrap();
    assert_eq!(place[2], "Karlstad, Residenset");
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "dubblett")), "the merged duplicate, marked");
    let comma = fetch(&server, secretary, "export.csv?separator=comma&lang=en").await.0;
    let en = csv_records(&comma, b',');
    assert_eq!(&en[0][..3], ["Meeting", "Date", "Place"]);

    let (bytes, _) = fetch(&server, ADMIN, "export.xlsx").await;
    let sheets = xlsx_sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Översikt", "Alla inspel", "Röstning"]);
    let summary = &sheets[0].1;
    for (i, m) in meetings.iter().enumerate() {
        assert!(summary.iter().any(|r| r.first() == Some(&label(i, m))), "{} in the summary", label(i, m));
    }
    let (header, rows) = sheets[1].1.split_first().unwrap();
    check_rows(rows, header, &meetings, &stored, false);
    for xml in xlsx_sheet_xml(&bytes) {
        assert!(!xml.contains("<f>"), "no formula in any sheet");
    }
}

#[tokio::test]
async fn series_docx_has_a_section_per_meeting_with_each_contribution_once() {
    let server = TestServer::start().await;
    let (meetings, stored) = series(&server).await;
    let (bytes, disposition) =
        fetch(&server, meetings[0]["facilitator_token"].as_str().unwrap(), "export.docx").await;
    assert!(disposition_name(&disposition).ends_with(" Uppdrag Värmland.docx"), "{disposition}");
    let paragraphs = docx_paragraphs(&bytes);
    assert_eq!(paragraphs[0], "Uppdrag Värmland");
    let starts: Vec<usize> = (0..meetings.len())
        .map(|i| {
            paragraphs
                .iter()
                .position(|p| {
                    p.starts_with(&format!("Möte {}. {} (", i + 1, meetings[i]["title"].as_str().unwrap()))
                })
                .unwrap_or_else(|| panic!("meeting {} has a section: {paragraphs:#?}", i + 1))
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "oldest first");
    for (i, list) in stored.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(paragraphs.len());
        for c in list {
            let t = c["text"].as_str().unwrap();
            let all = paragraphs.iter().filter(|p| p.starts_with(t)).count();
            assert_eq!(all, 1, "{t:?} once in the document");
            let inside = paragraphs[starts[i]..end].iter().filter(|p| p.starts_with(t)).count();
            assert_eq!(inside, 1, "{t:?} in meeting {}'s section", i + 1);
        }
    }
    assert!(paragraphs.iter().any(|p| p == "Karlstad, Residenset"), "the place in the first meeting's facts");
    assert!(paragraphs.iter().any(|p| p.contains("(1 liknande)")), "the duplicate under its card");
    assert!(!paragraphs.iter().any(|p| p.contains("Dold text")));
    // Hidden ones too when asked, marked.
    let (with_hidden, _) = fetch(&server, ADMIN, "export.docx?include_hidden=true").await;
    assert_eq!(docx_paragraphs(&with_hidden).iter().filter(|p| p.starts_with("Dold text")).count(), 3);
}

#[tokio::test]
async fn every_report_of_a_meeting_names_its_place_beside_the_date() {
    let server = TestServer::start().await;
    let (meetings, _) = series(&server).await;
    let m = &meetings[0];
    let get = |file: &'static str| {
        let id = m["id"].as_str().unwrap().to_string();
        let token = m["secretary_token"].as_str().unwrap().to_string();
        let server = &server;
        async move {
            let resp = server
                .http
                .get(server.url(&format!("/api/sessions/{id}/{file}")))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200);
            resp.bytes().await.unwrap().to_vec()
        }
    };
    let md = String::from_utf8(get("export.md").await).unwrap();
    assert!(md.contains("Plats: Karlstad, Residenset") && md.contains("Serie: Uppdrag Värmland"), "{md}");
    let html = String::from_utf8(get("report.html").await).unwrap();
    assert!(html.contains("<dt>Plats</dt>") && html.contains("Karlstad, Residenset"), "{html}");
    let docx = docx_paragraphs(&get("export.docx").await);
    let at = docx.iter().position(|p| p == "Plats").expect("a place row");
    assert_eq!(docx[at + 1], "Karlstad, Residenset");
    let xlsx = xlsx_sheets(&get("export.xlsx").await);
    assert!(
        xlsx[0]
            .1
            .iter()
            .any(|r| r.first().map(String::as_str) == Some("Plats") && r[1] == "Karlstad, Residenset")
    );
}

/// `inspel export --series …` with the real binary: through the running server (which holds the
/// file) with a secretary token of one meeting, then from the file once the server has stopped;
/// both give the server's own bytes.
#[tokio::test]
async fn inspel_export_series_reads_the_server_or_the_file() {
    let server = TestServer::start().await;
    let (meetings, stored) = series(&server).await;
    let (from_server, _) = fetch(&server, ADMIN, "export.csv").await;
    let run = |args: Vec<String>| async move {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_inspel"));
        for var in ["INSPEL_ADMIN_TOKEN", "INSPEL_ADDR", "INSPEL_DATA", "INSPEL_SERVER", "INSPEL_TOKEN"] {
            cmd.env_remove(var);
        }
        cmd.args(&args).stdin(std::process::Stdio::null()).kill_on_drop(true);
        let out = tokio::time::timeout(WAIT * 3, cmd.output()).await.expect("ends in time").expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let secretary = meetings[1]["secretary_token"].as_str().unwrap().to_string();
    let args = |extra: &[&str]| -> Vec<String> {
        ["export", "--series", "Uppdrag Värmland", "--format", "csv", "-o", "-"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect()
    };
    let remote = run(args(&["--server", &server.base, "--token", &secretary])).await;
    assert_eq!(remote, from_server, "through the server");

    let data = server.data.clone();
    let _dir = server.stop().await;
    let local = run(args(&["--data", data.to_str().unwrap()])).await;
    assert_eq!(local, from_server, "from the file");
    let records = csv_records(&local, b';');
    let (header, rows) = records.split_first().unwrap();
    check_rows(rows, header, &meetings, &stored, true);

    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_inspel"));
    cmd.args([
        "export",
        "--series",
        "Uppdrag Värmland",
        "--format",
        "md",
        "--data",
        data.to_str().unwrap(),
        "-o",
        "-",
    ]);
    let out = tokio::time::timeout(WAIT, cmd.output()).await.unwrap().unwrap();
    assert!(!out.status.success(), "a series is not exported as Markdown");
}
