//! QR codes of a session's join link. Public: they show only what the slide shows anyway.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{AppError, AppPath, AppQuery, ErrorBody, Problem};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QrQuery {
    /// A table name: the code then pre-selects that table on the phone.
    pub table: Option<String>,
}

/// Everything but RFC 3986's unreserved characters is percent-encoded in a query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn encode(s: &str) -> String {
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

async fn target(state: &AppState, id: &str, q: QrQuery) -> Result<String, AppError> {
    let s = crate::app::session(state, id).await?;
    let url = state.join_url(&s.code);
    match q.table {
        None => Ok(url),
        Some(t) if s.tables.contains(&t) => Ok(format!("{url}?table={}", encode(&t))),
        Some(t) => Err(AppError::Invalid(Problem::of("unknown_table").with("name", t))),
    }
}

fn image(body: impl IntoResponse, content_type: &'static str) -> Response {
    let mut resp = body.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// The join link as an SVG QR code.
#[utoipa::path(get, path = "/api/sessions/{id}/qr.svg", tag = "sessions",
    params(("id" = String, Path, description = "Session id"), QrQuery),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "No such table")))]
pub async fn svg(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<QrQuery>,
) -> Result<Response, AppError> {
    let url = target(&state, &id, q).await?;
    let svg = crate::qr::svg(&url).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(image(svg, "image/svg+xml"))
}

/// The join link as a PNG QR code, at least 640 px with a quiet zone.
#[utoipa::path(get, path = "/api/sessions/{id}/qr.png", tag = "sessions",
    params(("id" = String, Path, description = "Session id"), QrQuery),
    responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "No such table")))]
pub async fn png(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<QrQuery>,
) -> Result<Response, AppError> {
    let url = target(&state, &id, q).await?;
    let png = crate::qr::png(&url).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(image(png, "image/png"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_names_are_encoded() {
        assert_eq!(super::encode("Bord 3 å"), "Bord%203%20%C3%A5");
    }
}
