//! Steering questions over HTTP: activate, close, open; phones see the result through
//! GET /api/join/{code} and through what their contributions are told.

mod common;

use common::*;
use serde_json::{Value, json};

async fn act(server: &TestServer, session: &Value, qid: &str, action: &str) -> (u16, Value) {
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .post(server.url(&format!("/api/sessions/{id}/questions/{qid}/{action}")))
        .bearer_auth(session["facilitator_token"].as_str().unwrap())
        .send()
        .await
        .expect("send");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn join_view(server: &TestServer, session: &Value) -> Value {
    let code = session["code"].as_str().unwrap();
    let resp = server.http.get(server.url(&format!("/api/join/{code}"))).send().await.expect("send");
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("json")
}

fn state_of(view: &Value, qid: &str) -> Value {
    let q = view["questions"].as_array().unwrap().iter().find(|q| q["id"] == qid);
    q.unwrap_or_else(|| panic!("no {qid} in {view}"))["state"].clone()
}

#[tokio::test]
async fn activate_close_and_open_again() {
    let server = TestServer::start().await;
    let session = server.council().await;
    server.no_grace(&session).await;
    let code = session["code"].as_str().unwrap();
    let say = |text: &str| json!({"id": uuid(), "question_id": "q2", "text": text});

    let (status, view) = act(&server, &session, "q2", "activate").await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["active_question_id"], "q2");
    assert_eq!(join_view(&server, &session).await["active_question_id"], "q2");

    let (status, view) = act(&server, &session, "q2", "close").await;
    assert_eq!(status, 200);
    assert_eq!(state_of(&view, "q2"), "closed");
    let phone = join_view(&server, &session).await;
    assert_eq!(state_of(&phone, "q2"), "closed");
    // Closing does not move the active question; the other questions stay open.
    assert_eq!(phone["active_question_id"], "q2");
    assert_eq!(state_of(&phone, "q1"), "open");
    let (status, err) = server.contribute(code, say("Stängd")).await;
    assert_eq!(status, 409);
    assert_error(&err, "question_closed");

    // Closing twice is harmless and changes nothing.
    assert_eq!(act(&server, &session, "q2", "close").await.0, 200);

    let (status, view) = act(&server, &session, "q2", "open").await;
    assert_eq!(status, 200);
    assert_eq!(state_of(&view, "q2"), "open");
    assert_eq!(state_of(&join_view(&server, &session).await, "q2"), "open");
    let (status, c) = server.contribute(code, say("Öppen igen")).await;
    assert_eq!(status, 201, "{c}");

    let texts: Vec<Value> = server.export(&session).await["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].clone())
        .collect();
    assert_eq!(texts, [json!("Öppen igen")]);
}

#[tokio::test]
async fn the_state_survives_in_the_store_not_only_in_the_answer() {
    let server = TestServer::start().await;
    let session = server.council().await;
    act(&server, &session, "q3", "activate").await;
    act(&server, &session, "q1", "close").await;
    // The facilitator's and the secretary's view of the session agree with the phones'.
    let id = session["id"].as_str().unwrap();
    for token in ["facilitator_token", "secretary_token"] {
        let resp = server
            .http
            .get(server.url(&format!("/api/sessions/{id}")))
            .bearer_auth(session[token].as_str().unwrap())
            .send()
            .await
            .unwrap();
        let v: Value = resp.json().await.unwrap();
        assert_eq!(v["active_question_id"], "q3", "{token}");
        assert_eq!(state_of(&v, "q1"), "closed", "{token}");
    }
    // The export lists the questions with their state too.
    let export = server.export(&session).await;
    assert_eq!(export["questions"][0]["state"], "closed");
}

#[tokio::test]
async fn unknown_questions_and_actions_are_404() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let (status, err) = act(&server, &session, "q9", "activate").await;
    assert_eq!(status, 404);
    assert_error(&err, "question_not_found");
    let (status, err) = act(&server, &session, "q1", "delete").await;
    assert_eq!(status, 404);
    assert_error(&err, "unknown_action");
    // Neither changed anything.
    let view = join_view(&server, &session).await;
    assert_eq!(view["active_question_id"], "q1");
    assert!(view["questions"].as_array().unwrap().iter().all(|q| q["state"] == "open"));
}
