//! Series of meetings and the meeting's place (issue 9, item 6): a series is named at creation,
//! changed by PATCH (an event walls and consoles follow) and kept by a copy; only the admin adds
//! a meeting to a series that has meetings; the series reads with the admin token or a
//! facilitator or secretary token of one of its meetings, and nothing else.

mod common;

use common::*;
use serde_json::{Value, json};

async fn series_meeting(server: &TestServer, title: &str, series: &str, place: Option<&str>) -> Value {
    let mut body = json!({"title": title, "questions": ["Vad hindrar?", "Vad hjälper?"], "series": series});
    if let Some(p) = place {
        body["place"] = json!(p);
    }
    server.create_session(body).await
}

#[tokio::test]
async fn a_series_is_set_at_creation_changed_by_patch_and_kept_by_a_copy() {
    let server = TestServer::start().await;
    let s = series_meeting(&server, "Träff 1", "  Uppdrag   Värmland ", Some("Karlstad, Residenset")).await;
    assert_eq!(s["series"], json!({"id": "uppdrag-varmland", "name": "Uppdrag Värmland"}));
    assert_eq!(s["place"], "Karlstad, Residenset");
    let (status, detail) = server.as_role(&s, "secretary_token", "GET", "", None).await;
    assert_eq!(status, 200);
    assert_eq!(detail["series"]["id"], "uppdrag-varmland");
    assert_eq!(detail["place"], "Karlstad, Residenset");

    // Changes are events, in order, for consoles and walls; what is not changed is absent.
    let mut console = server.console(&s, None).await;
    let (status, view) =
        server.facilitate(&s, "PATCH", "", Some(json!({"place": "Arvika, Folkets hus"}))).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["place"], "Arvika, Folkets hus");
    let ev = next_event(&mut console, "session_edited").await;
    assert_eq!(ev["place"], "Arvika, Folkets hus");
    assert!(ev.get("series").is_none() && ev.get("title").is_none(), "{ev}");

    let (status, view) = server.facilitate(&s, "PATCH", "", Some(json!({"series": null, "place": ""}))).await;
    assert_eq!(status, 200, "{view}");
    assert!(view["series"].is_null() && view["place"].is_null(), "{view}");
    let ev = next_event(&mut console, "session_edited").await;
    assert!(ev["series"].is_null() && ev.get("series").is_some(), "taken away travels as null: {ev}");

    // Its own series again (no meeting is in it now, so the facilitator may).
    let (status, view) = server
        .facilitate(&s, "PATCH", "", Some(json!({"series": "uppdrag värmland", "place": "Karlstad"})))
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["series"]["id"], "uppdrag-varmland");
    // The same series spelt anew is a new name, not a change of series.
    let (status, view) =
        server.facilitate(&s, "PATCH", "", Some(json!({"series": "Uppdrag Värmland"}))).await;
    assert_eq!((status, view["series"]["name"].as_str()), (200, Some("Uppdrag Värmland")));

    // A copy for the next meeting keeps the series, not the place.
    let (status, copy) = server.facilitate(&s, "POST", "/duplicate", None).await;
    assert_eq!(status, 201, "{copy}");
    assert_eq!(copy["series"], json!({"id": "uppdrag-varmland", "name": "Uppdrag Värmland"}));
    assert!(copy["place"].is_null(), "{copy}");

    // Names that make no id, or too long, are refused plainly.
    for bad in [json!("?!"), json!("   "), json!("å".repeat(101))] {
        let (status, body) = server.facilitate(&s, "PATCH", "", Some(json!({"series": bad}))).await;
        assert_eq!(status, 422, "{bad}: {body}");
    }
    let (status, body) = server.facilitate(&s, "PATCH", "", Some(json!({"place": "x".repeat(201)}))).await;
    assert_eq!(status, 422, "{body}");
    let resp = server
        .http
        .post(server.url("/api/sessions"))
        .bearer_auth(ADMIN)
        .json(&json!({"title": "T", "questions": ["Q"], "series": "🙂?"}))
        .send()
        .await
        .unwrap();
    // An emoji has a name to make an id from: the series exists.
    assert_eq!(resp.status(), 201);
    let made: Value = resp.json().await.unwrap();
    assert!(!made["series"]["id"].as_str().unwrap().is_empty(), "{made}");

    // The log keeps every change: a console that starts from nothing sees them in order.
    let mut replay = server.console(&s, Some(0)).await;
    let first = next_event(&mut replay, "session_edited").await;
    assert_eq!(first["place"], "Arvika, Folkets hus");
}

