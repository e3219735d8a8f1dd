//! Issue 11, the fixes that change what a client sees: a kept word cloud is made again as soon
//! as its session changes.

mod common;

use common::{TestServer, uuid};
use serde_json::json;

/// The cloud is kept while nothing changes, and made again after a contribution or a hide.
#[tokio::test]
async fn a_kept_word_cloud_follows_every_change() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().expect("code").to_string();
    let add = |text: &'static str| {
        let (server, code) = (&server, code.clone());
        async move {
            let (status, body) =
                server.contribute(&code, json!({"id": uuid(), "question_id": "q1", "text": text})).await;
            assert_eq!(status, 201, "{body}");
            body["id"].as_str().expect("id").to_string()
        }
    };
    let id = session["id"].as_str().expect("id");
    let token = session["wall_token"].as_str().expect("token");
    let cloud = || async {
        let path = format!("/api/sessions/{id}/questions/q1/wordcloud.svg");
        let resp = server.http.get(server.url(&path)).bearer_auth(token).send().await.expect("cloud");
        assert_eq!(resp.status(), 200);
        resp.text().await.expect("svg")
    };
    add("Skolan behöver fler kuratorer").await;
    let first = cloud().await;
    assert!(first.contains("kuratorer"), "{first}");
    assert_eq!(cloud().await, first, "nothing changed: the same cloud");

    let later = add("Simhallen i Tibro").await;
    let second = cloud().await;
    assert!(second.contains("simhallen"), "a new contribution is in the next cloud: {second}");

    let (status, _) =
        server.facilitate(&session, "POST", &format!("/contributions/{later}/hide"), None).await;
    assert_eq!(status, 200);
    let third = cloud().await;
    assert!(!third.contains("simhallen"), "a hidden card leaves the next cloud: {third}");
}
