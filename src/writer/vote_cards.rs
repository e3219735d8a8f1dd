//! The cards a dot vote is on, prepared in two phases so the writer stays quick.
//!
//! Reading and decoding every card of a large session takes far longer than a write
//! transaction should (169 ms for 50,000 cards), and while the writer does it no other
//! session's contribution is committed. So the handler reads the cards first, in a read
//! transaction on a blocking thread ([`prepare`]), noting the session's last seq. The writer
//! then reads only the events since that seq and re-reads just the cards they name; an event
//! that may change every card sends it back to reading all of them, as before.

use std::collections::HashSet;

use redb::{ReadTransaction, ReadableTable};

use super::WriteError;
use super::apply::Batch;
use super::cmd::start_vote::label;
use crate::error::AppError;
use crate::model::{Contribution, EventKind, Touches, VoteItem};
use crate::store::{CONTRIBUTION_KEY_TO_RECORD, EVENT_KEY_TO_EVENT, decode_event};

/// A session's votable cards as a read transaction saw them.
#[derive(Debug, Clone)]
pub struct VoteCards {
    /// The session's last seq in that read.
    seq: u64,
    /// The visible cards of the question, each with its seq, in arrival order.
    cards: Vec<(u64, VoteItem)>,
}

/// The card as a vote item, when a vote on `question_id` (all questions: `None`) takes it.
fn votable(c: &Contribution, question_id: Option<&str>) -> Option<(u64, VoteItem)> {
    let in_question = question_id.is_none_or(|q| q == c.question_id);
    (c.visible() && in_question)
        .then(|| (c.seq, VoteItem { id: c.id.clone(), label: label(&c.text), hidden: false }))
}

/// Phase one, outside the writer: the votable cards of the session, and the seq they are as of.
pub fn prepare(
    txn: &ReadTransaction,
    session_id: &str,
    question_id: Option<&str>,
) -> Result<VoteCards, AppError> {
    let seq = crate::store::session_seq(txn, session_id)?;
    let cards = crate::store::contributions(txn, session_id)?;
    Ok(VoteCards { seq, cards: cards.iter().filter_map(|c| votable(c, question_id)).collect() })
}

impl Batch<'_> {
    /// Phase two, in the writer: the vote items as of now. `prepared` is brought up to date
    /// with the cards the events since its seq name; without it (or when an event may have
    /// changed every card) every card is read here.
    pub(super) fn vote_items(
        &mut self,
        session_id: &str,
        question_id: Option<&str>,
        prepared: Option<VoteCards>,
    ) -> Result<Vec<VoteItem>, WriteError> {
        let fresh = match prepared {
            Some(p) => self.catch_up(session_id, question_id, p)?,
            None => None,
        };
        let cards = match fresh {
            Some(cards) => cards,
            None => {
                let all = self.all_contributions(session_id)?;
                all.iter().filter_map(|r| votable(&r.contribution, question_id)).collect()
            }
        };
        Ok(cards.into_iter().map(|(_, item)| item).collect())
    }

    /// `p` with the cards changed since it was read re-read; `None` when it cannot be.
    fn catch_up(
        &mut self,
        session_id: &str,
        question_id: Option<&str>,
        mut p: VoteCards,
    ) -> Result<Option<Vec<(u64, VoteItem)>>, WriteError> {
        let now = self.last_seq(session_id)?;
        if now == p.seq {
            return Ok(Some(p.cards));
        }
        if now < p.seq {
            return Ok(None);
        }
        let mut changed = HashSet::new();
        {
            let events = self.txn.open_table(EVENT_KEY_TO_EVENT)?;
            let records = self.txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
            for row in events.range((session_id, p.seq + 1)..=(session_id, now))? {
                let (k, v) = row?;
                let event = decode_event(&records, session_id, k.value().1, v.value())?;
                match (&event.kind, event.kind.touches()) {
                    (_, Touches::AllCards) => return Ok(None),
                    (EventKind::ContributionAdded { contribution }, _) => {
                        changed.insert(contribution.id.clone());
                    }
                    (_, Touches::Card(id)) => {
                        changed.insert(id.to_string());
                    }
                    (_, Touches::Nothing) => {}
                }
            }
        }
        if changed.is_empty() {
            return Ok(Some(p.cards));
        }
        p.cards.retain(|(_, item)| !changed.contains(&item.id));
        for id in &changed {
            if let Some(r) = self.contribution(session_id, id)? {
                p.cards.extend(votable(&r.contribution, question_id));
            }
        }
        // Nearly sorted already: the stable sort only places the few re-read cards.
        p.cards.sort_by_key(|(seq, _)| *seq);
        Ok(Some(p.cards))
    }
}
