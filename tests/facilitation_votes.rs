//! Dot voting (issue 4, item 8): a vote on a question's visible cards or on themes, a dot
//! budget per phone enforced by the server, dots that move until the vote closes, live totals
//! on the wall, and the results in the export.

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::{Value, json};

fn id(c: &Value) -> String {
    c["id"].as_str().expect("id").to_string()
}

/// A session whose q1 has three visible cards plus a hidden, a waiting and a merged one, and
/// whose q2 has one card. Returns the session and the visible q1 cards.
async fn meeting(server: &TestServer) -> (Value, Vec<String>) {
    let session = server.council().await;
    let mut visible = Vec::new();
    for text in
        ["Fler kuratorer i skolan", "Gratis kollektivtrafik för unga", "Öppna fritidsgårdar på helger"]
    {
        visible.push(id(&server.add(&session, "q1", text).await));
    }
    let hidden = id(&server.add(&session, "q1", "Dold").await);
    assert_eq!(
        server.facilitate(&session, "POST", &format!("/contributions/{hidden}/hide"), None).await.0,
        200
    );
    let waiting = server.add(&session, "q1", "Vilka idioter").await;
    assert_eq!(waiting["pending"], true);
    let dup = id(&server.add(&session, "q1", "Fler kuratorer!").await);
    let into = json!({"into": visible[0]});
    assert_eq!(
        server.facilitate(&session, "POST", &format!("/contributions/{dup}/merge"), Some(into)).await.0,
        200
    );
    server.add(&session, "q2", "Andra frågan").await;
    (session, visible)
}

async fn start(server: &TestServer, session: &Value, body: Value) -> (u16, Value) {
    server.facilitate(session, "POST", "/votes", Some(body)).await
}

/// Sends a `vote` message and returns the answer (`voted` or `error`), skipping events other
/// than tallies: a phone must never receive those (they would show others' dots live).
async fn dot(phone: &mut Ws, vote: &str, item: &str, dots: u32) -> Value {
    send_json(phone, &json!({"type": "vote", "vote_id": vote, "item_id": item, "dots": dots})).await;
    loop {
        let msg = next_json(phone).await;
        if msg["type"] == "voted" || msg["type"] == "error" {
            return msg;
        }
        assert_ne!(msg["kind"], "vote_tallied", "a phone received a tally: {msg}");
    }
}

/// POST /api/join/{code}/votes/{vote} with an optional participant header.
async fn dot_http(
    server: &TestServer,
    session: &Value,
    vote: &str,
    who: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let code = session["code"].as_str().unwrap();
    let mut req = server.http.post(server.url(&format!("/api/join/{code}/votes/{vote}"))).json(&body);
    if let Some(p) = who {
        req = req.header("x-inspel-participant", p);
    }
    let resp = req.send().await.expect("vote");
    (resp.status().as_u16(), resp.json().await.unwrap_or(Value::Null))
}

