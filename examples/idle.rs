//! Memory per idle phone: starts the release binary, opens many idle phone websockets, and
//! reads the server's resident memory (VmRSS) before and after.
//!
//! Run: `cargo build --release && cargo run --release --example idle -- [phones]` (default
//! 5000). Linux only (reads /proc). Loopback only; it stops by itself.

use std::process::Stdio;
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

const ADMIN: &str = "idle-admin-token-0123456789abcdef";

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[tokio::main]
async fn main() {
    let phones: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let binary = std::env::current_exe()
        .expect("exe")
        .parent()
        .and_then(|examples| examples.parent())
        .map(|release| release.join("inspel"))
        .expect("target dir");
    assert!(binary.exists(), "build the server first: cargo build --release");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = tokio::process::Command::new(&binary)
        .args(["--addr", "127.0.0.1:0", "--admin-token", ADMIN, "--data"])
        .arg(dir.path().join("idle.redb"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn server");
    let pid = child.id().expect("pid");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .expect("banner in time")
        .expect("read")
        .expect("banner");
    let addr = first.rsplit(' ').next().expect("addr").to_string();

    let session: Value = reqwest::Client::new()
        .post(format!("http://{addr}/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!({"title": "Idle", "questions": ["Fråga?"]}))
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("json");
    let code = session["code"].as_str().expect("code").to_string();

    let before = rss_kib(pid);
    let mut sockets = Vec::with_capacity(phones);
    for p in 0..phones {
        let url = format!("ws://{addr}/ws/join/{code}?participant=idle-{p}");
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("phone");
        // The hello means the server has set the socket up completely.
        let _hello = tokio::time::timeout(Duration::from_secs(10), ws.next()).await.expect("hello");
        sockets.push(ws);
    }
    let after = rss_kib(pid);
    let per = (after.saturating_sub(before)) as f64 * 1024.0 / phones as f64;
    println!("inspel idle: {phones} phone websockets open");
    println!("  server RSS before: {before} KiB, after: {after} KiB");
    println!("  per idle phone:    {:.1} KB", per / 1000.0);
    drop(sockets);
    child.kill().await.expect("kill");
}
