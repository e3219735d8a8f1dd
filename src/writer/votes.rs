//! Dot votes in the writer: starting one on a question's cards or on themes, and each phone's
//! dots, with the per-phone budget enforced inside the transaction that stores them.

use std::collections::BTreeMap;

use redb::ReadableTable;
use serde::Serialize;
use utoipa::ToSchema;

use super::apply::{Batch, json, unknown_question};
use super::facilitate::{next_id, not_found, refuse};
use crate::error::{AppError, Problem};
use crate::limits::{MAX_DOTS, MAX_OPEN_VOTES, MAX_VOTE_ITEMS, MAX_VOTE_LABEL_CHARS, MAX_VOTES};
use crate::model::{EventKind, Session, Vote, VoteItem, VoteTarget};
use crate::store::{BALLOT_KEY_TO_DOTS, decode};

/// A phone's wish: this many dots on this item (0 takes them all back).
#[derive(Debug, Clone)]
pub struct Ballot {
    pub participant: String,
    pub vote_id: String,
    pub item_id: String,
    pub dots: u32,
}

/// Where a phone's dots are now, and how many it has left.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyDots {
    pub vote_id: String,
    pub mine: BTreeMap<String, u32>,
    pub left: u32,
}

type Kinds = Result<Result<Vec<EventKind>, AppError>, redb::Error>;

fn label(text: &str) -> String {
    let mut l: String = text.chars().take(MAX_VOTE_LABEL_CHARS).collect();
    if text.chars().count() > MAX_VOTE_LABEL_CHARS {
        l.push('…');
    }
    l
}

impl Batch<'_> {
    pub(super) fn start_vote(
        &mut self,
        session_id: &str,
        s: &Session,
        question_id: Option<String>,
        target: VoteTarget,
        dots: u32,
    ) -> Kinds {
        if let Some(q) = &question_id
            && s.question(q).is_none()
        {
            return Ok(Err(unknown_question()));
        }
        if dots == 0 || dots > MAX_DOTS {
            return Ok(Err(AppError::Invalid(Problem::new(
                "bad_dots",
                format!("Each phone gets 1–{MAX_DOTS} dots."),
                format!("Varje telefon får 1–{MAX_DOTS} prickar."),
            ))));
        }
        if s.votes.iter().filter(|v| v.open).count() >= MAX_OPEN_VOTES {
            return Ok(Err(refuse(
                "vote_open",
                "A vote is open already; close it first.".into(),
                "En röstning pågår redan; stäng den först.".into(),
            )));
        }
        if s.votes.len() >= MAX_VOTES {
            return Ok(Err(refuse(
                "too_many_votes",
                format!("A session holds at most {MAX_VOTES} votes."),
                format!("En dialog rymmer högst {MAX_VOTES} röstningar."),
            )));
        }
        let in_question = |q: &Option<String>| question_id.is_none() || *q == question_id;
        let items: Vec<VoteItem> = match target {
            VoteTarget::Themes => s
                .themes
                .iter()
                .filter(|t| in_question(&t.question_id))
                .map(|t| VoteItem { id: t.id.clone(), label: label(&t.name), hidden: false })
                .collect(),
            VoteTarget::Contributions => self
                .all_contributions(session_id)?
                .into_iter()
                .map(|r| r.contribution)
                .filter(|c| c.visible() && in_question(&Some(c.question_id.clone())))
                .map(|c| VoteItem { id: c.id.clone(), label: label(&c.text), hidden: false })
                .collect(),
        };
        if items.is_empty() {
            return Ok(Err(refuse(
                "nothing_to_vote_on",
                "There is nothing to vote on yet.".into(),
                "Det finns inget att rösta på ännu.".into(),
            )));
        }
        if items.len() > MAX_VOTE_ITEMS {
            return Ok(Err(refuse(
                "too_many_items",
                format!(
                    "A vote takes at most {MAX_VOTE_ITEMS} items; group the cards into themes and vote on those."
                ),
                format!(
                    "En röstning rymmer högst {MAX_VOTE_ITEMS} kort; samla dem i teman och rösta på dem."
                ),
            )));
        }
        let vote = Vote {
            id: next_id("v", s.votes.iter().map(|v| &v.id)),
            question_id,
            target,
            dots,
            open: true,
            items,
            totals: BTreeMap::new(),
            revealed: false,
        };
        Ok(Ok(vec![EventKind::VoteStarted { vote }]))
    }

    pub(super) fn cast(
        &mut self,
        session_id: &str,
        b: Ballot,
    ) -> Result<Result<MyDots, AppError>, redb::Error> {
        let Some(session) = self.session(session_id)? else {
            return Ok(Err(AppError::not_found_session()));
        };
        let Some(vote) = session.votes.iter().find(|v| v.id == b.vote_id).cloned() else {
            return Ok(Err(not_found("vote_not_found", "There is no such vote.", "Röstningen finns inte.")));
        };
        if !vote.open {
            return Ok(Err(refuse(
                "vote_closed",
                "This vote is closed.".into(),
                "Röstningen är stängd.".into(),
            )));
        }
        if !vote.items.iter().any(|i| i.id == b.item_id) {
            return Ok(Err(not_found(
                "item_not_found",
                "That is not one of this vote's items.",
                "Det finns inte i röstningen.",
            )));
        }
        let key = (session_id, b.vote_id.as_str(), b.participant.as_str());
        let mut mine: BTreeMap<String, u32> = {
            let table = self.txn.open_table(BALLOT_KEY_TO_DOTS)?;
            let found = table.get(key)?;
            match found {
                Some(v) => decode(v.value()).map_err(|e| redb::Error::Corrupted(e.to_string()))?,
                None => BTreeMap::new(),
            }
        };
        // Dots on items that left the vote (a card hidden since) are given back.
        mine.retain(|k, _| vote.items.iter().any(|i| i.id == *k));
        let before = mine.get(&b.item_id).copied().unwrap_or(0);
        let elsewhere: u32 = mine.iter().filter(|(k, _)| **k != b.item_id).map(|(_, v)| *v).sum();
        if elsewhere.saturating_add(b.dots) > vote.dots {
            return Ok(Err(refuse(
                "no_dots_left",
                format!("You have {} dots in all; move some first.", vote.dots),
                format!("Du har {} prickar totalt; flytta några först.", vote.dots),
            )));
        }
        if b.dots == 0 {
            mine.remove(&b.item_id);
        } else {
            mine.insert(b.item_id.clone(), b.dots);
        }
        self.txn.open_table(BALLOT_KEY_TO_DOTS)?.insert(key, json(&mine)?.as_slice())?;
        if before != b.dots {
            let total = vote.totals.get(&b.item_id).copied().unwrap_or(0) - before + b.dots;
            self.apply(
                session_id,
                EventKind::VoteTallied { vote_id: b.vote_id.clone(), item_id: b.item_id, total },
            )?;
        }
        let used: u32 = mine.values().sum();
        Ok(Ok(MyDots { vote_id: b.vote_id, left: vote.dots - used, mine }))
    }
}

