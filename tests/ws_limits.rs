//! What the websockets refuse (foreign origins, wrong tokens, oversized or malformed messages)
//! and how they treat clients that stop reading.

mod common;

use common::*;
use futures_util::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

/// Contributions in the flood tests: with ~4 KB each, that is ~12 MB of events, more than the
/// loopback socket buffers (tcp_wmem max 4 MiB) plus the broadcast channel (1,024 events) hold.
const FLOOD: usize = FLOOD_WORKERS * PER_WORKER;
const FLOOD_WORKERS: usize = 15;
const PER_WORKER: usize = 200;

/// 1,996 characters of two-byte UTF-8: large events fill a socket buffer fast.
fn big_text(i: usize) -> String {
    format!("{i:05} {}", "å".repeat(1_990))
}

/// Submits [`FLOOD`] large contributions over HTTP from concurrent tasks, ten per participant
/// id (the per-phone burst), and returns once every one is acknowledged with 201. Each task is
/// another machine (its own loopback address), so no per-address limit is reached.
async fn flood(server: &TestServer, code: &str) {
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..FLOOD_WORKERS {
        let from = std::net::IpAddr::from([127, 0, 0, 2 + w as u8]);
        let http = reqwest::Client::builder().timeout(WAIT).local_address(from).build().expect("client");
        let (base, code) = (server.base.clone(), code.to_string());
        tasks.spawn(async move {
            for j in 0..PER_WORKER {
                let participant = format!("flood-{w}-{}", j / 10);
                let body = json!({"id": uuid(), "question_id": "q1", "text": big_text(w * FLOOD + j)});
                let (status, resp) = contribute_at(&http, &base, &code, Some(&participant), &body).await;
                assert_eq!(status, 201, "{resp}");
            }
        });
    }
    while let Some(done) = tokio::time::timeout(WAIT * 6, tasks.join_next()).await.expect("flood in time") {
        done.expect("flood task");
    }
}

/// Reads a wall until seq `last`, checking on the fly that seqs run 1, 2, 3… without a gap.
async fn read_all_in_order(ws: &mut Ws, last: u64) {
    next_of(ws, "hello").await;
    let mut want = 1;
    while want <= last {
        let ev = next_of(ws, "event").await;
        assert_eq!(ev["seq"], want, "gap or duplicate in a wall's events");
        want += 1;
    }
}

/// One loopback TCP socket from /proc/net/tcp, by its local and remote port: its state ("01"
/// established, "04" fin-wait-1 once closed with data still unsent) and its send and receive
/// queues in bytes. Linux only; `None` elsewhere or when not found.
fn tcp_socket(local_port: u16, remote_port: u16) -> Option<(String, u64, u64)> {
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    let (local, remote) = (format!(":{local_port:04X}"), format!(":{remote_port:04X}"));
    table.lines().skip(1).find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 5 || !f[1].ends_with(&local) || !f[2].ends_with(&remote) {
            return None;
        }
        let (tx, rx) = f[4].split_once(':')?;
        Some((f[3].to_string(), u64::from_str_radix(tx, 16).ok()?, u64::from_str_radix(rx, 16).ok()?))
    })
}

