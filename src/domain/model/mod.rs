//! The domain: sessions, questions, contributions and the events that change them.
//!
//! Every change to a session is an [`Event`] with a per-session sequence number, stored in the
//! same transaction as the change. Walls and phones replay events to catch up; exports read the
//! stored state. Event kinds planned by the roadmap (moderation, themes, votes, timers) slot in
//! as further [`EventKind`] variants without changing the envelope.

mod apply;
mod event;
mod facilitation;
mod notes;
mod rounds;
mod series;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use apply::Touches;
pub use event::*;
pub use facilitation::*;
pub use notes::*;
pub use rounds::*;
pub use series::*;

/// The default perspectives (sectors), Swedish, as used by Swedish regions.
pub const DEFAULT_PERSPECTIVES: [&str; 8] = [
    "Offentlig sektor (kommun)",
    "Offentlig sektor (region)",
    "Statlig myndighet",
    "Civilsamhälle/idéburen sektor",
    "Näringsliv",
    "Akademi",
    "Privatperson",
    "Annat",
];

/// Whether a question accepts contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionState {
    Open,
    Closed,
}

/// A prompt participants answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Question {
    /// Stable within the session: `q1`, `q2`, …
    pub id: String,
    pub text: String,
    pub state: QuestionState,
    /// The time box planned for this question, e.g. 900 for "Dialog 15 minuter".
    #[serde(default)]
    pub duration_secs: Option<u32>,
    /// The countdown, when one was started.
    #[serde(default)]
    pub timer: Option<Timer>,
    /// The tables (groups) this question is for; empty: every table. A phone at another table
    /// does not show it.
    #[serde(default)]
    pub tables: Vec<String>,
    /// When it last closed: contributions are still taken, marked late, for the session's
    /// grace period after.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closed_at: Option<Timestamp>,
}

/// The secrets of one session. Stored with it; shown only to the admin and the facilitator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionTokens {
    pub facilitator: String,
    pub secretary: String,
    pub wall: String,
}

/// One meeting: its questions, tables and perspectives.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub code: String,
    pub title: String,
    pub questions: Vec<Question>,
    pub tables: Vec<String>,
    pub perspectives: Vec<String>,
    pub active_question_id: Option<String>,
    pub created_at: Timestamp,
    pub tokens: SessionTokens,
    /// The series of meetings this one belongs to, if any.
    #[serde(default)]
    pub series: Option<SeriesRef>,
    /// Where the meeting is held ("Karlstad, Residenset"), for the report's header.
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub moderation: Moderation,
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Themes ever created here, so a merged-away theme's id is never given out again.
    #[serde(default)]
    pub themes_created: u32,
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// The plan: every question is in exactly one round. Empty in files written before rounds
    /// existed; [`Session::normalize`] fills it in then.
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// Phones and walls show the active question alone, not its whole round.
    #[serde(default)]
    pub show_single: bool,
    /// The last round has closed: phones thank the participants.
    #[serde(default)]
    pub ended: bool,
    #[serde(default)]
    pub settings: SessionSettings,
    /// The secretary's notes per question and theme; never in [`Session::public_view`].
    #[serde(default)]
    pub notes: Vec<Note>,
}

impl Session {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Brings a session read from the file up to this version's shape: a session planned
    /// before rounds existed gets one round per question.
    pub fn normalize(mut self) -> Self {
        if self.rounds.is_empty() {
            self.rounds = one_round_per_question(&self.questions);
        }
        self
    }

    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The round phones and walls show: the one holding the active question.
    pub fn current_round(&self) -> Option<&Round> {
        let active = self.active_question_id.as_deref()?;
        self.rounds.iter().find(|r| r.question_ids.iter().any(|q| q == active))
    }

