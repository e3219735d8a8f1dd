//! Helpers for tests/floods.rs: simulated machines (clients bound to their own loopback
//! address), many requests at once, and answers boiled down to status and code.

use std::collections::HashSet;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio_tungstenite::MaybeTlsStream;

use super::common::*;

/// Requests in flight at once from one simulated machine.
pub const PARALLEL: usize = 32;

/// An HTTP client whose connections come from `ip`: another machine.
pub fn machine(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder().timeout(WAIT).local_address(IpAddr::from(ip)).build().expect("client")
}

/// A phone websocket from `ip`; a refused upgrade gives its HTTP status.
pub async fn ws_from(server: &TestServer, ip: [u8; 4], path: &str) -> Result<Ws, u16> {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.bind(SocketAddr::from((ip, 0))).expect("bind to a loopback address");
    let stream = tokio::time::timeout(WAIT, socket.connect(server.addr)).await.expect("connect in time");
    let stream = MaybeTlsStream::Plain(stream.expect("connect"));
    let url = format!("ws://{}{path}", server.addr);
    match tokio::time::timeout(WAIT, tokio_tungstenite::client_async(url, stream))
        .await
        .expect("upgrade in time")
    {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => Err(resp.status().as_u16()),
        Err(e) => panic!("upgrade failed without an HTTP answer: {e}"),
    }
}

/// Runs `f(0..n)` with [`PARALLEL`] in flight; results in the order of `0..n`.
pub async fn many<T, F: Future<Output = T>>(n: usize, f: impl FnMut(usize) -> F) -> Vec<T> {
    let all = futures_util::stream::iter((0..n).map(f)).buffered(PARALLEL).collect();
    tokio::time::timeout(WAIT * 6, all).await.expect("all requests in time")
}

/// Like [`many`], in rounds of [`PARALLEL`] until `done(answers so far)` (or `max` requests):
/// a flood that goes on until the server refuses it, however slow or busy the machine is.
pub async fn until<F: Future<Output = Answer>>(
    max: usize,
    done: impl Fn(&[Answer]) -> bool,
    mut f: impl FnMut(usize) -> F,
) -> Vec<Answer> {
    let mut all = Vec::new();
    while all.len() < max && !done(&all) {
        let from = all.len();
        all.extend(many(PARALLEL.min(max - from), |i| f(from + i)).await);
    }
    all
}

/// Whether any answer is a 429.
pub fn any_refused(answers: &[Answer]) -> bool {
    answers.iter().any(|a| a.status == 429)
}

/// One answer: status, code (for refusals), Retry-After.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub code: String,
    pub retry_after: Option<u64>,
}

pub async fn answer(resp: reqwest::Response) -> Answer {
    let status = resp.status().as_u16();
    let retry_after = resp.headers().get("retry-after").map(|v| v.to_str().unwrap().parse().unwrap());
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    if status == 429 {
        assert_error(&body, body["code"].as_str().unwrap_or("?"));
        assert!(retry_after.is_some_and(|s| s >= 1), "429 without Retry-After: {body}");
    }
    Answer { status, code: body["code"].as_str().unwrap_or("").to_string(), retry_after }
}

pub async fn post(http: &reqwest::Client, url: String, phone: impl AsRef<str>, body: Value) -> Answer {
    let req = http.post(url).header("x-inspel-participant", phone.as_ref()).json(&body);
    answer(req.send().await.expect("post")).await
}

/// The most a limit lets through in `since.elapsed()`: its burst plus what it refilled (and one
/// for rounding).
pub fn at_most(burst: u32, per_minute: u32, since: Instant) -> usize {
    burst as usize + (since.elapsed().as_secs_f64() * f64::from(per_minute) / 60.0).ceil() as usize + 1
}

/// Counts answers by (status, code).
pub fn tally(answers: &[Answer]) -> (usize, Vec<String>) {
    let ok = answers.iter().filter(|a| a.status < 300).count();
    let refused =
        answers.iter().filter(|a| a.status >= 300).map(|a| format!("{} {}", a.status, a.code)).collect();
    (ok, refused)
}

/// Follows a wall in the background (so that it never falls behind), collecting the ids of
/// the contributions it is shown until it sees one whose text is `MARKER`.
pub fn follow(mut wall: Ws) -> tokio::task::JoinHandle<HashSet<String>> {
    tokio::spawn(async move {
        let mut seen = HashSet::new();
        loop {
            let e = next_of(&mut wall, "event").await;
            if e["contribution"]["text"] == MARKER {
                return seen;
            }
            if let Some(id) = e["contribution"]["id"].as_str() {
                seen.insert(id.to_string());
            }
        }
    })
}

pub const MARKER: &str = "Sista inspelet";

/// Submits the marker from yet another machine and returns what the wall had seen before it;
/// the log is in order, so that is everything.
pub async fn wall_saw(
    server: &TestServer,
    wall: tokio::task::JoinHandle<HashSet<String>>,
    session: &Value,
) -> HashSet<String> {
    let url = server.url(&format!("/api/join/{}/contributions", session["code"].as_str().unwrap()));
    let marker = json!({"id": uuid(), "question_id": "q1", "text": MARKER});
    assert_eq!(post(&machine([127, 0, 0, 99]), url, "marker", marker).await.status, 201);
    tokio::time::timeout(WAIT, wall).await.expect("wall in time").expect("wall task")
}

pub fn contribution(id: &str, question: &str) -> Value {
    json!({"id": id, "question_id": question, "text": format!("Fler mötesplatser för unga ({id})")})
}

/// The next answer on a phone's socket (`ack`, `voted` or `error`), skipping the rest.
pub async fn answer_on(ws: &mut Ws) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let msg = tokio::time::timeout_at(deadline, next_json(ws)).await.expect("an answer in time");
        if ["ack", "voted", "error"].contains(&msg["type"].as_str().unwrap_or("")) {
            return msg;
        }
    }
}

/// Starts a dot vote on q1's cards (three dots a phone); returns its id and its item ids.
pub async fn vote_on_q1(server: &TestServer, session: &Value) -> (String, Vec<String>) {
    let (status, vote) = server
        .facilitate(session, "POST", "/votes", Some(json!({"question_id": "q1", "target": "contributions"})))
        .await;
    assert_eq!(status, 201, "{vote}");
    let items =
        vote["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    (vote["id"].as_str().unwrap().to_string(), items)
}

/// `n` join codes that no session has (a session's codes never contain '0', a look-alike).
pub fn unknown_codes(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("X0{i:04}")).collect()
}
