//! Issue 10, the room's view (items 2 and 3): what a wall with the wall token (a link that may
//! be public) and the phones receive. The session says what the wall's cards show of who wrote
//! them (table, perspective, both or neither; table by default), and the server leaves the
//! rest out of everything the room gets, while exports keep both. A dot vote's totals reach
//! the room only once the facilitator reveals the result, and leave the wall again when it is
//! hidden or the room moves on; a phone still knows its own dots.

mod common;

use common::*;
use serde_json::{Value, json};

/// A card with a table and a perspective, over HTTP.
async fn card(server: &TestServer, session: &Value, text: &str) -> String {
    let code = session["code"].as_str().unwrap();
    let body = json!({"id": uuid(), "question_id": "q1", "text": text, "table": "Bord 1", "perspective": "Näringsliv"});
    let (status, c) = server.contribute(code, body).await;
    assert_eq!(status, 201, "{c}");
    c["id"].as_str().unwrap().to_string()
}

/// Every card a fresh socket replays, as `(id, table, perspective)`.
async fn replayed_cards(ws: &mut Ws) -> Vec<(String, Value, Value)> {
    let hello = next_of(ws, "hello").await;
    let upto = hello["seq"].as_u64().unwrap();
    let mut out = Vec::new();
    loop {
        let msg = next_json(ws).await;
        if msg["type"] == "replayed" {
            break;
        }
        if msg["kind"] == "contribution_added" {
            let c = &msg["contribution"];
            out.push((c["id"].as_str().unwrap().to_string(), c["table"].clone(), c["perspective"].clone()));
        }
        assert!(msg["seq"].as_u64().unwrap_or(0) <= upto, "a replay past hello: {msg}");
    }
    out
}

async fn set_shows(server: &TestServer, session: &Value, shows: &str) -> Value {
    let (status, view) = server.facilitate(session, "PATCH", "", Some(json!({"wall_shows": shows}))).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["settings"]["wall_shows"], shows);
    view
}

#[tokio::test]
async fn walls_get_only_the_table_or_perspective_the_session_lets_them_show() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let first = card(&server, &session, "Fler mötesplatser för unga").await;

    // Default: the table only. The console (facilitator token) keeps both.
    let mut wall = server.wall(&session, None).await;
    let cards = replayed_cards(&mut wall).await;
    assert_eq!(cards, vec![(first.clone(), json!("Bord 1"), Value::Null)]);
    let mut console = server.console(&session, None).await;
    assert_eq!(
        replayed_cards(&mut console).await,
        vec![(first.clone(), json!("Bord 1"), json!("Näringsliv"))]
    );
    let (_, detail) = server.as_role(&session, "wall_token", "GET", "", None).await;
    assert_eq!(detail["settings"]["wall_shows"], "table", "{detail}");

    // Neither: a live wall gets the change, then cards without either.
    set_shows(&server, &session, "neither").await;
    let edited = next_event(&mut wall, "session_edited").await;
    assert_eq!(edited["settings"]["wall_shows"], "neither");
    let second = card(&server, &session, "Kollektivtrafik på kvällarna").await;
    let live = next_event(&mut wall, "contribution_added").await;
    assert_eq!(live["contribution"]["id"], second.as_str());
    assert!(
        live["contribution"]["table"].is_null() && live["contribution"]["perspective"].is_null(),
        "{live}"
    );
    let on_console = next_event(&mut console, "contribution_added").await;
    assert_eq!(
        (&on_console["contribution"]["table"], &on_console["contribution"]["perspective"]),
        (&json!("Bord 1"), &json!("Näringsliv"))
    );
    // A wall connecting now replays the whole log as the session is now: neither, for every card.
    let mut fresh = server.wall(&session, Some(0)).await;
    let all = replayed_cards(&mut fresh).await;
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|(_, t, p)| t.is_null() && p.is_null()), "{all:?}");

    // Perspective only, then both.
    set_shows(&server, &session, "perspective").await;
    let cards = replayed_cards(&mut server.wall(&session, Some(0)).await).await;
    assert!(cards.iter().all(|(_, t, p)| t.is_null() && *p == json!("Näringsliv")), "{cards:?}");
    set_shows(&server, &session, "both").await;
    let cards = replayed_cards(&mut server.wall(&session, Some(0)).await).await;
    assert!(cards.iter().all(|(_, t, p)| *t == json!("Bord 1") && *p == json!("Näringsliv")), "{cards:?}");

    // Something else is refused, and changes nothing.
    let (status, body) = server.facilitate(&session, "PATCH", "", Some(json!({"wall_shows": "names"}))).await;
    assert!(status == 400 || status == 422, "{status} {body}");
    let (_, view) = server.facilitate(&session, "GET", "", None).await;
    assert_eq!(view["settings"]["wall_shows"], "both");

    // Exports keep both whatever the wall shows.
    set_shows(&server, &session, "neither").await;
    let export = server.export(&session).await;
    let rows = export["contributions"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for c in rows {
        assert_eq!((&c["table"], &c["perspective"]), (&json!("Bord 1"), &json!("Näringsliv")), "{c}");
    }
    let id = session["id"].as_str().unwrap();
    let token = session["secretary_token"].as_str().unwrap();
    let csv = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/export.csv")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Bord 1") && csv.contains("Näringsliv"), "{csv}");
}

