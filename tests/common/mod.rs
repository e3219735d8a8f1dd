//! Shared test harness: the real server on 127.0.0.1:0 with a fresh temporary database, and
//! small helpers to talk to it over real sockets. Every wait has a timeout.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tokio_util::sync::CancellationToken;

pub const ADMIN: &str = "test-admin-token-0123456789abcdef";
/// The longest any single wait in a test may take before it fails.
pub const WAIT: Duration = Duration::from_secs(10);

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub struct TestServer {
    pub addr: SocketAddr,
    pub base: String,
    pub http: reqwest::Client,
    pub shutdown: CancellationToken,
    pub data: PathBuf,
    task: Option<tokio::task::JoinHandle<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl TestServer {
    /// A server on a fresh temporary database.
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("test.redb");
        let mut s = Self::start_on(data, |_| {}).await;
        s._dir = Some(dir);
        s
    }

    /// A server on `data`, with the config adjusted by `tweak`.
    pub async fn start_on(data: PathBuf, tweak: impl FnOnce(&mut inspel::Config)) -> Self {
        let mut config = inspel::Config::loopback(data.clone());
        config.admin_token = Some(ADMIN.to_string());
        tweak(&mut config);
        let listener = tokio::net::TcpListener::bind(config.addr).await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let shutdown = CancellationToken::new();
        let app = inspel::App::open(&config, addr, shutdown.clone()).expect("open");
        let task = tokio::spawn(async move {
            app.serve(listener).await.expect("serve");
        });
        Self {
            addr,
            base: format!("http://{addr}"),
            http: reqwest::Client::builder().timeout(WAIT).build().expect("client"),
            shutdown,
            data,
            task: Some(task),
            _dir: None,
        }
    }

    /// Stops the server and waits until the database is closed (so it can be reopened).
    pub async fn stop(mut self) -> Option<tempfile::TempDir> {
        self.shutdown.cancel();
        if let Some(task) = self.task.take() {
            tokio::time::timeout(WAIT, task).await.expect("server stops in time").expect("server task");
        }
        self._dir.take()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates a session as admin and returns the 201 body.
    pub async fn create_session(&self, body: Value) -> Value {
        let resp = self
            .http
            .post(self.url("/api/sessions"))
            .bearer_auth(ADMIN)
            .json(&body)
            .send()
            .await
            .expect("create session");
        assert_eq!(resp.status(), 201, "create session");
        resp.json().await.expect("json")
    }

    /// A council-dialogue session: three questions, three tables.
    pub async fn council(&self) -> Value {
        self.create_session(json!({
            "title": "Regionrådet: barns och ungas hälsa",
            "questions": [
                "Vad väcker den föreslagna inriktningen för tankar hos dig?",
                "Vad lockar med föreslagen inriktning?",
                "Vilka frågetecken finns med föreslagen inriktning?"
            ],
            "tables": ["Bord 1", "Bord 2", "Bord 3"]
        }))
        .await
    }

    /// POSTs a contribution over HTTP; returns status and body.
    pub async fn contribute(&self, code: &str, body: Value) -> (u16, Value) {
        let resp = self
            .http
            .post(self.url(&format!("/api/join/{code}/contributions")))
            .json(&body)
            .send()
            .await
            .expect("contribute");
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    pub async fn ws(&self, path_and_query: &str) -> Ws {
        let url = format!("ws://{}{path_and_query}", self.addr);
        let (ws, _) = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(url))
            .await
            .expect("ws connect in time")
            .expect("ws connect");
        ws
    }

    pub async fn wall(&self, session: &Value, since: Option<u64>) -> Ws {
        let id = session["id"].as_str().expect("id");
        let token = session["wall_token"].as_str().expect("wall token");
        let since = since.map(|s| format!("&since={s}")).unwrap_or_default();
        self.ws(&format!("/ws/wall/{id}?token={token}{since}")).await
    }

    pub async fn phone(&self, session: &Value, participant: &str) -> Ws {
        let code = session["code"].as_str().expect("code");
        self.ws(&format!("/ws/join/{code}?participant={participant}")).await
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The next JSON text message, skipping pings; fails after [`WAIT`].
pub async fn next_json(ws: &mut Ws) -> Value {
    loop {
        let msg = tokio::time::timeout(WAIT, ws.next()).await.expect("message in time");
        match msg.expect("socket open").expect("socket ok") {
            Message::Text(t) => return serde_json::from_str(t.as_str()).expect("json message"),
            Message::Close(c) => panic!("socket closed: {c:?}"),
            _ => continue,
        }
    }
}

/// The next message of the given `type`, skipping others (e.g. presence).
pub async fn next_of(ws: &mut Ws, kind: &str) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let v = tokio::time::timeout_at(deadline, next_json(ws)).await.expect("message of that type in time");
        if v["type"] == kind {
            return v;
        }
    }
}

pub async fn send_json(ws: &mut Ws, v: &Value) {
    ws.send(Message::text(v.to_string())).await.expect("send");
}

// ---- Helpers for the HTTP API tests (tests/api_*.rs) ----

impl TestServer {
    /// Every session, as the admin lists them; used to prove a refused request created nothing.
    pub async fn sessions(&self) -> Vec<Value> {
        let resp = self.http.get(self.url("/api/sessions")).bearer_auth(ADMIN).send().await.expect("list");
        assert_eq!(resp.status(), 200, "list sessions");
        resp.json().await.expect("json list")
    }

    /// The ids of the contributions stored in `session`, in the order they arrived (read through
    /// `export`, defined further down).
    pub async fn stored_ids(&self, session: &Value) -> Vec<String> {
        let export = self.export(session).await;
        let rows = export["contributions"].as_array().expect("contributions array");
        rows.iter().map(|r| r["id"].as_str().expect("row id").to_string()).collect()
    }
}

/// Asserts that `body` is inspel's error shape with the given stable `code`.
#[track_caller]
pub fn assert_error(body: &Value, code: &str) {
    for field in ["error", "error_sv", "code"] {
        let text = body[field].as_str().unwrap_or_else(|| panic!("error body lacks {field}: {body}"));
        assert!(!text.is_empty(), "empty {field} in {body}");
    }
    assert_eq!(body["code"], code, "error code in {body}");
}

/// Whether `s` is an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let head = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !head {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let off = rest.as_bytes();
    matches!(rest, "Z" | "z")
        || (off.len() == 6
            && matches!(off[0], b'+' | b'-')
            && off[1..3].iter().all(u8::is_ascii_digit)
            && off[3] == b':'
            && off[4..6].iter().all(u8::is_ascii_digit))
}

