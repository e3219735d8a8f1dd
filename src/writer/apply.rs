//! Applying one batch of jobs inside one write transaction.
//!
//! Sessions and sequence numbers touched by the batch are cached for its duration, so a burst
//! of contributions to one session decodes its session once. The caches die with the batch,
//! so a failed commit leaves nothing behind in memory either.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use redb::{Durability, ReadableTable, WriteTransaction};

use super::{Job, Pending, Submitted, WriteError};
use crate::error::{AppError, Problem};
use crate::limits::MAX_CONTRIBUTIONS_PER_SESSION;
use crate::model::{Contribution, ContributionRecord, Event, EventKind, QuestionState, Session};
use crate::moderation;
use crate::store::{
    CONTRIBUTION_KEY_TO_RECORD, EVENT_KEY_TO_EVENT, KEY_TO_META, SESSION_ID_TO_CONTRIBUTION_COUNT,
    SESSION_ID_TO_SESSION, Store, decode_record, encode_event, encode_record, last_seq,
};

/// A contribution, already cleaned, validated and read by the abuse filter in the handler.
#[derive(Debug, Clone)]
pub struct NewContribution {
    pub id: String,
    pub question_id: String,
    pub text: String,
    /// `text` against the built-in words ([`moderation::screen`]); the writer adds the session's.
    pub screened: moderation::Screened,
    pub table: Option<String>,
    pub perspective: Option<String>,
    pub participant: Option<String>,
}

pub(super) struct Batch<'t> {
    pub(super) txn: &'t WriteTransaction,
    pub(super) sessions: HashMap<String, Session>,
    pub(super) dirty: HashSet<String>,
    seqs: HashMap<String, u64>,
    events: &'t mut Vec<(String, Event)>,
    pub(super) now: Timestamp,
}

pub(super) fn apply_batch(
    store: &Store,
    jobs: &mut impl Iterator<Item = Job>,
    pending: &mut Vec<Pending>,
    events: &mut Vec<(String, Event)>,
) -> Result<(), WriteError> {
    // No handle: the last reopen failed; the file is unreachable, as after an I/O error.
    let db = store.database().map_err(|e| redb::Error::Io(std::io::Error::other(e.to_string())))?;
    let mut txn = db.begin_write()?;
    txn.set_durability(Durability::Immediate)?;
    // Participants' text is untrusted input; redb's design notes advise two-phase commit then.
    txn.set_two_phase_commit(true);
    // Each commit also records where the free pages are, so opening the file after a crash
    // (kill -9, power loss) reads that record instead of walking the whole file: seconds and
    // a cache full of pages for a million contributions otherwise.
    txn.set_quick_repair(true);
    {
        let mut b = Batch {
            txn: &txn,
            sessions: HashMap::new(),
            dirty: HashSet::new(),
            seqs: HashMap::new(),
            events,
            now: Timestamp::now(),
        };
        // A refused job (its client is told why) leaves the batch going on; any other error
        // aborts the whole batch: the caller then answers every job of it, this one too (its
        // reply is kept with a placeholder), and those not reached yet.
        for job in jobs {
            match job {
                Job::CreateSession(draft, reply) => {
                    settle(pending, Pending::session, reply, b.create_session(draft))?;
                }
                Job::Submit(session_id, new, reply) => {
                    settle(pending, Pending::Submitted, reply, b.submit(&session_id, new))?;
                }
                Job::Act(session_id, action, reply) => {
                    settle(pending, Pending::session, reply, b.act(&session_id, action))?;
                }
                Job::Vote(session_id, ballot, reply) => {
                    settle(pending, Pending::Voted, reply, b.cast(&session_id, ballot))?;
                }
                Job::Recover => {}
                #[cfg(test)]
                Job::Panic(_) => panic!("a test asked the writer to panic"),
            }
        }
        b.flush_sessions()?;
    }
    txn.commit()?;
    Ok(())
}

