//! The facilitator's actions, applied inside the writer's transaction: questions, moderation,
//! themes and timers. Each checks everything before it changes anything, so a refused action
//! leaves nothing behind in the batch.

use jiff::Timestamp;

use super::apply::{Batch, unknown_question};
use crate::error::{AppError, Problem};
use crate::limits::MAX_THEMES;
use crate::model::ContributionRecord;
use crate::model::{EventKind, ModerationAction, QuestionAction, Session, Theme, VoteTarget};

/// Something a facilitator does to a session.
#[derive(Debug, Clone)]
pub enum Action {
    Question(String, QuestionAction),
    Moderate {
        contribution_id: String,
        action: ModerationAction,
    },
    Settings {
        premoderation: Option<bool>,
        blocked_words: Option<Vec<String>>,
    },
    CreateTheme {
        name: String,
        question_id: Option<String>,
    },
    RenameTheme {
        theme_id: String,
        name: String,
    },
    MergeThemes {
        theme_id: String,
        into: String,
    },
    /// Put a contribution in a theme, or take it out (`None`).
    AssignTheme {
        contribution_id: String,
        theme_id: Option<String>,
    },
    /// Create these themes at once and put their contributions in them (accepted suggestions).
    ApplyThemes {
        question_id: Option<String>,
        themes: Vec<(String, Vec<String>)>,
    },
    /// Fold a duplicate card into another.
    MergeContribution {
        contribution_id: String,
        into: String,
    },
    StartVote {
        question_id: Option<String>,
        target: VoteTarget,
        dots: u32,
    },
    CloseVote {
        vote_id: String,
    },
    /// Show the vote's result in the room (`true`) or take it off the wall again.
    RevealVote(String, bool),
    Timer {
        question_id: String,
        op: TimerOp,
    },
    /// From the timer scheduler: the countdown that was to end at `ends_at` has.
    TimerExpired {
        question_id: String,
        ends_at: Timestamp,
    },
    /// Rounds and live editing (`writer::rounds`).
    Round(super::rounds::RoundCmd),
    /// The secretary's note on a question or theme; an empty text removes it (`writer::notes`).
    Note {
        target: crate::model::NoteTarget,
        text: String,
    },
}

/// What to do with a question's countdown.
#[derive(Debug, Clone, Copy)]
pub enum TimerOp {
    /// Start (or restart) with this many seconds, or the question's planned time box.
    Start {
        duration_secs: Option<u32>,
        auto_close: bool,
    },
    Pause,
    Resume,
    Extend {
        secs: u32,
    },
    Stop,
}

type Outcome = Result<Result<Session, AppError>, redb::Error>;

pub(super) fn refuse(code: &'static str, en: String, sv: String) -> AppError {
    AppError::Conflict(Problem::new(code, en, sv))
}

pub(super) fn not_found(code: &'static str, en: &'static str, sv: &'static str) -> AppError {
    AppError::NotFound(Problem::new(code, en, sv))
}

fn no_contribution() -> AppError {
    not_found("contribution_not_found", "There is no such contribution.", "Inspelet finns inte.")
}

fn too_many_themes() -> AppError {
    refuse(
        "too_many_themes",
        format!("A session holds at most {MAX_THEMES} themes; merge some first."),
        format!("En dialog rymmer högst {MAX_THEMES} teman; slå ihop några först."),
    )
}

fn no_theme() -> AppError {
    not_found("theme_not_found", "There is no such theme.", "Temat finns inte.")
}

