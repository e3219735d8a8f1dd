//! Who is calling and which session they mean: a session's facilitator, secretary or wall by
//! bearer token, or a participant by join code. Participants never hold a token.

use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::model::Session;
use crate::ratelimit::Client;
use crate::state::AppState;
use crate::token::{ct_eq, normalize_code};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Facilitator,
    Secretary,
    Wall,
}

/// The role a token has in a session. Every token is compared, so timing says nothing.
pub fn role_of(session: &Session, token: &str) -> Option<Role> {
    let t = &session.tokens;
    let f = ct_eq(token, &t.facilitator);
    let s = ct_eq(token, &t.secretary);
    let w = ct_eq(token, &t.wall);
    if f {
        Some(Role::Facilitator)
    } else if s {
        Some(Role::Secretary)
    } else if w {
        Some(Role::Wall)
    } else {
        None
    }
}

/// The token of the link `table`'s discussion leader gets: derived from the facilitator's, so
/// nothing new is stored and the facilitator can hand it out again. Renaming the table (or a
/// new facilitator token) makes a new one; the old link then stops working.
pub fn leader_token(session: &Session, table: &str) -> String {
    crate::token::derived_token(
        &session.tokens.facilitator,
        &format!("inspel leader\0{}\0{table}", session.id),
    )
}

/// The table whose discussion leader holds `token`, if any. Every table is compared, so timing
/// says nothing (and a leader token is none of the session's roles).
pub fn leader_table(session: &Session, token: &str) -> Option<String> {
    let mut found = None;
    for table in &session.tables {
        if ct_eq(token, &leader_token(session, table)) {
            found = Some(table.clone());
        }
    }
    found
}

/// Loads a session by id for a discussion leader's token: the session and the leader's table,
/// or 401 for any other token.
pub async fn leader_for(
    state: &AppState,
    id: &str,
    token: Option<&str>,
) -> Result<(Session, String), AppError> {
    let Some(token) = token else { return Err(AppError::Unauthorized) };
    let session = session(state, id).await?;
    let table = leader_table(&session, token).ok_or(AppError::Unauthorized)?;
    Ok((session, table))
}

/// The caller's role if it is one of `allowed`; 401 otherwise.
pub fn require(session: &Session, token: Option<&str>, allowed: &[Role]) -> Result<Role, AppError> {
    token.and_then(|t| role_of(session, t)).filter(|r| allowed.contains(r)).ok_or(AppError::Unauthorized)
}

/// Loads a session by id and checks the caller's token against it.
pub async fn session_for(
    state: &AppState,
    id: &str,
    token: Option<&str>,
    allowed: &[Role],
) -> Result<(Session, Role), AppError> {
    if token.is_none() {
        return Err(AppError::Unauthorized);
    }
    let session = session(state, id).await?;
    let role = require(&session, token, allowed)?;
    Ok((session, role))
}

/// A session by id, or 404: for the public paths that name a session (its QR codes).
pub async fn session(state: &AppState, id: &str) -> Result<Session, AppError> {
    let sid = id.to_string();
    state.store.read(move |t| crate::store::session(t, &sid)).await?.ok_or_else(AppError::not_found_session)
}

/// The session behind a join code, for every participant path. A code `client` has not opened
/// before costs it one guess (see [`crate::ratelimit::RateLimiter::code`]).
pub async fn session_by_code(state: &AppState, client: Client, code: &str) -> Result<Session, AppError> {
    let code = normalize_code(code);
    let key = code.clone();
    let found = state.store.read_now(move |t| crate::store::session_by_code(t, &key)).await?;
    state.limiter.code(client, &code, found.is_some())?;
    found.ok_or_else(AppError::not_found_session)
}