fn local_port(ws: &Ws) -> u16 {
    match ws.get_ref() {
        tokio_tungstenite::MaybeTlsStream::Plain(s) => s.local_addr().expect("local addr").port(),
        _ => unreachable!("plain ws:// only"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wall_that_stops_reading_is_closed_while_a_reading_wall_gets_every_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start_on(dir.path().join("slow.redb"), |c| c.send_timeout_secs = 1).await;
    let session = server.council().await;
    let last = 1 + FLOOD as u64;
    // Never polled until the end, so the server's sends to it pile up and then block.
    let mut stalled = server.wall(&session, None).await;
    let mut reader = server.wall(&session, None).await;
    let reading = tokio::spawn(async move { read_all_in_order(&mut reader, last).await });

    flood(&server, session["code"].as_str().unwrap()).await;
    tokio::time::timeout(WAIT, reading).await.expect("reading wall done in time").expect("reading wall");

    // Reading the stalled wall now would unblock the server, so first wait until the server has
    // given up on it: its end of the connection leaves ESTABLISHED (polled, bounded by WAIT).
    // Elsewhere there is no /proc, but the ~10 s flood has long outlasted the 1 s send timeout.
    if cfg!(target_os = "linux") {
        let client_port = local_port(&stalled);
        let mut poll = tokio::time::interval(std::time::Duration::from_millis(20));
        let given_up = tokio::time::timeout(WAIT, async {
            loop {
                poll.tick().await;
                match tcp_socket(server.addr.port(), client_port) {
                    Some((state, _, _)) if state == "01" => continue,
                    _ => break,
                }
            }
        })
        .await;
        assert!(given_up.is_ok(), "the server still holds the stalled wall open after {WAIT:?}");
    }
    let (_, texts) = read_until_closed(&mut stalled, FLOOD + 10).await;
    // What it did get is a clean prefix of the log, cut off before the end.
    assert_eq!(texts.first().map(|t| t["type"].clone()), Some(json!("hello")));
    let seqs: Vec<u64> =
        texts[1..].iter().filter(|m| m["type"] == "event").map(|e| e["seq"].as_u64().expect("seq")).collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>(), "prefix without gaps");
    assert!((seqs.len() as u64) < last, "the stalled wall was cut off ({} of {last} events)", seqs.len());
    eprintln!("stalled wall got {} of {last} events before the server closed it", seqs.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wall_paused_past_the_channel_capacity_catches_up_without_a_gap() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A long send timeout: this wall is slow, not gone, and must be served in full.
    let server = TestServer::start_on(dir.path().join("pause.redb"), |c| c.send_timeout_secs = 120).await;
    let session = server.council().await;
    let last = 1 + FLOOD as u64;
    let mut paused = server.wall(&session, None).await;
    flood(&server, session["code"].as_str().unwrap()).await;
    // What the kernel holds for this wall now, plus the server's 64 KiB write buffer and a frame,
    // counted in events of at least 3,980 bytes: the rest the feed has not taken yet, and when
    // that is more than the channel's 1,024 events, the channel dropped some for this wall.
    if cfg!(target_os = "linux") {
        let port = local_port(&paused);
        let (_, _, unread) = tcp_socket(port, server.addr.port()).expect("client socket");
        let (_, unsent, _) = tcp_socket(server.addr.port(), port).expect("server socket");
        let buffered = (unread + unsent + 68 * 1024).div_ceil(3_980);
        eprintln!("paused wall: ~{buffered} events in buffers, {} behind", FLOOD as u64 - buffered);
        assert!(FLOOD as u64 - buffered > 1_024, "the wall never fell behind the channel; flood more");
    }
    // What the channel dropped must now come from the store, in order.
    read_all_in_order(&mut paused, last).await;
    // And it is live again afterwards.
    let (status, _) = server
        .contribute(
            session["code"].as_str().unwrap(),
            json!({"id": uuid(), "question_id": "q1", "text": "Klar"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(next_of(&mut paused, "event").await["seq"], last + 1);
}

#[tokio::test]
async fn an_oversized_message_is_not_taken_and_the_longest_contribution_fits() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut phone = server.phone(&session, "limits").await;
    next_of(&mut phone, "hello").await;
    // The longest contribution in four-byte characters (8,000 bytes) is well inside 16 KiB.
    let longest = uuid();
    send_json(&mut phone, &submit_msg(&longest, "q1", &"🌱".repeat(2_000))).await;
    assert_eq!(next_of(&mut phone, "ack").await["id"], longest.as_str());
    // 2,001 characters fit in a message but not in a contribution: refused, socket usable.
    let long = uuid();
    send_json(&mut phone, &submit_msg(&long, "q1", &"a".repeat(2_001))).await;
    let err = next_of(&mut phone, "error").await;
    assert_eq!((err["status"].as_u64(), err["code"].as_str()), (Some(422), Some("text_too_long")));

    let oversized = uuid();
    let msg = submit_msg(&oversized, "q1", &"a".repeat(17 * 1024)).to_string();
    assert!(msg.len() > 16 * 1024);
    phone.send(Message::text(msg)).await.expect("send");
    let (ended, texts) = read_until_closed(&mut phone, 10).await;
    assert!(texts.iter().all(|t| t["type"] != "ack"), "oversized message acknowledged: {texts:?} {ended:?}");
    // The client is told why: 1009, message too big.
    assert_eq!(ended, Some(1009), "close code for an oversized message");
    assert_eq!(export_ids(&server.export(&session).await), vec![longest]);
}

#[tokio::test]
async fn foreign_origins_wrong_tokens_and_unknown_sessions_are_refused_before_the_upgrade() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let (id, code) = (session["id"].as_str().unwrap(), session["code"].as_str().unwrap());
    let wall_path = format!("/ws/wall/{id}?token={}", session["wall_token"].as_str().unwrap());
    let join_path = format!("/ws/join/{code}?participant=origin-test");
    let ours = format!("http://{}", server.addr);

    for path in [&wall_path, &join_path] {
        for origin in ["http://evil.example", &format!("{ours}.evil.example"), "null"] {
            let refused = server.ws_with_headers(path, &[("origin", origin)]).await.err();
            assert_eq!(refused, Some(403), "{origin} on {path}");
        }
        let mut ws =
            server.ws_with_headers(path, &[("origin", &ours)]).await.expect("own origin is accepted");
        assert_eq!(next_json(&mut ws).await["type"], "hello");
    }

    let refusals = [
        (format!("/ws/wall/{id}?token=wrong-token"), 401),
        (format!("/ws/wall/{id}"), 401),
        ("/ws/wall/no-such-session?token=x".to_string(), 404),
        ("/ws/join/ZZZZZZ".to_string(), 404),
        (format!("/ws/join/{code}?participant=has%20space"), 422),
    ];
    for (path, status) in refusals {
        assert_eq!(server.ws_with_headers(&path, &[]).await.err(), Some(status), "{path}");
    }
    // The facilitator's and secretary's tokens open the wall view as well.
    for token in ["facilitator_token", "secretary_token"] {
        let path = format!("/ws/wall/{id}?token={}", session[token].as_str().unwrap());
        let mut ws = server.ws_with_headers(&path, &[]).await.expect(token);
        assert_eq!(next_json(&mut ws).await["type"], "hello");
    }
}

#[tokio::test]
async fn malformed_messages_and_submits_from_walls_get_errors_and_the_socket_stays_open() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut phone = server.phone(&session, "malformed").await;
    let mut wall = server.wall(&session, None).await;
    next_of(&mut phone, "hello").await;
    next_of(&mut wall, "hello").await;

    for ws in [&mut phone, &mut wall] {
        for bad in ["{not json", r#"{"type":"dance"}"#, r#"{"type":"submit","id":"x"}"#] {
            ws.send(Message::text(bad)).await.expect("send");
            let err = next_of(ws, "error").await;
            assert_eq!(
                (err["status"].as_u64(), err["code"].as_str()),
                (Some(400), Some("malformed_message"))
            );
            assert!(err.get("id").is_none(), "no submit id to name: {err}");
        }
        // Binary frames are ignored; the socket still answers.
        ws.send(Message::binary(vec![1, 2, 3])).await.expect("send");
        send_json(ws, &json!({"type": "ping"})).await;
        assert_eq!(next_of(ws, "pong").await["type"], "pong");
    }

    let from_wall = uuid();
    send_json(&mut wall, &submit_msg(&from_wall, "q1", "Jag är en storbild")).await;
    let err = next_of(&mut wall, "error").await;
    assert_eq!(err["id"], from_wall.as_str());
    assert_eq!((err["status"].as_u64(), err["code"].as_str()), (Some(403), Some("not_participant")));
    send_json(&mut wall, &json!({"type": "ping"})).await;
    next_of(&mut wall, "pong").await;
    assert!(export_ids(&server.export(&session).await).is_empty(), "a wall stored nothing");
    // Nothing came of the refused submit: the next event on the wall is the next real one.
    let real = uuid();
    let (status, _) = server
        .contribute(
            session["code"].as_str().unwrap(),
            json!({"id": real, "question_id": "q1", "text": "Hej"}),
        )
        .await;
    assert_eq!(status, 201);
    let ev = next_of(&mut wall, "event").await;
    assert_eq!((ev["seq"].as_u64(), ev["contribution"]["id"].as_str()), (Some(2), Some(real.as_str())));
}

#[tokio::test]
async fn a_phone_over_its_rate_is_told_when_to_retry_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut phone = server.phone(&session, "eager-phone").await;
    next_of(&mut phone, "hello").await;
    let mut stored = Vec::new();
    for i in 0..inspel::limits::RATE_BURST {
        let id = uuid();
        send_json(&mut phone, &submit_msg(&id, "q1", &format!("Tanke {i}"))).await;
        assert_eq!(next_of(&mut phone, "ack").await["id"], id.as_str());
        stored.push(id);
    }
    let refused = uuid();
    send_json(&mut phone, &submit_msg(&refused, "q1", "En för mycket")).await;
    let err = next_of(&mut phone, "error").await;
    assert_eq!((err["status"].as_u64(), err["code"].as_str()), (Some(429), Some("rate_limited")));
    assert_eq!(err["id"], refused.as_str());
    assert!(err["retry_after_secs"].as_u64().is_some_and(|s| s >= 1), "{err}");
    // Another phone in the same room (same IP) is not held back.
    let mut other = server.phone(&session, "other-phone").await;
    next_of(&mut other, "hello").await;
    let id = uuid();
    send_json(&mut other, &submit_msg(&id, "q1", "Min tur")).await;
    assert_eq!(next_of(&mut other, "ack").await["id"], id.as_str());
    stored.push(id);
    let mut ids = export_ids(&server.export(&session).await);
    ids.sort();
    stored.sort();
    assert_eq!(ids, stored, "the refused contribution was not stored");
}
