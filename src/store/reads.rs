//! Read-side queries, each taking a read transaction, for handlers and socket tasks.

use redb::{ReadTransaction, ReadableTable};

use super::{
    CODE_TO_SESSION_ID, CONTRIBUTION_KEY_TO_RECORD, EVENT_KEY_TO_EVENT, SESSION_ID_TO_SESSION, decode,
    decode_event, decode_record, last_seq,
};
use crate::error::AppError;
use crate::model::{Contribution, ContributionRecord, Event, EventKind, MyDots, Session};

/// A read that touches the file: for health checks.
pub fn ping(txn: &ReadTransaction) -> Result<(), AppError> {
    txn.open_table(SESSION_ID_TO_SESSION).map_err(AppError::storage)?;
    Ok(())
}

/// A session by id.
pub fn session(txn: &ReadTransaction, id: &str) -> Result<Option<Session>, AppError> {
    let table = txn.open_table(SESSION_ID_TO_SESSION).map_err(AppError::storage)?;
    let found = table.get(id).map_err(AppError::storage)?;
    found.map(|v| decode::<Session>(v.value()).map(Session::normalize)).transpose()
}

/// A session by join code (already normalised).
pub fn session_by_code(txn: &ReadTransaction, code: &str) -> Result<Option<Session>, AppError> {
    let codes = txn.open_table(CODE_TO_SESSION_ID).map_err(AppError::storage)?;
    let id = match codes.get(code).map_err(AppError::storage)? {
        Some(id) => id.value().to_string(),
        None => return Ok(None),
    };
    session(txn, &id)
}

/// All sessions, newest first.
pub fn all_sessions(txn: &ReadTransaction) -> Result<Vec<Session>, AppError> {
    let table = txn.open_table(SESSION_ID_TO_SESSION).map_err(AppError::storage)?;
    let mut out = Vec::new();
    for row in table.iter().map_err(AppError::storage)? {
        let (_, v) = row.map_err(AppError::storage)?;
        out.push(decode::<Session>(v.value())?.normalize());
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.created_at));
    Ok(out)
}

/// A session's contributions in the order they arrived (hidden ones included).
pub fn contributions(txn: &ReadTransaction, session_id: &str) -> Result<Vec<Contribution>, AppError> {
    let table = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).map_err(AppError::storage)?;
    let mut out = Vec::new();
    // Contribution ids are UUIDs, so every key of the session sorts between "" and "~".
    for row in table.range((session_id, "")..(session_id, "~")).map_err(AppError::storage)? {
        let (k, v) = row.map_err(AppError::storage)?;
        out.push(decode_record(k.value().1, v.value())?.contribution);
    }
    out.sort_by_key(|c| c.seq);
    Ok(out)
}

/// A session's contribution records (each with the phone that sent it), in the order they
/// arrived; `each_row` is called once per row read, for a progress bar.
pub fn contribution_records(
    txn: &ReadTransaction,
    session_id: &str,
    each_row: &mut dyn FnMut(),
) -> Result<Vec<ContributionRecord>, AppError> {
    let table = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).map_err(AppError::storage)?;
    let mut out = Vec::new();
    for row in table.range((session_id, "")..(session_id, "~")).map_err(AppError::storage)? {
        let (k, v) = row.map_err(AppError::storage)?;
        out.push(decode_record(k.value().1, v.value())?);
        each_row();
    }
    out.sort_by_key(|r| r.contribution.seq);
    Ok(out)
}

/// How many contributions a session holds (hidden ones too).
pub fn contribution_count(txn: &ReadTransaction, session_id: &str) -> Result<u64, AppError> {
    let table = txn.open_table(super::SESSION_ID_TO_CONTRIBUTION_COUNT).map_err(AppError::storage)?;
    let found = table.get(session_id).map_err(AppError::storage)?;
    Ok(found.map(|v| v.value()).unwrap_or(0))
}

/// The session's last sequence number.
pub fn session_seq(txn: &ReadTransaction, session_id: &str) -> Result<u64, AppError> {
    let events = txn.open_table(EVENT_KEY_TO_EVENT).map_err(AppError::storage)?;
    last_seq(&events, session_id).map_err(AppError::storage)
}

