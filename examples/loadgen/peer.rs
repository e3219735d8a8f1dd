//! The peer: mentipy, a self-hosted classroom-polling server (Python, pip), loaded with the
//! same HTTP phones as inspel: each phone posts its answers one after another, each waiting for
//! the server's answer (mentipy redirects a stored answer with 303).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::load::Target;
use crate::net;
use crate::stats::Latencies;

pub struct PeerRun {
    pub ack: Latencies,
    pub answered: usize,
    pub refused: usize,
    pub secs: f64,
    pub first_refusal: Option<String>,
}

pub async fn run(
    target: &Target,
    path: &str,
    phones: usize,
    per_phone: usize,
    text_len: usize,
    addresses: usize,
) -> PeerRun {
    let url = Arc::new(format!("http://{}{path}", target.addr));
    let body = Arc::new(format!("value={}", form_encode(&"å".repeat(text_len))));
    let clients: Vec<_> = (0..addresses.max(1)).map(|a| net::http(net::source(a))).collect();
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(phones);
    for p in 0..phones {
        let (url, body, http) = (url.clone(), body.clone(), clients[p % clients.len()].clone());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut refused, mut first) = (Vec::with_capacity(per_phone), 0, None);
            for _ in 0..per_phone {
                let sent = Instant::now();
                let post =
                    http.post(url.as_str()).header("content-type", "application/x-www-form-urlencoded");
                match post.body(body.to_string()).send().await {
                    Ok(r) if r.status().is_redirection() || r.status().is_success() => {
                        lat.push(sent.elapsed())
                    }
                    Ok(r) => {
                        refused += 1;
                        first.get_or_insert(format!("HTTP {}", r.status()));
                    }
                    Err(e) => {
                        refused += 1;
                        first.get_or_insert(e.to_string());
                    }
                }
            }
            (lat, refused, first)
        }));
    }
    let (mut all, mut refused, mut first_refusal) = (Vec::new(), 0, None);
    for t in tasks {
        if let Ok((lat, r, f)) = t.await {
            all.extend(lat);
            refused += r;
            first_refusal = first_refusal.or(f);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let answered = all.len();
    PeerRun { ack: Latencies::new(all), answered, refused, secs, first_refusal }
}

/// A form value as `application/x-www-form-urlencoded` (what a browser's form sends).
fn form_encode(v: &str) -> String {
    v.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Nothing to wait for between runs but the socket's TIME_WAITs; a pause keeps runs apart.
pub async fn settle() {
    tokio::time::sleep(Duration::from_millis(500)).await;
}
