//! Issue 10, language: a session has a language ("sv" or "en", default "sv"), set when it is
//! made and changed with PATCH. Phones and walls get it with the session (GET /api/join, hello,
//! session_edited) and open in it, unless the reader switched (tests/browser/session_lang.mjs).

mod common;

use common::*;
use serde_json::{Value, json};

/// The session as a phone reads it (GET /api/join/{code}).
async fn joined(server: &TestServer, session: &Value) -> Value {
    let code = session["code"].as_str().unwrap();
    let (status, body) = server.call("GET", &format!("/api/join/{code}"), None, None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_session_is_swedish_unless_made_or_set_otherwise() {
    let server = TestServer::start().await;
    let swedish = server.council().await;
    assert_eq!(swedish["settings"]["language"], "sv", "{swedish}");
    assert_eq!(joined(&server, &swedish).await["settings"]["language"], "sv");

    let english = server
        .create_session(json!({"title": "Citizens' panel", "questions": ["Why?"], "language": "en"}))
        .await;
    assert_eq!(english["settings"]["language"], "en");
    assert_eq!(joined(&server, &english).await["settings"]["language"], "en");
    let mut phone = server.phone(&english, "lang-phone").await;
    assert_eq!(next_of(&mut phone, "hello").await["session"]["settings"]["language"], "en");

    let bad = json!({"title": "Dialog", "questions": ["Varför?"], "language": "de"});
    let resp =
        server.http.post(server.url("/api/sessions")).bearer_auth(ADMIN).json(&bad).send().await.unwrap();
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap();
    assert!(status == 400 || status == 422, "an unknown language is refused: {status} {body}");
    assert!(body["error_sv"].is_string(), "{body}");
}

#[tokio::test]
async fn patch_changes_the_language_live_and_keeps_the_other_settings() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let (status, _) = server.facilitate(&session, "PATCH", "", Some(json!({"late_grace_secs": 30}))).await;
    assert_eq!(status, 200);
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;

    let (status, view) = server.facilitate(&session, "PATCH", "", Some(json!({"language": "en"}))).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        (&view["settings"]["language"], &view["settings"]["late_grace_secs"]),
        (&json!("en"), &json!(30))
    );
    // The wall may first replay the grace period's change; the language's comes after it.
    let mut ev = next_event(&mut wall, "session_edited").await;
    if ev["settings"]["late_grace_secs"] == 30 && ev["settings"]["language"] == "sv" {
        ev = next_event(&mut wall, "session_edited").await;
    }
    assert_eq!(ev["settings"]["language"], "en", "{ev}");
    assert_eq!(joined(&server, &session).await["settings"]["language"], "en");

    // Another setting changed later leaves the language alone.
    let (_, view) = server.facilitate(&session, "PATCH", "", Some(json!({"closing_text": "Tack!"}))).await;
    assert_eq!(view["settings"]["language"], "en");

    for bad in [json!({"language": "de"}), json!({"language": "SV"}), json!({"language": 1})] {
        let (status, body) = server.facilitate(&session, "PATCH", "", Some(bad.clone())).await;
        assert!(status == 422 || status == 400, "{bad}: {status} {body}");
    }
    let (status, _) =
        server.as_role(&session, "secretary_token", "PATCH", "", Some(json!({"language": "sv"}))).await;
    assert_eq!(status, 401, "only the facilitator sets the language");
    assert_eq!(joined(&server, &session).await["settings"]["language"], "en");
}
