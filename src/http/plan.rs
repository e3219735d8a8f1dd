//! The plan of rounds, made anew by the facilitator (`PUT /api/sessions/{id}/rounds`).

use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::ToSchema;

use super::rounds::{act, facilitator};
use crate::error::{AppError, AppJson, AppPath, ErrorBody};
use crate::limits::MAX_ROUND_TITLE_CHARS;
use crate::model::SessionView;
use crate::state::AppState;
use crate::validate;
use crate::writer::{RoundCmd, RoundPlan};

/// A round of a new plan.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInPlan {
    /// The round's id to keep it (and its place in exports); absent for a new round.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub duration_secs: Option<u32>,
    pub question_ids: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Every question of the session in exactly one round, rounds in the order they run.
    pub rounds: Vec<RoundInPlan>,
}

/// Plan the rounds anew (facilitator): reorder them, retitle them, change time boxes, move
/// questions between rounds. Contributions stay with their questions.
#[utoipa::path(put, path = "/api/sessions/{id}/rounds", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path)), request_body = Plan,
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn plan(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<Plan>, AppError>,
) -> Result<AppJson<SessionView>, AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let mut rounds = Vec::with_capacity(req.rounds.len());
    for r in req.rounds {
        rounds.push(RoundPlan {
            id: r.id,
            title: validate::optional_line(&r.title, validate::Field::RoundTitle, MAX_ROUND_TITLE_CHARS)?,
            duration_secs: validate::duration(r.duration_secs)?,
            question_ids: r.question_ids,
        });
    }
    Ok(AppJson(act(&state, sid, RoundCmd::Plan { rounds }).await?))
}
