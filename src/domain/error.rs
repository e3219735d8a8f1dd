//! One error type for handlers, the writer and socket tasks. Every error a client sees is
//! `{"error": "...", "error_sv": "...", "code": "..."}`: plain English, plain Swedish, and a
//! stable code a user interface can translate. Storage and other internal failures are logged
//! in full and shown only as a generic message.

mod extract;

use std::borrow::Cow;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use extract::{AppJson, AppPath, AppQuery};
use serde::Serialize;
use utoipa::ToSchema;

/// A failure explained to the person or program that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub en: Cow<'static, str>,
    pub sv: Cow<'static, str>,
}

impl Problem {
    pub fn new(
        code: &'static str,
        en: impl Into<Cow<'static, str>>,
        sv: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self { code, en: en.into(), sv: sv.into() }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// Well-formed but not acceptable (empty text, unknown table, too long, …).
    #[error("invalid: {}", .0.en)]
    Invalid(Problem),
    /// Not JSON, wrong shape, wrong types.
    #[error("malformed: {}", .0.en)]
    Malformed(Problem),
    #[error("request body too large")]
    TooLarge,
    #[error("missing or wrong token")]
    Unauthorized,
    #[error("forbidden: {}", .0.en)]
    Forbidden(Problem),
    #[error("not found: {}", .0.en)]
    NotFound(Problem),
    /// The state of the session does not allow it (e.g. a closed question).
    #[error("conflict: {}", .0.en)]
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
        Self::NotFound(Problem::new(
            "session_not_found",
            "There is no session with that id or code.",
            "Det finns ingen dialog med den koden.",
        ))
    }

    pub fn question_not_found() -> Self {
        Self::NotFound(Problem::new(
            "question_not_found",
            "There is no such question in this session.",
            "Frågan finns inte i den här dialogen.",
        ))
    }

    pub fn contribution_not_found() -> Self {
        Self::NotFound(Problem::new(
            "contribution_not_found",
            "There is no such contribution.",
            "Inspelet finns inte.",
        ))
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
            Self::TooLarge => Problem::new(
                "too_large",
                format!("The request is too large (at most {} bytes).", crate::limits::MAX_BODY_BYTES),
                format!("Förfrågan är för stor (högst {} byte).", crate::limits::MAX_BODY_BYTES),
            ),
            Self::Unauthorized => Problem::new(
                "unauthorized",
                "A valid token is needed for this. Use the link you were given.",
                "Det behövs en giltig nyckel. Använd länken du fick.",
            ),
            Self::MethodNotAllowed => Problem::new(
                "method_not_allowed",
                "This address does not take that method. See /api/openapi.json.",
                "Adressen tar inte emot den metoden. Se /api/openapi.json.",
            ),
            Self::RateLimited { retry_after_secs } => Problem::new(
                "rate_limited",
                format!("Too many contributions at once. Try again in {retry_after_secs} s."),
                format!("För många inspel på en gång. Försök igen om {retry_after_secs} s."),
            ),
            Self::TooMany { what, retry_after_secs: s } => too_many(*what, *s),
            Self::Unavailable => Problem::new(
                "unavailable",
                "The server is shutting down. Try again in a moment.",
                "Servern stängs av. Försök igen om en stund.",
            ),
            Self::StorageUnavailable => Problem::new(
                "storage_unavailable",
                "The server cannot save right now (its disk may be full). Nothing was saved; try again in a moment.",
                "Servern kan inte spara just nu (disken kan vara full). Inget sparades; försök igen om en stund.",
            ),
            Self::Storage(_) | Self::Internal(_) => Problem::new(
                "internal",
                "Something went wrong on the server. Nothing was saved; try again.",
                "Något gick fel på servern. Inget sparades; försök igen.",
            ),
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
        ErrorBody { error: p.en.into_owned(), error_sv: p.sv.into_owned(), code: p.code.to_string() }
    }
}

fn too_many(what: Flood, s: u64) -> Problem {
    let (code, en, sv) = match what {
        Flood::NetworkContributions => (
            "rate_limited",
            "Too many contributions from your network at once.",
            "För många inspel från ert nätverk på en gång.",
        ),
        Flood::NewPhones => (
            "too_many_new_phones",
            "Too many new phones from your network at once.",
            "För många nya telefoner från ert nätverk på en gång.",
        ),
        Flood::Votes => ("rate_limited", "Too many votes at once.", "För många röster på en gång."),
        Flood::NetworkVotes => (
            "rate_limited",
            "Too many votes from your network at once.",
            "För många röster från ert nätverk på en gång.",
        ),
        Flood::Lookups => (
            "rate_limited",
            "Too many join attempts from your network.",
            "För många anslutningsförsök från ert nätverk.",
        ),
        Flood::Codes => (
            "too_many_codes",
            "Too many different join codes were tried from your network. Check the code.",
            "För många olika koder har provats från ert nätverk. Kontrollera koden.",
        ),
    };
    Problem::new(code, format!("{en} Try again in {s} s."), format!("{sv} Försök igen om {s} s."))
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
