//! A table's discussion leader's summaries (issue 9, item 8): the facilitator hands each
//! table's leader a link of its own; with it the leader reads the questions that table answers
//! and writes one summary per question, stored as a `note_written` event carrying the table.
//! The link can do nothing else: not steer, not read the cards or exports, not write for
//! another table. Bad input is refused clearly and stores nothing; walls and phones never see
//! a summary; the limits hold, each alone.

mod common;

use common::*;
use inspel::limits::{MAX_NOTES, MAX_NOTES_PER_TABLE, MAX_TABLE_NOTE_CHARS, MAX_TABLE_NOTES};
use serde_json::{Value, json};

/// Every table's leader token, by table, as the facilitator's links carry them.
async fn leader_tokens(server: &TestServer, s: &Value) -> Vec<(String, String)> {
    let (status, links) = server.facilitate(s, "GET", "/leader-links", None).await;
    assert_eq!(status, 200, "{links}");
    let id = s["id"].as_str().unwrap();
    links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let url = l["url"].as_str().unwrap();
            assert!(url.contains(&format!("/leader/{id}#token=")), "{url}");
            (l["table"].as_str().unwrap().to_string(), url.split("#token=").nth(1).unwrap().to_string())
        })
        .collect()
}

async fn leader(
    server: &TestServer,
    s: &Value,
    token: &str,
    method: &str,
    rest: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let id = s["id"].as_str().unwrap();
    server.call(method, &format!("/api/sessions/{id}/leader{rest}"), Some(token), body.as_ref()).await
}

async fn write(server: &TestServer, s: &Value, token: &str, question: &str, text: &str) -> (u16, Value) {
    leader(server, s, token, "PUT", "/notes", Some(json!({"question_id": question, "text": text}))).await
}

/// The session's notes as the secretary reads them.
async fn notes(server: &TestServer, s: &Value) -> Value {
    let (status, body) = server.as_role(s, "secretary_token", "GET", "/notes", None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_leader_writes_their_tables_summaries_and_the_secretary_reads_them() {
    let server = TestServer::start().await;
    let s = server.council().await;
    // A question for Bord 1 alone: Bord 2's leader neither sees it nor writes on it.
    let only_one = json!({"text": "Bara för bord ett?", "tables": ["Bord 1"]});
    assert_eq!(server.facilitate(&s, "POST", "/questions", Some(only_one)).await.0, 201);
    let tokens = leader_tokens(&server, &s).await;
    assert_eq!(tokens.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["Bord 1", "Bord 2", "Bord 3"]);
    assert_eq!(tokens, leader_tokens(&server, &s).await, "the same links every time");
    let two = &tokens[1].1;

    let (status, page) = leader(&server, &s, two, "GET", "", None).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["table"], "Bord 2");
    assert_eq!(page["title"], s["title"]);
    assert_eq!(page["max_chars"], MAX_TABLE_NOTE_CHARS);
    let ids: Vec<&str> =
        page["questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"], "Bord 2's questions only: {page}");
    assert_eq!(page["questions"][1]["nr"], 2);
    assert_eq!(page["notes"], json!([]));
    // The page holds nothing but that: no cards, tokens, other tables or notes.
    for field in ["contributions", "tokens", "tables", "facilitator_token", "votes", "themes"] {
        assert!(page.get(field).is_none(), "{field} in the leader's page: {page}");
    }

    let (status, page) =
        write(&server, &s, two, "q1", "  Vi vill ha fler kuratorer.\nOch tidiga insatser. 🙂 ").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["notes"][0]["question_id"], "q1");
    assert_eq!(page["notes"][0]["text"], "Vi vill ha fler kuratorer.\nOch tidiga insatser. 🙂");
    assert!(is_rfc3339(page["notes"][0]["at"].as_str().unwrap()));
    // The secretary's own note on the same question stays apart from it.
    let own = json!({"question_id": "q1", "text": "Sekreterarens sammanfattning"});
    assert_eq!(server.as_role(&s, "secretary_token", "PUT", "/notes", Some(own)).await.0, 200);
    // Last write wins; Bord 1 writes its own.
    assert_eq!(write(&server, &s, two, "q1", "Fler kuratorer, tidigt.").await.0, 200);
    assert_eq!(write(&server, &s, &tokens[0].1, "q4", "Bara vi fick den frågan.").await.0, 200);
    let all = notes(&server, &s).await;
    let find = |table: Option<&str>, q: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|n| n["table"].as_str() == table && n["question_id"] == q)
            .cloned()
    };
    assert_eq!(find(Some("Bord 2"), "q1").unwrap()["text"], "Fler kuratorer, tidigt.");
    assert_eq!(find(None, "q1").unwrap()["text"], "Sekreterarens sammanfattning");
    assert_eq!(find(Some("Bord 1"), "q4").unwrap()["text"], "Bara vi fick den frågan.");
    assert_eq!(all.as_array().unwrap().len(), 3, "{all}");
    // Bord 2's page shows Bord 2's summary only.
    let (_, page) = leader(&server, &s, two, "GET", "", None).await;
    assert_eq!(page["notes"].as_array().unwrap().len(), 1, "{page}");

    // An empty text takes it away; the secretary's note stays.
    assert_eq!(write(&server, &s, two, "q1", " \u{200B} ").await.0, 200);
    let all = notes(&server, &s).await;
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
}