// ---- Helpers for the websocket and restart tests (ws_live, ws_resume, ws_limits, kill9). ----

impl TestServer {
    /// Activates, opens or closes a question as the facilitator; returns the HTTP status.
    pub async fn question(&self, session: &Value, qid: &str, action: &str) -> u16 {
        let id = session["id"].as_str().expect("id");
        let token = session["facilitator_token"].as_str().expect("facilitator token");
        let resp = self
            .http
            .post(self.url(&format!("/api/sessions/{id}/questions/{qid}/{action}")))
            .bearer_auth(token)
            .send()
            .await
            .expect("question action");
        resp.status().as_u16()
    }

    /// The JSON export, read with the facilitator token (the api tests use it too).
    pub async fn export(&self, session: &Value) -> Value {
        export_json(&self.http, &self.base, session).await
    }

    /// POSTs a contribution with an optional `x-inspel-participant` header.
    pub async fn contribute_as(&self, code: &str, participant: Option<&str>, body: &Value) -> (u16, Value) {
        contribute_at(&self.http, &self.base, code, participant, body).await
    }

    /// Opens a websocket with extra request headers; a refused upgrade gives its HTTP status.
    pub async fn ws_with_headers(&self, path_and_query: &str, headers: &[(&str, &str)]) -> Result<Ws, u16> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
        let mut req =
            format!("ws://{}{path_and_query}", self.addr).into_client_request().expect("client request");
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("header name");
            req.headers_mut().insert(name, HeaderValue::from_str(value).expect("header value"));
        }
        let connected = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(req))
            .await
            .expect("ws connect in time");
        match connected {
            Ok((ws, _)) => Ok(ws),
            Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => Err(resp.status().as_u16()),
            Err(e) => panic!("ws connect failed without an HTTP answer: {e}"),
        }
    }
}

/// The JSON export of `session` from the server at `base`, with the facilitator token.
pub async fn export_json(http: &reqwest::Client, base: &str, session: &Value) -> Value {
    let id = session["id"].as_str().expect("id");
    let token = session["facilitator_token"].as_str().expect("facilitator token");
    let resp = http
        .get(format!("{base}/api/sessions/{id}/export.json"))
        .bearer_auth(token)
        .send()
        .await
        .expect("export");
    assert_eq!(resp.status(), 200, "export.json");
    resp.json().await.expect("export json")
}

/// POSTs a contribution to the server at `base`; returns status and body.
pub async fn contribute_at(
    http: &reqwest::Client,
    base: &str,
    code: &str,
    participant: Option<&str>,
    body: &Value,
) -> (u16, Value) {
    let mut req = http.post(format!("{base}/api/join/{code}/contributions")).json(body);
    if let Some(p) = participant {
        req = req.header("x-inspel-participant", p);
    }
    let resp = req.send().await.expect("contribute");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// The contribution ids of an export, in its order.
pub fn export_ids(export: &Value) -> Vec<String> {
    export["contributions"]
        .as_array()
        .expect("contributions")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect()
}

/// A phone's submit message.
pub fn submit_msg(id: &str, question_id: &str, text: &str) -> Value {
    json!({"type": "submit", "id": id, "question_id": question_id, "text": text})
}

/// Reads `event` messages until one with seq ≥ `upto` (bounded by that many events).
pub async fn events_until(ws: &mut Ws, upto: u64) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    while out.last().and_then(|e| e["seq"].as_u64()).is_none_or(|s| s < upto) {
        assert!(out.len() as u64 <= upto, "more events than seqs up to {upto}");
        out.push(next_of(ws, "event").await);
    }
    out
}

