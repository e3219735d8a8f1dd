//! Series of meetings: a meeting joins one by name when it is created, later by PATCH, or by
//! being copied from a meeting of the series; the series page reads them all.
//!
//! Who may read a series (its page, its list and its exports): the admin, or whoever holds the
//! facilitator or secretary token of any meeting in it, and then the whole series (the
//! documentation of a series is one team's work). Wall tokens never: a wall link may be public.
//! Because membership gives that, a facilitator may start a new series or leave one, but only
//! the admin puts a meeting into a series that already has meetings (or a facilitator copies a
//! meeting of it): otherwise anyone running any meeting could read a series by naming it.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::{Role, bearer, require_admin, role_of, session_for};
use super::sessions::SessionFull;
use crate::error::{AppError, AppJson, AppPath, ErrorBody, Problem};
use crate::export::{Clock, ThemeSummary, themes_of, visible_count};
use crate::limits::{MAX_MEETINGS_PER_SERIES, MAX_PLACE_CHARS, MAX_SERIES_NAME_CHARS};
use crate::model::{ContributionRecord, SeriesRef, Session};
use crate::state::AppState;
use crate::validate;

/// The series called `raw`, cleaned and checked.
pub fn named(raw: &str) -> Result<SeriesRef, AppError> {
    let name = validate::line(raw, validate::Field::SeriesName, MAX_SERIES_NAME_CHARS)?;
    // One space between words: the name is shown in headings and file names.
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    SeriesRef::named(&name).ok_or_else(|| AppError::Invalid(Problem::of("bad_series_name")))
}

/// A meeting's place, cleaned and checked; empty: none.
pub fn place(raw: &str) -> Result<Option<String>, AppError> {
    let p = validate::optional_line(raw, validate::Field::Place, MAX_PLACE_CHARS)?;
    Ok((!p.is_empty()).then_some(p))
}

/// The meetings of a series, oldest first.
pub async fn meetings(state: &AppState, series_id: &str) -> Result<Vec<Session>, AppError> {
    let sid = series_id.to_string();
    let mut all = state
        .store
        .read(move |t| {
            let all = crate::store::all_sessions(t)?;
            Ok(all.into_iter().filter(|s| s.series.as_ref().is_some_and(|x| x.id == sid)).collect::<Vec<_>>())
        })
        .await?;
    all.sort_by_key(|s| s.created_at);
    Ok(all)
}

/// The series a new meeting joins: refused when it holds [`MAX_MEETINGS_PER_SERIES`] already
/// (not counting `except`, the meeting that is joining); named as its meetings name it, so a
/// meeting created as "uppdrag värmland" joins "Uppdrag Värmland" as it is written.
pub async fn check_room(
    state: &AppState,
    series: &SeriesRef,
    except: Option<&str>,
) -> Result<SeriesRef, AppError> {
    let others: Vec<Session> =
        meetings(state, &series.id).await?.into_iter().filter(|s| Some(s.id.as_str()) != except).collect();
    if others.len() >= MAX_MEETINGS_PER_SERIES {
        return Err(AppError::Conflict(Problem::of("series_full").with("max", MAX_MEETINGS_PER_SERIES)));
    }
    Ok(others.iter().rev().find_map(|s| s.series.clone()).unwrap_or_else(|| series.clone()))
}

/// Whether meeting `s` may join `series`, and as what: a new spelling of its own series is
/// taken as written; another series only with room, and (see the module) only by the admin
/// when it has meetings already.
pub async fn check_joining(
    state: &AppState,
    s: &Session,
    series: &SeriesRef,
    admin: bool,
) -> Result<SeriesRef, AppError> {
    if s.series.as_ref().is_some_and(|x| x.id == series.id) {
        return Ok(series.clone());
    }
    let others = meetings(state, &series.id).await?;
    if !admin && !others.is_empty() {
        return Err(AppError::Forbidden(Problem::of("series_taken")));
    }
    check_room(state, series, Some(&s.id)).await
}

/// The session, for its facilitator or the admin (`true`).
pub async fn facilitator_or_admin(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
) -> Result<(Session, bool), AppError> {
    if require_admin(state, headers).is_ok() {
        let sid = id.to_string();
        let s = state.store.read(move |t| crate::store::session(t, &sid)).await?;
        return Ok((s.ok_or_else(AppError::not_found_session)?, true));
    }
    Ok((session_for(state, id, bearer(headers), &[Role::Facilitator]).await?.0, false))
}

