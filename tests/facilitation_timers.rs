//! Time boxes (issue 4, item 9): a countdown per question, the same on walls and phones, that
//! can pause, resume, get more time and stop, and closes its question at zero when asked to,
//! even across a restart. Every wait is for an event or a state, with a timeout.

mod common;

use std::time::Instant;

use common::*;
use serde_json::{Value, json};

async fn timer(server: &TestServer, session: &Value, qid: &str, body: Value) -> (u16, Value) {
    server.facilitate(session, "POST", &format!("/questions/{qid}/timer"), Some(body)).await
}

/// The session as participants see it (GET /api/join/{code}).
async fn joined(server: &TestServer, session: &Value) -> Value {
    let code = session["code"].as_str().unwrap();
    let (status, body) = server.call("GET", &format!("/api/join/{code}"), None, None).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// Question `qid` as GET /api/join/{code} shows it now.
async fn question_now(server: &TestServer, session: &Value, qid: &str) -> Value {
    let s = joined(server, session).await;
    s["questions"].as_array().unwrap().iter().find(|q| q["id"] == qid).expect("question").clone()
}

/// The next `timer_changed` event for `qid` with this `action`, skipping others.
async fn timer_event(ws: &mut Ws, qid: &str, action: &str) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let ev = tokio::time::timeout_at(deadline, next_event(ws, "timer_changed"))
            .await
            .expect("timer event in time");
        if ev["question_id"] == qid && ev["action"] == action {
            return ev;
        }
    }
}

#[tokio::test]
async fn an_auto_close_countdown_reaches_walls_and_phones_and_closes_the_question() {
    let server = TestServer::start().await;
    let session = server.council().await;
    server.no_grace(&session).await;
    // Both hellos come after t0, so ends_at − hello.now ≤ 2 s + (time since t0).
    let t0 = Instant::now();
    let mut wall = server.wall(&session, None).await;
    let mut phone = server.phone(&session, "timer-phone").await;
    let wall_hello = next_of(&mut wall, "hello").await;
    let phone_hello = next_of(&mut phone, "hello").await;

    let (status, q) =
        timer(&server, &session, "q1", json!({"action": "start", "duration_secs": 2, "auto_close": true}))
            .await;
    assert_eq!(status, 200, "{q}");
    let t = &q["timer"];
    assert_eq!(
        (&t["duration_secs"], &t["running"], &t["remaining_ms"], &t["auto_close"]),
        (&json!(2), &json!(true), &json!(2000), &json!(true))
    );
    let ends_at = ts(&t["ends_at"]);
    let elapsed = t0.elapsed().as_millis() as i64;
    for (ws, hello) in [(&mut wall, &wall_hello), (&mut phone, &phone_hello)] {
        let ev = timer_event(ws, "q1", "start").await;
        assert_eq!(&ev["timer"], t, "walls and phones get the same countdown");
        // ends_at ≈ hello.now + 2 s, plus however long it took to start after the hello.
        let ahead = ms_between(ts(&hello["now"]), ends_at);
        assert!((1_950..=2_050 + elapsed).contains(&ahead), "ends_at is {ahead} ms after hello.now");
    }

    for ws in [&mut wall, &mut phone] {
        let ev = timer_event(ws, "q1", "expired").await;
        assert!(ts(&ev["at"]) >= ends_at, "expired before its end: {ev}");
        assert_eq!(
            ev["timer"],
            json!({"duration_secs": 2, "running": false, "ends_at": null, "remaining_ms": 0, "auto_close": true})
        );
        let next = next_of(ws, "event").await;
        assert_eq!((next["kind"].as_str(), &next["question_id"]), (Some("question_closed"), &json!("q1")));
        assert_eq!(next["seq"], ev["seq"].as_u64().unwrap() + 1);
    }
    let code = session["code"].as_str().unwrap();
    let (status, body) =
        server.contribute(code, json!({"id": uuid(), "question_id": "q1", "text": "För sent"})).await;
    assert_eq!(status, 409);
    assert_error(&body, "question_closed");
    let q1 = &joined(&server, &session).await["questions"][0];
    assert_eq!((&q1["state"], &q1["timer"]["running"]), (&json!("closed"), &json!(false)));
}

