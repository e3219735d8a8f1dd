//! POST/GET /api/sessions and GET /api/sessions/{id}: what the admin gets back, what is refused,
//! and that a refused request stores nothing.

mod common;

use common::*;
use serde_json::{Value, json};

/// The join-code alphabet as promised: upper case, without 0 O 1 I L 2 Z 5 S 8 B.
const LOOKALIKES: &str = "0O1IL2Z5S8B";

/// The default perspectives, written out here so a change in the server is noticed.
const SWEDISH_PERSPECTIVES: [&str; 8] = [
    "Offentlig sektor (kommun)",
    "Offentlig sektor (region)",
    "Statlig myndighet",
    "Civilsamhälle/idéburen sektor",
    "Näringsliv",
    "Akademi",
    "Privatperson",
    "Annat",
];

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("expected a string, got {v}"))
}

#[tokio::test]
async fn create_returns_links_tokens_and_questions() {
    let server = TestServer::start().await;
    let before = jiff::Timestamp::now();
    let session = server.council().await;

    let id = s(&session["id"]);
    let code = s(&session["code"]);
    assert!(!id.is_empty());
    assert_eq!(code.chars().count(), 6, "code {code}");
    assert!(code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()), "code {code}");
    assert!(!code.contains(|c| LOOKALIKES.contains(c)), "look-alike in code {code}");

    // Links point at this server and carry the right token in the fragment, never the query.
    assert_eq!(s(&session["join_url"]), format!("{}/j/{code}", server.base));
    for (link, token) in
        [("wall", "wall_token"), ("facilitator", "facilitator_token"), ("secretary", "secretary_token")]
    {
        let tok = s(&session[token]);
        assert!(tok.len() >= 20, "{token} too short: {tok}");
        assert_eq!(s(&session[format!("{link}_url")]), format!("{}/{link}/{id}#token={tok}", server.base));
    }
    let tokens = [&session["facilitator_token"], &session["secretary_token"], &session["wall_token"]];
    assert!(tokens[0] != tokens[1] && tokens[1] != tokens[2] && tokens[0] != tokens[2], "tokens differ");

    let questions = session["questions"].as_array().expect("questions");
    let texts: Vec<&str> = questions.iter().map(|q| s(&q["text"])).collect();
    assert_eq!(
        texts,
        [
            "Vad väcker den föreslagna inriktningen för tankar hos dig?",
            "Vad lockar med föreslagen inriktning?",
            "Vilka frågetecken finns med föreslagen inriktning?"
        ]
    );
    let ids: Vec<&str> = questions.iter().map(|q| s(&q["id"])).collect();
    assert_eq!(ids, ["q1", "q2", "q3"]);
    assert!(questions.iter().all(|q| q["state"] == "open"));
    assert_eq!(session["active_question_id"], "q1");
    assert_eq!(session["tables"], json!(["Bord 1", "Bord 2", "Bord 3"]));
    assert_eq!(session["perspectives"], json!(SWEDISH_PERSPECTIVES));

    let created = s(&session["created_at"]);
    assert!(is_rfc3339(created), "created_at {created}");
    let at: jiff::Timestamp = created.parse().expect("timestamp");
    assert!(at >= before && at <= jiff::Timestamp::now(), "created_at {created} is not now");

    // The admin's list has it, with the same tokens.
    let list = server.sessions().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], session["id"]);
    assert_eq!(list[0]["facilitator_token"], session["facilitator_token"]);
}

#[tokio::test]
async fn perspectives_can_be_none_or_chosen_and_fields_are_cleaned() {
    let server = TestServer::start().await;
    let none = server.create_session(json!({"title": "T", "questions": ["Q"], "perspectives": []})).await;
    assert_eq!(none["perspectives"], json!([]));
    assert_eq!(none["tables"], json!([]));

    // Surrounding blanks go; a decomposed "é" becomes the composed one (NFC).
    let chosen = server
        .create_session(json!({
            "title": "  Möte\tett  ",
            "questions": ["  Fråga?  "],
            "tables": ["Bord e\u{301}"],
            "perspectives": ["Skola", "Vård"]
        }))
        .await;
    assert_eq!(chosen["title"], "Möte ett");
    assert_eq!(chosen["questions"][0]["text"], "Fråga?");
    assert_eq!(chosen["tables"], json!(["Bord \u{e9}"]));
    assert_eq!(chosen["perspectives"], json!(["Skola", "Vård"]));
}

