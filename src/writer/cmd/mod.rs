//! The facilitator's actions as commands, one module each. A command is a pure check: it
//! reads the session as it is (and the cards it names, loaded for it by `writer::act`) and
//! answers with the events that carry it out, or with why not. It never changes anything
//! itself; the writer applies the events through the one reducer (`model::apply`), so a
//! refused command leaves nothing behind and an accepted one is exactly its events.
//!
//! To add an action: a module here with `pub(super) fn check(cx: &Context, …) -> Checked`, a
//! variant of `writer::Action`, and one line in `writer::act` that calls it.

use std::collections::HashMap;

use jiff::Timestamp;

use crate::error::{AppError, Problem};
use crate::limits::MAX_THEMES;
use crate::model::{ContributionRecord, EventKind, Session};

pub(in crate::writer) mod apply_themes;
pub(in crate::writer) mod assign_theme;
pub(in crate::writer) mod close_vote;
pub(in crate::writer) mod create_theme;
pub(in crate::writer) mod merge_card;
pub(in crate::writer) mod merge_themes;
pub(in crate::writer) mod moderate;
pub(in crate::writer) mod notes;
pub(in crate::writer) mod plan;
pub(in crate::writer) mod question;
pub(in crate::writer) mod rename_theme;
pub(in crate::writer) mod reveal_vote;
pub(in crate::writer) mod rounds;
pub(in crate::writer) mod settings;
pub(in crate::writer) mod start_vote;
pub(in crate::writer) mod timer;

/// Why a command is not carried out, as the client is told.
pub type Refusal = AppError;

/// What a check answers: the events that carry the command out (none: it is so already).
pub(in crate::writer) type Checked = Result<Vec<EventKind>, Refusal>;

/// What a check may read: the session as it is inside the transaction, the cards the command
/// names, and the transaction's clock.
pub(in crate::writer) struct Context<'a> {
    pub session: &'a Session,
    pub cards: &'a Cards,
    pub now: Timestamp,
}

/// Stored contributions loaded for one command, in arrival order.
#[derive(Debug, Default)]
pub(in crate::writer) struct Cards {
    records: Vec<ContributionRecord>,
    index: HashMap<String, usize>,
}

impl Cards {
    pub(in crate::writer) fn new(mut records: Vec<ContributionRecord>) -> Self {
        records.sort_by_key(|r| r.contribution.seq);
        let index = records.iter().enumerate().map(|(i, r)| (r.contribution.id.clone(), i)).collect();
        Self { records, index }
    }

    pub(super) fn get(&self, id: &str) -> Option<&ContributionRecord> {
        self.index.get(id).map(|&i| &self.records[i])
    }
}

pub(in crate::writer) fn refuse(problem: Problem) -> Refusal {
    AppError::Conflict(problem)
}

pub(in crate::writer) fn invalid(problem: Problem) -> Refusal {
    AppError::Invalid(problem)
}

pub(in crate::writer) fn not_found(problem: Problem) -> Refusal {
    AppError::NotFound(problem)
}

pub(in crate::writer) fn no_card() -> Refusal {
    AppError::contribution_not_found()
}

pub(in crate::writer) fn no_theme() -> Refusal {
    not_found(Problem::of("theme_not_found"))
}

pub(in crate::writer) fn no_vote() -> Refusal {
    not_found(Problem::of("vote_not_found"))
}

pub(in crate::writer) fn no_round() -> Refusal {
    not_found(Problem::of("round_not_found"))
}

pub(in crate::writer) fn too_many_themes() -> Refusal {
    refuse(Problem::of("too_many_themes").with("max", MAX_THEMES))
}

/// The question a command names, when it names one, must be in the session.
pub(in crate::writer) fn known_question(s: &Session, question_id: Option<&str>) -> Result<(), Refusal> {
    match question_id {
        Some(q) if s.question(q).is_none() => Err(AppError::question_not_found()),
        _ => Ok(()),
    }
}

/// A theme of one question takes only that question's cards.
pub(in crate::writer) fn same_question(
    theme_question: Option<&str>,
    card: Option<&ContributionRecord>,
) -> Result<(), Refusal> {
    match (theme_question, card) {
        (Some(q), Some(r)) if r.contribution.question_id != q => {
            Err(AppError::Invalid(Problem::of("wrong_question")))
        }
        _ => Ok(()),
    }
}

/// The highest number after `prefix` among `ids` (`q3` → 3), 0 when none. Ids are never
/// reused, so the next is one more: `v1`, `v2`, …
pub(in crate::writer) fn max_index<'a>(ids: impl Iterator<Item = &'a String>, prefix: &str) -> u32 {
    ids.filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok()).max().unwrap_or(0)
}
