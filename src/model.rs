//! The domain: sessions, questions, contributions and the events that change them.
//!
//! Every change to a session is an [`Event`] with a per-session sequence number, stored in the
//! same transaction as the change. Walls and phones replay events to catch up; exports read the
//! stored state. Event kinds planned by the roadmap (moderation, themes, votes, timers) slot in
//! as further [`EventKind`] variants without changing the envelope.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    /// Room for the roadmap's series of meetings; unused until then.
    #[serde(default)]
    pub series_id: Option<String>,
}

impl Session {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
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
        }
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
    /// Hidden by moderation (a later capability); hidden ones are left out of exports.
    #[serde(default)]
    pub hidden: bool,
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
    SessionCreated { title: String },
    ContributionAdded { contribution: Contribution },
    QuestionActivated { question_id: String },
    QuestionOpened { question_id: String },
    QuestionClosed { question_id: String },
}

impl EventKind {
    /// Whether participants' phones receive this event (they never see others' contributions).
    pub fn for_participants(&self) -> bool {
        matches!(
            self,
            EventKind::QuestionActivated { .. }
                | EventKind::QuestionOpened { .. }
                | EventKind::QuestionClosed { .. }
        )
    }
}

/// What a facilitator can do to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionAction {
    Activate,
    Open,
    Close,
}