/// Asserts that `events` carry exactly the seqs `from..=to`, in order: no gap, no duplicate.
pub fn assert_seqs(events: &[Value], from: u64, to: u64) {
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().expect("seq")).collect();
    let want: Vec<u64> = (from..=to).collect();
    assert_eq!(seqs, want, "event seqs");
}

/// How a socket ended: `Some(code)` for a close frame, `None` for EOF or a reset.
pub type Ended = Option<u16>;

/// Reads until the server ends the socket, returning how and the JSON text messages read first.
/// Fails if it stays open for [`WAIT`] or sends more than `max_frames` messages.
pub async fn read_until_closed(ws: &mut Ws, max_frames: usize) -> (Ended, Vec<Value>) {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut texts = Vec::new();
    for _ in 0..max_frames {
        let next = tokio::time::timeout_at(deadline, ws.next()).await.expect("socket closed in time");
        match next {
            None | Some(Err(_)) => return (None, texts),
            Some(Ok(Message::Close(frame))) => {
                return (Some(frame.map_or(1005, |f| u16::from(f.code))), texts);
            }
            Some(Ok(Message::Text(t))) => texts.push(serde_json::from_str(t.as_str()).expect("json message")),
            Some(Ok(_)) => {}
        }
    }
    panic!("socket still open after {max_frames} messages");
}

/// A websocket to any server (the kill9 test runs the binary, not a [`TestServer`]).
pub async fn connect_ws(url: &str) -> Ws {
    let (ws, _) = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(url))
        .await
        .expect("ws connect in time")
        .expect("ws connect");
    ws
}

// ---- Helpers for the facilitation tests (tests/facilitation_*.rs). ----

impl TestServer {
    /// A request to the API with an optional bearer token and JSON body; status and JSON body
    /// (`Null` when the body is not JSON).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// `call` on `/api/sessions/{id}{rest}` with the session's facilitator token.
    pub async fn facilitate(
        &self,
        session: &Value,
        method: &str,
        rest: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.as_role(session, "facilitator_token", method, rest, body).await
    }

    /// `call` on `/api/sessions/{id}{rest}` with the session's token named `token_field`
    /// (`facilitator_token`, `secretary_token` or `wall_token`).
    pub async fn as_role(
        &self,
        session: &Value,
        token_field: &str,
        method: &str,
        rest: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let id = session["id"].as_str().expect("id");
        let token = session[token_field].as_str().expect("token");
        self.call(method, &format!("/api/sessions/{id}{rest}"), Some(token), body.as_ref()).await
    }

    /// The facilitator's view: a wall websocket opened with the facilitator token.
    pub async fn console(&self, session: &Value, since: Option<u64>) -> Ws {
        let id = session["id"].as_str().expect("id");
        let token = session["facilitator_token"].as_str().expect("facilitator token");
        let since = since.map(|s| format!("&since={s}")).unwrap_or_default();
        self.ws(&format!("/ws/wall/{id}?token={token}{since}")).await
    }

    /// Sets the session's grace period for late contributions to nothing, so a closed
    /// question refuses at once (late contributions have their own tests, tests/rounds.rs).
    pub async fn no_grace(&self, session: &Value) {
        let (status, body) = self.facilitate(session, "PATCH", "", Some(json!({"late_grace_secs": 0}))).await;
        assert_eq!(status, 200, "no grace period: {body}");
    }

    /// Submits `text` to `question_id` over HTTP and returns the stored contribution (201).
    pub async fn add(&self, session: &Value, question_id: &str, text: &str) -> Value {
        let code = session["code"].as_str().expect("code");
        let (status, body) =
            self.contribute(code, json!({"id": uuid(), "question_id": question_id, "text": text})).await;
        assert_eq!(status, 201, "contribute {text:?}: {body}");
        body
    }
}

/// The next `event` message of this `kind`, skipping other messages and events; fails after
/// [`WAIT`].
pub async fn next_event(ws: &mut Ws, kind: &str) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let v = tokio::time::timeout_at(deadline, next_of(ws, "event"))
            .await
            .expect("event of that kind in time");
        if v["kind"] == kind {
            return v;
        }
    }
}

/// An RFC 3339 time stamp from a JSON string.
#[track_caller]
pub fn ts(v: &Value) -> jiff::Timestamp {
    v.as_str().unwrap_or_else(|| panic!("not a time stamp: {v}")).parse().expect("RFC 3339 time stamp")
}

/// `b − a` in milliseconds.
pub fn ms_between(a: jiff::Timestamp, b: jiff::Timestamp) -> i64 {
    b.duration_since(a).as_millis() as i64
}
