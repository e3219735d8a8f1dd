//! Exports after facilitation: hidden and waiting contributions left out unless asked for,
//! themes and dot votes included.

mod common;

use common::*;
use serde_json::{Value, json};

async fn get(server: &TestServer, session: &Value, path: &str) -> reqwest::Response {
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/{path}")))
        .bearer_auth(session["secretary_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    resp
}

async fn post(server: &TestServer, session: &Value, path: &str, body: Value) -> Value {
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .post(server.url(&format!("/api/sessions/{id}/{path}")))
        .bearer_auth(session["facilitator_token"].as_str().unwrap())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().await.unwrap_or(Value::Null)
}

#[tokio::test]
async fn exports_show_what_the_room_saw_and_more_when_asked() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    let (kept, hidden, held) = (uuid(), uuid(), uuid());
    for (id, text) in [(&kept, "Mer tid för barnen"), (&hidden, "Off topic"), (&held, "Vilka idioter")] {
        let (status, _) = server.contribute(code, json!({"id": id, "question_id": "q1", "text": text})).await;
        assert_eq!(status, 201);
    }
    post(&server, &session, &format!("contributions/{hidden}/hide"), json!({})).await;
    let theme = post(&server, &session, "themes", json!({"name": "Tid", "question_id": "q1"})).await;
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .put(server.url(&format!("/api/sessions/{id}/contributions/{kept}/theme")))
        .bearer_auth(session["facilitator_token"].as_str().unwrap())
        .json(&json!({"theme_id": theme["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let vote =
        post(&server, &session, "votes", json!({"question_id": "q1", "target": "contributions"})).await;
    let vote_id = vote["id"].as_str().unwrap();
    let resp = server
        .http
        .post(server.url(&format!("/api/join/{code}/votes/{vote_id}")))
        .header("x-inspel-participant", "phone-1")
        .json(&json!({"item_id": kept, "dots": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // By default: only what the wall showed; with the theme and the dots.
    let default: Value = get(&server, &session, "export.json").await.json().await.unwrap();
    let rows = default["contributions"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{default}");
    assert_eq!(rows[0]["id"], kept.as_str());
    assert_eq!(rows[0]["theme"], "Tid");
    assert_eq!(rows[0]["dots"], 2);
    assert_eq!(default["themes"][0]["name"], "Tid");
    assert_eq!(
        default["votes"][0]["results"][0],
        json!({"item_id": kept, "label": "Mer tid för barnen", "dots": 2})
    );

    // Asked for: every one, each with its status.
    let all: Value = get(&server, &session, "export.json?include_hidden=true").await.json().await.unwrap();
    let status = |id: &str| {
        all["contributions"].as_array().unwrap().iter().find(|r| r["id"] == id).map(|r| r["status"].clone())
    };
    assert_eq!(status(&kept), Some(json!("visible")));
    assert_eq!(status(&hidden), Some(json!("hidden")));
    assert_eq!(status(&held), Some(json!("pending")));

    let csv = get(&server, &session, "export.csv").await.bytes().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&csv[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    // Theme, dots and status (in Swedish: the file speaks one language).
    assert_eq!((&records[0][6], &records[0][7], &records[0][8]), ("Tid", "2", "synlig"));

    let md = get(&server, &session, "export.md").await.text().await.unwrap();
    assert!(md.contains("**Tema: Tid** (1 inspel)"), "{md}");
    assert!(md.contains("## Prickröstning: Vad väcker"), "{md}");
    assert!(!md.contains("Dot vote"), "one language only: {md}");
    assert!(md.contains("- 2 ● Mer tid för barnen"), "{md}");
    assert!(!md.contains("Off topic") && !md.contains("idioter"), "{md}");
}
