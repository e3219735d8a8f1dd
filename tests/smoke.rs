//! The shortest path through the core loop: a session, a phone, a wall.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn phone_to_wall() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut wall = server.wall(&session, None).await;
    let hello = next_of(&mut wall, "hello").await;
    assert_eq!(hello["session"]["title"], session["title"]);
    // The log starts with session_created.
    let created = next_of(&mut wall, "event").await;
    assert_eq!(created["kind"], "session_created");

    let mut phone = server.phone(&session, "phone-1").await;
    let hello = next_of(&mut phone, "hello").await;
    assert_eq!(hello["session"]["active_question_id"], "q1");
    let id = uuid();
    send_json(
        &mut phone,
        &json!({"type": "submit", "id": id, "question_id": "q1", "text": "Hej", "table": "Bord 2"}),
    )
    .await;
    let ack = next_of(&mut phone, "ack").await;
    assert_eq!(ack["id"], id.as_str());
    assert_eq!(ack["duplicate"], false);

    let ev = next_of(&mut wall, "event").await;
    assert_eq!(ev["kind"], "contribution_added");
    assert_eq!(ev["contribution"]["text"], "Hej");
    assert_eq!(ev["seq"], 2);
}
