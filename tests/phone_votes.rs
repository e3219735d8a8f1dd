//! Issue 10, votes on the phone: while a vote is open a phone is never told where the room's
//! dots are (no totals in its `hello`, nor in `GET /api/join/{code}`), only its own dots. The
//! wall and the facilitator still see the totals.

mod common;

use common::*;
use serde_json::{Value, json};

/// The vote `id` in a session view, as JSON.
fn vote<'a>(view: &'a Value, id: &str) -> &'a Value {
    view["votes"].as_array().expect("votes").iter().find(|v| v["id"] == id).expect("the vote")
}

#[tokio::test]
async fn a_phone_gets_no_totals_while_the_vote_is_open() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    let card = server.add(&session, "q1", "Fler kuratorer i skolan").await;
    server.add(&session, "q1", "Gratis kollektivtrafik för unga").await;
    let (status, v) = server
        .facilitate(&session, "POST", "/votes", Some(json!({"question_id": "q1", "target": "contributions"})))
        .await;
    assert_eq!(status, 201, "{v}");
    // Another phone places two dots.
    let resp = server
        .http
        .post(server.url(&format!("/api/join/{code}/votes/v1")))
        .header("x-inspel-participant", "the-early-voter")
        .json(&json!({"item_id": card["id"], "dots": 2}))
        .send()
        .await
        .expect("vote");
    assert_eq!(resp.status().as_u16(), 200);
    let (_, facilitator) = server.facilitate(&session, "GET", "", None).await;
    assert_eq!(vote(&facilitator, "v1")["totals"][card["id"].as_str().unwrap()], 2, "{facilitator}");

    // A phone joining now: its hello has the vote and its items, and no totals.
    let mut phone = server.phone(&session, "a-late-voter").await;
    let hello = next_of(&mut phone, "hello").await;
    let open = vote(&hello["session"], "v1");
    assert_eq!(open["open"], true);
    assert_eq!(open["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(open["totals"], json!({}), "a phone's hello shows the room's dots: {open}");
    let (status, info) = server.call("GET", &format!("/api/join/{code}"), None, None).await;
    assert_eq!(status, 200);
    assert_eq!(vote(&info, "v1")["totals"], json!({}), "GET /api/join shows the room's dots: {info}");

    // Revealed, the wall has them; a phone still does not while the vote is open.
    let (status, revealed) = server.facilitate(&session, "POST", "/votes/v1/reveal", None).await;
    assert_eq!(status, 200, "{revealed}");
    let mut phone = server.phone(&session, "another-late-voter").await;
    let hello = next_of(&mut phone, "hello").await;
    assert_eq!(vote(&hello["session"], "v1")["totals"], json!({}), "revealed, still not on phones");
    let mut wall = server.wall(&session, None).await;
    let hello = next_of(&mut wall, "hello").await;
    assert_eq!(vote(&hello["session"], "v1")["totals"][card["id"].as_str().unwrap()], 2);
}
