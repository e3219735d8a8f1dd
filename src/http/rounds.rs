//! Rounds and live editing (facilitator): start a round or the next one, its countdown, the
//! plan, questions added or changed, tables and perspectives, the session's settings, and a
//! copy of the session for the next meeting. Every change is an event that walls and phones
//! follow at once.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use super::auth::{Role, bearer, session_for};
use super::timer::TimerRequest;
use crate::error::{AppError, AppJson, AppPath, ErrorBody};
use crate::limits::*;
use crate::model::{Language, NameKind, SessionView, WallLayout, WallShows};
use crate::state::AppState;
use crate::validate;
use crate::writer::{Action, RoundCmd};

/// The session's id if the caller is its facilitator. Every handler asks this before it reads
/// the body, so a caller without a token learns nothing about what a body would need.
pub(super) async fn facilitator(state: &AppState, id: &str, headers: &HeaderMap) -> Result<String, AppError> {
    Ok(session_for(state, id, bearer(headers), &[Role::Facilitator]).await?.0.id)
}

pub(super) async fn act(state: &AppState, sid: String, cmd: RoundCmd) -> Result<SessionView, AppError> {
    Ok(state.writer.act(sid, Action::Round(cmd)).await?.public_view())
}

/// A JSON body that may be left out (an empty body is the default).
fn optional_body<T: Default + serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    // `null` is what the OpenAPI's optional body allows too.
    serde_json::from_slice::<Option<T>>(body)
        .map(Option::unwrap_or_default)
        .map_err(|e| AppError::Malformed(crate::error::Problem::of("malformed_json").with("detail", e)))
}

/// `null` given is `Some(None)`; absent is `None`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartRound {
    /// Close the round's questions when its countdown reaches zero.
    #[serde(default)]
    pub auto_close: bool,
}

