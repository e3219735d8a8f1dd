//! The websocket messages, as JSON text frames. docs/protocol.md shows each with an example.

use serde::{Deserialize, Serialize};

use crate::error::ErrorBody;
use crate::model::{Contribution, Event, SessionView};
use crate::participate::ContributionInput;
use crate::writer::MyDots;

/// Server to client.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg<'a> {
    /// First message: the session as of `seq`. Events with a higher seq follow.
    Hello {
        role: &'static str,
        seq: u64,
        /// The server's clock, so countdowns agree whatever the phone's clock says.
        now: jiff::Timestamp,
        session: &'a SessionView,
        /// Participants only: the id the server knows this phone by.
        #[serde(skip_serializing_if = "Option::is_none")]
        participant: Option<&'a str>,
        /// Walls only: phones connected now.
        #[serde(skip_serializing_if = "Option::is_none")]
        phones: Option<usize>,
        /// Participants only: this phone's dots in each open vote.
        #[serde(skip_serializing_if = "Option::is_none")]
        my_dots: Option<Vec<MyDots>>,
    },
    /// A change, in sequence order, never twice, never with a gap (for what this role sees).
    Event {
        #[serde(flatten)]
        event: &'a Event,
    },
    /// The replay asked for on connect is complete (up to `seq`); what follows is live.
    Replayed {
        seq: u64,
    },
    /// Walls: phones connected now.
    Presence {
        phones: usize,
    },
    /// A submit is durably stored.
    Ack {
        id: &'a str,
        duplicate: bool,
        contribution: &'a Contribution,
    },
    /// A vote message is stored: where this phone's dots are now.
    Voted {
        #[serde(flatten)]
        dots: &'a MyDots,
    },
    /// A message was refused; `id` names the submit it answers, when there was one.
    Error {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        status: u16,
        /// With 429: seconds until the phone may send again (HTTP says it in `Retry-After`).
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after_secs: Option<u64>,
        #[serde(flatten)]
        body: ErrorBody,
    },
    Pong,
}

/// Client to server.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    /// Participants: store a contribution (same fields as the HTTP endpoint).
    Submit(ContributionInput),
    /// Participants: put `dots` dots on an item of an open vote (0 takes them back).
    Vote { vote_id: String, item_id: String, dots: u32 },
    /// Anyone: an application-level keepalive; answered with `pong`.
    Ping,
}

impl ServerMsg<'_> {
    pub fn to_text(&self) -> String {
        // Our own plain structs always serialise.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{\"type\":\"pong\"}"))
    }
}
