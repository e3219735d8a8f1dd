//! Rounds (issue 8), on the server: planning rounds, running them, late contributions, live
//! editing, group talks, copying a session, and a database file written before rounds.

mod common;

use common::*;
use serde_json::{Value, json};

const Q: [&str; 3] = [
    "Vad väcker den föreslagna inriktningen för tankar hos dig?",
    "Vad lockar med föreslagen inriktning?",
    "Vilka frågetecken finns med föreslagen inriktning?",
];

/// The Värmland format: one round "Dialog 15 minuter" with three questions, then one question
/// for five minutes; eight tables.
async fn varmland(server: &TestServer) -> Value {
    server
        .create_session(json!({
            "title": "Uppdrag Värmland – träff 1",
            "rounds": [
                {"title": "Dialog 15 minuter", "duration_secs": 900, "questions": Q},
                {"title": "Reflektion", "duration_secs": 300, "questions": ["Vad tar du med dig?"]}
            ],
            "tables": (1..=8).map(|i| format!("Bord {i}")).collect::<Vec<_>>(),
            "closing_text": "Inspelen sammanställs och återrapporteras på riktningsmötet."
        }))
        .await
}

async fn submit(server: &TestServer, session: &Value, qid: &str, text: &str) -> (u16, Value) {
    let code = session["code"].as_str().unwrap();
    server.contribute(code, json!({"id": uuid(), "question_id": qid, "text": text, "table": "Bord 1"})).await
}

fn kinds(events: &[Value]) -> Vec<String> {
    events.iter().map(|e| e["kind"].as_str().unwrap_or("").to_string()).collect()
}

/// Events on `ws` until one of `kind` (inclusive).
async fn until(ws: &mut Ws, kind: &str) -> Vec<Value> {
    let mut out = Vec::new();
    loop {
        let e = next_of(ws, "event").await;
        let done = e["kind"] == kind;
        out.push(e);
        if done {
            return out;
        }
    }
}

