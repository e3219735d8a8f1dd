//! The fan-out baseline: a bare broadcast websocket server with inspel's socket limits (4 KiB
//! read and write buffers, the same write-buffer cap and message limit, TCP_NODELAY), whose
//! only work is to send each frame a publisher sends to every subscriber, serialised once and
//! shared. It runs as its own process (`loadgen bare-server`) so its CPU is read like inspel's.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};
use tokio_util::sync::CancellationToken;

use crate::load::Target;
use crate::net::{self, Ids};
use crate::stats::Latencies;
use crate::walls;

/// As inspel's `src/limits.rs`: WS_BUFFER_BYTES, WS_MAX_WRITE_BUFFER_BYTES, MAX_WS_MESSAGE_BYTES,
/// EVENT_CHANNEL_CAPACITY.
const BUFFER: usize = 4 * 1024;
const MAX_WRITE_BUFFER: usize = 2 * 1024 * 1024 + BUFFER;
const MAX_MESSAGE: usize = 16 * 1024;
const CHANNEL: usize = 1_024;

pub async fn serve() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    println!("bare broadcast listening on {}", listener.local_addr().expect("addr"));
    let (tx, _) = broadcast::channel::<Utf8Bytes>(CHANNEL);
    let config = WebSocketConfig::default()
        .read_buffer_size(BUFFER)
        .write_buffer_size(BUFFER)
        .max_write_buffer_size(MAX_WRITE_BUFFER)
        .max_message_size(Some(MAX_MESSAGE));
    while let Ok((stream, _)) = listener.accept().await {
        let _ = stream.set_nodelay(true);
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut path = String::new();
            // The callback's signature (and its large error type) is tungstenite's.
            #[allow(clippy::result_large_err)]
            let callback = |req: &Request, res: Response| {
                path = req.uri().path().to_string();
                Ok(res)
            };
            let Ok(ws) =
                tokio_tungstenite::accept_hdr_async_with_config(stream, callback, Some(config)).await
            else {
                return;
            };
            let (mut sink, mut stream) = ws.split();
            if path == "/pub" {
                while let Some(Ok(m)) = stream.next().await {
                    if let Message::Text(t) = m {
                        let _ = tx.send(t);
                    }
                }
                return;
            }
            let mut rx = tx.subscribe();
            // A hello and a replayed, as inspel sends, so the same clients wait for them.
            for m in ["{\"type\":\"hello\"}", "{\"type\":\"replayed\",\"seq\":0}"] {
                if sink.send(Message::text(m)).await.is_err() {
                    return;
                }
            }
            loop {
                match rx.recv().await {
                    Ok(t) => {
                        if sink.send(Message::Text(t)).await.is_err() {
                            return;
                        }
                    }
                    // A subscriber that fell behind skips ahead; the publisher's window keeps
                    // this from happening in a measurement (frames would be missing).
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return,
                }
            }
        });
    }
}

/// What a fan-out run delivered: wall latency per (wall, frame), frames per second to all walls.
pub struct Fanout {
    pub wall: Latencies,
    pub delivered: usize,
    pub secs: f64,
    pub missing: usize,
}

/// Publishes `total` frames shaped like inspel's `contribution_added` (text of `text_len`) to `walls` subscribers,
/// never more than a channel's worth ahead of the slowest subscriber.
pub async fn fanout(
    target: &Target,
    walls_n: usize,
    total: usize,
    text_len: usize,
) -> Result<Fanout, String> {
    let ids = Ids::new();
    let t0 = Instant::now();
    let stop = CancellationToken::new();
    let mut subs = Vec::with_capacity(walls_n);
    for _ in 0..walls_n {
        subs.push(walls::connect(target.addr, "/sub", ids, t0, stop.clone()).await?);
    }
    let mut publisher = net::ws(target.addr, net::source(0), "/pub").await?;
    let text = "å".repeat(text_len);
    let mut sent = vec![0u64; total];
    for (i, slot) in sent.iter_mut().enumerate() {
        while subs.iter().map(|w| w.seen.load(Ordering::Relaxed)).min().unwrap_or(0) + (CHANNEL as u64 / 2)
            < i as u64
        {
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        let frame = format!(
            "{{\"type\":\"event\",\"seq\":{i},\"at\":\"2026-11-26T10:00:00Z\",\"kind\":\"contribution_added\",\
             \"contribution\":{{\"id\":\"{}\",\"question_id\":\"q1\",\"text\":\"{text}\",\"table\":\"Bord 1\",\
             \"perspective\":null,\"created_at\":\"2026-11-26T10:00:00Z\",\"seq\":{i},\"hidden\":false}}}}",
            ids.id(i)
        );
        *slot = t0.elapsed().as_nanos() as u64;
        publisher.send(Message::text(frame)).await.map_err(|e| e.to_string())?;
    }
    walls::wait_all(&subs, total as u64, Duration::from_secs(30)).await;
    stop.cancel();
    let (mut lat, mut last, mut delivered, mut missing) = (Vec::new(), 0u64, 0, 0);
    for w in subs {
        let seen = w.task.await.map_err(|e| e.to_string())?;
        missing += total.saturating_sub(seen.receipts.len());
        delivered += seen.receipts.len();
        for (i, at) in seen.receipts {
            lat.push(Duration::from_nanos(at.saturating_sub(sent[i as usize])));
            last = last.max(at);
        }
    }
    let secs = last.saturating_sub(sent.first().copied().unwrap_or(0)) as f64 / 1e9;
    Ok(Fanout { wall: Latencies::new(lat), delivered, secs, missing })
}
