//! The web pages and their assets, embedded in the binary from web/ (read from disk in debug
//! builds, so editing a page needs no rebuild).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::Embed;

use crate::state::AppState;

#[derive(Embed)]
#[folder = "web/"]
struct Assets;

fn serve(path: &str) -> Response {
    match Assets::get(path) {
        Some(file) => {
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            let mut resp = file.data.into_owned().into_response();
            let h = resp.headers_mut();
            if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
                h.insert(header::CONTENT_TYPE, v);
            }
            // Pages and scripts change with every release; revalidating is cheap on a LAN.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            resp
        }
        None => (StatusCode::NOT_FOUND, "Hittades inte / Not found").into_response(),
    }
}

fn page(name: &'static str) -> impl Fn() -> std::future::Ready<Response> + Clone {
    move || std::future::ready(serve(name))
}

/// An embedded asset as text (the report's stylesheet for `inspel export --format html`).
pub fn asset_text(path: &str) -> Option<String> {
    Assets::get(path).and_then(|f| String::from_utf8(f.data.into_owned()).ok())
}

async fn asset(Path(path): Path<String>) -> Response {
    serve(&format!("assets/{path}"))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(page("index.html")))
        .route("/j/{code}", get(page("join.html")))
        .route("/wall/{id}", get(page("wall.html")))
        .route("/facilitator/{id}", get(page("facilitator.html")))
        .route("/facilitator/{id}/cards", get(page("cards.html")))
        .route("/secretary/{id}", get(page("facilitator.html")))
        .route("/secretary/{id}/report", get(page("report.html")))
        .route("/admin", get(page("admin.html")))
        .route("/tillganglighet", get(page("accessibility.html")))
        .route("/assets/{*path}", get(asset))
}
