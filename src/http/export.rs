//! Exports for the secretary and the facilitator: the meeting report (Word, printable HTML),
//! Excel, CSV, Markdown and JSON, read with the facilitator's or the secretary's token.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::auth::{Role, bearer, session_for};
use crate::error::{AppError, AppPath, AppQuery, ErrorBody, Problem};
use crate::export::{
    self, Clock, Css, CsvOptions, ExportJson, ExportSpec, Format, Grouping, Lang, ReportOptions, Separator,
};
use crate::state::AppState;

const READERS: [Role; 2] = [Role::Facilitator, Role::Secretary];

/// Where the printable report's stylesheet is served.
pub const REPORT_CSS: &str = "/assets/css/report.css";

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Also hidden and waiting contributions, each marked with its status. (Merged duplicates
    /// are always in, with the card they were merged into.)
    #[serde(default)]
    pub include_hidden: bool,
    /// The file's language: `sv` (default) or `en`.
    #[param(inline)]
    pub lang: Option<Lang>,
    /// Group a question's contributions by `theme` (default) or `table`.
    #[param(inline)]
    pub group: Option<Grouping>,
    /// IANA time zone for the times shown (default Europe/Stockholm).
    pub tz: Option<String>,
    /// CSV only: `semicolon` (default, for Swedish Excel) or `comma`.
    #[param(inline)]
    pub separator: Option<Separator>,
    /// CSV only: add the contribution, question and duplicate ids.
    #[serde(default)]
    pub ids: bool,
}

impl ExportQuery {
    pub(super) fn spec(&self, format: Format) -> Result<ExportSpec, AppError> {
        let clock = match self.tz.as_deref() {
            None => Clock::default(),
            Some(name) => {
                Clock::named(name).ok_or_else(|| AppError::Invalid(Problem::of("unknown_time_zone")))?
            }
        };
        Ok(ExportSpec {
            format,
            report: ReportOptions {
                lang: self.lang.unwrap_or_default(),
                clock,
                group: self.group.unwrap_or_default(),
                include_hidden: self.include_hidden,
            },
            csv: CsvOptions { separator: self.separator.unwrap_or_default(), ids: self.ids },
        })
    }
}

/// Reads the session and its contributions, renders the file on a blocking thread, and sends
/// it as a download named after the meeting's date and title.
async fn export(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    q: &ExportQuery,
    format: Format,
) -> Result<Response, AppError> {
    // Who asks comes first: a caller without a token learns nothing, not even that an option
    // is wrong.
    let (session, _) = session_for(state, id, bearer(headers), &READERS).await?;
    let spec = q.spec(format)?;
    let sid = session.id.clone();
    let records = state.store.read(move |t| crate::store::contribution_records(t, &sid, &mut || {})).await?;
    file(move || export::render(&session, &records, &spec, Css::Linked(REPORT_CSS))).await
}

/// Renders a file off the async threads and answers with it, named for download. A file that
/// cannot be made is the server's fault, not the database's.
pub(super) async fn file(
    make: impl FnOnce() -> Result<export::Rendered, String> + Send + 'static,
) -> Result<Response, AppError> {
    let rendered = tokio::task::spawn_blocking(make)
        .await
        .map_err(|e| AppError::Internal(format!("export task: {e}")))?
        .map_err(|e| AppError::Internal(format!("export: {e}")))?;
    let mut resp = rendered.bytes.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(rendered.content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&export::content_disposition(&rendered.file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

/// Every visible contribution as JSON (facilitator or secretary); merged duplicates too, each
/// with `merged_into`, and each card with its count of `duplicates`.
#[utoipa::path(get, path = "/api/sessions/{id}/export.json", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, body = ExportJson), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn json(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &id, &headers, &q, Format::Json).await
}

/// Every contribution in the export as CSV: `;`-separated (for Swedish Excel) unless
/// `separator=comma`, UTF-8 with BOM, headers in the chosen language, local time, formula
/// cells neutralised.
#[utoipa::path(get, path = "/api/sessions/{id}/export.csv", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn csv(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &id, &headers, &q, Format::Csv).await
}

/// The contributions as Markdown, a section per question, grouped by theme or table.
#[utoipa::path(get, path = "/api/sessions/{id}/export.md", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "text/markdown", body = String), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn markdown(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &id, &headers, &q, Format::Md).await
}

/// The meeting report as a Word document: facts and counts, each question's contributions by
/// theme (or table) with merged duplicates under their card, word clouds, dot votes, and an
/// appendix with every contribution.
#[utoipa::path(get, path = "/api/sessions/{id}/export.docx", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        body = Vec<u8>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn docx(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &id, &headers, &q, Format::Docx).await
}

/// The report as an Excel workbook: a summary sheet, a sheet per question, a sheet of dot-vote
/// results; local times, frozen headers, autofilters, text cells only.
#[utoipa::path(get, path = "/api/sessions/{id}/export.xlsx", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body = Vec<u8>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn xlsx(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &id, &headers, &q, Format::Xlsx).await
}

/// The report as a printable HTML page (A4, a page per question), styled by
/// /assets/css/report.css; the page /secretary/{id}/report shows it for printing.
#[utoipa::path(get, path = "/api/sessions/{id}/report.html", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ExportQuery),
    responses((status = 200, content_type = "text/html", body = String), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    export(&state, &id, &headers, &q, Format::Html).await
}
