//! One error type for handlers, the writer and socket tasks. Every error a client sees is
//! `{"error": "...", "error_sv": "...", "code": "..."}`: plain English, plain Swedish, and a
//! stable code a user interface can translate. The sentences come from the translation files by
//! code ([`texts`]); call sites name the code and the values, never the words. Storage and other
//! internal failures are logged in full and shown only as a generic message.

mod extract;
#[cfg(test)]
mod tests;
pub mod texts;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use extract::{AppJson, AppPath, AppQuery};
use serde::Serialize;
use utoipa::ToSchema;

/// A failure explained to the person or program that caused it: a stable code, optionally the
/// variant of its sentence (see [`texts`]), and the values its placeholders show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    variant: Option<&'static str>,
    args: Vec<(&'static str, String)>,
}

impl Problem {
    /// The problem `code`, told in the words of `problem.<code>` in each translation file.
    /// Give the code as a literal: a test reads the call sites to check every code has its text.
    pub fn of(code: &'static str) -> Self {
        Self { code, variant: None, args: Vec::new() }
    }

    /// The more exact sentence `problem.<code>.<variant>` (which field, which kind of flood).
    pub fn variant(mut self, variant: &'static str) -> Self {
        self.variant = Some(variant);
        self
    }

    /// The value shown for `{name}` in the sentence.
    pub fn with(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The sentence in English.
    pub fn en(&self) -> String {
        texts::render(&texts::EN, self.code, self.variant, &self.args)
    }

    /// The sentence in Swedish.
    pub fn sv(&self) -> String {
        texts::render(&texts::SV, self.code, self.variant, &self.args)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// Well-formed but not acceptable (empty text, unknown table, too long, …).
    #[error("invalid: {0}")]
    Invalid(Problem),
    /// Not JSON, wrong shape, wrong types.
    #[error("malformed: {0}")]
    Malformed(Problem),
    #[error("request body too large")]
    TooLarge,
    #[error("missing or wrong token")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(Problem),
    #[error("not found: {0}")]
    NotFound(Problem),
    /// The state of the session does not allow it (e.g. a closed question).
    #[error("conflict: {0}")]
    Conflict(Problem),
    /// The path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// Too much at once from one phone or one network address, by kind (see [`Flood`]).
    #[error("too many: {what:?}")]
    TooMany { what: Flood, retry_after_secs: u64 },
    #[error("shutting down")]
    Unavailable,
    /// The database failed; the detail is logged, never shown.
    #[error("storage: {0}")]
    Storage(String),
    /// Anything else inside the server that went wrong (a QR code that would not draw, no
    /// free join code, a lost writer job); the detail is logged, never shown.
    #[error("internal: {0}")]
    Internal(String),
    /// The database cannot be written now (a full disk): nothing was saved; retry later.
    #[error("storage unavailable")]
    StorageUnavailable,
}

/// What an [`AppError::TooMany`] refusal was about. "Your network" is the address the server
/// sees: a venue's Wi-Fi shows every phone in the room as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flood {
    /// Contributions from one address to one session.
    NetworkContributions,
    /// Participant ids an address used for the first time in one session.
    NewPhones,
    /// Ballots from one phone.
    Votes,
    /// Ballots from one address in one session.
    NetworkVotes,
    /// Join-code lookups from one address.
    Lookups,
    /// Join codes an address had not opened before (guessing codes).
    Codes,
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Plain English.
    pub error: String,
    /// Plain Swedish.
    pub error_sv: String,
    /// Stable machine-readable code, e.g. `text_empty`.
    pub code: String,
}

impl AppError {
    pub fn storage(e: impl std::fmt::Display) -> Self {
        Self::Storage(e.to_string())
    }

    pub fn not_found_session() -> Self {
        Self::NotFound(Problem::of("session_not_found"))
    }

    pub fn question_not_found() -> Self {
        Self::NotFound(Problem::of("question_not_found"))
    }

    pub fn contribution_not_found() -> Self {
        Self::NotFound(Problem::of("contribution_not_found"))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Malformed(_) => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::RateLimited { .. } | Self::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::StorageUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Storage(_) | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client is told; internal details stay in the log.
    pub fn problem(&self) -> Problem {
        match self {
            Self::Invalid(p)
            | Self::Malformed(p)
            | Self::Forbidden(p)
            | Self::NotFound(p)
            | Self::Conflict(p) => p.clone(),
            Self::TooLarge => Problem::of("too_large").with("max", crate::limits::MAX_BODY_BYTES),
            Self::Unauthorized => Problem::of("unauthorized"),
            Self::MethodNotAllowed => Problem::of("method_not_allowed"),
            Self::RateLimited { retry_after_secs } => {
                Problem::of("rate_limited").variant("contributions").with("secs", retry_after_secs)
            }
            Self::TooMany { what, retry_after_secs } => too_many(*what, *retry_after_secs),
            Self::Unavailable => Problem::of("unavailable"),
            Self::StorageUnavailable => Problem::of("storage_unavailable"),
            Self::Storage(_) | Self::Internal(_) => Problem::of("internal"),
        }
    }

    /// Seconds a refused client should wait before trying again, for the refusals that have one.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs } | Self::TooMany { retry_after_secs, .. } => {
                Some(*retry_after_secs)
            }
            Self::StorageUnavailable => Some(crate::limits::STORAGE_RETRY_SECS),
            _ => None,
        }
    }

    /// Logs what the client is not told: the detail of an internal failure.
    pub fn log(&self) {
        match self {
            Self::Storage(detail) => tracing::error!(%detail, "storage error"),
            Self::Internal(detail) => tracing::error!(%detail, "internal error"),
            _ => {}
        }
    }

    pub fn body(&self) -> ErrorBody {
        let p = self.problem();
        ErrorBody { error: p.en(), error_sv: p.sv(), code: p.code.to_string() }
    }
}

/// The refusal for a flood of `what`, to be tried again in `secs` seconds.
fn too_many(what: Flood, secs: u64) -> Problem {
    match what {
        Flood::NetworkContributions => {
            Problem::of("rate_limited").variant("network_contributions").with("secs", secs)
        }
        Flood::NewPhones => Problem::of("too_many_new_phones").with("secs", secs),
        Flood::Votes => Problem::of("rate_limited").variant("votes").with("secs", secs),
        Flood::NetworkVotes => Problem::of("rate_limited").variant("network_votes").with("secs", secs),
        Flood::Lookups => Problem::of("rate_limited").variant("lookups").with("secs", secs),
        Flood::Codes => Problem::of("too_many_codes").with("secs", secs),
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let mut resp = (self.status(), Json(self.body())).into_response();
        if let Some(retry_after_secs) = self.retry_after_secs()
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        resp
    }
}
