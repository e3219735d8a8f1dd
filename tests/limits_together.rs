//! Every limit at its maximum at once, end to end (defects issue, item 1). Before the fix, a
//! session's `hello` carried every vote it ever held, and any message over the socket's
//! 64 KiB write cap closed the socket without a close frame: a few dot votes over a busy
//! question made every wall, console and phone of the session drop and fail to reconnect,
//! also after the vote closed and after a restart.
//!
//! Here a session is at every limit, in 4-byte characters (the most bytes a character takes):
//! 20 questions, 100 tables, 20 perspectives, 200 themes, the secretary's notes and the
//! tables' discussion leaders' summaries, the most votes a session may hold over the most
//! cards, three of them open at once. Sockets connected before, during and after
//! the votes, and after a restart, all stay up and get everything.

mod common;

use std::net::{IpAddr, Ipv4Addr};

use common::*;
use futures_util::StreamExt;
use inspel::limits::*;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

fn wide(prefix: usize, chars: usize) -> String {
    let p = format!("{prefix:03}");
    format!("{p}{}", "😀".repeat(chars - p.len()))
}

/// Loopback addresses to spread the writers over: one room of phones would be one address,
/// but the per-address flood limits are not what this test is about.
const ADDRESSES: u8 = 24;

fn clients() -> Vec<reqwest::Client> {
    (0..ADDRESSES)
        .map(|i| {
            let ip = IpAddr::V4(Ipv4Addr::new(127, 0, 1, 10 + i));
            reqwest::Client::builder().timeout(WAIT).local_address(ip).build().expect("client")
        })
        .collect()
}

/// A socket read all the time by its own task, as a browser would: every text frame is
/// checked against the size bound and queued for the test; a close ends the queue.
struct Reader {
    rx: tokio::sync::mpsc::UnboundedReceiver<Result<Value, String>>,
}

