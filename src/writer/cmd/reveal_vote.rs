//! Show a dot vote's result in the room, or take it off the wall. A closed vote's result also
//! leaves the wall by itself when the room moves on ([`results_leave_with_room`]).

use super::{Checked, Context, no_vote};
use crate::model::{EventKind, Session};

pub(in crate::writer) fn check(cx: &Context, vote_id: String, reveal: bool) -> Checked {
    let v = cx.session.votes.iter().find(|v| v.id == vote_id).ok_or_else(no_vote)?;
    Ok(match (reveal, v.revealed) {
        (true, false) => vec![EventKind::VoteRevealed { vote_id, totals: v.without_hidden().totals }],
        (false, true) => vec![EventKind::VoteResultsHidden { vote_id }],
        // Already so: nothing changes.
        _ => vec![],
    })
}

/// A closed vote's result does not stay on the wall for ever: when the room moves on (another
/// question or round becomes active), it leaves the wall with the same change.
pub(in crate::writer) fn results_leave_with_room(s: &Session, mut kinds: Vec<EventKind>) -> Vec<EventKind> {
    let moves_on = kinds
        .iter()
        .any(|k| matches!(k, EventKind::QuestionActivated { .. } | EventKind::RoundStarted { .. }));
    if moves_on {
        let shown = s.votes.iter().filter(|v| !v.open && v.revealed);
        kinds.extend(shown.map(|v| EventKind::VoteResultsHidden { vote_id: v.id.clone() }));
    }
    kinds
}