fn settle<T>(
    pending: &mut Vec<Pending>,
    wrap: fn(super::Reply<T>, Result<T, AppError>) -> Pending,
    reply: super::Reply<T>,
    outcome: Result<T, WriteError>,
) -> Result<(), WriteError> {
    match outcome {
        Ok(r) => {
            pending.push(wrap(reply, Ok(r)));
            Ok(())
        }
        Err(WriteError::Refused(e)) => {
            pending.push(wrap(reply, Err(e)));
            Ok(())
        }
        Err(e) => {
            pending.push(wrap(reply, Err(AppError::StorageUnavailable)));
            Err(e)
        }
    }
}

/// Bytes the recovery probe writes: more than any one job but a vote start needs, so a probe
/// that fits means contributions fit too (a tiny probe can succeed on a disk that is still
/// too full for a contribution, and health would claim too much).
const PROBE_BYTES: usize = 256 * 1024;

/// Two durable commits that prove the file writable again after a failure: one writes
/// [`PROBE_BYTES`], the next takes them away again.
pub(super) fn test_commit(store: &Store) -> Result<(), String> {
    let db = store.database().map_err(|e| e.to_string())?;
    let probe = vec![0u8; PROBE_BYTES];
    for value in [Some(probe.as_slice()), None] {
        let mut txn = db.begin_write().map_err(|e| e.to_string())?;
        txn.set_durability(Durability::Immediate).map_err(|e| e.to_string())?;
        {
            let mut meta = txn.open_table(KEY_TO_META).map_err(|e| e.to_string())?;
            match value {
                Some(v) => meta.insert("recovery_probe", v).map(drop),
                None => meta.remove("recovery_probe").map(drop),
            }
            .map_err(|e| e.to_string())?;
        }
        txn.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}

impl Batch<'_> {
    pub(super) fn session(&mut self, id: &str) -> Result<Option<&mut Session>, WriteError> {
        if !self.sessions.contains_key(id) {
            let table = self.txn.open_table(SESSION_ID_TO_SESSION)?;
            let Some(bytes) = table.get(id)? else {
                return Ok(None);
            };
            let session = decode::<Session>(bytes.value())?.normalize();
            self.sessions.insert(id.to_string(), session);
        }
        Ok(self.sessions.get_mut(id))
    }

    fn flush_sessions(&mut self) -> Result<(), WriteError> {
        let mut table = self.txn.open_table(SESSION_ID_TO_SESSION)?;
        for id in &self.dirty {
            if let Some(s) = self.sessions.get(id) {
                table.insert(id.as_str(), json(s)?.as_slice())?;
            }
        }
        Ok(())
    }

    pub(super) fn next_seq(&mut self, session_id: &str) -> Result<u64, WriteError> {
        let seq = match self.seqs.get(session_id) {
            Some(s) => *s,
            None => last_seq(&self.txn.open_table(EVENT_KEY_TO_EVENT)?, session_id)?,
        } + 1;
        self.seqs.insert(session_id.to_string(), seq);
        Ok(seq)
    }

    /// The session's last seq, counting the events of this batch.
    pub(super) fn last_seq(&self, session_id: &str) -> Result<u64, WriteError> {
        match self.seqs.get(session_id) {
            Some(s) => Ok(*s),
            None => Ok(last_seq(&self.txn.open_table(EVENT_KEY_TO_EVENT)?, session_id)?),
        }
    }

    /// A stored contribution of a session.
    pub(super) fn contribution(
        &self,
        session_id: &str,
        id: &str,
    ) -> Result<Option<ContributionRecord>, WriteError> {
        let table = self.txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
        let found = table.get((session_id, id))?;
        Ok(found.map(|v| decode_record(id, v.value())).transpose()?)
    }

    pub(super) fn put_contribution(
        &self,
        session_id: &str,
        record: &ContributionRecord,
    ) -> Result<(), WriteError> {
        let mut table = self.txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
        table.insert((session_id, record.contribution.id.as_str()), encode_record(record).as_slice())?;
        Ok(())
    }

    /// Every contribution of a session, in arrival order.
    pub(super) fn all_contributions(&self, session_id: &str) -> Result<Vec<ContributionRecord>, WriteError> {
        let table = self.txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
        let mut out = Vec::new();
        for row in table.range((session_id, "")..(session_id, "~"))? {
            let (k, v) = row?;
            out.push(decode_record(k.value().1, v.value())?);
        }
        out.sort_by_key(|r| r.contribution.seq);
        Ok(out)
    }

    pub(super) fn record(&mut self, session_id: &str, seq: u64, kind: EventKind) -> Result<(), WriteError> {
        let event = Event { seq, at: self.now, kind };
        // A card's event is stored as a reference to its record, which the same transaction
        // holds (`submit` stores it just before), made from the same contribution.
        self.txn
            .open_table(EVENT_KEY_TO_EVENT)?
            .insert((session_id, seq), encode_event(&event)?.as_slice())?;
        self.events.push((session_id.to_string(), event));
        Ok(())
    }

    fn submit(&mut self, session_id: &str, new: NewContribution) -> Result<Submitted, WriteError> {
        let mut contributions = self.txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
        if let Some(existing) = contributions.get((session_id, new.id.as_str()))? {
            let record = decode_record(&new.id, existing.value())?;
            return Ok(Submitted { contribution: record.contribution, duplicate: true });
        }
        let now = self.now;
        let session = self.session(session_id)?.ok_or_else(AppError::not_found_session)?;
        let late = check_contribution(session, &new, now)?;
        // Pre-moderation holds everything; the abuse filter holds what matches, and says why.
        let flagged = new.screened.blocked(&session.moderation.blocked_words);
        let held = match (session.moderation.premoderation, flagged) {
            (_, Some(word)) => Some(Some(word)),
            (true, None) => Some(None),
            (false, None) => None,
        };
        let mut counts = self.txn.open_table(SESSION_ID_TO_CONTRIBUTION_COUNT)?;
        let count = counts.get(session_id)?.map_or(0, |v| v.value());
        if count >= MAX_CONTRIBUTIONS_PER_SESSION {
            return Err(WriteError::Refused(AppError::Conflict(
                Problem::of("session_full").with("max", MAX_CONTRIBUTIONS_PER_SESSION),
            )));
        }
        let seq = self.next_seq(session_id)?;
        let contribution = Contribution {
            id: new.id,
            question_id: new.question_id,
            text: new.text,
            table: new.table,
            perspective: new.perspective,
            created_at: self.now,
            seq,
            hidden: false,
            pending: held.is_some(),
            flagged: held.flatten(),
            pinned: false,
            theme_id: None,
            merged_into: None,
            late,
        };
        let record = ContributionRecord { contribution: contribution.clone(), participant: new.participant };
        contributions.insert((session_id, contribution.id.as_str()), encode_record(&record).as_slice())?;
        counts.insert(session_id, count + 1)?;
        self.record(session_id, seq, EventKind::ContributionAdded { contribution: contribution.clone() })?;
        Ok(Submitted { contribution, duplicate: false })
    }
}

