//! Small holes in the HTTP API (issue 6, item 9): answers that carry tokens must not be cached,
//! and every /api answer, even for an unknown path, a wrong method or a bad query, is the JSON
//! error body.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

/// Status, Content-Type, Cache-Control and JSON body (Null when not JSON) of one request.
async fn fetch(
    server: &TestServer,
    method: Method,
    path: &str,
    token: Option<&str>,
) -> (u16, String, String, Value) {
    let mut req = server.http.request(method, server.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.expect("send");
    let header =
        |name: &str| resp.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let (content_type, cache) = (header("content-type"), header("cache-control"));
    let status = resp.status().as_u16();
    (status, content_type, cache, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn answers_with_tokens_are_never_cached() {
    let server = TestServer::start().await;
    // Creating a session answers with its tokens.
    let resp = server
        .http
        .post(server.url("/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!({"title": "Cache", "questions": ["Fråga?"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["cache-control"], "no-store", "session create");
    let s: Value = resp.json().await.unwrap();
    let id = s["id"].as_str().unwrap();
    let code = s["code"].as_str().unwrap();
    let fac = s["facilitator_token"].as_str().unwrap();
    server.add(&s, "q1", "Ett inspel").await;

    let reads = [
        ("/api/sessions".to_string(), Some(ADMIN)),
        (format!("/api/sessions/{id}"), Some(fac)),
        (format!("/api/sessions/{id}/export.json"), Some(fac)),
        (format!("/api/sessions/{id}/export.csv"), Some(fac)),
        (format!("/api/sessions/{id}/export.md"), Some(fac)),
        (format!("/api/sessions/{id}/contributions"), Some(fac)),
        (format!("/api/sessions/{id}/moderation"), Some(fac)),
        (format!("/api/join/{code}"), None),
        // Errors too: a cached 401 would hide a later success.
        (format!("/api/sessions/{id}"), None),
    ];
    for (path, token) in reads {
        let (status, _, cache, _) = fetch(&server, Method::GET, &path, token).await;
        assert!(status == 200 || status == 401, "{path}: {status}");
        assert_eq!(cache, "no-store", "{path} ({status})");
    }
    let (status, body) =
        server.facilitate(&s, "POST", "/votes", Some(json!({"target": "contributions"}))).await;
    assert_eq!(status, 201, "{body}");
    let resp = server
        .http
        .post(server.url(&format!("/api/sessions/{id}/themes")))
        .bearer_auth(fac)
        .json(&json!({"name": "Tema"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["cache-control"], "no-store", "facilitation");
    // The QR codes carry no token and may be revalidated from cache as before.
    let (status, _, cache, _) =
        fetch(&server, Method::GET, &format!("/api/sessions/{id}/qr.svg"), None).await;
    assert_eq!((status, cache.as_str()), (200, "no-cache"));
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_json() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let id = s["id"].as_str().unwrap();
    for path in ["/api/nope", "/api/sessions/x/y/z/w/v", "/api", "/api/"] {
        let (status, content_type, cache, body) = fetch(&server, Method::GET, path, None).await;
        assert_eq!(status, 404, "{path}");
        assert!(content_type.starts_with("application/json"), "{path}: {content_type}");
        assert_error(&body, "no_such_endpoint");
        assert_eq!(cache, "no-store", "{path}");
    }
    for (method, path) in [
        (Method::DELETE, "/api/sessions".to_string()),
        (Method::PUT, format!("/api/sessions/{id}")),
        (Method::GET, format!("/api/sessions/{id}/votes")),
    ] {
        let resp = server.http.request(method.clone(), server.url(&path)).send().await.unwrap();
        assert_eq!(resp.status(), 405, "{method} {path}");
        assert!(resp.headers().contains_key("allow"), "{method} {path}: says which methods");
        let content_type = resp.headers()["content-type"].to_str().unwrap().to_string();
        assert!(content_type.starts_with("application/json"), "{method} {path}: {content_type}");
        assert_error(&resp.json().await.unwrap(), "method_not_allowed");
    }
    // Outside /api the pages keep their own answer.
    let (status, content_type, _, _) = fetch(&server, Method::GET, "/no/such/page", None).await;
    assert_eq!(status, 404);
    assert!(!content_type.starts_with("application/json"), "{content_type}");
}

#[tokio::test]
async fn bad_query_parameters_answer_json() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let id = s["id"].as_str().unwrap();
    let fac = s["facilitator_token"].as_str().unwrap();
    for (method, path) in [
        (Method::GET, format!("/api/sessions/{id}/export.json?include_hidden=maybe")),
        (Method::GET, format!("/api/sessions/{id}/export.csv?include_hidden=2")),
        (Method::GET, format!("/api/sessions/{id}/questions/q1/wordcloud.svg?max=-1")),
        (Method::POST, format!("/api/sessions/{id}/questions/q1/suggest-themes?all=yes")),
    ] {
        let (status, content_type, _, body) = fetch(&server, method.clone(), &path, Some(fac)).await;
        assert_eq!(status, 400, "{method} {path}");
        assert!(content_type.starts_with("application/json"), "{path}: {content_type}");
        assert_error(&body, "bad_query");
    }
}

#[tokio::test]
async fn a_body_must_be_a_json_object_and_whole_floats_count_as_integers() {
    let server = TestServer::start().await;
    // serde takes an array for a struct: this created a session before.
    let resp = server
        .http
        .post(server.url("/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!(["Titel", ["Fråga?"]]))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_error(&resp.json().await.unwrap(), "wrong_fields");
    assert!(server.sessions().await.is_empty(), "nothing created");

    // JSON Schema counts 3.0 as an integer; so does the server.
    let s = server.council().await;
    server.add(&s, "q1", "Ett kort att rösta på").await;
    let (status, vote) =
        server.facilitate(&s, "POST", "/votes", Some(json!({"target": "contributions", "dots": 3.0}))).await;
    assert_eq!(status, 201, "{vote}");
    assert_eq!(vote["dots"], 3);
    // A fraction is still not an integer.
    let (status, body) =
        server.facilitate(&s, "POST", "/votes", Some(json!({"target": "contributions", "dots": 2.5}))).await;
    assert_eq!(status, 400, "{body}");
    assert_error(&body, "wrong_fields");
}

#[tokio::test]
async fn a_word_cloud_size_out_of_range_is_refused() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let id = s["id"].as_str().unwrap();
    let fac = s["facilitator_token"].as_str().unwrap();
    for max in ["0", "201", "3381827470521119277056"] {
        let path = format!("/api/sessions/{id}/questions/q1/wordcloud.svg?max={max}");
        let (status, _, _, body) = fetch(&server, Method::GET, &path, Some(fac)).await;
        // Too large for any integer type is a query not understood; the others are refused.
        let code = if max.len() > 5 { "bad_query" } else { "bad_max" };
        assert_eq!((status, body["code"].as_str()), (if code == "bad_max" { 422 } else { 400 }, Some(code)));
    }
    for max in ["1", "200"] {
        let path = format!("/api/sessions/{id}/questions/q1/wordcloud.svg?max={max}");
        assert_eq!(fetch(&server, Method::GET, &path, Some(fac)).await.0, 200, "max={max}");
    }
}
