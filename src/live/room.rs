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
                // A changed event gets its own frame, made once for every socket with the same
                // cut; an unchanged one keeps the shared one.
                let which = match (cut_table, cut_perspective) {
                    (true, false) => 0,
                    (false, true) => 1,
                    _ => 2,
                };
                Some(ev.cut(which, |event| {
                    let mut e = event.clone();
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
                    e
                }))
            }
            _ => Some(ev),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::model::Event;

    fn filter(shows: WallShows) -> RoomFilter {
        RoomFilter { shows, revealed: HashSet::new(), hello_seq: 0 }
    }

    fn card() -> Arc<Live> {
        let event: Event = serde_json::from_value(serde_json::json!({
            "seq": 1, "at": "2026-11-26T10:00:00Z", "kind": "contribution_added",
            "contribution": {"id": "c1", "question_id": "q1", "text": "hej", "table": "Bord 1",
                "perspective": "Elev", "created_at": "2026-11-26T10:00:00Z", "seq": 1}
        }))
        .unwrap();
        Arc::new(Live::new(event))
    }

    /// Regression: every wall whose setting cut the perspective made (and serialised) its own
    /// copy of each card; now sockets with the same cut share one event and one frame.
    #[test]
    fn sockets_with_the_same_cut_share_one_event_and_frame() {
        let ev = card();
        let (a, b) =
            (filter(WallShows::Table).present(ev.clone()), filter(WallShows::Table).present(ev.clone()));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(Arc::ptr_eq(&a, &b), "two sockets with the same cut got two copies");
        let made = Cell::new(0);
        let frame = |e: &Event| {
            made.set(made.get() + 1);
            serde_json::to_string(e).unwrap().into()
        };
        let (fa, fb) = (a.frame(frame), b.frame(frame));
        assert_eq!((made.get(), fa.as_str()), (1, fb.as_str()), "the cut frame was made more than once");
        let EventKind::ContributionAdded { contribution } = &a.kind else { panic!("not a card") };
        assert_eq!(
            (contribution.table.as_deref(), contribution.perspective.as_deref()),
            (Some("Bord 1"), None)
        );

        // Another cut gets its own event; a room that sees everything keeps the shared one.
        let none = filter(WallShows::Neither).present(ev.clone()).unwrap();
        assert!(!Arc::ptr_eq(&a, &none));
        let EventKind::ContributionAdded { contribution } = &none.kind else { panic!("not a card") };
        assert_eq!((contribution.table.as_deref(), contribution.perspective.as_deref()), (None, None));
        assert!(Arc::ptr_eq(&filter(WallShows::Both).present(ev.clone()).unwrap(), &ev));
    }
}
