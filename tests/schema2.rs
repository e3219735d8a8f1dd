//! Schema 2 (issue 11, bytes on disk per contribution): a file written with schema 1 migrates
//! when opened and reads back identically — the same event frames for a wall and the console
//! from seq 0, the same contributions and exports — and then goes on working.
//!
//! `tests/data/schema1.redb` was written by the code of schema 1 (commit 4d2a5c5) running
//! `write_schema1_fixture` below, which also wrote what that code answered to
//! `tests/data/schema1.json`. The test is ignored: it is how the files were made, and it makes
//! them again only on a build of schema 1 (`cargo test --test schema2 -- --ignored`).

mod common;

use common::*;
use serde_json::{Value, json};

const FIXTURE: &str = "tests/data/schema1.redb";
const EXPECTED: &str = "tests/data/schema1.json";

/// A session with a bit of everything that changes a card after it was added: pre-moderation
/// (approved and still waiting), hidden, pinned, themed, merged, a renamed table, a vote.
async fn scenario(server: &TestServer) -> Value {
    let s = server
        .create_session(json!({
            "title": "Schema 1",
            "questions": ["Vad väcker inriktningen för tankar?", "Vad tar du med dig?"],
            "tables": ["Bord 1", "Bord 2"],
            "perspectives": ["Näringsliv", "Akademi"],
        }))
        .await;
    let code = s["code"].as_str().unwrap().to_string();
    let add = |text: &str, table: Option<&str>, perspective: Option<&str>| {
        let mut body = json!({"id": uuid(), "question_id": "q1", "text": text});
        if let Some(t) = table {
            body["table"] = json!(t);
        }
        if let Some(p) = perspective {
            body["perspective"] = json!(p);
        }
        body
    };
    let mut ids = Vec::new();
    for body in [
        add("Mötesplatser för unga i hela länet", Some("Bord 1"), Some("Näringsliv")),
        add("Kollektivtrafik \"på riktigt\"\nockså på landsbygden", Some("Bord 2"), None),
        add("Mötesplatser för unga", Some("Bord 1"), Some("Akademi")),
        add(&"å".repeat(200), None, None),
    ] {
        let (status, c) = server.contribute(&code, body).await;
        assert_eq!(status, 201, "{c}");
        ids.push(c["id"].as_str().unwrap().to_string());
    }
    let ok = |(status, body): (u16, Value)| assert!((200..300).contains(&status), "{status} {body}");
    ok(server.facilitate(&s, "PUT", "/moderation", Some(json!({"premoderation": true}))).await);
    for text in ["Väntar på godkännande 🌱", "Väntar fortfarande"] {
        let (status, c) = server.contribute(&code, add(text, Some("Bord 1"), None)).await;
        assert!((200..300).contains(&status), "{c}");
        ids.push(c["id"].as_str().unwrap().to_string());
    }
    let act = |id: &str, action: &str| format!("/contributions/{id}/{action}");
    ok(server.facilitate(&s, "POST", &act(&ids[4], "approve"), None).await);
    ok(server.facilitate(&s, "PUT", "/moderation", Some(json!({"premoderation": false}))).await);
    ok(server.facilitate(&s, "POST", &act(&ids[1], "hide"), None).await);
    ok(server.facilitate(&s, "POST", &act(&ids[0], "pin"), None).await);
    let (status, theme) =
        server.facilitate(&s, "POST", "/themes", Some(json!({"name": "Unga", "question_id": "q1"}))).await;
    assert_eq!(status, 201, "{theme}");
    let theme_id = theme["id"].as_str().or(theme["theme"]["id"].as_str()).unwrap_or("t1").to_string();
    ok(server.facilitate(&s, "PUT", &act(&ids[0], "theme"), Some(json!({"theme_id": theme_id}))).await);
    ok(server.facilitate(&s, "POST", &act(&ids[2], "merge"), Some(json!({"into": ids[0]}))).await);
    ok(server
        .facilitate(&s, "POST", "/rename", Some(json!({"what": "table", "from": "Bord 1", "to": "Bord A"})))
        .await);
    ok(server
        .facilitate(&s, "POST", "/votes", Some(json!({"question_id": "q1", "target": "contributions"})))
        .await);
    s
}

