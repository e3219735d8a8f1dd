//! The real binary as people start it: what it prints, the admin token it keeps, its health
//! check, and that logs never carry a token.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::WAIT;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};

struct Running {
    child: Child,
    port: u16,
    lines: Vec<String>,
    /// Standard error, read all along so a chatty log (RUST_LOG=trace) never fills the pipe
    /// and stalls the server; ends when the process does.
    stderr: tokio::task::JoinHandle<String>,
}

/// Starts the binary and reads its banner (four lines) from stdout.
async fn spawn(args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_inspel"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
    cmd.env_remove("INSPEL_ADMIN_TOKEN").env_remove("INSPEL_ADDR").env_remove("INSPEL_DATA");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn inspel");
    let mut err = child.stderr.take().expect("stderr");
    let stderr = tokio::spawn(async move {
        let mut text = String::new();
        let _ = err.read_to_string(&mut text).await;
        text
    });
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout).lines();
    let mut lines = Vec::new();
    tokio::time::timeout(WAIT, async {
        while lines.len() < 4 {
            let line = reader.next_line().await.expect("read").expect("banner line");
            lines.push(line);
        }
    })
    .await
    .expect("banner in time");
    let port = lines[0].rsplit(':').next().and_then(|p| p.parse().ok()).expect("port in first line");
    Running { child, port, lines, stderr }
}

fn admin_token(lines: &[String]) -> String {
    let admin = lines.iter().find(|l| l.contains("Admin:")).expect("admin line");
    admin.split("#token=").nth(1).expect("token in admin url").trim().to_string()
}

#[tokio::test]
async fn banner_admin_token_persists_and_healthcheck() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("cli.redb");
    let data = data.to_str().unwrap();

    // Listening on all interfaces: the printed address is the LAN address, never 0.0.0.0.
    let mut first = spawn(&["--addr", "0.0.0.0:0", "--data", data], &[]).await;
    assert!(first.lines[0].contains("listening on 0.0.0.0:"), "{:?}", first.lines);
    let phones_line = &first.lines[1];
    assert!(phones_line.contains("http://"), "{phones_line}");
    assert!(!phones_line.contains("0.0.0.0"), "phones need a reachable address: {phones_line}");
    let token = admin_token(&first.lines);
    assert!(token.len() >= 26, "at least 128 bits: {token}");

    // The admin token works, and the health check (as Docker runs it) says healthy.
    let base = format!("http://127.0.0.1:{}", first.port);
    let http = reqwest::Client::builder().timeout(WAIT).build().unwrap();
    let resp = http.get(format!("{base}/api/sessions")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let addr = format!("127.0.0.1:{}", first.port);
    let ok = Command::new(env!("CARGO_BIN_EXE_inspel")).args(["--healthcheck", "--addr", &addr]).status();
    assert!(tokio::time::timeout(WAIT, ok).await.unwrap().unwrap().success());
    first.child.kill().await.unwrap();

    // Nothing listens there now: the health check fails.
    let down = Command::new(env!("CARGO_BIN_EXE_inspel")).args(["--healthcheck", "--addr", &addr]).status();
    assert!(!tokio::time::timeout(WAIT, down).await.unwrap().unwrap().success());

    // A restart on the same file prints the same admin token.
    let mut second = spawn(&["--addr", "127.0.0.1:0", "--data", data], &[]).await;
    assert_eq!(admin_token(&second.lines), token);
    second.child.kill().await.unwrap();
}

#[tokio::test]
async fn env_twins_are_respected() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("env.redb");
    let env = [
        ("INSPEL_ADDR", "127.0.0.1:0"),
        ("INSPEL_DATA", data.to_str().unwrap()),
        ("INSPEL_ADMIN_TOKEN", "env-admin-token-with-enough-entropy-1"),
        ("INSPEL_PUBLIC_URL", "https://dialog.example.se/"),
    ];
    let mut run = spawn(&[], &env).await;
    assert!(run.lines[1].contains("https://dialog.example.se"), "{:?}", run.lines);
    assert_eq!(admin_token(&run.lines), "env-admin-token-with-enough-entropy-1");
    // Links and QR codes use the public URL.
    let http = reqwest::Client::builder().timeout(WAIT).build().unwrap();
    let base = format!("http://127.0.0.1:{}", run.port);
    let s: serde_json::Value = http
        .post(format!("{base}/api/sessions"))
        .bearer_auth("env-admin-token-with-enough-entropy-1")
        .json(&json!({"title": "Proxy", "questions": ["Fråga?"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(s["join_url"].as_str().unwrap().starts_with("https://dialog.example.se/j/"), "{s}");
    assert!(data.exists(), "INSPEL_DATA names the file used");
    run.child.kill().await.unwrap();
}

#[tokio::test]
async fn logs_never_contain_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("log.redb");
    let admin = "log-admin-token-abcdefghijklmnopqrstu";
    let args = ["--addr", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--admin-token", admin];
    let mut run = spawn(&args, &[("RUST_LOG", "trace")]).await;
    let base = format!("http://127.0.0.1:{}", run.port);
    let http = reqwest::Client::builder().timeout(WAIT).build().unwrap();
    let s: serde_json::Value = http
        .post(format!("{base}/api/sessions"))
        .bearer_auth(admin)
        .json(&json!({"title": "Logg", "questions": ["Fråga?"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let tokens: Vec<String> = ["facilitator_token", "secretary_token", "wall_token"]
        .iter()
        .map(|k| s[*k].as_str().unwrap().to_string())
        .chain([admin.to_string()])
        .collect();
    // Use every token the way clients do: headers, and the wall token in a websocket query.
    let id = s["id"].as_str().unwrap();
    for t in &tokens {
        let _ = http.get(format!("{base}/api/sessions/{id}")).bearer_auth(t).send().await.unwrap();
    }
    let ws = format!("ws://127.0.0.1:{}/ws/wall/{id}?token={}", run.port, tokens[2]);
    let (mut wall, _) =
        tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(ws)).await.unwrap().unwrap();
    common::next_of(&mut wall, "hello").await;
    drop(wall);
    // A request after the others, so their log lines are written before we stop the server.
    let _ = http.get(format!("{base}/healthz")).send().await.unwrap();
    run.child.start_kill().unwrap();
    let stderr = tokio::time::timeout(Duration::from_secs(10), run.stderr).await.unwrap().unwrap();
    assert!(stderr.contains("/healthz"), "trace logging was on: {stderr}");
    for t in &tokens {
        assert!(!stderr.contains(t.as_str()), "a token leaked into the log:\n{stderr}");
    }
}