    /// What anyone in the room may see: no tokens.
    pub fn public_view(&self) -> SessionView {
        SessionView {
            title: self.title.clone(),
            code: self.code.clone(),
            questions: self.questions.clone(),
            tables: self.tables.clone(),
            perspectives: self.perspectives.clone(),
            active_question_id: self.active_question_id.clone(),
            premoderation: self.moderation.premoderation,
            themes: self.themes.clone(),
            votes: self.public_votes(),
            rounds: self.rounds.clone(),
            show_single: self.show_single,
            ended: self.ended,
            settings: self.settings.clone(),
            series: self.series.clone(),
            place: self.place.clone(),
        }
    }

    /// What walls and phones get: as [`Session::public_view`], with no vote totals before the
    /// facilitator reveals them (see [`Vote::for_room`]).
    pub fn room_view(&self) -> SessionView {
        let mut view = self.public_view();
        view.votes = view.votes.iter().map(Vote::for_room).collect();
        view
    }

    /// The votes anyone in the room may see: the open ones and the latest closed one, without
    /// cards hidden since. Older closed votes are in the exports; leaving them out keeps a
    /// `hello` under [`crate::limits::MAX_SERVER_MESSAGE_BYTES`] however many votes were held.
    fn public_votes(&self) -> Vec<Vote> {
        let latest_closed = self.votes.iter().rev().find(|v| !v.open).map(|v| v.id.as_str());
        self.votes
            .iter()
            .filter(|v| v.open || Some(v.id.as_str()) == latest_closed)
            .map(Vote::without_hidden)
            .collect()
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn vote_mut(&mut self, id: &str) -> Option<&mut Vote> {
        self.votes.iter_mut().find(|v| v.id == id)
    }
}

/// A session as participants, walls and secretaries see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    pub title: String,
    pub code: String,
    pub questions: Vec<Question>,
    pub tables: Vec<String>,
    pub perspectives: Vec<String>,
    pub active_question_id: Option<String>,
    /// New contributions wait for the facilitator before they reach the wall.
    #[serde(default)]
    pub premoderation: bool,
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// The open votes and the latest closed one (see [`Session::public_view`]).
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// The plan of rounds; the current round is the one holding `active_question_id`.
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// Show the active question alone, not its whole round.
    #[serde(default)]
    pub show_single: bool,
    /// The last round has closed: phones thank the participants and say what happens next.
    #[serde(default)]
    pub ended: bool,
    #[serde(default)]
    pub settings: SessionSettings,
    /// The series of meetings it belongs to (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<SeriesRef>,
    /// Where the meeting is held (absent: not said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// One text a participant sent, as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Contribution {
    /// The client-generated UUID that makes submitting idempotent.
    pub id: String,
    pub question_id: String,
    pub text: String,
    pub table: Option<String>,
    pub perspective: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// The sequence number of the event that added it.
    pub seq: u64,
    /// Hidden by the facilitator: off every wall, kept, left out of exports unless asked for.
    #[serde(default)]
    pub hidden: bool,
    /// Waiting for the facilitator's approval (pre-moderation or the abuse filter).
    #[serde(default)]
    pub pending: bool,
    /// The blocked word that sent it to the queue, if that is why it waits.
    #[serde(default)]
    pub flagged: Option<String>,
    /// Shown large on the wall while the room talks about it.
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub theme_id: Option<String>,
    /// Merged as a duplicate into this other contribution; shown as part of it.
    #[serde(default)]
    pub merged_into: Option<String>,
    /// Arrived after its question closed, within the session's grace period: written before
    /// the room moved on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
}

impl Contribution {
    /// Whether a wall shows it, and an export includes it by default.
    pub fn visible(&self) -> bool {
        !self.hidden && !self.pending && self.merged_into.is_none()
    }
}

/// What the store keeps of a contribution: the contribution and the phone that sent it.
/// The participant id is never shown or exported; it exists for per-phone limits and votes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContributionRecord {
    #[serde(flatten)]
    pub contribution: Contribution,
    #[serde(default)]
    pub participant: Option<String>,
}

/// What a facilitator can do to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionAction {
    Activate,
    Open,
    Close,
}

/// What a facilitator can do to one contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModerationAction {
    Hide,
    Restore,
    Approve,
    Pin,
    Unpin,
}
