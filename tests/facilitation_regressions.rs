//! Regressions found in review of the facilitation work.

mod common;

use common::*;
use serde_json::json;

/// Changing the blocked words is an action like any other: logged, without the words.
#[tokio::test]
async fn changing_blocked_words_is_logged_without_the_words() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut console = server.console(&session, None).await;
    next_of(&mut console, "hello").await;
    let (status, _) = server
        .facilitate(&session, "PUT", "/moderation", Some(json!({"blocked_words": ["hemligtord"]})))
        .await;
    assert_eq!(status, 200);
    let ev = next_event(&mut console, "moderation_changed").await;
    assert_eq!(ev["blocked_words"], 1);
    assert_eq!(ev["premoderation"], false);
    assert!(!ev.to_string().contains("hemligtord"), "the list leaked into the log: {ev}");
}

/// A theme of one question takes only that question's cards.
#[tokio::test]
async fn a_theme_refuses_cards_of_another_question() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let other = server.add(&session, "q2", "Till fråga två").await;
    let (status, theme) = server
        .facilitate(&session, "POST", "/themes", Some(json!({"name": "Tid", "question_id": "q1"})))
        .await;
    assert_eq!(status, 201);
    let path = format!("/contributions/{}/theme", other["id"].as_str().unwrap());
    let (status, body) =
        server.facilitate(&session, "PUT", &path, Some(json!({"theme_id": theme["id"]}))).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("wrong_question")), "{body}");
    let accept = json!({"question_id": "q1", "themes": [{"name": "Fel", "contribution_ids": [other["id"]]}]});
    let (status, _) = server.facilitate(&session, "POST", "/themes/accept", Some(accept)).await;
    assert_eq!(status, 422);
    // Nothing was created by the refused accept.
    let (_, detail) = server.facilitate(&session, "GET", "", None).await;
    assert_eq!(detail["themes"].as_array().map(Vec::len), Some(1), "{detail}");
}
