//! The one reducer: what each event does to a session's own state (its questions, rounds,
//! themes, votes and settings). The writer applies it to the session it stores, in the same
//! transaction as the event; what events do to contributions, which are stored apart, the
//! writer does beside it (`writer::facilitate`).

use jiff::Timestamp;

use super::{EventKind, NameKind, QuestionState, Session};

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
                    }
                    NameKind::Perspective => rename(&mut self.perspectives),
                }
            }
            EventKind::NoteWritten { question_id, theme_id, text } => {
                self.write_note(question_id, theme_id, text, at)
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