/// Up to `limit` events with `after < seq <= upto`, in order, each as it was published (a card's
/// event joined with its record).
pub fn events_between(
    txn: &ReadTransaction,
    session_id: &str,
    after: u64,
    upto: u64,
    limit: usize,
) -> Result<Vec<Event>, AppError> {
    if after >= upto {
        return Ok(Vec::new());
    }
    let events = txn.open_table(EVENT_KEY_TO_EVENT).map_err(AppError::storage)?;
    let records = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).map_err(AppError::storage)?;
    let mut out = Vec::new();
    for row in
        events.range((session_id, after + 1)..=(session_id, upto)).map_err(AppError::storage)?.take(limit)
    {
        let (k, v) = row.map_err(AppError::storage)?;
        out.push(decode_event(&records, session_id, k.value().1, v.value())?);
    }
    Ok(out)
}

/// One stored contribution, if that id was already stored in the session.
pub fn contribution(
    txn: &ReadTransaction,
    session_id: &str,
    id: &str,
) -> Result<Option<Contribution>, AppError> {
    let table = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).map_err(AppError::storage)?;
    let found = table.get((session_id, id)).map_err(AppError::storage)?;
    Ok(found.map(|v| decode_record(id, v.value()).map(|r| r.contribution)).transpose()?)
}

/// A session and its last sequence number, read together so they agree.
pub fn session_with_seq(txn: &ReadTransaction, id: &str) -> Result<Option<(Session, u64)>, AppError> {
    match session(txn, id)? {
        Some(s) => Ok(Some((s, session_seq(txn, id)?))),
        None => Ok(None),
    }
}

/// A phone's dots in each open vote of a session.
pub fn my_dots(txn: &ReadTransaction, session: &Session, participant: &str) -> Result<Vec<MyDots>, AppError> {
    let table = txn.open_table(super::BALLOT_KEY_TO_DOTS).map_err(AppError::storage)?;
    let mut out = Vec::new();
    for vote in session.votes.iter().filter(|v| v.open) {
        let found =
            table.get((session.id.as_str(), vote.id.as_str(), participant)).map_err(AppError::storage)?;
        let mine = match found {
            Some(v) => decode(v.value())?,
            None => Default::default(),
        };
        out.push(MyDots::new(vote, mine));
    }
    Ok(out)
}

/// Takes out of replayed events what the room may no longer see (a wall link may be public):
/// the text of a card hidden since, and the items of a vote that are cards hidden since. The
/// card itself stays in the event, marked hidden, so a wall's count and order stay right.
pub fn redact_for_room(
    txn: &ReadTransaction,
    session_id: &str,
    events: &mut [Event],
) -> Result<(), AppError> {
    let table = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).map_err(AppError::storage)?;
    let hidden_now = |id: &str| -> Result<bool, AppError> {
        match table.get((session_id, id)).map_err(AppError::storage)? {
            Some(v) => Ok(decode_record(id, v.value())?.contribution.hidden),
            None => Ok(false),
        }
    };
    for event in events.iter_mut() {
        match &mut event.kind {
            EventKind::ContributionAdded { contribution }
            | EventKind::ContributionApproved { contribution }
                if hidden_now(&contribution.id)? =>
            {
                contribution.hidden = true;
                contribution.text = String::new();
                contribution.flagged = None;
            }
            EventKind::VoteStarted { vote } => {
                let mut gone = Vec::new();
                for item in &vote.items {
                    if hidden_now(&item.id)? {
                        gone.push(item.id.clone());
                    }
                }
                vote.items.retain(|i| !gone.contains(&i.id));
                vote.totals.retain(|id, _| !gone.contains(id));
            }
            EventKind::VoteRevealed { totals, .. } => {
                let mut gone = Vec::new();
                for id in totals.keys() {
                    if hidden_now(id)? {
                        gone.push(id.clone());
                    }
                }
                totals.retain(|id, _| !gone.contains(id));
            }
            _ => {}
        }
    }
    Ok(())
}
