//! The secretary's notes (secretary or facilitator): a short summary per question or theme,
//! printed first under it in every report. Walls and phones never see them.

use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::{Role, bearer, session_for};
use crate::error::{AppError, AppJson, AppPath, ErrorBody, Problem};
use crate::limits::MAX_NOTE_CHARS;
use crate::model::{Note, NoteTarget};
use crate::state::AppState;
use crate::validate;
use crate::writer::Action;

const WRITERS: [Role; 2] = [Role::Secretary, Role::Facilitator];

/// A note to write: on a question or on a theme (give exactly one of the two). An empty text
/// takes the note away.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    #[serde(default)]
    pub question_id: Option<String>,
    #[serde(default)]
    pub theme_id: Option<String>,
    pub text: String,
}

/// What the note is on, or why the request names no one thing.
fn target(input: &NoteInput) -> Result<NoteTarget, AppError> {
    match (&input.question_id, &input.theme_id) {
        (Some(q), None) => Ok(NoteTarget::Question(q.clone())),
        (None, Some(t)) => Ok(NoteTarget::Theme(t.clone())),
        _ => Err(AppError::Invalid(Problem::of("note_target"))),
    }
}

/// The note's text, cleaned like a contribution's (line breaks kept); blank means "remove".
fn text(raw: &str) -> Result<String, AppError> {
    let text = validate::clean_text(raw);
    if validate::is_blank(&text) {
        return Ok(String::new());
    }
    let n = text.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(AppError::Invalid(Problem::of("note_too_long").with("n", n).with("max", MAX_NOTE_CHARS)));
    }
    Ok(text)
}

/// The session's notes (secretary or facilitator).
#[utoipa::path(get, path = "/api/sessions/{id}/notes", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses((status = 200, body = Vec<Note>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<AppJson<Vec<Note>>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &WRITERS).await?;
    Ok(AppJson(s.notes))
}

/// Write the note on a question or theme, replacing the one there (secretary or facilitator).
/// An empty text removes it. Answers with every note of the session.
#[utoipa::path(put, path = "/api/sessions/{id}/notes", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")), request_body = NoteInput,
    responses((status = 200, body = Vec<Note>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The session holds the most notes it may"),
        (status = 422, body = ErrorBody, description = "No single target, or the text is too long")))]
pub async fn write(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<NoteInput>, AppError>,
) -> Result<AppJson<Vec<Note>>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &WRITERS).await?;
    let AppJson(input) = body?;
    let action = Action::Note { target: target(&input)?, text: text(&input.text)? };
    Ok(AppJson(state.writer.act(s.id, action).await?.notes))
}
