//! Phones: connecting many websockets K at a time, and sending contributions over them (or over
//! HTTP, the phone page's fallback) at a given rate or as fast as the acks come back.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;

use crate::net::{self, Ids, Ws};

/// The shared clock of a run: when each contribution was sent and acknowledged, in nanoseconds
/// since `t0` (0: not yet), and refusals.
pub struct Clock {
    pub t0: Instant,
    pub sent: Vec<AtomicU64>,
    pub acked: Vec<AtomicU64>,
    pub refused: AtomicUsize,
    pub first_refusal: std::sync::Mutex<Option<String>>,
    /// Largest delay of a send behind its schedule, in nanoseconds: when the load generator
    /// itself falls behind, the offered rate was not offered.
    pub behind: AtomicU64,
}

impl Clock {
    pub fn new(total: usize) -> Self {
        Self {
            t0: Instant::now(),
            sent: (0..total).map(|_| AtomicU64::new(0)).collect(),
            acked: (0..total).map(|_| AtomicU64::new(0)).collect(),
            refused: AtomicUsize::new(0),
            first_refusal: std::sync::Mutex::new(None),
            behind: AtomicU64::new(0),
        }
    }

    fn now(&self) -> u64 {
        self.t0.elapsed().as_nanos().max(1) as u64
    }

    fn refuse(&self, why: String) {
        self.refused.fetch_add(1, Ordering::Relaxed);
        let mut first = self.first_refusal.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(why);
    }
}

/// What to send: `per_phone` contributions each, `rate` per second in all (None: each phone
/// sends its next one as soon as the previous is acknowledged).
#[derive(Debug, Clone)]
pub struct Sending {
    pub code: String,
    pub text: String,
    pub per_phone: usize,
    pub phones: usize,
    pub rate: Option<f64>,
    pub ids: Ids,
    pub deadline: Instant,
}

impl Sending {
    /// When contribution `index` is due: the run's contributions are spread evenly over time and
    /// dealt round-robin to the phones, so each phone keeps an even pace too.
    fn due(&self, start: Instant, index: usize) -> Option<Instant> {
        self.rate.map(|r| start + Duration::from_secs_f64(index as f64 / r))
    }

    fn body(&self, index: usize) -> serde_json::Value {
        json!({"id": self.ids.id(index), "question_id": "q1", "text": self.text, "table": "Bord 1"})
    }
}

/// Connects `phones` phone websockets, `batch` at a time, each waiting for its `hello`.
/// `connected` counts the ones done, for sampling memory against it.
pub async fn connect(
    server: SocketAddr,
    code: &str,
    phones: usize,
    batch: usize,
    addresses: usize,
    connected: Arc<AtomicUsize>,
) -> (Vec<Option<Ws>>, Vec<String>) {
    let permits = Arc::new(Semaphore::new(batch.max(1)));
    let mut tasks = Vec::with_capacity(phones);
    for p in 0..phones {
        let permits = permits.clone();
        let connected = connected.clone();
        let path = format!("/ws/join/{code}?participant=lg-{p}");
        tasks.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await.map_err(|e| e.to_string())?;
            let mut ws = net::ws(server, net::source(p % addresses.max(1)), &path).await?;
            match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
                Ok(Some(Ok(Message::Text(t)))) if t.starts_with("{\"type\":\"hello\"") => {}
                other => return Err(format!("no hello: {other:?}")),
            }
            connected.fetch_add(1, Ordering::Relaxed);
            Ok::<Ws, String>(ws)
        }));
    }
    let (mut sockets, mut errors) = (Vec::with_capacity(phones), Vec::new());
    for t in tasks {
        match t.await {
            Ok(Ok(ws)) => sockets.push(Some(ws)),
            Ok(Err(e)) => {
                errors.push(e);
                sockets.push(None);
            }
            Err(e) => {
                errors.push(e.to_string());
                sockets.push(None);
            }
        }
    }
    (sockets, errors)
}

