//! What the room (a wall with the wall token, a phone) may see of each event, beyond which
//! kinds it receives ([`super::Scope`]): the wall link may be public, so the server, not the
//! page, leaves out what the session keeps from the room.
//!
//! - A card carries only what the session's `wall_shows` allows (table, perspective, both or
//!   neither): at a four-person table the two together can name someone.
//! - A vote's totals (`vote_tallied`) reach the room only while its result is revealed, so
//!   nobody follows the crowd while voting. A phone knows its own dots from `voted` and
//!   `hello.my_dots`, which never depended on the totals.
//!
//! The filter starts from the session as of `hello` and follows only later events: the replay
//! before it is history, and the room sees it as the session is now.

use std::collections::HashSet;
use std::sync::Arc;

use crate::hub::Live;
use crate::model::{EventKind, Session, WallShows};

pub struct RoomFilter {
    shows: WallShows,
    revealed: HashSet<String>,
    /// The seq `hello` carried: events up to it are already in the session the filter began with.
    hello_seq: u64,
}

impl RoomFilter {
    pub fn new(session: &Session, hello_seq: u64) -> Self {
        Self {
            shows: session.settings.wall_shows,
            revealed: session.votes.iter().filter(|v| v.revealed).map(|v| v.id.clone()).collect(),
            hello_seq,
        }
    }

    fn observe(&mut self, kind: &EventKind) {
        match kind {
            EventKind::SessionEdited { settings: Some(s), .. } => self.shows = s.wall_shows,
            EventKind::VoteRevealed { vote_id, .. } => {
                self.revealed.insert(vote_id.clone());
            }
            EventKind::VoteResultsHidden { vote_id } => {
                self.revealed.remove(vote_id);
            }
            _ => {}
        }
    }

    /// The event as the room may see it, or `None` when the room may not see it at all.
    pub fn present(&mut self, ev: Arc<Live>) -> Option<Arc<Live>> {
        if ev.seq > self.hello_seq {
            self.observe(&ev.kind);
        }
        match &ev.kind {
            EventKind::VoteTallied { vote_id, .. } if !self.revealed.contains(vote_id) => None,
            EventKind::ContributionAdded { contribution }
            | EventKind::ContributionApproved { contribution } => {
                let cut_table = !self.shows.table() && contribution.table.is_some();
                let cut_perspective = !self.shows.perspective() && contribution.perspective.is_some();
                if !cut_table && !cut_perspective {
                    return Some(ev);
                }
                // A changed event gets its own frame; an unchanged one keeps the shared one.
                let mut e = ev.event.clone();
                if let EventKind::ContributionAdded { contribution }
                | EventKind::ContributionApproved { contribution } = &mut e.kind
                {
                    if cut_table {
                        contribution.table = None;
                    }
                    if cut_perspective {
                        contribution.perspective = None;
                    }
                }
                Some(Arc::new(Live::new(e)))
            }
            _ => Some(ev),
        }
    }
}
