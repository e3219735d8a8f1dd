//! A question's countdown (facilitator): start, pause, resume, add time, stop.

use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::{Role, bearer, session_for};
use crate::error::{AppError, AppJson, AppPath, ErrorBody, Problem};
use crate::model::{Question, TimerAction};
use crate::state::AppState;
use crate::validate;
use crate::writer::{Action, TimerOp};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimerRequest {
    /// What to do; `expired` is the server's own and refused here.
    pub action: TimerAction,
    /// For start: the length; the question's planned time box when absent.
    #[serde(default)]
    pub duration_secs: Option<u32>,
    /// For start: close the question when the countdown reaches zero.
    #[serde(default)]
    pub auto_close: bool,
    /// For extend: seconds to add; 60 when absent.
    #[serde(default)]
    pub seconds: Option<u32>,
}

impl TimerRequest {
    /// The operation asked for, checked.
    pub fn op(&self) -> Result<TimerOp, AppError> {
        Ok(match self.action {
            TimerAction::Start => TimerOp::start(validate::duration(self.duration_secs)?, self.auto_close),
            TimerAction::Extend => {
                let secs = validate::duration(Some(self.seconds.unwrap_or(60)))?.unwrap_or(60);
                TimerOp::extend(secs)
            }
            action @ (TimerAction::Pause | TimerAction::Resume | TimerAction::Stop) => TimerOp::just(action),
            TimerAction::Expired => {
                return Err(AppError::Invalid(Problem::of("bad_timer_action")));
            }
        })
    }
}

/// Control a question's countdown (facilitator). Walls and phones count down in step.
#[utoipa::path(post, path = "/api/sessions/{id}/questions/{question_id}/timer", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("question_id" = String, Path)),
    request_body = TimerRequest,
    responses((status = 200, body = Question), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn control(
    State(state): State<AppState>,
    AppPath((id, question_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<TimerRequest>, AppError>,
) -> Result<AppJson<Question>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let AppJson(req) = body?;
    let op = req.op()?;
    let after = state.writer.act(s.id, Action::Timer { question_id: question_id.clone(), op }).await?;
    after.question(&question_id).cloned().map(AppJson).ok_or_else(AppError::question_not_found)
}