impl Reader {
    fn new(mut ws: Ws) -> Self {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(msg) = ws.next().await {
                let out = match msg {
                    Ok(Message::Text(t)) if t.len() > MAX_SERVER_MESSAGE_BYTES => {
                        Err(format!("a {} byte message", t.len()))
                    }
                    Ok(Message::Text(t)) => serde_json::from_str(t.as_str()).map_err(|e| e.to_string()),
                    Ok(Message::Close(c)) => Err(format!("the server closed the socket: {c:?}")),
                    Ok(_) => continue,
                    Err(e) => Err(format!("socket error: {e}")),
                };
                let end = out.is_err();
                if tx.send(out).is_err() || end {
                    return;
                }
            }
            let _ = tx.send(Err("the socket ended".into()));
        });
        Self { rx }
    }

    async fn frame(&mut self) -> Value {
        let next = tokio::time::timeout(WAIT, self.rx.recv()).await.expect("a message in time");
        next.expect("reader alive").unwrap_or_else(|e| panic!("{e}"))
    }

    async fn hello(&mut self) -> Value {
        loop {
            let msg = self.frame().await;
            if msg["type"] == "hello" {
                return msg;
            }
        }
    }

    async fn replayed(&mut self) {
        while self.frame().await["type"] != "replayed" {}
    }

    /// Reads until an event of `kind` whose `pointer` is `value`.
    async fn until_event(&mut self, kind: &str, pointer: &str, value: &Value) -> Value {
        loop {
            let msg = self.frame().await;
            if msg["kind"] == kind && msg.pointer(pointer) == Some(value) {
                return msg;
            }
        }
    }

    /// Reads until the answer to a vote message.
    async fn answer(&mut self) -> Value {
        loop {
            let m = self.frame().await;
            if m["type"] == "voted" || m["type"] == "error" {
                return m;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_largest_session_runs_with_phones_and_walls_connected_throughout() {
    let server = TestServer::start().await;
    let session = server
        .create_session(json!({
            "title": wide(0, MAX_TITLE_CHARS),
            "questions": (0..MAX_QUESTIONS).map(|i| wide(i, MAX_QUESTION_CHARS)).collect::<Vec<_>>(),
            "tables": (0..MAX_TABLES).map(|i| wide(i, MAX_NAME_CHARS)).collect::<Vec<_>>(),
            "perspectives": (0..MAX_PERSPECTIVES).map(|i| wide(i, MAX_NAME_CHARS)).collect::<Vec<_>>(),
        }))
        .await;
    let code = session["code"].as_str().unwrap().to_string();
    let tables: Vec<String> = (0..MAX_TABLES).map(|i| wide(i, MAX_NAME_CHARS)).collect();

    // Before: a wall and the console, read all along, and three phones that also vote
    // (through a second socket each: the read side stays with its reader).
    let mut before = vec![
        Reader::new(server.wall(&session, None).await),
        Reader::new(server.console(&session, None).await),
    ];
    let phones = ["phone-1", "phone-2", "phone-3"];
    for p in phones {
        before.push(Reader::new(server.phone(&session, p).await));
    }
    for r in &mut before {
        r.hello().await;
    }

    for i in 0..MAX_THEMES {
        let body = json!({"name": wide(i, MAX_THEME_NAME_CHARS), "question_id": "q20"});
        assert_eq!(server.facilitate(&session, "POST", "/themes", Some(body)).await.0, 201);
    }

    // The secretary's notes and the tables' discussion leaders' summaries, each at its most
    // and longest: they live in the session's record, which every request reads.
    for i in 0..MAX_NOTES {
        let on = if i < MAX_QUESTIONS {
            json!({"question_id": format!("q{}", i + 1)})
        } else {
            json!({"theme_id": format!("t{}", i - MAX_QUESTIONS + 1)})
        };
        let mut body = on;
        body["text"] = json!(wide(i, MAX_NOTE_CHARS));
        let (status, answer) = server.as_role(&session, "secretary_token", "PUT", "/notes", Some(body)).await;
        assert_eq!(status, 200, "note {i}: {answer}");
    }
    let (status, links) = server.facilitate(&session, "GET", "/leader-links", None).await;
    assert_eq!(status, 200);
    let sid = session["id"].as_str().unwrap();
    for k in 0..MAX_TABLE_NOTES {
        let (table, q) = (k / MAX_NOTES_PER_TABLE, k % MAX_NOTES_PER_TABLE + 1);
        let token = links[table]["url"].as_str().unwrap().split("#token=").nth(1).unwrap().to_string();
        let body = json!({"question_id": format!("q{q}"), "text": wide(k, MAX_TABLE_NOTE_CHARS)});
        let path = format!("/api/sessions/{sid}/leader/notes");
        let (status, answer) = server.call("PUT", &path, Some(&token), Some(&body)).await;
        assert_eq!(status, 200, "summary {k}: {}", answer["code"]);
    }

    // The most cards a vote takes, in each of the questions that get an open vote, every card
    // at the longest text allowed.
    let open_questions: Vec<String> = (1..=MAX_OPEN_VOTES).map(|q| format!("q{q}")).collect();
    let http = clients();
    let mut bodies = Vec::new();
    for (q, qid) in open_questions.iter().enumerate() {
        for n in 0..MAX_VOTE_ITEMS {
            let k = q * MAX_VOTE_ITEMS + n;
            bodies.push((
                k,
                json!({
                    "id": uuid(), "question_id": qid, "text": wide(n, MAX_CONTRIBUTION_CHARS),
                    "table": tables[k % MAX_TABLES], "participant_id": format!("writer-{}", k / 5),
                }),
            ));
        }
    }
    let url = server.url(&format!("/api/join/{code}/contributions"));
    let statuses: Vec<u16> = futures_util::stream::iter(bodies)
        .map(|(k, body)| {
            let req = http[k % http.len()].post(&url).json(&body);
            async move { req.send().await.map(|r| r.status().as_u16()).unwrap_or(0) }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == 201), "every card stored: {statuses:?}");

    // Every vote a session may hold: the closed ones first (over q1's cards), then one open
    // vote per question. Each start goes out to every socket connected before.
    let mut votes = Vec::new();
    for v in 0..MAX_VOTES {
        let open_slot = (v + MAX_OPEN_VOTES).checked_sub(MAX_VOTES);
        let qid = open_slot.map_or("q1".to_string(), |i| open_questions[i].clone());
        let body = json!({"question_id": qid, "target": "contributions", "dots": MAX_DOTS});
        let (status, vote) = server.facilitate(&session, "POST", "/votes", Some(body)).await;
        assert_eq!(status, 201, "vote {v}: {vote}");
        assert_eq!(vote["items"].as_array().unwrap().len(), MAX_VOTE_ITEMS);
        let vid = vote["id"].clone();
        for r in &mut before {
            r.until_event("vote_started", "/vote/id", &vid).await;
        }
        if open_slot.is_none() {
            let path = format!("/votes/{}/close", vid.as_str().unwrap());
            assert_eq!(server.facilitate(&session, "POST", &path, None).await.0, 200);
        }
        votes.push(vid);
    }
    // One more is refused clearly, and so is a fourth open one.
    let body = json!({"question_id": "q4", "target": "themes"});
    let (status, refused) = server.facilitate(&session, "POST", "/votes", Some(body)).await;
    assert_eq!(status, 409, "{refused}");

    // During: phones place dots in every open vote; the wall and the console see the tallies
    // (the wall once each result is shown in the room).
    let open_votes = server.facilitate(&session, "GET", "", None).await.1["votes"].clone();
    for vote in open_votes.as_array().unwrap().iter().filter(|v| v["open"] == true) {
        let path = format!("/votes/{}/reveal", vote["id"].as_str().unwrap());
        assert_eq!(server.facilitate(&session, "POST", &path, None).await.0, 200);
    }
    for (p, name) in phones.iter().enumerate() {
        for vote in open_votes.as_array().unwrap().iter().filter(|v| v["open"] == true) {
            let item = &vote["items"][p]["id"];
            let msg = json!({"type": "vote", "vote_id": vote["id"], "item_id": item, "dots": MAX_DOTS});
            send_vote(&server, &session, name, &msg).await;
        }
    }
    for r in &mut before[..2] {
        r.until_event("vote_tallied", "/vote_id", votes.last().unwrap()).await;
    }

    // After: fresh sockets of every kind get the largest hello there is, and a wall replays
    // the whole log.
    let mut after = vec![
        Reader::new(server.wall(&session, Some(0)).await),
        Reader::new(server.console(&session, None).await),
        Reader::new(server.phone(&session, "phone-late").await),
    ];
    for r in &mut after {
        let h = r.hello().await;
        let bytes = h.to_string().len();
        assert!(bytes > 1024 * 1024, "the largest hello, {bytes} bytes, went out whole");
        assert_eq!(h["session"]["votes"].as_array().unwrap().len(), MAX_OPEN_VOTES + 1);
    }
    after[0].replayed().await;
    // Every socket, from before and after, is still up and follows what happens next.
    let last = votes.last().unwrap().clone();
    let path = format!("/votes/{}/close", last.as_str().unwrap());
    assert_eq!(server.facilitate(&session, "POST", &path, None).await.0, 200);
    for r in before.iter_mut().chain(after.iter_mut()) {
        r.until_event("vote_closed", "/vote_id", &last).await;
    }
    // The session answers over HTTP too, and the secretary gets every card and every vote.
    let export = server.export(&session).await;
    assert_eq!(export["contributions"].as_array().unwrap().len(), MAX_OPEN_VOTES * MAX_VOTE_ITEMS);
    assert_eq!(export["votes"].as_array().unwrap().len(), MAX_VOTES);
    assert_eq!(export["themes"].as_array().unwrap().len(), MAX_THEMES);
    assert_eq!(export["notes"].as_array().unwrap().len(), MAX_NOTES + MAX_TABLE_NOTES);
    drop(before);
    drop(after);

    // After a restart, the same.
    let data = server.data.clone();
    let dir = server.stop().await;
    let server = TestServer::start_on(data, |_| {}).await;
    let mut wall = Reader::new(server.wall(&session, Some(0)).await);
    let mut phone = Reader::new(server.phone(&session, "phone-1").await);
    wall.hello().await;
    phone.hello().await;
    wall.replayed().await;
    server.stop().await;
    drop(dir);
}

/// A phone's vote over its own socket; the answer must be `voted`.
async fn send_vote(server: &TestServer, session: &Value, name: &str, msg: &Value) {
    let mut ws = server.phone(session, name).await;
    send_json(&mut ws, msg).await;
    let mut reader = Reader::new(ws);
    let answer = reader.answer().await;
    assert_eq!(answer["type"], "voted", "{answer}");
}
