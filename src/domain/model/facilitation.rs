//! What facilitators use to run the room: moderation settings, themes, dot votes and timers.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A session's moderation settings. The word list is the facilitator's only: never sent to
/// walls or phones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moderation {
    /// Every new contribution waits for approval (for public events).
    pub premoderation: bool,
    /// Words added to the built-in abuse filter for this session.
    pub blocked_words: Vec<String>,
}

/// A named group of contributions formed while making sense of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Theme {
    /// Stable within the session: `t1`, `t2`, …
    pub id: String,
    pub name: String,
    /// The question it belongs to, or none for a theme across questions.
    pub question_id: Option<String>,
}

/// What a dot vote is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoteTarget {
    Contributions,
    Themes,
}

/// One thing that can get dots: a contribution or a theme, with its text for the phones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VoteItem {
    pub id: String,
    pub label: String,
    /// The card was hidden after the vote closed: its result is kept for the secretary, and
    /// left out of everything the room sees.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// A dot vote: each phone places up to `dots` dots, several on one item if it likes, and can
/// move them until the vote closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Vote {
    /// Stable within the session: `v1`, `v2`, …
    pub id: String,
    pub question_id: Option<String>,
    pub target: VoteTarget,
    pub dots: u32,
    pub open: bool,
    pub items: Vec<VoteItem>,
    /// Dots per item id.
    pub totals: BTreeMap<String, u32>,
    /// The facilitator shows the result in the room. Until then walls and phones get no
    /// totals (so nobody follows the crowd while voting), and walls show no bars.
    #[serde(default)]
    pub revealed: bool,
}

impl Vote {
    /// The vote as the room may see it: without items hidden since it closed, nor their dots.
    pub fn without_hidden(&self) -> Vote {
        let mut v = self.clone();
        if v.items.iter().any(|i| i.hidden) {
            v.items.retain(|i| !i.hidden);
            let items = &v.items;
            v.totals.retain(|id, _| items.iter().any(|i| i.id == *id));
        }
        v
    }

    /// The vote as the room may see it now: no hidden items, and no totals before the reveal.
    pub fn for_room(&self) -> Vote {
        let mut v = self.without_hidden();
        if !v.revealed {
            v.totals.clear();
        }
        v
    }
}

impl super::SessionView {
    /// The session as a phone is sent it: an open vote without the room's totals. Seeing
    /// where the dots go while voting pulls later voters after the early ones (the bandwagon
    /// effect); a phone only needs its own dots, which it gets separately.
    pub fn for_phones(mut self) -> Self {
        for v in self.votes.iter_mut().filter(|v| v.open) {
            v.totals.clear();
        }
        self
    }
}

/// A question's countdown. While running, `ends_at` says when it reaches zero; while paused,
/// `remaining_ms` says how much is left. Clients count down from `ends_at` using the server
/// time their `hello` carried, so walls and phones agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Timer {
    pub duration_secs: u32,
    pub running: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<Timestamp>,
    pub remaining_ms: u64,
    /// Close the question when the countdown reaches zero.
    pub auto_close: bool,
}

/// What happened to a timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    /// Add time (e.g. one more minute).
    Extend,
    Stop,
    /// Reached zero.
    Expired,
}

/// Where a phone's dots are now, and how many it has left.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyDots {
    pub vote_id: String,
    pub mine: BTreeMap<String, u32>,
    pub left: u32,
}

impl MyDots {
    /// The dot budget, in one place for the writer that enforces it and the reads that show
    /// it: dots on items that left the vote (a card hidden since) are given back, and what is
    /// left is the vote's dots less those placed.
    pub fn new(vote: &Vote, mut mine: BTreeMap<String, u32>) -> Self {
        mine.retain(|k, _| vote.items.iter().any(|i| i.id == *k));
        let used: u32 = mine.values().sum();
        Self { vote_id: vote.id.clone(), left: vote.dots.saturating_sub(used), mine }
    }

    /// Whether `dots` on `item_id` (instead of what is there now) keeps within the budget.
    pub fn fits(&self, vote: &Vote, item_id: &str, dots: u32) -> bool {
        let elsewhere: u32 = self.mine.iter().filter(|(k, _)| *k != item_id).map(|(_, v)| *v).sum();
        elsewhere.saturating_add(dots) <= vote.dots
    }
}
