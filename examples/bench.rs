//! Throughput benchmark: many phones submit over websockets at once; every acknowledgement
//! means a durable commit. Prints acknowledged contributions per second, ack latency, how long
//! the wall took to receive everything, and, measured in the same run on the same disk, the
//! physical baseline: redb durable commits of one row per transaction.
//!
//! Run: `cargo run --release --example bench -- [phones] [per_phone] [text_len]`
//! (defaults 1000 10 200). Loopback only; it stops by itself.

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

const ADMIN: &str = "bench-admin-token-0123456789abcdef";

fn arg(n: usize, default: usize) -> usize {
    std::env::args().nth(n).and_then(|a| a.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// One row per durable transaction for two seconds: the disk's commit rate as redb sees it.
fn baseline(path: &std::path::Path) -> f64 {
    const T: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("t");
    let db = redb::Database::create(path).expect("baseline db");
    let row = [7u8; 100];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
        let mut txn = db.begin_write().expect("begin");
        txn.set_durability(redb::Durability::Immediate).expect("durability");
        txn.set_two_phase_commit(true);
        txn.open_table(T).expect("table").insert(n, row.as_slice()).expect("insert");
        txn.commit().expect("commit");
        n += 1;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let phones = arg(1, 1000);
    let per_phone = arg(2, 10).min(inspel::limits::RATE_BURST as usize);
    let text_len = arg(3, 200);
    let dir = tempfile::tempdir().expect("tempdir");

    let base_rate = tokio::task::spawn_blocking({
        let p = dir.path().join("baseline.redb");
        move || baseline(&p)
    })
    .await
    .expect("baseline");

    let mut config = inspel::Config::loopback(dir.path().join("bench.redb"));
    config.admin_token = Some(ADMIN.into());
    // Every bench phone comes from one loopback address, like a hall behind one NAT; the
    // per-address limits (sized for 1,000 real phones writing at a human pace) would shape the
    // result, so they are lifted here as the per-phone burst is respected below.
    let unlimited = inspel::ratelimit::Rate { burst: u32::MAX / 2, per_minute: u32::MAX / 2 };
    config.limits.address = unlimited;
    config.limits.new_phones = unlimited;
    config.limits.lookups = unlimited;
    let listener = tokio::net::TcpListener::bind(config.addr).await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let shutdown = tokio_util::sync::CancellationToken::new();
    let app = inspel::App::open(&config, addr, shutdown.clone()).expect("open");
    let server = tokio::spawn(app.serve(listener));

    let http = reqwest::Client::new();
    let session: Value = http
        .post(format!("http://{addr}/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!({"title": "Bench", "questions": ["Vad tänker du?"], "tables": ["Bord 1"]}))
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("json");
    let (id, code, wall_token) = (
        session["id"].as_str().unwrap(),
        session["code"].as_str().unwrap(),
        session["wall_token"].as_str().unwrap(),
    );
    let total = phones * per_phone;

    // The wall counts contribution events until it has them all.
    let (mut wall, _) =
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws/wall/{id}?token={wall_token}"))
            .await
            .expect("wall");
    let wall_task = tokio::spawn(async move {
        let mut seen = 0;
        while seen < total {
            match tokio::time::timeout(Duration::from_secs(60), wall.next()).await {
                Ok(Some(Ok(Message::Text(t)))) if t.contains("contribution_added") => seen += 1,
                Ok(Some(Ok(_))) => {}
                _ => break,
            }
        }
        (seen, Instant::now())
    });

    // Connect every phone first, so the measurement is of submitting, not of connecting.
    let mut sockets = Vec::with_capacity(phones);
    for p in 0..phones {
        let url = format!("ws://{addr}/ws/join/{code}?participant=bench-{p}");
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("phone");
        let _hello = ws.next().await;
        sockets.push(ws);
    }
    let text: String = "å".repeat(text_len);
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(phones);
    for mut ws in sockets {
        let text = text.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_phone);
            for _ in 0..per_phone {
                let id = uuid::Uuid::new_v4().to_string();
                let msg =
                    json!({"type": "submit", "id": id, "question_id": "q1", "text": text, "table": "Bord 1"});
                let sent = Instant::now();
                ws.send(Message::text(msg.to_string())).await.expect("send");
                loop {
                    match tokio::time::timeout(Duration::from_secs(60), ws.next()).await {
                        Ok(Some(Ok(Message::Text(t)))) if t.contains("\"ack\"") => break,
                        Ok(Some(Ok(Message::Text(t)))) if t.contains("\"error\"") => panic!("refused: {t}"),
                        Ok(Some(Ok(_))) => {}
                        other => panic!("phone socket failed: {other:?}"),
                    }
                }
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    for t in tasks {
        latencies.extend(t.await.expect("phone task"));
    }
    let elapsed = start.elapsed();
    let (seen, wall_done) = wall_task.await.expect("wall task");
    latencies.sort();
    let rate = total as f64 / elapsed.as_secs_f64();

    println!("inspel bench: {phones} phones x {per_phone} contributions of {text_len} chars = {total}");
    println!(
        "  acknowledged (durable):  {rate:>10.0} contributions/s  ({total} in {:.2} s)",
        elapsed.as_secs_f64()
    );
    println!(
        "  ack latency:             p50 {:.1} ms · p95 {:.1} ms · p99 {:.1} ms · max {:.1} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.95).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        percentile(&latencies, 1.0).as_secs_f64() * 1e3,
    );
    println!(
        "  wall received:           {seen}/{total}, all {:.2} s after the first submit",
        wall_done.duration_since(start).as_secs_f64()
    );
    println!("  baseline (same disk):    {base_rate:>10.0} redb durable commits/s, one row each");
    println!("  ratio:                   {:.1}x the one-commit-per-contribution ceiling", rate / base_rate);
    shutdown.cancel();
    let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
}
