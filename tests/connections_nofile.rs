//! The outside tester's case: at a low open-file limit, a crowd of idle connections must not
//! take the server off the air. The real binary runs under `prlimit`; it raises its soft limit
//! to the hard one, sizes its connection cap below it, refuses the excess with a clear 503 and
//! keeps answering, without a stream of "Too many open files".

mod common;

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{WAIT, assert_error};
use inspel::limits::{FD_RESERVE, MAX_REFUSALS_IN_FLIGHT};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio::sync::{mpsc, watch};

const TOKEN: &str = "nofile-admin-token-0123456789abcdef";
const SOFT: u64 = 128;
const HARD: u64 = 256;
const CLIENTS: usize = 300;

/// What became of one client connection.
enum Outcome {
    /// The server kept it open without answering: it holds a slot.
    Held(TcpStream),
    /// The server answered and closed: the raw answer.
    Answered(Vec<u8>),
}

/// Connects and sends half a request (the headers never end), then waits briefly for an answer.
async fn half_open(addr: String) -> Outcome {
    let mut s = TcpStream::connect(&addr).await.expect("connect");
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n").await.expect("write");
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    match tokio::time::timeout(Duration::from_millis(1_500), s.read(&mut buf)).await {
        Err(_) => return Outcome::Held(s),
        Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        Ok(Err(_)) => {}
    }
    let _ = tokio::time::timeout(WAIT, s.read_to_end(&mut got)).await;
    Outcome::Answered(got)
}

/// Removes terminal colour codes, in case the log has them.
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// When the server wrote a log line.
fn stamp(line: &str) -> jiff::Timestamp {
    line.split_whitespace().next().and_then(|t| t.parse().ok()).unwrap_or_else(|| panic!("no time in {line}"))
}

