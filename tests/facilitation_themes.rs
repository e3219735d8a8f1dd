//! Making sense (issue 4, items 5–6): themes created, renamed, filled and merged, duplicate
//! cards folded together, and suggested themes accepted in one step, all or nothing.

mod common;

use common::*;
use serde_json::{Value, json};

fn id(c: &Value) -> String {
    c["id"].as_str().expect("id").to_string()
}

/// The session as the facilitator reads it.
async fn session_now(server: &TestServer, session: &Value) -> Value {
    let (status, body) = server.facilitate(session, "GET", "", None).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// Every contribution (facilitator's list), by id: its `theme_id`.
async fn theme_of(server: &TestServer, session: &Value, cid: &str) -> Value {
    let (status, list) = server.facilitate(session, "GET", "/contributions", None).await;
    assert_eq!(status, 200);
    let c = list.as_array().unwrap().iter().find(|c| c["id"] == cid).expect("listed").clone();
    c["theme_id"].clone()
}

async fn assign(server: &TestServer, session: &Value, cid: &str, theme: Value) -> (u16, Value) {
    let body = json!({ "theme_id": theme });
    server.facilitate(session, "PUT", &format!("/contributions/{cid}/theme"), Some(body)).await
}

/// The session's last seq, from a fresh facilitator view's hello.
async fn seq_now(server: &TestServer, session: &Value) -> u64 {
    let mut console = server.console(session, None).await;
    next_of(&mut console, "hello").await["seq"].as_u64().expect("seq")
}

#[tokio::test]
async fn themes_are_created_renamed_filled_and_merged() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let c1 = id(&server.add(&session, "q1", "Elevhälsan behöver fler kuratorer").await);
    let c2 = id(&server.add(&session, "q1", "Fler mötesplatser på kvällarna").await);
    let c3 = id(&server.add(&session, "q1", "Öppna fritidsgården på helger").await);
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;
    events_until(&mut wall, 4).await;

    let (status, t1) = server
        .facilitate(&session, "POST", "/themes", Some(json!({"name": "Skolhälsa", "question_id": "q1"})))
        .await;
    assert_eq!(status, 201, "{t1}");
    assert_eq!(t1, json!({"id": "t1", "name": "Skolhälsa", "question_id": "q1"}));
    assert_eq!(next_of(&mut wall, "event").await["theme"], t1);
    let (status, t2) =
        server.facilitate(&session, "POST", "/themes", Some(json!({"name": "Mötesplatser"}))).await;
    assert_eq!(status, 201);
    assert_eq!(t2, json!({"id": "t2", "name": "Mötesplatser", "question_id": null}));
    next_event(&mut wall, "theme_created").await;

    let (status, renamed) =
        server.facilitate(&session, "PATCH", "/themes/t1", Some(json!({"name": " Elevhälsa "}))).await;
    assert_eq!((status, &renamed["name"]), (200, &json!("Elevhälsa")));
    let ev = next_of(&mut wall, "event").await;
    assert_eq!(
        (ev["kind"].as_str(), &ev["theme_id"], &ev["name"]),
        (Some("theme_renamed"), &json!("t1"), &json!("Elevhälsa"))
    );

    for (cid, theme) in [(&c1, "t1"), (&c2, "t2"), (&c3, "t2")] {
        let (status, c) = assign(&server, &session, cid, json!(theme)).await;
        assert_eq!((status, &c["theme_id"]), (200, &json!(theme)), "{c}");
        let ev = next_of(&mut wall, "event").await;
        assert_eq!(
            (ev["kind"].as_str(), &ev["contribution_id"], &ev["theme_id"]),
            (Some("contribution_themed"), &json!(cid), &json!(theme))
        );
    }
    // Out of its theme (null) and back.
    assert_eq!(assign(&server, &session, &c3, Value::Null).await.1["theme_id"], Value::Null);
    assert_eq!(next_event(&mut wall, "contribution_themed").await["theme_id"], Value::Null);
    assign(&server, &session, &c3, json!("t2")).await;
    assert_error(&assign(&server, &session, &c3, json!("t9")).await.1, "theme_not_found");
    assert_error(&assign(&server, &session, &uuid(), json!("t1")).await.1, "contribution_not_found");

    // Merge t2 into t1: its cards move and it disappears.
    let (status, left) =
        server.facilitate(&session, "POST", "/themes/t2/merge", Some(json!({"into": "t1"}))).await;
    assert_eq!(status, 200, "{left}");
    assert_eq!(left, json!([{"id": "t1", "name": "Elevhälsa", "question_id": "q1"}]));
    let ev = next_event(&mut wall, "themes_merged").await;
    assert_eq!((&ev["theme_id"], &ev["into"]), (&json!("t2"), &json!("t1")));
    assert_eq!(session_now(&server, &session).await["themes"], left);
    for cid in [&c1, &c2, &c3] {
        assert_eq!(theme_of(&server, &session, cid).await, "t1", "{cid}");
    }
    for (from, into) in [("t2", "t1"), ("t1", "t1"), ("t1", "t7")] {
        let (status, body) = server
            .facilitate(&session, "POST", &format!("/themes/{from}/merge"), Some(json!({"into": into})))
            .await;
        assert_eq!(status, 404, "{from} into {into}");
        assert_error(&body, "theme_not_found");
    }
}

