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
        let mut config = inspel::Config::for_tests(data.clone());
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