/// Checks a contribution against the session as it is inside this transaction. Whether it is
/// late: its question closed, but within the session's grace period, so the participant wrote
/// it before the room moved on and it is taken, marked.
fn check_contribution(session: &Session, new: &NewContribution, now: Timestamp) -> Result<bool, AppError> {
    let question = session.question(&new.question_id).ok_or_else(AppError::question_not_found)?;
    let grace = jiff::SignedDuration::from_secs(i64::from(session.settings.late_grace_secs));
    let in_grace = |closed: Timestamp| now.duration_since(closed) <= grace;
    let late = question.state == QuestionState::Closed && question.closed_at.is_some_and(in_grace);
    if question.state == QuestionState::Closed && !late {
        return Err(AppError::Conflict(Problem::of("question_closed")));
    }
    if let Some(table) = &new.table
        && !session.tables.contains(table)
    {
        return Err(AppError::Invalid(Problem::of("unknown_table").with("name", table)));
    }
    if let Some(p) = &new.perspective
        && !session.perspectives.contains(p)
    {
        return Err(AppError::Invalid(Problem::of("unknown_perspective").with("name", p)));
    }
    Ok(late)
}

pub(super) fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, WriteError> {
    Ok(serde_json::to_vec(value)?)
}

/// A stored value, decoded; a row that does not decode is a [`WriteError::Codec`] (a bug or a
/// row from another version), never relabelled as a damaged file.
pub(super) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, WriteError> {
    Ok(serde_json::from_slice(bytes)?)
}
