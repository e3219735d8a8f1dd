//! Exports for the secretary and the facilitator: JSON, CSV and Markdown.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::auth::{Role, bearer, session_for};
use crate::error::{AppError, AppPath, AppQuery, ErrorBody};
use crate::export::{self, ExportJson, ExportRow};
use crate::model::Session;
use crate::state::AppState;

const READERS: [Role; 2] = [Role::Facilitator, Role::Secretary];

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Also hidden, waiting and merged contributions, each marked with its status.
    #[serde(default)]
    pub include_hidden: bool,
}

async fn load(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    q: &ExportQuery,
) -> Result<(Session, Vec<ExportRow>), AppError> {
    let (session, _) = session_for(state, id, bearer(headers), &READERS).await?;
    let sid = session.id.clone();
    let contributions = state.store.read(move |t| crate::store::contributions(t, &sid)).await?;
    let rows = export::rows(&session, &contributions, q.include_hidden);
    Ok((session, rows))
}

/// A file name from the title: letters, digits and dashes only.
fn filename(session: &Session, ext: &str) -> String {
    let slug: String = session
        .title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let slug = slug.split('-').filter(|p| !p.is_empty()).take(8).collect::<Vec<_>>().join("-");
    let slug = if slug.is_empty() { "inspel".to_string() } else { slug };
    format!("{slug}-{}.{ext}", session.code.to_ascii_lowercase())
}

fn download(body: impl IntoResponse, content_type: &'static str, name: String) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Every visible contribution as JSON (facilitator or secretary).
#[utoipa::path(get, path = "/api/sessions/{id}/export.json", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, body = ExportJson), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn json(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (session, rows) = load(&state, &id, &headers, &q).await?;
    let body = serde_json::to_vec_pretty(&export::json(&session, rows, q.include_hidden))
        .map_err(AppError::storage)?;
    Ok(download(body, "application/json", filename(&session, "json")))
}

/// Every visible contribution as CSV: UTF-8 with BOM, RFC 4180, formula cells neutralised.
#[utoipa::path(get, path = "/api/sessions/{id}/export.csv", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn csv(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (session, rows) = load(&state, &id, &headers, &q).await?;
    let body = export::csv(&rows).map_err(AppError::storage)?;
    Ok(download(body, "text/csv; charset=utf-8", filename(&session, "csv")))
}

/// Every visible contribution as Markdown, a section per question.
#[utoipa::path(get, path = "/api/sessions/{id}/export.md", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "text/markdown", body = String), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn markdown(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (session, rows) = load(&state, &id, &headers, &q).await?;
    Ok(download(
        export::markdown(&session, &rows, q.include_hidden),
        "text/markdown; charset=utf-8",
        filename(&session, "md"),
    ))
}