impl Batch<'_> {
    pub(super) fn act(&mut self, session_id: &str, action: Action) -> Outcome {
        let Some(session) = self.session(session_id)? else {
            return Ok(Err(AppError::not_found_session()));
        };
        let snapshot = session.clone();
        let changes = match action {
            Action::Question(qid, a) => super::questions::question(&snapshot, &qid, a),
            Action::Settings { premoderation, blocked_words } => {
                let premoderation = premoderation.unwrap_or(snapshot.moderation.premoderation);
                let words = blocked_words.unwrap_or_else(|| snapshot.moderation.blocked_words.clone());
                if premoderation == snapshot.moderation.premoderation
                    && words == snapshot.moderation.blocked_words
                {
                    Ok(vec![])
                } else {
                    // The list itself is private to the facilitator: stored, never broadcast.
                    let blocked_words = words.len();
                    self.edit(session_id, |s| s.moderation.blocked_words = words)?;
                    Ok(vec![EventKind::ModerationChanged { premoderation, blocked_words }])
                }
            }
            Action::CreateTheme { name, question_id } => {
                if let Some(q) = &question_id
                    && snapshot.question(q).is_none()
                {
                    return Ok(Err(unknown_question()));
                }
                if snapshot.themes.len() >= MAX_THEMES {
                    return Ok(Err(too_many_themes()));
                }
                let theme = Theme { id: format!("t{}", snapshot.themes_created + 1), name, question_id };
                Ok(vec![EventKind::ThemeCreated { theme }])
            }
            Action::RenameTheme { theme_id, name } => match snapshot.theme(&theme_id) {
                Some(t) if t.name == name => Ok(vec![]),
                Some(_) => Ok(vec![EventKind::ThemeRenamed { theme_id, name }]),
                None => Err(no_theme()),
            },
            Action::MergeThemes { theme_id, into } => {
                if theme_id == into || snapshot.theme(&theme_id).is_none() || snapshot.theme(&into).is_none()
                {
                    Err(no_theme())
                } else {
                    Ok(vec![EventKind::ThemesMerged { theme_id, into }])
                }
            }
            Action::AssignTheme { contribution_id, theme_id } => {
                if let Some(t) = &theme_id
                    && snapshot.theme(t).is_none()
                {
                    return Ok(Err(no_theme()));
                }
                let theme_question =
                    theme_id.as_ref().and_then(|t| snapshot.theme(t)).and_then(|t| t.question_id.clone());
                let record = self.contribution(session_id, &contribution_id)?;
                if let Err(e) = same_question(&theme_question, &record) {
                    return Ok(Err(e));
                }
                match record {
                    None => Err(no_contribution()),
                    Some(r) if r.contribution.theme_id == theme_id => Ok(vec![]),
                    Some(_) => Ok(vec![EventKind::ContributionThemed { contribution_id, theme_id }]),
                }
            }
            Action::ApplyThemes { question_id, themes } => {
                self.apply_themes(session_id, &snapshot, question_id, themes)?
            }
            Action::Moderate { contribution_id, action } => {
                self.moderate(session_id, contribution_id, action)?
            }
            Action::MergeContribution { contribution_id, into } => {
                let from = self.contribution(session_id, &contribution_id)?;
                let target = self.contribution(session_id, &into)?;
                match (from, target) {
                    (Some(f), Some(t))
                        if f.contribution.id != t.contribution.id && t.contribution.merged_into.is_none() =>
                    {
                        Ok(vec![EventKind::ContributionMerged { contribution_id, into }])
                    }
                    (Some(_), Some(_)) => Err(AppError::Invalid(Problem::new(
                        "bad_merge",
                        "A card cannot be merged into itself or into a card that was merged itself.",
                        "Ett kort kan inte slås ihop med sig självt eller med ett redan hopslaget kort.",
                    ))),
                    _ => Err(no_contribution()),
                }
            }
            Action::StartVote { question_id, target, dots } => {
                self.start_vote(session_id, &snapshot, question_id, target, dots)?
            }
            Action::CloseVote { vote_id } => super::votes::close(&snapshot, vote_id),
            Action::RevealVote(vote_id, reveal) => super::votes::reveal(&snapshot, vote_id, reveal),
            Action::Timer { question_id, op } => super::timer::timer(&snapshot, &question_id, op, self.now),
            Action::Round(cmd) => super::rounds::check(&snapshot, cmd, self.now),
            Action::Note { target, text } => super::notes::check(&snapshot, target, text),
            Action::TimerExpired { question_id, ends_at } => {
                Ok(super::timer::expire(&snapshot, &question_id, ends_at))
            }
        };
        let kinds = match changes {
            Ok(k) => super::votes::results_leave_with_room(&snapshot, k),
            Err(e) => return Ok(Err(e)),
        };
        for kind in kinds {
            self.apply(session_id, kind)?;
        }
        let session =
            self.session(session_id)?.ok_or_else(|| redb::Error::Corrupted("session vanished".into()))?;
        Ok(Ok(session.clone()))
    }

    fn moderate(
        &mut self,
        session_id: &str,
        contribution_id: String,
        action: ModerationAction,
    ) -> Result<Result<Vec<EventKind>, AppError>, redb::Error> {
        let Some(record) = self.contribution(session_id, &contribution_id)? else {
            return Ok(Err(no_contribution()));
        };
        let c = &record.contribution;
        let id = contribution_id;
        Ok(Ok(match action {
            ModerationAction::Hide if !c.hidden => {
                vec![EventKind::ContributionHidden { contribution_id: id }]
            }
            ModerationAction::Restore if c.hidden => {
                vec![EventKind::ContributionRestored { contribution_id: id }]
            }
            ModerationAction::Approve if c.pending => {
                let mut approved = c.clone();
                approved.pending = false;
                approved.flagged = None;
                vec![EventKind::ContributionApproved { contribution: approved }]
            }
            ModerationAction::Pin if !c.pinned => vec![EventKind::ContributionPinned { contribution_id: id }],
            ModerationAction::Unpin if c.pinned => {
                vec![EventKind::ContributionUnpinned { contribution_id: id }]
            }
            // Already so: nothing changes and nothing is logged.
            _ => vec![],
        }))
    }

    fn apply_themes(
        &mut self,
        session_id: &str,
        snapshot: &Session,
        question_id: Option<String>,
        themes: Vec<(String, Vec<String>)>,
    ) -> Result<Result<Vec<EventKind>, AppError>, redb::Error> {
        if let Some(q) = &question_id
            && snapshot.question(q).is_none()
        {
            return Ok(Err(unknown_question()));
        }
        if snapshot.themes.len() + themes.len() > MAX_THEMES {
            return Ok(Err(too_many_themes()));
        }
        let mut kinds = Vec::new();
        let mut created = snapshot.themes_created;
        for (name, members) in themes {
            for m in &members {
                if self.contribution(session_id, m)?.is_none() {
                    return Ok(Err(no_contribution()));
                }
            }
            for m in &members {
                if let Err(e) = same_question(&question_id, &self.contribution(session_id, m)?) {
                    return Ok(Err(e));
                }
            }
            created += 1;
            let theme = Theme { id: format!("t{created}"), name, question_id: question_id.clone() };
            let tid = theme.id.clone();
            kinds.push(EventKind::ThemeCreated { theme });
            for m in members {
                kinds.push(EventKind::ContributionThemed { contribution_id: m, theme_id: Some(tid.clone()) });
            }
        }
        Ok(Ok(kinds))
    }

    /// Logs `kind` with the next seq and changes the stored state to match. The log and the
    /// state change in the same transaction, so they always agree.
    pub(super) fn apply(&mut self, session_id: &str, kind: EventKind) -> Result<(), redb::Error> {
        self.change_state(session_id, &kind)?;
        let seq = self.next_seq(session_id)?;
        self.record(session_id, seq, kind)
    }

    fn change_state(&mut self, session_id: &str, kind: &EventKind) -> Result<(), redb::Error> {
        let touch_contribution = |b: &mut Self, id: &str, f: &dyn Fn(&mut crate::model::Contribution)| {
            if let Some(mut r) = b.contribution(session_id, id)? {
                f(&mut r.contribution);
                b.put_contribution(session_id, &r)?;
            }
            Ok::<(), redb::Error>(())
        };
        match kind {
            EventKind::ContributionHidden { contribution_id } => {
                touch_contribution(self, contribution_id, &|c| c.hidden = true)?
            }
            EventKind::ContributionRestored { contribution_id } => {
                touch_contribution(self, contribution_id, &|c| c.hidden = false)?
            }
            EventKind::ContributionApproved { contribution } => {
                touch_contribution(self, &contribution.id, &|c| {
                    c.pending = false;
                    c.flagged = None;
                })?
            }
            EventKind::ContributionPinned { contribution_id } => {
                touch_contribution(self, contribution_id, &|c| c.pinned = true)?
            }
            EventKind::ContributionUnpinned { contribution_id } => {
                touch_contribution(self, contribution_id, &|c| c.pinned = false)?
            }
            EventKind::ContributionThemed { contribution_id, theme_id } => {
                touch_contribution(self, contribution_id, &|c| c.theme_id = theme_id.clone())?
            }
            EventKind::ContributionMerged { contribution_id, into } => {
                touch_contribution(self, contribution_id, &|c| c.merged_into = Some(into.clone()))?
            }
            // A renamed table or perspective: its contributions carry the new name, so the
            // export shows the final one; the log keeps the old.
            EventKind::Renamed { what, from, to } => {
                for mut r in self.all_contributions(session_id)? {
                    let field = match what {
                        crate::model::NameKind::Table => &mut r.contribution.table,
                        crate::model::NameKind::Perspective => &mut r.contribution.perspective,
                    };
                    if field.as_deref() == Some(from.as_str()) {
                        *field = Some(to.clone());
                        self.put_contribution(session_id, &r)?;
                    }
                }
            }
            EventKind::ThemesMerged { theme_id, into } => {
                for mut r in self.all_contributions(session_id)? {
                    if r.contribution.theme_id.as_deref() == Some(theme_id.as_str()) {
                        r.contribution.theme_id = Some(into.clone());
                        self.put_contribution(session_id, &r)?;
                    }
                }
            }
            _ => {}
        }
        let now = self.now;
        self.edit(session_id, |s| s.apply(kind, now))?;
        Ok(())
    }

    /// Changes the cached session and marks it for writing at the end of the batch.
    pub(super) fn edit(&mut self, session_id: &str, f: impl FnOnce(&mut Session)) -> Result<(), redb::Error> {
        if let Some(s) = self.session(session_id)? {
            f(s);
            self.dirty.insert(session_id.to_string());
        }
        Ok(())
    }
}

/// A theme of one question takes only that question's cards.
fn same_question(theme_question: &Option<String>, card: &Option<ContributionRecord>) -> Result<(), AppError> {
    match (theme_question, card) {
        (Some(q), Some(r)) if r.contribution.question_id != *q => Err(AppError::Invalid(Problem::new(
            "wrong_question",
            "That card answers another question than the theme's.",
            "Kortet hör till en annan fråga än temat.",
        ))),
        _ => Ok(()),
    }
}

/// The next id with this prefix after the highest in use: `v1`, `v2`, … (votes are never
/// removed, so ids are never reused).
pub(super) fn next_id<'a>(prefix: &str, existing: impl Iterator<Item = &'a String>) -> String {
    let max = existing.filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok()).max().unwrap_or(0);
    format!("{prefix}{}", max + 1)
}