#[tokio::test]
async fn codes_are_unique_and_readable_and_list_is_newest_first() {
    let server = TestServer::start().await;
    let mut made = Vec::new();
    for i in 0..25 {
        made.push(server.create_session(json!({"title": format!("Möte {i}"), "questions": ["Q"]})).await);
    }
    let mut codes: Vec<&str> = made.iter().map(|m| s(&m["code"])).collect();
    for code in &codes {
        assert_eq!(code.len(), 6);
        assert!(!code.contains(|c| LOOKALIKES.contains(c)), "look-alike in {code}");
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 25, "join codes repeat");

    let list = server.sessions().await;
    let listed: Vec<&Value> = list.iter().map(|v| &v["id"]).collect();
    let expected: Vec<&Value> = made.iter().rev().map(|v| &v["id"]).collect();
    assert_eq!(listed, expected, "newest first");
}

#[tokio::test]
async fn wrong_or_missing_admin_token_creates_nothing() {
    let server = TestServer::start().await;
    let other = server.council().await;
    let body = json!({"title": "Obehörig", "questions": ["Q"]});
    let wrong_admin = format!("{ADMIN}x");
    let auth: [Option<String>; 6] = [
        None,
        Some("Bearer wrong".into()),
        Some(format!("Bearer {wrong_admin}")),
        Some(format!("Bearer {}", s(&other["facilitator_token"]))),
        // The right token in the wrong scheme is still no bearer token.
        Some(format!("Basic {ADMIN}")),
        Some("Bearer ".into()),
    ];
    for a in auth {
        let mut req = server.http.post(server.url("/api/sessions")).json(&body);
        if let Some(a) = &a {
            req = req.header("authorization", a);
        }
        let resp = req.send().await.expect("send");
        assert_eq!(resp.status(), 401, "{a:?}");
        assert_error(&resp.json().await.expect("json"), "unauthorized");

        let mut req = server.http.get(server.url("/api/sessions"));
        if let Some(a) = &a {
            req = req.header("authorization", a);
        }
        assert_eq!(req.send().await.expect("send").status(), 401, "list with {a:?}");
    }
    assert_eq!(server.sessions().await.len(), 1, "a refused request created a session");

    // The scheme name is case-insensitive (RFC 9110), so this one is accepted.
    let resp = server
        .http
        .post(server.url("/api/sessions"))
        .header("authorization", format!("bearer {ADMIN}"))
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), 201);
}

fn many(n: usize, prefix: &str) -> Vec<String> {
    (0..n).map(|i| format!("{prefix} {i}")).collect()
}

