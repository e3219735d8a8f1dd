//! Pre-moderation on or off, and the session's own blocked words.

use super::{Checked, Context};
use crate::model::EventKind;

/// The event says only how many words are blocked: the list itself is private to the
/// facilitator, so `writer::act` stores it with the session beside the event.
pub(in crate::writer) fn check(
    cx: &Context,
    premoderation: Option<bool>,
    blocked_words: Option<&[String]>,
) -> Checked {
    let now = &cx.session.moderation;
    let premoderation = premoderation.unwrap_or(now.premoderation);
    let words = blocked_words.unwrap_or(&now.blocked_words);
    if premoderation == now.premoderation && words == now.blocked_words.as_slice() {
        return Ok(vec![]);
    }
    Ok(vec![EventKind::ModerationChanged { premoderation, blocked_words: words.len() }])
}
