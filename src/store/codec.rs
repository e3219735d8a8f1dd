//! How contributions and events are stored (schema 2), and how rows of schema 1 still read.
//!
//! Schema 1 stored each contribution twice: its record, and its `contribution_added` event,
//! which repeated the whole card, both as JSON with long keys (2.2–2.7 KB on disk for a text of
//! 400 bytes). Schema 2 stores a record as a tag byte and [postcard] (the id is the row's key,
//! not repeated), and a `contribution_added` event as a tag byte and a reference: the card's
//! id and the fields that can change after it was added (its state *at the event*). A reader
//! joins the rest (text, question, time, seq, late), which never changes, from the record, so a
//! replayed event is exactly the event that was published. Every other event stays JSON.
//!
//! A JSON value starts with `{`, never with a tag byte, so rows of schema 1 still decode: a
//! migration cut short leaves a file that reads correctly, and files seeded by tools that
//! write JSON rows too.

use jiff::Timestamp;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::{Contribution, ContributionRecord, Event, EventKind};

/// A stored value that does not decode: a bug, or a damaged row.
#[derive(Debug, thiserror::Error)]
#[error("a stored value does not decode: {0}")]
pub struct CodecError(String);

impl CodecError {
    pub(super) fn of(e: impl std::fmt::Display) -> Self {
        Self(e.to_string())
    }
}

impl From<CodecError> for AppError {
    fn from(e: CodecError) -> Self {
        AppError::storage(e)
    }
}

/// The first byte of a record or event stored compactly (schema 2).
pub(super) const TAG_COMPACT: u8 = 1;

/// A contribution record as schema 2 stores it; the id is the row's key.
#[derive(Serialize, Deserialize)]
struct StoredRecord {
    question_id: String,
    text: String,
    table: Option<String>,
    perspective: Option<String>,
    created_at: i128,
    seq: u64,
    flags: u8,
    flagged: Option<String>,
    theme_id: Option<String>,
    merged_into: Option<String>,
    participant: Option<String>,
}

/// A `contribution_added` event as schema 2 stores it: which card, and the card's fields that
/// may change later, as they were when it was added.
#[derive(Serialize, Deserialize, PartialEq)]
struct AddedRef {
    id: CardId,
    /// When the event happened; `None`: when the card was created (always, from the writer).
    at: Option<i128>,
    flags: u8,
    flagged: Option<String>,
    table: Option<String>,
    perspective: Option<String>,
    theme_id: Option<String>,
    merged_into: Option<String>,
}

/// A card's id: 16 bytes when it is a UUID in canonical form (always, since validation makes
/// it so), else the text.
#[derive(Serialize, Deserialize, PartialEq)]
enum CardId {
    Uuid([u8; 16]),
    Text(String),
}

impl CardId {
    fn of(id: &str) -> Self {
        match uuid::Uuid::parse_str(id) {
            Ok(u) if u.hyphenated().to_string() == id => CardId::Uuid(*u.as_bytes()),
            _ => CardId::Text(id.to_string()),
        }
    }

    fn text(&self) -> String {
        match self {
            CardId::Uuid(b) => uuid::Uuid::from_bytes(*b).hyphenated().to_string(),
            CardId::Text(t) => t.clone(),
        }
    }
}

const HIDDEN: u8 = 1;
const PENDING: u8 = 2;
const PINNED: u8 = 4;
const LATE: u8 = 8;

fn flags(c: &Contribution) -> u8 {
    let bit = |on: bool, b: u8| if on { b } else { 0 };
    bit(c.hidden, HIDDEN) | bit(c.pending, PENDING) | bit(c.pinned, PINNED) | bit(c.late, LATE)
}

fn nanos(t: Timestamp) -> i128 {
    t.as_nanosecond()
}

fn timestamp(n: i128) -> Result<Timestamp, CodecError> {
    Timestamp::from_nanosecond(n).map_err(CodecError::of)
}

fn tagged<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![TAG_COMPACT];
    // Serialising these plain structs into a Vec cannot fail.
    out.extend(postcard::to_stdvec(value).unwrap_or_default());
    out
}

/// A record's stored bytes (schema 2).
pub fn encode_record(record: &ContributionRecord) -> Vec<u8> {
    let c = &record.contribution;
    tagged(&StoredRecord {
        question_id: c.question_id.clone(),
        text: c.text.clone(),
        table: c.table.clone(),
        perspective: c.perspective.clone(),
        created_at: nanos(c.created_at),
        seq: c.seq,
        flags: flags(c),
        flagged: c.flagged.clone(),
        theme_id: c.theme_id.clone(),
        merged_into: c.merged_into.clone(),
        participant: record.participant.clone(),
    })
}

