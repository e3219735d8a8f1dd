//! The two server changes the web side of rounds needed (issue 8).
//!
//! - The console's "Visa hela passet" starts the round on show again to show all its
//!   questions after one was shown alone; that must not restart its countdown. Before the
//!   fix, starting a round always started its time box afresh.
//! - The secretary's JSON export says which contributions came in late (after their question
//!   closed, within the grace period). Before the fix, the export left it out.

mod common;

use common::*;
use serde_json::{Value, json};

async fn round_of_two(server: &TestServer) -> Value {
    server
        .create_session(json!({
            "title": "Dialog om fritid",
            "rounds": [
                {"title": "Dialog 15 minuter", "duration_secs": 900,
                 "questions": ["Vad fungerar bra?", "Vad saknas?"]},
                {"title": "Reflektion", "questions": ["Vad tar du med dig?"]}
            ]
        }))
        .await
}

fn timers(view: &Value) -> Vec<Value> {
    view["questions"].as_array().expect("questions")[..2].iter().map(|q| q["timer"].clone()).collect()
}

#[tokio::test]
async fn showing_the_whole_round_again_keeps_its_countdown() {
    let server = TestServer::start().await;
    let s = round_of_two(&server).await;
    let (status, started) = server.facilitate(&s, "POST", "/rounds/r1/start", None).await;
    assert_eq!(status, 200, "{started}");
    let before = timers(&started);
    assert!(before.iter().all(|t| t["running"] == true), "the round's time box started: {before:?}");

    let (status, alone) = server.facilitate(&s, "POST", "/questions/q2/activate", None).await;
    assert_eq!(status, 200, "{alone}");
    assert_eq!(alone["show_single"], true, "one question of the round shown alone");

    let (status, again) = server.facilitate(&s, "POST", "/rounds/r1/start", None).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["show_single"], false, "the whole round shown again");
    assert_eq!(timers(&again), before, "starting the round on show again restarted its countdown");

    // Another round, started later, still starts its own time box (and a round started anew
    // after another one does too).
    let (status, next) = server.facilitate(&s, "POST", "/rounds/next", None).await;
    assert_eq!(status, 200, "{next}");
    let (status, back) = server.facilitate(&s, "POST", "/rounds/r1/start", None).await;
    assert_eq!(status, 200, "{back}");
    assert!(
        timers(&back).iter().all(|t| t["running"] == true),
        "a round started again after another did not start its time box: {back}"
    );
}

#[tokio::test]
async fn the_json_export_marks_late_contributions() {
    let server = TestServer::start().await;
    let s = round_of_two(&server).await;
    let on_time = server.add(&s, "q1", "Skickat medan frågan var öppen.").await;
    let (status, _) = server.facilitate(&s, "POST", "/rounds/next", None).await;
    assert_eq!(status, 200);
    let late = server.add(&s, "q1", "Skrivet innan rummet gick vidare.").await;
    assert_eq!(late["late"], true, "the server took it as late: {late}");

    let export = server.export(&s).await;
    let row = |id: &Value| {
        export["contributions"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == *id)
            .cloned()
            .expect("row")
    };
    let late_row = row(&late["id"]);
    assert_eq!(late_row["late"], true, "the export does not mark the late contribution: {late_row}");
    assert_eq!(late_row["question_id"], "q1", "{late_row}");
    assert!(row(&on_time["id"]).get("late").is_none(), "a contribution on time is marked late");
}
