//! The scenarios behind docs/performance.md: each measures its baselines in the same run and
//! prints every figure with min / median / max over the repeats.

use std::path::PathBuf;
use std::time::Duration;

use crate::load::{self, Outcome, Plan, Target, Transport};
use crate::server::{self, Running};
use crate::stats::{loadavg, ms, spread};
use crate::{Load, Runs, bare, baseline, peer, procfs};

pub use crate::sweep::sweep;

/// Figures collected over the repeats, by name, printed at the end in the order first added.
#[derive(Default)]
pub struct Figures(Vec<(String, Vec<f64>, usize)>);

impl Figures {
    pub fn add(&mut self, name: &str, v: f64, digits: usize) {
        match self.0.iter_mut().find(|(k, _, _)| k == name) {
            Some((_, vs, _)) => vs.push(v),
            None => self.0.push((name.to_string(), vec![v], digits)),
        }
    }

    pub fn print(&self) {
        println!("\nmin / median / max (load average now {}):", loadavg());
        for (name, vs, digits) in &self.0 {
            println!("  {name:<48} {}", spread(vs, *digits));
        }
    }
}

pub fn plan(load: &Load) -> Plan {
    let total = load.phones * load.per_phone;
    Plan {
        phones: load.phones,
        walls: load.walls,
        per_phone: load.per_phone,
        rate: load.rate,
        batch: load.batch,
        transport: if load.http { Transport::Http } else { Transport::Ws },
        text_len: load.text_len,
        addresses: load.addresses.unwrap_or_else(|| Plan::addresses_for(load.phones, total)),
        timeout: Duration::from_secs(load.timeout_secs),
    }
}

fn tempdir(runs: &Runs) -> tempfile::TempDir {
    match &runs.dir {
        Some(d) => tempfile::tempdir_in(d),
        None => tempfile::tempdir(),
    }
    .expect("temp dir")
}

/// A fresh release server in `dir`, or the attached one (then `None` for the child).
pub async fn server(runs: &Runs, dir: &std::path::Path, connections: usize) -> (Target, Option<Running>) {
    if let Some(addr) = runs.attach {
        let admin = runs.admin.clone().expect("--admin (or INSPEL_ADMIN_TOKEN) with --attach");
        return (Target { addr, admin, pid: runs.pid }, None);
    }
    let running = server::start_inspel(dir, connections.max(10_000)).await.expect("start the server");
    (running.target.clone(), Some(running))
}

pub async fn baselines(dir: &std::path::Path) -> (f64, f64) {
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || baseline::measure(&dir)).await.expect("baselines")
}

pub fn print_outcome(plan: &Plan, out: &Outcome) {
    println!(
        "  phones {} ({} failed to connect) · walls {} · {} contributions planned, {} acked, {} refused",
        plan.phones,
        out.connect_errors.len(),
        plan.walls,
        out.planned,
        out.acked,
        out.refused
    );
    if let Some(e) = out.connect_errors.first() {
        println!("  first connect error: {e}");
    }
    if let Some(e) = &out.first_refusal {
        println!("  first refusal: {}", e.chars().take(200).collect::<String>());
    }
    let (b, a) = (out.before_connect, out.after_connect);
    println!(
        "  connect: {:.2} s, server CPU {:.2} s, RSS {} → {} KiB ({:.1} KiB per phone), {} threads",
        out.connect_secs,
        a.cpu_secs - b.cpu_secs,
        b.rss_kib,
        a.rss_kib,
        out.kib_per_phone(plan.phones),
        a.threads
    );
    println!(
        "  send: {:.2} s, {:.0} acks/s, server CPU {:.2} s, server threads waited {:.2} s for a CPU, \
         load generator behind schedule at most {:.1} ms",
        out.send_secs,
        out.acks_per_sec(),
        out.after_send.cpu_secs - a.cpu_secs,
        out.after_send.runq_wait_secs - a.runq_wait_secs,
        out.behind_ms
    );
    println!("  ack latency:  {}", out.ack.summary());
    println!(
        "  wall latency: {} · all walls had all {:.2} s after the first send; {} missing",
        out.wall.summary(),
        out.wall_secs,
        out.wall_missing
    );
}

