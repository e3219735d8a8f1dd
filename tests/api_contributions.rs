//! POST /api/join/{code}/contributions: what is stored, what is refused, and that a refused
//! contribution leaves nothing behind (checked through the export, i.e. the store).

mod common;

use common::*;
use serde_json::{Value, json};

fn code(session: &Value) -> &str {
    session["code"].as_str().expect("code")
}

#[tokio::test]
async fn stored_once_and_a_retry_gets_the_same_contribution() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let id = uuid();
    let body = json!({"id": id, "question_id": "q1", "text": "Hej", "table": "Bord 2",
        "perspective": "Akademi"});
    let before = jiff::Timestamp::now();
    let (status, first) = server.contribute(code(&session), body.clone()).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["id"], id.as_str());
    assert_eq!(first["question_id"], "q1");
    assert_eq!(first["text"], "Hej");
    assert_eq!(first["table"], "Bord 2");
    assert_eq!(first["perspective"], "Akademi");
    assert_eq!(first["hidden"], false);
    // seq 1 is session_created.
    assert_eq!(first["seq"], 2);
    let at = first["created_at"].as_str().expect("created_at");
    assert!(is_rfc3339(at), "{at}");
    assert!(at.parse::<jiff::Timestamp>().unwrap() >= before);

    // The phone lost the answer and sends again, even with edited text and the id in upper
    // case: it gets what was stored, byte for byte, and nothing new is stored.
    let (status, again) = server.contribute(code(&session), body).await;
    assert_eq!(status, 200);
    assert_eq!(again, first);
    let edited = json!({"id": id.to_uppercase(), "question_id": "q2", "text": "Annat"});
    let (status, again) = server.contribute(code(&session), edited).await;
    assert_eq!(status, 200);
    assert_eq!(again, first);
    assert_eq!(server.stored_ids(&session).await, [id]);
}

#[tokio::test]
async fn concurrent_retries_store_one() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let body = json!({"id": uuid(), "question_id": "q1", "text": "Samtidigt"});
    let sends = (0..8).map(|_| server.contribute(code(&session), body.clone()));
    let results = futures_util::future::join_all(sends).await;
    let created = results.iter().filter(|(s, _)| *s == 201).count();
    let repeated = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!((created, repeated), (1, 7), "{results:?}");
    // Every answer is the one stored contribution.
    assert!(results.iter().all(|(_, c)| c == &results[0].1));
    assert_eq!(server.stored_ids(&session).await.len(), 1);
}

#[tokio::test]
async fn text_is_trimmed_and_nfc_normalised() {
    let server = TestServer::start().await;
    let session = server.council().await;
    // "e" + COMBINING ACUTE ACCENT must be stored as the single character U+00E9.
    let (status, c) = server
        .contribute(code(&session), json!({"id": uuid(), "question_id": "q1", "text": "  cafe\u{301}\n "}))
        .await;
    assert_eq!(status, 201, "{c}");
    assert_eq!(c["text"], "caf\u{e9}");
    assert_eq!(server.export(&session).await["contributions"][0]["text"], "caf\u{e9}");
    // A table written decomposed matches the same table written composed.
    let s = server.create_session(json!({"title": "T", "questions": ["Q"], "tables": ["Bord \u{e9}"]})).await;
    let body = json!({"id": uuid(), "question_id": "q1", "text": "x", "table": "Bord e\u{301}"});
    let (status, c) = server.contribute(code(&s), body).await;
    assert_eq!(status, 201, "{c}");
    assert_eq!(c["table"], "Bord \u{e9}");
}

#[tokio::test]
async fn join_code_is_accepted_as_people_type_it() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let c = code(&session);
    let typed = [c.to_lowercase(), format!("{}-{}", &c[..3], &c[3..]), format!(" {} {} ", &c[..3], &c[3..])];
    for t in &typed {
        let info = server.http.get(server.url(&format!("/api/join/{t}"))).send().await.unwrap();
        assert_eq!(info.status(), 200, "GET with {t:?}");
        let (status, body) = server
            .contribute(t, json!({"id": uuid(), "question_id": "q1", "text": format!("via {t}")}))
            .await;
        assert_eq!(status, 201, "POST with {t:?}: {body}");
    }
    assert_eq!(server.stored_ids(&session).await.len(), typed.len());
}

