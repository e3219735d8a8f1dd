//! Export benchmark (issue 9): a session of 50,000 contributions in a fresh database, then the
//! time to read its rows from the file beside the time each export format takes to render.
//!
//! Run: `cargo run --release --example export_bench -- [contributions] [format]` (default
//! 50000, every format). The session is written straight into the store's tables, as the
//! server would have stored it: four questions, ten tables, the default perspectives, 1,000
//! phones, twenty themes with most cards in one, 2 % merged duplicates, 1 % hidden, and a
//! closed dot vote. `EXPORT_BENCH_RUNS=3` renders each format three times, one line each.
//!
//! `export_bench series [meetings] [contributions] [format]` (default 20 × 50,000, the most
//! the limits allow; docx, xlsx and csv): a series of such meetings exported as the series
//! page does, with the export's peak resident memory.

use std::path::Path;
use std::time::Instant;

use inspel::export::{Clock, Css, CsvOptions, ExportSpec, Format, Grouping, Lang, ReportOptions};
use inspel::store::{
    CODE_TO_SESSION_ID, CONTRIBUTION_KEY_TO_RECORD, SESSION_ID_TO_CONTRIBUTION_COUNT, SESSION_ID_TO_SESSION,
};
use redb::ReadableDatabase;
use serde_json::{Value, json};

const WORDS: &[&str] = &[
    "barn",
    "unga",
    "skolan",
    "hälsa",
    "föreningslivet",
    "trygghet",
    "samverkan",
    "kommunen",
    "regionen",
    "tidiga",
    "insatser",
    "föräldrar",
    "fritid",
    "psykisk",
    "ohälsa",
    "mötesplatser",
    "landsbygden",
    "delaktighet",
    "resurser",
    "uppföljning",
    "elevhälsan",
    "idrott",
    "kultur",
    "språk",
    "digitala",
];

/// A deterministic pseudo-random sequence (no dependency, same data every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// CPU seconds this process has used (user + system, all threads), from /proc/self/stat:
/// less at the mercy of other work on a shared machine than the wall clock.
fn cpu_secs() -> f64 {
    stat_secs("/proc/self/stat")
}

/// The same for the calling thread alone: on an idle machine the wall time of a render is
/// about the time of its longest thread, and this one does everything but the word clouds.
fn thread_cpu_secs() -> f64 {
    stat_secs("/proc/thread-self/stat")
}

