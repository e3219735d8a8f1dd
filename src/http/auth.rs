//! Who is calling: the admin, or a session's facilitator, secretary or wall, by bearer token.
//! Participants never hold a token; their paths take the join code only.

use axum::http::{HeaderMap, header};

pub use crate::app::{Role, require, role_of, session_for};
use crate::error::AppError;
use crate::state::AppState;
use crate::token::ct_eq;

/// The token of `Authorization: Bearer <token>`, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub fn require_admin(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    match bearer(headers) {
        Some(t) if ct_eq(t, &state.admin_token) => Ok(()),
        _ => Err(AppError::Unauthorized),
    }
}