#[tokio::test]
async fn refused_contributions_store_nothing() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let c = code(&session);
    let ok = |v: Value| {
        let mut b = json!({"id": uuid(), "question_id": "q1", "text": "Hej"});
        b.as_object_mut().unwrap().extend(v.as_object().unwrap().clone());
        b
    };
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        ("empty text", ok(json!({"text": ""})), 422, "text_empty"),
        ("blank text", ok(json!({"text": " \n\t \u{3000}"})), 422, "text_empty"),
        ("2001 chars", ok(json!({"text": "å".repeat(2001)})), 422, "text_too_long"),
        ("unknown question", ok(json!({"question_id": "q9"})), 404, "question_not_found"),
        ("unknown table", ok(json!({"table": "Bord 9"})), 422, "unknown_table"),
        ("unknown perspective", ok(json!({"perspective": "Kungahuset"})), 422, "unknown_perspective"),
        ("non-UUID id", ok(json!({"id": "not-a-uuid"})), 422, "bad_id"),
        ("missing text", json!({"id": uuid(), "question_id": "q1"}), 400, "wrong_fields"),
        ("text not a string", ok(json!({"text": 5})), 400, "wrong_fields"),
        ("bad participant", ok(json!({"participant_id": "a phone"})), 422, "bad_participant"),
    ];
    for (what, body, status, code) in cases {
        let (got, err) = server.contribute(c, body).await;
        assert_eq!(got, status, "{what}: {err}");
        assert_error(&err, code);
    }

    let url = server.url(&format!("/api/join/{c}/contributions"));
    let resp = server.http.post(&url).header("content-type", "application/json").body("{\"id\": ").send();
    let resp = resp.await.unwrap();
    assert_eq!(resp.status(), 400);
    assert_error(&resp.json().await.unwrap(), "malformed_json");

    // 70 KB of otherwise valid JSON: over the 64 KiB body limit, refused before parsing.
    let huge = json!({"id": uuid(), "question_id": "q1", "text": "a".repeat(70 * 1024)});
    let resp = server.http.post(&url).json(&huge).send().await.unwrap();
    assert_eq!(resp.status(), 413);
    assert_error(&resp.json().await.unwrap(), "too_large");

    let (status, err) =
        server.contribute("XXXXXX", json!({"id": uuid(), "question_id": "q1", "text": "Hej"})).await;
    assert_eq!(status, 404);
    assert_error(&err, "session_not_found");

    assert!(server.stored_ids(&session).await.is_empty(), "a refused contribution was stored");
}

#[tokio::test]
async fn length_limit_counts_characters() {
    let server = TestServer::start().await;
    let session = server.council().await;
    // 2000 "å" are 4000 bytes: the limit is in characters, so this fits exactly.
    let body = json!({"id": uuid(), "question_id": "q1", "text": "å".repeat(2000)});
    let (status, c) = server.contribute(code(&session), body).await;
    assert_eq!(status, 201);
    assert_eq!(c["text"].as_str().unwrap().chars().count(), 2000);
    let (status, _) = server
        .contribute(code(&session), json!({"id": uuid(), "question_id": "q1", "text": "å".repeat(2001)}))
        .await;
    assert_eq!(status, 422);
    assert_eq!(server.stored_ids(&session).await.len(), 1);
}

#[tokio::test]
async fn closed_question_refuses_but_still_answers_retries() {
    let server = TestServer::start().await;
    let session = server.council().await;
    server.no_grace(&session).await;
    let stored = json!({"id": uuid(), "question_id": "q1", "text": "Före"});
    assert_eq!(server.contribute(code(&session), stored.clone()).await.0, 201);

    let sid = session["id"].as_str().unwrap();
    let resp = server
        .http
        .post(server.url(&format!("/api/sessions/{sid}/questions/q1/close")))
        .bearer_auth(session["facilitator_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    let (status, err) =
        server.contribute(code(&session), json!({"id": uuid(), "question_id": "q1", "text": "Efter"})).await;
    assert_eq!(status, 409);
    assert_error(&err, "question_closed");
    // A phone that was offline resends what it already got stored: that is still a success.
    assert_eq!(server.contribute(code(&session), stored).await.0, 200);
    // Other questions are still open.
    let (status, _) =
        server.contribute(code(&session), json!({"id": uuid(), "question_id": "q2", "text": "Q2"})).await;
    assert_eq!(status, 201);
    assert_eq!(server.stored_ids(&session).await.len(), 2);
}
