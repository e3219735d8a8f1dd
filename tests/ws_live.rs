//! Live delivery: contributions reach every wall quickly and in order, phones follow the
//! facilitator's question changes, walls see presence, and shutdown says goodbye with 1001.

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// The functional latency requirement: a wall shows a contribution this soon after its ack.
const WALL_LATENCY: Duration = Duration::from_millis(100);

/// One event as a wall reader saw it, stamped on arrival.
struct Seen {
    seq: u64,
    id: Option<String>,
    at: Instant,
}

/// Reads a wall in its own task so arrival times are not skewed by the submitting task.
fn spawn_reader(mut ws: Ws, last_seq: u64) -> tokio::task::JoinHandle<Vec<Seen>> {
    tokio::spawn(async move {
        let mut seen: Vec<Seen> = Vec::new();
        while seen.last().is_none_or(|s| s.seq < last_seq) {
            assert!(seen.len() as u64 <= last_seq, "more events than seqs");
            let ev = next_of(&mut ws, "event").await;
            let at = Instant::now();
            let id = ev["contribution"]["id"].as_str().map(str::to_string);
            seen.push(Seen { seq: ev["seq"].as_u64().expect("seq"), id, at });
        }
        seen
    })
}

/// A submitted contribution: when it went out and when it was acknowledged.
struct Sent {
    id: String,
    seq: u64,
    sent: Instant,
    acked: Instant,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contributions_reach_two_walls_in_order_within_100ms_of_the_ack() {
    const PER_PATH: usize = 20;
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();

    let mut readers = Vec::new();
    for _ in 0..2 {
        let mut wall = server.wall(&session, None).await;
        assert_eq!(next_of(&mut wall, "hello").await["seq"], 1);
        assert_eq!(next_of(&mut wall, "event").await["kind"], "session_created");
        readers.push(spawn_reader(wall, 1 + 2 * PER_PATH as u64));
    }

    let mut sent: Vec<Sent> = Vec::new();
    // Over the phone websocket: two phones, since one phone may burst only 10 (RATE_BURST).
    let mut phones = [server.phone(&session, "live-a").await, server.phone(&session, "live-b").await];
    for p in phones.iter_mut() {
        next_of(p, "hello").await;
    }
    for i in 0..PER_PATH {
        let phone = &mut phones[i % 2];
        let id = uuid();
        let t0 = Instant::now();
        send_json(phone, &submit_msg(&id, "q1", &format!("Via telefon {i}: fler mötesplatser för unga")))
            .await;
        let ack = next_of(phone, "ack").await;
        let acked = Instant::now();
        assert_eq!(ack["id"], id.as_str());
        assert_eq!(ack["duplicate"], false);
        sent.push(Sent { id, seq: ack["contribution"]["seq"].as_u64().unwrap(), sent: t0, acked });
    }
    // Over HTTP, without a participant id (the shared bucket allows 200 at once).
    for i in 0..PER_PATH {
        let id = uuid();
        let t0 = Instant::now();
        let (status, body) = server
            .contribute(
                code,
                json!({"id": id, "question_id": "q1", "text": format!("Via HTTP {i}: skolhälsan")}),
            )
            .await;
        let acked = Instant::now();
        assert_eq!(status, 201, "{body}");
        sent.push(Sent { id, seq: body["seq"].as_u64().unwrap(), sent: t0, acked });
    }

    // Acks were awaited one at a time, so seqs follow submission order without gaps.
    let want: Vec<u64> = (2..=1 + 2 * PER_PATH as u64).collect();
    assert_eq!(sent.iter().map(|s| s.seq).collect::<Vec<_>>(), want);
    let by_id: HashMap<&str, &Sent> = sent.iter().map(|s| (s.id.as_str(), s)).collect();

    let (mut worst_ack, mut worst_e2e) = (Duration::ZERO, Duration::ZERO);
    for reader in readers {
        let seen = tokio::time::timeout(WAIT, reader).await.expect("walls done in time").expect("reader");
        assert_eq!(seen.iter().map(|s| s.seq).collect::<Vec<_>>(), want, "wall seqs contiguous");
        for s in &seen {
            let id = s.id.as_deref().expect("a contribution event");
            let sub = by_id.get(id).expect("the wall shows only what was submitted");
            assert_eq!(sub.seq, s.seq, "wall event seq matches the ack");
            // The writer publishes before it answers, so the wall may even be first: count 0.
            worst_ack = worst_ack.max(s.at.saturating_duration_since(sub.acked));
            worst_e2e = worst_e2e.max(s.at.duration_since(sub.sent));
        }
    }
    eprintln!(
        "latency over {} deliveries: ack→wall max {worst_ack:?}, submit→wall max {worst_e2e:?}",
        want.len() * 2
    );
    assert!(worst_ack < WALL_LATENCY, "ack→wall took {worst_ack:?}");
}

#[tokio::test]
async fn phones_follow_question_changes_and_closed_questions_refuse() {
    let server = TestServer::start().await;
    let session = server.council().await;
    server.no_grace(&session).await;
    let code = session["code"].as_str().unwrap();
    let mut phones = Vec::new();
    for n in 0..3 {
        let mut p = server.phone(&session, &format!("flow-{n}")).await;
        assert_eq!(next_of(&mut p, "hello").await["session"]["active_question_id"], "q1");
        phones.push(p);
    }
    let expect_all = async |phones: &mut Vec<Ws>, kind: &str, qid: &str| {
        for p in phones.iter_mut() {
            let ev = next_of(p, "event").await;
            assert_eq!((ev["kind"].as_str(), ev["question_id"].as_str()), (Some(kind), Some(qid)), "{ev}");
        }
    };

    assert_eq!(server.question(&session, "q2", "activate").await, 200);
    expect_all(&mut phones, "question_activated", "q2").await;
    assert_eq!(server.question(&session, "q2", "close").await, 200);
    expect_all(&mut phones, "question_closed", "q2").await;

    let refused = uuid();
    send_json(&mut phones[0], &submit_msg(&refused, "q2", "För sent?")).await;
    let err = next_of(&mut phones[0], "error").await;
    assert_eq!(err["id"], refused.as_str());
    assert_eq!(err["status"], 409);
    assert_eq!(err["code"], "question_closed");
    assert!(!err["error_sv"].as_str().unwrap_or("").is_empty(), "a Swedish message: {err}");
    let (status, body) =
        server.contribute(code, json!({"id": uuid(), "question_id": "q2", "text": "Också för sent"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("question_closed")));
    assert!(export_ids(&server.export(&session).await).is_empty(), "nothing stored for a closed question");

    assert_eq!(server.question(&session, "q2", "open").await, 200);
    expect_all(&mut phones, "question_opened", "q2").await;
    // The refused id was never stored, so the phone's retry of it is new.
    send_json(&mut phones[0], &submit_msg(&refused, "q2", "För sent?")).await;
    let ack = next_of(&mut phones[0], "ack").await;
    assert_eq!((ack["id"].as_str(), ack["duplicate"].as_bool()), (Some(refused.as_str()), Some(false)));
    assert_eq!(ack["contribution"]["question_id"], "q2");
    assert_eq!(export_ids(&server.export(&session).await), vec![refused.clone()]);

    // Phones never see contributions: the next thing each one sees is the next question change.
    assert_eq!(server.question(&session, "q3", "activate").await, 200);
    expect_all(&mut phones, "question_activated", "q3").await;
}

#[tokio::test]
async fn walls_see_how_many_phones_are_connected() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut wall = server.wall(&session, None).await;
    assert_eq!(next_of(&mut wall, "hello").await["phones"], 0);

    let mut a = server.phone(&session, "presence-a").await;
    let mut b = server.phone(&session, "presence-b").await;
    next_of(&mut a, "hello").await;
    next_of(&mut b, "hello").await;
    // Counts are sent at most every 2 s, so 1 may come before 2; each wait is bounded by WAIT.
    let until = async |wall: &mut Ws, n: u64| {
        for _ in 0..10 {
            if next_of(wall, "presence").await["phones"] == n {
                return;
            }
        }
        panic!("no presence of {n}");
    };
    until(&mut wall, 2).await;
    a.close(None).await.expect("close phone");
    drop(a);
    until(&mut wall, 1).await;
    // The HTTP view agrees.
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}")))
        .bearer_auth(session["wall_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.json::<Value>().await.unwrap()["phones"], 1);
}

#[tokio::test]
async fn shutdown_closes_sockets_with_going_away_and_the_server_ends() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let addr = server.addr;
    let mut wall = server.wall(&session, None).await;
    let mut phone = server.phone(&session, "leaving").await;
    next_of(&mut wall, "hello").await;
    next_of(&mut phone, "hello").await;

    let stopping = tokio::spawn(server.stop());
    for ws in [&mut wall, &mut phone] {
        let (ended, _) = read_until_closed(ws, 100).await;
        assert_eq!(ended, Some(1001), "closed as going away");
    }
    tokio::time::timeout(WAIT, stopping).await.expect("server stops in time").expect("stop");
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "nothing listens any more");
}