/// Reads until the answer (ack or error) to one of this run's contributions; false when the
/// socket ended or the deadline passed.
async fn answer<S>(stream: &mut S, s: &Sending, clock: &Clock) -> bool
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let left = s.deadline.saturating_duration_since(Instant::now());
        let Ok(Some(Ok(frame))) = tokio::time::timeout(left, stream.next()).await else {
            return false;
        };
        let Message::Text(t) = frame else { continue };
        let id = net::id_after(&t, "\"id\":\"").and_then(|id| s.ids.index(id));
        if t.starts_with("{\"type\":\"ack\"") {
            if let Some(i) = id {
                clock.acked[i].store(clock.now(), Ordering::Relaxed);
            }
            return true;
        }
        if t.starts_with("{\"type\":\"error\"") {
            clock.refuse(t.to_string());
            return true;
        }
    }
}

fn submit(s: &Sending, i: usize) -> Message {
    let mut msg = s.body(i);
    msg["type"] = json!("submit");
    Message::text(msg.to_string())
}

/// One phone's contributions over its websocket; returns the socket (kept open until the walls
/// are done, as a real phone would stay). At a rate, sending and reading run side by side, so a
/// slow ack never delays the next send (no coordinated omission); without one, each send waits
/// for the previous answer, as the phone page's outbox does.
pub async fn send_ws(p: usize, mut ws: Ws, s: Arc<Sending>, clock: Arc<Clock>, start: Instant) -> Ws {
    let indices: Vec<usize> = (0..s.per_phone).map(|j| j * s.phones + p).collect();
    if s.rate.is_none() {
        for &i in &indices {
            clock.sent[i].store(clock.now(), Ordering::Relaxed);
            if ws.send(submit(&s, i)).await.is_err() || !answer(&mut ws, &s, &clock).await {
                clock.refuse(format!("phone {p}: socket ended or no answer in time"));
                break;
            }
        }
        return ws;
    }
    let (mut sink, mut stream) = ws.split();
    let reader = async {
        for _ in &indices {
            if !answer(&mut stream, &s, &clock).await {
                clock.refuse(format!("phone {p}: socket ended or no answer in time"));
                break;
            }
        }
    };
    let writer = async {
        for &i in &indices {
            if let Some(due) = s.due(start, i) {
                tokio::time::sleep_until(due.into()).await;
                clock.behind.fetch_max(due.elapsed().as_nanos() as u64, Ordering::Relaxed);
            }
            clock.sent[i].store(clock.now(), Ordering::Relaxed);
            if sink.send(submit(&s, i)).await.is_err() {
                break;
            }
        }
    };
    tokio::join!(reader, writer);
    stream.reunite(sink).expect("halves of one socket")
}

/// One phone's contributions over HTTP (`POST /api/join/{code}/contributions`), one after another.
pub async fn send_http(
    p: usize,
    base: String,
    http: reqwest::Client,
    s: Arc<Sending>,
    clock: Arc<Clock>,
    start: Instant,
) {
    let url = format!("{base}/api/join/{}/contributions", s.code);
    let participant = format!("lg-{p}");
    for j in 0..s.per_phone {
        let i = j * s.phones + p;
        if let Some(due) = s.due(start, i) {
            tokio::time::sleep_until(due.into()).await;
            clock.behind.fetch_max(due.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
        let mut body = s.body(i);
        body["participant_id"] = json!(participant);
        clock.sent[i].store(clock.now(), Ordering::Relaxed);
        let answer = http.post(&url).header("x-inspel-participant", &participant).json(&body).send().await;
        match answer {
            Ok(r) if r.status().is_success() => clock.acked[i].store(clock.now(), Ordering::Relaxed),
            Ok(r) => {
                let status = r.status();
                clock.refuse(format!("HTTP {status}: {}", r.text().await.unwrap_or_default()));
            }
            Err(e) => clock.refuse(format!("HTTP: {e}")),
        }
    }
}
