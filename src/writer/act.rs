//! A facilitator's action in the writer: load what its check needs, run the check (a pure
//! function in `cmd`), then apply the events it answers with through the one reducer, in the
//! batch's transaction.

use jiff::Timestamp;

use super::WriteError;
use super::apply::Batch;
use super::cmd::{self, Cards, Context};
use crate::error::AppError;
use crate::model::{EventKind, ModerationAction, QuestionAction, Session, TimerAction, Touches, VoteTarget};

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
        /// The cards, read before by [`super::prepare_vote_cards`] (a vote on the cards);
        /// without them the writer reads every card itself.
        cards: Option<super::VoteCards>,
    },
    CloseVote {
        vote_id: String,
    },
    /// Show the vote's result in the room (`true`) or take it off the wall again.
    RevealVote(String, bool),
    /// The secretary's note on a question or theme (empty text: removed).
    Note {
        target: crate::model::NoteTarget,
        text: String,
    },
    Timer {
        question_id: String,
        op: TimerOp,
    },
    /// From the timer scheduler: the countdown that was to end at `ends_at` has.
    TimerExpired {
        question_id: String,
        ends_at: Timestamp,
    },
    /// Rounds and live editing (`writer::cmd::rounds`).
    Round(super::RoundCmd),
}

/// What to do with a question's countdown: one of the [`TimerAction`]s the events record
/// (`expired` is the scheduler's, refused from anyone else), with its seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerOp {
    pub action: TimerAction,
    /// Start: the length, or the question's (a round's: the round's) planned time box when
    /// none. Extend: the seconds to add.
    pub secs: Option<u32>,
    /// Start: close the question when the countdown reaches zero.
    pub auto_close: bool,
}

impl TimerOp {
    /// Start (or restart) with `secs`, or the planned time box.
    pub fn start(secs: Option<u32>, auto_close: bool) -> Self {
        Self { action: TimerAction::Start, secs, auto_close }
    }

    /// Add `secs` to the countdown.
    pub fn extend(secs: u32) -> Self {
        Self { action: TimerAction::Extend, secs: Some(secs), auto_close: false }
    }

    /// An action that takes no seconds: pause, resume, stop.
    pub fn just(action: TimerAction) -> Self {
        Self { action, secs: None, auto_close: false }
    }
}

/// The stored cards an action's check reads.
enum Needs<'a> {
    None,
    Some(Vec<&'a str>),
}

impl Action {
    fn needs(&self) -> Needs<'_> {
        match self {
            Action::Moderate { contribution_id, .. } | Action::AssignTheme { contribution_id, .. } => {
                Needs::Some(vec![contribution_id])
            }
            Action::MergeContribution { contribution_id, into } => Needs::Some(vec![contribution_id, into]),
            Action::ApplyThemes { themes, .. } => Needs::Some(
                themes.iter().flat_map(|(_, members)| members.iter().map(String::as_str)).collect(),
            ),
            _ => Needs::None,
        }
    }
}

impl Batch<'_> {
    pub(super) fn act(&mut self, session_id: &str, mut action: Action) -> Result<Session, WriteError> {
        let mut vote_items = Vec::new();
        if let Action::StartVote { target: VoteTarget::Contributions, question_id, cards, .. } = &mut action {
            vote_items = self.vote_items(session_id, question_id.as_deref(), cards.take())?;
        }
        let cards = match action.needs() {
            Needs::None => Cards::default(),
            Needs::Some(ids) => {
                let mut found = Vec::with_capacity(ids.len());
                for id in ids {
                    found.extend(self.contribution(session_id, id)?);
                }
                Cards::new(found)
            }
        };
        let now = self.now;
        let session = self.session(session_id)?.ok_or_else(AppError::not_found_session)?;
        let cx = Context { session, cards: &cards, now };
        let mut blocked_words = None;
        let checked = match action {
            Action::Question(qid, a) => cmd::question::check(&cx, qid, a),
            Action::Moderate { contribution_id, action } => {
                cmd::moderate::check(&cx, contribution_id, action)
            }
            Action::Settings { premoderation, blocked_words: words } => {
                let checked = cmd::settings::check(&cx, premoderation, words.as_deref());
                blocked_words = words;
                checked
            }
            Action::CreateTheme { name, question_id } => cmd::create_theme::check(&cx, name, question_id),
            Action::RenameTheme { theme_id, name } => cmd::rename_theme::check(&cx, theme_id, name),
            Action::MergeThemes { theme_id, into } => cmd::merge_themes::check(&cx, theme_id, into),
            Action::AssignTheme { contribution_id, theme_id } => {
                cmd::assign_theme::check(&cx, contribution_id, theme_id)
            }
            Action::ApplyThemes { question_id, themes } => cmd::apply_themes::check(&cx, question_id, themes),
            Action::MergeContribution { contribution_id, into } => {
                cmd::merge_card::check(&cx, contribution_id, into)
            }
            Action::StartVote { question_id, target, dots, .. } => {
                cmd::start_vote::check(&cx, question_id, target, dots, vote_items)
            }
            Action::CloseVote { vote_id } => cmd::close_vote::check(&cx, vote_id),
            Action::RevealVote(vote_id, reveal) => cmd::reveal_vote::check(&cx, vote_id, reveal),
            Action::Note { target, text } => cmd::notes::check(cx.session, target, text),
            Action::Timer { question_id, op } => cmd::timer::check(&cx, &question_id, op),
            Action::TimerExpired { question_id, ends_at } => cmd::timer::expire(&cx, &question_id, ends_at),
            Action::Round(round) => cmd::rounds::check(&cx, round),
        };
        let kinds = cmd::reveal_vote::results_leave_with_room(cx.session, checked?);
        // The blocked words are private to the facilitator: stored with the session, never in
        // an event (the event says how many there are).
        if let Some(words) = blocked_words.filter(|_| !kinds.is_empty()) {
            self.edit(session_id, |s| s.moderation.blocked_words = words)?;
        }
        for kind in kinds {
            self.apply(session_id, kind)?;
        }
        let session = self.session(session_id)?.ok_or(WriteError::Inconsistent("the session vanished"))?;
        Ok(session.clone())
    }

    /// Logs `kind` with the next seq and changes the stored state to match, through the one
    /// reducer: `Session::apply` for the session, `Contribution::apply` for the cards it
    /// touches (stored apart). The log and the state change in the same transaction, so they
    /// always agree.
    pub(super) fn apply(&mut self, session_id: &str, kind: EventKind) -> Result<(), WriteError> {
        let cards = match kind.touches() {
            Touches::Nothing => Vec::new(),
            Touches::Card(id) => self.contribution(session_id, id)?.into_iter().collect(),
            Touches::AllCards => self.all_contributions(session_id)?,
        };
        for mut record in cards {
            if record.contribution.apply(&kind) {
                self.put_contribution(session_id, &record)?;
            }
        }
        let now = self.now;
        self.edit(session_id, |s| s.apply(&kind, now))?;
        let seq = self.next_seq(session_id)?;
        self.record(session_id, seq, kind)
    }

    /// Changes the cached session and marks it for writing at the end of the batch.
    pub(super) fn edit(&mut self, session_id: &str, f: impl FnOnce(&mut Session)) -> Result<(), WriteError> {
        if let Some(s) = self.session(session_id)? {
            f(s);
            self.dirty.insert(session_id.to_string());
        }
        Ok(())
    }
}
