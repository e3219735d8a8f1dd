//! Themes (facilitator): create, rename, merge, put cards in them, fold duplicate cards
//! together, and accept suggested groupings in one step.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::{Role, bearer, session_for};
use super::moderation::contribution;
use crate::error::{AppError, AppJson, AppPath, ErrorBody};
use crate::limits::{MAX_THEME_NAME_CHARS, MAX_THEMES};
use crate::model::{Contribution, Session, Theme};
use crate::state::AppState;
use crate::validate;
use crate::writer::Action;

fn name(raw: &str) -> Result<String, AppError> {
    validate::line(raw, validate::Field::Theme, MAX_THEME_NAME_CHARS)
}

async fn facilitator(state: &AppState, id: &str, headers: &HeaderMap) -> Result<Session, AppError> {
    Ok(session_for(state, id, bearer(headers), &[Role::Facilitator]).await?.0)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTheme {
    pub name: String,
    /// The question it belongs to; absent for a theme across questions.
    #[serde(default)]
    pub question_id: Option<String>,
}

/// Create a theme (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/themes", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = NewTheme,
    responses((status = 201, body = Theme), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<NewTheme>, AppError>,
) -> Result<(StatusCode, AppJson<Theme>), AppError> {
    let s = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let action = Action::CreateTheme { name: name(&req.name)?, question_id: req.question_id };
    let after = state.writer.act(s.id, action).await?;
    let theme = after.themes.last().cloned().ok_or_else(|| AppError::Internal("theme not stored".into()))?;
    Ok((StatusCode::CREATED, AppJson(theme)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub name: String,
}

/// Rename a theme (facilitator).
#[utoipa::path(patch, path = "/api/sessions/{id}/themes/{theme_id}", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path), ("theme_id" = String, Path)), request_body = Rename,
    responses((status = 200, body = Theme), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The name is empty or too long")))]
pub async fn rename(
    State(state): State<AppState>,
    AppPath((id, theme_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<Rename>, AppError>,
) -> Result<AppJson<Theme>, AppError> {
    let s = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let after = state
        .writer
        .act(s.id, Action::RenameTheme { theme_id: theme_id.clone(), name: name(&req.name)? })
        .await?;
    after.theme(&theme_id).cloned().map(AppJson).ok_or_else(|| AppError::Internal("theme vanished".into()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeTarget {
    /// The theme or contribution to merge into.
    pub into: String,
}

/// Merge a theme into another: its cards move, it disappears (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/themes/{theme_id}/merge", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("theme_id" = String, Path)), request_body = MergeTarget,
    responses((status = 200, body = Vec<Theme>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    AppPath((id, theme_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<MergeTarget>, AppError>,
) -> Result<AppJson<Vec<Theme>>, AppError> {
    let s = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let after = state.writer.act(s.id, Action::MergeThemes { theme_id, into: req.into }).await?;
    Ok(AppJson(after.themes))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    /// The theme, or null to take the card out of its theme.
    pub theme_id: Option<String>,
}

/// Put a contribution in a theme, or take it out (facilitator).
#[utoipa::path(put, path = "/api/sessions/{id}/contributions/{contribution_id}/theme", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("contribution_id" = String, Path)),
    request_body = Assign,
    responses((status = 200, body = Contribution), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The card answers another question than the theme")))]
pub async fn assign(
    State(state): State<AppState>,
    AppPath((id, contribution_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<Assign>, AppError>,
) -> Result<AppJson<Contribution>, AppError> {
    let s = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let action = Action::AssignTheme { contribution_id: contribution_id.clone(), theme_id: req.theme_id };
    state.writer.act(s.id.clone(), action).await?;
    Ok(AppJson(contribution(&state, &s, contribution_id).await?))
}

/// Fold a duplicate card into another: it leaves the wall and counts with the other
/// (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/contributions/{contribution_id}/merge", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("contribution_id" = String, Path)),
    request_body = MergeTarget,
    responses((status = 200, body = Contribution), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn merge_contribution(
    State(state): State<AppState>,
    AppPath((id, contribution_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<MergeTarget>, AppError>,
) -> Result<AppJson<Contribution>, AppError> {
    let s = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let action = Action::MergeContribution { contribution_id: contribution_id.clone(), into: req.into };
    state.writer.act(s.id.clone(), action).await?;
    Ok(AppJson(contribution(&state, &s, contribution_id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptedTheme {
    pub name: String,
    pub contribution_ids: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    #[serde(default)]
    pub question_id: Option<String>,
    pub themes: Vec<AcceptedTheme>,
}

/// Create several themes and fill them at once, e.g. accepted (and edited) suggestions
/// (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/themes/accept", tag = "facilitation", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = Accept,
    responses((status = 201, body = Vec<Theme>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<Accept>, AppError>,
) -> Result<(StatusCode, AppJson<Vec<Theme>>), AppError> {
    let s = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    if req.themes.len() > MAX_THEMES {
        return Err(AppError::Invalid(
            crate::error::Problem::of("too_many").variant("theme").with("max", MAX_THEMES),
        ));
    }
    let before = s.themes.len();
    let themes = req
        .themes
        .iter()
        .map(|t| Ok((name(&t.name)?, t.contribution_ids.clone())))
        .collect::<Result<Vec<_>, AppError>>()?;
    let after = state.writer.act(s.id, Action::ApplyThemes { question_id: req.question_id, themes }).await?;
    Ok((StatusCode::CREATED, AppJson(after.themes.into_iter().skip(before).collect())))
}
