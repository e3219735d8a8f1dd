//! Issue 11, the fixes that change what a client sees: static assets revalidate (ETag, 304) and
//! travel compressed, and a kept word cloud is made again as soon as its session changes.

mod common;

use common::{TestServer, WAIT, uuid};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};
use serde_json::json;

/// A second load of the phone page costs 304s, not the assets again; text travels compressed
/// in whichever encoding the browser accepts, and never to a client that did not ask.
#[tokio::test]
async fn static_assets_revalidate_with_304_and_travel_compressed() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().expect("code");
    let http = reqwest::Client::builder().timeout(WAIT).build().expect("client");
    for path in [format!("/j/{code}"), "/assets/js/api.js".into(), "/assets/i18n/sv.json?part=phone".into()] {
        let plain = http.get(server.url(&path)).send().await.expect("get");
        assert_eq!(plain.status(), 200, "{path}");
        assert!(plain.headers().get(CONTENT_ENCODING).is_none(), "{path}: compressed unasked");
        let tag = plain.headers().get(ETAG).expect("an ETag").clone();
        let body = plain.bytes().await.expect("body");
        assert!(!body.is_empty(), "{path}");

        for encoding in ["gzip", "br"] {
            let packed =
                http.get(server.url(&path)).header(ACCEPT_ENCODING, encoding).send().await.expect("get");
            assert_eq!(packed.status(), 200);
            assert_eq!(packed.headers().get(CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some(encoding));
            assert_eq!(packed.headers().get(ETAG), Some(&tag), "{path}: one validator for every encoding");
            let packed = packed.bytes().await.expect("body");
            assert!(
                packed.len() < body.len(),
                "{path}: {encoding} is {} of {} bytes",
                packed.len(),
                body.len()
            );
        }

        let again = http.get(server.url(&path)).header(IF_NONE_MATCH, tag.clone()).send().await.expect("get");
        assert_eq!(again.status(), 304, "{path}: the second load");
        assert_eq!(again.headers().get(ETAG), Some(&tag));
        assert!(again.bytes().await.expect("body").is_empty());

        let stale = http.get(server.url(&path)).header(IF_NONE_MATCH, "W/\"old\"").send().await.expect("get");
        assert_eq!(stale.status(), 200, "{path}: a changed file is sent in full");
    }
    // The phone's cut-down strings are not the whole file: they carry their own validator.
    let whole = http.get(server.url("/assets/i18n/sv.json")).send().await.expect("get");
    let cut = http.get(server.url("/assets/i18n/sv.json?part=phone")).send().await.expect("get");
    assert_ne!(whole.headers().get(ETAG), cut.headers().get(ETAG));
}

/// The cloud is kept while nothing changes, and made again after a contribution or a hide.
#[tokio::test]
async fn a_kept_word_cloud_follows_every_change() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().expect("code").to_string();
    let add = |text: &'static str| {
        let (server, code) = (&server, code.clone());
        async move {
            let (status, body) =
                server.contribute(&code, json!({"id": uuid(), "question_id": "q1", "text": text})).await;
            assert_eq!(status, 201, "{body}");
            body["id"].as_str().expect("id").to_string()
        }
    };
    let id = session["id"].as_str().expect("id");
    let token = session["wall_token"].as_str().expect("token");
    let cloud = || async {
        let path = format!("/api/sessions/{id}/questions/q1/wordcloud.svg");
        let resp = server.http.get(server.url(&path)).bearer_auth(token).send().await.expect("cloud");
        assert_eq!(resp.status(), 200);
        resp.text().await.expect("svg")
    };
    add("Skolan behöver fler kuratorer").await;
    let first = cloud().await;
    assert!(first.contains("kuratorer"), "{first}");
    assert_eq!(cloud().await, first, "nothing changed: the same cloud");

    let later = add("Simhallen i Tibro").await;
    let second = cloud().await;
    assert!(second.contains("simhallen"), "a new contribution is in the next cloud: {second}");

    let (status, _) =
        server.facilitate(&session, "POST", &format!("/contributions/{later}/hide"), None).await;
    assert_eq!(status, 200);
    let third = cloud().await;
    assert!(!third.contains("simhallen"), "a hidden card leaves the next cloud: {third}");
}