/// A session with three visible cards on q1 and a vote on them. Returns the session and the
/// card ids.
async fn voting(server: &TestServer) -> (Value, Vec<String>) {
    let session = server.council().await;
    let mut cards = Vec::new();
    for text in ["Fler kuratorer i skolan", "Gratis kollektivtrafik för unga", "Öppna fritidsgårdar"] {
        cards.push(server.add(&session, "q1", text).await["id"].as_str().unwrap().to_string());
    }
    let body = json!({"question_id": "q1", "target": "contributions", "dots": 3});
    let (status, vote) = server.facilitate(&session, "POST", "/votes", Some(body)).await;
    assert_eq!((status, &vote["revealed"]), (201, &json!(false)), "{vote}");
    (session, cards)
}

/// Sends a dot message and returns the phone's `voted` answer.
async fn dot(phone: &mut Ws, item: &str, dots: u32) -> Value {
    send_json(phone, &json!({"type": "vote", "vote_id": "v1", "item_id": item, "dots": dots})).await;
    loop {
        let msg = next_json(phone).await;
        assert_ne!(msg["kind"], "vote_tallied", "a phone received a tally: {msg}");
        if msg["type"] == "voted" {
            return msg;
        }
        assert_ne!(msg["type"], "error", "{msg}");
    }
}

fn totals_in(view: &Value) -> Value {
    view["votes"][0]["totals"].clone()
}

