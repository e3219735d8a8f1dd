//! Who is calling: the admin, or a session's facilitator, secretary or wall, by bearer token.
//! Participants never hold a token; their paths take the join code only.

use axum::http::{HeaderMap, header};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::model::Session;
use crate::state::AppState;
use crate::token::ct_eq;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Facilitator,
    Secretary,
    Wall,
}

/// The token of `Authorization: Bearer <token>`, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
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

/// The caller's role if it is one of `allowed`; 401 otherwise.
pub fn require(session: &Session, token: Option<&str>, allowed: &[Role]) -> Result<Role, AppError> {
    token.and_then(|t| role_of(session, t)).filter(|r| allowed.contains(r)).ok_or(AppError::Unauthorized)
}

pub fn require_admin(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    match bearer(headers) {
        Some(t) if ct_eq(t, &state.admin_token) => Ok(()),
        _ => Err(AppError::Unauthorized),
    }
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
    let sid = id.to_string();
    let session = state
        .store
        .read(move |t| crate::store::session(t, &sid))
        .await?
        .ok_or_else(AppError::not_found_session)?;
    let role = require(&session, token, allowed)?;
    Ok((session, role))
}