#[tokio::test]
async fn pause_resume_extend_and_stop() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;
    let (status, started) =
        timer(&server, &session, "q1", json!({"action": "start", "duration_secs": 600})).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(started["timer"]["auto_close"], false);
    timer_event(&mut wall, "q1", "start").await;

    let (_, paused) = timer(&server, &session, "q1", json!({"action": "pause"})).await;
    let t = &paused["timer"];
    assert_eq!((&t["running"], &t["ends_at"]), (&json!(false), &Value::Null), "{t}");
    let left = t["remaining_ms"].as_u64().unwrap();
    assert!((590_000..=600_000).contains(&left), "{left} ms left");
    assert_eq!(timer_event(&mut wall, "q1", "pause").await["timer"], *t);
    assert_eq!(
        timer(&server, &session, "q1", json!({"action": "pause"})).await.1["timer"],
        *t,
        "pausing twice changes nothing"
    );

    let (_, resumed) = timer(&server, &session, "q1", json!({"action": "resume"})).await;
    let ev = timer_event(&mut wall, "q1", "resume").await;
    assert_eq!(ev["seq"], 4, "the second pause logged nothing");
    let t = &resumed["timer"];
    assert_eq!((&t["running"], &t["remaining_ms"]), (&json!(true), &json!(left)));
    let ends = ts(&t["ends_at"]);
    let from_event = ms_between(ts(&ev["at"]), ends);
    assert!((left as i64 - 50..=left as i64 + 50).contains(&from_event), "resumed to end in {from_event} ms");

    let (_, extended) = timer(&server, &session, "q1", json!({"action": "extend"})).await;
    let t = &extended["timer"];
    let moved = ms_between(ends, ts(&t["ends_at"]));
    assert!((59_900..=60_100).contains(&moved), "extend moved ends_at by {moved} ms");
    assert_eq!((&t["duration_secs"], &t["running"]), (&json!(660), &json!(true)));
    assert_eq!(timer_event(&mut wall, "q1", "extend").await["timer"], *t);
    let (_, more) = timer(&server, &session, "q1", json!({"action": "extend", "seconds": 30})).await;
    assert_eq!(more["timer"]["duration_secs"], 690);

    let (status, stopped) = timer(&server, &session, "q1", json!({"action": "stop"})).await;
    assert_eq!((status, &stopped["timer"]), (200, &Value::Null));
    assert_eq!(timer_event(&mut wall, "q1", "stop").await["timer"], Value::Null);
    assert_eq!(joined(&server, &session).await["questions"][0]["timer"], Value::Null);
    for action in ["pause", "resume", "extend", "stop"] {
        let (status, body) = timer(&server, &session, "q1", json!({ "action": action })).await;
        assert_eq!(status, 409, "{action} without a timer");
        assert_error(&body, "no_timer");
    }
}

#[tokio::test]
async fn a_paused_countdown_does_not_expire() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut wall = server.wall(&session, Some(1)).await;
    next_of(&mut wall, "hello").await;
    let start = json!({"action": "start", "duration_secs": 1, "auto_close": true});
    assert_eq!(timer(&server, &session, "q1", start).await.0, 200);
    let (_, paused) = timer(&server, &session, "q1", json!({"action": "pause"})).await;
    let left = paused["timer"]["remaining_ms"].as_u64().unwrap();
    assert!(left > 0 && paused["timer"]["running"] == false, "the pause came first: {paused}");
    // A witness that ends after q1 would have: once it expires, q1's expiry would have come.
    let witness = timer(&server, &session, "q2", json!({"action": "start", "duration_secs": 2})).await;
    assert_eq!(witness.0, 200);
    let mut between = Vec::new();
    loop {
        let ev = next_of(&mut wall, "event").await;
        if ev["kind"] == "timer_changed" && ev["question_id"] == "q2" && ev["action"] == "expired" {
            break;
        }
        between.push(ev);
        assert!(between.len() < 10, "no expiry of q2: {between:?}");
    }
    let kinds: Vec<(&str, &str)> = between
        .iter()
        .map(|e| {
            (e["kind"].as_str().unwrap(), e["action"].as_str().or(e["question_id"].as_str()).unwrap_or(""))
        })
        .collect();
    assert_eq!(kinds, [("timer_changed", "start"), ("timer_changed", "pause"), ("timer_changed", "start")]);
    // The events above came in log order, so q1's state is settled: paused, still open.
    let q1 = question_now(&server, &session, "q1").await;
    assert_eq!(q1["state"], "open");
    assert_eq!((&q1["timer"]["running"], &q1["timer"]["remaining_ms"]), (&json!(false), &json!(left)));

    // Resumed, it runs out and closes q1.
    assert_eq!(timer(&server, &session, "q1", json!({"action": "resume"})).await.0, 200);
    timer_event(&mut wall, "q1", "expired").await;
    assert_eq!(next_event(&mut wall, "question_closed").await["question_id"], "q1");
}

