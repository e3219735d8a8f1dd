//! A table's discussion leader (samtalsledare): a link per table, handed out by the
//! facilitator, that opens a small page where the leader writes a short summary per question.
//! The summary is stored as a `note_written` event carrying the table and printed in every
//! report under the question, after the secretary's own note.
//!
//! The link's token is derived from the facilitator's token and the table (see
//! [`crate::app::leader_token`]): one link per table rather than one per session with a table
//! picker, so a leader can write for their own table only. It is none of the session's roles:
//! it reads its table's questions and summaries here and nothing else (not the cards, not the
//! exports, not the socket), and writes its own table's summaries only.

use axum::extract::State;
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{Role, bearer, session_for};
use crate::app::{leader_for, leader_token};
use crate::error::{AppError, AppJson, AppPath, ErrorBody, Problem};
use crate::limits::{MAX_NOTES_PER_TABLE, MAX_TABLE_NOTE_CHARS};
use crate::model::{Language, NoteTarget, QuestionState, Session};
use crate::state::AppState;
use crate::validate;
use crate::writer::Action;

/// A question as the leader's page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderQuestion {
    pub id: String,
    /// Its number in the plan, as phones, walls and reports count.
    pub nr: usize,
    pub text: String,
    pub state: QuestionState,
}

/// One of the table's summaries.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderNote {
    pub question_id: String,
    pub text: String,
    /// When it was last written (RFC 3339, UTC).
    pub at: String,
}

/// What a discussion leader's page gets: its table, the questions that table answers, and the
/// summaries it has written. Nothing of the cards, other tables or the secretary's notes.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderView {
    pub title: String,
    pub table: String,
    pub language: Language,
    pub questions: Vec<LeaderQuestion>,
    pub notes: Vec<LeaderNote>,
    /// The longest summary taken, in characters.
    pub max_chars: usize,
    /// The most summaries this table may keep.
    pub max_notes: usize,
}

/// A summary to write. An empty text takes it away.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeaderNoteInput {
    pub question_id: String,
    pub text: String,
}

/// A table's discussion leader's link.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderLink {
    pub table: String,
    /// The leader's page, its token in the fragment.
    pub url: String,
}

fn view(s: &Session, table: &str) -> LeaderView {
    // Numbered as phones and reports number them: the plan's order.
    let questions = crate::export::plan_order(s)
        .into_iter()
        .enumerate()
        .filter(|(_, q)| q.tables.is_empty() || q.tables.iter().any(|t| t == table))
        .map(|(i, q)| LeaderQuestion { id: q.id.clone(), nr: i + 1, text: q.text.clone(), state: q.state })
        .collect();
    let notes = s
        .notes
        .iter()
        .filter(|n| n.table.as_deref() == Some(table))
        .filter_map(|n| {
            let question_id = n.question_id.clone()?;
            Some(LeaderNote { question_id, text: n.text.clone(), at: n.at.to_string() })
        })
        .collect();
    LeaderView {
        title: s.title.clone(),
        table: table.to_string(),
        language: s.settings.language,
        questions,
        notes,
        max_chars: MAX_TABLE_NOTE_CHARS,
        max_notes: MAX_NOTES_PER_TABLE,
    }
}

/// The summary's text, cleaned like a contribution's (line breaks kept); blank means "remove".
fn text(raw: &str) -> Result<String, AppError> {
    let text = validate::clean_text(raw);
    if validate::is_blank(&text) {
        return Ok(String::new());
    }
    let n = text.chars().count();
    if n > MAX_TABLE_NOTE_CHARS {
        return Err(AppError::Invalid(
            Problem::of("note_too_long").variant("summary").with("n", n).with("max", MAX_TABLE_NOTE_CHARS),
        ));
    }
    Ok(text)
}

/// The leader's page: the table, its questions and its summaries (discussion leader's token).
#[utoipa::path(get, path = "/api/sessions/{id}/leader", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses((status = 200, body = LeaderView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<AppJson<LeaderView>, AppError> {
    let (s, table) = leader_for(&state, &id, bearer(&headers)).await?;
    Ok(AppJson(view(&s, &table)))
}

/// Write the table's summary of a question, replacing the one there (discussion leader's
/// token; its own table only). An empty text removes it. Answers like the GET.
#[utoipa::path(put, path = "/api/sessions/{id}/leader/notes", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")), request_body = LeaderNoteInput,
    responses((status = 200, body = LeaderView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such session, question or table"),
        (status = 409, body = ErrorBody, description = "The table or the session holds the most summaries it may"),
        (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The text is too long, or the question is not for this table")))]
pub async fn write(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<LeaderNoteInput>, AppError>,
) -> Result<AppJson<LeaderView>, AppError> {
    let (s, table) = leader_for(&state, &id, bearer(&headers)).await?;
    let AppJson(input) = body?;
    let target = NoteTarget::Table { question: input.question_id, table: table.clone() };
    let action = Action::Note { target, text: text(&input.text)? };
    let after = state.writer.act(s.id, action).await?;
    Ok(AppJson(view(&after, &table)))
}

/// Every table's discussion leader's link (facilitator). Renaming a table gives it a new link.
#[utoipa::path(get, path = "/api/sessions/{id}/leader-links", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses((status = 200, body = Vec<LeaderLink>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn links(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<AppJson<Vec<LeaderLink>>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let links = s
        .tables
        .iter()
        .map(|table| LeaderLink {
            table: table.clone(),
            url: format!("{}/leader/{}#token={}", state.base_url, s.id, leader_token(&s, table)),
        })
        .collect();
    Ok(AppJson(links))
}
