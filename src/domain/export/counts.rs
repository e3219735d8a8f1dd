//! The counts a report opens with (contributions per table and perspective) and its dot-vote
//! results, ranked.

use super::vote_results;
use crate::model::{Session, VoteTarget};

/// One item of a dot vote's result, ranked (equal dots share a place: 1, 2, 2, 4).
#[derive(Debug, Clone)]
pub struct VoteLine {
    pub rank: usize,
    pub label: String,
    pub dots: u32,
}

#[derive(Debug, Clone)]
pub struct VotePart {
    /// The question it was held on, if any.
    pub question: Option<String>,
    pub target: VoteTarget,
    pub open: bool,
    pub lines: Vec<VoteLine>,
}

/// Counts per name: the session's names in its order (those with none left out), names not in
/// the list after them, then `none` for the contributions without one.
pub(super) fn tally<'a>(
    known: &[String],
    values: impl Iterator<Item = Option<&'a str>>,
    none: &str,
) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = known.iter().map(|k| (k.clone(), 0)).collect();
    let mut missing = 0;
    for v in values {
        match v {
            Some(v) => match counts.iter_mut().find(|(k, _)| k == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v.to_string(), 1)),
            },
            None => missing += 1,
        }
    }
    counts.retain(|(_, n)| *n > 0);
    if missing > 0 {
        counts.push((none.to_string(), missing));
    }
    counts
}

pub(super) fn votes(session: &Session, include_hidden: bool) -> Vec<VotePart> {
    vote_results(session, include_hidden)
        .into_iter()
        .map(|v| {
            let mut lines: Vec<VoteLine> = Vec::with_capacity(v.results.len());
            for (i, r) in v.results.iter().enumerate() {
                let rank = match lines.last() {
                    Some(prev) if prev.dots == r.dots => prev.rank,
                    _ => i + 1,
                };
                lines.push(VoteLine { rank, label: r.label.clone(), dots: r.dots });
            }
            VotePart {
                question: v.question_id.as_deref().and_then(|q| session.question(q)).map(|q| q.text.clone()),
                target: v.target,
                open: v.open,
                lines,
            }
        })
        .collect()
}