#[tokio::test]
async fn a_leaders_link_does_nothing_else() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let other = server.council().await;
    let tokens = leader_tokens(&server, &s).await;
    let one = tokens[0].1.clone();
    let id = s["id"].as_str().unwrap();
    let code = s["code"].as_str().unwrap();
    server.add(&s, "q1", "Ett inspel som bara sekreteraren ska läsa").await;

    // Not steer, not read the session, its cards or its exports, not the secretary's notes.
    let refused: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", format!("/api/sessions/{id}"), None),
        ("POST", format!("/api/sessions/{id}/questions/q2/activate"), None),
        ("POST", format!("/api/sessions/{id}/questions/q1/close"), None),
        ("PATCH", format!("/api/sessions/{id}"), Some(json!({"late_grace_secs": 0}))),
        ("GET", format!("/api/sessions/{id}/contributions"), None),
        ("GET", format!("/api/sessions/{id}/export.json"), None),
        ("GET", format!("/api/sessions/{id}/export.docx"), None),
        ("GET", format!("/api/sessions/{id}/report.html"), None),
        ("GET", format!("/api/sessions/{id}/notes"), None),
        ("PUT", format!("/api/sessions/{id}/notes"), Some(json!({"question_id": "q1", "text": "x"}))),
        ("GET", format!("/api/sessions/{id}/leader-links"), None),
        ("POST", format!("/api/sessions/{id}/themes"), Some(json!({"name": "Tema"}))),
        // Nor the page of another session.
        ("GET", format!("/api/sessions/{}/leader", other["id"].as_str().unwrap()), None),
    ];
    for (method, path, body) in refused {
        let (status, answer) = server.call(method, &path, Some(&one), body.as_ref()).await;
        assert_eq!(status, 401, "{method} {path} with a leader's link: {answer}");
        assert_error(&answer, "unauthorized");
    }
    // The socket neither.
    let refused = server.ws_with_headers(&format!("/ws/wall/{id}?token={one}"), &[]).await;
    assert!(refused.is_err(), "a leader's link opened the wall socket");
    // The other roles have no leader's page, and a made-up token neither.
    for field in ["facilitator_token", "secretary_token", "wall_token"] {
        let token = s[field].as_str().unwrap();
        assert_eq!(leader(&server, &s, token, "GET", "", None).await.0, 401, "{field}");
    }
    assert_eq!(leader(&server, &s, code, "GET", "", None).await.0, 401, "the join code");
    assert_eq!(leader(&server, &s, &"a".repeat(32), "GET", "", None).await.0, 401);

    // Another table's summary: the body names no table (its link does), and naming one is
    // refused; nothing is stored either way.
    let sneaky = json!({"question_id": "q1", "text": "Bord 2 tycker…", "table": "Bord 2"});
    let (status, answer) = leader(&server, &s, &one, "PUT", "/notes", Some(sneaky)).await;
    assert!(status == 400 || status == 422, "{status} {answer}");
    assert_eq!(notes(&server, &s).await, json!([]));

    // A renamed table gets a new link; the old one stops; its summaries keep up.
    assert_eq!(write(&server, &s, &one, "q1", "Före namnbytet").await.0, 200);
    let rename = json!({"what": "table", "from": "Bord 1", "to": "Bord Ett"});
    assert_eq!(server.facilitate(&s, "POST", "/rename", Some(rename)).await.0, 200);
    assert_eq!(leader(&server, &s, &one, "GET", "", None).await.0, 401, "the old link still works");
    let renamed = leader_tokens(&server, &s).await;
    assert_eq!(renamed[0].0, "Bord Ett");
    let (status, page) = leader(&server, &s, &renamed[0].1, "GET", "", None).await;
    assert_eq!(status, 200);
    assert_eq!(page["notes"][0]["text"], "Före namnbytet", "{page}");
    assert_eq!(notes(&server, &s).await[0]["table"], "Bord Ett");
}

