//! The service endpoints: /healthz, /api/openapi.json, and the security headers every response
//! carries.

mod common;

use common::*;
use serde_json::{Value, json};

async fn openapi(server: &TestServer) -> Value {
    let resp = server.http.get(server.url("/api/openapi.json")).send().await.expect("send");
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("json")
}

#[tokio::test]
async fn healthz_answers() {
    let server = TestServer::start().await;
    let resp = server.http.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.unwrap(), "ok");
}

/// Every endpoint the server has, with its methods.
const ENDPOINTS: [(&str, &[&str]); 47] = [
    ("/healthz", &["get"]),
    ("/api/sessions", &["get", "post"]),
    ("/api/sessions/{id}", &["get", "patch"]),
    ("/api/sessions/{id}/questions/{question_id}/{action}", &["post"]),
    ("/api/sessions/{id}/qr.svg", &["get"]),
    ("/api/sessions/{id}/qr.png", &["get"]),
    ("/api/sessions/{id}/export.json", &["get"]),
    ("/api/sessions/{id}/export.csv", &["get"]),
    ("/api/sessions/{id}/export.md", &["get"]),
    ("/api/sessions/{id}/export.docx", &["get"]),
    ("/api/sessions/{id}/export.xlsx", &["get"]),
    ("/api/sessions/{id}/report.html", &["get"]),
    ("/api/sessions/{id}/notes", &["get", "put"]),
    ("/api/sessions/{id}/leader", &["get"]),
    ("/api/sessions/{id}/leader/notes", &["put"]),
    ("/api/sessions/{id}/leader-links", &["get"]),
    ("/api/join/{code}", &["get"]),
    ("/api/join/{code}/contributions", &["post"]),
    ("/api/join/{code}/votes/{vote_id}", &["post"]),
    ("/api/sessions/{id}/contributions", &["get"]),
    ("/api/sessions/{id}/contributions/{contribution_id}/{action}", &["post"]),
    ("/api/sessions/{id}/contributions/{contribution_id}/theme", &["put"]),
    ("/api/sessions/{id}/contributions/{contribution_id}/merge", &["post"]),
    ("/api/sessions/{id}/moderation", &["get", "put"]),
    ("/api/sessions/{id}/themes", &["post"]),
    ("/api/sessions/{id}/themes/accept", &["post"]),
    ("/api/sessions/{id}/themes/{theme_id}", &["patch"]),
    ("/api/sessions/{id}/themes/{theme_id}/merge", &["post"]),
    ("/api/sessions/{id}/votes", &["post"]),
    ("/api/sessions/{id}/votes/{vote_id}/close", &["post"]),
    ("/api/sessions/{id}/votes/{vote_id}/reveal", &["post"]),
    ("/api/sessions/{id}/votes/{vote_id}/hide", &["post"]),
    ("/api/sessions/{id}/questions/{question_id}/timer", &["post"]),
    ("/api/sessions/{id}/questions/{question_id}/wordcloud.svg", &["get"]),
    ("/api/sessions/{id}/questions/{question_id}/suggest-themes", &["post"]),
    ("/api/sessions/{id}/rounds", &["put"]),
    ("/api/sessions/{id}/rounds/next", &["post"]),
    ("/api/sessions/{id}/rounds/{round_id}/start", &["post"]),
    ("/api/sessions/{id}/rounds/{round_id}/timer", &["post"]),
    ("/api/sessions/{id}/questions", &["post"]),
    ("/api/sessions/{id}/questions/{question_id}", &["patch"]),
    ("/api/sessions/{id}/rename", &["post"]),
    ("/api/sessions/{id}/duplicate", &["post"]),
    ("/api/series/{series_id}", &["get"]),
    ("/api/series/{series_id}/export.docx", &["get"]),
    ("/api/series/{series_id}/export.xlsx", &["get"]),
    ("/api/series/{series_id}/export.csv", &["get"]),
];