/// Every event frame a socket replays from seq 0, up to the session's last.
async fn frames(mut ws: Ws) -> Vec<Value> {
    let hello = next_of(&mut ws, "hello").await;
    events_until(&mut ws, hello["seq"].as_u64().unwrap()).await
}

async fn text(server: &TestServer, s: &Value, path: &str) -> String {
    let id = s["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}{path}")))
        .bearer_auth(s["facilitator_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    resp.text().await.unwrap()
}

/// What the server answers about the session: what a migration must keep.
async fn observed(server: &TestServer, s: &Value) -> Value {
    let mut export = server.export(s).await;
    export.as_object_mut().unwrap().remove("exported_at");
    let (status, contributions) = server.facilitate(s, "GET", "/contributions", None).await;
    assert_eq!(status, 200);
    json!({
        "wall": frames(server.wall(s, Some(0)).await).await,
        "console": frames(server.console(s, Some(0)).await).await,
        "contributions": contributions,
        "export_json": export,
        "export_csv": text(server, s, "/export.csv").await,
    })
}

#[tokio::test]
#[ignore = "writes tests/data/schema1.*; run on a build of schema 1 only"]
async fn write_schema1_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("schema1.redb");
    let server = TestServer::start_on(data.clone(), |_| {}).await;
    let s = scenario(&server).await;
    let seen = observed(&server, &s).await;
    server.stop().await;
    std::fs::copy(&data, FIXTURE).unwrap();
    let expected = json!({"session": s, "observed": seen});
    std::fs::write(EXPECTED, serde_json::to_string_pretty(&expected).unwrap()).unwrap();
}

/// The schema version kept in the file.
fn schema_version(path: &std::path::Path) -> u32 {
    use redb::ReadableDatabase;
    let db = redb::Database::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(inspel::store::KEY_TO_META).unwrap();
    let v = meta.get("schema_version").unwrap().unwrap();
    u32::from_le_bytes(v.value().try_into().unwrap())
}

#[tokio::test]
async fn a_schema1_file_migrates_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("old.redb");
    std::fs::copy(FIXTURE, &data).unwrap();
    assert_eq!(schema_version(&data), 1, "the fixture is a file of schema 1");
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(EXPECTED).unwrap()).unwrap();
    let s = &expected["session"];
    let server = TestServer::start_on(data.clone(), |_| {}).await;
    let seen = observed(&server, s).await;
    for part in ["wall", "console", "contributions", "export_json", "export_csv"] {
        assert_eq!(seen[part], expected["observed"][part], "{part} after the migration");
    }
    server.stop().await;
    assert_eq!(schema_version(&data), inspel::store::SCHEMA_VERSION);

    // Opened again (nothing left to migrate), it still answers the same, and takes more.
    let server = TestServer::start_on(data.clone(), |_| {}).await;
    assert_eq!(observed(&server, s).await, expected["observed"]);
    let console = expected["observed"]["console"].as_array().unwrap();
    let last = console.last().unwrap()["seq"].as_u64().unwrap();
    let mut wall = server.wall(s, Some(last)).await;
    assert_eq!(next_of(&mut wall, "hello").await["seq"].as_u64(), Some(last));
    let id = uuid();
    let body = json!({"id": id, "question_id": "q1", "text": "Efter migreringen", "table": "Bord A"});
    let (status, c) = server.contribute(s["code"].as_str().unwrap(), body).await;
    assert_eq!(status, 201, "{c}");
    let live = next_event(&mut wall, "contribution_added").await;
    assert_eq!(live["seq"].as_u64(), Some(last + 1), "no gap after the migrated log");
    let replay = frames(server.console(s, Some(0)).await).await;
    assert_seqs(&replay, 1, last + 1);
    assert_eq!(replay[..replay.len() - 1], expected["observed"]["console"].as_array().unwrap()[..]);
    let replay = frames(server.wall(s, Some(0)).await).await;
    assert_eq!(replay.last(), Some(&live), "the new card replays as it was sent live");
    assert_eq!(replay[..replay.len() - 1], expected["observed"]["wall"].as_array().unwrap()[..]);
}
