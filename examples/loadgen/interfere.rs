//! Other sessions' acks while one large session is busy: a session is filled with `fill`
//! contributions, then phones of other sessions send at a steady rate while that session
//! exports, starts a vote on its cards, or has ten walls fetch its word cloud. The phase without
//! anything besides is the control.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::load::{self, Plan, Session, Target, Transport};
use crate::scenarios::{Figures, print_outcome, server};
use crate::server;
use crate::stats::{loadavg, ms};
use crate::{Runs, procfs};

#[derive(Debug, Clone, Copy)]
enum Busy {
    Nothing,
    Export,
    Vote,
    Clouds,
}

fn steady(rate: f64, secs: u64) -> Plan {
    let phones = ((rate * 2.0) as usize).max(10);
    let per_phone = ((rate * secs as f64) / phones as f64).ceil().max(1.0) as usize;
    Plan {
        phones,
        walls: 1,
        per_phone,
        rate: Some(rate),
        batch: 64,
        transport: Transport::Ws,
        text_len: 200,
        addresses: Plan::addresses_for(phones, phones * per_phone),
        timeout: Duration::from_secs(secs + 60),
    }
}

/// Does the busy work on the large session; returns what it took and the answers' statuses.
async fn busy(what: Busy, target: &Target, big: &Session) -> (Duration, Vec<u16>) {
    let http = reqwest::Client::new();
    let base = format!("http://{}/api/sessions/{}", target.addr, big.id);
    let start = Instant::now();
    let statuses = match what {
        Busy::Nothing => vec![],
        Busy::Export => {
            let r = http.get(format!("{base}/export.json")).bearer_auth(&big.secretary_token).send().await;
            match r {
                Ok(r) => {
                    let status = r.status().as_u16();
                    let _ = r.bytes().await;
                    vec![status]
                }
                Err(_) => vec![0],
            }
        }
        Busy::Vote => {
            let body = serde_json::json!({"question_id": "q1", "target": "contributions"});
            let r = http
                .post(format!("{base}/votes"))
                .bearer_auth(&big.facilitator_token)
                .json(&body)
                .send()
                .await;
            vec![r.map(|r| r.status().as_u16()).unwrap_or(0)]
        }
        Busy::Clouds => {
            let url = Arc::new(format!("{base}/questions/q1/wordcloud.svg"));
            let mut tasks = Vec::new();
            for _ in 0..10 {
                let (http, url, token) = (http.clone(), url.clone(), big.wall_token.clone());
                tasks.push(tokio::spawn(async move {
                    match http.get(url.as_str()).bearer_auth(token).send().await {
                        Ok(r) => {
                            let status = r.status().as_u16();
                            let _ = r.bytes().await;
                            status
                        }
                        Err(_) => 0,
                    }
                }));
            }
            let mut s = Vec::new();
            for t in tasks {
                s.push(t.await.unwrap_or(0));
            }
            s
        }
    };
    (start.elapsed(), statuses)
}

/// Waits until the server answers `GET /healthz` (at most 60 s).
async fn healthy(target: &Target) -> bool {
    let url = format!("http://{}/healthz", target.addr);
    for _ in 0..6_000 {
        if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

pub async fn interfere(fill: usize, rate: f64, secs: u64, runs: Runs) {
    println!("loadgen interfere: fill {fill}, other sessions at {rate}/s for {secs} s per phase");
    let mut f = Figures::default();
    for r in 1..=runs.repeat {
        let dir = tempfile::tempdir().expect("temp dir");
        let (target, child) = server(&runs, dir.path(), 12_000).await;
        let big = load::create_session(&target).await.expect("session");
        let filling = Plan {
            phones: fill.div_ceil(10),
            walls: 0,
            per_phone: 10,
            rate: None,
            batch: 64,
            transport: Transport::Ws,
            text_len: 200,
            addresses: Plan::addresses_for(fill.div_ceil(10), fill),
            timeout: Duration::from_secs(600),
        };
        println!("run {r}/{}: filling a session with {fill} (load average {})", runs.repeat, loadavg());
        let o = load::run_in(&target, &filling, &big).await.expect("fill");
        println!("  filled: {} acked, {} refused in {:.1} s", o.acked, o.refused, o.send_secs);
        for i in 1..=2 {
            let (took, st) = busy(Busy::Clouds, &target, &big).await;
            println!("  word cloud, 10 at once, round {i}: {:.0} ms for all, statuses {st:?}", ms(took));
            f.add(&format!("ms for 10 word clouds at once, round {i}"), ms(took), 0);
        }
        for what in [Busy::Nothing, Busy::Export, Busy::Vote, Busy::Clouds] {
            let plan = steady(rate, secs);
            let bg = {
                let (target, plan) = (target.clone(), plan.clone());
                tokio::spawn(async move { load::run(&target, &plan).await })
            };
            // Busy once the phones are connected and sending.
            tokio::time::sleep(Duration::from_secs(2)).await;
            let (took, st) = busy(what, &target, &big).await;
            let o = bg.await.expect("phase").expect("phase run");
            println!("  phase {what:?}: busy work {:.0} ms, statuses {st:?}", ms(took));
            print_outcome(&plan, &o);
            f.add(&format!("{what:?}: other sessions' ack p99 ms"), ms(o.ack.pct(0.99)), 1);
            f.add(&format!("{what:?}: other sessions' wall p99 ms"), ms(o.wall.pct(0.99)), 1);
            f.add(&format!("{what:?}: ms the busy work took"), ms(took), 0);
        }
        // Start after kill -9 on the filled file: until the new process answers /healthz.
        if let Some(mut child) = child {
            let size = std::fs::metadata(dir.path().join("loadgen.redb")).map(|m| m.len()).unwrap_or(0);
            let _ = child.child.start_kill();
            let _ = child.child.wait().await;
            let start = Instant::now();
            let again = server::start_inspel(dir.path(), 12_000).await.expect("restart");
            let up = healthy(&again.target).await;
            let took = start.elapsed();
            let rss = again.target.pid.and_then(procfs::sample).unwrap_or_default().rss_kib;
            println!(
                "  restart after kill -9 ({:.0} MB file): answering in {:.0} ms ({up}), RSS {rss} KiB",
                size as f64 / 1e6,
                ms(took)
            );
            f.add("ms to answer after kill -9", ms(took), 0);
            f.add("RSS KiB after that start", rss as f64, 0);
            f.add("data file MB", size as f64 / 1e6, 1);
        }
    }
    f.print();
}