pub async fn run(load: Load, runs: Runs) {
    let plan = plan(&load);
    println!("loadgen run: {plan:?}\nload average at start: {}", loadavg());
    let mut f = Figures::default();
    for r in 1..=runs.repeat {
        let dir = tempdir(&runs);
        let (fsyncs, rows) = baselines(dir.path()).await;
        let (target, child) = server(&runs, dir.path(), plan.phones + plan.walls + 100).await;
        println!("run {r}/{} against {} (load average {})", runs.repeat, target.addr, loadavg());
        let out = load::run(&target, &plan).await.expect("run");
        print_outcome(&plan, &out);
        f.add("acks/s", out.acks_per_sec(), 0);
        f.add("fdatasync/s (baseline)", fsyncs, 0);
        f.add("acks/s ÷ fdatasync/s", out.acks_per_sec() / fsyncs, 2);
        f.add("redb rows/s, batches of 1,024 (baseline)", rows, 0);
        f.add("acks/s ÷ redb rows/s", out.acks_per_sec() / rows, 3);
        f.add("ack p50 ms", ms(out.ack.pct(0.5)), 1);
        f.add("ack p99 ms", ms(out.ack.pct(0.99)), 1);
        f.add("wall p50 ms", ms(out.wall.pct(0.5)), 1);
        f.add("wall p99 ms", ms(out.wall.pct(0.99)), 1);
        f.add("KiB per connected phone", out.kib_per_phone(plan.phones), 1);
        f.add(
            "server CPU s to connect the phones",
            out.after_connect.cpu_secs - out.before_connect.cpu_secs,
            2,
        );
        f.add("seconds to connect the phones", out.connect_secs, 2);
        f.add(
            "server CPU ms per contribution",
            (out.after_send.cpu_secs - out.after_connect.cpu_secs) * 1e3 / out.acked.max(1) as f64,
            3,
        );
        if child.is_some()
            && let Ok(meta) = std::fs::metadata(dir.path().join("loadgen.redb"))
        {
            f.add("bytes of data file per contribution", meta.len() as f64 / out.acked.max(1) as f64, 0);
        }
        drop(child);
        if plan.per_phone == 0 {
            idle_bare(&plan, &mut f).await;
        }
    }
    f.print();
}

/// The same idle sockets on the bare broadcast server: what a socket costs with these limits
/// and nothing else.
async fn idle_bare(plan: &Plan, f: &mut Figures) {
    let bare = server::start_bare().await.expect("bare server");
    let pid = bare.target.pid.expect("bare pid");
    let before = procfs::sample(pid).unwrap_or_default();
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (sockets, errors) =
        crate::phones::connect(bare.target.addr, "bare", plan.phones, plan.batch, plan.addresses, counter)
            .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let after = procfs::sample(pid).unwrap_or_default();
    let kib = (after.rss_kib as f64 - before.rss_kib as f64) / plan.phones.max(1) as f64;
    println!(
        "  bare broadcast server, same sockets: {} failed, CPU {:.2} s, RSS {} → {} KiB ({kib:.1} KiB per socket)",
        errors.len(),
        after.cpu_secs - before.cpu_secs,
        before.rss_kib,
        after.rss_kib
    );
    f.add("bare broadcast: KiB per socket", kib, 1);
    f.add("bare broadcast: server CPU s to connect", after.cpu_secs - before.cpu_secs, 2);
    drop(sockets);
}

