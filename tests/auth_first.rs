//! A caller without a token is told 401 and nothing else: not that a body or an option would
//! be wrong (issue 7, found by Schemathesis's missing-header check). Before the fix the
//! exports checked their options, and the round operations their bodies, before the token.

mod common;

use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn without_a_token_bad_input_is_401_not_422() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let id = s["id"].as_str().unwrap();
    let wrong = |path: &str| format!("/api/sessions/{id}{path}");
    let cases: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", wrong("/export.csv?tz="), None),
        ("GET", wrong("/export.docx?tz=Mars/Olympus"), None),
        ("GET", wrong("/export.json?tz="), None),
        ("GET", wrong("/export.md?tz="), None),
        ("GET", wrong("/export.xlsx?tz="), None),
        ("GET", wrong("/report.html?tz="), None),
        ("POST", wrong("/questions"), Some(json!({"text": ""}))),
        ("PATCH", wrong("/questions/q1"), Some(json!({"duration_secs": 0}))),
        ("POST", wrong("/rename"), Some(json!({"what": "table", "from": "", "to": ""}))),
        (
            "PUT",
            wrong("/rounds"),
            Some(json!({"rounds": [{"title": "x".repeat(10_000), "question_ids": []}]})),
        ),
        ("POST", wrong("/rounds/r1/timer"), Some(json!({"action": "start", "duration_secs": 0}))),
    ];
    for (method, path, body) in &cases {
        let (status, answer) = server.call(method, path, None, body.as_ref()).await;
        assert_eq!(status, 401, "{method} {path} without a token: {answer}");
        assert_error(&answer, "unauthorized");
        // With the token, the same input is refused for what it is.
        let (status, answer) =
            server.call(method, path, s["facilitator_token"].as_str(), body.as_ref()).await;
        assert!(status == 422 || status == 400, "{method} {path} with the token: {status} {answer}");
    }
}

#[tokio::test]
async fn a_series_export_without_a_token_is_401_before_its_options() {
    let server = TestServer::start().await;
    let s = server
        .create_session(json!({"title": "Möte 1", "questions": ["Vad?"], "series": "Uppdrag Värmland"}))
        .await;
    let id = s["series"]["id"].as_str().expect("a series id");
    for format in ["docx", "xlsx", "csv"] {
        let path = format!("/api/series/{id}/export.{format}?tz=");
        let (status, answer) = server.call("GET", &path, None, None).await;
        assert_eq!(status, 401, "{path} without a token: {answer}");
        let (status, answer) = server.call("GET", &path, s["facilitator_token"].as_str(), None).await;
        assert_eq!(status, 422, "{path} with the token: {answer}");
    }
}
