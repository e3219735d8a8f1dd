//! Rounds (*dialogpass*): questions open together in one time box, each table at its own pace.
//! "Dialog 15 minuter" with three questions is one round; presenter-paced single questions are
//! rounds of one. A session made before rounds existed gets one round per question.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One round of the session's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Round {
    /// Stable within the session: `r1`, `r2`, …
    pub id: String,
    /// What the slide says, e.g. "Dialog 15 minuter"; may be empty.
    #[serde(default)]
    pub title: String,
    /// Its questions, in the order phones and walls show them.
    pub question_ids: Vec<String>,
    /// The time box, started with the round when set.
    #[serde(default)]
    pub duration_secs: Option<u32>,
}

/// How a wall shows a round of several questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WallLayout {
    /// A column per question, side by side.
    #[default]
    Columns,
    /// One question at a time, turning to the next every little while.
    Rotate,
}

/// What the wall's cards say of who wrote them. A wall link may be public and a table may hold
/// four people, so the table and the perspective together can name someone: by default the
/// room sees the table only. Exports always keep both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WallShows {
    #[default]
    Table,
    Perspective,
    Both,
    Neither,
}

impl WallShows {
    pub fn table(self) -> bool {
        matches!(self, WallShows::Table | WallShows::Both)
    }

    pub fn perspective(self) -> bool {
        matches!(self, WallShows::Perspective | WallShows::Both)
    }
}

/// What the facilitator sets for the whole session after creating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionSettings {
    /// A contribution to a question closed less than this long ago is still taken, marked
    /// late: the participant wrote it before the room moved on.
    #[serde(default = "default_late_grace")]
    pub late_grace_secs: u32,
    /// What phones show when the last round has closed, e.g. "Inspelen sammanställs och
    /// återrapporteras på riktningsmötet".
    #[serde(default)]
    pub closing_text: String,
    #[serde(default)]
    pub wall_layout: WallLayout,
    /// What the wall's cards say of who wrote them (the server leaves the rest out of what
    /// walls receive).
    #[serde(default)]
    pub wall_shows: WallShows,
    /// The language phones, walls and the console open in, unless the reader switched.
    #[serde(default)]
    pub language: Language,
}

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Swedish: the project's first language.
    #[default]
    Sv,
    En,
}

fn default_late_grace() -> u32 {
    crate::limits::DEFAULT_LATE_GRACE_SECS
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            late_grace_secs: default_late_grace(),
            closing_text: String::new(),
            wall_layout: WallLayout::Columns,
            wall_shows: WallShows::Table,
            language: Language::Sv,
        }
    }
}

/// One round per question, for a session planned before rounds existed (or without them).
pub fn one_round_per_question(questions: &[super::Question]) -> Vec<Round> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| Round {
            id: format!("r{}", i + 1),
            title: String::new(),
            question_ids: vec![q.id.clone()],
            duration_secs: q.duration_secs,
        })
        .collect()
}