/// A theme id that was merged away must never name a new theme: a console still showing the
/// old theme would otherwise put cards into the new one instead of being told it is gone.
#[tokio::test]
async fn theme_ids_are_never_reused_after_a_merge() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let c = id(&server.add(&session, "q1", "Kort i det gamla temat").await);
    for name in ["Ett", "Två"] {
        assert_eq!(server.facilitate(&session, "POST", "/themes", Some(json!({"name": name}))).await.0, 201);
    }
    let (status, _) =
        server.facilitate(&session, "POST", "/themes/t2/merge", Some(json!({"into": "t1"}))).await;
    assert_eq!(status, 200);
    let (_, t) = server.facilitate(&session, "POST", "/themes", Some(json!({"name": "Tre"}))).await;
    assert_eq!(t["id"], "t3", "a merged-away id was reused: {t}");
    // A stale console that still shows t2 must be told it is gone.
    let (status, body) = assign(&server, &session, &c, json!("t2")).await;
    assert_eq!(status, 404, "{body}");
    let accepted = json!({"themes": [{"name": "Fyra", "contribution_ids": []}]});
    let (_, created) = server.facilitate(&session, "POST", "/themes/accept", Some(accepted)).await;
    assert_eq!(created[0]["id"], "t4");
}

#[tokio::test]
async fn a_duplicate_card_is_merged_into_another() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let a = id(&server.add(&session, "q1", "Fler vuxna i skolan").await);
    let b = id(&server.add(&session, "q1", "Mer vuxennärvaro i skolan").await);
    let c = id(&server.add(&session, "q1", "Något annat").await);
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;
    events_until(&mut wall, 4).await;

    let merge = |from: String, into: String| {
        let server = &server;
        let session = &session;
        async move {
            server
                .facilitate(
                    session,
                    "POST",
                    &format!("/contributions/{from}/merge"),
                    Some(json!({"into": into})),
                )
                .await
        }
    };
    let (status, merged) = merge(b.clone(), a.clone()).await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(merged["merged_into"], a.as_str());
    let ev = next_of(&mut wall, "event").await;
    assert_eq!(
        (ev["kind"].as_str(), &ev["contribution_id"], &ev["into"]),
        (Some("contribution_merged"), &json!(b), &json!(a))
    );
    // A merged duplicate is exported once, as a duplicate of its card (its text is a
    // participant's words: issue 9 keeps it in the record).
    assert_eq!(server.stored_ids(&session).await, vec![a.clone(), b.clone(), c.clone()]);
    let export = server.export(&session).await;
    assert_eq!(export["contributions"][0]["duplicates"], 1);
    assert_eq!(export["contributions"][1]["status"], "merged");

    for (from, into, code) in
        [(&a, &a, "bad_merge"), (&c, &b, "bad_merge"), (&c, &uuid(), "contribution_not_found")]
    {
        let (status, body) = merge(from.clone(), into.clone()).await;
        assert_eq!(status, if code == "bad_merge" { 422 } else { 404 }, "{body}");
        assert_error(&body, code);
    }
}

