//! The accept loop: every TCP connection gets a slot under a cap sized from the open-file limit,
//! or a short 503 refusal; every HTTP/1 connection must send its headers within a deadline; and
//! accept errors such as "Too many open files" pause the loop instead of spinning it.
//!
//! We drive hyper's HTTP/1 connection ourselves rather than `axum::serve` (which has neither a
//! header timeout nor a cap) or hyper-util's `auto` builder (which first sniffs for the HTTP/2
//! preface with no deadline, so a client that sends nothing would never be timed out). HTTP/2
//! was never enabled, so HTTP/1 with upgrades serves the same clients as before.

mod files;
mod held;
mod refuse;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower_service::Service;

use crate::limits;

pub use files::{connection_cap, raise_open_file_limit};

/// How connections are limited; [`crate::Config`] supplies both.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The configured cap; [`serve`] lowers it to what the open-file limit allows.
    pub max_connections: usize,
    /// How long a client has to send a request's headers.
    pub header_timeout: Duration,
}

impl Options {
    pub fn from_config(config: &crate::Config) -> Self {
        Self {
            max_connections: usize::try_from(config.max_connections).unwrap_or(usize::MAX),
            header_timeout: Duration::from_secs(config.header_timeout_secs.max(1)),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_connections: limits::MAX_CONNECTIONS,
            header_timeout: Duration::from_secs(limits::HEADER_READ_TIMEOUT_SECS),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` is cancelled, then stops accepting and waits for
/// open connections to finish their requests (at most [`limits::SHUTDOWN_GRACE_SECS`]).
/// Handlers may extract `ConnectInfo<SocketAddr>`, the peer's address.
pub async fn serve(listener: TcpListener, app: Router, options: Options, shutdown: CancellationToken) {
    let open_files = raise_open_file_limit();
    let cap = connection_cap(options.max_connections, open_files);
    if cap < options.max_connections {
        tracing::warn!(
            configured = options.max_connections,
            open_files = open_files.unwrap_or_default(),
            "the open-file limit lowers the connection cap; raise it (ulimit -n, docker --ulimit nofile=...)"
        );
    }
    let header_timeout_secs = options.header_timeout.as_secs();
    match open_files {
        Some(n) => {
            tracing::info!(
                max_connections = cap,
                open_files = n,
                header_timeout_secs,
                "accepting connections"
            );
        }
        None => tracing::info!(max_connections = cap, header_timeout_secs, "accepting connections"),
    }

    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(options.header_timeout);
    let shared = Arc::new(Shared { http, app, shutdown: shutdown.clone() });
    let slots = Arc::new(Semaphore::new(cap));
    let refusals = Arc::new(Semaphore::new(limits::MAX_REFUSALS_IN_FLIGHT));
    let tasks = TaskTracker::new();
    let mut accept_errors = Throttle::default();
    let mut full = Throttle::default();

    loop {
        let accepted = tokio::select! {
            biased;
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            // The client gave up before we accepted: nothing of ours is wrong.
            Err(e) if is_peer_error(&e) => continue,
            Err(e) => {
                if let Some(quiet) = accept_errors.ready() {
                    tracing::warn!(error = %e, repeats = quiet, "cannot accept connections; pausing");
                }
                // The pending connection stays queued; pausing lets descriptors free up
                // instead of retrying in a tight loop.
                let pause = Duration::from_millis(limits::ACCEPT_ERROR_BACKOFF_MS);
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(pause) => continue,
                }
            }
        };
        // Walls and phones get each event at once, not after Nagle's delay.
        let _ = stream.set_nodelay(true);
        match slots.clone().try_acquire_owned() {
            Ok(slot) => {
                let io = held::Held::new(stream, slot);
                tasks.spawn(connection(shared.clone(), io, peer));
            }
            Err(_) => {
                if let Some(quiet) = full.ready() {
                    tracing::warn!(
                        max_connections = cap,
                        repeats = quiet,
                        "connection cap reached; refusing"
                    );
                }
                // A burst of clients over the cap finishes its refusals in milliseconds, so a
                // short wait lets every one of them get the clear answer. The wait is bounded so
                // that refusals stuck on silent clients cannot hold up the loop and the clients
                // queued behind it; past it, the connection is closed unanswered.
                let wait = Duration::from_millis(limits::REFUSAL_QUEUE_WAIT_MS);
                let permit = tokio::select! {
                    _ = shutdown.cancelled() => break,
                    permit = tokio::time::timeout(wait, refusals.clone().acquire_owned()) => permit,
                };
                if let Ok(Ok(permit)) = permit {
                    tasks.spawn(refuse::refuse(stream, permit));
                }
            }
        }
    }
    drop(listener);
    tasks.close();
    tasks.wait().await;
}

/// What every connection task needs.
struct Shared {
    http: http1::Builder,
    app: Router,
    shutdown: CancellationToken,
}

/// Serves one connection until it closes, is upgraded (the socket and its slot then belong to
/// the websocket task) or, at shutdown, finishes its request.
async fn connection(shared: Arc<Shared>, io: held::Held, peer: SocketAddr) {
    let app = shared.app.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        // What `ConnectInfo<SocketAddr>` extracts; axum's own serve inserts the same.
        req.extensions_mut().insert(ConnectInfo(peer));
        // A router is a few `Arc`s and always ready, so a clone per request is cheap.
        app.clone().call(req)
    });
    let conn = shared.http.serve_connection(TokioIo::new(io), service).with_upgrades();
    tokio::pin!(conn);
    let done = tokio::select! {
        done = conn.as_mut() => done,
        _ = shared.shutdown.cancelled() => {
            // Finish the request in flight, answer it with `Connection: close`, then stop;
            // idle keep-alive connections and ones that never sent a byte close at once.
            conn.as_mut().graceful_shutdown();
            let grace = Duration::from_secs(limits::SHUTDOWN_GRACE_SECS);
            match tokio::time::timeout(grace, conn.as_mut()).await {
                Ok(done) => done,
                Err(_) => return,
            }
        }
    };
    if let Err(e) = done {
        // Header timeouts, resets and malformed requests: the client's doing, not worth a warning.
        tracing::debug!(%peer, error = %e, "connection ended");
    }
}

/// Accept errors that concern one client only; the next accept may well succeed.
fn is_peer_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), ConnectionAborted | ConnectionReset | ConnectionRefused)
}

/// Lets a repeated warning through at most once per interval, counting the ones held back.
#[derive(Default)]
struct Throttle {
    last: Option<Instant>,
    quiet: u64,
}

impl Throttle {
    /// `Some(held back since the last one)` when it is time to log again.
    fn ready(&mut self) -> Option<u64> {
        let now = Instant::now();
        let every = Duration::from_secs(limits::CONNECTION_WARNING_EVERY_SECS);
        if self.last.is_some_and(|last| now.duration_since(last) < every) {
            self.quiet += 1;
            return None;
        }
        self.last = Some(now);
        Some(std::mem::take(&mut self.quiet))
    }
}