#[tokio::test]
async fn openapi_lists_every_endpoint() {
    let server = TestServer::start().await;
    let doc = openapi(&server).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{}", doc["openapi"]);
    let paths = doc["paths"].as_object().expect("paths");
    for (path, methods) in ENDPOINTS {
        let item = paths.get(path).unwrap_or_else(|| panic!("{path} missing from {:?}", paths.keys()));
        for m in methods {
            assert!(item.get(*m).is_some(), "{m} {path} undocumented");
        }
    }
    // Nothing documented that does not exist (a stale path would mislead integrators).
    assert_eq!(paths.len(), ENDPOINTS.len(), "{:?}", paths.keys());
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    // The token-guarded endpoints say so; the participants' do not.
    let secured = |p: &str, m: &str| paths[p][m]["security"].as_array().is_some_and(|s| !s.is_empty());
    assert!(secured("/api/sessions", "post"));
    assert!(secured("/api/sessions/{id}/export.csv", "get"));
    assert!(!secured("/api/join/{code}/contributions", "post"));
}

/// The statuses `doc` lists for `method path`.
fn documented(doc: &Value, path: &str, method: &str) -> Vec<u16> {
    let responses = doc["paths"][path][method]["responses"].as_object();
    let responses = responses.unwrap_or_else(|| panic!("no responses for {method} {path}"));
    responses.keys().map(|k| k.parse().expect("numeric status")).collect()
}

