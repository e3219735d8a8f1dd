//! Hidden text stays hidden (defects issue, item 2). Before the fix, a card hidden after a
//! vote closed still showed in that vote's results on a freshly loaded wall, in the public
//! `GET /api/join/{code}`, in the phone's hello and in the JSON export without
//! `include_hidden`; and a wall link's replay sent the full text of every hidden card before
//! the event that hides it. A hidden card's text must appear nowhere outside the
//! facilitator's and secretary's views, and never leave the secretary's record.

mod common;

use common::*;
use serde_json::{Value, json};

const SECRET: &str = "Kalle på bord 3 sa något elakt om rektorn";
const APPROVED_SECRET: &str = "Ett godkänt men sedan dolt inspel om Lisa";

fn id(c: &Value) -> String {
    c["id"].as_str().expect("id").to_string()
}

/// Every message a socket sends up to the end of its replay, as text.
async fn until_replayed(ws: &mut Ws) -> String {
    let mut all = String::new();
    loop {
        let msg = next_json(ws).await;
        all.push_str(&msg.to_string());
        all.push('\n');
        if msg["type"] == "replayed" {
            return all;
        }
    }
}

async fn get_text(server: &TestServer, path: &str, token: Option<&str>) -> String {
    let mut req = server.http.get(server.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.expect("get");
    assert_eq!(resp.status(), 200, "{path}");
    resp.text().await.expect("text")
}

/// A session where the secret card took part in a closed vote, an approved card held by
/// pre-moderation, and both were hidden afterwards.
async fn meeting(server: &TestServer) -> (Value, String, String) {
    let session = server.council().await;
    server.add(&session, "q1", "Fler kuratorer i skolan").await;
    let secret = id(&server.add(&session, "q1", SECRET).await);
    server.add(&session, "q1", "Öppna fritidsgårdar på helger").await;
    let (status, vote) = server
        .facilitate(&session, "POST", "/votes", Some(json!({"question_id": "q1", "target": "contributions"})))
        .await;
    assert_eq!(status, 201, "{vote}");
    let code = session["code"].as_str().unwrap();
    let dot = json!({"item_id": secret, "dots": 2, "participant_id": "phone-a"});
    let resp =
        server.http.post(server.url(&format!("/api/join/{code}/votes/v1"))).json(&dot).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(server.facilitate(&session, "POST", "/votes/v1/close", None).await.0, 200);
    assert_eq!(
        server.facilitate(&session, "POST", &format!("/contributions/{secret}/hide"), None).await.0,
        200
    );

    let on = json!({"premoderation": true});
    assert_eq!(server.facilitate(&session, "PUT", "/moderation", Some(on)).await.0, 200);
    let approved = id(&server.add(&session, "q1", APPROVED_SECRET).await);
    for action in ["approve", "hide"] {
        let path = format!("/contributions/{approved}/{action}");
        assert_eq!(server.facilitate(&session, "POST", &path, None).await.0, 200);
    }
    (session, secret, approved)
}

#[tokio::test]
async fn a_hidden_card_reaches_no_wall_phone_or_public_endpoint() {
    let server = TestServer::start().await;
    let (session, secret, approved) = meeting(&server).await;
    let sid = session["id"].as_str().unwrap();
    let code = session["code"].as_str().unwrap();
    // The text is what must not leak. A hidden card's random id may travel (a replayed card
    // stays in its place, marked hidden and empty, so counts and order stay right).
    let leaks = |what: &str, text: &str| {
        for s in [SECRET, APPROVED_SECRET] {
            assert!(!text.contains(s), "{what} leaks {s:?}:\n{text}");
        }
    };

    // A freshly loaded wall: its hello and its full replay.
    let mut wall = server.wall(&session, Some(0)).await;
    leaks("the wall's hello and replay", &until_replayed(&mut wall).await);
    // A phone: hello, and a replay from the start (a phone reconnecting after a long drop).
    let mut phone = server.ws(&format!("/ws/join/{code}?participant=phone-b&since=0")).await;
    leaks("the phone's hello and replay", &until_replayed(&mut phone).await);
    // The public join endpoint and the session as the wall token reads it.
    leaks("GET /api/join", &get_text(&server, &format!("/api/join/{code}"), None).await);
    let wall_token = session["wall_token"].as_str();
    leaks(
        "GET the session as the wall",
        &get_text(&server, &format!("/api/sessions/{sid}"), wall_token).await,
    );
    // Exports without include_hidden, for either reader.
    for (field, ext) in [("secretary_token", "json"), ("facilitator_token", "csv"), ("secretary_token", "md")]
    {
        let path = format!("/api/sessions/{sid}/export.{ext}");
        leaks(&format!("export.{ext}"), &get_text(&server, &path, session[field].as_str()).await);
    }

    // The facilitator's console sees everything, as the text it moderates.
    let mut console = server.console(&session, Some(0)).await;
    let seen = until_replayed(&mut console).await;
    assert!(seen.contains(SECRET) && seen.contains(APPROVED_SECRET), "the console sees hidden cards");

    // The secretary's record keeps every word, and the vote result, marked hidden.
    let path = format!("/api/sessions/{sid}/export.json?include_hidden=true");
    let full: Value =
        serde_json::from_str(&get_text(&server, &path, session["secretary_token"].as_str()).await).unwrap();
    let rows = full["contributions"].as_array().unwrap();
    for (cid, text) in [(&secret, SECRET), (&approved, APPROVED_SECRET)] {
        let row = rows.iter().find(|r| r["id"] == **cid).expect("hidden card in the full export");
        assert_eq!((row["text"].as_str(), row["status"].as_str()), (Some(text), Some("hidden")));
    }
    let result =
        full["votes"][0]["results"].as_array().unwrap().iter().find(|r| r["item_id"] == *secret).cloned();
    let result = result.expect("the hidden card's vote result is kept for the secretary");
    assert_eq!((&result["dots"], &result["hidden"]), (&json!(2), &json!(true)), "{result}");
}

#[tokio::test]
async fn a_restored_card_is_back_in_its_closed_vote() {
    let server = TestServer::start().await;
    let (session, secret, _) = meeting(&server).await;
    let code = session["code"].as_str().unwrap();
    assert_eq!(
        server.facilitate(&session, "POST", &format!("/contributions/{secret}/restore"), None).await.0,
        200
    );
    let public = get_text(&server, &format!("/api/join/{code}"), None).await;
    assert!(public.contains(SECRET), "restored: its vote result is public again: {public}");
    let mut wall = server.wall(&session, Some(0)).await;
    let seen = until_replayed(&mut wall).await;
    assert!(seen.contains(SECRET), "restored: the wall's replay carries its text");
}