#[tokio::test]
async fn bad_summaries_are_refused_clearly_and_store_nothing() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let only_one = json!({"text": "Bara för bord ett?", "tables": ["Bord 1"]});
    assert_eq!(server.facilitate(&s, "POST", "/questions", Some(only_one)).await.0, 201);
    let two = leader_tokens(&server, &s).await[1].1.clone();
    let id = s["id"].as_str().unwrap();

    let long = "å".repeat(MAX_TABLE_NOTE_CHARS + 1);
    let (status, body) = write(&server, &s, &two, "q1", &long).await;
    assert_eq!(status, 422, "{body}");
    assert_error(&body, "note_too_long");
    assert!(body["error_sv"].as_str().unwrap().contains(&MAX_TABLE_NOTE_CHARS.to_string()));
    // Exactly at the limit is fine (and then taken away again).
    assert_eq!(write(&server, &s, &two, "q1", &"å".repeat(MAX_TABLE_NOTE_CHARS)).await.0, 200);
    assert_eq!(write(&server, &s, &two, "q1", "").await.0, 200);

    let (status, body) = write(&server, &s, &two, "q99", "Ingen sådan fråga").await;
    assert_eq!(status, 404, "{body}");
    assert_error(&body, "question_not_found");
    let (status, body) = write(&server, &s, &two, "q4", "Inte vår fråga").await;
    assert_eq!(status, 422, "{body}");
    assert_error(&body, "question_not_for_table");
    for bad in
        [json!({"text": "utan fråga"}), json!({"question_id": "q1"}), json!({"question_id": 1, "text": "x"})]
    {
        let (status, body) = leader(&server, &s, &two, "PUT", "/notes", Some(bad.clone())).await;
        assert!(status == 400 || status == 422, "{bad}: {status} {body}");
        assert!(body["error_sv"].is_string(), "{body}");
    }
    let resp = server
        .http
        .put(server.url(&format!("/api/sessions/{id}/leader/notes")))
        .bearer_auth(&two)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // Without a token the answer is 401 whatever the body (the token is checked first).
    let path = format!("/api/sessions/{id}/leader/notes");
    let (status, body) = server.call("PUT", &path, None, Some(&json!({"text": long}))).await;
    assert_eq!(status, 401, "{body}");
    assert_error(&body, "unauthorized");
    assert_eq!(notes(&server, &s).await, json!([]), "nothing stored");
}

#[tokio::test]
async fn walls_and_phones_never_see_a_summary() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let one = leader_tokens(&server, &s).await[0].1.clone();
    let secret = "Hemligt: bordets sammanfattning";
    let mut wall = server.wall(&s, Some(0)).await;
    let mut phone = server.phone(&s, "phone-leader-1").await;
    let mut console = server.console(&s, Some(0)).await;
    for ws in [&mut wall, &mut phone, &mut console] {
        next_of(ws, "hello").await;
    }
    assert_eq!(write(&server, &s, &one, "q1", secret).await.0, 200);
    assert_eq!(server.question(&s, "q2", "activate").await, 200);
    let seen = next_event(&mut console, "note_written").await;
    assert_eq!((seen["table"].as_str(), seen["text"].as_str()), (Some("Bord 1"), Some(secret)));
    for (name, ws) in [("wall", &mut wall), ("phone", &mut phone)] {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let msg = tokio::time::timeout_at(deadline, next_json(ws)).await.expect("the activation in time");
            assert!(!msg.to_string().contains(secret), "the {name} got a summary: {msg}");
            if msg["kind"] == "question_activated" {
                break;
            }
        }
    }
    let (_, as_wall) = server.as_role(&s, "wall_token", "GET", "", None).await;
    assert!(!as_wall.to_string().contains(secret));
}

