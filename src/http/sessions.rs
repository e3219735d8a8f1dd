//! Creating and listing sessions (admin), reading one and steering its questions
//! (facilitator).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{Role, bearer, require_admin, session_for};
use crate::error::{AppError, AppJson, AppPath, ErrorBody, Problem};
use crate::limits::*;
use crate::model::{DEFAULT_PERSPECTIVES, QuestionAction, Session, SessionView};
use crate::state::{AppState, Links};
use crate::validate;
use crate::writer::{Action, SessionDraft};

/// A new session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    pub title: String,
    /// At least one; the first starts active. Each is its text, or an object with the text and
    /// a planned time box in seconds.
    pub questions: Vec<QuestionInput>,
    #[serde(default)]
    pub tables: Vec<String>,
    /// Defaults to the Swedish list of sectors; `[]` for none.
    #[serde(default)]
    pub perspectives: Option<Vec<String>>,
}

/// A question when creating a session: `"Vad lockar?"` or `{"text": "Vad lockar?", "duration_secs": 900}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum QuestionInput {
    Text(String),
    Timed { text: String, duration_secs: Option<u32> },
}

impl QuestionInput {
    fn parts(&self) -> (&str, Option<u32>) {
        match self {
            Self::Text(t) => (t, None),
            Self::Timed { text, duration_secs } => (text, *duration_secs),
        }
    }
}

/// A session with everything its creator needs: links and tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionFull {
    pub id: String,
    #[serde(flatten)]
    pub view: SessionView,
    #[serde(flatten)]
    pub links: Links,
    pub facilitator_token: String,
    pub secretary_token: String,
    pub wall_token: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

impl SessionFull {
    fn new(state: &AppState, s: &Session) -> Self {
        Self {
            id: s.id.clone(),
            view: s.public_view(),
            links: state.links(s),
            facilitator_token: s.tokens.facilitator.clone(),
            secretary_token: s.tokens.secretary.clone(),
            wall_token: s.tokens.wall.clone(),
            created_at: s.created_at.to_string(),
        }
    }
}

/// A session as its facilitator, secretary or wall sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDetail {
    pub id: String,
    #[serde(flatten)]
    pub view: SessionView,
    pub role: Role,
    pub join_url: String,
    /// Only for the facilitator.
    pub links: Option<Links>,
    /// Phones connected now.
    pub phones: usize,
    /// RFC 3339, UTC.
    pub created_at: String,
}

fn draft(req: CreateSession) -> Result<SessionDraft, AppError> {
    if req.questions.is_empty() {
        return Err(AppError::Invalid(Problem::new(
            "no_questions",
            "A session needs at least one question.",
            "En dialog behöver minst en fråga.",
        )));
    }
    let perspectives = match req.perspectives {
        Some(p) => p,
        None => DEFAULT_PERSPECTIVES.iter().map(|s| s.to_string()).collect(),
    };
    Ok(SessionDraft {
        title: validate::line(&req.title, "title", "Titeln", MAX_TITLE_CHARS)?,
        questions: {
            let texts: Vec<String> = req.questions.iter().map(|q| q.parts().0.to_string()).collect();
            let texts = validate::list(&texts, "question", "frågor", MAX_QUESTIONS, MAX_QUESTION_CHARS)?;
            let durations = req
                .questions
                .iter()
                .map(|q| q.parts().1)
                .map(validate::duration)
                .collect::<Result<Vec<_>, _>>()?;
            texts.into_iter().zip(durations).collect()
        },
        tables: validate::list(&req.tables, "table", "bord", MAX_TABLES, MAX_NAME_CHARS)?,
        perspectives: validate::list(
            &perspectives,
            "perspective",
            "perspektiv",
            MAX_PERSPECTIVES,
            MAX_NAME_CHARS,
        )?,
    })
}

/// Create a session (admin).
#[utoipa::path(post, path = "/api/sessions", tag = "sessions", request_body = CreateSession,
    security(("bearer" = [])),
    responses((status = 201, body = SessionFull), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 400, body = ErrorBody),
        (status = 413, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<AppJson<CreateSession>, AppError>,
) -> Result<(StatusCode, AppJson<SessionFull>), AppError> {
    require_admin(&state, &headers)?;
    let AppJson(req) = body?;
    let session = state.writer.create_session(draft(req)?).await?;
    tracing::info!(session = %session.id, "session created");
    Ok((StatusCode::CREATED, AppJson(SessionFull::new(&state, &session))))
}

/// List all sessions, newest first (admin).
#[utoipa::path(get, path = "/api/sessions", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionFull>), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<AppJson<Vec<SessionFull>>, AppError> {
    require_admin(&state, &headers)?;
    let all = state.store.read(crate::store::all_sessions).await?;
    Ok(AppJson(all.iter().map(|s| SessionFull::new(&state, s)).collect()))
}

/// Read one session (facilitator, secretary or wall).
#[utoipa::path(get, path = "/api/sessions/{id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses((status = 200, body = SessionDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<AppJson<SessionDetail>, AppError> {
    let all = [Role::Facilitator, Role::Secretary, Role::Wall];
    let (s, role) = session_for(&state, &id, bearer(&headers), &all).await?;
    Ok(AppJson(SessionDetail {
        id: s.id.clone(),
        view: s.public_view(),
        role,
        join_url: state.join_url(&s.code),
        links: (role == Role::Facilitator).then(|| state.links(&s)),
        phones: state.hub.phones(&s.id),
        created_at: s.created_at.to_string(),
    }))
}

/// Activate, open or close a question (facilitator). Phones follow live.
#[utoipa::path(post, path = "/api/sessions/{id}/questions/{question_id}/{action}", tag = "sessions",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id"), ("question_id" = String, Path),
        ("action" = QuestionAction, Path, description = "activate, open or close")),
    responses((status = 200, body = SessionView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn question(
    State(state): State<AppState>,
    AppPath((id, question_id, action)): AppPath<(String, String, String)>,
    headers: HeaderMap,
) -> Result<AppJson<SessionView>, AppError> {
    let action = match action.as_str() {
        "activate" => QuestionAction::Activate,
        "open" => QuestionAction::Open,
        "close" => QuestionAction::Close,
        _ => {
            return Err(AppError::NotFound(Problem::new(
                "unknown_action",
                "The action must be activate, open or close.",
                "Åtgärden måste vara activate, open eller close.",
            )));
        }
    };
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let updated = state.writer.act(s.id, Action::Question(question_id, action)).await?;
    Ok(AppJson(updated.public_view()))
}
