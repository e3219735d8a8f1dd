//! Who may do what: every /api endpoint against every kind of credential, and what the
//! participants' paths give away (nothing secret).

mod common;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cred {
    None,
    Admin,
    Facilitator,
    Secretary,
    Wall,
    /// The facilitator token of a different session.
    OtherFacilitator,
    /// The join code: known to everyone in the room, so it must never work as a token.
    JoinCode,
    Garbage,
    /// A table's discussion leader's link (Bord 1): its own page and summaries, nothing else.
    Leader,
}

use Cred::*;

const EVERY: [Cred; 9] =
    [None, Admin, Facilitator, Secretary, Wall, OtherFacilitator, JoinCode, Garbage, Leader];

fn token(c: Cred, mine: &Value, other: &Value) -> Option<String> {
    let field = |s: &Value, k: &str| s[k].as_str().expect(k).to_string();
    match c {
        None => Option::None,
        Admin => Some(ADMIN.to_string()),
        Facilitator => Some(field(mine, "facilitator_token")),
        Secretary => Some(field(mine, "secretary_token")),
        Wall => Some(field(mine, "wall_token")),
        OtherFacilitator => Some(field(other, "facilitator_token")),
        JoinCode => Some(field(mine, "code")),
        Garbage => Some("x".repeat(32)),
        Leader => Some(field(mine, "leader_token")),
    }
}

/// The council session with its Bord 1 discussion leader's token beside the others.
async fn council_with_leader(server: &TestServer) -> Value {
    let mut s = server.council().await;
    let (status, links) = server.facilitate(&s, "GET", "/leader-links", Option::None).await;
    assert_eq!(status, 200, "{links}");
    let url = links[0]["url"].as_str().expect("a link per table");
    assert_eq!(links[0]["table"], "Bord 1");
    s["leader_token"] = json!(url.split("#token=").nth(1).expect("the token in the fragment"));
    s
}

struct Case {
    method: Method,
    path: String,
    /// A fresh body per request (contributions need a new id each time).
    body: fn() -> Option<Value>,
    ok: u16,
    /// The credentials that get `ok`; every other one must get 401.
    allowed: &'static [Cred],
}

fn no_body() -> Option<Value> {
    Option::None
}

#[tokio::test]
async fn every_endpoint_against_every_credential() {
    let server = TestServer::start().await;
    let mine = council_with_leader(&server).await;
    let other = server.council().await;
    let id = mine["id"].as_str().unwrap();
    let code = mine["code"].as_str().unwrap();
    let case = |method: Method, path: String, ok, allowed| Case { method, path, body: no_body, ok, allowed };
    let readers: &[Cred] = &[Facilitator, Secretary];
    let cases = vec![
        case(Method::GET, "/api/sessions".into(), 200, &[Admin]),
        Case {
            body: || Some(json!({"title": "Ny", "questions": ["Q"]})),
            ..case(Method::POST, "/api/sessions".into(), 201, &[Admin])
        },
        case(Method::GET, format!("/api/sessions/{id}"), 200, &[Facilitator, Secretary, Wall]),
        case(Method::POST, format!("/api/sessions/{id}/questions/q1/activate"), 200, &[Facilitator]),
        case(Method::POST, format!("/api/sessions/{id}/questions/q2/close"), 200, &[Facilitator]),
        case(Method::POST, format!("/api/sessions/{id}/questions/q2/open"), 200, &[Facilitator]),
        case(Method::GET, format!("/api/sessions/{id}/export.json"), 200, readers),
        case(Method::GET, format!("/api/sessions/{id}/export.csv"), 200, readers),
        case(Method::GET, format!("/api/sessions/{id}/export.md"), 200, readers),
        case(Method::GET, format!("/api/sessions/{id}/export.docx"), 200, readers),
        case(Method::GET, format!("/api/sessions/{id}/export.xlsx"), 200, readers),
        case(Method::GET, format!("/api/sessions/{id}/report.html"), 200, readers),
        case(Method::GET, format!("/api/sessions/{id}/notes"), 200, readers),
        Case {
            body: || Some(json!({"question_id": "q1", "text": "Sekreteraren"})),
            ..case(Method::PUT, format!("/api/sessions/{id}/notes"), 200, readers)
        },
        // The discussion leader's link: its page and its table's summaries, and nothing else;
        // its links are the facilitator's to hand out.
        case(Method::GET, format!("/api/sessions/{id}/leader"), 200, &[Leader]),
        Case {
            body: || Some(json!({"question_id": "q1", "text": "Bord 1 sa"})),
            ..case(Method::PUT, format!("/api/sessions/{id}/leader/notes"), 200, &[Leader])
        },
        case(Method::GET, format!("/api/sessions/{id}/leader-links"), 200, &[Facilitator]),
        // QR codes are public by design: they encode only the join link shown on the slide.
        case(Method::GET, format!("/api/sessions/{id}/qr.svg"), 200, &EVERY),
        case(Method::GET, format!("/api/sessions/{id}/qr.png"), 200, &EVERY),
        // Participants hold no token; whatever they send along is ignored.
        case(Method::GET, format!("/api/join/{code}"), 200, &EVERY),
        Case {
            body: || Some(json!({"id": uuid(), "question_id": "q1", "text": "Hej"})),
            ..case(Method::POST, format!("/api/join/{code}/contributions"), 201, &EVERY)
        },
    ];

    // Every mismatch is collected, so one run shows the whole matrix.
    let wrong = matrix(&server, &mine, &other, &cases).await;
    assert!(wrong.is_empty(), "role matrix:\n{}", wrong.join("\n"));

    // Only the admin's POST created a session; contributions came from every credential.
    assert_eq!(server.sessions().await.len(), 3);
    assert_eq!(server.stored_ids(&mine).await.len(), EVERY.len());
    assert!(server.stored_ids(&other).await.is_empty());
}