/// The vote's totals as the server stores them now, without zero entries.
async fn totals(server: &TestServer, session: &Value, vote: &str) -> BTreeMap<String, u64> {
    let (_, s) = server.facilitate(session, "GET", "", None).await;
    let v = s["votes"].as_array().unwrap().iter().find(|v| v["id"] == vote).expect("vote").clone();
    v["totals"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, n)| (k.clone(), n.as_u64().unwrap()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn mine(msg: &Value) -> BTreeMap<String, u64> {
    msg["mine"].as_object().expect("mine").iter().map(|(k, n)| (k.clone(), n.as_u64().unwrap())).collect()
}

fn map(pairs: &[(&String, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, n)| ((*k).clone(), *n)).collect()
}

#[tokio::test]
async fn phones_place_and_move_dots_within_their_budget_and_walls_see_the_totals() {
    let server = TestServer::start().await;
    let (session, cards) = meeting(&server).await;
    let (c1, c2, c3) = (&cards[0], &cards[1], &cards[2]);
    let mut wall = server.wall(&session, None).await;
    let mut a = server.phone(&session, "dots-phone-a").await;
    let mut b = server.phone(&session, "dots-phone-b").await;
    next_of(&mut a, "hello").await;
    next_of(&mut b, "hello").await;

    let (status, vote) =
        start(&server, &session, json!({"question_id": "q1", "target": "contributions"})).await;
    assert_eq!(status, 201, "{vote}");
    assert_eq!((&vote["id"], &vote["dots"], &vote["open"]), (&json!("v1"), &json!(3), &json!(true)));
    let items: Vec<String> = vote["items"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(&items, &cards, "exactly the visible cards of q1, in order");
    assert_eq!(vote["items"][1]["label"], "Gratis kollektivtrafik för unga");
    for ws in [&mut a, &mut b, &mut wall] {
        assert_eq!(next_event(ws, "vote_started").await["vote"], vote);
    }
    // The result shown in the room from the start, so the wall follows the tallies live
    // (tests/wall_room.rs has the vote whose result waits for the reveal).
    assert_eq!(server.facilitate(&session, "POST", "/votes/v1/reveal", None).await.0, 200);
    for ws in [&mut a, &mut b, &mut wall] {
        next_event(ws, "vote_revealed").await;
    }

    let r = dot(&mut a, "v1", c1, 2).await;
    assert_eq!(
        (&r["type"], &r["vote_id"], mine(&r), &r["left"]),
        (&json!("voted"), &json!("v1"), map(&[(c1, 2)]), &json!(1))
    );
    let r = dot(&mut a, "v1", c2, 1).await;
    assert_eq!((mine(&r), &r["left"]), (map(&[(c1, 2), (c2, 1)]), &json!(0)));
    // A fourth dot is refused and changes nothing.
    let r = dot(&mut a, "v1", c3, 1).await;
    assert_eq!(
        (&r["type"], &r["status"], &r["code"]),
        (&json!("error"), &json!(409), &json!("no_dots_left")),
        "{r}"
    );
    assert_eq!(totals(&server, &session, "v1").await, map(&[(c1, 2), (c2, 1)]));
    // Moving: take c1's dots back, then put one on c3.
    let r = dot(&mut a, "v1", c1, 0).await;
    assert_eq!((mine(&r), &r["left"]), (map(&[(c2, 1)]), &json!(2)));
    let r = dot(&mut a, "v1", c3, 1).await;
    assert_eq!((mine(&r), &r["left"]), (map(&[(c2, 1), (c3, 1)]), &json!(1)));
    // A second phone: its dots add up with the first's.
    let r = dot(&mut b, "v1", c3, 3).await;
    assert_eq!((mine(&r), &r["left"]), (map(&[(c3, 3)]), &json!(0)));
    assert_error(&dot(&mut b, "v1", "no-such-item", 0).await, "item_not_found");
    assert_error(&dot(&mut b, "v9", c1, 1).await, "vote_not_found");

    let want = map(&[(c2, 1), (c3, 4)]);
    assert_eq!(totals(&server, &session, "v1").await, want);
    // The wall's tallies, in order, end at the same totals: c1 2→0, c2 1, c3 1→4.
    let mut seen: Vec<(String, u64)> = Vec::new();
    while seen.len() < 5 {
        let ev = next_event(&mut wall, "vote_tallied").await;
        assert_eq!(ev["vote_id"], "v1");
        seen.push((ev["item_id"].as_str().unwrap().to_string(), ev["total"].as_u64().unwrap()));
    }
    let expected: Vec<(String, u64)> =
        [(c1, 2), (c2, 1), (c1, 0), (c3, 1), (c3, 4)].iter().map(|(k, n)| ((*k).clone(), *n)).collect();
    assert_eq!(seen, expected);

    // Closing: dots stay where they are, and no more can move.
    let (status, closed) = server.facilitate(&session, "POST", "/votes/v1/close", None).await;
    assert_eq!((status, &closed["open"]), (200, &json!(false)), "{closed}");
    assert_eq!(next_of(&mut wall, "event").await["kind"], "vote_closed", "no tally after the last one");
    // Phones never get the running tallies: their next event after the start is the close.
    assert_eq!(next_of(&mut a, "event").await["kind"], "vote_closed");
    let r = dot(&mut a, "v1", c3, 2).await;
    assert_eq!((&r["status"], &r["code"]), (&json!(409), &json!("vote_closed")), "{r}");
    let (status, body) =
        dot_http(&server, &session, "v1", Some("dots-phone-a"), json!({"item_id": c1, "dots": 1})).await;
    assert_eq!(status, 409);
    assert_error(&body, "vote_closed");
    assert_eq!(totals(&server, &session, "v1").await, want);
    // A closed vote is no longer listed in a phone's dots.
    let mut again = server.phone(&session, "dots-phone-a").await;
    assert_eq!(next_of(&mut again, "hello").await["my_dots"], json!([]));
}

#[tokio::test]
async fn voting_over_http_needs_a_participant_and_a_reconnecting_phone_gets_its_dots() {
    let server = TestServer::start().await;
    let (session, cards) = meeting(&server).await;
    let (status, _) =
        start(&server, &session, json!({"question_id": "q1", "target": "contributions", "dots": 4})).await;
    assert_eq!(status, 201);

    let (status, body) =
        dot_http(&server, &session, "v1", None, json!({"item_id": cards[0], "dots": 1})).await;
    assert_eq!(status, 422, "{body}");
    assert_error(&body, "participant_required");
    let (status, r) =
        dot_http(&server, &session, "v1", Some("http-phone"), json!({"item_id": cards[0], "dots": 3})).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!((mine(&r), &r["left"], &r["vote_id"]), (map(&[(&cards[0], 3)]), &json!(1), &json!("v1")));
    let (status, body) =
        dot_http(&server, &session, "v1", Some("http-phone"), json!({"item_id": cards[1], "dots": 2})).await;
    assert_eq!(status, 409);
    assert_error(&body, "no_dots_left");
    // The id may also come in the body.
    let body = json!({"item_id": cards[1], "dots": 1, "participant_id": "http-phone"});
    let (status, r) = dot_http(&server, &session, "v1", None, body).await;
    assert_eq!((status, &r["left"]), (200, &json!(0)), "{r}");
    let (status, _) =
        dot_http(&server, &session, "v1", Some("http-phone"), json!({"item_id": "x", "dots": 0})).await;
    assert_eq!(status, 404);
    assert_eq!(totals(&server, &session, "v1").await, map(&[(&cards[0], 3), (&cards[1], 1)]));

    // The same phone on a websocket: its hello says where its dots are.
    let mut phone = server.phone(&session, "http-phone").await;
    let hello = next_of(&mut phone, "hello").await;
    let dots = hello["my_dots"].as_array().expect("my_dots");
    assert_eq!(dots.len(), 1, "{hello}");
    assert_eq!(
        (&dots[0]["vote_id"], mine(&dots[0]), &dots[0]["left"]),
        (&json!("v1"), map(&[(&cards[0], 3), (&cards[1], 1)]), &json!(0))
    );
    // A phone that votes on the socket, goes away and comes back, gets the same.
    let mut ws_phone = server.phone(&session, "ws-phone").await;
    assert_eq!(next_of(&mut ws_phone, "hello").await["my_dots"][0]["left"], 4);
    assert_eq!(dot(&mut ws_phone, "v1", &cards[2], 2).await["left"], 2);
    ws_phone.close(None).await.ok();
    let mut back = server.phone(&session, "ws-phone").await;
    let dots = next_of(&mut back, "hello").await["my_dots"].clone();
    assert_eq!((mine(&dots[0]), &dots[0]["left"]), (map(&[(&cards[2], 2)]), &json!(2)), "{dots}");
}

#[tokio::test]
async fn starting_a_vote_checks_dots_items_and_role() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    for dots in [0, 21] {
        let (status, body) =
            start(&server, &session, json!({"question_id": "q1", "target": "contributions", "dots": dots}))
                .await;
        assert_eq!(status, 422, "{dots}: {body}");
        assert_error(&body, "bad_dots");
    }
    let (status, body) =
        start(&server, &session, json!({"question_id": "q3", "target": "contributions"})).await;
    assert_eq!(status, 409, "q3 has no cards");
    assert_error(&body, "nothing_to_vote_on");
    assert_error(
        &start(&server, &session, json!({"question_id": "q9", "target": "themes"})).await.1,
        "question_not_found",
    );
    let (status, body) = start(&server, &session, json!({"target": "everything"})).await;
    assert_eq!(status, 400);
    assert_error(&body, "wrong_fields");
    let body = json!({"question_id": "q1", "target": "contributions"});
    for role in ["wall_token", "secretary_token"] {
        assert_eq!(
            server.as_role(&session, role, "POST", "/votes", Some(body.clone())).await.0,
            401,
            "{role}"
        );
    }
    assert_eq!(
        server.facilitate(&session, "GET", "", None).await.1["votes"],
        json!([]),
        "no vote was started"
    );
    let (status, vote) =
        start(&server, &session, json!({"question_id": "q1", "target": "contributions", "dots": 20})).await;
    assert_eq!((status, &vote["dots"]), (201, &json!(20)));
    assert_eq!(server.as_role(&session, "wall_token", "POST", "/votes/v1/close", None).await.0, 401);
    // Walls cannot vote.
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;
    let r = dot(&mut wall, "v1", "x", 1).await;
    assert_eq!((&r["status"], &r["code"]), (&json!(403), &json!("not_participant")));
}

#[tokio::test]
async fn a_vote_on_themes_lists_the_themes() {
    let server = TestServer::start().await;
    let (session, _) = meeting(&server).await;
    for (name, q) in
        [("Elevhälsa", Some("q1")), ("Fritid", Some("q1")), ("Annat", Some("q2")), ("Övergripande", None)]
    {
        let (status, _) = server
            .facilitate(&session, "POST", "/themes", Some(json!({"name": name, "question_id": q})))
            .await;
        assert_eq!(status, 201);
    }
    let mut phone = server.phone(&session, "theme-voter").await;
    next_of(&mut phone, "hello").await;
    let (status, vote) =
        start(&server, &session, json!({"question_id": "q1", "target": "themes", "dots": 5})).await;
    assert_eq!(status, 201, "{vote}");
    assert_eq!(vote["target"], "themes");
    assert_eq!(vote["items"], json!([{"id": "t1", "label": "Elevhälsa"}, {"id": "t2", "label": "Fritid"}]));
    assert_eq!(next_event(&mut phone, "vote_started").await["vote"]["items"], vote["items"]);
    assert_eq!(dot(&mut phone, "v1", "t2", 5).await["left"], 0);
    assert_eq!(totals(&server, &session, "v1").await, map(&[(&"t2".to_string(), 5)]));
    // Without a question: every theme.
    let (_, all) = start(&server, &session, json!({"target": "themes"})).await;
    let ids: Vec<String> = all["items"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4"]);
}

#[tokio::test]
async fn vote_results_are_in_the_export() {
    let server = TestServer::start().await;
    let (session, cards) = meeting(&server).await;
    start(&server, &session, json!({"question_id": "q1", "target": "contributions"})).await;
    for (who, item, n) in [("p1", 1, 2), ("p2", 1, 3), ("p1", 2, 1)] {
        let (status, _) =
            dot_http(&server, &session, "v1", Some(who), json!({"item_id": cards[item], "dots": n})).await;
        assert_eq!(status, 200);
    }
    let export = server.export(&session).await;
    let results = &export["votes"][0]["results"];
    let got: Vec<(String, u64)> = results
        .as_array()
        .expect("vote results in the export")
        .iter()
        .map(|r| (r["item_id"].as_str().unwrap().to_string(), r["dots"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [(cards[1].clone(), 5), (cards[2].clone(), 1), (cards[0].clone(), 0)], "most dots first");
}

/// Hiding a card takes it off every wall, also out of an open vote's bars and the phones' lists.
#[tokio::test]
async fn a_card_hidden_during_a_vote_leaves_the_vote() {
    let server = TestServer::start().await;
    let (session, cards) = meeting(&server).await;
    start(&server, &session, json!({"question_id": "q1", "target": "contributions"})).await;
    let rest = format!("/contributions/{}/hide", cards[0]);
    assert_eq!(server.facilitate(&session, "POST", &rest, None).await.0, 200);
    let mut wall = server.wall(&session, None).await;
    let hello = next_of(&mut wall, "hello").await;
    assert!(!hello["session"]["votes"].to_string().contains("Fler kuratorer i skolan"), "{hello}");
    let mut phone = server.phone(&session, "hidden-voter").await;
    let hello = next_of(&mut phone, "hello").await;
    assert!(!hello["session"]["votes"].to_string().contains("Fler kuratorer i skolan"), "{hello}");
    let r = dot(&mut phone, "v1", &cards[0], 1).await;
    assert_eq!(r["type"], "error", "dots on a hidden card: {r}");
}