/// The record stored under (session, `id`), of either schema.
pub fn decode_record(id: &str, bytes: &[u8]) -> Result<ContributionRecord, CodecError> {
    match bytes.split_first() {
        Some((&TAG_COMPACT, rest)) => {
            let r: StoredRecord = postcard::from_bytes(rest).map_err(CodecError::of)?;
            Ok(ContributionRecord {
                contribution: Contribution {
                    id: id.to_string(),
                    question_id: r.question_id,
                    text: r.text,
                    table: r.table,
                    perspective: r.perspective,
                    created_at: timestamp(r.created_at)?,
                    seq: r.seq,
                    hidden: r.flags & HIDDEN != 0,
                    pending: r.flags & PENDING != 0,
                    flagged: r.flagged,
                    pinned: r.flags & PINNED != 0,
                    theme_id: r.theme_id,
                    merged_into: r.merged_into,
                    late: r.flags & LATE != 0,
                },
                participant: r.participant,
            })
        }
        _ => serde_json::from_slice(bytes).map_err(CodecError::of),
    }
}

/// An event's stored bytes (schema 2). A `contribution_added` event becomes a reference to
/// its card; the caller stores (or has stored) that card's record in the same transaction,
/// made from the same contribution, so a reader joins back exactly this event.
pub fn encode_event(event: &Event) -> Result<Vec<u8>, serde_json::Error> {
    match &event.kind {
        EventKind::ContributionAdded { contribution: c } => Ok(tagged(&added_ref(event.at, c))),
        _ => serde_json::to_vec(event),
    }
}

fn added_ref(at: Timestamp, c: &Contribution) -> AddedRef {
    AddedRef {
        id: CardId::of(&c.id),
        at: (at != c.created_at).then(|| nanos(at)),
        flags: flags(c) & !LATE,
        flagged: c.flagged.clone(),
        table: c.table.clone(),
        perspective: c.perspective.clone(),
        theme_id: c.theme_id.clone(),
        merged_into: c.merged_into.clone(),
    }
}

/// A stored event of either schema, with the card of a reference joined from `records` (the
/// session's contribution table).
pub fn decode_event<T>(records: &T, session_id: &str, seq: u64, bytes: &[u8]) -> Result<Event, AppError>
where
    T: ReadableTable<(&'static str, &'static str), &'static [u8]>,
{
    let Some((&TAG_COMPACT, rest)) = bytes.split_first() else {
        return serde_json::from_slice(bytes).map_err(AppError::storage);
    };
    let r: AddedRef = postcard::from_bytes(rest).map_err(AppError::storage)?;
    let id = r.id.text();
    let stored = records.get((session_id, id.as_str())).map_err(AppError::storage)?;
    let Some(stored) = stored else {
        return Err(AppError::storage(format!("event {seq} of {session_id} names a missing card {id}")));
    };
    let card = decode_record(&id, stored.value())?.contribution;
    Ok(joined(seq, r, card)?)
}

/// The event a reference stands for, given its card as stored now (only the fields that never
/// change are taken from the card).
fn joined(seq: u64, r: AddedRef, card: Contribution) -> Result<Event, CodecError> {
    let at = match r.at {
        Some(n) => timestamp(n)?,
        None => card.created_at,
    };
    let contribution = Contribution {
        id: card.id,
        question_id: card.question_id,
        text: card.text,
        table: r.table,
        perspective: r.perspective,
        created_at: card.created_at,
        seq: card.seq,
        hidden: r.flags & HIDDEN != 0,
        pending: r.flags & PENDING != 0,
        flagged: r.flagged,
        pinned: r.flags & PINNED != 0,
        theme_id: r.theme_id,
        merged_into: r.merged_into,
        late: card.late,
    };
    Ok(Event { seq, at, kind: EventKind::ContributionAdded { contribution } })
}

/// For the migration from schema 1: the compact form of a stored `contribution_added` event,
/// if joining it with `card` (its record as stored) gives back exactly `event`; otherwise
/// (an event that does not agree with its record) the event stays JSON.
pub(super) fn compact_added(event: &Event, card: &Contribution) -> Option<Vec<u8>> {
    let EventKind::ContributionAdded { contribution } = &event.kind else { return None };
    let r = added_ref(event.at, contribution);
    let bytes = tagged(&r);
    let back = joined(event.seq, r, card.clone()).ok()?;
    (back == *event).then_some(bytes)
}

#[cfg(test)]
mod tests;
