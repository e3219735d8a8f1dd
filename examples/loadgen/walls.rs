//! Walls: websockets that follow a session's event log and note when each contribution of the
//! run arrives, for the per-id wall latency and the fan-out rate.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;

use crate::net::{self, Ids};

/// What one wall saw: (contribution index, nanoseconds since the run's start) per contribution
/// of this run, and how many frames it received in all.
#[derive(Debug, Default)]
pub struct Seen {
    pub receipts: Vec<(u32, u64)>,
    pub frames: u64,
}

/// A connected wall that has finished its replay; `seen` counts this run's contributions so far.
pub struct Wall {
    pub seen: Arc<AtomicU64>,
    pub task: tokio::task::JoinHandle<Seen>,
}

/// Connects a wall and waits for its `replayed`: from then on every contribution is live.
/// The wall reads until `stop` is cancelled.
pub async fn connect(
    server: SocketAddr,
    path: &str,
    ids: Ids,
    t0: Instant,
    stop: CancellationToken,
) -> Result<Wall, String> {
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut ws = net::ws(server, loopback, path).await?;
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) if t.starts_with("{\"type\":\"replayed\"") => break,
            Ok(Some(Ok(_))) => {}
            other => return Err(format!("wall before replayed: {other:?}")),
        }
    }
    let seen = Arc::new(AtomicU64::new(0));
    let counter = seen.clone();
    let task = tokio::spawn(async move {
        let mut out = Seen::default();
        loop {
            let frame = tokio::select! {
                _ = stop.cancelled() => break,
                f = ws.next() => f,
            };
            let Some(Ok(Message::Text(t))) = frame else {
                if matches!(frame, Some(Ok(_))) {
                    continue;
                }
                break;
            };
            out.frames += 1;
            let id = net::id_after(&t, "\"contribution\":{\"id\":\"");
            if let Some(index) = id.and_then(|id| ids.index(id)) {
                out.receipts.push((index as u32, t0.elapsed().as_nanos() as u64));
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }
        out
    });
    Ok(Wall { seen, task })
}

/// Waits until every wall has seen `expected` contributions of the run, or `grace` has passed.
pub async fn wait_all(walls: &[Wall], expected: u64, grace: Duration) {
    let until = Instant::now() + grace;
    while Instant::now() < until {
        if walls.iter().all(|w| w.seen.load(Ordering::Relaxed) >= expected) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
