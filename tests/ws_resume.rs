//! Resuming with `since`: a wall or phone that reconnects gets exactly what it missed, and a
//! retried submit is stored once.

mod common;

use common::*;
use serde_json::{Value, json};

/// Submits `n` contributions over HTTP (shared anonymous bucket) and returns their seqs.
async fn add(server: &TestServer, session: &Value, n: usize, label: &str) -> Vec<u64> {
    let code = session["code"].as_str().unwrap();
    let mut seqs = Vec::new();
    for i in 0..n {
        let body = json!({"id": uuid(), "question_id": "q1", "text": format!("{label} {i}")});
        let (status, stored) = server.contribute(code, body).await;
        assert_eq!(status, 201, "{stored}");
        seqs.push(stored["seq"].as_u64().unwrap());
    }
    seqs
}

#[tokio::test]
async fn a_wall_resumes_after_its_last_seq_without_gap_or_duplicate() {
    let server = TestServer::start().await;
    let session = server.council().await;
    add(&server, &session, 5, "före").await;

    let mut wall = server.wall(&session, None).await;
    assert_eq!(next_of(&mut wall, "hello").await["seq"], 6);
    let replay = events_until(&mut wall, 6).await;
    assert_seqs(&replay, 1, 6);
    // Three more arrive live; the wall then goes away having seen up to K.
    add(&server, &session, 3, "live").await;
    let live = events_until(&mut wall, 9).await;
    assert_seqs(&live, 7, 9);
    let k = 9;
    wall.close(None).await.expect("close");
    drop(wall);

    let missed = add(&server, &session, 7, "medan borta").await;
    let n = *missed.last().unwrap();
    assert_eq!(n, 16);
    let mut wall = server.wall(&session, Some(k)).await;
    assert_eq!(next_of(&mut wall, "hello").await["seq"], n);
    let resumed = events_until(&mut wall, n).await;
    assert_seqs(&resumed, k + 1, n);
    assert!(resumed.iter().all(|e| e["kind"] == "contribution_added"));
    // Nothing repeats after the replay: the next event is the next live one.
    add(&server, &session, 1, "efter").await;
    assert_eq!(next_of(&mut wall, "event").await["seq"], n + 1);

    // A wall that is exactly up to date gets no replay, only what comes next.
    let mut current = server.wall(&session, Some(n + 1)).await;
    assert_eq!(next_of(&mut current, "hello").await["seq"], n + 1);
    add(&server, &session, 1, "sist").await;
    assert_eq!(next_of(&mut current, "event").await["seq"], n + 2);
}

#[tokio::test]
async fn a_wall_from_the_future_gets_a_full_replay() {
    let server = TestServer::start().await;
    let session = server.council().await;
    add(&server, &session, 4, "hej").await;
    // since beyond the current seq means the wall saw another database: start over from 1.
    let mut wall = server.wall(&session, Some(1_000)).await;
    assert_eq!(next_of(&mut wall, "hello").await["seq"], 5);
    let all = events_until(&mut wall, 5).await;
    assert_seqs(&all, 1, 5);
    assert_eq!(all[0]["kind"], "session_created");
}

#[tokio::test]
async fn a_phone_resumes_with_the_question_changes_it_missed_and_no_contributions() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap().to_string();
    let participant = "resume-phone";
    let mut phone = server.phone(&session, participant).await;
    let s0 = next_of(&mut phone, "hello").await["seq"].as_u64().unwrap();
    phone.close(None).await.expect("close");
    drop(phone);

    // While it is away: contributions from others mixed with question changes.
    add(&server, &session, 2, "andra").await;
    assert_eq!(server.question(&session, "q2", "activate").await, 200);
    add(&server, &session, 2, "fler").await;
    assert_eq!(server.question(&session, "q3", "close").await, 200);
    add(&server, &session, 1, "ännu fler").await;
    assert_eq!(server.question(&session, "q3", "open").await, 200);
    add(&server, &session, 1, "sista").await;

    // What it should get: the question events after s0, as the full log (a wall) has them.
    let mut wall = server.wall(&session, None).await;
    let n = next_of(&mut wall, "hello").await["seq"].as_u64().unwrap();
    let log = events_until(&mut wall, n).await;
    assert_seqs(&log, 1, n);
    let want: Vec<&Value> = log
        .iter()
        .filter(|e| e["seq"].as_u64().unwrap() > s0 && e["kind"].as_str().unwrap().starts_with("question_"))
        .collect();
    assert_eq!(want.len(), 3);

    let mut phone = server.ws(&format!("/ws/join/{code}?participant={participant}&since={s0}")).await;
    let hello = next_of(&mut phone, "hello").await;
    assert_eq!(hello["participant"], participant);
    assert_eq!(hello["seq"], n);
    assert_eq!(hello["session"]["active_question_id"], "q2");
    for expected in &want {
        let got = next_of(&mut phone, "event").await;
        assert_eq!(&&got, expected, "replayed question event");
    }
    // A phone without since gets no replay at all.
    let mut fresh = server.phone(&session, "fresh-phone").await;
    assert_eq!(next_of(&mut fresh, "hello").await["seq"], n);

    // Nothing else was queued for either phone (no contribution from anyone): the next event
    // each sees is this marker, although contributions were added before it.
    add(&server, &session, 2, "medan uppkopplad").await;
    assert_eq!(server.question(&session, "q1", "activate").await, 200);
    for p in [&mut phone, &mut fresh] {
        let marker = next_of(p, "event").await;
        assert_eq!(
            (marker["kind"].as_str(), marker["question_id"].as_str()),
            (Some("question_activated"), Some("q1"))
        );
        assert_eq!(marker["seq"], n + 3);
    }
}

