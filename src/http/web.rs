//! The web pages and their assets, embedded in the binary from web/ (read from disk in debug
//! builds, so editing a page needs no rebuild).

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::Embed;

use crate::state::AppState;

#[derive(Embed)]
#[folder = "web/"]
struct Assets;

fn serve(path: &str, headers: &HeaderMap) -> Response {
    match Assets::get(path) {
        Some(file) => {
            let tag = etag(&file.metadata.sha256_hash(), "");
            if let Some(not_modified) = not_modified(headers, &tag) {
                return not_modified;
            }
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            let mut resp = file.data.into_owned().into_response();
            let h = resp.headers_mut();
            if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
                h.insert(header::CONTENT_TYPE, v);
            }
            // Pages and scripts change with every release; revalidating is cheap on a LAN.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            h.insert(header::ETAG, tag);
            resp
        }
        None => (StatusCode::NOT_FOUND, "Hittades inte / Not found").into_response(),
    }
}

/// A weak validator from the file's content hash (made at build time in release builds), so a
/// phone's second visit gets 304s instead of every asset again. Weak, as the same content may
/// travel compressed or not. `variant` tells apart what is made from one file.
fn etag(hash: &[u8; 32], variant: &str) -> HeaderValue {
    let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("W/\"{hex}{variant}\"")).unwrap_or(HeaderValue::from_static("W/\"0\""))
}

/// 304 when the browser's `If-None-Match` names `tag` (weak comparison, as RFC 9110 asks).
fn not_modified(headers: &HeaderMap, tag: &HeaderValue) -> Option<Response> {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let ours = strip(tag.to_str().ok()?);
    let theirs = headers.get(header::IF_NONE_MATCH)?.to_str().ok()?;
    let hit = theirs.split(',').any(|t| t.trim() == "*" || strip(t) == ours);
    hit.then(|| {
        let mut resp = StatusCode::NOT_MODIFIED.into_response();
        resp.headers_mut().insert(header::ETAG, tag.clone());
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        resp
    })
}

fn page(name: &'static str) -> impl Fn(HeaderMap) -> std::future::Ready<Response> + Clone {
    move |headers| std::future::ready(serve(name, &headers))
}

/// An embedded asset as text (the report's stylesheet for `inspel export --format html`).
pub fn asset_text(path: &str) -> Option<String> {
    Assets::get(path).and_then(|f| String::from_utf8(f.data.into_owned()).ok())
}

#[derive(Debug, serde::Deserialize)]
struct AssetQuery {
    /// `phone`: of a translation file, only what the phone page shows.
    part: Option<String>,
}

async fn asset(Path(path): Path<String>, Query(q): Query<AssetQuery>, headers: HeaderMap) -> Response {
    if q.part.as_deref() == Some("phone")
        && path.starts_with("i18n/")
        && let Some(file) = Assets::get(&format!("assets/{path}"))
    {
        let tag = etag(&file.metadata.sha256_hash(), "-phone");
        if let Some(not_modified) = not_modified(&headers, &tag) {
            return not_modified;
        }
        if let Some(strings) = phone_strings(&file.data) {
            let mut resp = strings.into_response();
            let h = resp.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            h.insert(header::ETAG, tag);
            return resp;
        }
    }
    serve(&format!("assets/{path}"), &headers)
}

/// Whether the phone page shows the string `key`: its own (`join…`) and those every page shares.
fn for_phone(key: &str) -> bool {
    let head = key.split('.').next().unwrap_or_default();
    head.starts_with("join") || matches!(head, "app" | "lang" | "footer" | "conn" | "error" | "common")
}

/// A translation file cut down to the phone's strings. The phone page has a byte budget (all of
/// it under 100 KB, for a crowded venue network), and the consoles' strings alone would be a
/// quarter of it; one file per language stays the one place every string is kept.
fn phone_strings(json: &[u8]) -> Option<Vec<u8>> {
    let all: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(json).ok()?;
    let phone: serde_json::Map<String, serde_json::Value> =
        all.into_iter().filter(|(k, _)| for_phone(k)).collect();
    serde_json::to_vec(&phone).ok()
}

/// The pages and assets, compressed (gzip or brotli, as the browser accepts) when they are text.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(page("index.html")))
        .route("/j/{code}", get(page("join.html")))
        .route("/wall/{id}", get(page("wall.html")))
        .route("/facilitator/{id}", get(page("facilitator.html")))
        .route("/facilitator/{id}/cards", get(page("cards.html")))
        .route("/secretary/{id}", get(page("facilitator.html")))
        .route("/secretary/{id}/report", get(page("report.html")))
        .route("/leader/{id}", get(page("leader.html")))
        .route("/series/{id}", get(page("series.html")))
        .route("/admin", get(page("admin.html")))
        .route("/tillganglighet", get(page("accessibility.html")))
        .route("/assets/{*path}", get(asset))
        .layer(tower_http::compression::CompressionLayer::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_gets_its_strings_and_not_the_consoles() {
        for lang in ["sv", "en"] {
            let file = Assets::get(&format!("assets/i18n/{lang}.json")).expect("translations");
            let phone: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&phone_strings(&file.data).expect("cut down")).expect("json");
            for key in ["join.send", "join4.vote_heading", "join8.closed_draft", "conn.online", "app.name"] {
                assert!(phone.contains_key(key), "{lang}: {key} missing for the phone");
            }
            assert!(!phone.keys().any(|k| k.starts_with("fac") || k.starts_with("wall")), "{lang}");
            assert!(
                phone_strings(&file.data).expect("cut").len() * 3 < file.data.len(),
                "{lang}: not much smaller"
            );
        }
    }
}
