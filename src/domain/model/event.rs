//! The event log's entries: what happened in a session, in order.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Contribution, Question, Round, SeriesRef, SessionSettings, Theme, Timer, TimerAction, Vote};

/// A change in a session, numbered per session from 1 without gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Event {
    pub seq: u64,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened. Serialised with a `kind` tag, e.g. `{"kind":"contribution_added",…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    SessionCreated {
        title: String,
    },
    ContributionAdded {
        contribution: Contribution,
    },
    QuestionActivated {
        question_id: String,
    },
    QuestionOpened {
        question_id: String,
    },
    QuestionClosed {
        question_id: String,
    },
    ContributionHidden {
        contribution_id: String,
    },
    ContributionRestored {
        contribution_id: String,
    },
    /// A waiting contribution is let through; walls see it for the first time here.
    ContributionApproved {
        contribution: Contribution,
    },
    ContributionPinned {
        contribution_id: String,
    },
    ContributionUnpinned {
        contribution_id: String,
    },
    /// Put in a theme, or (`theme_id` null) taken out of one.
    ContributionThemed {
        contribution_id: String,
        theme_id: Option<String>,
    },
    /// A duplicate folded into another card.
    ContributionMerged {
        contribution_id: String,
        into: String,
    },
    /// Pre-moderation switched, or the session's blocked words changed. The words themselves
    /// are the facilitator's only and never travel in an event; their number does.
    ModerationChanged {
        premoderation: bool,
        #[serde(default)]
        blocked_words: usize,
    },
    ThemeCreated {
        theme: Theme,
    },
    ThemeRenamed {
        theme_id: String,
        name: String,
    },
    /// Every card of `theme_id` now belongs to `into`; `theme_id` is gone.
    ThemesMerged {
        theme_id: String,
        into: String,
    },
    VoteStarted {
        vote: Vote,
    },
    /// The dots an item has now, after a phone placed or moved some.
    VoteTallied {
        vote_id: String,
        item_id: String,
        total: u32,
    },
    VoteClosed {
        vote_id: String,
    },
    /// The facilitator shows the vote's result in the room: `totals` as they are now (walls
    /// and phones received none before). Walls receive `vote_tallied` from here on.
    VoteRevealed {
        vote_id: String,
        totals: std::collections::BTreeMap<String, u32>,
    },
    /// The result leaves the wall again: by the facilitator, or because the room moved on
    /// (another question or round) after the vote closed.
    VoteResultsHidden {
        vote_id: String,
    },
    /// A question's countdown started, paused, resumed, was extended, stopped or ran out.
    TimerChanged {
        question_id: String,
        action: TimerAction,
        timer: Option<Timer>,
    },
    /// A round began: phones and walls show its questions (each was opened just before by its
    /// own `question_opened`), and its first question is the active one.
    RoundStarted {
        round_id: String,
    },
    /// The last round closed: phones thank the participants.
    SessionEnded,
    /// A question's text, time box or tables changed. Its contributions stay with it; exports
    /// show the final text and the log keeps the old one.
    QuestionEdited {
        question_id: String,
        text: String,
        duration_secs: Option<u32>,
        tables: Vec<String>,
    },
    /// A question was added, to a round of the plan or as a new round (`round` as it is now).
    QuestionAdded {
        question: Question,
        round: Round,
    },
    /// The plan of rounds changed: their order, titles, time boxes or which questions they hold.
    RoundsPlanned {
        rounds: Vec<Round>,
    },
    /// The title, the lists of tables and perspectives, the settings, the series or the place
    /// changed (what is absent stayed the same; a `null` series or place was taken away).
    SessionEdited {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tables: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        perspectives: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settings: Option<SessionSettings>,
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schema(value_type = Option<SeriesRef>)]
        series: Option<Option<SeriesRef>>,
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schema(value_type = Option<String>)]
        place: Option<Option<String>>,
    },
    /// A table or perspective got a new name; its contributions carry the new one from here.
    Renamed {
        what: NameKind,
        from: String,
        to: String,
    },
    /// The secretary's note on a question or (`theme_id`) a theme was written, or with
    /// `table` that table's discussion leader's summary of the question; an empty text took it
    /// away. The secretary's and facilitator's only: walls and phones never get it.
    NoteWritten {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        question_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        theme_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<String>,
        text: String,
    },
}

/// A field that may be absent (`None`), `null` (`Some(None)`) or a value.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// What [`EventKind::Renamed`] renames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    Table,
    Perspective,
}

impl EventKind {
    /// Whether participants' phones receive this event. They never see others' contributions,
    /// except as the items of a dot vote, which travel inside `vote_started`.
    pub fn for_participants(&self) -> bool {
        matches!(
            self,
            EventKind::QuestionActivated { .. }
                | EventKind::QuestionOpened { .. }
                | EventKind::QuestionClosed { .. }
                | EventKind::ModerationChanged { .. }
                | EventKind::VoteStarted { .. }
                | EventKind::VoteClosed { .. }
                | EventKind::VoteRevealed { .. }
                | EventKind::VoteResultsHidden { .. }
                | EventKind::TimerChanged { .. }
                | EventKind::RoundStarted { .. }
                | EventKind::SessionEnded
                | EventKind::QuestionEdited { .. }
                | EventKind::QuestionAdded { .. }
                | EventKind::RoundsPlanned { .. }
                | EventKind::SessionEdited { .. }
                | EventKind::Renamed { .. }
        )
    }

    /// Whether a wall (the wall token, which may be public) receives this event: everything
    /// but contributions still waiting for moderation and the secretary's notes.
    pub fn for_walls(&self) -> bool {
        match self {
            EventKind::ContributionAdded { contribution } => !contribution.pending,
            EventKind::NoteWritten { .. } => false,
            _ => true,
        }
    }
}
