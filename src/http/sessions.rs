//! Creating and listing sessions (admin), reading one and steering its questions
//! (facilitator).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{Role, bearer, require_admin, session_for};
use super::links::Links;
use crate::error::{AppError, AppJson, AppPath, ErrorBody, Problem};
use crate::limits::*;
use crate::model::{
    DEFAULT_PERSPECTIVES, Language, QuestionAction, Session, SessionSettings, SessionView, WallLayout,
};
use crate::state::AppState;
use crate::validate;
use crate::writer::{Action, QuestionDraft, RoundDraft, SessionDraft};

/// A new session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    pub title: String,
    /// The questions, one round each (presenter-paced). Give these or `rounds`, not both. Each
    /// is its text, or an object with the text, a planned time box and the tables it is for.
    #[serde(default)]
    pub questions: Vec<QuestionInput>,
    /// The plan: rounds of one or more questions open together, each with an optional time
    /// box, e.g. "Dialog 15 minuter" with three questions.
    #[serde(default)]
    pub rounds: Vec<RoundInput>,
    #[serde(default)]
    pub tables: Vec<String>,
    /// Defaults to the Swedish list of sectors; `[]` for none.
    #[serde(default)]
    pub perspectives: Option<Vec<String>>,
    /// Seconds after a question closes in which contributions are still taken, marked late
    /// (default 120).
    #[serde(default)]
    pub late_grace_secs: Option<u32>,
    /// What phones show when the last round has closed.
    #[serde(default)]
    pub closing_text: Option<String>,
    #[serde(default)]
    pub wall_layout: Option<WallLayout>,
    /// The series of meetings it belongs to, by name ("Uppdrag Värmland"): names that differ
    /// only in case, marks or spacing are one series.
    #[serde(default)]
    pub series: Option<String>,
    /// Where the meeting is held ("Karlstad, Residenset"), for the report's header.
    #[serde(default)]
    pub place: Option<String>,
    /// What phones, walls and the console open in (default "sv"); a reader may switch.
    #[serde(default)]
    pub language: Option<Language>,
}

/// A round when creating a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    /// What the slide says, e.g. "Dialog 15 minuter".
    #[serde(default)]
    pub title: String,
    /// The round's time box in seconds.
    #[serde(default)]
    pub duration_secs: Option<u32>,
    pub questions: Vec<QuestionInput>,
}

/// A question when creating a session: `"Vad lockar?"` or `{"text": "Vad lockar?",
/// "duration_secs": 900, "tables": ["Grupp A"]}` (`tables`: the groups it is for; absent: all).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum QuestionInput {
    Text(String),
    Timed {
        text: String,
        duration_secs: Option<u32>,
        #[serde(default)]
        tables: Vec<String>,
    },
}