#[tokio::test]
async fn a_round_of_three_questions_runs_with_one_time_box_and_keeps_late_words() {
    let server = TestServer::start().await;
    let s = varmland(&server).await;
    let rounds = s["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["question_ids"], json!(["q1", "q2", "q3"]));
    assert_eq!(
        (&rounds[0]["title"], &rounds[0]["duration_secs"]),
        (&json!("Dialog 15 minuter"), &json!(900))
    );
    assert_eq!(s["active_question_id"], "q1", "phones start on the first round");
    let mut phone = server.phone(&s, "round-phone").await;
    let mut wall = server.wall(&s, None).await;
    next_of(&mut phone, "hello").await;
    next_of(&mut wall, "hello").await;

    let (status, view) =
        server.facilitate(&s, "POST", "/rounds/r1/start", Some(json!({"auto_close": true}))).await;
    assert_eq!(status, 200, "{view}");
    let seen = until(&mut phone, "timer_changed").await;
    assert!(kinds(&seen).contains(&"round_started".to_string()), "{seen:?}");
    let timers: Vec<Value> =
        view["questions"].as_array().unwrap()[..3].iter().map(|q| q["timer"]["ends_at"].clone()).collect();
    assert!(
        timers.iter().all(|t| t == &timers[0] && t.is_string()),
        "one time box for the round: {timers:?}"
    );
    assert!(view["questions"][3]["timer"].is_null());

    // Tables write to whichever question they are on, in parallel.
    for (qid, text) in [("q1", "Spännande"), ("q2", "Samverkan"), ("q3", "Vem betalar?"), ("q1", "Bra")] {
        assert_eq!(submit(&server, &s, qid, text).await.0, 201);
    }
    // Next round: the three close, their countdowns stop, the reflection starts.
    let (status, view) = server.facilitate(&s, "POST", "/rounds/next", None).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["active_question_id"], "q4");
    for q in &view["questions"].as_array().unwrap()[..3] {
        assert_eq!((&q["state"], &q["timer"]), (&json!("closed"), &Value::Null), "{q}");
    }
    assert!(view["questions"][3]["timer"]["running"] == true, "the next round's time box runs");
    let mut seen = until(&mut wall, "round_started").await;
    seen.extend(until(&mut wall, "round_started").await);
    assert_eq!(seen.last().unwrap()["round_id"], "r2");
    assert_eq!(kinds(&seen).iter().filter(|k| *k == "question_closed").count(), 3, "{:?}", kinds(&seen));

    // Someone was still typing an answer to q1: within the grace period it is taken, marked late.
    let (status, late) = submit(&server, &s, "q1", "Skrev klart efter bytet").await;
    assert_eq!(status, 201, "{late}");
    assert_eq!((&late["question_id"], &late["late"]), (&json!("q1"), &json!(true)));
    let export = server.export(&s).await;
    let row =
        export["contributions"].as_array().unwrap().iter().find(|r| r["id"] == late["id"]).cloned().unwrap();
    assert_eq!(
        (&row["question_id"], &row["late"]),
        (&json!("q1"), &json!(true)),
        "filed under q1, marked late"
    );
    // With no grace period, a closed question refuses.
    let (status, _) = server.facilitate(&s, "PATCH", "", Some(json!({"late_grace_secs": 0}))).await;
    assert_eq!(status, 200);
    let (status, body) = submit(&server, &s, "q2", "För sent").await;
    assert_eq!(status, 409, "{body}");
    assert_error(&body, "question_closed");

    // After the last round: the session has ended and phones are told.
    let (status, view) = server.facilitate(&s, "POST", "/rounds/next", None).await;
    assert_eq!((status, &view["ended"]), (200, &json!(true)));
    until(&mut phone, "session_ended").await;
    let (status, again) = server.facilitate(&s, "POST", "/rounds/next", None).await;
    assert_eq!((status, &again["ended"]), (200, &json!(true)), "once more after the end changes nothing");
    let joined: Value = server
        .http
        .get(server.url(&format!("/api/join/{}", s["code"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        joined["settings"]["closing_text"],
        "Inspelen sammanställs och återrapporteras på riktningsmötet."
    );
    assert_eq!(joined["ended"], true);
}

#[tokio::test]
async fn questions_rounds_tables_and_settings_change_live_and_contributions_stay() {
    let server = TestServer::start().await;
    let s = varmland(&server).await;
    let mut phone = server.phone(&s, "edit-phone").await;
    let mut console = server.console(&s, None).await;
    next_of(&mut phone, "hello").await;
    next_of(&mut console, "hello").await;
    let (_, first) = submit(&server, &s, "q2", "Mer samverkan mellan kommunerna").await;

    // Fix a question's text: the card stays with it, the export shows the final text.
    let fixed = "Vad lockar med den föreslagna inriktningen?";
    let (status, _) = server.facilitate(&s, "PATCH", "/questions/q2", Some(json!({"text": fixed}))).await;
    assert_eq!(status, 200);
    let e = next_event(&mut phone, "question_edited").await;
    assert_eq!((&e["question_id"], &e["text"]), (&json!("q2"), &json!(fixed)));
    let export = server.export(&s).await;
    let row =
        export["contributions"].as_array().unwrap().iter().find(|r| r["id"] == first["id"]).cloned().unwrap();
    assert_eq!((&row["question_id"], &row["question"]), (&json!("q2"), &json!(fixed)));

    // Add a question to the running round, and one as a new round.
    let (status, view) = server
        .facilitate(&s, "POST", "/questions", Some(json!({"text": "Vad saknas?", "round_id": "r1"})))
        .await;
    assert_eq!(status, 201, "{view}");
    assert_eq!(view["rounds"][0]["question_ids"], json!(["q1", "q2", "q3", "q5"]));
    let e = next_event(&mut phone, "question_added").await;
    assert_eq!(e["question"]["id"], "q5");
    let (status, view) = server
        .facilitate(&s, "POST", "/questions", Some(json!({"text": "Vem gör vad?", "duration_secs": 600})))
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        view["rounds"][2],
        json!({"id": "r3", "title": "", "question_ids": ["q6"], "duration_secs": 600})
    );
    assert_eq!(submit(&server, &s, "q6", "Regionen samordnar").await.0, 201);

    // Reorder rounds; a plan that leaves a question out is refused and changes nothing.
    let plan = json!({"rounds": [
        {"id": "r3", "title": "Först", "question_ids": ["q6"]},
        {"id": "r1", "title": "Dialog 15 minuter", "duration_secs": 900, "question_ids": ["q1", "q2", "q3", "q5"]},
        {"id": "r2", "title": "Reflektion", "duration_secs": 300, "question_ids": ["q4"]}
    ]});
    let (status, view) = server.facilitate(&s, "PUT", "/rounds", Some(plan)).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["rounds"][0]["id"], "r3");
    let bad = json!({"rounds": [{"question_ids": ["q1"]}]});
    let (status, body) = server.facilitate(&s, "PUT", "/rounds", Some(bad)).await;
    assert_eq!(status, 422);
    assert_error(&body, "question_left_out");

    // Add and rename tables: the cards follow the new name; the log keeps the old one.
    let tables: Vec<String> = (1..=9).map(|i| format!("Bord {i}")).collect();
    let (status, _) = server.facilitate(&s, "PATCH", "", Some(json!({"tables": tables}))).await;
    assert_eq!(status, 200);
    let rename = json!({"what": "table", "from": "Bord 1", "to": "Bord Ett"});
    let (status, view) = server.facilitate(&s, "POST", "/rename", Some(rename)).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["tables"][0], "Bord Ett");
    let export = server.export(&s).await;
    assert!(export["contributions"].as_array().unwrap().iter().all(|r| r["table"] == "Bord Ett"));
    let seen = until(&mut console, "renamed").await;
    let added = seen.iter().find(|e| e["kind"] == "contribution_added").unwrap();
    assert_eq!(added["contribution"]["table"], "Bord 1", "the event log keeps what was true then");
    let (status, body) = submit(&server, &s, "q1", "Gamla namnet").await;
    assert_eq!(status, 422, "the old name is gone: {body}");

    // A wall that reconnects from the start replays every change in order.
    let mut wall = server.wall(&s, Some(0)).await;
    let hello = next_of(&mut wall, "hello").await;
    let seq = hello["seq"].as_u64().unwrap();
    let events = events_until(&mut wall, seq).await;
    let k = kinds(&events);
    for kind in ["question_edited", "question_added", "rounds_planned", "session_edited", "renamed"] {
        assert!(k.iter().any(|x| x == kind), "{kind} replayed: {k:?}");
    }
}

