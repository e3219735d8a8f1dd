//! Bytes on disk per contribution, and where they go.
//!
//! ```sh
//! cargo run --release --example disk_bytes -- [n] [in_flight] [text_chars]   # 10000 64 200
//! ```
//!
//! Writes `n` contributions of `text_chars` × "å" to one session through the real writer
//! (`in_flight` submits waiting at a time, so batches form as under load), then reports the
//! file's size ÷ `n`, the writer's contributions per second and its thread's CPU time per
//! contribution, and per table: rows, key and
//! value bytes, and the pages redb uses for them (leaf fill = stored bytes ÷ leaf pages).

use std::sync::Arc;
use std::time::Instant;

use inspel::hub::Hub;
use inspel::store::Store;
use inspel::timers::Timers;
use inspel::writer::{self, NewContribution, QuestionDraft, SessionDraft};
use redb::{ReadableDatabase, ReadableTableMetadata, TableHandle};

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().expect("a number")).collect();
    let n = args.first().copied().unwrap_or(10_000);
    let in_flight = args.get(1).copied().unwrap_or(64);
    let chars = args.get(2).copied().unwrap_or(200);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bytes.redb");
    let store = Store::open(&path).expect("open");
    let (w, thread) = writer::spawn(store.clone(), Hub::default(), Timers::default()).expect("writer");
    let session = w
        .create_session(SessionDraft {
            title: "Bytes".into(),
            questions: vec![QuestionDraft::new("Vad tänker du?", None)],
            tables: vec!["Bord 1".into()],
            ..SessionDraft::default()
        })
        .await
        .expect("session");
    let question = session.questions[0].id.clone();
    let text = "å".repeat(chars);
    let gate = Arc::new(tokio::sync::Semaphore::new(in_flight));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        let permit = gate.clone().acquire_owned().await.expect("permit");
        let (w, sid) = (w.clone(), session.id.clone());
        let new = NewContribution {
            id: uuid::Uuid::new_v4().to_string(),
            question_id: question.clone(),
            screened: inspel::moderation::screen(&text),
            text: text.clone(),
            table: Some("Bord 1".into()),
            perspective: None,
            participant: Some(format!("p-{:032}", i % 1000)),
        };
        tasks.push(tokio::spawn(async move {
            let done = w.submit(sid, new).await.expect("submitted");
            drop(permit);
            done
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let secs = started.elapsed().as_secs_f64();
    let writer_cpu = thread_cpu_secs("inspel-writer");
    drop(w);
    tokio::task::spawn_blocking(move || thread.join()).await.expect("joined");
    drop(store);
    let file = std::fs::metadata(&path).expect("size").len();
    println!("{n} contributions of {chars} \"å\" ({} bytes of text each), {in_flight} in flight", text.len());
    println!(
        "writer: {:.0} contributions/s ({secs:.2} s); writer thread CPU {:.1} µs per contribution",
        n as f64 / secs,
        writer_cpu * 1e6 / n as f64
    );
    println!("file: {file} bytes, {:.0} bytes per contribution", file as f64 / n as f64);
    breakdown(&path, n);
}

/// CPU time of this process's thread named `name` so far (its first schedstat field), in
/// seconds: steadier than the rate on a loaded machine.
fn thread_cpu_secs(name: &str) -> f64 {
    let mut total = 0.0;
    for task in std::fs::read_dir("/proc/self/task").into_iter().flatten().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() == name {
            let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
            let ns: f64 = stat.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
            total += ns / 1e9;
        }
    }
    total
}

/// Raw key and value bytes of one table: (rows, key bytes, value bytes).
fn raw<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &redb::ReadTransaction,
    def: redb::TableDefinition<K, V>,
) -> (u64, u64, u64) {
    let Ok(table) = txn.open_table(def) else { return (0, 0, 0) };
    let mut out = (0, 0, 0);
    for row in table.range::<K::SelfType<'_>>(..).expect("range") {
        let (k, v) = row.expect("row");
        out.0 += 1;
        out.1 += K::as_bytes(&k.value()).as_ref().len() as u64;
        out.2 += V::as_bytes(&v.value()).as_ref().len() as u64;
    }
    out
}

/// Per table: rows, raw key and value bytes, and redb's pages for them.
fn breakdown(path: &std::path::Path, n: usize) {
    use inspel::store::*;
    let db = redb::Database::open(path).expect("open again");
    let read = db.begin_read().expect("read");
    let mut sizes = std::collections::HashMap::new();
    sizes.insert(CONTRIBUTION_KEY_TO_RECORD.name().to_string(), raw(&read, CONTRIBUTION_KEY_TO_RECORD));
    sizes.insert(EVENT_KEY_TO_EVENT.name().to_string(), raw(&read, EVENT_KEY_TO_EVENT));
    sizes.insert(SESSION_ID_TO_SESSION.name().to_string(), raw(&read, SESSION_ID_TO_SESSION));
    sizes.insert(
        SESSION_ID_TO_CONTRIBUTION_COUNT.name().to_string(),
        raw(&read, SESSION_ID_TO_CONTRIBUTION_COUNT),
    );
    let txn = db.begin_write().expect("write");
    let stats = txn.stats().expect("stats");
    txn.abort().expect("abort");
    let page = stats.page_size() as f64;
    let file = std::fs::metadata(path).expect("size").len() as f64;
    println!(
        "database: {} allocated pages of {} B ({:.0} B per contribution; the rest of the file is free), {} leaf + {} branch pages in trees, {} B fragmented",
        stats.allocated_pages(),
        stats.page_size(),
        stats.allocated_pages() as f64 * page / n as f64,
        stats.leaf_pages(),
        stats.branch_pages(),
        stats.fragmented_bytes(),
    );
    println!(
        "{:<20} {:>7} {:>9} {:>11} {:>7} {:>8} {:>6} {:>11} {:>9}",
        "table", "rows", "key B/row", "value B/row", "leaves", "branches", "fill", "B/contrib", "of file"
    );
    for handle in read.list_tables().expect("tables") {
        let name = handle.name().to_string();
        let (rows, keys, values) = sizes.get(&name).copied().unwrap_or((0, 0, 0));
        let t = read.open_untyped_table(handle).expect("table");
        let s = t.stats().expect("stats");
        let pages = (s.leaf_pages() + s.branch_pages()) as f64;
        let fill = s.stored_bytes() as f64 / (s.leaf_pages() as f64 * page).max(1.0);
        println!(
            "{name:<20} {rows:>7} {:>9.1} {:>11.1} {:>7} {:>8} {:>5.0}% {:>11.0} {:>8.1}%",
            keys as f64 / rows.max(1) as f64,
            values as f64 / rows.max(1) as f64,
            s.leaf_pages(),
            s.branch_pages(),
            fill * 100.0,
            pages * page / n as f64,
            pages * page / file * 100.0,
        );
    }
}