impl QuestionInput {
    fn parts(&self) -> (&str, Option<u32>, &[String]) {
        match self {
            Self::Text(t) => (t, None, &[]),
            Self::Timed { text, duration_secs, tables } => (text, *duration_secs, tables),
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
    pub fn new(state: &AppState, s: &Session) -> Self {
        Self {
            id: s.id.clone(),
            view: s.public_view(),
            links: Links::new(state, s),
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
    if !req.questions.is_empty() && !req.rounds.is_empty() {
        return Err(AppError::Invalid(Problem::of("questions_or_rounds")));
    }
    // Without rounds, each question is a round of its own.
    let rounds: Vec<RoundInput> = if req.rounds.is_empty() {
        req.questions
            .into_iter()
            .map(|q| RoundInput { title: String::new(), duration_secs: None, questions: vec![q] })
            .collect()
    } else {
        req.rounds
    };
    if rounds.is_empty() {
        return Err(AppError::Invalid(Problem::of("no_questions")));
    }
    let tables = validate::list(&req.tables, validate::Field::Table, MAX_TABLES, MAX_NAME_CHARS)?;
    let perspectives = match req.perspectives {
        Some(p) => p,
        None => DEFAULT_PERSPECTIVES.iter().map(|s| s.to_string()).collect(),
    };
    let all: Vec<&QuestionInput> = rounds.iter().flat_map(|r| &r.questions).collect();
    let texts: Vec<String> = all.iter().map(|q| q.parts().0.to_string()).collect();
    let texts = validate::list(&texts, validate::Field::Question, MAX_QUESTIONS, MAX_QUESTION_CHARS)?;
    let mut questions = Vec::with_capacity(texts.len());
    for (q, text) in all.iter().zip(texts) {
        let (_, duration, groups) = q.parts();
        questions.push(QuestionDraft {
            text,
            duration_secs: validate::duration(duration)?,
            tables: validate::groups(groups, &tables)?,
        });
    }
    let mut next = 0;
    let mut plan = Vec::with_capacity(rounds.len());
    for r in &rounds {
        if r.questions.is_empty() {
            return Err(AppError::Invalid(Problem::of("empty_round")));
        }
        plan.push(RoundDraft {
            title: validate::optional_line(&r.title, validate::Field::RoundTitle, MAX_ROUND_TITLE_CHARS)?,
            duration_secs: validate::duration(r.duration_secs)?,
            questions: (next..next + r.questions.len()).collect(),
        });
        next += r.questions.len();
    }
    let mut settings = validate::settings(
        SessionSettings::default(),
        req.late_grace_secs,
        req.closing_text,
        req.wall_layout,
    )?;
    if let Some(l) = req.language {
        settings.language = l;
    }
    Ok(SessionDraft {
        title: validate::line(&req.title, validate::Field::Title, MAX_TITLE_CHARS)?,
        questions,
        rounds: plan,
        tables,
        perspectives: validate::list(
            &perspectives,
            validate::Field::Perspective,
            MAX_PERSPECTIVES,
            MAX_NAME_CHARS,
        )?,
        settings,
        series: req.series.as_deref().map(super::series::named).transpose()?,
        place: req.place.as_deref().map(super::series::place).transpose()?.flatten(),
        ..SessionDraft::default()
    })
}

/// A new session with the plan and set-up of `s`: the next meeting of a series.
pub fn copy_of(s: &Session) -> SessionDraft {
    let index = |qid: &String| s.questions.iter().position(|q| q.id == *qid);
    SessionDraft {
        title: s.title.clone(),
        questions: s
            .questions
            .iter()
            .map(|q| QuestionDraft {
                text: q.text.clone(),
                duration_secs: q.duration_secs,
                tables: q.tables.clone(),
            })
            .collect(),
        rounds: s
            .rounds
            .iter()
            .map(|r| RoundDraft {
                title: r.title.clone(),
                duration_secs: r.duration_secs,
                questions: r.question_ids.iter().filter_map(index).collect(),
            })
            .collect(),
        tables: s.tables.clone(),
        perspectives: s.perspectives.clone(),
        settings: s.settings.clone(),
        moderation: s.moderation.clone(),
        // The next meeting of the series, quite possibly somewhere else: the place is asked anew.
        series: s.series.clone(),
        place: None,
    }
}

/// Create a session (admin).
#[utoipa::path(post, path = "/api/sessions", tag = "sessions", request_body = CreateSession,
    security(("bearer" = [])),
    responses((status = 201, body = SessionFull), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 400, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<AppJson<CreateSession>, AppError>,
) -> Result<(StatusCode, AppJson<SessionFull>), AppError> {
    require_admin(&state, &headers)?;
    let AppJson(req) = body?;
    let mut draft = draft(req)?;
    if let Some(series) = &draft.series {
        draft.series = Some(super::series::check_room(&state, series, None).await?);
    }
    let session = state.writer.create_session(draft).await?;
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
        // A wall link may be public: it gets what the room gets.
        view: if role == Role::Wall { s.room_view() } else { s.public_view() },
        role,
        join_url: state.join_url(&s.code),
        links: (role == Role::Facilitator).then(|| Links::new(&state, &s)),
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
    let action: QuestionAction = super::path_action(&action, || {
        AppError::NotFound(Problem::of("unknown_action").with("actions", "activate, open, close"))
    })?;
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let updated = state.writer.act(s.id, Action::Question(question_id, action)).await?;
    Ok(AppJson(updated.public_view()))
}