#[tokio::test]
async fn group_talks_give_questions_to_their_tables() {
    let server = TestServer::start().await;
    let s = server
        .create_session(json!({
            "title": "Samhällssamtal",
            "rounds": [{"title": "Gruppsamtal", "questions": [
                {"text": "Hur tar vi vara på civilsamhällets engagemang?", "tables": ["Grupp A"]},
                {"text": "Barn i ekonomisk utsatthet", "tables": ["Grupp B"]}
            ]}],
            "tables": ["Grupp A", "Grupp B"]
        }))
        .await;
    assert_eq!(s["questions"][0]["tables"], json!(["Grupp A"]));
    let bad = json!({"title": "x", "questions": [{"text": "y", "duration_secs": null, "tables": ["Grupp C"]}], "tables": ["Grupp A"]});
    let resp =
        server.http.post(server.url("/api/sessions")).bearer_auth(ADMIN).json(&bad).send().await.unwrap();
    assert_eq!(resp.status(), 422);
    assert_error(&resp.json().await.unwrap(), "unknown_table");
    let (status, view) = server
        .facilitate(&s, "PATCH", "/questions/q2", Some(json!({"tables": ["Grupp A", "Grupp B"]})))
        .await;
    assert_eq!((status, &view["questions"][1]["tables"]), (200, &json!(["Grupp A", "Grupp B"])));
    let (status, body) = server.facilitate(&s, "PATCH", "", Some(json!({"tables": ["Grupp B"]}))).await;
    assert_eq!(status, 409, "a table with its own question cannot just vanish: {body}");
}