pub async fn fanout(load: Load, runs: Runs, wall_shows: Option<String>) {
    let plan = plan(&load);
    println!("loadgen fanout: {plan:?}, wall_shows {wall_shows:?}\nload average at start: {}", loadavg());
    let mut f = Figures::default();
    for r in 1..=runs.repeat {
        let dir = tempdir(&runs);
        let (target, child) = server(&runs, dir.path(), plan.phones + plan.walls + 100).await;
        println!("run {r}/{}: inspel (load average {})", runs.repeat, loadavg());
        let session = load::create_session(&target).await.expect("session");
        if let Some(shows) = &wall_shows {
            load::set_wall_shows(&target, &session, shows).await.expect("wall_shows");
        }
        let out = load::run_in(&target, &plan, &session).await.expect("run");
        print_outcome(&plan, &out);
        drop(child);
        let frames = out.wall.len() as f64;
        let inspel_rate = frames / out.wall_secs.max(1e-9);
        let inspel_cpu = (out.after_send.cpu_secs - out.after_connect.cpu_secs) * 1e6 / frames.max(1.0);

        let bare_server = server::start_bare().await.expect("bare server");
        let pid = bare_server.target.pid.expect("bare pid");
        let cpu0 = procfs::sample(pid).unwrap_or_default().cpu_secs;
        let b = bare::fanout(&bare_server.target, plan.walls, out.acked, plan.text_len)
            .await
            .expect("bare fan-out");
        let cpu1 = procfs::sample(pid).unwrap_or_default().cpu_secs;
        drop(bare_server);
        let bare_rate = b.delivered as f64 / b.secs.max(1e-9);
        let bare_cpu = (cpu1 - cpu0) * 1e6 / (b.delivered.max(1) as f64);
        println!(
            "  bare broadcast: {} frames in {:.2} s = {bare_rate:.0} frames/s, {bare_cpu:.2} µs CPU per frame (incl. its walls' connects), {} missing; wall latency {}",
            b.delivered,
            b.secs,
            b.missing,
            b.wall.summary()
        );
        println!(
            "  inspel:         {frames:.0} frames in {:.2} s = {inspel_rate:.0} frames/s, {inspel_cpu:.2} µs CPU per frame (incl. the phones' submits)",
            out.wall_secs
        );
        f.add("inspel frames/s to the walls", inspel_rate, 0);
        f.add("bare broadcast frames/s", bare_rate, 0);
        f.add("inspel ÷ bare frames/s", inspel_rate / bare_rate, 2);
        f.add("inspel µs CPU per frame", inspel_cpu, 2);
        f.add("bare µs CPU per frame", bare_cpu, 2);
        f.add("inspel ÷ bare CPU per frame", inspel_cpu / bare_cpu, 2);
        f.add("inspel wall p99 ms", ms(out.wall.pct(0.99)), 1);
        f.add("bare wall p99 ms", ms(b.wall.pct(0.99)), 1);
    }
    f.print();
}

pub async fn peer(load: Load, runs: Runs, venv: PathBuf) {
    let mut plan = plan(&load);
    plan.transport = Transport::Http;
    plan.walls = 0;
    println!("loadgen peer: {plan:?}\nload average at start: {}", loadavg());
    let mut f = Figures::default();
    for r in 1..=runs.repeat {
        let dir = tempdir(&runs);
        let (target, child) = server(&runs, dir.path(), plan.phones + 100).await;
        println!("run {r}/{}: inspel over HTTP (load average {})", runs.repeat, loadavg());
        let out = load::run(&target, &plan).await.expect("run");
        print_outcome(&plan, &out);
        drop(child);
        peer::settle().await;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("port");
        let (mentipy, path) = match server::start_mentipy(&venv, dir.path(), port).await {
            Ok(m) => m,
            Err(e) => {
                println!("  mentipy could not be started: {e}");
                continue;
            }
        };
        let m = peer::run(&mentipy.target, &path, plan.phones, plan.per_phone, plan.text_len, plan.addresses)
            .await;
        drop(mentipy);
        let m_rate = m.answered as f64 / m.secs.max(1e-9);
        println!(
            "  mentipy: {} answered, {} refused ({:?}) in {:.2} s = {m_rate:.0}/s; latency {}",
            m.answered,
            m.refused,
            m.first_refusal,
            m.secs,
            m.ack.summary()
        );
        f.add("inspel acks/s (HTTP)", out.acks_per_sec(), 0);
        f.add("mentipy answers/s (HTTP)", m_rate, 0);
        f.add("inspel ÷ mentipy per second", out.acks_per_sec() / m_rate, 1);
        f.add("inspel p99 ms", ms(out.ack.pct(0.99)), 1);
        f.add("mentipy p99 ms", ms(m.ack.pct(0.99)), 1);
        f.add("mentipy p99 ÷ inspel p99", ms(m.ack.pct(0.99)) / ms(out.ack.pct(0.99)).max(1e-9), 1);
        peer::settle().await;
    }
    f.print();
}