/// The number after `key=` in a log line.
fn field(line: &str, key: &str) -> Option<u64> {
    let rest = line.split(&format!("{key}=")).nth(1)?;
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// The binary running under `prlimit`, with its log collected.
struct Running {
    child: Child,
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
    /// `max_connections` and `open_files` from the start-up line.
    cap: usize,
    open_files: Option<u64>,
    /// Receives every log line that mentions "Too many open files".
    emfile: mpsc::UnboundedReceiver<String>,
    _dir: tempfile::TempDir,
}

impl Running {
    fn emfile_lines(&self) -> usize {
        self.log.lock().unwrap().iter().filter(|l| l.contains("Too many open files")).count()
    }
}

/// Starts the binary with open-file limit `soft:hard`; `None` when `prlimit` is missing.
async fn start_under(soft: u64, hard: u64, header_timeout_secs: u64) -> Option<Running> {
    if std::process::Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `prlimit` is not installed, so the open-file limit cannot be set");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new("prlimit")
        .arg(format!("--nofile={soft}:{hard}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_inspel"))
        .args(["--addr", "127.0.0.1:0", "--admin-token", TOKEN, "--data"])
        .arg(dir.path().join("nofile.redb"))
        .arg("--header-timeout-secs")
        .arg(header_timeout_secs.to_string())
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .env_remove("INSPEL_MAX_CONNECTIONS")
        .env_remove("INSPEL_PUBLIC_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn prlimit");

    // The log: kept whole; the start-up line and "Too many open files" lines passed on.
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let (cap_tx, cap_rx) = tokio::sync::oneshot::channel();
    let (emfile_tx, emfile) = mpsc::unbounded_channel();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let kept = log.clone();
    tokio::spawn(async move {
        let mut cap_tx = Some(cap_tx);
        while let Ok(Some(line)) = stderr.next_line().await {
            let line = plain(&line);
            if line.contains("accepting connections")
                && let Some(tx) = cap_tx.take()
            {
                let _ = tx.send((field(&line, "max_connections"), field(&line, "open_files")));
            }
            if line.contains("Too many open files") {
                let _ = emfile_tx.send(line.clone());
            }
            kept.lock().unwrap().push(line);
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let prefix = format!("inspel {} listening on ", env!("CARGO_PKG_VERSION"));
    let addr = tokio::time::timeout(WAIT, async {
        loop {
            let line = stdout.next_line().await.unwrap().expect("inspel exited before listening");
            if let Some(a) = line.strip_prefix(&prefix) {
                return a.trim().to_string();
            }
        }
    })
    .await
    .expect("banner in time");
    tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
    let (cap, open_files) = tokio::time::timeout(WAIT, cap_rx).await.expect("start-up log line").unwrap();
    let cap = cap.expect("max_connections in the log") as usize;
    Some(Running { child, addr, log, cap, open_files, emfile, _dir: dir })
}

/// Asks for /healthz until it is 200; fails after [`WAIT`].
async fn healthz_200_in_time(http: &reqwest::Client, url: &str) {
    let deadline = Instant::now() + WAIT;
    while http.get(url).send().await.map(|r| r.status().as_u16()).ok() != Some(200) {
        assert!(Instant::now() < deadline, "/healthz not 200 in time");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_idle_connections_at_an_open_file_limit_of_256() {
    let Some(mut run) = start_under(SOFT, HARD, 5).await else { return };
    let started = Instant::now();
    let (addr, cap) = (run.addr.clone(), run.cap);
    assert_eq!(run.open_files, Some(HARD), "the soft limit is raised to the hard one");
    assert_eq!(cap as u64, HARD - FD_RESERVE - MAX_REFUSALS_IN_FLIGHT as u64);

    // The crowd: each connection sends half a request and waits.
    let mut crowd = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        crowd.spawn(half_open(addr.clone()));
        tokio::task::yield_now().await;
    }
    let mut held = Vec::new();
    let mut refused = 0;
    let mut closed = 0;
    while let Some(outcome) = tokio::time::timeout(WAIT, crowd.join_next()).await.expect("crowd in time") {
        match outcome.unwrap() {
            Outcome::Held(s) => held.push(s),
            Outcome::Answered(raw) if raw.is_empty() => closed += 1,
            Outcome::Answered(raw) => {
                let text = String::from_utf8_lossy(&raw);
                let (head, body) =
                    text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no answer: {text:?}"));
                assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
                assert!(head.contains("retry-after: 5"), "{head}");
                assert_error(&serde_json::from_str::<Value>(body).unwrap(), "too_many_connections");
                refused += 1;
            }
        }
    }
    eprintln!("{} held, {refused} refused, {closed} closed unanswered, cap {cap}", held.len());
    assert_eq!(closed, 0, "no connection is cut off without an answer");
    assert_eq!(held.len(), cap, "every slot is used");
    assert_eq!(refused, CLIENTS - cap, "every other connection is refused with the 503");

    // Full, yet on the air: an answer at once, and 200 as soon as the header timeout frees slots.
    let http = reqwest::Client::builder().timeout(WAIT).build().unwrap();
    let healthz = format!("http://{addr}/healthz");
    let asked = Instant::now();
    let first = http.get(&healthz).send().await.expect("an answer while full");
    assert_eq!(first.status(), 503);
    assert!(asked.elapsed() < Duration::from_secs(2), "answered in {:?}", asked.elapsed());
    healthz_200_in_time(&http, &healthz).await;

    // Everything works once the crowd leaves.
    drop(held);
    let resp = http
        .post(format!("http://{addr}/api/sessions"))
        .bearer_auth(TOKEN)
        .json(&json!({"title": "Efter trängseln", "questions": ["Hur gick det?"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(http.get(&healthz).send().await.unwrap().status(), 200);

    let elapsed = started.elapsed().as_secs() + 1;
    run.child.start_kill().unwrap();
    let _ = tokio::time::timeout(WAIT, run.child.wait()).await;
    let log = run.log.lock().unwrap().clone();
    let emfile = run.emfile_lines();
    let cap_warnings = log.iter().filter(|l| l.contains("connection cap reached")).count();
    eprintln!("log: {} lines, {emfile} with 'Too many open files', {cap_warnings} cap warnings", log.len());
    assert_eq!(emfile, 0, "the cap leaves the descriptors the server needs: {log:#?}");
    assert!(
        cap_warnings as u64 <= elapsed,
        "at most one cap warning a second: {cap_warnings} in {elapsed} s"
    );
    assert!(run.emfile.try_recv().is_err());
}

/// Below any sensible limit the cap cannot keep accepting within it: refusals in flight run the
/// server out of descriptors. It must pause, warn at most once a second, and recover.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_descriptors_the_loop_pauses_warns_once_a_second_and_recovers() {
    let Some(mut run) = start_under(20, 20, 2).await else { return };
    let started = Instant::now();
    assert_eq!(run.cap, 1, "the floor");
    let (release_tx, release) = watch::channel(false);
    let mut crowd = tokio::task::JoinSet::new();
    for _ in 0..60 {
        let (addr, mut release) = (run.addr.clone(), release.clone());
        crowd.spawn(async move {
            let mut s = TcpStream::connect(&addr).await.expect("connect");
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n").await.expect("write");
            // Keep the socket until told, so the server's refusals hold their descriptors
            // until their timeout.
            let _ = release.wait_for(|r| *r).await;
        });
    }
    let first = tokio::time::timeout(WAIT, run.emfile.recv()).await.expect("out of descriptors").unwrap();
    // Still out of descriptors: the next warning waits a second and counts the pauses between,
    // about ten at one per 100 ms; a spinning loop would count thousands.
    let Ok(Some(second)) = tokio::time::timeout(WAIT, run.emfile.recv()).await else {
        panic!("no second warning: {:#?}", run.log.lock().unwrap());
    };
    let gap = Duration::try_from(stamp(&second).duration_since(stamp(&first))).unwrap();
    let repeats = field(&second, "repeats").expect("repeats in the warning");
    eprintln!("second warning after {gap:?}: {second}");
    assert!(gap >= Duration::from_millis(990), "warned again after {gap:?}");
    assert!(repeats <= 2 * 1_000 / inspel::limits::ACCEPT_ERROR_BACKOFF_MS, "spinning: {second}");
    release_tx.send(true).unwrap();
    while let Some(done) = tokio::time::timeout(WAIT, crowd.join_next()).await.expect("crowd done in time") {
        done.unwrap();
    }

    let http = reqwest::Client::builder().timeout(WAIT).build().unwrap();
    healthz_200_in_time(&http, &format!("http://{}/healthz", run.addr)).await;
    let elapsed = started.elapsed().as_secs() + 1;
    let emfile = run.emfile_lines();
    eprintln!("{emfile} 'Too many open files' lines in {elapsed} s");
    assert!(emfile as u64 <= elapsed, "at most one a second: {emfile} in {elapsed} s");
    run.child.start_kill().unwrap();
}