#[tokio::test]
async fn a_session_is_copied_for_the_next_meeting_without_contributions() {
    let server = TestServer::start().await;
    let s = varmland(&server).await;
    let words = json!({"premoderation": true, "blocked_words": ["dumskalle"]});
    assert_eq!(server.facilitate(&s, "PUT", "/moderation", Some(words)).await.0, 200);
    submit(&server, &s, "q1", "Något").await;
    for token in ["secretary_token", "wall_token"] {
        assert_eq!(server.as_role(&s, token, "POST", "/duplicate", None).await.0, 401, "{token}");
    }
    let (status, copy) = server.facilitate(&s, "POST", "/duplicate", None).await;
    assert_eq!(status, 201, "{copy}");
    assert_ne!(copy["id"], s["id"]);
    assert_ne!(copy["facilitator_token"], s["facilitator_token"]);
    for field in ["title", "rounds", "questions", "tables", "perspectives", "settings", "premoderation"] {
        let want = if field == "premoderation" { json!(true) } else { s[field].clone() };
        assert_eq!(copy[field], want, "{field}");
    }
    let (_, moderation) = server.facilitate(&copy, "GET", "/moderation", None).await;
    assert_eq!(moderation["blocked_words"], json!(["dumskalle"]));
    assert!(server.export(&copy).await["contributions"].as_array().unwrap().is_empty());
    let id = s["id"].as_str().unwrap();
    let (status, _) = server.call("POST", &format!("/api/sessions/{id}/duplicate"), Some(ADMIN), None).await;
    assert_eq!(status, 201, "the admin may copy too");
}

#[tokio::test]
async fn only_the_facilitator_runs_and_edits_rounds() {
    let server = TestServer::start().await;
    let s = varmland(&server).await;
    let other = varmland(&server).await;
    let calls: [(&str, &str, Option<Value>); 8] = [
        ("POST", "/rounds/r1/start", None),
        ("POST", "/rounds/next", None),
        ("POST", "/rounds/r1/timer", Some(json!({"action": "start"}))),
        ("PUT", "/rounds", Some(json!({"rounds": [{"question_ids": ["q1", "q2", "q3", "q4"]}]}))),
        ("POST", "/questions", Some(json!({"text": "Ny fråga"}))),
        ("PATCH", "/questions/q1", Some(json!({"text": "Ändrad fråga"}))),
        ("PATCH", "", Some(json!({"closing_text": "Tack!"}))),
        ("POST", "/rename", Some(json!({"what": "perspective", "from": "Akademi", "to": "Akademin"}))),
    ];
    let id = s["id"].as_str().unwrap();
    for (method, rest, body) in &calls {
        let path = format!("/api/sessions/{id}{rest}");
        for token in [
            None,
            Some(s["secretary_token"].as_str().unwrap()),
            Some(s["wall_token"].as_str().unwrap()),
            Some(other["facilitator_token"].as_str().unwrap()),
            Some(ADMIN),
        ] {
            let (status, _) = server.call(method, &path, token, body.as_ref()).await;
            assert_eq!(status, 401, "{method} {rest} with {token:?}");
        }
        let (status, answer) = server.facilitate(&s, method, rest, body.clone()).await;
        assert!(status == 200 || status == 201, "{method} {rest}: {status} {answer}");
    }
}

#[tokio::test]
async fn a_database_written_before_rounds_opens_and_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("old.redb");
    std::fs::copy("tests/data/before-rounds.redb", &data).unwrap();
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/data/before-rounds.json").unwrap()).unwrap();
    let server = TestServer::start_on(data, |_| {}).await;
    let (status, view) = server.facilitate(&s, "GET", "", None).await;
    assert_eq!(status, 200, "{view}");
    let rounds: Vec<Value> = view["rounds"].as_array().unwrap().clone();
    assert_eq!(rounds.len(), 3, "one round per question");
    for (i, r) in rounds.iter().enumerate() {
        assert_eq!(r["question_ids"], json!([format!("q{}", i + 1)]));
    }
    assert_eq!(view["questions"][2]["state"], "closed");
    let export = server.export(&s).await;
    assert_eq!(
        export["contributions"].as_array().unwrap().len(),
        3,
        "the hidden one stays out of the default export"
    );
    assert_eq!(export["votes"].as_array().unwrap().len(), 1);
    // Old sessions run rounds like new ones.
    let (status, view) = server.facilitate(&s, "POST", "/rounds/r3/start", None).await;
    assert_eq!((status, &view["questions"][2]["state"]), (200, &json!("open")));
    let (status, c) = submit(&server, &s, "q3", "Efter uppgraderingen").await;
    assert_eq!(status, 201, "{c}");
    let mut wall = server.wall(&s, Some(0)).await;
    let hello = next_of(&mut wall, "hello").await;
    let events = events_until(&mut wall, hello["seq"].as_u64().unwrap()).await;
    assert!(kinds(&events).contains(&"round_started".to_string()));
}
