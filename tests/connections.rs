//! Connections as an attacker or a crowd uses them: half-open and idle HTTP connections are
//! closed at the header timeout, connections over the cap get a clear 503 and service resumes
//! once slots free, websockets keep their slot, handlers see the peer's address, and shutdown
//! lets a request in flight finish. The open-file limit test is in tests/connections_nofile.rs.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use axum::extract::ws::{Message as AxMessage, WebSocketUpgrade};
use axum::routing::get;
use common::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;

/// The header timeout the tests configure: short, so a test takes about a second.
const HEADER_TIMEOUT: Duration = Duration::from_secs(1);

/// Reads until the server closes (EOF or reset); returns what was read and when it closed.
async fn until_closed(mut r: impl AsyncRead + Unpin) -> (Vec<u8>, Instant) {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    tokio::time::timeout(WAIT, async {
        while let Ok(n @ 1..) = r.read(&mut buf).await {
            got.extend_from_slice(&buf[..n]);
        }
    })
    .await
    .expect("the server closes the connection in time");
    (got, Instant::now())
}

/// Asserts that `raw` is the refusal: 503, Retry-After, `Connection: close` and the JSON error.
#[track_caller]
fn assert_refusal(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
    let head = head.to_ascii_lowercase();
    assert!(head.contains("\r\nretry-after: 5"), "{head}");
    assert!(head.contains("\r\nconnection: close"), "{head}");
    assert!(head.contains("\r\ncontent-type: application/json"), "{head}");
    let body: Value = serde_json::from_str(body).expect("JSON body");
    assert_error(&body, "too_many_connections");
}

/// A whole `GET` on a fresh connection with `Connection: close`; the raw answer.
async fn raw_get(addr: SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("write");
    String::from_utf8_lossy(&until_closed(s).await.0).into_owned()
}

async fn open_idle(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(TcpStream::connect(addr).await.expect("connect"));
    }
    out
}