#[tokio::test]
async fn a_countdown_needs_a_length_and_questions_can_plan_one() {
    let server = TestServer::start().await;
    let session = server
        .create_session(json!({"title": "Tidsramar", "questions": [
            {"text": "Dialog", "duration_secs": 900}, "Reflektion runt borden", {"text": "Utan tid", "duration_secs": null}
        ]}))
        .await;
    let durations: Vec<&Value> =
        session["questions"].as_array().unwrap().iter().map(|q| &q["duration_secs"]).collect();
    assert_eq!(durations, [&json!(900), &Value::Null, &Value::Null]);

    let (status, body) = timer(&server, &session, "q2", json!({"action": "start"})).await;
    assert_eq!(status, 422, "{body}");
    assert_error(&body, "no_duration");
    assert_eq!(joined(&server, &session).await["questions"][1]["timer"], Value::Null, "nothing started");
    let (status, q) = timer(&server, &session, "q1", json!({"action": "start"})).await;
    assert_eq!(status, 200, "{q}");
    assert_eq!((&q["timer"]["duration_secs"], &q["timer"]["remaining_ms"]), (&json!(900), &json!(900_000)));
    for secs in [0, 4 * 3600 + 1] {
        let (status, body) =
            timer(&server, &session, "q2", json!({"action": "start", "duration_secs": secs})).await;
        assert_eq!(status, 422, "{secs}");
        assert_error(&body, "bad_duration");
    }
    assert_error(
        &timer(&server, &session, "q9", json!({"action": "start", "duration_secs": 5})).await.1,
        "question_not_found",
    );
    for role in ["wall_token", "secretary_token"] {
        let (status, _) = server
            .as_role(&session, role, "POST", "/questions/q1/timer", Some(json!({"action": "stop"})))
            .await;
        assert_eq!(status, 401, "{role}");
    }
    let bad = json!({"title": "Fel", "questions": [{"text": "Noll", "duration_secs": 0}]});
    let resp =
        server.http.post(server.url("/api/sessions")).bearer_auth(ADMIN).json(&bad).send().await.unwrap();
    assert_eq!(resp.status(), 422);
}

#[tokio::test]
async fn an_auto_close_countdown_survives_a_restart() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let start = json!({"action": "start", "duration_secs": 2, "auto_close": true});
    let (status, q) = timer(&server, &session, "q1", start).await;
    assert_eq!(status, 200);
    let ends_at = ts(&q["timer"]["ends_at"]);
    let data = server.data.clone();
    let dir = server.stop().await;
    assert!(jiff::Timestamp::now() < ends_at, "the first server stopped before the countdown ended");

    let server = TestServer::start_on(data, |_| {}).await;
    // A wall replaying from 0 sees the expiry whether it came before or after it connected.
    let mut wall = server.wall(&session, Some(0)).await;
    next_of(&mut wall, "hello").await;
    let ev = timer_event(&mut wall, "q1", "expired").await;
    assert!(ts(&ev["at"]) >= ends_at, "expired early: {ev}");
    assert_eq!(next_of(&mut wall, "event").await["kind"], "question_closed");
    let q1 = question_now(&server, &session, "q1").await;
    assert_eq!((&q1["state"], &q1["timer"]["running"]), (&json!("closed"), &json!(false)));
    drop(server);
    drop(dir);
}

/// Issue 10: closing a question by hand used to leave its countdown running, so the console
/// (and the wall) went on saying "pågår" for a question that took nothing more. Closing stops
/// a running or paused countdown, logged before the close; one that ran out stays as it ended.
#[tokio::test]
async fn closing_a_question_stops_its_countdown() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;
    let long = json!({"action": "start", "duration_secs": 600, "auto_close": true});
    assert_eq!(timer(&server, &session, "q1", long.clone()).await.0, 200);
    timer_event(&mut wall, "q1", "start").await;

    assert_eq!(server.question(&session, "q1", "close").await, 200);
    let stop = timer_event(&mut wall, "q1", "stop").await;
    assert_eq!(stop["timer"], Value::Null);
    let closed = next_of(&mut wall, "event").await;
    assert_eq!((closed["kind"].as_str(), &closed["question_id"]), (Some("question_closed"), &json!("q1")));
    let q1 = question_now(&server, &session, "q1").await;
    assert_eq!((&q1["state"], &q1["timer"]), (&json!("closed"), &Value::Null));

    // A paused countdown stops too; one that has run out is left showing that it ran out.
    assert_eq!(timer(&server, &session, "q2", long).await.0, 200);
    assert_eq!(timer(&server, &session, "q2", json!({"action": "pause"})).await.0, 200);
    assert_eq!(server.question(&session, "q2", "close").await, 200);
    assert_eq!(question_now(&server, &session, "q2").await["timer"], Value::Null);
    assert_eq!(server.question(&session, "q3", "open").await, 200);
    let short = json!({"action": "start", "duration_secs": 1});
    assert_eq!(timer(&server, &session, "q3", short).await.0, 200);
    timer_event(&mut wall, "q3", "expired").await;
    assert_eq!(server.question(&session, "q3", "close").await, 200);
    let q3 = question_now(&server, &session, "q3").await;
    assert_eq!((&q3["state"], &q3["timer"]["remaining_ms"]), (&json!("closed"), &json!(0)));
}
