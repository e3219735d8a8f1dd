//! Submitting a contribution, shared by the HTTP endpoint and the participant websocket.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::limits::MAX_NAME_CHARS;
use crate::ratelimit::Client;
use crate::state::AppState;
use crate::validate;
use crate::writer::{NewContribution, Submitted};

/// A contribution as a phone sends it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ContributionInput {
    /// A UUID the phone generates once per contribution and reuses on every retry.
    pub id: String,
    pub question_id: String,
    pub text: String,
    /// One of the session's tables, or absent.
    #[serde(default)]
    pub table: Option<String>,
    /// One of the session's perspectives, or absent.
    #[serde(default)]
    pub perspective: Option<String>,
    /// The phone's own random id, for per-phone rate limits (HTTP only; the websocket knows it).
    #[serde(default)]
    pub participant_id: Option<String>,
}

fn optional_name(raw: Option<String>, field: validate::Field) -> Result<Option<String>, AppError> {
    match raw {
        Some(s) if !s.trim().is_empty() => validate::line(&s, field, MAX_NAME_CHARS).map(Some),
        _ => Ok(None),
    }
}

/// Validates, de-duplicates, rate-limits and stores one contribution from `client`'s address.
/// Returns once it is durably committed (or was already).
pub async fn submit(
    state: &AppState,
    session_id: &str,
    client: Client,
    input: ContributionInput,
    participant: Option<String>,
) -> Result<Submitted, AppError> {
    let id = validate::contribution_id(&input.id)?;
    let text = validate::contribution_text(&input.text)?;
    let table = optional_name(input.table, validate::Field::Table)?;
    let perspective = optional_name(input.perspective, validate::Field::Perspective)?;
    let participant = participant.map(|p| validate::participant_id(&p)).transpose()?;

    // A retry of something already stored is answered from the store and costs the phone (and
    // its address) none of their budgets: phones coming back online resend their whole queue.
    let (sid, cid) = (session_id.to_string(), id.clone());
    if let Some(c) = state.store.read_now(move |t| crate::store::contribution(t, &sid, &cid)).await? {
        return Ok(Submitted { contribution: c, duplicate: true });
    }
    state.limiter.contribution(session_id, client, participant.as_deref())?;
    // The abuse filter's own words need nothing of the session: read them here, in parallel
    // with other requests, not on the single writer thread.
    let screened = crate::moderation::screen(&text);
    let new = NewContribution {
        id,
        question_id: input.question_id,
        text,
        screened,
        table,
        perspective,
        participant,
    };
    state.writer.submit(session_id.to_string(), new).await
}

/// A phone's dots on one item of a vote, as it sends them.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct VoteInput {
    pub item_id: String,
    /// How many of its dots the phone puts on this item now (0 takes them back).
    pub dots: u32,
    /// The phone's own random id (HTTP only; the websocket knows it). Required: the dot
    /// budget is per phone.
    #[serde(default)]
    pub participant_id: Option<String>,
}

/// Places (or moves) a phone's dots; the writer enforces the budget. Every ballot costs rate
/// budget, even one that changes nothing (it is still a write and an event to every wall).
pub async fn vote(
    state: &AppState,
    session_id: &str,
    client: Client,
    vote_id: String,
    input: VoteInput,
    participant: Option<String>,
) -> Result<crate::writer::MyDots, AppError> {
    let Some(participant) = participant else {
        return Err(AppError::Invalid(crate::error::Problem::of("participant_required")));
    };
    let participant = validate::participant_id(&participant)?;
    state.limiter.ballot(session_id, client, &participant)?;
    let ballot = crate::writer::Ballot { participant, vote_id, item_id: input.item_id, dots: input.dots };
    state.writer.vote(session_id.to_string(), ballot).await
}
