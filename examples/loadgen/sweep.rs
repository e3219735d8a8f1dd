//! The plot: ack and wall latency percentiles against the offered rate (a fresh server per
//! rate), and the server's memory against connected phones (phones connecting 64 at a time).

use std::path::PathBuf;
use std::time::Duration;

use crate::Runs;
use crate::load::{self, Plan, Transport};
use crate::plot::{Chart, Series, svg};
use crate::scenarios::{print_outcome, server};
use crate::stats::{loadavg, ms};

pub async fn sweep(rates: Vec<f64>, secs: u64, connect: usize, out: PathBuf) {
    let runs = Runs { repeat: 1, attach: None, admin: None, pid: None, dir: None };
    let (mut p50a, mut p99a, mut p50w, mut p99w) = (vec![], vec![], vec![], vec![]);
    for rate in rates {
        // Each phone sends one every 2 s (its sustained limit) and ten at most within its burst.
        let phones = ((rate * 2.0) as usize).max(10);
        let per_phone = ((rate * secs as f64) / phones as f64).ceil().max(1.0) as usize;
        let plan = Plan {
            phones,
            walls: 1,
            per_phone,
            rate: Some(rate),
            batch: 64,
            transport: Transport::Ws,
            text_len: 200,
            addresses: Plan::addresses_for(phones, phones * per_phone),
            timeout: Duration::from_secs(secs + 60),
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let (target, child) = server(&runs, dir.path(), phones + 100).await;
        println!("sweep: {rate}/s for {secs} s, {phones} phones × {per_phone} (load average {})", loadavg());
        let o = load::run(&target, &plan).await.expect("run");
        print_outcome(&plan, &o);
        drop(child);
        p50a.push((rate, ms(o.ack.pct(0.5))));
        p99a.push((rate, ms(o.ack.pct(0.99))));
        p50w.push((rate, ms(o.wall.pct(0.5))));
        p99w.push((rate, ms(o.wall.pct(0.99))));
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let (target, child) = server(&runs, dir.path(), connect + 100).await;
    let plan = Plan {
        phones: connect,
        walls: 0,
        per_phone: 0,
        rate: None,
        batch: 64,
        transport: Transport::Ws,
        text_len: 200,
        addresses: Plan::addresses_for(connect, 0),
        timeout: Duration::from_secs(60),
    };
    println!("sweep: connecting {connect} phones 64 at a time (load average {})", loadavg());
    let o = load::run(&target, &plan).await.expect("connect run");
    print_outcome(&plan, &o);
    drop(child);
    let rss: Vec<(f64, f64)> = o.rss_curve.iter().map(|(n, kib)| (*n as f64, *kib as f64 / 1024.0)).collect();

    let s = |name: &str, colour, dashed, points| Series { name: name.into(), colour, dashed, points };
    let charts = [
        Chart {
            title: "Latency against offered rate".into(),
            x_label: "offered contributions per second (one wall)".into(),
            y_label: "milliseconds (log)".into(),
            log_y: true,
            series: vec![
                s("ack p50", "#1f77b4", true, p50a),
                s("ack p99", "#1f77b4", false, p99a),
                s("wall p50", "#d62728", true, p50w),
                s("wall p99", "#d62728", false, p99w),
            ],
        },
        Chart {
            title: "Server memory against connected phones".into(),
            x_label: "phone websockets connected (64 at a time)".into(),
            y_label: "server RSS, MiB".into(),
            log_y: false,
            series: vec![s("RSS", "#2ca02c", false, rss)],
        },
    ];
    let caption = format!(
        "inspel loadgen sweep, {secs} s per rate, 200-character texts, 2-core machine, load average {} at the end",
        loadavg()
    );
    std::fs::write(&out, svg(&charts, &caption)).expect("write the SVG");
    println!("wrote {}", out.display());
}