#[tokio::test]
async fn accepted_suggestions_are_created_and_filled_in_one_go() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut cards = Vec::new();
    for text in [
        "Skolsköterskan har för lite tid",
        "Elevhälsan måste nå alla",
        "Fritidsgården stänger för tidigt",
        "Fler aktiviteter på helgerna",
    ] {
        cards.push(id(&server.add(&session, "q1", text).await));
    }
    let before = seq_now(&server, &session).await;
    let mut console = server.console(&session, Some(before)).await;
    next_of(&mut console, "hello").await;

    let body = json!({"question_id": "q1", "themes": [
        {"name": "Elevhälsa", "contribution_ids": [cards[0], cards[1]]},
        {"name": "Fritid", "contribution_ids": [cards[2], cards[3]]},
    ]});
    let (status, created) = server.facilitate(&session, "POST", "/themes/accept", Some(body)).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        created,
        json!([{"id": "t1", "name": "Elevhälsa", "question_id": "q1"}, {"id": "t2", "name": "Fritid", "question_id": "q1"}])
    );
    assert_eq!(session_now(&server, &session).await["themes"], created);
    for (i, cid) in cards.iter().enumerate() {
        assert_eq!(theme_of(&server, &session, cid).await, if i < 2 { "t1" } else { "t2" });
    }
    // Six events, contiguous, all from the same commit (one time stamp).
    let log = events_until(&mut console, before + 6).await;
    assert_seqs(&log, before + 1, before + 6);
    let kinds: Vec<&str> = log.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "theme_created",
            "contribution_themed",
            "contribution_themed",
            "theme_created",
            "contribution_themed",
            "contribution_themed"
        ]
    );
    assert!(log.iter().all(|e| e["at"] == log[0]["at"]), "one transaction: {log:?}");
}

#[tokio::test]
async fn accepting_with_an_unknown_card_or_question_creates_nothing() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let a = id(&server.add(&session, "q1", "Bättre kollektivtrafik").await);
    server.facilitate(&session, "POST", "/themes", Some(json!({"name": "Befintligt"}))).await;
    let themes_before = session_now(&server, &session).await["themes"].clone();
    let seq_before = seq_now(&server, &session).await;

    let bad_card = json!({"question_id": "q1", "themes": [
        {"name": "Trafik", "contribution_ids": [a]},
        {"name": "Okänt", "contribution_ids": [uuid()]},
    ]});
    let bad_question = json!({"question_id": "q9", "themes": [{"name": "Trafik", "contribution_ids": [a]}]});
    let too_long = json!({"themes": [{"name": "Trafik", "contribution_ids": [a]}, {"name": "x".repeat(101), "contribution_ids": []}]});
    for (body, status, code) in [
        (bad_card, 404, "contribution_not_found"),
        (bad_question, 404, "question_not_found"),
        (too_long, 422, "field_too_long"),
    ] {
        let (got, err) = server.facilitate(&session, "POST", "/themes/accept", Some(body)).await;
        assert_eq!(got, status, "{err}");
        assert_error(&err, code);
    }
    assert_eq!(session_now(&server, &session).await["themes"], themes_before, "no theme was created");
    assert_eq!(theme_of(&server, &session, &a).await, Value::Null, "no card was assigned");
    assert_eq!(seq_now(&server, &session).await, seq_before, "nothing was logged");
}

#[tokio::test]
async fn theme_names_are_limited_and_only_the_facilitator_may_edit() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let create = |name: String| json!({ "name": name });
    let (status, body) = server.facilitate(&session, "POST", "/themes", Some(create("å".repeat(101)))).await;
    assert_eq!(status, 422);
    assert_error(&body, "field_too_long");
    assert_error(
        &server.facilitate(&session, "POST", "/themes", Some(create("  ".into()))).await.1,
        "field_empty",
    );
    let (status, t) = server.facilitate(&session, "POST", "/themes", Some(create("å".repeat(100)))).await;
    assert_eq!(status, 201, "{t}");
    let (status, _) = server.facilitate(&session, "PATCH", "/themes/t1", Some(create("x".repeat(101)))).await;
    assert_eq!(status, 422);
    assert_eq!(server.facilitate(&session, "PATCH", "/themes/t5", Some(create("Ny".into()))).await.0, 404);
    let unknown_q = json!({"name": "Tema", "question_id": "q9"});
    assert_error(
        &server.facilitate(&session, "POST", "/themes", Some(unknown_q)).await.1,
        "question_not_found",
    );
    for role in ["wall_token", "secretary_token"] {
        assert_eq!(
            server.as_role(&session, role, "POST", "/themes", Some(create("Tema".into()))).await.0,
            401
        );
        assert_eq!(
            server.as_role(&session, role, "PATCH", "/themes/t1", Some(create("Tema".into()))).await.0,
            401
        );
    }
    assert_eq!(session_now(&server, &session).await["themes"].as_array().unwrap().len(), 1);
}