#[tokio::test]
async fn invalid_sessions_are_refused_with_json_and_create_nothing() {
    let server = TestServer::start().await;
    let q = ["Q"];
    // (what, body, status, code). Limits come from src/limits.rs.
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        ("empty title", json!({"title": "", "questions": q}), 422, "field_empty"),
        ("blank title", json!({"title": " \n\t ", "questions": q}), 422, "field_empty"),
        ("no questions", json!({"title": "T", "questions": []}), 422, "no_questions"),
        ("blank question", json!({"title": "T", "questions": ["  "]}), 422, "field_empty"),
        ("21 questions", json!({"title": "T", "questions": many(21, "Q")}), 422, "too_many"),
        ("101 tables", json!({"title": "T", "questions": q, "tables": many(101, "B")}), 422, "too_many"),
        (
            "21 perspectives",
            json!({"title": "T", "questions": q, "perspectives": many(21, "P")}),
            422,
            "too_many",
        ),
        ("duplicate tables", json!({"title": "T", "questions": q, "tables": ["B", " B "]}), 422, "duplicate"),
        ("duplicate questions", json!({"title": "T", "questions": ["Q", "Q"]}), 422, "duplicate"),
        (
            "duplicate perspectives",
            json!({"title": "T", "questions": q, "perspectives": ["P", "P"]}),
            422,
            "duplicate",
        ),
        ("title 201", json!({"title": "å".repeat(201), "questions": q}), 422, "field_too_long"),
        ("question 501", json!({"title": "T", "questions": ["å".repeat(501)]}), 422, "field_too_long"),
        (
            "table 61",
            json!({"title": "T", "questions": q, "tables": ["å".repeat(61)]}),
            422,
            "field_too_long",
        ),
        (
            "perspective 61",
            json!({"title": "T", "questions": q, "perspectives": ["å".repeat(61)]}),
            422,
            "field_too_long",
        ),
        ("unknown field", json!({"title": "T", "questions": q, "colour": "red"}), 400, "wrong_fields"),
        ("missing title", json!({"questions": q}), 400, "wrong_fields"),
        ("wrong type", json!({"title": "T", "questions": "Q"}), 400, "wrong_fields"),
    ];
    for (what, body, status, code) in cases {
        let resp = server
            .http
            .post(server.url("/api/sessions"))
            .bearer_auth(ADMIN)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), status, "{what}");
        assert_error(&resp.json().await.expect("json error body"), code);
    }
    // Not JSON at all, and JSON without its content type.
    let raw =
        [("{\"title\": \"T\", ", "application/json", "malformed_json"), ("{}", "text/plain", "not_json")];
    for (body, ctype, code) in raw {
        let resp = server
            .http
            .post(server.url("/api/sessions"))
            .bearer_auth(ADMIN)
            .header("content-type", ctype)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{body}");
        assert_error(&resp.json().await.expect("json error body"), code);
    }
    assert!(server.sessions().await.is_empty(), "a refused request created a session");
}

#[tokio::test]
async fn limits_themselves_are_accepted() {
    let server = TestServer::start().await;
    let at_limit = server
        .create_session(json!({
            "title": "å".repeat(200),
            "questions": (0..20).map(|i| format!("{i:02} {}", "ä".repeat(497))).collect::<Vec<_>>(),
            "tables": (0..100).map(|i| format!("{i:03} {}", "ö".repeat(56))).collect::<Vec<_>>(),
            "perspectives": (0..20).map(|i| format!("{i:02} {}", "é".repeat(57))).collect::<Vec<_>>(),
        }))
        .await;
    assert_eq!(at_limit["questions"].as_array().unwrap().len(), 20);
    assert_eq!(at_limit["questions"][19]["id"], "q20");
    assert_eq!(at_limit["tables"].as_array().unwrap().len(), 100);
    assert_eq!(at_limit["perspectives"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn get_session_shows_each_role_what_it_may_see() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let id = s(&session["id"]);
    let secrets = ["facilitator_token", "secretary_token", "wall_token"].map(|k| s(&session[k]).to_string());
    for (role, key) in [("facilitator", 0), ("secretary", 1), ("wall", 2)] {
        let resp = server
            .http
            .get(server.url(&format!("/api/sessions/{id}")))
            .bearer_auth(&secrets[key])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{role}");
        let text = resp.text().await.unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["role"], role);
        assert_eq!(v["id"], session["id"]);
        assert_eq!(v["code"], session["code"]);
        assert_eq!(v["join_url"], session["join_url"]);
        assert_eq!(v["questions"], session["questions"]);
        assert_eq!(v["phones"], 0);
        if role == "facilitator" {
            assert_eq!(v["links"]["wall_url"], session["wall_url"]);
        } else {
            // The wall is projected and the secretary only reads: neither sees other tokens.
            assert!(v["links"].is_null(), "{role} got links");
            for (i, secret) in secrets.iter().enumerate() {
                assert!(i == key || !text.contains(secret.as_str()), "{role} sees token {i}");
            }
        }
    }
    // An unknown id is 404 for a caller with some token, 401 for one without.
    let resp =
        server.http.get(server.url("/api/sessions/nosuchsession")).bearer_auth(&secrets[0]).send().await;
    let resp = resp.unwrap();
    assert_eq!(resp.status(), 404);
    assert_error(&resp.json().await.unwrap(), "session_not_found");
    let resp = server.http.get(server.url("/api/sessions/nosuchsession")).send().await.unwrap();
    assert_eq!(resp.status(), 401);
}
