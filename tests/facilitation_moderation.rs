//! Moderation (issue 4, items 1–4): hide and restore, pre-moderation and the queue, the abuse
//! filter, pin and unpin. Every action reaches walls live and is logged as an event.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// POST /api/sessions/{id}/contributions/{cid}/{action} as the facilitator.
async fn moderate(server: &TestServer, session: &Value, cid: &str, action: &str) -> (u16, Value) {
    server.facilitate(session, "POST", &format!("/contributions/{cid}/{action}"), None).await
}

async fn queue(server: &TestServer, session: &Value, token_field: &str, status: &str) -> (u16, Value) {
    server.as_role(session, token_field, "GET", &format!("/contributions?status={status}"), None).await
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().expect("array").iter().map(|c| c["id"].as_str().expect("id").to_string()).collect()
}

fn id(c: &Value) -> String {
    c["id"].as_str().expect("id").to_string()
}

/// A JSON export read with the facilitator token and this query string (e.g. `?include_hidden=true`).
async fn export_query(server: &TestServer, session: &Value, query: &str) -> Value {
    let (status, body) = server.facilitate(session, "GET", &format!("/export.json{query}"), None).await;
    assert_eq!(status, 200, "export{query}: {body}");
    body
}

#[tokio::test]
async fn hide_leaves_the_wall_at_once_and_the_export_and_restore_brings_it_back() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let a = server.add(&session, "q1", "Fler fritidsgårdar i glesbygden").await;
    let b = server.add(&session, "q1", "Skolsköterskan behöver mer tid").await;
    let mut wall = server.wall(&session, None).await;
    let last = next_of(&mut wall, "hello").await["seq"].as_u64().unwrap();
    events_until(&mut wall, last).await;

    let t0 = Instant::now();
    let (status, hidden) = moderate(&server, &session, &id(&a), "hide").await;
    assert_eq!(status, 200, "{hidden}");
    assert_eq!(hidden["hidden"], true);
    let ev = next_of(&mut wall, "event").await;
    assert!(t0.elapsed() < Duration::from_secs(1), "hide reached the wall after {:?}", t0.elapsed());
    assert_eq!(ev["kind"], "contribution_hidden", "{ev}");
    assert_eq!(ev["contribution_id"], a["id"]);
    assert_eq!(ev["seq"], last + 1);

    assert_eq!(server.stored_ids(&session).await, vec![id(&b)], "a hidden card is left out of the export");
    let (status, list) = queue(&server, &session, "facilitator_token", "hidden").await;
    assert_eq!(status, 200);
    assert_eq!(ids(&list), vec![id(&a)], "hidden, but kept");
    // Hiding again changes nothing and logs nothing.
    assert_eq!(moderate(&server, &session, &id(&a), "hide").await.0, 200);

    let (status, restored) = moderate(&server, &session, &id(&a), "restore").await;
    assert_eq!(status, 200);
    assert_eq!(restored["hidden"], false);
    let ev = next_of(&mut wall, "event").await;
    assert_eq!(ev["kind"], "contribution_restored", "{ev}");
    assert_eq!(ev["seq"], last + 2, "the second hide logged nothing");
    assert_eq!(server.stored_ids(&session).await, vec![id(&a), id(&b)]);

    // Unknown contribution or action: 404; the wall token may not moderate.
    assert_error(&moderate(&server, &session, &uuid(), "hide").await.1, "contribution_not_found");
    assert_error(&moderate(&server, &session, &id(&a), "delete").await.1, "unknown_action");
    let rest = format!("/contributions/{}/hide", id(&a));
    for role in ["wall_token", "secretary_token"] {
        assert_eq!(server.as_role(&session, role, "POST", &rest, None).await.0, 401, "{role}");
    }
}

#[tokio::test]
async fn the_export_includes_hidden_cards_only_when_asked() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let a = server.add(&session, "q1", "Dold men sparad").await;
    let b = server.add(&session, "q1", "Synlig").await;
    assert_eq!(moderate(&server, &session, &id(&a), "hide").await.0, 200);

    assert_eq!(export_ids(&export_query(&server, &session, "").await), vec![id(&b)]);
    assert_eq!(export_ids(&export_query(&server, &session, "?include_hidden=false").await), vec![id(&b)]);
    let all = export_query(&server, &session, "?include_hidden=true").await;
    assert_eq!(export_ids(&all), vec![id(&a), id(&b)]);
    let rows = all["contributions"].as_array().unwrap();
    assert_eq!(rows[0]["status"], "hidden", "{}", rows[0]);
    assert_eq!(rows[1]["status"], "visible", "{}", rows[1]);
}

