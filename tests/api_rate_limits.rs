//! Per-phone rate limits over HTTP. They are keyed on the phone's participant id, not its IP
//! address: at a venue every phone comes from the same NAT address (here: all from 127.0.0.1).

mod common;

use std::time::Instant;

use common::*;
use serde_json::{Value, json};

fn contribution(text: &str) -> Value {
    json!({"id": uuid(), "question_id": "q1", "text": text})
}

/// Posts with the participant header and returns status, Retry-After and body.
async fn post(server: &TestServer, code: &str, phone: &str, body: &Value) -> (u16, Option<String>, Value) {
    let resp = server
        .http
        .post(server.url(&format!("/api/join/{code}/contributions")))
        .header("x-inspel-participant", phone)
        .json(body)
        .send()
        .await
        .expect("send");
    let status = resp.status().as_u16();
    let retry = resp.headers().get("retry-after").map(|v| v.to_str().expect("ascii").to_string());
    (status, retry, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn burst_of_ten_per_phone_then_429() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();

    // The bucket refills at 30 a minute (one token per 2 s); the burst takes far less than
    // that on loopback, and the elapsed time is reported if a slow machine ever breaks that.
    let started = Instant::now();
    let mut first = Vec::new();
    for i in 0..10 {
        let body = contribution(&format!("Inspel {i}"));
        let (status, _, c) = post(&server, code, "phone-a", &body).await;
        assert_eq!(status, 201, "contribution {i}: {c}");
        first.push(body);
    }
    let over = contribution("Ett för mycket");
    let (status, retry, err) = post(&server, code, "phone-a", &over).await;
    let elapsed = started.elapsed();
    assert_eq!(status, 429, "11th after {elapsed:?}: {err}");
    assert_error(&err, "rate_limited");
    let secs: u64 = retry.expect("Retry-After header").parse().expect("Retry-After in whole seconds");
    assert!((1..=60).contains(&secs), "Retry-After {secs}");
    // The number in the message matches the header, so a phone may show either.
    assert!(err["error"].as_str().unwrap().contains(&format!("{secs} s")), "{err}");

    let stored = server.stored_ids(&session).await;
    assert_eq!(stored.len(), 10);
    assert!(!stored.iter().any(|id| over["id"] == id.as_str()), "the refused one was stored");

    // Retries of what is already stored cost nothing, even now: a phone coming back online
    // resends its whole queue and must not be told to wait for things that are safe.
    for body in &first {
        let (status, _, c) = post(&server, code, "phone-a", body).await;
        assert_eq!(status, 200, "{c}");
        assert_eq!(c["id"], body["id"]);
    }
    // ...and the phone is still limited for new ones.
    assert_eq!(post(&server, code, "phone-a", &contribution("Igen")).await.0, 429);

    // Another phone behind the same address is not affected, nor is the same phone in
    // another session.
    let (status, _, c) = post(&server, code, "phone-b", &contribution("Från b")).await;
    assert_eq!(status, 201, "{c}");
    let other = server.council().await;
    let (status, _, c) = post(&server, other["code"].as_str().unwrap(), "phone-a", &contribution("x")).await;
    assert_eq!(status, 201, "{c}");
    assert_eq!(server.stored_ids(&session).await.len(), 11);
}

#[tokio::test]
async fn participant_id_in_the_body_counts_too() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    // Without the header, the body's participant_id keys the bucket (what the web page sends
    // when it cannot set headers).
    for i in 0..10 {
        let mut body = contribution(&format!("{i}"));
        body["participant_id"] = json!("phone-c");
        assert_eq!(server.contribute(code, body).await.0, 201, "contribution {i}");
    }
    let mut body = contribution("elva");
    body["participant_id"] = json!("phone-c");
    let (status, err) = server.contribute(code, body).await;
    assert_eq!(status, 429, "{err}");
    assert_error(&err, "rate_limited");
}

#[tokio::test]
async fn a_refused_participant_id_is_not_a_way_around_the_limit() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    // Ids with spaces or beyond 64 characters are refused outright rather than ignored.
    for bad in ["phone a", &"p".repeat(65), "phone/a"] {
        let (status, _, err) = post(&server, code, bad, &contribution("x")).await;
        assert_eq!(status, 422, "{bad:?}: {err}");
        assert_error(&err, "bad_participant");
    }
    assert!(server.stored_ids(&session).await.is_empty());
}

#[tokio::test]
async fn a_non_ascii_participant_header_is_refused_like_other_bad_ids() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    // "telefon-å" as raw UTF-8 bytes: legal on the wire (obs-text), but not a valid id. It
    // should be refused like "phone a"; instead `to_str().ok()` turns it into "no id", and
    // the request falls back to the session's big anonymous bucket.
    let value = reqwest::header::HeaderValue::from_bytes("telefon-å".as_bytes()).unwrap();
    let resp = server
        .http
        .post(server.url(&format!("/api/join/{code}/contributions")))
        .header("x-inspel-participant", value)
        .json(&contribution("x"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    assert_error(&resp.json().await.unwrap(), "bad_participant");
}
