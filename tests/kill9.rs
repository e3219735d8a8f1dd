//! Nothing acknowledged is lost: the real binary is killed with SIGKILL while phones are still
//! submitting, restarted on the same file, and everything it acknowledged must be there once,
//! with a gap-free event log and the same session, code and tokens. Several rounds in one test.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use common::*;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

const TOKEN: &str = "kill9-admin-token-0123456789abcdef";
const ROUNDS: usize = 3;
/// Acks to wait for in a round before the kill.
const ACKS_BEFORE_KILL: usize = 200;
const SUBMITTERS: usize = 8;
/// Far more than a round needs, so every submitter is still busy when the kill comes.
const MAX_PER_SUBMITTER: usize = 5_000;

/// A contribution the server acknowledged (201).
#[derive(Clone, Debug)]
struct Acked {
    id: String,
    question_id: String,
    text: String,
}

struct Running {
    child: Child,
    addr: String,
    base: String,
    http: reqwest::Client,
}

/// Starts the binary on `data` and learns its port from the line it prints when listening.
async fn start(data: &Path) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_inspel"))
        .args(["--addr", "127.0.0.1:0", "--admin-token", TOKEN, "--data"])
        .arg(data)
        .env("RUST_LOG", "warn")
        .env_remove("INSPEL_PUBLIC_URL")
        .env_remove("INSPEL_SEND_TIMEOUT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn inspel");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let prefix = format!("inspel {} listening on ", env!("CARGO_PKG_VERSION"));
    let addr = tokio::time::timeout(WAIT, async {
        for _ in 0..100 {
            let line = lines.next_line().await.expect("read stdout").expect("inspel exited before listening");
            if let Some(addr) = line.strip_prefix(&prefix) {
                return addr.trim().to_string();
            }
        }
        panic!("no listening line in 100 lines");
    })
    .await
    .expect("inspel listens in time");
    // Keep reading stdout so a full pipe can never block the server.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let http = reqwest::Client::builder().timeout(WAIT).build().expect("client");
    Running { child, base: format!("http://{addr}"), addr, http }
}

/// How a submitter stopped.
#[derive(Debug, PartialEq)]
enum Stopped {
    /// The connection failed: the server is gone. Expected after the kill.
    ServerGone,
    /// Ran out of its budget before the kill: the kill would not have been mid-flood.
    Budget,
    /// An answer other than 201 while the server ran.
    Status(u16, String),
}

/// Submits until the server goes away, recording each acknowledged contribution. A few per
/// participant id, so the per-phone burst (10) is never reached.
async fn submitter(
    run: (reqwest::Client, String, String),
    label: String,
    acked: Arc<Mutex<Vec<Acked>>>,
    count: watch::Sender<usize>,
) -> Stopped {
    let (http, base, code) = run;
    for j in 0..MAX_PER_SUBMITTER {
        let participant = format!("{label}-{}", j / 5);
        let a = Acked {
            id: uuid(),
            question_id: if j % 2 == 0 { "q1" } else { "q2" }.to_string(),
            text: format!("{label} nr {j}: trygga skolvägar och fler fritidsgårdar"),
        };
        let body = json!({"id": a.id, "question_id": a.question_id, "text": a.text});
        let sent = http
            .post(format!("{base}/api/join/{code}/contributions"))
            .header("x-inspel-participant", participant)
            .json(&body)
            .send()
            .await;
        // The status line is the ack: it is only sent after the durable commit.
        match sent {
            Ok(resp) if resp.status() == 201 => {
                acked.lock().unwrap().push(a);
                count.send_modify(|n| *n += 1);
            }
            Ok(resp) => {
                return Stopped::Status(resp.status().as_u16(), resp.text().await.unwrap_or_default());
            }
            Err(_) => return Stopped::ServerGone,
        }
    }
    Stopped::Budget
}

/// Runs the submitters until at least [`ACKS_BEFORE_KILL`] acks, then SIGKILLs the server.
async fn flood_and_kill(mut run: Running, session: &Value, round: usize, acked: &Arc<Mutex<Vec<Acked>>>) {
    let before = acked.lock().unwrap().len();
    let (count, mut seen) = watch::channel(0usize);
    let code = session["code"].as_str().unwrap().to_string();
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..SUBMITTERS {
        let target = (run.http.clone(), run.base.clone(), code.clone());
        tasks.spawn(submitter(target, format!("r{round}-w{w}"), acked.clone(), count.clone()));
    }
    tokio::time::timeout(WAIT * 3, seen.wait_for(|n| *n >= ACKS_BEFORE_KILL))
        .await
        .expect("enough acks in time")
        .expect("counter");
    run.child.start_kill().expect("SIGKILL");
    let status = tokio::time::timeout(WAIT, run.child.wait()).await.expect("killed in time").expect("wait");
    #[cfg(unix)]
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(9), "{status}");
    let mut stops = Vec::new();
    while let Some(done) = tokio::time::timeout(WAIT, tasks.join_next()).await.expect("submitters stop") {
        stops.push(done.expect("submitter"));
    }
    assert!(stops.iter().all(|s| *s == Stopped::ServerGone), "round {round}: {stops:?}");
    let after = acked.lock().unwrap().len();
    eprintln!("round {round}: {} acked before the kill", after - before);
}

