//! Targeted measurements of one cost each, against the release server as its own process, so
//! the server's CPU time and memory are read from /proc apart from the clients'. Used to confirm
//! a cause before changing it and to measure the change (docs/performance.md, "Fixes").
//!
//! Build first: `cargo build --release --bin inspel --example perf_probe`, then one of
//!
//! - `perf_probe connect [phones]` (5000): idle phones connecting 64 at a time; server CPU to
//!   connect them and RSS per socket.
//! - `perf_probe fanout [walls] [contributions]` (500 2000): walls following one session while
//!   phones submit; server CPU per wall frame and how long until every wall had everything.
//! - `perf_probe burst [phones]` (3000): every phone submits once at the same moment; server
//!   threads (peak), context switches and CPU, ack latency.
//! - `perf_probe cloud [contributions]` (49999): one question of that many cards; the time of
//!   ten word-cloud requests in a row, then of ten at once after one more contribution, and
//!   the server CPU they took.
//! - `perf_probe start [contributions]` (200000): a file of that many contributions, the server
//!   killed with SIGKILL while running, then the time until it serves again and its RSS.
//!
//! Phones are spread over 127.0.0.2… (200 per address), like a hall of phones behind several
//! addresses, so the per-address limits do not shape the figures. Linux only; loopback only.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

mod file;
use file::{cloud, start};

const ADMIN: &str = "probe-admin-token-0123456789abcdef";
const PER_ADDRESS: usize = 200;
const CONNECT_AT_ONCE: usize = 64;

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

fn arg(n: usize, default: usize) -> usize {
    std::env::args().nth(n).and_then(|a| a.parse().ok()).unwrap_or(default)
}

/// A field of /proc/<pid>/status, in its own unit (kB for memory).
fn status_field(path: &str, field: &str) -> u64 {
    let status = std::fs::read_to_string(path).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn rss_kib(pid: u32) -> u64 {
    status_field(&format!("/proc/{pid}/status"), "VmRSS:")
}

/// CPU seconds (user + system, all threads) the process has used.
fn cpu_secs(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Context switches of every live thread of the process.
fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return 0 };
    tasks
        .flatten()
        .map(|t| {
            let p = t.path().join("status");
            let p = p.to_string_lossy();
            status_field(&p, "voluntary_ctxt_switches:") + status_field(&p, "nonvoluntary_ctxt_switches:")
        })
        .sum()
}

fn threads(pid: u32) -> u64 {
    status_field(&format!("/proc/{pid}/status"), "Threads:")
}

struct Server {
    child: tokio::process::Child,
    pid: u32,
    addr: String,
    started: Duration,
}

async fn start_server(data: &std::path::Path) -> Server {
    // INSPEL_BIN compares another build (say, one from before a change) on the same probe.
    let binary = match std::env::var_os("INSPEL_BIN") {
        Some(b) => std::path::PathBuf::from(b),
        None => std::env::current_exe()
            .expect("exe")
            .parent()
            .and_then(|examples| examples.parent())
            .map(|release| release.join("inspel"))
            .expect("target dir"),
    };
    assert!(binary.exists(), "build the server first: cargo build --release --bin inspel");
    let t0 = Instant::now();
    let mut child = tokio::process::Command::new(&binary)
        .args(["--addr", "127.0.0.1:0", "--admin-token", ADMIN, "--max-connections", "20000", "--data"])
        .arg(data)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn server");
    let pid = child.id().expect("pid");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = tokio::time::timeout(Duration::from_secs(120), lines.next_line())
        .await
        .expect("banner in time")
        .expect("read")
        .expect("banner");
    let started = t0.elapsed();
    let addr = first.rsplit(' ').next().expect("addr").to_string();
    // Keep reading stdout so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child, pid, addr, started }
}

