//! A dot vote on a question's cards or on themes: each phone gets `dots` to place.

use std::collections::BTreeMap;

use super::{Checked, Context, invalid, known_question, max_index, refuse};
use crate::error::Problem;
use crate::limits::{MAX_DOTS, MAX_OPEN_VOTES, MAX_VOTE_ITEMS, MAX_VOTE_LABEL_CHARS, MAX_VOTES};
use crate::model::{EventKind, Vote, VoteItem, VoteTarget};

pub(in crate::writer) fn label(text: &str) -> String {
    let mut l: String = text.chars().take(MAX_VOTE_LABEL_CHARS).collect();
    if text.chars().count() > MAX_VOTE_LABEL_CHARS {
        l.push('…');
    }
    l
}

/// `cards`: the visible cards of the question in arrival order, as items, when `target` is the
/// cards (`writer::vote_cards`).
pub(in crate::writer) fn check(
    cx: &Context,
    question_id: Option<String>,
    target: VoteTarget,
    dots: u32,
    cards: Vec<VoteItem>,
) -> Checked {
    let s = cx.session;
    known_question(s, question_id.as_deref())?;
    if dots == 0 || dots > MAX_DOTS {
        return Err(invalid(Problem::of("bad_dots").with("max", MAX_DOTS)));
    }
    if s.votes.iter().filter(|v| v.open).count() >= MAX_OPEN_VOTES {
        return Err(refuse(Problem::of("vote_open")));
    }
    if s.votes.len() >= MAX_VOTES {
        return Err(refuse(Problem::of("too_many_votes").with("max", MAX_VOTES)));
    }
    let items: Vec<VoteItem> = match target {
        VoteTarget::Themes => s
            .themes
            .iter()
            .filter(|t| question_id.is_none() || t.question_id == question_id)
            .map(|t| VoteItem { id: t.id.clone(), label: label(&t.name), hidden: false })
            .collect(),
        VoteTarget::Contributions => cards,
    };
    if items.is_empty() {
        return Err(refuse(Problem::of("nothing_to_vote_on")));
    }
    if items.len() > MAX_VOTE_ITEMS {
        return Err(refuse(Problem::of("too_many_items").with("max", MAX_VOTE_ITEMS)));
    }
    let vote = Vote {
        id: format!("v{}", max_index(s.votes.iter().map(|v| &v.id), "v") + 1),
        question_id,
        target,
        dots,
        open: true,
        items,
        totals: BTreeMap::new(),
        revealed: false,
    };
    Ok(vec![EventKind::VoteStarted { vote }])
}
