//! The secretary's notes (issue 9, item 8): written per question or theme by the secretary (or
//! the facilitator), stored as an event, last write wins, an empty text removes; bad input is
//! refused with a clear error and stores nothing; walls and phones never see a note.

mod common;

use common::*;
use serde_json::{Value, json};

async fn notes(server: &TestServer, s: &Value) -> Value {
    let (status, body) = server.as_role(s, "secretary_token", "GET", "/notes", None).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn write(server: &TestServer, s: &Value, token: &str, body: Value) -> (u16, Value) {
    server.as_role(s, token, "PUT", "/notes", Some(body)).await
}

#[tokio::test]
async fn a_note_is_written_replaced_and_removed() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let (status, theme) = server
        .facilitate(&s, "POST", "/themes", Some(json!({"name": "Trygghet", "question_id": "q1"})))
        .await;
    assert_eq!(status, 201, "{theme}");
    assert_eq!(notes(&server, &s).await, json!([]));

    let first =
        json!({"question_id": "q1", "text": "  Många vill ha tidiga insatser.\nSkolan nämns ofta. 🙂  "});
    let (status, body) = write(&server, &s, "secretary_token", first).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body[0]["question_id"], "q1");
    assert_eq!(
        body[0]["text"], "Många vill ha tidiga insatser.\nSkolan nämns ofta. 🙂",
        "trimmed, breaks kept"
    );
    assert!(is_rfc3339(body[0]["at"].as_str().unwrap()));

    // The facilitator writes too; the last write wins.
    let on_theme = json!({"theme_id": theme["id"], "text": "Trygghet i skolan och på fritiden."});
    assert_eq!(write(&server, &s, "facilitator_token", on_theme).await.0, 200);
    let again = json!({"question_id": "q1", "text": "Tidiga insatser, före allt annat."});
    assert_eq!(write(&server, &s, "secretary_token", again).await.0, 200);
    let all = notes(&server, &s).await;
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    assert_eq!(all[0]["text"], "Tidiga insatser, före allt annat.");
    assert_eq!(all[1]["theme_id"], theme["id"]);

    // An empty (or blank) text removes the note; removing what is not there changes nothing.
    let (status, body) =
        write(&server, &s, "secretary_token", json!({"question_id": "q1", "text": " \u{200B} "})).await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().unwrap().len(), 1, "{body}");
    assert_eq!(write(&server, &s, "secretary_token", json!({"question_id": "q2", "text": ""})).await.0, 200);
    assert_eq!(notes(&server, &s).await.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_notes_are_refused_clearly_and_store_nothing() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let kept = json!({"question_id": "q1", "text": "Det som står."});
    assert_eq!(write(&server, &s, "secretary_token", kept).await.0, 200);
    let mut console = server.console(&s, None).await;
    let hello = next_of(&mut console, "hello").await;
    let seq = hello["seq"].as_u64().unwrap();
    // The replay of what was there before (the first note among it).
    events_until(&mut console, seq).await;

    let long = "å".repeat(1_001);
    let cases = [
        (json!({"question_id": "q1", "theme_id": "t1", "text": "två mål"}), 422, "note_target"),
        (json!({"text": "inget mål"}), 422, "note_target"),
        (json!({"question_id": "q1", "text": long}), 422, "note_too_long"),
        (json!({"question_id": "q9", "text": "okänd fråga"}), 404, "question_not_found"),
        (json!({"theme_id": "t9", "text": "okänt tema"}), 404, "theme_not_found"),
        (json!({"question_id": "q1", "text": "x", "extra": 1}), 400, "bad_request"),
    ];
    for (body, want, code) in cases {
        let (status, answer) = write(&server, &s, "secretary_token", body.clone()).await;
        assert_eq!(status, want, "{body}: {answer}");
        if status != 400 {
            assert_error(&answer, code);
        }
        assert!(answer["error_sv"].as_str().is_some_and(|t| !t.is_empty()), "a Swedish message: {answer}");
    }
    // 1,000 characters is the limit itself, and fits.
    let exact = json!({"question_id": "q2", "text": "ö".repeat(1_000)});
    assert_eq!(write(&server, &s, "secretary_token", exact).await.0, 200);
    let event = next_event(&mut console, "note_written").await;
    assert_eq!(event["seq"].as_u64(), Some(seq + 1), "the refused notes logged nothing");
    assert_eq!(event["question_id"], "q2");
    assert_eq!(notes(&server, &s).await[0]["text"], "Det som står.");

    // Only the secretary and the facilitator: not the wall, not without a token.
    let (status, _) = server.as_role(&s, "wall_token", "GET", "/notes", None).await;
    assert_eq!(status, 401);
    let (status, _) = write(&server, &s, "wall_token", json!({"question_id": "q1", "text": "vägg"})).await;
    assert_eq!(status, 401);
    let id = s["id"].as_str().unwrap();
    let (status, _) = server.call("GET", &format!("/api/sessions/{id}/notes"), None, None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn walls_and_phones_never_see_a_note() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let secret = "Hemligt: sekreterarens sammanfattning";
    // One note before anyone connects, one while they are connected.
    let before = json!({"question_id": "q1", "text": format!("{secret} 1")});
    assert_eq!(write(&server, &s, "secretary_token", before).await.0, 200);

    let mut wall = server.wall(&s, Some(0)).await;
    let mut phone = server.phone(&s, "phone-notes-1").await;
    let mut console = server.console(&s, Some(0)).await;
    for ws in [&mut wall, &mut phone, &mut console] {
        let hello = next_of(ws, "hello").await;
        assert!(!hello.to_string().contains(secret), "no note in a hello: {hello}");
    }
    let during = json!({"question_id": "q2", "text": format!("{secret} 2")});
    assert_eq!(write(&server, &s, "secretary_token", during).await.0, 200);
    // Something every socket receives after the note, to know the note had its chance.
    assert_eq!(server.question(&s, "q2", "activate").await, 200);

    let console_saw = next_event(&mut console, "note_written").await;
    assert!(console_saw["text"].as_str().unwrap().starts_with(secret), "the console follows the notes");
    for (name, ws) in [("wall", &mut wall), ("phone", &mut phone)] {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let msg = tokio::time::timeout_at(deadline, next_json(ws)).await.expect("the activation in time");
            assert!(!msg.to_string().contains(secret), "the {name} got a note: {msg}");
            assert_ne!(msg["kind"], "note_written", "the {name} got a note event");
            if msg["kind"] == "question_activated" {
                break;
            }
        }
    }
    // A wall that reconnects from the start replays the log without them too.
    let mut late = server.wall(&s, Some(0)).await;
    let hello = next_of(&mut late, "hello").await;
    let events = events_until(&mut late, hello["seq"].as_u64().unwrap()).await;
    assert!(events.iter().all(|e| e["kind"] != "note_written"), "{events:?}");

    // Nor do the HTTP views the room may read.
    let code = s["code"].as_str().unwrap();
    let (_, joined) = server.call("GET", &format!("/api/join/{code}"), None, None).await;
    let (_, as_wall) = server.as_role(&s, "wall_token", "GET", "", None).await;
    for view in [joined, as_wall] {
        assert!(!view.to_string().contains(secret), "{view}");
    }
}
