//! The end of a dot vote: its totals stay, no more dots move.

use super::{Checked, Context, no_vote};
use crate::model::EventKind;

pub(in crate::writer) fn check(cx: &Context, vote_id: String) -> Checked {
    match cx.session.votes.iter().find(|v| v.id == vote_id) {
        Some(v) if v.open => Ok(vec![EventKind::VoteClosed { vote_id }]),
        Some(_) => Ok(vec![]),
        None => Err(no_vote()),
    }
}