async fn create_session(addr: &str) -> Value {
    reqwest::Client::new()
        .post(format!("http://{addr}/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!({"title": "Probe", "questions": ["Vad tänker du?"], "tables": ["Bord 1"]}))
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("json")
}

/// A websocket from the `n`th client address, after its first message (the hello).
async fn open(addr: &str, path: &str, n: usize) -> Ws {
    let server: SocketAddr = addr.parse().expect("addr");
    let local = Ipv4Addr::new(127, 0, (2 + n / PER_ADDRESS / 250) as u8, (2 + n / PER_ADDRESS % 250) as u8);
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.bind(SocketAddr::new(IpAddr::V4(local), 0)).expect("bind");
    let stream = socket.connect(server).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let url = format!("ws://{addr}{path}");
    let (mut ws, _) =
        tokio_tungstenite::client_async(url, MaybeTlsStream::Plain(stream)).await.expect("websocket");
    let hello = tokio::time::timeout(Duration::from_secs(30), ws.next()).await.expect("hello in time");
    assert!(matches!(hello, Some(Ok(Message::Text(_)))), "no hello: {hello:?}");
    ws
}

async fn open_phones(addr: &str, code: &str, phones: usize) -> Vec<Ws> {
    futures_util::stream::iter(0..phones)
        .map(|p| {
            let path = format!("/ws/join/{code}?participant=probe-{p}");
            async move { open(addr, &path, p).await }
        })
        .buffered(CONNECT_AT_ONCE)
        .collect()
        .await
}

async fn connect(phones: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_server(&dir.path().join("probe.redb")).await;
    let session = create_session(&server.addr).await;
    let code = session["code"].as_str().expect("code");
    // One phone first, so what every server keeps once (buffers, tables) is not counted.
    let warm = open_phones(&server.addr, code, 1).await;
    let (cpu0, rss0) = (cpu_secs(server.pid), rss_kib(server.pid));
    let t0 = Instant::now();
    let sockets = open_phones(&server.addr, code, phones).await;
    let elapsed = t0.elapsed();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (cpu1, rss1) = (cpu_secs(server.pid), rss_kib(server.pid));
    println!("connect: {phones} idle phones, {CONNECT_AT_ONCE} at a time, in {:.2} s", elapsed.as_secs_f64());
    println!(
        "  server CPU to connect them: {:.2} s ({:.0} µs per phone)",
        cpu1 - cpu0,
        (cpu1 - cpu0) * 1e6 / phones as f64
    );
    println!(
        "  server RSS {rss0} -> {rss1} KiB: {:.1} KiB per idle phone",
        (rss1.saturating_sub(rss0)) as f64 / phones as f64
    );
    drop((sockets, warm));
}

async fn submit(ws: &mut Ws, text: &str) -> Duration {
    let id = uuid::Uuid::new_v4().to_string();
    let msg = json!({"type": "submit", "id": id, "question_id": "q1", "text": text, "table": "Bord 1"});
    let sent = Instant::now();
    ws.send(Message::text(msg.to_string())).await.expect("send");
    loop {
        match tokio::time::timeout(Duration::from_secs(60), ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) if t.contains("\"ack\"") => return sent.elapsed(),
            Ok(Some(Ok(Message::Text(t)))) if t.contains("\"error\"") => panic!("refused: {t}"),
            Ok(Some(Ok(_))) => {}
            other => panic!("phone socket failed: {other:?}"),
        }
    }
}

fn text(n: usize) -> String {
    let words = ["skolan", "barnen", "trygghet", "föreningslivet", "kommunen", "fritid", "hälsa"];
    (0..).map(|i| words[(i * 7 + n) % words.len()]).take(30).collect::<Vec<_>>().join(" ")[..200].to_string()
}

async fn fanout(walls: usize, contributions: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_server(&dir.path().join("probe.redb")).await;
    let session = create_session(&server.addr).await;
    let (id, code, token) = (
        session["id"].as_str().expect("id"),
        session["code"].as_str().expect("code"),
        session["wall_token"].as_str().expect("token"),
    );
    let done = Arc::new(AtomicUsize::new(0));
    let mut wall_tasks = Vec::new();
    for w in 0..walls {
        let ws = open(&server.addr, &format!("/ws/wall/{id}?token={token}"), w).await;
        let done = done.clone();
        wall_tasks.push(tokio::spawn(async move {
            let mut ws = ws;
            let mut seen = 0;
            while seen < contributions {
                match tokio::time::timeout(Duration::from_secs(120), ws.next()).await {
                    Ok(Some(Ok(Message::Text(t)))) if t.contains("contribution_added") => seen += 1,
                    Ok(Some(Ok(_))) => {}
                    other => panic!("wall failed after {seen}: {other:?}"),
                }
            }
            done.fetch_add(1, Ordering::Relaxed);
            (ws, Instant::now())
        }));
    }
    let phones = contributions.div_ceil(10);
    let sockets = open_phones(&server.addr, code, phones).await;
    let cpu0 = cpu_secs(server.pid);
    let t0 = Instant::now();
    let mut left = contributions;
    let mut tasks = Vec::new();
    for (p, mut ws) in sockets.into_iter().enumerate() {
        let mine = left.min(10);
        left -= mine;
        tasks.push(tokio::spawn(async move {
            for _ in 0..mine {
                submit(&mut ws, &text(p)).await;
            }
            ws
        }));
    }
    let mut kept = Vec::new();
    for t in tasks {
        kept.push(t.await.expect("phone"));
    }
    let mut last = t0;
    let mut wall_sockets = Vec::new();
    for t in wall_tasks {
        let (ws, at) = t.await.expect("wall");
        last = last.max(at);
        wall_sockets.push(ws);
    }
    let cpu = cpu_secs(server.pid) - cpu0;
    let frames = walls * contributions;
    let secs = last.duration_since(t0).as_secs_f64();
    println!("fanout: {walls} walls × {contributions} contributions = {frames} wall frames");
    println!("  every wall had everything after {secs:.2} s: {:.0} frames/s", frames as f64 / secs);
    println!("  server CPU: {cpu:.2} s, {:.1} µs per wall frame", cpu * 1e6 / frames as f64);
    let size = std::fs::metadata(dir.path().join("probe.redb")).map(|m| m.len()).unwrap_or(0);
    println!("  file: {size} bytes, {:.0} per contribution", size as f64 / contributions as f64);
}

async fn burst(phones: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_server(&dir.path().join("probe.redb")).await;
    let session = create_session(&server.addr).await;
    let code = session["code"].as_str().expect("code");
    let sockets = open_phones(&server.addr, code, phones).await;
    let pid = server.pid;
    let stop = Arc::new(AtomicBool::new(false));
    let peak = std::thread::spawn({
        let stop = stop.clone();
        move || {
            let mut peak = 0;
            while !stop.load(Ordering::Relaxed) {
                peak = peak.max(threads(pid));
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        }
    });
    let (cpu0, cs0, th0) = (cpu_secs(pid), context_switches(pid), threads(pid));
    let go = Arc::new(tokio::sync::Barrier::new(phones));
    let t0 = Instant::now();
    let tasks: Vec<_> = sockets
        .into_iter()
        .enumerate()
        .map(|(p, mut ws)| {
            let go = go.clone();
            tokio::spawn(async move {
                go.wait().await;
                (submit(&mut ws, &text(p)).await, ws)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut kept = Vec::new();
    for t in tasks {
        let (l, ws) = t.await.expect("phone");
        latencies.push(l);
        kept.push(ws);
    }
    let elapsed = t0.elapsed();
    let (cpu1, cs1) = (cpu_secs(pid), context_switches(pid));
    stop.store(true, Ordering::Relaxed);
    let peak = peak.join().unwrap_or(0);
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    println!(
        "burst: {phones} phones submit once at the same moment, all acked in {:.2} s",
        elapsed.as_secs_f64()
    );
    println!("  server threads: {th0} before, {peak} at most");
    println!("  server context switches: {}, CPU {:.2} s", cs1.saturating_sub(cs0), cpu1 - cpu0);
    println!("  ack p50 {:.1} ms · p99 {:.1} ms · max {:.1} ms", pct(0.5), pct(0.99), pct(1.0));
}

#[tokio::main]
async fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
        "connect" => connect(arg(2, 5000)).await,
        "fanout" => fanout(arg(2, 500), arg(3, 2000)).await,
        "burst" => burst(arg(2, 3000)).await,
        "start" => start(arg(2, 200_000)).await,
        "cloud" => cloud(arg(2, 49_999)).await,
        _ => eprintln!("usage: perf_probe connect|fanout|burst|cloud|start [n…] (see the file's header)"),
    }
}
