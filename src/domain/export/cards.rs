//! A report's questions, each with its cards grouped by theme or table. Built for all
//! questions in one pass over the contributions, so a report of 50,000 over twenty questions
//! costs no more than one of a single question.

use std::collections::{HashMap, HashSet};

use super::Grouping;
use super::notes::{group_note, question_notes};
use super::report::{Card, GroupPart, QuestionPart};
use crate::model::{Contribution, Question, Session};

/// Every question's cards, in the order they arrived, each with its duplicates. A duplicate
/// counts under the card it was merged into (in that card's question); a duplicate of a card
/// that is not in the report stands for itself.
pub(super) fn by_question<'a>(
    chosen: &[(&'a Contribution, &'a Contribution)],
) -> HashMap<&'a str, Vec<Card>> {
    let mut cards: HashMap<&str, Vec<Card>> = HashMap::new();
    // Where each card stands: its question and its place among that question's cards.
    let mut slot: HashMap<&str, (&str, usize)> = HashMap::new();
    for (i, (c, root)) in chosen.iter().enumerate() {
        if c.id == root.id {
            let list = cards.entry(c.question_id.as_str()).or_default();
            slot.insert(c.id.as_str(), (c.question_id.as_str(), list.len()));
            list.push(Card { line: i, duplicates: Vec::new() });
        }
    }
    for (i, (c, root)) in chosen.iter().enumerate() {
        if c.id == root.id {
            continue;
        }
        match slot.get(root.id.as_str()) {
            Some(&(q, at)) => {
                if let Some(card) = cards.get_mut(q).and_then(|l| l.get_mut(at)) {
                    card.duplicates.push(i);
                }
            }
            None => cards
                .entry(c.question_id.as_str())
                .or_default()
                .push(Card { line: i, duplicates: Vec::new() }),
        }
    }
    cards
}

/// A question's cards in groups: by theme (largest first, then the order they were made; the
/// cards in none last) or by table (the session's order; the cards at none last).
pub(super) fn question_part(
    session: &Session,
    chosen: &[(&Contribution, &Contribution)],
    nr: usize,
    q: &Question,
    group: Grouping,
    cards: Vec<Card>,
) -> QuestionPart {
    let themes: HashMap<&str, (usize, &str)> =
        session.themes.iter().enumerate().map(|(i, t)| (t.id.as_str(), (i, t.name.as_str()))).collect();
    let tables: HashMap<&str, usize> =
        session.tables.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
    let key = |line: usize| -> Option<&str> {
        let (c, _) = chosen[line];
        match group {
            Grouping::Theme => c.theme_id.as_deref().filter(|t| themes.contains_key(t)),
            Grouping::Table => c.table.as_deref(),
        }
    };
    let count = cards.iter().map(|c| 1 + c.duplicates.len()).sum();
    // The themes with cards in this question (a duplicate's theme too), for the notes.
    let carded: HashSet<&str> = cards
        .iter()
        .flat_map(|c| std::iter::once(c.line).chain(c.duplicates.iter().copied()))
        .filter_map(|line| chosen[line].0.theme_id.as_deref())
        .collect();
    let mut groups: Vec<(Option<&str>, GroupPart)> = Vec::new();
    let mut at: HashMap<Option<&str>, usize> = HashMap::new();
    for card in cards {
        let k = key(card.line);
        let slot = *at.entry(k).or_insert_with(|| {
            let name = match (k, group) {
                (Some(id), Grouping::Theme) => themes.get(id).map(|(_, name)| name.to_string()),
                (Some(table), Grouping::Table) => Some(table.to_string()),
                (None, _) => None,
            };
            let note = (group == Grouping::Theme).then(|| group_note(session, k)).flatten();
            groups.push((k, GroupPart { name, count: 0, note, cards: Vec::new() }));
            groups.len() - 1
        });
        groups[slot].1.count += 1 + card.duplicates.len();
        groups[slot].1.cards.push(card);
    }
    let order = |k: Option<&str>| -> usize {
        match (k, group) {
            (None, _) => usize::MAX,
            (Some(id), Grouping::Theme) => themes.get(id).map_or(usize::MAX - 1, |(i, _)| *i),
            (Some(t), Grouping::Table) => tables.get(t).copied().unwrap_or(usize::MAX - 1),
        }
    };
    match group {
        Grouping::Theme => groups.sort_by_key(|(k, g)| (k.is_none(), std::cmp::Reverse(g.count), order(*k))),
        Grouping::Table => groups.sort_by_key(|(k, _)| order(*k)),
    }
    let grouped: HashSet<&str> = groups.iter().filter_map(|(k, _)| *k).collect();
    let notes = question_notes(session, q, group, &grouped, &carded);
    QuestionPart {
        nr,
        id: q.id.clone(),
        text: q.text.clone(),
        state: q.state,
        count,
        notes,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
    }
}