#[tokio::test]
async fn vote_totals_reach_the_room_only_after_the_reveal_and_leave_the_wall_again() {
    let server = TestServer::start().await;
    let (session, cards) = voting(&server).await;
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "replayed").await;
    let mut phone = server.phone(&session, "room-phone").await;
    next_of(&mut phone, "hello").await;

    // While hidden: dots are counted, the console sees them, the room does not.
    assert_eq!(dot(&mut phone, &cards[0], 2).await["left"], 1);
    let (_, full) = server.facilitate(&session, "GET", "", None).await;
    assert_eq!(totals_in(&full), json!({cards[0].clone(): 2}));
    let (_, as_wall) = server.as_role(&session, "wall_token", "GET", "", None).await;
    assert_eq!(
        (totals_in(&as_wall), &as_wall["votes"][0]["revealed"]),
        (json!({}), &json!(false)),
        "{as_wall}"
    );
    let code = session["code"].as_str().unwrap();
    let (_, joined) = server.call("GET", &format!("/api/join/{code}"), None, None).await;
    assert_eq!(totals_in(&joined), json!({}), "{joined}");
    // A phone coming back gets its own dots, and still no totals.
    let mut again = server.phone(&session, "room-phone").await;
    let hello = next_of(&mut again, "hello").await;
    assert_eq!(totals_in(&hello["session"]), json!({}), "{hello}");
    assert_eq!(hello["my_dots"][0]["mine"], json!({cards[0].clone(): 2}));
    assert_eq!(hello["my_dots"][0]["left"], 1);
    let mut wall2 = server.wall(&session, Some(0)).await;
    let hello = next_of(&mut wall2, "hello").await;
    assert_eq!(totals_in(&hello["session"]), json!({}), "{hello}");
    loop {
        let msg = next_json(&mut wall2).await;
        assert_ne!(msg["kind"], "vote_tallied", "a replay carried a tally before the reveal: {msg}");
        if msg["type"] == "replayed" {
            break;
        }
    }

    // The reveal: the wall's next event (no tally came before it) carries the totals.
    let (status, v) = server.facilitate(&session, "POST", "/votes/v1/reveal", None).await;
    assert_eq!((status, &v["revealed"]), (200, &json!(true)), "{v}");
    let ev = next_of(&mut wall, "event").await;
    assert_eq!(
        (&ev["kind"], &ev["totals"]),
        (&json!("vote_revealed"), &json!({cards[0].clone(): 2})),
        "{ev}"
    );
    let ev = next_event(&mut phone, "vote_revealed").await;
    assert_eq!(ev["totals"], json!({cards[0].clone(): 2}));
    // Revealing twice changes nothing.
    assert_eq!(server.facilitate(&session, "POST", "/votes/v1/reveal", None).await.0, 200);
    // From now on the wall follows the dots live; phones still get no tallies.
    dot(&mut phone, &cards[1], 1).await;
    let ev = next_of(&mut wall, "event").await;
    assert_eq!(
        (&ev["kind"], &ev["item_id"], &ev["total"]),
        (&json!("vote_tallied"), &json!(cards[1]), &json!(1)),
        "{ev}"
    );
    let hello = next_of(&mut server.wall(&session, None).await, "hello").await;
    assert_eq!(hello["session"]["votes"][0]["totals"][&cards[1]], 1, "{hello}");

    // Hidden again: no more tallies on the wall; the next event after a dot is the close.
    let (status, v) = server.facilitate(&session, "POST", "/votes/v1/hide", None).await;
    assert_eq!((status, &v["revealed"]), (200, &json!(false)), "{v}");
    assert_eq!(next_of(&mut wall, "event").await["kind"], "vote_results_hidden");
    dot(&mut phone, &cards[1], 0).await;
    assert_eq!(server.facilitate(&session, "POST", "/votes/v1/close", None).await.0, 200);
    assert_eq!(next_of(&mut wall, "event").await["kind"], "vote_closed");
    let hello = next_of(&mut server.wall(&session, None).await, "hello").await;
    assert_eq!(totals_in(&hello["session"]), json!({}), "{hello}");

    // A closed result does not stay for ever: shown, then the room moves on and it goes.
    assert_eq!(server.facilitate(&session, "POST", "/votes/v1/reveal", None).await.0, 200);
    assert_eq!(next_of(&mut wall, "event").await["kind"], "vote_revealed");
    assert_eq!(server.question(&session, "q2", "activate").await, 200);
    assert_eq!(next_of(&mut wall, "event").await["kind"], "question_activated");
    let ev = next_of(&mut wall, "event").await;
    assert_eq!((&ev["kind"], &ev["vote_id"]), (&json!("vote_results_hidden"), &json!("v1")), "{ev}");
    let (_, full) = server.facilitate(&session, "GET", "", None).await;
    assert_eq!(full["votes"][0]["revealed"], false);
    assert_eq!(totals_in(&full)[&cards[0]], 2, "the result is kept: {full}");

    // Only the facilitator reveals, and only votes that exist.
    let (status, _) = server.as_role(&session, "wall_token", "POST", "/votes/v1/reveal", None).await;
    assert!(status == 401 || status == 403, "{status}");
    let (status, body) = server.facilitate(&session, "POST", "/votes/v9/reveal", None).await;
    assert_eq!(status, 404);
    assert_error(&body, "vote_not_found");
}