/// Everything acknowledged so far is stored once, the log is whole and agrees with the export,
/// retries are recognised, and the old code and tokens still work.
async fn verify(run: &Running, session: &Value, acked: &mut Vec<Acked>) {
    let (id, code) = (session["id"].as_str().unwrap(), session["code"].as_str().unwrap());
    let export = export_json(&run.http, &run.base, session).await;
    let rows: HashMap<String, &Value> = export["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().into(), r))
        .collect();
    let ids = export_ids(&export);
    assert_eq!(rows.len(), ids.len(), "an id appears twice in the export");
    eprintln!("after restart: {} stored, {} of them acknowledged", ids.len(), acked.len());
    for a in acked.iter() {
        let row = rows.get(&a.id).unwrap_or_else(|| panic!("acked {} lost", a.id));
        assert_eq!(
            (row["question_id"].as_str(), row["text"].as_str()),
            (Some(&*a.question_id), Some(&*a.text))
        );
    }

    // The log from the start: seqs 1..=N without gaps, its contributions exactly the export's.
    let wall_token = session["wall_token"].as_str().unwrap();
    let mut wall = connect_ws(&format!("ws://{}/ws/wall/{id}?token={wall_token}&since=0", run.addr)).await;
    let hello = next_of(&mut wall, "hello").await;
    assert_eq!(hello["session"]["code"], code);
    let n = hello["seq"].as_u64().unwrap();
    let log = events_until(&mut wall, n).await;
    assert_seqs(&log, 1, n);
    assert_eq!(log[0]["kind"], "session_created");
    let logged: Vec<&Value> =
        log.iter().filter(|e| e["kind"] == "contribution_added").map(|e| &e["contribution"]).collect();
    assert_eq!(logged.len(), ids.len(), "log and export hold as many contributions");
    for (c, e) in logged.iter().zip(log.iter().filter(|e| e["kind"] == "contribution_added")) {
        let row = rows.get(c["id"].as_str().unwrap()).expect("logged contribution is stored");
        assert_eq!(row["text"], c["text"]);
        assert_eq!(c["seq"], e["seq"]);
    }
    assert_eq!(logged.iter().map(|c| c["id"].as_str().unwrap()).collect::<HashSet<_>>().len(), logged.len());

    // Every retry is answered as a duplicate and stores nothing.
    let mut retries = tokio::task::JoinSet::new();
    for chunk in acked.chunks(acked.len().div_ceil(8).max(1)) {
        let (http, base, code, chunk) =
            (run.http.clone(), run.base.clone(), code.to_string(), chunk.to_vec());
        retries.spawn(async move {
            for a in chunk {
                let body = json!({"id": a.id, "question_id": a.question_id, "text": a.text});
                let (status, stored) = contribute_at(&http, &base, &code, Some("retrying"), &body).await;
                assert_eq!((status, stored["id"].as_str()), (200, Some(&*a.id)), "retry of an acked id");
            }
        });
    }
    while let Some(done) = tokio::time::timeout(WAIT, retries.join_next()).await.expect("retries in time") {
        done.expect("retries");
    }
    assert_eq!(export_ids(&export_json(&run.http, &run.base, session).await), ids, "retries added nothing");

    // The old join code takes a new contribution; it joins the acked set for later rounds.
    let a = Acked { id: uuid(), question_id: "q1".into(), text: format!("Efter omstart {}", acked.len()) };
    let body = json!({"id": a.id, "question_id": a.question_id, "text": a.text});
    let (status, stored) = contribute_at(&run.http, &run.base, code, None, &body).await;
    assert_eq!(status, 201, "{stored}");
    assert_eq!(stored["seq"], n + 1, "the log continues where it was");
    acked.push(a);
    let detail = run.http.get(format!("{}/api/sessions/{id}", run.base)).bearer_auth(wall_token).send().await;
    assert_eq!(detail.expect("session").status(), 200, "the old wall token still works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_flood_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("k.redb");
    let body = async {
        let run = start(&data).await;
        let resp = run
            .http
            .post(format!("{}/api/sessions", run.base))
            .bearer_auth(TOKEN)
            .json(
                &json!({"title": "Kommunens trygghetsdialog", "questions": ["Vad fungerar?", "Vad saknas?"]}),
            )
            .send()
            .await
            .expect("create session");
        assert_eq!(resp.status(), 201);
        let session: Value = resp.json().await.expect("session");
        let acked = Arc::new(Mutex::new(Vec::new()));

        let mut run = run;
        for round in 0..ROUNDS {
            flood_and_kill(run, &session, round, &acked).await;
            run = start(&data).await;
            let mut all = acked.lock().unwrap().clone();
            verify(&run, &session, &mut all).await;
            *acked.lock().unwrap() = all;
        }
        let total = acked.lock().unwrap().len();
        assert!(total >= ROUNDS * ACKS_BEFORE_KILL, "{total} acked in all");
        eprintln!("{total} acked over {ROUNDS} kills, all present once after each restart");
    };
    tokio::time::timeout(WAIT * 12, body).await.expect("the whole test within two minutes");
}
