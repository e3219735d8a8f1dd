//! The participant's HTTP paths: read a session by join code, and submit a contribution.
//! These take the code only and can reach nothing else.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

pub use crate::app::session_by_code;
use crate::error::{AppError, AppJson, AppPath, ErrorBody};
use crate::model::{Contribution, SessionView};
use crate::participate::{self, ContributionInput};
use crate::ratelimit::Client;
use crate::state::AppState;

/// The header a phone's random participant id travels in over HTTP.
pub const PARTICIPANT_HEADER: &str = "x-inspel-participant";

/// The phone's participant id: the header, else the body's field. A header that is not text
/// is passed on (and refused as an id like any other bad one), never ignored.
pub fn participant(headers: &HeaderMap, from_body: Option<String>) -> Option<String> {
    headers.get(PARTICIPANT_HEADER).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).or(from_body)
}

/// The session behind a join code, as participants see it.
#[utoipa::path(get, path = "/api/join/{code}", tag = "participants",
    params(("code" = String, Path, description = "Join code, e.g. K7MX3R")),
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn info(
    State(state): State<AppState>,
    client: Client,
    AppPath(code): AppPath<String>,
) -> Result<AppJson<SessionView>, AppError> {
    state.limiter.lookup(client)?;
    Ok(AppJson(session_by_code(&state, client, &code).await?.room_view().for_phones()))
}

/// Submit a contribution. Answers only once it is durably stored: 201 the first time, 200 with
/// the stored contribution when the same id is sent again.
#[utoipa::path(post, path = "/api/join/{code}/contributions", tag = "participants",
    request_body = ContributionInput,
    params(("code" = String, Path, description = "Join code"),
        ("x-inspel-participant" = Option<String>, Header, description = "The phone's random id, for per-phone rate limits")),
    responses((status = 201, body = Contribution), (status = 200, body = Contribution, description = "Already stored"),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn contribute(
    State(state): State<AppState>,
    client: Client,
    AppPath(code): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<ContributionInput>, AppError>,
) -> Result<(StatusCode, AppJson<Contribution>), AppError> {
    let session = session_by_code(&state, client, &code).await?;
    let AppJson(mut input) = body?;
    let participant = participant(&headers, input.participant_id.take());
    let done = participate::submit(&state, &session.id, client, input, participant).await?;
    let status = if done.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    Ok((status, AppJson(done.contribution)))
}
