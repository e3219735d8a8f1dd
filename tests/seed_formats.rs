//! The four meeting formats of shared/scenarios.md, run as designed against the real server
//! (issue 8, done-when). The phone and wall pages for the first are in the browser tests
//! (tests/browser/rounds_varmland.mjs); here every format runs over HTTP and websockets.

mod common;

use common::*;
use serde_json::{Value, json};

fn ids_by_question(export: &Value) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for r in export["contributions"].as_array().unwrap() {
        *out.entry(r["question_id"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    out
}

async fn phone_submit(ws: &mut Ws, qid: &str, text: &str) -> Value {
    let id = uuid();
    send_json(ws, &submit_msg(&id, qid, text)).await;
    let ack = next_of(ws, "ack").await;
    assert_eq!(ack["id"], id.as_str());
    ack
}

/// 1. A regional council: "Reflektion runt borden – 5 min" (one question), then "Dialog 15
/// minuter" (three questions at once, each table at its own pace), 10 tables, 40 phones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn council_dialogue_runs_a_reflection_then_a_three_question_round() {
    let server = TestServer::start().await;
    let s = server
        .create_session(json!({
            "title": "Regionrådet: barns och ungas hälsa",
            "rounds": [
                {"title": "Reflektion runt borden – 5 min", "duration_secs": 300, "questions": ["Vad tänker du om förslaget?"]},
                {"title": "Dialog 15 minuter", "duration_secs": 900, "questions": [
                    "Vad väcker den föreslagna inriktningen för tankar hos dig?",
                    "Vad lockar med föreslagen inriktning?",
                    "Vilka frågetecken finns med föreslagen inriktning?"]}
            ],
            "tables": (1..=10).map(|i| format!("Bord {i}")).collect::<Vec<_>>()
        }))
        .await;
    assert_eq!(server.facilitate(&s, "POST", "/rounds/r1/start", None).await.0, 200);
    let mut phones = Vec::new();
    for n in 0..40 {
        let mut p = server.phone(&s, &format!("council-{n}")).await;
        next_of(&mut p, "hello").await;
        phones.push(p);
    }
    for p in phones.iter_mut().take(10) {
        phone_submit(p, "q1", "Bra att barnen kommer i fokus").await;
    }
    assert_eq!(server.facilitate(&s, "POST", "/rounds/next", None).await.0, 200);
    for p in &mut phones {
        let e = next_event(p, "round_started").await;
        assert_eq!(e["round_id"], "r2");
    }
    // Each table writes to whichever of the three it is on.
    for (n, p) in phones.iter_mut().enumerate() {
        let qid = format!("q{}", 2 + n % 3);
        phone_submit(p, &qid, &format!("Tanke från bord {}", n % 10 + 1)).await;
    }
    let (_, view) = server.facilitate(&s, "POST", "/rounds/next", None).await;
    assert_eq!(view["ended"], true);
    let counts = ids_by_question(&server.export(&s).await);
    assert_eq!(
        counts,
        [("q1", 10), ("q2", 14), ("q3", 13), ("q4", 13)].map(|(q, n)| (q.to_string(), n)).into()
    );
}

/// 2. A society dialogue: four parallel group talks, each with its own question and leader.
#[tokio::test]
async fn society_dialogue_runs_four_group_talks_in_one_round() {
    let server = TestServer::start().await;
    let groups = ["Grupp A", "Grupp B", "Grupp C", "Grupp D"];
    let questions = [
        "Hur tar vi vara på civilsamhällets engagemang?",
        "Hur gör vi skillnad för barn i ekonomisk utsatthet?",
        "Vad behöver eldsjälar på landsbygden för att orka?",
        "Vem bygger en fungerande delningsekonomi?",
    ];
    let s = server
        .create_session(json!({
            "title": "Samhällssamtal",
            "rounds": [{"title": "Gruppsamtal", "questions": questions.iter().zip(groups).map(|(q, g)| json!({"text": q, "duration_secs": null, "tables": [g]})).collect::<Vec<_>>()}],
            "tables": groups
        }))
        .await;
    for (i, g) in groups.iter().enumerate() {
        assert_eq!(s["questions"][i]["tables"], json!([g]), "each group has its own question");
    }
    let code = s["code"].as_str().unwrap();
    for (i, g) in groups.iter().enumerate() {
        for n in 0..5 {
            let body = json!({"id": uuid(), "question_id": format!("q{}", i + 1), "text": format!("{g} inspel {n}"), "table": g});
            assert_eq!(server.contribute(code, body).await.0, 201);
        }
    }
    let export = server.export(&s).await;
    for r in export["contributions"].as_array().unwrap() {
        let q = r["question_id"].as_str().unwrap();
        let i: usize = q[1..].parse().unwrap();
        assert_eq!(r["table"], groups[i - 1], "a group's words stay with its question: {r}");
    }
}

/// 3. An expedition: three meetings of one series, each starting from the last one's set-up.
#[tokio::test]
async fn expedition_meetings_start_from_the_last_one() {
    let server = TestServer::start().await;
    let first = server
        .create_session(json!({
            "title": "Uppdrag Värmland – en expedition mot utanförskap",
            "rounds": [{"title": "Tre perspektiv", "duration_secs": 1200, "questions": [
                "Vad betyder utanförskap ekonomiskt?", "…demokratiskt?", "…för folkhälsan?"]}],
            "tables": ["Ledning", "Arbetsplatser", "Idrott", "Civilsamhälle"],
        }))
        .await;
    server.add(&first, "q1", "Jobb är vägen in").await;
    let (status, second) = server.facilitate(&first, "POST", "/duplicate", None).await;
    assert_eq!(status, 201);
    let (status, third) = server.facilitate(&second, "POST", "/duplicate", None).await;
    assert_eq!(status, 201);
    for s in [&second, &third] {
        assert_eq!((&s["rounds"], &s["tables"]), (&first["rounds"], &first["tables"]));
        assert!(server.export(s).await["contributions"].as_array().unwrap().is_empty());
    }
    assert_eq!(server.export(&first).await["contributions"].as_array().unwrap().len(), 1);
}

/// 4. A national conference: hundreds of phones in one hall (one address), a burst when the
/// question opens, a moderated wall.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn national_conference_takes_a_burst_and_the_wall_shows_only_approved_words() {
    let server = TestServer::start().await;
    let s = server
        .create_session(json!({
            "title": "Nationell mötesplats för social hållbarhet",
            "questions": ["Vad vill jag att mötesplatsen gör som inte redan görs?"]
        }))
        .await;
    assert_eq!(
        server.facilitate(&s, "PUT", "/moderation", Some(json!({"premoderation": true}))).await.0,
        200
    );
    let mut wall = server.wall(&s, None).await;
    next_of(&mut wall, "hello").await;
    let mut phones = Vec::new();
    for n in 0..300 {
        let mut p = server.phone(&s, &format!("hall-{n}")).await;
        next_of(&mut p, "hello").await;
        phones.push(p);
    }
    // The burst: every phone sends at once, then reads its ack.
    let mut ids = Vec::new();
    for p in &mut phones {
        let id = uuid();
        send_json(p, &submit_msg(&id, "q1", "Samla kunskapen på ett ställe")).await;
        ids.push(id);
    }
    for (p, id) in phones.iter_mut().zip(&ids) {
        let ack = next_of(p, "ack").await;
        assert_eq!((&ack["id"], &ack["contribution"]["pending"]), (&json!(id), &json!(true)));
    }
    // Nothing reaches the wall until approved; then exactly the approved ones do.
    for id in &ids[..3] {
        let path = format!("/contributions/{id}/approve");
        assert_eq!(server.facilitate(&s, "POST", &path, None).await.0, 200);
    }
    for id in &ids[..3] {
        let e = next_event(&mut wall, "contribution_approved").await;
        assert_eq!(e["contribution"]["id"], json!(id));
    }
    let export = server.export(&s).await;
    assert_eq!(
        export["contributions"].as_array().unwrap().len(),
        3,
        "the default export has the approved ones"
    );
}