/// Closes an open vote; nothing when it is closed already.
pub(super) fn close(s: &Session, vote_id: String) -> Result<Vec<EventKind>, AppError> {
    match s.votes.iter().find(|v| v.id == vote_id) {
        Some(v) if v.open => Ok(vec![EventKind::VoteClosed { vote_id }]),
        Some(_) => Ok(vec![]),
        None => Err(not_found("vote_not_found", "There is no such vote.", "Röstningen finns inte.")),
    }
}

/// Shows a vote's result in the room, or takes it off the wall; nothing when it already is so.
pub(super) fn reveal(s: &Session, vote_id: String, reveal: bool) -> Result<Vec<EventKind>, AppError> {
    let Some(v) = s.votes.iter().find(|v| v.id == vote_id) else {
        return Err(not_found("vote_not_found", "There is no such vote.", "Röstningen finns inte."));
    };
    Ok(match (reveal, v.revealed) {
        (true, false) => vec![EventKind::VoteRevealed { vote_id, totals: v.without_hidden().totals }],
        (false, true) => vec![EventKind::VoteResultsHidden { vote_id }],
        _ => vec![],
    })
}

/// A closed vote's result does not stay on the wall for ever: when the room moves on (another
/// question or round becomes active), it leaves the wall with the same change.
pub(super) fn results_leave_with_room(s: &Session, mut kinds: Vec<EventKind>) -> Vec<EventKind> {
    let moves_on = kinds
        .iter()
        .any(|k| matches!(k, EventKind::QuestionActivated { .. } | EventKind::RoundStarted { .. }));
    if moves_on {
        let shown = s.votes.iter().filter(|v| !v.open && v.revealed);
        kinds.extend(shown.map(|v| EventKind::VoteResultsHidden { vote_id: v.id.clone() }));
    }
    kinds
}