#[tokio::test]
async fn only_the_admin_adds_a_meeting_to_a_series_that_has_meetings() {
    let server = TestServer::start().await;
    let a = series_meeting(&server, "Träff 1", "Uppdrag Värmland", None).await;
    let b = server.council().await;
    // A facilitator naming someone else's series would read all of it: refused.
    let (status, body) =
        server.facilitate(&b, "PATCH", "", Some(json!({"series": "UPPDRAG VÄRMLAND"}))).await;
    assert_eq!(status, 403, "{body}");
    assert_error(&body, "series_taken");
    let (status, body) = server
        .call(
            "PATCH",
            &format!("/api/sessions/{}", b["id"].as_str().unwrap()),
            Some(ADMIN),
            Some(&json!({"series": "Uppdrag Värmland"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["series"]["id"], "uppdrag-varmland");
    // The admin's token files meetings into series; it does not run them.
    let (status, _) = server
        .call(
            "PATCH",
            &format!("/api/sessions/{}", b["id"].as_str().unwrap()),
            Some(ADMIN),
            Some(&json!({"title": "Annat", "place": "Karlstad"})),
        )
        .await;
    assert_eq!(status, 401);
    // Leaving, and starting a series of one's own, need no one else.
    let (status, body) = server.facilitate(&b, "PATCH", "", Some(json!({"series": "Eget arbete"}))).await;
    assert_eq!((status, body["series"]["id"].as_str()), (200, Some("eget-arbete")));

    // A series holds at most MAX_MEETINGS_PER_SERIES (20) meetings, however they come.
    for i in 2..=20 {
        series_meeting(&server, &format!("Träff {i}"), "Uppdrag Värmland", None).await;
    }
    let (status, body) = server
        .call(
            "POST",
            "/api/sessions",
            Some(ADMIN),
            Some(&json!({"title": "21", "questions": ["Q"], "series": "Uppdrag Värmland"})),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_error(&body, "series_full");
    let (status, body) = server.facilitate(&a, "POST", "/duplicate", None).await;
    assert_eq!(status, 409, "{body}");
    let (status, body) = server
        .call(
            "PATCH",
            &format!("/api/sessions/{}", b["id"].as_str().unwrap()),
            Some(ADMIN),
            Some(&json!({"series": "Uppdrag Värmland"})),
        )
        .await;
    assert_eq!(status, 409, "{body}");
}

#[tokio::test]
async fn the_series_reads_with_the_admin_or_a_token_of_one_of_its_meetings_only() {
    let server = TestServer::start().await;
    let a = series_meeting(&server, "Träff 1", "Uppdrag Värmland", Some("Karlstad, Residenset")).await;
    let (_, b) = server.facilitate(&a, "POST", "/duplicate", None).await;
    let other = series_meeting(&server, "Annat", "Dalarnas lärprojekt", None).await;
    server.add(&a, "q1", "Långa avstånd").await;
    server.add(&a, "q2", "Föreningslivet").await;
    let hidden = server.add(&b, "q1", "Dold").await;
    let path = format!("/contributions/{}/hide", hidden["id"].as_str().unwrap());
    assert_eq!(server.facilitate(&b, "POST", &path, None).await.0, 200);
    server.add(&b, "q1", "Kollektivtrafiken").await;

    let token = |s: &Value, role: &str| s[role].as_str().unwrap().to_string();
    let allowed = [
        (ADMIN.to_string(), "admin"),
        (token(&a, "secretary_token"), "secretary"),
        (token(&b, "facilitator_token"), "facilitator"),
    ];
    for (t, reader) in &allowed {
        let (status, body) = server.call("GET", "/api/series/uppdrag-varmland", Some(t), None).await;
        assert_eq!(status, 200, "{reader}: {body}");
        assert_eq!(body["reader"], *reader);
        assert_eq!(body["name"], "Uppdrag Värmland");
        let meetings = body["meetings"].as_array().unwrap();
        assert_eq!(meetings.len(), 2, "the whole series, whichever meeting the token is of");
        assert_eq!(meetings[0]["id"], a["id"]);
        assert_eq!(meetings[0]["place"], "Karlstad, Residenset");
        assert_eq!(
            (meetings[0]["contributions"].as_u64(), meetings[1]["contributions"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(meetings[1]["phones"], 2, "each contribution without a phone id counts as a phone");
        assert_eq!(meetings[1]["secretary_url"], b["secretary_url"]);
        for ext in ["docx", "xlsx", "csv"] {
            let (status, _) = server
                .call("GET", &format!("/api/series/uppdrag-varmland/export.{ext}"), Some(t), None)
                .await;
            assert_eq!(status, 200, "{reader} {ext}");
        }
    }
    let refused = [
        (None, "no token"),
        (Some(token(&a, "wall_token")), "a wall token (walls may be public)"),
        (Some(token(&other, "facilitator_token")), "another series' facilitator"),
        (Some("not-a-token".to_string()), "a wrong token"),
    ];
    for (t, who) in &refused {
        for path in ["", "/export.docx", "/export.xlsx", "/export.csv"] {
            let (status, body) =
                server.call("GET", &format!("/api/series/uppdrag-varmland{path}"), t.as_deref(), None).await;
            assert_eq!(status, 401, "{who} {path}: {body}");
        }
    }
    // An unknown series: 404 for the admin, and no hint for anyone else.
    let (status, body) = server.call("GET", "/api/series/finns-inte", Some(ADMIN), None).await;
    assert_eq!(status, 404, "{body}");
    assert_error(&body, "series_not_found");
    let (status, _) =
        server.call("GET", "/api/series/finns-inte", Some(&token(&a, "facilitator_token")), None).await;
    assert_eq!(status, 401);
    // A meeting that leaves the series takes its token's reach with it.
    let (status, _) = server.facilitate(&b, "PATCH", "", Some(json!({"series": null}))).await;
    assert_eq!(status, 200);
    let (status, _) =
        server.call("GET", "/api/series/uppdrag-varmland", Some(&token(&b, "facilitator_token")), None).await;
    assert_eq!(status, 401);
    // The page itself is public (it holds no data; its script asks with the token).
    let page = server.http.get(server.url("/series/uppdrag-varmland")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("/assets/js/series.js"));
}

#[tokio::test]
async fn the_earlier_meetings_themes_come_with_counts_and_examples() {
    let server = TestServer::start().await;
    let a = series_meeting(&server, "Träff 1", "Uppdrag Värmland", None).await;
    let mut ids = Vec::new();
    for text in ["Bussar som går sällan", "Tåget till Oslo", "Bussar på kvällen", "Föreningar"] {
        ids.push(server.add(&a, "q1", text).await["id"].as_str().unwrap().to_string());
    }
    let (status, theme) = server
        .facilitate(&a, "POST", "/themes", Some(json!({"name": "Kollektivtrafik", "question_id": "q1"})))
        .await;
    assert_eq!(status, 201, "{theme}");
    let tid = theme["id"].as_str().unwrap().to_string();
    for id in &ids[..3] {
        let (status, body) = server
            .facilitate(&a, "PUT", &format!("/contributions/{id}/theme"), Some(json!({"theme_id": tid})))
            .await;
        assert_eq!(status, 200, "{body}");
    }
    // A duplicate counts in its card's theme, and makes that card the first example.
    let (status, body) = server
        .facilitate(&a, "POST", &format!("/contributions/{}/merge", ids[2]), Some(json!({"into": ids[1]})))
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, b) = server.facilitate(&a, "POST", "/duplicate", None).await;
    let (status, body) =
        server.call("GET", "/api/series/uppdrag-varmland", b["facilitator_token"].as_str(), None).await;
    assert_eq!(status, 200, "{body}");
    let themes = &body["meetings"][0]["themes"];
    assert_eq!(themes.as_array().unwrap().len(), 1, "{themes}");
    assert_eq!(themes[0]["name"], "Kollektivtrafik");
    assert_eq!(themes[0]["count"], 3);
    assert_eq!(themes[0]["examples"], json!(["Tåget till Oslo", "Bussar som går sällan"]));
    assert_eq!(body["meetings"][1]["themes"], json!([]));
}