/// [`MAX_NOTES_PER_TABLE`] alone: one table's leader keeps at most that many summaries;
/// replacing one still works, another table is not held back, and one removed makes room.
#[tokio::test]
async fn a_table_keeps_at_most_its_share_of_summaries() {
    let server = TestServer::start().await;
    let questions: Vec<String> = (0..=MAX_NOTES_PER_TABLE).map(|i| format!("Fråga nummer {i}?")).collect();
    let s = server
        .create_session(
            json!({"title": "Många frågor", "questions": questions, "tables": ["Bord 1", "Bord 2"]}),
        )
        .await;
    let tokens = leader_tokens(&server, &s).await;
    for i in 1..=MAX_NOTES_PER_TABLE {
        assert_eq!(
            write(&server, &s, &tokens[0].1, &format!("q{i}"), &format!("Sammanfattning {i}")).await.0,
            200
        );
    }
    let last = format!("q{}", MAX_NOTES_PER_TABLE + 1);
    let (status, body) = write(&server, &s, &tokens[0].1, &last, "En för mycket").await;
    assert_eq!(status, 409, "{body}");
    assert_error(&body, "too_many_table_notes");
    assert_eq!(write(&server, &s, &tokens[0].1, "q1", "Ersatt").await.0, 200, "replacing still works");
    assert_eq!(write(&server, &s, &tokens[1].1, &last, "Bord 2 får skriva").await.0, 200);
    assert_eq!(write(&server, &s, &tokens[0].1, "q2", "").await.0, 200);
    assert_eq!(write(&server, &s, &tokens[0].1, &last, "Nu finns plats").await.0, 200);
    assert_eq!(notes(&server, &s).await.as_array().unwrap().len(), MAX_NOTES_PER_TABLE + 1);
}

/// [`MAX_TABLE_NOTES`] alone: all tables together keep at most that many summaries, and the
/// secretary's own notes ([`MAX_NOTES`]) are counted apart.
#[tokio::test]
async fn a_session_keeps_at_most_its_share_of_summaries() {
    let server = TestServer::start().await;
    let tables_needed = MAX_TABLE_NOTES.div_ceil(MAX_NOTES_PER_TABLE) + 1;
    let questions: Vec<String> = (0..MAX_NOTES_PER_TABLE).map(|i| format!("Fråga nummer {i}?")).collect();
    let tables: Vec<String> = (1..=tables_needed).map(|i| format!("Bord {i}")).collect();
    let s =
        server.create_session(json!({"title": "Många bord", "questions": questions, "tables": tables})).await;
    let tokens = leader_tokens(&server, &s).await;
    let mut written = 0;
    'tables: for (_, token) in &tokens {
        for q in 1..=MAX_NOTES_PER_TABLE {
            if written == MAX_TABLE_NOTES {
                break 'tables;
            }
            assert_eq!(write(&server, &s, token, &format!("q{q}"), "Kort.").await.0, 200);
            written += 1;
        }
    }
    let (status, body) = write(&server, &s, &tokens[tables_needed - 1].1, "q12", "En för mycket").await;
    assert_eq!(status, 409, "{body}");
    assert_error(&body, "too_many_table_notes_in_session");
    // The secretary is not held back by the tables.
    for q in 1..=MAX_NOTES.min(MAX_NOTES_PER_TABLE) {
        let own = json!({"question_id": format!("q{q}"), "text": "Sekreteraren"});
        assert_eq!(server.as_role(&s, "secretary_token", "PUT", "/notes", Some(own)).await.0, 200);
    }
}
