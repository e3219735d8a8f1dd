//! The one reducer: what each event does to a session's own state (its questions, rounds,
//! themes, votes and settings) and to the cards it touches, which are stored apart. The writer
//! applies both in the same transaction as the event (`writer::act`).

use jiff::Timestamp;

use super::{Contribution, EventKind, NameKind, QuestionState, Session};

/// Which stored cards an event changes besides the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touches<'a> {
    Nothing,
    Card(&'a str),
    /// Every card of the session may change (a rename, a theme merged away).
    AllCards,
}

impl EventKind {
    /// The cards [`Contribution::apply`] may change for this event.
    pub fn touches(&self) -> Touches<'_> {
        match self {
            EventKind::ContributionHidden { contribution_id }
            | EventKind::ContributionRestored { contribution_id }
            | EventKind::ContributionPinned { contribution_id }
            | EventKind::ContributionUnpinned { contribution_id }
            | EventKind::ContributionThemed { contribution_id, .. }
            | EventKind::ContributionMerged { contribution_id, .. } => Touches::Card(contribution_id),
            EventKind::ContributionApproved { contribution } => Touches::Card(&contribution.id),
            EventKind::Renamed { .. } | EventKind::ThemesMerged { .. } => Touches::AllCards,
            _ => Touches::Nothing,
        }
    }
}

impl Contribution {
    /// Changes the card as `kind` says; whether it changed. Events about other cards leave it.
    pub fn apply(&mut self, kind: &EventKind) -> bool {
        let mine = |id: &str| id == self.id;
        match kind {
            EventKind::ContributionHidden { contribution_id } if mine(contribution_id) => self.hidden = true,
            EventKind::ContributionRestored { contribution_id } if mine(contribution_id) => {
                self.hidden = false
            }
            EventKind::ContributionApproved { contribution } if mine(&contribution.id) => {
                self.pending = false;
                self.flagged = None;
            }
            EventKind::ContributionPinned { contribution_id } if mine(contribution_id) => self.pinned = true,
            EventKind::ContributionUnpinned { contribution_id } if mine(contribution_id) => {
                self.pinned = false
            }
            EventKind::ContributionThemed { contribution_id, theme_id } if mine(contribution_id) => {
                self.theme_id = theme_id.clone()
            }
            EventKind::ContributionMerged { contribution_id, into } if mine(contribution_id) => {
                self.merged_into = Some(into.clone())
            }
            // A renamed table or perspective: its cards carry the new name, so the export
            // shows the final one; the log keeps the old.
            EventKind::Renamed { what, from, to } => {
                let field = match what {
                    NameKind::Table => &mut self.table,
                    NameKind::Perspective => &mut self.perspective,
                };
                if field.as_deref() != Some(from.as_str()) {
                    return false;
                }
                *field = Some(to.clone());
            }
            EventKind::ThemesMerged { theme_id, into }
                if self.theme_id.as_deref() == Some(theme_id.as_str()) =>
            {
                self.theme_id = Some(into.clone())
            }
            _ => return false,
        }
        true
    }
}

