//! Moderation (facilitator): hide, restore, approve, pin; the queue; pre-moderation and the
//! session's own blocked words. Every change is an event and reaches walls at once.

use axum::extract::State;
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{Role, bearer, session_for};
use crate::error::{AppError, AppJson, AppPath, AppQuery, ErrorBody, Problem};
use crate::limits::{MAX_BLOCKED_WORD_CHARS, MAX_BLOCKED_WORDS};
use crate::model::{Contribution, ModerationAction, Session};
use crate::state::AppState;
use crate::validate;
use crate::writer::Action;

/// Loads a contribution after a change, to answer with it.
pub(super) async fn contribution(
    state: &AppState,
    session: &Session,
    id: String,
) -> Result<Contribution, AppError> {
    let sid = session.id.clone();
    state
        .store
        .read(move |t| crate::store::contribution(t, &sid, &id))
        .await?
        .ok_or_else(AppError::contribution_not_found)
}

/// Hide, restore, approve, pin or unpin a contribution (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/contributions/{contribution_id}/{action}", tag = "facilitation",
    security(("bearer" = [])),
    params(("id" = String, Path), ("contribution_id" = String, Path),
        ("action" = ModerationAction, Path, description = "hide, restore, approve, pin or unpin")),
    responses((status = 200, body = Contribution), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn moderate(
    State(state): State<AppState>,
    AppPath((id, contribution_id, action)): AppPath<(String, String, String)>,
    headers: HeaderMap,
) -> Result<AppJson<Contribution>, AppError> {
    let action: ModerationAction = super::path_action(&action, || {
        AppError::NotFound(
            Problem::of("unknown_action").with("actions", "hide, restore, approve, pin, unpin"),
        )
    })?;
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    state
        .writer
        .act(s.id.clone(), Action::Moderate { contribution_id: contribution_id.clone(), action })
        .await?;
    Ok(AppJson(contribution(&state, &s, contribution_id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `pending`, `hidden` or `visible`; all when absent.
    pub status: Option<String>,
}

/// Every contribution, including those hidden or waiting (facilitator, secretary).
#[utoipa::path(get, path = "/api/sessions/{id}/contributions", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path), ListQuery),
    responses((status = 200, body = Vec<Contribution>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    AppQuery(q): AppQuery<ListQuery>,
    headers: HeaderMap,
) -> Result<AppJson<Vec<Contribution>>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator, Role::Secretary]).await?;
    let all = state.store.read(move |t| crate::store::contributions(t, &s.id)).await?;
    let keep = |c: &Contribution| match q.status.as_deref() {
        Some("pending") => c.pending,
        Some("hidden") => c.hidden,
        Some("visible") => c.visible(),
        _ => true,
    };
    Ok(AppJson(all.into_iter().filter(keep).collect()))
}

/// A session's moderation settings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ModerationSettings {
    /// Every new contribution waits for approval.
    pub premoderation: bool,
    /// Words this session adds to the built-in abuse filter; a match sends a contribution to
    /// the queue.
    pub blocked_words: Vec<String>,
}

/// A change to the settings; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationChange {
    pub premoderation: Option<bool>,
    pub blocked_words: Option<Vec<String>>,
}

fn settings(s: &Session) -> ModerationSettings {
    ModerationSettings {
        premoderation: s.moderation.premoderation,
        blocked_words: s.moderation.blocked_words.clone(),
    }
}

/// Read the moderation settings (facilitator).
#[utoipa::path(get, path = "/api/sessions/{id}/moderation", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = ModerationSettings), (status = 401, body = ErrorBody)))]
pub async fn get_settings(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<AppJson<ModerationSettings>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    Ok(AppJson(settings(&s)))
}

/// Switch pre-moderation, or set the session's blocked words (facilitator).
#[utoipa::path(put, path = "/api/sessions/{id}/moderation", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = ModerationChange,
    responses((status = 200, body = ModerationSettings), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_settings(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<ModerationChange>, AppError>,
) -> Result<AppJson<ModerationSettings>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let AppJson(change) = body?;
    let blocked_words = match change.blocked_words {
        Some(words) => {
            let words: Vec<String> =
                words.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
            Some(validate::list(
                &words,
                validate::Field::BlockedWord,
                MAX_BLOCKED_WORDS,
                MAX_BLOCKED_WORD_CHARS,
            )?)
        }
        None => None,
    };
    let s = state
        .writer
        .act(s.id, Action::Settings { premoderation: change.premoderation, blocked_words })
        .await?;
    Ok(AppJson(settings(&s)))
}