#[tokio::test]
async fn premoderation_holds_contributions_until_approved() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let (status, settings) =
        server.facilitate(&session, "PUT", "/moderation", Some(json!({"premoderation": true}))).await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(settings, json!({"premoderation": true, "blocked_words": []}));
    assert_eq!(server.as_role(&session, "wall_token", "PUT", "/moderation", Some(json!({}))).await.0, 401);

    let mut public = server.wall(&session, None).await;
    let mut console = server.console(&session, None).await;
    let mut phone = server.phone(&session, "premod-phone").await;
    assert_eq!(next_of(&mut phone, "hello").await["session"]["premoderation"], true);

    let a = server.add(&session, "q1", "Väntar på samtalsledaren").await;
    assert_eq!(a["pending"], true, "{a}");
    assert_eq!(a["flagged"], Value::Null, "held by pre-moderation, not by the filter");
    let bid = uuid();
    send_json(&mut phone, &submit_msg(&bid, "q1", "Via telefonen, också i kön")).await;
    let ack = next_of(&mut phone, "ack").await;
    assert_eq!(ack["contribution"]["pending"], true, "{ack}");

    // The facilitator's view sees both arrive; the export and the wall do not.
    assert_eq!(next_event(&mut console, "contribution_added").await["contribution"]["id"], a["id"]);
    let seen = next_event(&mut console, "contribution_added").await;
    assert_eq!(
        (seen["contribution"]["id"].as_str(), &seen["contribution"]["pending"]),
        (Some(bid.as_str()), &json!(true))
    );
    assert!(server.stored_ids(&session).await.is_empty(), "waiting cards are not exported");
    for role in ["facilitator_token", "secretary_token"] {
        let (status, list) = queue(&server, &session, role, "pending").await;
        assert_eq!(status, 200, "{role}");
        assert_eq!(ids(&list), vec![id(&a), bid.clone()], "{role}");
    }
    assert_eq!(queue(&server, &session, "wall_token", "pending").await.0, 401);
    let code = session["code"].as_str().unwrap();
    let anon = server
        .call(
            "GET",
            &format!("/api/sessions/{}/contributions", session["id"].as_str().unwrap()),
            Some(code),
            None,
        )
        .await;
    assert_eq!(anon.0, 401, "the join code is no token");

    let (status, approved) = moderate(&server, &session, &id(&a), "approve").await;
    assert_eq!(status, 200);
    assert_eq!(approved["pending"], false);
    // The public wall's first contribution event is the approval: never the waiting cards.
    let mut before = Vec::new();
    let ev = loop {
        let ev = next_of(&mut public, "event").await;
        if ev["kind"] == "contribution_approved" {
            break ev;
        }
        assert!(before.len() < 10, "no approval on the wall: {before:?}");
        before.push(ev);
    };
    assert!(before.iter().all(|e| e["kind"] != "contribution_added"), "{before:?}");
    assert_eq!(ev["contribution"]["id"], a["id"]);
    assert_eq!(ev["contribution"]["pending"], false);
    assert_eq!(ev["contribution"]["text"], "Väntar på samtalsledaren");
    assert_eq!(server.stored_ids(&session).await, vec![id(&a)], "exported once approved");
    assert_eq!(ids(&queue(&server, &session, "facilitator_token", "pending").await.1), vec![bid.clone()]);

    // A wall opened now replays the log without the one still waiting.
    let mut late = server.wall(&session, Some(0)).await;
    let upto = ev["seq"].as_u64().unwrap();
    let replay = events_until(&mut late, upto).await;
    assert!(replay.iter().all(|e| e["kind"] != "contribution_added"), "{replay:?}");
    assert!(!replay.iter().any(|e| e.to_string().contains(&bid)), "the waiting card leaked: {replay:?}");
    // Switching pre-moderation off lets new cards straight through, and the phone is told.
    server.facilitate(&session, "PUT", "/moderation", Some(json!({"premoderation": false}))).await;
    assert_eq!(next_event(&mut phone, "moderation_changed").await["premoderation"], false);
    assert_eq!(server.add(&session, "q1", "Direkt på väggen").await["pending"], false);
}