impl Session {
    /// Changes the session as `kind`, which happened at `at`, says.
    pub fn apply(&mut self, kind: &EventKind, at: Timestamp) {
        match kind {
            EventKind::QuestionActivated { question_id } => {
                self.active_question_id = Some(question_id.clone());
                // Showing one question of a larger round shows it alone.
                self.show_single = self.current_round().is_some_and(|r| r.question_ids.len() > 1);
            }
            EventKind::QuestionOpened { question_id } | EventKind::QuestionClosed { question_id } => {
                let open = matches!(kind, EventKind::QuestionOpened { .. });
                if let Some(q) = self.question_mut(question_id) {
                    q.state = if open { QuestionState::Open } else { QuestionState::Closed };
                    q.closed_at = if open { None } else { Some(at) };
                }
                if open {
                    self.ended = false;
                }
            }
            EventKind::ModerationChanged { premoderation, .. } => {
                self.moderation.premoderation = *premoderation
            }
            // A hidden card leaves every open vote, and its dots go back to the phones. In a
            // closed vote its result stays for the secretary, marked so the room never sees it.
            EventKind::ContributionHidden { contribution_id } => {
                for v in self.votes.iter_mut() {
                    if v.open {
                        v.items.retain(|i| i.id != *contribution_id);
                        v.totals.remove(contribution_id);
                    } else {
                        v.items.iter_mut().filter(|i| i.id == *contribution_id).for_each(|i| i.hidden = true);
                    }
                }
            }
            EventKind::ContributionRestored { contribution_id } => {
                for v in self.votes.iter_mut().filter(|v| !v.open) {
                    v.items.iter_mut().filter(|i| i.id == *contribution_id).for_each(|i| i.hidden = false);
                }
            }
            EventKind::ThemeCreated { theme } => {
                self.themes.push(theme.clone());
                self.themes_created += 1;
            }
            EventKind::ThemeRenamed { theme_id, name } => {
                if let Some(t) = self.themes.iter_mut().find(|t| t.id == *theme_id) {
                    t.name = name.clone();
                }
            }
            EventKind::ThemesMerged { theme_id, into } => {
                self.themes.retain(|t| t.id != *theme_id);
                self.merge_theme_note(theme_id, into);
            }
            EventKind::VoteStarted { vote } => self.votes.push(vote.clone()),
            EventKind::VoteClosed { vote_id } => {
                if let Some(v) = self.vote_mut(vote_id) {
                    v.open = false;
                }
            }
            EventKind::VoteRevealed { vote_id, .. } | EventKind::VoteResultsHidden { vote_id } => {
                if let Some(v) = self.vote_mut(vote_id) {
                    v.revealed = matches!(kind, EventKind::VoteRevealed { .. });
                }
            }
            EventKind::VoteTallied { vote_id, item_id, total } => {
                if let Some(v) = self.vote_mut(vote_id) {
                    v.totals.insert(item_id.clone(), *total);
                }
            }
            EventKind::TimerChanged { question_id, timer, .. } => {
                if let Some(q) = self.question_mut(question_id) {
                    q.timer = timer.clone();
                }
            }
            EventKind::RoundStarted { round_id } => {
                if let Some(first) = self.round(round_id).and_then(|r| r.question_ids.first()).cloned() {
                    self.active_question_id = Some(first);
                }
                self.show_single = false;
                self.ended = false;
            }
            EventKind::SessionEnded => self.ended = true,
            EventKind::QuestionEdited { question_id, text, duration_secs, tables } => {
                if let Some(q) = self.question_mut(question_id) {
                    q.text = text.clone();
                    q.duration_secs = *duration_secs;
                    q.tables = tables.clone();
                }
            }
            EventKind::QuestionAdded { question, round } => {
                self.questions.push(question.clone());
                match self.rounds.iter_mut().find(|r| r.id == round.id) {
                    Some(r) => *r = round.clone(),
                    None => self.rounds.push(round.clone()),
                }
            }
            EventKind::RoundsPlanned { rounds } => self.rounds = rounds.clone(),
            EventKind::SessionEdited { title, tables, perspectives, settings, series, place } => {
                if let Some(t) = title {
                    self.title = t.clone();
                }
                if let Some(t) = tables {
                    self.tables = t.clone();
                }
                if let Some(p) = perspectives {
                    self.perspectives = p.clone();
                }
                if let Some(s) = settings {
                    self.settings = s.clone();
                }
                if let Some(s) = series {
                    self.series = s.clone();
                }
                if let Some(p) = place {
                    self.place = p.clone();
                }
            }
            EventKind::Renamed { what, from, to } => {
                let rename = |list: &mut Vec<String>| {
                    list.iter_mut().filter(|n| *n == from).for_each(|n| *n = to.clone())
                };
                match what {
                    NameKind::Table => {
                        rename(&mut self.tables);
                        self.questions.iter_mut().for_each(|q| rename(&mut q.tables));
                        // A table's summaries keep their table under its new name.
                        for n in self.notes.iter_mut().filter(|n| n.table.as_ref() == Some(from)) {
                            n.table = Some(to.clone());
                        }
                    }
                    NameKind::Perspective => rename(&mut self.perspectives),
                }
            }
            EventKind::NoteWritten { question_id, theme_id, table, text } => {
                self.write_note(question_id, theme_id, table, text, at)
            }
            EventKind::SessionCreated { .. }
            | EventKind::ContributionAdded { .. }
            | EventKind::ContributionApproved { .. }
            | EventKind::ContributionPinned { .. }
            | EventKind::ContributionUnpinned { .. }
            | EventKind::ContributionThemed { .. }
            | EventKind::ContributionMerged { .. } => {}
        }
    }

    fn question_mut(&mut self, id: &str) -> Option<&mut super::Question> {
        self.questions.iter_mut().find(|q| q.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str) -> Contribution {
        serde_json::from_value(serde_json::json!({
            "id": id, "question_id": "q1", "text": "t", "table": "Bord 1", "perspective": null,
            "created_at": "2026-11-26T10:00:00Z", "seq": 1, "theme_id": "t1"
        }))
        .unwrap()
    }

    #[test]
    fn a_card_changes_only_for_events_about_it() {
        let mut c = card("a");
        assert!(c.apply(&EventKind::ContributionHidden { contribution_id: "a".into() }));
        assert!(c.hidden);
        assert!(!c.apply(&EventKind::ContributionPinned { contribution_id: "b".into() }));
        assert!(!c.pinned);
        let merged = EventKind::ThemesMerged { theme_id: "t1".into(), into: "t2".into() };
        assert_eq!(merged.touches(), Touches::AllCards);
        assert!(c.apply(&merged));
        assert_eq!(c.theme_id.as_deref(), Some("t2"));
        let rename = EventKind::Renamed { what: NameKind::Table, from: "Bord 9".into(), to: "X".into() };
        assert!(!c.apply(&rename), "another table's rename leaves the card");
        assert_eq!(EventKind::SessionEnded.touches(), Touches::Nothing);
    }
}