/// Start a round (facilitator): its questions open and show on every phone and wall at once,
/// and its time box, if it has one, starts counting down.
#[utoipa::path(post, path = "/api/sessions/{id}/rounds/{round_id}/start", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path), ("round_id" = String, Path)),
    request_body(content = Option<StartRound>),
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    AppPath((id, round_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<AppJson<SessionView>, AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let auto_close = optional_body::<StartRound>(&body)?.auto_close;
    Ok(AppJson(act(&state, sid, RoundCmd::Start { round_id, auto_close }).await?))
}

/// Next round (facilitator): the current round's questions close (their countdowns stop) and
/// the next round starts; after the last round, phones thank the participants.
#[utoipa::path(post, path = "/api/sessions/{id}/rounds/next", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path)), request_body(content = Option<StartRound>),
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn next(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<AppJson<SessionView>, AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let auto_close = optional_body::<StartRound>(&body)?.auto_close;
    Ok(AppJson(act(&state, sid, RoundCmd::Next { auto_close }).await?))
}

/// The round's countdown (facilitator): start, pause, resume, add time or stop it for every
/// question of the round at once.
#[utoipa::path(post, path = "/api/sessions/{id}/rounds/{round_id}/timer", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("round_id" = String, Path)),
    request_body = TimerRequest,
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn timer(
    State(state): State<AppState>,
    AppPath((id, round_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<TimerRequest>, AppError>,
) -> Result<AppJson<SessionView>, AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let op = req.op()?;
    Ok(AppJson(act(&state, sid, RoundCmd::Timer { round_id, op }).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuestion {
    pub text: String,
    #[serde(default)]
    pub duration_secs: Option<u32>,
    /// The tables (groups) it is for; absent: every table.
    #[serde(default)]
    pub tables: Vec<String>,
    /// The round to add it to; absent: a new round at the end.
    #[serde(default)]
    pub round_id: Option<String>,
}

/// Add a question during the meeting (facilitator), to a round or as a new round. It is open
/// at once.
#[utoipa::path(post, path = "/api/sessions/{id}/questions", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path)), request_body = NewQuestion,
    responses((status = 201, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_question(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<NewQuestion>, AppError>,
) -> Result<(StatusCode, AppJson<SessionView>), AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let cmd = RoundCmd::AddQuestion {
        text: validate::line(&req.text, validate::Field::Question, MAX_QUESTION_CHARS)?,
        duration_secs: validate::duration(req.duration_secs)?,
        tables: validate::list(&req.tables, validate::Field::Table, MAX_QUESTION_TABLES, MAX_NAME_CHARS)?,
        round_id: req.round_id,
    };
    Ok((StatusCode::CREATED, AppJson(act(&state, sid, cmd).await?)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionEdit {
    #[serde(default)]
    pub text: Option<String>,
    /// `null` takes the planned time box away.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<u32>)]
    pub duration_secs: Option<Option<u32>>,
    /// The tables (groups) it is for; `[]`: every table.
    #[serde(default)]
    pub tables: Option<Vec<String>>,
}

/// Change a question (facilitator): fix its text, its time box or its tables. Its
/// contributions stay with it; exports show the final text, the event log keeps the old one.
#[utoipa::path(patch, path = "/api/sessions/{id}/questions/{question_id}", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path), ("question_id" = String, Path)),
    request_body = QuestionEdit,
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit_question(
    State(state): State<AppState>,
    AppPath((id, question_id)): AppPath<(String, String)>,
    headers: HeaderMap,
    body: Result<AppJson<QuestionEdit>, AppError>,
) -> Result<AppJson<SessionView>, AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let cmd = RoundCmd::EditQuestion {
        question_id,
        text: req
            .text
            .map(|t| validate::line(&t, validate::Field::Question, MAX_QUESTION_CHARS))
            .transpose()?,
        duration_secs: req.duration_secs.map(validate::duration).transpose()?,
        tables: req
            .tables
            .map(|t| validate::list(&t, validate::Field::Table, MAX_QUESTION_TABLES, MAX_NAME_CHARS))
            .transpose()?,
    };
    Ok(AppJson(act(&state, sid, cmd).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionEdit {
    #[serde(default)]
    pub title: Option<String>,
    /// The whole list; to rename one, use `/rename` so its contributions follow.
    #[serde(default)]
    pub tables: Option<Vec<String>>,
    #[serde(default)]
    pub perspectives: Option<Vec<String>>,
    #[serde(default)]
    pub late_grace_secs: Option<u32>,
    #[serde(default)]
    pub closing_text: Option<String>,
    #[serde(default)]
    pub wall_layout: Option<WallLayout>,
    /// What the wall's cards say of who wrote them: `table` (the default), `perspective`,
    /// `both` or `neither`. Walls are not sent the rest; exports keep everything.
    #[serde(default)]
    pub wall_shows: Option<WallShows>,
    /// The series by name; `null` takes the meeting out of its series. Joining a series that
    /// already has meetings needs the admin token.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub series: Option<Option<String>>,
    /// Where the meeting is held; `null` or `""` takes it away.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub place: Option<Option<String>>,
    /// What phones, walls and the console open in; a reader who switched keeps their choice.
    #[serde(default)]
    pub language: Option<Language>,
}

/// Change the session (facilitator): its title, tables and perspectives (add or remove), the
/// grace period for late contributions, the closing words, the wall's layout, its language, its
/// series and place. The admin token may change the series and place only.
#[utoipa::path(patch, path = "/api/sessions/{id}", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path)), request_body = SessionEdit,
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit_session(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<SessionEdit>, AppError>,
) -> Result<AppJson<SessionView>, AppError> {
    let (s, admin) = super::series::facilitator_or_admin(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    // The admin files meetings into series; running the meeting stays the facilitator's.
    let meeting_fields = req.title.is_some()
        || req.tables.is_some()
        || req.perspectives.is_some()
        || req.late_grace_secs.is_some()
        || req.closing_text.is_some()
        || req.wall_layout.is_some()
        || req.wall_shows.is_some()
        || req.language.is_some();
    if admin && meeting_fields {
        return Err(AppError::Unauthorized);
    }
    let series = match req.series {
        Some(Some(name)) => {
            let series = super::series::named(&name)?;
            Some(Some(super::series::check_joining(&state, &s, &series, admin).await?))
        }
        other => other.map(|_| None),
    };
    let place = req.place.map(|p| p.as_deref().map(super::series::place).transpose().map(Option::flatten));
    let changes_settings = req.late_grace_secs.is_some()
        || req.closing_text.is_some()
        || req.wall_layout.is_some()
        || req.wall_shows.is_some()
        || req.language.is_some();
    let settings = changes_settings
        .then(|| {
            validate::settings(s.settings.clone(), req.late_grace_secs, req.closing_text, req.wall_layout)
        })
        .transpose()?
        .map(|mut set| {
            set.wall_shows = req.wall_shows.unwrap_or(set.wall_shows);
            set.language = req.language.unwrap_or(set.language);
            set
        });
    let cmd = RoundCmd::EditSession {
        title: req.title.map(|t| validate::line(&t, validate::Field::Title, MAX_TITLE_CHARS)).transpose()?,
        tables: req
            .tables
            .map(|t| validate::list(&t, validate::Field::Table, MAX_TABLES, MAX_NAME_CHARS))
            .transpose()?,
        perspectives: req
            .perspectives
            .map(|p| validate::list(&p, validate::Field::Perspective, MAX_PERSPECTIVES, MAX_NAME_CHARS))
            .transpose()?,
        settings,
        series,
        place: place.transpose()?,
    };
    Ok(AppJson(state.writer.act(s.id, Action::Round(cmd)).await?.public_view()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameName {
    pub what: NameKind,
    pub from: String,
    pub to: String,
}

/// Rename a table or perspective (facilitator); its contributions carry the new name.
#[utoipa::path(post, path = "/api/sessions/{id}/rename", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path)), request_body = RenameName,
    responses((status = 200, body = SessionView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
    body: Result<AppJson<RenameName>, AppError>,
) -> Result<AppJson<SessionView>, AppError> {
    let sid = facilitator(&state, &id, &headers).await?;
    let AppJson(req) = body?;
    let to = validate::line(&req.to, validate::Field::Name, MAX_NAME_CHARS)?;
    Ok(AppJson(act(&state, sid, RoundCmd::Rename { what: req.what, from: req.from, to }).await?))
}
