//! The probes that need a large file: written straight into the store's tables (as the
//! server stores contributions), then served by the release server.

use std::time::{Duration, Instant};

use super::{cpu_secs, create_session, open, rss_kib, start_server, submit, text};

/// Writes `n` contributions of 200 characters to one session of the file, as the server
/// stores them (a record and an event each), in transactions of 10,000.
fn seed(path: &std::path::Path, session_id: &str, n: usize) {
    use inspel::model::{Contribution, ContributionRecord, Event, EventKind};
    use inspel::store::{CONTRIBUTION_KEY_TO_RECORD, EVENT_KEY_TO_EVENT, SESSION_ID_TO_CONTRIBUTION_COUNT};
    let db = redb::Database::create(path).expect("open");
    let mut seq = 2u64;
    let mut written = 0;
    while written < n {
        let txn = db.begin_write().expect("write");
        {
            let mut records = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).expect("table");
            let mut events = txn.open_table(EVENT_KEY_TO_EVENT).expect("table");
            for _ in 0..10_000.min(n - written) {
                seq += 1;
                let contribution = Contribution {
                    id: uuid::Uuid::new_v4().to_string(),
                    question_id: "q1".into(),
                    text: text(written),
                    table: Some("Bord 1".into()),
                    perspective: None,
                    created_at: jiff::Timestamp::now(),
                    seq,
                    hidden: false,
                    pending: false,
                    flagged: None,
                    pinned: false,
                    theme_id: None,
                    merged_into: None,
                    late: false,
                };
                let key = (session_id, contribution.id.clone());
                let record = ContributionRecord {
                    contribution: contribution.clone(),
                    participant: Some(format!("p{written}")),
                };
                records
                    .insert((key.0, key.1.as_str()), inspel::store::encode_record(&record).as_slice())
                    .expect("insert");
                let event = Event {
                    seq,
                    at: contribution.created_at,
                    kind: EventKind::ContributionAdded { contribution },
                };
                events
                    .insert(
                        (session_id, seq),
                        inspel::store::encode_event(&event).expect("encode").as_slice(),
                    )
                    .expect("insert");
                written += 1;
            }
            txn.open_table(SESSION_ID_TO_CONTRIBUTION_COUNT)
                .expect("table")
                .insert(session_id, written as u64)
                .expect("count");
        }
        txn.commit().expect("commit");
    }
}

pub async fn cloud(contributions: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("probe.redb");
    let server = start_server(&path).await;
    let session = create_session(&server.addr).await;
    let (id, token) = (
        session["id"].as_str().expect("id").to_string(),
        session["wall_token"].as_str().expect("t").to_string(),
    );
    let mut child = server.child;
    child.kill().await.expect("kill");
    let p = path.clone();
    let sid = id.clone();
    tokio::task::spawn_blocking(move || seed(&p, &sid, contributions)).await.expect("seed");
    let server = start_server(&path).await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/api/sessions/{id}/questions/q1/wordcloud.svg", server.addr);
    let get = || async {
        let t = Instant::now();
        let resp = http.get(&url).bearer_auth(&token).send().await.expect("cloud");
        let status = resp.status().as_u16();
        resp.bytes().await.expect("svg");
        // Anything but 200 (a 408 after the server's 30 s request timeout) is shown with it.
        match status {
            200 => format!("{:.0}", t.elapsed().as_secs_f64() * 1e3),
            other => format!("{:.0}({other})", t.elapsed().as_secs_f64() * 1e3),
        }
    };
    let cpu0 = cpu_secs(server.pid);
    let mut row = Vec::new();
    for _ in 0..10 {
        row.push(get().await);
    }
    let cpu1 = cpu_secs(server.pid);
    println!("cloud: a question of {contributions} contributions");
    println!("  ten requests in a row (ms): {}; server CPU {:.2} s", row.join(" "), cpu1 - cpu0);
    // A change (one more contribution) makes the kept cloud stale: ten walls ask at once.
    let code = session["code"].as_str().expect("code");
    let mut phone = open(&server.addr, &format!("/ws/join/{code}?participant=c"), 0).await;
    submit(&mut phone, "en till").await;
    let cpu1 = cpu_secs(server.pid);
    let at_once = futures_util::future::join_all((0..10).map(|_| get())).await;
    let cpu2 = cpu_secs(server.pid);
    println!("  after a change, ten at once (ms): {}; server CPU {:.2} s", at_once.join(" "), cpu2 - cpu1);
}

pub async fn start(contributions: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("probe.redb");
    let server = start_server(&path).await;
    let session = create_session(&server.addr).await;
    let id = session["id"].as_str().expect("id").to_string();
    let mut child = server.child;
    child.kill().await.expect("kill");
    let t = Instant::now();
    let p = path.clone();
    tokio::task::spawn_blocking(move || seed(&p, &id, contributions)).await.expect("seed");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "start: {contributions} contributions seeded in {:.1} s, file {:.1} MB ({:.0} bytes per contribution)",
        t.elapsed().as_secs_f64(),
        size as f64 / 1e6,
        size as f64 / contributions as f64
    );
    // A running server killed with SIGKILL leaves the file marked as needing recovery.
    let server = start_server(&path).await;
    let session = create_session(&server.addr).await;
    let code = session["code"].as_str().expect("code").to_string();
    let mut phone = open(&server.addr, &format!("/ws/join/{code}?participant=k"), 0).await;
    submit(&mut phone, "en sista").await;
    let mut child = server.child;
    child.kill().await.expect("kill -9");
    let server = start_server(&path).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!(
        "  after kill -9: serving again in {:.2} s, RSS {} KiB",
        server.started.as_secs_f64(),
        rss_kib(server.pid)
    );
}
