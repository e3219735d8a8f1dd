//! The word cloud and suggested themes over HTTP, from real contributions.

mod common;

use common::*;
use serde_json::{Value, json};

async fn cloud(server: &TestServer, session: &Value, token_field: &str) -> (u16, String) {
    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/questions/q1/wordcloud.svg")))
        .bearer_auth(session[token_field].as_str().unwrap_or("nope"))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test]
async fn word_cloud_merges_inflections_drops_stop_words_and_escapes() {
    let server = TestServer::start().await;
    let session = server.council().await;
    for text in [
        "Barnen behöver mer rörelse i skolan",
        "Barnens hälsa måste komma först",
        "Alla barn ska ha en trygg skola",
        "<script>alert(1)</script> & barn",
    ] {
        server.add(&session, "q1", text).await;
    }
    server.add(&session, "q2", "Kulturskolan lockar").await;
    let (status, svg) = cloud(&server, &session, "wall_token").await;
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "{svg}");
    // "barn", "barnen", "barnens" are one word, shown once.
    assert_eq!(svg.matches(">barn<").count(), 1, "{svg}");
    assert!(!svg.contains(">barnen<") && !svg.contains(">barnens<"), "{svg}");
    // Stop words are gone; another question's words are not here.
    assert!(!svg.contains(">och<") && !svg.contains(">en<") && !svg.contains(">mer<"), "{svg}");
    assert!(!svg.contains("Kulturskolan") && !svg.contains("kulturskolan"), "{svg}");
    // Participants' text never becomes markup.
    assert!(!svg.contains("<script>"), "{svg}");
    assert_eq!(cloud(&server, &session, "secretary_token").await.0, 200);
    assert_eq!(cloud(&server, &session, "no_such_token").await.0, 401);
}

#[tokio::test]
async fn suggestions_group_by_content_and_can_be_accepted() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let school = [
        "Skolan behöver fler kuratorer",
        "Kuratorer i skolan gör skillnad",
        "Fler skolkuratorer och skolsköterskor",
        "Skolan måste ha kuratorer på plats",
    ];
    let sport = [
        "Föreningslivet når unga som skolan missar",
        "Idrottsföreningar behöver stöd för att nå unga",
        "Stöd föreningarna som når unga",
        "Fritidsgårdar och föreningar för unga",
    ];
    let mut ids = std::collections::HashMap::new();
    for t in school.iter().chain(sport.iter()) {
        let c = server.add(&session, "q1", t).await;
        ids.insert(c["id"].as_str().unwrap().to_string(), *t);
    }
    let (status, found) = server.facilitate(&session, "POST", "/questions/q1/suggest-themes", None).await;
    assert_eq!(status, 200, "{found}");
    let found = found.as_array().unwrap().clone();
    assert!(!found.is_empty(), "no suggestions");
    // No card is in two suggestions, and each suggestion is mostly one kind.
    let mut seen = std::collections::HashSet::new();
    for t in &found {
        assert!(!t["name"].as_str().unwrap().is_empty());
        let members: Vec<&str> = t["ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap()).collect();
        for m in &members {
            assert!(seen.insert(m.to_string()), "{m} suggested twice");
        }
        let schoolish = members.iter().filter(|m| school.contains(&ids[**m])).count();
        let majority = schoolish.max(members.len() - schoolish);
        assert!(majority * 4 >= members.len() * 3, "mixed suggestion: {t}");
    }
    // The facilitator accepts the first one (renamed): a theme exists with those cards.
    let first = &found[0];
    let accept =
        json!({"question_id": "q1", "themes": [{"name": "Vårt tema", "contribution_ids": first["ids"]}]});
    let (status, created) = server.facilitate(&session, "POST", "/themes/accept", Some(accept)).await;
    assert_eq!(status, 201, "{created}");
    let theme_id = created[0]["id"].as_str().unwrap().to_string();
    let (_, all) = server.facilitate(&session, "GET", "/contributions", None).await;
    let themed = all.as_array().unwrap().iter().filter(|c| c["theme_id"] == theme_id.as_str()).count();
    assert_eq!(themed, first["ids"].as_array().unwrap().len());
    // Suggesting again leaves out the cards already in a theme.
    let (_, again) = server.facilitate(&session, "POST", "/questions/q1/suggest-themes", None).await;
    for t in again.as_array().unwrap() {
        for m in t["ids"].as_array().unwrap() {
            assert!(!first["ids"].as_array().unwrap().contains(m), "already themed card suggested again");
        }
    }
    // Only the facilitator may ask.
    let (status, _) =
        server.as_role(&session, "wall_token", "POST", "/questions/q1/suggest-themes", None).await;
    assert_eq!(status, 401);
}
