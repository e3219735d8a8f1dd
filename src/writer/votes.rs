//! Each phone's dots in a vote, with the per-phone budget enforced inside the transaction that
//! stores them (starting and closing a vote are commands: `cmd::start_vote`, `cmd::close_vote`).

use std::collections::BTreeMap;

use redb::ReadableTable;

use super::WriteError;
use super::apply::{Batch, decode, json};
use super::cmd::{no_vote, not_found, refuse};
use crate::error::{AppError, Problem};
use crate::model::{EventKind, MyDots};
use crate::store::BALLOT_KEY_TO_DOTS;

/// A phone's wish: this many dots on this item (0 takes them all back).
#[derive(Debug, Clone)]
pub struct Ballot {
    pub participant: String,
    pub vote_id: String,
    pub item_id: String,
    pub dots: u32,
}

impl Batch<'_> {
    pub(super) fn cast(&mut self, session_id: &str, b: Ballot) -> Result<MyDots, WriteError> {
        let session = self.session(session_id)?.ok_or_else(AppError::not_found_session)?;
        let vote = session.votes.iter().find(|v| v.id == b.vote_id).cloned().ok_or_else(no_vote)?;
        if !vote.open {
            return Err(WriteError::Refused(refuse(Problem::of("vote_closed"))));
        }
        if !vote.items.iter().any(|i| i.id == b.item_id) {
            return Err(WriteError::Refused(not_found(Problem::of("item_not_found"))));
        }
        let key = (session_id, b.vote_id.as_str(), b.participant.as_str());
        let stored: BTreeMap<String, u32> = {
            let table = self.txn.open_table(BALLOT_KEY_TO_DOTS)?;
            let found = table.get(key)?;
            match found {
                Some(v) => decode(v.value())?,
                None => BTreeMap::new(),
            }
        };
        let now = MyDots::new(&vote, stored);
        let before = now.mine.get(&b.item_id).copied().unwrap_or(0);
        if !now.fits(&vote, &b.item_id, b.dots) {
            return Err(WriteError::Refused(refuse(Problem::of("no_dots_left").with("dots", vote.dots))));
        }
        let mut mine = now.mine;
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
        Ok(MyDots::new(&vote, mine))
    }
}