fn stat_secs(file: &str) -> f64 {
    let stat = std::fs::read_to_string(file).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name; the
    // clock tick is 100 Hz on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

/// A meeting of `n` contributions written into the file at `path`, as the server stores one:
/// the `meeting`th of a series (a week after the one before), or a meeting of its own.
fn write_session(path: &Path, id: &str, code: &str, n: usize, meeting: usize, series: Option<Value>) {
    let start = "2026-11-08T08:00:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap()
        .checked_add(jiff::Span::new().hours(24 * 7 * meeting as i64))
        .unwrap();
    let tables: Vec<String> = (1..=10).map(|i| format!("Bord {i}")).collect();
    let perspectives: Vec<&str> = inspel::model::DEFAULT_PERSPECTIVES.to_vec();
    let themes: Vec<_> = (1..=20)
        .map(|i| json!({"id": format!("t{i}"), "name": format!("Tema {i}: {}", WORDS[i % WORDS.len()]), "question_id": format!("q{}", 1 + i % 4)}))
        .collect();
    let mut rng = Lcg(9 + meeting as u64);
    let ids: Vec<String> = (0..n).map(|i| format!("{:08x}-{meeting:04x}-4000-8000-{:012x}", i, i)).collect();
    let items: Vec<_> = ids.iter().take(300).map(|id| json!({"id": id, "label": "Förslag"})).collect();
    let totals: serde_json::Map<String, serde_json::Value> =
        ids.iter().take(300).enumerate().map(|(i, id)| (id.clone(), json!((i * 7) % 40))).collect();
    let session = json!({
        "id": id, "code": code, "title": "Nationell konferens om social hållbarhet",
        "questions": (1..=4).map(|i| json!({"id": format!("q{i}"), "text": format!("Fråga {i}: vad behöver göras?"), "state": "closed"})).collect::<Vec<_>>(),
        "tables": tables, "perspectives": perspectives, "active_question_id": "q1",
        "created_at": start, "series": series,
        "tokens": {"facilitator": "f", "secretary": "s", "wall": "w"},
        "themes": themes, "themes_created": 20,
        "notes": (1..=4).map(|i| json!({"question_id": format!("q{i}"), "text": "Sekreterarens sammanfattning av frågan: samverkan, tidiga insatser och trygga mötesplatser.", "at": "2026-11-08T10:00:00Z"})).collect::<Vec<_>>(),
        "votes": [{"id": "v1", "question_id": "q1", "target": "contributions", "dots": 3, "open": false, "items": items, "totals": totals}],
    });

    let db = redb::Database::open(path).expect("open");
    let txn = db.begin_write().expect("write");
    {
        let mut sessions = txn.open_table(SESSION_ID_TO_SESSION).expect("table");
        sessions.insert(id, serde_json::to_vec(&session).unwrap().as_slice()).expect("insert");
        txn.open_table(CODE_TO_SESSION_ID).expect("table").insert(code, id).expect("insert");
        txn.open_table(SESSION_ID_TO_CONTRIBUTION_COUNT)
            .expect("table")
            .insert(id, n as u64)
            .expect("insert");
        let mut rows = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).expect("table");
        for (i, cid) in ids.iter().enumerate() {
            let words = 8 + rng.next(25);
            let text: Vec<&str> = (0..words).map(|_| WORDS[rng.next(WORDS.len())]).collect();
            let merged = (i > 10 && rng.next(50) == 0).then(|| ids[rng.next(i)].clone());
            let record = json!({
                "id": cid, "question_id": format!("q{}", 1 + rng.next(4)), "text": text.join(" "),
                "table": tables.get(rng.next(11)), "perspective": perspectives.get(rng.next(9)),
                "created_at": start.checked_add(jiff::Span::new().milliseconds(i as i64 * 150)).unwrap(),
                "seq": i + 2, "hidden": rng.next(100) == 0,
                "theme_id": (rng.next(10) < 7).then(|| format!("t{}", 1 + rng.next(20))),
                "merged_into": merged, "participant": format!("phone-{}", rng.next(1000)),
            });
            rows.insert((id, cid.as_str()), serde_json::to_vec(&record).unwrap().as_slice()).expect("insert");
        }
    }
    txn.commit().expect("commit");
    drop(db);
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("series") {
        return series();
    }
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    // Pass a second argument `docx` (or another extension) to time that format alone.
    let only = std::env::args().nth(2);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.redb");
    drop(inspel::store::Store::open(&path).expect("create the database"));
    write_session(&path, "bench-session", "BENCH1", n, 0, None);

    let db = redb::ReadOnlyDatabase::open(&path).expect("read-only open");
    let started = Instant::now();
    let txn = db.begin_read().expect("read");
    let s = inspel::store::session_by_code(&txn, "BENCH1").expect("read").expect("session");
    let records = inspel::store::contribution_records(&txn, &s.id, &mut || {}).expect("rows");
    let read = started.elapsed();
    println!("{} contributions; reading the rows from the file: {:.3} s", records.len(), read.as_secs_f64());
    let contributions: Vec<_> = records.iter().map(|r| r.contribution.clone()).collect();
    let started = Instant::now();
    let report = inspel::export::ReportInput::new(&s, &contributions, ReportOptions::default()).build();
    println!("building the report model: {:.3} s", started.elapsed().as_secs_f64());
    let (started, cpu) = (Instant::now(), cpu_secs());
    report.clouds(60);
    println!(
        "word counts for the {} clouds: {:.3} s ({:.2} s CPU)",
        report.questions.len(),
        started.elapsed().as_secs_f64(),
        cpu_secs() - cpu
    );
    println!("| format | render (wall, × reading) | CPU, all threads | CPU, main thread | bytes |");
    println!("| --- | --- | --- | --- | --- |");
    let css = "body{}";
    for format in [Format::Docx, Format::Xlsx, Format::Html, Format::Csv, Format::Md, Format::Json] {
        if only.as_deref().is_some_and(|o| o != format.ext()) {
            continue;
        }
        let spec = ExportSpec {
            format,
            report: ReportOptions {
                lang: Lang::Sv,
                clock: Clock::default(),
                group: Grouping::Theme,
                include_hidden: false,
            },
            csv: CsvOptions::default(),
        };
        let runs: usize = std::env::var("EXPORT_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
        for _ in 0..runs.max(1) {
            let (started, cpu, main_cpu) = (Instant::now(), cpu_secs(), thread_cpu_secs());
            let out = inspel::export::render(&s, &records, &spec, Css::Inline(css)).expect("render");
            let took = started.elapsed();
            let (used, main_used) = (cpu_secs() - cpu, thread_cpu_secs() - main_cpu);
            println!(
                "| {} | {:.3} s ({:.1}×) | {used:.2} s | {main_used:.2} s | {} |",
                format.ext(),
                took.as_secs_f64(),
                took.as_secs_f64() / read.as_secs_f64(),
                out.bytes.len()
            );
            // EXPORT_BENCH_OUT=dir keeps the files, to open them in Word, Excel or LibreOffice.
            if let Ok(keep) = std::env::var("EXPORT_BENCH_OUT") {
                std::fs::write(Path::new(&keep).join(&out.file_name), &out.bytes).expect("write");
            }
        }
    }
    println!("load average: {}", load_average());
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The peak resident memory since the last [`reset_peak`], in MB (VmHWM of /proc/self/status).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Starts the peak resident memory over from what the process holds now (Linux: writing 5 to
/// clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

/// A series of `meetings` meetings of `n` contributions each, exported as docx, xlsx and csv
/// the way the series page does: every meeting's rows read in one read transaction, then
/// `render_series` (on a blocking thread in the server).
fn series() {
    let arg = |i: usize| std::env::args().nth(i);
    let meetings: usize =
        arg(2).and_then(|a| a.parse().ok()).unwrap_or(inspel::limits::MAX_MEETINGS_PER_SERIES);
    let n: usize =
        arg(3).and_then(|a| a.parse().ok()).unwrap_or(inspel::limits::MAX_CONTRIBUTIONS_PER_SESSION as usize);
    let only = arg(4);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("series.redb");
    drop(inspel::store::Store::open(&path).expect("create the database"));
    let started = Instant::now();
    let series = json!({"id": "bench-serien", "name": "Bench-serien"});
    for m in 0..meetings {
        write_session(&path, &format!("meeting-{m}"), &format!("BENCH{m}"), n, m, Some(series.clone()));
    }
    println!("{meetings} meetings × {n} contributions written in {:.1} s", started.elapsed().as_secs_f64());
    let db = redb::ReadOnlyDatabase::open(&path).expect("read-only open");
    println!("| format | read rows | render (wall) | CPU, all threads | peak RSS | bytes |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for format in [Format::Docx, Format::Xlsx, Format::Csv] {
        if only.as_deref().is_some_and(|o| o != format.ext()) {
            continue;
        }
        let before = rss_mb();
        reset_peak();
        let (started, cpu) = (Instant::now(), cpu_secs());
        let txn = db.begin_read().expect("read");
        let all: Vec<_> = (0..meetings)
            .map(|m| {
                let s =
                    inspel::store::session(&txn, &format!("meeting-{m}")).expect("read").expect("session");
                let records = inspel::store::contribution_records(&txn, &s.id, &mut || {}).expect("rows");
                (s, records)
            })
            .collect();
        drop(txn);
        let read = started.elapsed();
        let spec = ExportSpec {
            format,
            report: ReportOptions {
                lang: Lang::Sv,
                clock: Clock::default(),
                group: Grouping::Theme,
                include_hidden: false,
            },
            csv: CsvOptions::default(),
        };
        let out = inspel::export::render_series("Bench-serien", &all, &spec).expect("render");
        let took = started.elapsed() - read;
        let used = cpu_secs() - cpu;
        let peak = peak_rss_mb();
        println!(
            "| {} | {:.2} s | {:.2} s ({:.1}×) | {used:.2} s | {:.0} MB (+{:.0}) | {} |",
            format.ext(),
            read.as_secs_f64(),
            took.as_secs_f64(),
            took.as_secs_f64() / read.as_secs_f64(),
            peak,
            peak - before,
            out.bytes.len()
        );
        if let Ok(keep) = std::env::var("EXPORT_BENCH_OUT") {
            std::fs::write(Path::new(&keep).join(&out.file_name), &out.bytes).expect("write");
        }
    }
    println!("load average: {}", load_average());
}