const C1: &str = "00000000-0000-4000-8000-000000000001";
const C2: &str = "00000000-0000-4000-8000-000000000002";

/// Runs every case with every credential; returns the mismatches.
async fn matrix(server: &TestServer, mine: &Value, other: &Value, cases: &[Case]) -> Vec<String> {
    let mut wrong = Vec::new();
    for c in cases {
        for cred in EVERY {
            let mut req = server.http.request(c.method.clone(), server.url(&c.path));
            if let Some(t) = token(cred, mine, other) {
                req = req.bearer_auth(t);
            }
            if let Some(b) = (c.body)() {
                req = req.json(&b);
            }
            let resp = req.send().await.expect("send");
            let status = resp.status().as_u16();
            let want = if c.allowed.contains(&cred) { c.ok } else { 401 };
            if status != want {
                wrong.push(format!("{} {} as {cred:?}: {status}, expected {want}", c.method, c.path));
            } else if status == 401 {
                let body: Value = resp.json().await.unwrap_or(Value::Null);
                if body["code"] != "unauthorized" {
                    wrong.push(format!("{} {} as {cred:?}: 401 body {body}", c.method, c.path));
                }
            }
        }
    }
    wrong
}

/// The facilitation endpoints (issue 4): the facilitator steers; the secretary reads; the wall
/// sees the word cloud; participants vote with the join code only.
#[tokio::test]
async fn every_facilitation_endpoint_against_every_credential() {
    let server = TestServer::start().await;
    let mine = council_with_leader(&server).await;
    let other = server.council().await;
    let (id, code) = (mine["id"].as_str().unwrap(), mine["code"].as_str().unwrap());
    for (cid, text) in [(C1, "Fler kuratorer i skolan"), (C2, "Kuratorer i skolan")] {
        let (status, _) =
            server.contribute(code, json!({"id": cid, "question_id": "q1", "text": text})).await;
        assert_eq!(status, 201);
    }
    for name in ["Skolan", "Föreningar"] {
        let (status, _) = server.facilitate(&mine, "POST", "/themes", Some(json!({"name": name}))).await;
        assert_eq!(status, 201);
    }
    let start = json!({"question_id": "q1", "target": "contributions"});
    assert_eq!(server.facilitate(&mine, "POST", "/votes", Some(start)).await.0, 201);

    let s = |rest: &str| format!("/api/sessions/{id}{rest}");
    let case = |method: Method, path: String, ok, allowed| Case { method, path, body: no_body, ok, allowed };
    let f: &[Cred] = &[Facilitator];
    let cases = vec![
        case(Method::GET, s("/contributions"), 200, &[Facilitator, Secretary]),
        case(Method::POST, s(&format!("/contributions/{C1}/pin")), 200, f),
        Case {
            body: || Some(json!({"theme_id": "t1"})),
            ..case(Method::PUT, s(&format!("/contributions/{C1}/theme")), 200, f)
        },
        Case {
            body: || Some(json!({"into": C1})),
            ..case(Method::POST, s(&format!("/contributions/{C2}/merge")), 200, f)
        },
        case(Method::GET, s("/moderation"), 200, f),
        Case {
            body: || Some(json!({"premoderation": false})),
            ..case(Method::PUT, s("/moderation"), 200, f)
        },
        Case { body: || Some(json!({"name": "Nytt"})), ..case(Method::POST, s("/themes"), 201, f) },
        Case {
            body: || Some(json!({"name": "Skolan och elevhälsan"})),
            ..case(Method::PATCH, s("/themes/t1"), 200, f)
        },
        Case { body: || Some(json!({"themes": []})), ..case(Method::POST, s("/themes/accept"), 201, f) },
        Case { body: || Some(json!({"into": "t1"})), ..case(Method::POST, s("/themes/t2/merge"), 200, f) },
        case(Method::POST, s("/votes/v1/close"), 200, f),
        case(Method::POST, s("/votes/v1/reveal"), 200, f),
        case(Method::POST, s("/votes/v1/hide"), 200, f),
        Case {
            body: || Some(json!({"question_id": "q1", "target": "contributions"})),
            ..case(Method::POST, s("/votes"), 201, f)
        },
        Case {
            body: || Some(json!({"action": "start", "duration_secs": 600})),
            ..case(Method::POST, s("/questions/q1/timer"), 200, f)
        },
        case(Method::GET, s("/questions/q1/wordcloud.svg"), 200, &[Facilitator, Secretary, Wall]),
        case(Method::POST, s("/questions/q1/suggest-themes"), 200, f),
        // Participants: the join code is the only credential; a bearer token changes nothing.
        Case {
            body: || Some(json!({"item_id": C1, "dots": 1, "participant_id": uuid()})),
            ..case(Method::POST, format!("/api/join/{code}/votes/v2"), 200, &EVERY)
        },
    ];
    let wrong = matrix(&server, &mine, &other, &cases).await;
    assert!(wrong.is_empty(), "role matrix:\n{}", wrong.join("\n"));
    // One phone per credential put one dot each on C1 in v2.
    let (_, detail) = server.facilitate(&mine, "GET", "", Option::None).await;
    assert_eq!(detail["votes"][1]["totals"][C1], EVERY.len(), "{detail}");
}

