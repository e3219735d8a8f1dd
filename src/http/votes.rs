//! Dot votes: the facilitator starts and closes them; phones place their dots.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::{Role, bearer, session_for};
use super::join::{participant, session_by_code};
use crate::error::{AppError, AppJson, AppPath, ErrorBody};
use crate::model::{Vote, VoteTarget};
use crate::participate::{self, VoteInput};
use crate::ratelimit::Client;
use crate::state::AppState;
use crate::writer::{Action, MyDots, prepare_vote_cards};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVote {
    /// The question whose cards (or themes) are voted on; absent for all.
    #[serde(default)]
    pub question_id: Option<String>,
    pub target: VoteTarget,
    /// Dots per phone; 3 when absent.
    #[serde(default)]
    pub dots: Option<u32>,
}

/// Start a dot vote on a question's visible cards or on themes (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/votes", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = NewVote,
    responses((status = 201, body = Vote), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<NewVote>, AppError>,
) -> Result<(StatusCode, AppJson<Vote>), AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let AppJson(req) = body?;
    // The cards are read here, outside the writer, so a vote on thousands of cards does not
    // hold up every other session's writes (`writer::vote_cards`).
    let cards = match req.target {
        VoteTarget::Contributions => {
            let (sid, qid) = (s.id.clone(), req.question_id.clone());
            Some(state.store.read(move |t| prepare_vote_cards(t, &sid, qid.as_deref())).await?)
        }
        VoteTarget::Themes => None,
    };
    let action = Action::StartVote {
        question_id: req.question_id,
        target: req.target,
        dots: req.dots.unwrap_or(3),
        cards,
    };
    let after = state.writer.act(s.id, action).await?;
    let vote = after.votes.last().cloned().ok_or_else(|| AppError::Internal("vote not stored".into()))?;
    Ok((StatusCode::CREATED, AppJson(vote)))
}

/// Close a vote: dots can no longer move; the totals stay (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/votes/{vote_id}/close", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("vote_id" = String, Path)),
    responses((status = 200, body = Vote), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    AppPath((id, vote_id)): AppPath<(String, String)>,
    headers: HeaderMap,
) -> Result<AppJson<Vote>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let after = state.writer.act(s.id, Action::CloseVote { vote_id: vote_id.clone() }).await?;
    after
        .votes
        .into_iter()
        .find(|v| v.id == vote_id)
        .map(AppJson)
        .ok_or_else(|| AppError::Internal("vote vanished".into()))
}

/// Show the vote's result in the room (facilitator): walls show its bars, and walls and phones
/// get its totals, which they are not sent before (so nobody follows the crowd). Open or closed.
#[utoipa::path(post, path = "/api/sessions/{id}/votes/{vote_id}/reveal", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("vote_id" = String, Path)),
    responses((status = 200, body = Vote), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reveal(
    State(state): State<AppState>,
    AppPath((id, vote_id)): AppPath<(String, String)>,
    headers: HeaderMap,
) -> Result<AppJson<Vote>, AppError> {
    show(state, id, vote_id, headers, true).await
}

/// Take the vote's result off the wall again (facilitator); the wall shows the cards. The
/// result also leaves when another question or round becomes active after the vote closed.
#[utoipa::path(post, path = "/api/sessions/{id}/votes/{vote_id}/hide", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("vote_id" = String, Path)),
    responses((status = 200, body = Vote), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn hide(
    State(state): State<AppState>,
    AppPath((id, vote_id)): AppPath<(String, String)>,
    headers: HeaderMap,
) -> Result<AppJson<Vote>, AppError> {
    show(state, id, vote_id, headers, false).await
}

async fn show(
    state: AppState,
    id: String,
    vote_id: String,
    headers: HeaderMap,
    reveal: bool,
) -> Result<AppJson<Vote>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let after = state.writer.act(s.id, Action::RevealVote(vote_id.clone(), reveal)).await?;
    after
        .votes
        .into_iter()
        .find(|v| v.id == vote_id)
        .map(AppJson)
        .ok_or_else(|| AppError::storage("vote vanished"))
}

/// Put some of this phone's dots on an item (0 takes them back). The budget per phone is
/// enforced: moving dots means taking them off another item first.
#[utoipa::path(post, path = "/api/join/{code}/votes/{vote_id}", tag = "participants",
    params(("code" = String, Path), ("vote_id" = String, Path),
        ("x-inspel-participant" = Option<String>, Header, description = "The phone's random id")),
    request_body = VoteInput,
    responses((status = 200, body = MyDots), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn cast(
    State(state): State<AppState>,
    client: Client,
    AppPath((code, vote_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<VoteInput>, AppError>,
) -> Result<AppJson<MyDots>, AppError> {
    let session = session_by_code(&state, client, &code).await?;
    let AppJson(mut input) = body?;
    let participant = participant(&headers, input.participant_id.take());
    Ok(AppJson(participate::vote(&state, &session.id, client, vote_id, input, participant).await?))
}
