//! The whole series in one file, for whoever may read the series (see `http::series`): Word
//! with a section per meeting, Excel and CSV with a meeting column; the options of a meeting's
//! own exports.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::export::ExportQuery;
use super::series::{records, series_for};
use crate::error::{AppError, AppPath, AppQuery, ErrorBody};
use crate::export::{self, Format};
use crate::limits::MAX_SERIES_EXPORTS_AT_ONCE;
use crate::state::AppState;

/// Series exports reading and rendering at once.
static RENDERING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_SERIES_EXPORTS_AT_ONCE);

async fn export(
    state: &AppState,
    series_id: &str,
    headers: &HeaderMap,
    q: &ExportQuery,
    format: Format,
) -> Result<Response, AppError> {
    // Who asks comes first, as for a meeting's exports.
    let (meetings, _) = series_for(state, series_id, headers).await?;
    let spec = q.spec(format)?;
    // A series at the limits is a million contributions and gigabytes while it renders (see
    // the limit): one at a time, the others waiting their turn, so memory stays bounded.
    let turn = RENDERING.acquire().await.map_err(|e| AppError::Internal(format!("series export: {e}")))?;
    let records = records(state, &meetings).await?;
    let name =
        meetings.iter().rev().find_map(|s| s.series.as_ref()).map(|s| s.name.clone()).unwrap_or_default();
    super::export::file(move || {
        // Held by the rendering thread itself, which goes on if the client goes away.
        let _turn = turn;
        let all: Vec<_> = meetings.into_iter().zip(records).collect();
        export::render_series(&name, &all, &spec)
    })
    .await
}

/// The series as a Word document: its meetings in a table, then a section per meeting with
/// each question's contributions by theme (or table) and its dot votes.
#[utoipa::path(get, path = "/api/series/{series_id}/export.docx", tag = "exports", security(("bearer" = [])),
    params(("series_id" = String, Path, description = "The series id"), ExportQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        body = Vec<u8>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn docx(
    State(state): State<AppState>,
    AppPath(series_id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &series_id, &headers, &q, Format::Docx).await
}

/// The series as an Excel workbook: its meetings, every contribution with its meeting, and the
/// dot votes.
#[utoipa::path(get, path = "/api/series/{series_id}/export.xlsx", tag = "exports", security(("bearer" = [])),
    params(("series_id" = String, Path, description = "The series id"), ExportQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body = Vec<u8>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn xlsx(
    State(state): State<AppState>,
    AppPath(series_id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &series_id, &headers, &q, Format::Xlsx).await
}

/// Every contribution of the series as CSV, the meeting's title, date and place first; the
/// separator and ids as for a meeting's CSV.
#[utoipa::path(get, path = "/api/series/{series_id}/export.csv", tag = "exports", security(("bearer" = [])),
    params(("series_id" = String, Path, description = "The series id"), ExportQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn csv(
    State(state): State<AppState>,
    AppPath(series_id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &series_id, &headers, &q, Format::Csv).await
}
