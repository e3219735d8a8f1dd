//! One load run against a server: M walls, N phones connecting K at a time, contributions at a
//! rate or in a burst; per-id ack and wall latency, and the server's memory and CPU.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::net::{self, Ids};
use crate::phones::{self, Clock, Sending};
use crate::procfs::{self, Sample};
use crate::stats::Latencies;
use crate::walls;

/// The server under load: its address, admin token, and process id when known (for /proc).
#[derive(Debug, Clone)]
pub struct Target {
    pub addr: SocketAddr,
    pub admin: String,
    pub pid: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Ws,
    Http,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub phones: usize,
    pub walls: usize,
    pub per_phone: usize,
    /// Contributions per second in all; `None`: each phone sends as fast as its acks come.
    pub rate: Option<f64>,
    /// Phones connecting at once.
    pub batch: usize,
    pub transport: Transport,
    pub text_len: usize,
    /// Loopback source addresses the phones are spread over (127.0.0.2 onwards).
    pub addresses: usize,
    /// Longest the sending may take before the run gives up on missing answers.
    pub timeout: Duration,
}

impl Plan {
    /// Enough source addresses that the per-address limits (2,000 contributions and 1,000 new
    /// phones at once per address and session) do not shape the run, as in a venue with
    /// several halls; the per-phone limits still apply.
    pub fn addresses_for(phones: usize, total: usize) -> usize {
        phones.div_ceil(900).max(total.div_ceil(1_800)).clamp(1, 250)
    }
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub ack: Latencies,
    pub wall: Latencies,
    pub planned: usize,
    pub acked: usize,
    pub refused: usize,
    pub first_refusal: Option<String>,
    pub connect_errors: Vec<String>,
    /// Every wall that missed an acknowledged contribution, counted once per miss.
    pub wall_missing: usize,
    pub wall_frames: u64,
    pub connect_secs: f64,
    /// The server before and after connecting the phones, and after the walls had everything.
    pub before_connect: Sample,
    pub after_connect: Sample,
    pub after_send: Sample,
    /// From the first send until the last ack, and until the last wall had everything.
    pub send_secs: f64,
    pub wall_secs: f64,
    pub behind_ms: f64,
    /// (phones connected, server RSS in KiB) while connecting.
    pub rss_curve: Vec<(usize, u64)>,
}

impl Outcome {
    pub fn acks_per_sec(&self) -> f64 {
        self.acked as f64 / self.send_secs.max(1e-9)
    }

    /// Server memory per connected phone socket, in KiB.
    pub fn kib_per_phone(&self, phones: usize) -> f64 {
        (self.after_connect.rss_kib as f64 - self.before_connect.rss_kib as f64) / phones.max(1) as f64
    }
}

pub struct Session {
    pub id: String,
    pub code: String,
    pub wall_token: String,
    pub facilitator_token: String,
    pub secretary_token: String,
}

pub async fn create_session(target: &Target) -> Result<Session, String> {
    let body = json!({"title": "Last", "questions": ["Vad tänker du?"], "tables": ["Bord 1"]});
    let v: Value = reqwest::Client::new()
        .post(format!("http://{}/api/sessions", target.addr))
        .bearer_auth(&target.admin)
        .json(&body)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    let field = |k: &str| v[k].as_str().map(str::to_string).ok_or(format!("no {k} in {v}"));
    Ok(Session {
        id: field("id")?,
        code: field("code")?,
        wall_token: field("wall_token")?,
        facilitator_token: field("facilitator_token")?,
        secretary_token: field("secretary_token")?,
    })
}