#[tokio::test]
async fn other_sessions_tokens_do_not_steer_this_one() {
    let server = TestServer::start().await;
    let mine = server.council().await;
    let other = server.council().await;
    let id = mine["id"].as_str().unwrap();
    let url = server.url(&format!("/api/sessions/{id}/questions/q2/activate"));
    for t in ["facilitator_token", "secretary_token", "wall_token"] {
        let resp = server.http.post(&url).bearer_auth(other[t].as_str().unwrap()).send().await.unwrap();
        assert_eq!(resp.status(), 401, "other session's {t}");
    }
    // Nothing changed.
    let join = server.url(&format!("/api/join/{}", mine["code"].as_str().unwrap()));
    let info: Value = server.http.get(join).send().await.unwrap().json().await.unwrap();
    assert_eq!(info["active_question_id"], "q1");
}

/// Every secret `session` has, plus the admin token.
fn secrets(session: &Value) -> Vec<String> {
    let mut all: Vec<String> = ["facilitator_token", "secretary_token", "wall_token"]
        .iter()
        .map(|k| session[*k].as_str().unwrap().to_string())
        .collect();
    all.push(ADMIN.to_string());
    all
}

#[tokio::test]
async fn participant_paths_reveal_no_token() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    let secrets = secrets(&session);

    let mut bodies = Vec::new();
    let resp = server.http.get(server.url(&format!("/api/join/{code}"))).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let info = resp.text().await.unwrap();
    // It is the public view: the things a phone needs, and nothing else.
    let v: Value = serde_json::from_str(&info).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    // (Themes and votes are what the wall shows anyway; phones vote on the items.)
    assert_eq!(
        keys,
        [
            "active_question_id",
            "code",
            "ended",
            "perspectives",
            "premoderation",
            "questions",
            "rounds",
            "settings",
            "show_single",
            "tables",
            "themes",
            "title",
            "votes"
        ]
    );
    bodies.push(info);

    let resp = server
        .http
        .post(server.url(&format!("/api/join/{code}/contributions")))
        .json(&json!({"id": uuid(), "question_id": "q1", "text": "Hej"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    bodies.push(resp.text().await.unwrap());
    // The error paths too.
    let resp = server
        .http
        .post(server.url(&format!("/api/join/{code}/contributions")))
        .json(&json!({"id": uuid(), "question_id": "q1", "text": "Hej", "table": "Bord 9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    bodies.push(resp.text().await.unwrap());

    for body in &bodies {
        for s in &secrets {
            assert!(!body.contains(s.as_str()), "participant path leaks a token: {body}");
        }
    }
}

#[tokio::test]
async fn join_code_gives_no_way_to_the_session_id_paths() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    // The join code is not a session id: the token-guarded paths do not answer to it.
    for path in ["", "/export.json", "/export.csv"] {
        let url = server.url(&format!("/api/sessions/{code}{path}"));
        let resp = server.http.get(url).bearer_auth(code).send().await.unwrap();
        assert!(resp.status() == 401 || resp.status() == 404, "{path}: {}", resp.status());
    }
}