/// Sends each (method, documented path, real path, token, body) and checks that the status the
/// server answers is one the description lists, so clients generated from it handle it.
async fn answers_are_documented(
    server: &TestServer,
    requests: Vec<(&str, &str, String, Option<String>, Value)>,
) {
    let doc = openapi(server).await;
    let mut wrong = Vec::new();
    for (method, doc_path, path, token, body) in requests {
        let mut req = server.http.request(method.to_uppercase().parse().unwrap(), server.url(&path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if !body.is_null() {
            req = req.json(&body);
        }
        let status = req.send().await.expect("send").status().as_u16();
        let listed = documented(&doc, doc_path, method);
        if !listed.contains(&status) {
            wrong.push(format!("{method} {path}: {status} not in {listed:?}"));
        }
    }
    assert!(wrong.is_empty(), "undocumented answers:\n{}", wrong.join("\n"));
}

#[tokio::test]
async fn common_answers_are_documented() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let (id, code) = (s["id"].as_str().unwrap(), s["code"].as_str().unwrap());
    let fac = Some(s["facilitator_token"].as_str().unwrap().to_string());
    let admin = Some(ADMIN.to_string());
    let contribution = json!({"id": uuid(), "question_id": "q1", "text": "Hej"});
    let q = "/api/sessions/{id}/questions/{question_id}/{action}";
    let requests = vec![
        ("get", "/healthz", "/healthz".to_string(), None, Value::Null),
        ("get", "/api/sessions", "/api/sessions".into(), admin.clone(), Value::Null),
        ("get", "/api/sessions", "/api/sessions".into(), None, Value::Null),
        (
            "post",
            "/api/sessions",
            "/api/sessions".into(),
            admin.clone(),
            json!({"title": "T", "questions": ["Q"]}),
        ),
        ("post", "/api/sessions", "/api/sessions".into(), None, json!({"title": "T", "questions": ["Q"]})),
        (
            "post",
            "/api/sessions",
            "/api/sessions".into(),
            admin.clone(),
            json!({"title": "", "questions": ["Q"]}),
        ),
        ("post", "/api/sessions", "/api/sessions".into(), admin.clone(), json!({"title": 1})),
        ("get", "/api/sessions/{id}", format!("/api/sessions/{id}"), fac.clone(), Value::Null),
        ("get", "/api/sessions/{id}", format!("/api/sessions/{id}"), None, Value::Null),
        ("get", "/api/sessions/{id}", "/api/sessions/nosuch".into(), fac.clone(), Value::Null),
        ("post", q, format!("/api/sessions/{id}/questions/q2/activate"), fac.clone(), Value::Null),
        ("post", q, format!("/api/sessions/{id}/questions/q2/activate"), None, Value::Null),
        ("post", q, format!("/api/sessions/{id}/questions/q9/close"), fac.clone(), Value::Null),
        ("get", "/api/sessions/{id}/qr.svg", format!("/api/sessions/{id}/qr.svg"), None, Value::Null),
        ("get", "/api/sessions/{id}/qr.png", "/api/sessions/nosuch/qr.png".into(), None, Value::Null),
        (
            "get",
            "/api/sessions/{id}/export.csv",
            format!("/api/sessions/{id}/export.csv"),
            fac.clone(),
            Value::Null,
        ),
        ("get", "/api/sessions/{id}/export.md", format!("/api/sessions/{id}/export.md"), None, Value::Null),
        (
            "get",
            "/api/sessions/{id}/export.json",
            "/api/sessions/nosuch/export.json".into(),
            fac,
            Value::Null,
        ),
        ("get", "/api/join/{code}", format!("/api/join/{code}"), None, Value::Null),
        ("get", "/api/join/{code}", "/api/join/XXXXXX".into(), None, Value::Null),
        (
            "post",
            "/api/join/{code}/contributions",
            format!("/api/join/{code}/contributions"),
            None,
            contribution.clone(),
        ),
        (
            "post",
            "/api/join/{code}/contributions",
            format!("/api/join/{code}/contributions"),
            None,
            contribution,
        ),
        (
            "post",
            "/api/join/{code}/contributions",
            format!("/api/join/{code}/contributions"),
            None,
            json!({"id": "x"}),
        ),
        (
            "post",
            "/api/join/{code}/contributions",
            format!("/api/join/{code}/contributions"),
            None,
            json!({"id": uuid(), "question_id": "q1", "text": ""}),
        ),
    ];
    answers_are_documented(&server, requests).await;
}

#[tokio::test]
async fn edge_answers_are_documented() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let id = s["id"].as_str().unwrap();
    let big = json!({"title": "T", "questions": ["å".repeat(40_000)]});
    let requests = vec![
        (
            "get",
            "/api/sessions/{id}/qr.svg",
            format!("/api/sessions/{id}/qr.svg?table=Nej"),
            None,
            Value::Null,
        ),
        (
            "get",
            "/api/sessions/{id}/qr.png",
            format!("/api/sessions/{id}/qr.png?table=Nej"),
            None,
            Value::Null,
        ),
        ("post", "/api/sessions", "/api/sessions".into(), Some(ADMIN.to_string()), big),
    ];
    answers_are_documented(&server, requests).await;
}

#[tokio::test]
async fn security_headers_on_every_kind_of_response() {
    let server = TestServer::start().await;
    let s = server.council().await;
    let id = s["id"].as_str().unwrap();
    // A plain answer, JSON, an image, a download, an error and a missing route.
    let paths = [
        "/healthz".to_string(),
        "/api/openapi.json".into(),
        format!("/api/sessions/{id}/qr.svg"),
        format!("/api/sessions/{id}/export.csv"),
        "/api/sessions".into(),
        "/no/such/page".into(),
    ];
    for path in paths {
        let resp = server.http.get(server.url(&path)).send().await.unwrap();
        let h = |name: &str| {
            resp.headers()
                .get(name)
                .unwrap_or_else(|| panic!("{path}: no {name}"))
                .to_str()
                .unwrap()
                .to_string()
        };
        let csp = h("content-security-policy");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        for needed in
            ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]
        {
            assert!(directives.contains(&needed), "{path}: {needed} missing from {csp}");
        }
        assert_eq!(h("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("x-frame-options"), "DENY", "{path}");
    }
}