/// Sets what the session's walls show of each card's origin (`table`, `perspective`, `both`,
/// `neither`).
pub async fn set_wall_shows(target: &Target, session: &Session, shows: &str) -> Result<(), String> {
    let res = reqwest::Client::new()
        .patch(format!("http://{}/api/sessions/{}", target.addr, session.id))
        .bearer_auth(&session.facilitator_token)
        .json(&json!({ "wall_shows": shows }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    match res.status().is_success() {
        true => Ok(()),
        false => Err(format!("wall_shows {shows}: {}", res.status())),
    }
}

fn sample(target: &Target) -> Sample {
    target.pid.and_then(procfs::sample).unwrap_or_default()
}

/// A run in a new session.
pub async fn run(target: &Target, plan: &Plan) -> Result<Outcome, String> {
    run_in(target, plan, &create_session(target).await?).await
}

/// A run in the given session (its first question, `q1`, open; its table "Bord 1").
pub async fn run_in(target: &Target, plan: &Plan, session: &Session) -> Result<Outcome, String> {
    let total = plan.phones * plan.per_phone;
    let ids = Ids::new();
    let clock = Arc::new(Clock::new(total));
    let stop = CancellationToken::new();
    let mut out = Outcome { planned: total, ..Outcome::default() };

    let wall_path = format!("/ws/wall/{}?token={}", session.id, session.wall_token);
    let mut wall_list = Vec::with_capacity(plan.walls);
    for _ in 0..plan.walls {
        wall_list.push(walls::connect(target.addr, &wall_path, ids, clock.t0, stop.clone()).await?);
    }

    // Phones, K at a time, sampling the server's memory against how many are connected.
    out.before_connect = sample(target);
    let connected = Arc::new(AtomicUsize::new(0));
    let sampling = CancellationToken::new();
    let sampler = tokio::spawn({
        let (connected, target, sampling) = (connected.clone(), target.clone(), sampling.clone());
        async move {
            let mut curve = Vec::new();
            while !sampling.is_cancelled() {
                curve.push((connected.load(Ordering::Relaxed), sample(&target).rss_kib));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            curve
        }
    });
    let started = Instant::now();
    let sockets = match plan.transport {
        Transport::Ws => {
            let (s, errors) = phones::connect(
                target.addr,
                &session.code,
                plan.phones,
                plan.batch,
                plan.addresses,
                connected.clone(),
            )
            .await;
            out.connect_errors = errors;
            s
        }
        Transport::Http => Vec::new(),
    };
    out.connect_secs = started.elapsed().as_secs_f64();
    // Let the last sockets' set-up settle before reading memory.
    tokio::time::sleep(Duration::from_millis(300)).await;
    out.after_connect = sample(target);
    sampling.cancel();
    out.rss_curve = sampler.await.unwrap_or_default();
    out.rss_curve.push((connected.load(Ordering::Relaxed), out.after_connect.rss_kib));

    let s = Arc::new(Sending {
        code: session.code.clone(),
        text: "å".repeat(plan.text_len),
        per_phone: plan.per_phone,
        phones: plan.phones,
        rate: plan.rate,
        ids,
        deadline: Instant::now() + plan.timeout,
    });
    let start = Instant::now();
    let mut tasks = Vec::new();
    match plan.transport {
        Transport::Ws => {
            for (p, ws) in sockets.into_iter().enumerate() {
                let Some(ws) = ws else { continue };
                let (s, clock) = (s.clone(), clock.clone());
                tasks.push(tokio::spawn(async move { Some(phones::send_ws(p, ws, s, clock, start).await) }));
            }
        }
        Transport::Http => {
            let base = format!("http://{}", target.addr);
            let clients: Vec<_> = (0..plan.addresses).map(|a| net::http(net::source(a))).collect();
            for p in 0..plan.phones {
                let (s, clock, base) = (s.clone(), clock.clone(), base.clone());
                let http = clients[p % clients.len()].clone();
                tasks.push(tokio::spawn(async move {
                    phones::send_http(p, base, http, s, clock, start).await;
                    None
                }));
            }
        }
    }
    let mut open = Vec::new();
    for t in tasks {
        open.extend(t.await.ok().flatten());
    }
    out.acked = clock.acked.iter().filter(|a| a.load(Ordering::Relaxed) > 0).count();
    walls::wait_all(&wall_list, out.acked as u64, Duration::from_secs(30)).await;
    out.after_send = sample(target);
    stop.cancel();
    drop(open);

    let sent = |i: usize| clock.sent[i].load(Ordering::Relaxed);
    let (mut acks, mut first, mut last) = (Vec::with_capacity(total), u64::MAX, 0u64);
    for i in 0..total {
        let a = clock.acked[i].load(Ordering::Relaxed);
        if sent(i) > 0 {
            first = first.min(sent(i));
        }
        if a > 0 {
            acks.push(Duration::from_nanos(a.saturating_sub(sent(i))));
            last = last.max(a);
        }
    }
    out.send_secs = last.saturating_sub(first) as f64 / 1e9;
    let mut wall_lat = Vec::new();
    let mut wall_last = 0u64;
    for w in wall_list {
        let seen = w.task.await.map_err(|e| e.to_string())?;
        out.wall_frames += seen.frames;
        out.wall_missing += out.acked.saturating_sub(seen.receipts.len());
        for (i, at) in seen.receipts {
            wall_lat.push(Duration::from_nanos(at.saturating_sub(sent(i as usize))));
            wall_last = wall_last.max(at);
        }
    }
    out.wall_secs = wall_last.saturating_sub(first) as f64 / 1e9;
    out.ack = Latencies::new(acks);
    out.wall = Latencies::new(wall_lat);
    out.refused = clock.refused.load(Ordering::Relaxed);
    out.first_refusal = clock.first_refusal.lock().unwrap_or_else(|e| e.into_inner()).clone();
    out.behind_ms = clock.behind.load(Ordering::Relaxed) as f64 / 1e6;
    Ok(out)
}