#[tokio::test]
async fn the_same_submit_twice_over_the_websocket_is_stored_once() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    let mut phone = server.phone(&session, "retrying-phone").await;
    next_of(&mut phone, "hello").await;

    let id = uuid();
    send_json(&mut phone, &submit_msg(&id, "q1", "Första försöket")).await;
    let first = next_of(&mut phone, "ack").await;
    assert_eq!((first["id"].as_str(), first["duplicate"].as_bool()), (Some(id.as_str()), Some(false)));
    // A retry, even with edited text, is answered with what was stored the first time.
    send_json(&mut phone, &submit_msg(&id, "q1", "Andra försöket")).await;
    let second = next_of(&mut phone, "ack").await;
    assert_eq!((second["id"].as_str(), second["duplicate"].as_bool()), (Some(id.as_str()), Some(true)));
    assert_eq!(second["contribution"], first["contribution"]);
    assert_eq!(second["contribution"]["text"], "Första försöket");
    // The HTTP path agrees that it is already stored; upper-case is the same UUID.
    let (status, body) = server
        .contribute(code, json!({"id": id.to_uppercase(), "question_id": "q1", "text": "Tredje"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["seq"], first["contribution"]["seq"]);

    assert_eq!(export_ids(&server.export(&session).await), vec![id.clone()]);
    // The log holds it once: session_created, then this one, and nothing more.
    let mut wall = server.wall(&session, None).await;
    assert_eq!(next_of(&mut wall, "hello").await["seq"], 2);
    let log = events_until(&mut wall, 2).await;
    assert_eq!(log[1]["contribution"]["id"], id.as_str());
}

/// A wall is not sent contributions waiting for moderation, so its replay can end below
/// `hello.seq`; `replayed` says when it is complete, so the page never waits for a seq that
/// will not come.
#[tokio::test]
async fn replay_ends_with_replayed_even_when_the_last_events_are_not_for_walls() {
    let server = TestServer::start().await;
    let session = server.council().await;
    server.add(&session, "q1", "Synlig").await;
    let (status, _) =
        server.facilitate(&session, "PUT", "/moderation", Some(json!({"premoderation": true}))).await;
    assert_eq!(status, 200);
    server.add(&session, "q1", "Väntar").await;
    let mut wall = server.wall(&session, None).await;
    let hello = next_of(&mut wall, "hello").await;
    let hello_seq = hello["seq"].as_u64().unwrap();
    let mut kinds = Vec::new();
    let replayed = loop {
        let msg = next_json(&mut wall).await;
        match msg["type"].as_str() {
            Some("event") => kinds.push(msg["kind"].as_str().unwrap().to_string()),
            Some("replayed") => break msg,
            _ => {}
        }
    };
    assert_eq!(replayed["seq"].as_u64(), Some(hello_seq));
    assert_eq!(kinds, ["session_created", "contribution_added", "moderation_changed"], "no waiting card");
    // A phone without `since` has nothing to replay and is told so at once.
    let mut phone = server.phone(&session, "replay-phone").await;
    let hello = next_of(&mut phone, "hello").await;
    let next = next_json(&mut phone).await;
    assert_eq!((next["type"].as_str(), next["seq"].as_u64()), (Some("replayed"), hello["seq"].as_u64()));
}
