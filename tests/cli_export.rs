//! `inspel export` and `inspel sessions` as the archive uses them (issue 9, item 7), with the
//! real binary: while a server runs on the file (which it holds locked) the commands ask the
//! server, with the admin token or the secretary link; once it has stopped, or after a crash,
//! they read the file itself. Both ways give the same document.

mod common;
mod readers;

use std::process::Stdio;

use common::{ADMIN, WAIT, uuid};
use readers::*;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

fn inspel() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_inspel"));
    for var in ["INSPEL_ADMIN_TOKEN", "INSPEL_ADDR", "INSPEL_DATA", "INSPEL_SERVER", "INSPEL_TOKEN"] {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null()).kill_on_drop(true);
    cmd
}

/// Starts the server on `data` and returns it with its port (read from its banner).
async fn server(data: &str) -> (Child, u16) {
    let mut child = inspel()
        .args(["--addr", "127.0.0.1:0", "--data", data, "--admin-token", ADMIN])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn inspel");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first =
        tokio::time::timeout(WAIT, lines.next_line()).await.expect("banner in time").unwrap().unwrap();
    let port = first.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port in the banner");
    // Keep reading the banner so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, port)
}

/// Runs `inspel args…` in `dir` and returns its exit status, standard output and error.
async fn run(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let (ok, out, err) = run_bytes(dir, args, env).await;
    (ok, String::from_utf8(out).expect("utf-8"), err)
}

async fn run_bytes(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (bool, Vec<u8>, String) {
    let mut cmd = inspel();
    cmd.current_dir(dir).args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out =
        tokio::time::timeout(WAIT * 3, cmd.output()).await.expect("the command ends in time").expect("run");
    (out.status.success(), out.stdout, String::from_utf8(out.stderr).expect("utf-8"))
}

async fn meeting(base: &str) -> Value {
    let http = reqwest::Client::builder().timeout(WAIT).build().unwrap();
    let session: Value = http
        .post(format!("{base}/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!({"title": "Uppdrag Värmland: träff 1", "questions": ["Vad hindrar?", "Vad hjälper?"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = session["code"].as_str().unwrap();
    for (q, text) in
        [("q1", "Långa avstånd på landsbygden"), ("q1", "Brist på mötesplatser 🙂"), ("q2", "Föreningslivet")]
    {
        let resp = http
            .post(format!("{base}/api/join/{code}/contributions"))
            .json(&json!({"id": uuid(), "question_id": q, "text": text}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
    }
    session
}

fn body_paragraphs(path: &std::path::Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Everything but the line that says when the file was made.
    docx_paragraphs(&bytes).into_iter().filter(|p| !p.contains("Grupperat efter")).collect()
}

#[tokio::test]
async fn export_asks_the_running_server_then_reads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("arkiv.redb");
    let data = data.to_str().unwrap();
    let (mut child, port) = server(data).await;
    let base = format!("http://127.0.0.1:{port}");
    let session = meeting(&base).await;
    let code = session["code"].as_str().unwrap();
    let addr = format!("127.0.0.1:{port}");

    // The file is locked by the server: the command says so and asks the server at the port
    // INSPEL_ADDR names, with the admin token.
    let (ok, _, err) = run(
        dir.path(),
        &[
            "export",
            "--data",
            data,
            "--session",
            code,
            "--format",
            "docx",
            "-o",
            "online.docx",
            "--token",
            ADMIN,
        ],
        &[("INSPEL_ADDR", &addr)],
    )
    .await;
    assert!(ok, "{err}");
    assert!(err.contains("in use by a running server"), "{err}");
    let online = body_paragraphs(&dir.path().join("online.docx"));
    assert!(online.iter().any(|p| p.starts_with("Brist på mötesplatser 🙂")), "{online:#?}");

    // The secretary link alone is enough; with no -o the file gets the page's name.
    let link = session["secretary_url"].as_str().unwrap();
    let (ok, _, err) = run(dir.path(), &["export", "--session", link, "--format", "csv"], &[]).await;
    assert!(ok, "{err}");
    let date = {
        let at: jiff::Timestamp = session["created_at"].as_str().unwrap().parse().unwrap();
        at.in_tz("Europe/Stockholm").unwrap().strftime("%Y-%m-%d").to_string()
    };
    let named = dir.path().join(format!("{date} Uppdrag Värmland träff 1.csv"));
    let records =
        csv_records(&std::fs::read(&named).unwrap_or_else(|e| panic!("{}: {e}", named.display())), b';');
    assert_eq!(records.len(), 4, "a header and three rows: {records:?}");

    // Listing through the server needs the admin token.
    let (ok, out, err) = run(dir.path(), &["sessions", "--server", &base, "--token", ADMIN], &[]).await;
    assert!(ok, "{err}");
    assert!(out.contains(code) && out.contains("Uppdrag Värmland: träff 1"), "{out}");
    let (ok, _, err) = run(dir.path(), &["sessions", "--server", &base, "--token", "fel"], &[]).await;
    assert!(!ok && err.contains("admin token"), "{err}");

    // Stopped the way a service manager stops it: the file is free and read directly.
    let pid = child.id().expect("pid").to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().await.expect("kill -TERM");
    assert!(term.success());
    tokio::time::timeout(WAIT, child.wait()).await.expect("server stops in time").unwrap();
    let (ok, out, err) = run(dir.path(), &["sessions", "--data", data], &[]).await;
    assert!(ok, "{err}");
    assert_eq!(out, format!("{code}\t{date}\t3\tUppdrag Värmland: träff 1\n"));
    let (ok, _, err) =
        run(dir.path(), &["export", "--data", data, "--session", code, "-o", "offline.docx"], &[]).await;
    assert!(ok, "{err}");
    assert!(!err.contains("running server"), "{err}");
    assert_eq!(body_paragraphs(&dir.path().join("offline.docx")), online, "the file and the server agree");
}

#[tokio::test]
async fn export_reads_a_file_left_by_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("krasch.redb");
    let data = data.to_str().unwrap();
    let (mut child, port) = server(data).await;
    let session = meeting(&format!("http://127.0.0.1:{port}")).await;
    child.kill().await.unwrap();
    let code = session["code"].as_str().unwrap();
    // Written to standard output, as a pipe into another tool would take it.
    let (ok, out, err) = run_bytes(
        dir.path(),
        &["export", "--data", data, "--session", code, "--format", "xlsx", "-o", "-"],
        &[],
    )
    .await;
    assert!(ok, "{err}");
    assert!(err.contains("not closed cleanly"), "{err}");
    let sheets = xlsx_sheets(&out);
    let texts: Vec<&str> =
        sheets[1..3].iter().flat_map(|(_, rows)| rows[2..].iter().map(|r| r[5].as_str())).collect();
    assert_eq!(texts, ["Långa avstånd på landsbygden", "Brist på mötesplatser 🙂", "Föreningslivet"]);
    let (ok, _, err) = run(dir.path(), &["export", "--data", data, "--session", "NOSUCH"], &[]).await;
    assert!(!ok && err.contains("no session"), "{err}");
}