/// Copy the session for the next meeting of a series (facilitator or admin): its rounds,
/// questions, tables, perspectives, settings, moderation and series (not its place), with new
/// links and no contributions.
#[utoipa::path(post, path = "/api/sessions/{id}/duplicate", tag = "sessions",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 201, body = SessionFull), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn duplicate(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
    headers: HeaderMap,
) -> Result<(StatusCode, AppJson<SessionFull>), AppError> {
    let (s, _) = facilitator_or_admin(&state, &id, &headers).await?;
    if let Some(series) = &s.series {
        check_room(&state, series, None).await?;
    }
    let copy = state.writer.create_session(super::sessions::copy_of(&s)).await?;
    tracing::info!(session = %copy.id, from = %s.id, "session copied");
    Ok((StatusCode::CREATED, AppJson(SessionFull::new(&state, &copy))))
}

/// Who is reading a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeriesReader {
    Admin,
    Facilitator,
    Secretary,
}

/// The meetings of a series, oldest first, if the caller may read it (see the module): 401
/// without a token that does, whether the series exists or not; 404 for the admin when no
/// meeting is in it.
pub async fn series_for(
    state: &AppState,
    series_id: &str,
    headers: &HeaderMap,
) -> Result<(Vec<Session>, SeriesReader), AppError> {
    let Some(token) = bearer(headers) else {
        return Err(AppError::Unauthorized);
    };
    let all = meetings(state, series_id).await?;
    let reader = if require_admin(state, headers).is_ok() {
        SeriesReader::Admin
    } else {
        // The strongest role the token has in any meeting; every meeting is compared.
        let roles: Vec<Role> = all.iter().filter_map(|s| role_of(s, token)).collect();
        if roles.contains(&Role::Facilitator) {
            SeriesReader::Facilitator
        } else if roles.contains(&Role::Secretary) {
            SeriesReader::Secretary
        } else {
            return Err(AppError::Unauthorized);
        }
    };
    if all.is_empty() {
        return Err(AppError::NotFound(Problem::of("series_not_found")));
    }
    Ok((all, reader))
}

/// Every meeting's contribution records, in the meetings' order.
pub async fn records(
    state: &AppState,
    meetings: &[Session],
) -> Result<Vec<Vec<ContributionRecord>>, AppError> {
    let ids: Vec<String> = meetings.iter().map(|s| s.id.clone()).collect();
    state
        .store
        .read(move |t| ids.iter().map(|id| crate::store::contribution_records(t, id, &mut || {})).collect())
        .await
}

/// One meeting of a series.
#[derive(Debug, Serialize, ToSchema)]
pub struct Meeting {
    pub id: String,
    pub code: String,
    pub title: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The meeting's local date (Europe/Stockholm), `2026-11-08`.
    pub date: String,
    pub place: Option<String>,
    /// Contributions an export shows by default (hidden and waiting ones left out).
    pub contributions: usize,
    /// Phones that sent contributions.
    pub phones: usize,
    /// Its secretary page, with its secretary token.
    pub secretary_url: String,
    /// Its themes, largest first, each with a few of its texts ("Förra gången sa vi …").
    pub themes: Vec<ThemeSummary>,
}

/// A series as its page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesView {
    pub id: String,
    /// As the newest meeting writes it.
    pub name: String,
    pub reader: SeriesReader,
    pub meetings: Vec<Meeting>,
}

/// A series: its meetings with their dates, places, counts, themes and secretary links (the
/// admin, or the facilitator or secretary of any of its meetings).
#[utoipa::path(get, path = "/api/series/{series_id}", tag = "exports", security(("bearer" = [])),
    params(("series_id" = String, Path, description = "The series id, e.g. uppdrag-varmland")),
    responses((status = 200, body = SeriesView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn view(
    State(state): State<AppState>,
    AppPath(series_id): AppPath<String>,
    headers: HeaderMap,
) -> Result<AppJson<SeriesView>, AppError> {
    let (meetings, reader) = series_for(&state, &series_id, &headers).await?;
    let records = records(&state, &meetings).await?;
    let clock = Clock::default();
    let name =
        meetings.iter().rev().find_map(|s| s.series.as_ref()).map(|s| s.name.clone()).unwrap_or_default();
    let list = meetings
        .iter()
        .zip(&records)
        .map(|(s, r)| {
            let contributions: Vec<_> = r.iter().map(|r| r.contribution.clone()).collect();
            Meeting {
                id: s.id.clone(),
                code: s.code.clone(),
                title: s.title.clone(),
                created_at: s.created_at.to_string(),
                date: clock.iso_date(s.created_at),
                place: s.place.clone(),
                contributions: visible_count(&contributions),
                phones: crate::export::phones(r),
                secretary_url: super::links::Links::new(&state, s).secretary_url,
                themes: themes_of(s, &contributions),
            }
        })
        .collect();
    Ok(AppJson(SeriesView { id: series_id, name, reader, meetings: list }))
}