#[tokio::test]
async fn the_abuse_filter_queues_matches_in_swedish_english_and_session_words() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let words = json!({"blocked_words": ["  Bluffmakare ", "KOMMUNALRÅDET X"]});
    let (status, settings) = server.facilitate(&session, "PUT", "/moderation", Some(words)).await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(settings["blocked_words"], json!(["bluffmakare", "kommunalrådet x"]));
    assert_eq!(settings["premoderation"], false);
    assert_eq!(server.facilitate(&session, "GET", "/moderation", None).await.1, settings);
    let too_long = json!({"blocked_words": ["x".repeat(41)]});
    assert_eq!(server.facilitate(&session, "PUT", "/moderation", Some(too_long)).await.0, 422);

    let cases = [
        ("Vilka idioter som bestämmer", Some("idiot")),
        ("Fan också, inget händer", Some("fan")),
        ("What the fuck is this plan", Some("fuck")),
        ("Politikerna är BLUFFMAKARE allihop", Some("bluffmakare")),
        ("Fantastiskt förslag, äntligen!", None),
        ("Skitbra idé om fritidsgårdar", None),
    ];
    let mut console = server.console(&session, None).await;
    let mut stored = Vec::new();
    for (text, word) in cases {
        let c = server.add(&session, "q1", text).await;
        assert_eq!(c["flagged"], json!(word), "{text}: {c}");
        assert_eq!(c["pending"], word.is_some(), "{text}: {c}");
        stored.push(c);
    }
    // Over the phone websocket too: the ack says it waits, and why.
    let mut phone = server.phone(&session, "filter-phone").await;
    next_of(&mut phone, "hello").await;
    let pid = uuid();
    send_json(&mut phone, &submit_msg(&pid, "q2", "You bastard")).await;
    let ack = next_of(&mut phone, "ack").await;
    assert_eq!(
        (&ack["contribution"]["pending"], &ack["contribution"]["flagged"]),
        (&json!(true), &json!("bastard"))
    );

    let flagged: Vec<String> =
        stored.iter().filter(|c| c["pending"] == true).map(id).chain([pid.clone()]).collect();
    assert_eq!(ids(&queue(&server, &session, "facilitator_token", "pending").await.1), flagged);
    let (_, all) = queue(&server, &session, "secretary_token", "all").await;
    assert_eq!(ids(&all).len(), 7, "never dropped");
    for c in &stored {
        let ev = next_event(&mut console, "contribution_added").await;
        assert_eq!(ev["contribution"]["id"], c["id"], "the facilitator sees every card");
    }
    let visible: Vec<String> = stored.iter().filter(|c| c["pending"] == false).map(id).collect();
    assert_eq!(server.stored_ids(&session).await, visible);

    // Approving a false alarm clears the flag.
    let (_, ok) = moderate(&server, &session, &id(&stored[3]), "approve").await;
    assert_eq!((&ok["pending"], &ok["flagged"]), (&json!(false), &Value::Null));
}

#[tokio::test]
async fn pin_and_unpin_reach_the_wall() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let a = server.add(&session, "q1", "Prata om detta nu").await;
    let mut wall = server.wall(&session, None).await;
    next_event(&mut wall, "contribution_added").await;

    let (status, pinned) = moderate(&server, &session, &id(&a), "pin").await;
    assert_eq!((status, &pinned["pinned"]), (200, &json!(true)));
    let ev = next_of(&mut wall, "event").await;
    assert_eq!((ev["kind"].as_str(), &ev["contribution_id"]), (Some("contribution_pinned"), &a["id"]));
    assert_eq!(moderate(&server, &session, &id(&a), "pin").await.0, 200, "pinning twice is harmless");
    let (_, unpinned) = moderate(&server, &session, &id(&a), "unpin").await;
    assert_eq!(unpinned["pinned"], false);
    let ev = next_of(&mut wall, "event").await;
    assert_eq!((ev["kind"].as_str(), &ev["contribution_id"]), (Some("contribution_unpinned"), &a["id"]));
}

#[tokio::test]
async fn every_moderation_action_is_logged_with_contiguous_seq() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let on = json!({"premoderation": true});
    server.facilitate(&session, "PUT", "/moderation", Some(on)).await;
    let a = id(&server.add(&session, "q1", "Första").await);
    for action in ["approve", "hide", "restore", "pin", "unpin", "hide"] {
        assert_eq!(moderate(&server, &session, &a, action).await.0, 200, "{action}");
    }
    server.facilitate(&session, "PUT", "/moderation", Some(json!({"premoderation": false}))).await;
    let b = id(&server.add(&session, "q2", "Andra").await);
    assert_eq!(moderate(&server, &session, &b, "pin").await.0, 200);

    let want = [
        "session_created",
        "moderation_changed",
        "contribution_added",
        "contribution_approved",
        "contribution_hidden",
        "contribution_restored",
        "contribution_pinned",
        "contribution_unpinned",
        "contribution_hidden",
        "moderation_changed",
        "contribution_added",
        "contribution_pinned",
    ];
    let n = want.len() as u64;
    let mut console = server.console(&session, Some(0)).await;
    assert_eq!(next_of(&mut console, "hello").await["seq"], n);
    let log = events_until(&mut console, n).await;
    assert_seqs(&log, 1, n);
    let kinds: Vec<&str> = log.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, want);
    assert_eq!(log[2]["contribution"]["pending"], true);
    assert_eq!(log[4]["contribution_id"], a.as_str());
    assert_eq!(log[11]["contribution_id"], b.as_str());
}

/// Common inflections of the built-in words must be caught, as "idioterna" is for "idiot".
#[tokio::test]
async fn the_abuse_filter_catches_inflected_short_words() {
    let server = TestServer::start().await;
    let session = server.council().await;
    for (text, word) in
        [("Din fitta", "fitt"), ("Vilken cp-skadad idé", "cp-"), ("This fucking plan", "fuck")]
    {
        let c = server.add(&session, "q1", text).await;
        assert_eq!((&c["pending"], &c["flagged"]), (&json!(true), &json!(word)), "{text}: {c}");
    }
    assert!(server.stored_ids(&session).await.is_empty(), "none of them reached the export");
}