/// Asks for /healthz until it is 200; fails after [`WAIT`].
async fn healthz_200_in_time(http: &reqwest::Client, url: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let got = http.get(url).send().await.map(|r| r.status());
        if matches!(got, Ok(s) if s == 200) {
            return;
        }
        assert!(Instant::now() < deadline, "/healthz not 200 in time: {got:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn silent_half_open_dripping_and_idle_connections_are_closed_at_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_on(dir.path().join("t.redb"), |c| c.header_timeout_secs = 1).await;
    let session = server.council().await;
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;

    let start = Instant::now();
    let silent = TcpStream::connect(server.addr).await.unwrap();
    let mut half = TcpStream::connect(server.addr).await.unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n").await.unwrap();
    // Slowloris proper: a header line every 100 ms, never the blank line that ends them.
    let (drip_read, mut drip_write) = TcpStream::connect(server.addr).await.unwrap().into_split();
    drip_write.write_all(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
    let dripper = tokio::spawn(async move {
        for _ in 0..100 {
            if drip_write.write_all(b"X-Drip: 1\r\n").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    // Keep-alive: one request answered, then nothing.
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();

    let (silent, half, drip, idle) =
        tokio::join!(until_closed(silent), until_closed(half), until_closed(drip_read), until_closed(idle));
    for (name, (_, closed)) in
        [("silent", &silent), ("half-open", &half), ("dripping", &drip), ("idle", &idle)]
    {
        let after = closed.duration_since(start);
        eprintln!("{name}: closed after {after:?}");
        assert!(after >= HEADER_TIMEOUT - Duration::from_millis(100), "{name} closed early: {after:?}");
        assert!(after < HEADER_TIMEOUT * 4, "{name} closed late: {after:?}");
    }
    assert!(String::from_utf8_lossy(&idle.0).starts_with("HTTP/1.1 200"), "the idle one was answered first");
    dripper.abort();

    // An upgraded websocket is not an HTTP request any more: the wall, older than the timeout,
    // still gets the next contribution.
    let added = server.add(&session, "q1", "Fler cykelvägar till skolan").await;
    assert_eq!(next_event(&mut wall, "contribution_added").await["contribution"]["id"], added["id"]);
}

#[tokio::test]
async fn over_the_cap_a_clear_503_then_service_again_once_slots_free() {
    const CAP: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_on(dir.path().join("t.redb"), |c| {
        c.max_connections = CAP as u64;
        c.header_timeout_secs = 60;
    })
    .await;
    let mut idle = open_idle(server.addr, CAP).await;

    // The 21st, silent, is refused at once; so is a client that sends its request first.
    assert_refusal(&until_closed(TcpStream::connect(server.addr).await.unwrap()).await.0);
    let resp = server.http.get(server.url("/healthz")).send().await.expect("an answer, not a reset");
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["retry-after"], "5");
    assert_error(&resp.json().await.unwrap(), "too_many_connections");
    assert_eq!(server.ws_with_headers("/ws/join/ABCDEF", &[]).await.err(), Some(503), "websockets too");

    // Five close: the server serves again, the pooled connection taking one slot.
    idle.truncate(CAP - 5);
    healthz_200_in_time(&server.http, &server.url("/healthz")).await;
    for _ in 0..4 {
        let answer = raw_get(server.addr, "/healthz").await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    drop(idle);
    let session = server.council().await;
    assert_eq!(session["questions"].as_array().map(Vec::len), Some(3));
}

/// A server on [`inspel::listen::serve`] with a test router; its address and stop token.
async fn listen_with(
    app: Router,
    max_connections: usize,
) -> (SocketAddr, CancellationToken, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = CancellationToken::new();
    let options = inspel::listen::Options { max_connections, header_timeout: HEADER_TIMEOUT * 30 };
    let task = tokio::spawn(inspel::listen::serve(listener, app, options, stop.clone()));
    (addr, stop, task)
}

/// Echoes text messages back.
fn echo_router() -> Router {
    Router::new().route(
        "/echo",
        get(|ws: WebSocketUpgrade| async move {
            ws.on_upgrade(|mut socket| async move {
                while let Some(Ok(AxMessage::Text(t))) = socket.recv().await {
                    if socket.send(AxMessage::Text(t)).await.is_err() {
                        return;
                    }
                }
            })
        }),
    )
}

#[tokio::test]
async fn a_websocket_keeps_its_slot_after_the_upgrade() {
    let (addr, stop, task) = listen_with(echo_router(), 2).await;
    let url = format!("ws://{addr}/echo");
    let mut a = connect_ws(&url).await;
    let mut b = connect_ws(&url).await;
    for ws in [&mut a, &mut b] {
        ws.send(Message::text("hej")).await.unwrap();
        let echoed = tokio::time::timeout(WAIT, ws.next()).await.unwrap().unwrap().unwrap();
        assert_eq!(echoed, Message::text("hej"));
    }
    // Both upgraded sockets still count: a third connection is refused.
    assert_refusal(&until_closed(TcpStream::connect(addr).await.unwrap()).await.0);

    // Once one closes, its slot serves the next.
    a.close(None).await.unwrap();
    while let Some(Ok(_)) = tokio::time::timeout(WAIT, a.next()).await.expect("closed in time") {}
    let deadline = Instant::now() + WAIT;
    loop {
        match tokio_tungstenite::connect_async(&url).await {
            Ok(_) => break,
            Err(e) => assert!(Instant::now() < deadline, "no slot freed in time: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.cancel();
    drop(b);
    tokio::time::timeout(WAIT, task).await.expect("stops in time").unwrap();
}

#[tokio::test]
async fn handlers_see_the_peer_address() {
    let app = Router::new()
        .route("/peer", get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }));
    let (addr, stop, task) = listen_with(app, 10).await;
    // Another machine, as far as the server can tell.
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    let local = socket.local_addr().unwrap();
    let mut s = socket.connect(addr).await.unwrap();
    s.write_all(b"GET /peer HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
    let answer = String::from_utf8(until_closed(s).await.0).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with(&format!("\r\n\r\n{local}")), "{answer} should name {local}");
    stop.cancel();
    tokio::time::timeout(WAIT, task).await.expect("stops in time").unwrap();
}

#[tokio::test]
async fn shutdown_stops_accepting_and_lets_the_request_in_flight_finish() {
    let (entered_tx, mut entered) = tokio::sync::mpsc::channel::<()>(1);
    let release = std::sync::Arc::new(tokio::sync::Notify::new());
    let waiting = release.clone();
    let app = Router::new().route(
        "/slow",
        get(move || async move {
            let _ = entered_tx.send(()).await;
            waiting.notified().await;
            "done"
        }),
    );
    let (addr, stop, mut task) = listen_with(app, 10).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
    tokio::time::timeout(WAIT, entered.recv()).await.expect("handler entered").unwrap();
    // A connection that never sent anything (a browser's preconnect, say) does not hold
    // shutdown up for the header timeout (30 s here).
    let silent = TcpStream::connect(addr).await.unwrap();
    // Accepted in order: once a later connection is answered, the silent one is being served.
    assert!(raw_get(addr, "/elsewhere").await.starts_with("HTTP/1.1 404"));

    stop.cancel();
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still accepting after shutdown");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        tokio::time::timeout(Duration::from_millis(200), &mut task).await.is_err(),
        "waits for the request"
    );
    release.notify_one();
    let answer = String::from_utf8(until_closed(s).await.0).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("\r\nconnection: close\r\n"), "{answer}");
    assert!(answer.ends_with("done"), "{answer}");
    tokio::time::timeout(WAIT, task).await.expect("stops once the request is done").unwrap();
    assert!(until_closed(silent).await.0.is_empty());
}
