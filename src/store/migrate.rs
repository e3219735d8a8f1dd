//! Opening a file of schema 1: its contribution records and `contribution_added` events are
//! rewritten in the compact form of schema 2 ([`super::codec`]), in transactions of
//! [`MIGRATION_BATCH_ROWS`] rows, with the progress logged; the schema version becomes 2 in
//! the last one. Rows of both schemas read alike, so a migration cut short (a crash, a full
//! disk) leaves a file that works and is taken up again at the next start.

use std::ops::Bound;

use redb::{Database, ReadableTable, ReadableTableMetadata};

use super::codec::{self, TAG_COMPACT};
use super::{CONTRIBUTION_KEY_TO_RECORD, EVENT_KEY_TO_EVENT, KEY_TO_META, OpenError, SCHEMA_VERSION};
use crate::limits::MIGRATION_BATCH_ROWS;
use crate::model::{Event, EventKind};

/// Rewrites a schema-1 file as schema 2 (see the module's comment).
pub(super) fn to_v2(db: &Database) -> Result<(), OpenError> {
    let records = rewrite_records(db)?;
    let events = rewrite_events(db)?;
    let txn = db.begin_write()?;
    txn.open_table(KEY_TO_META)?.insert("schema_version", SCHEMA_VERSION.to_le_bytes().as_slice())?;
    txn.commit()?;
    tracing::info!(records, events, "database migrated to schema {SCHEMA_VERSION}");
    Ok(())
}

fn total<K: redb::Key + 'static>(
    db: &Database,
    def: redb::TableDefinition<K, &'static [u8]>,
) -> Result<u64, OpenError> {
    let txn = db.begin_write()?;
    let n = txn.open_table(def)?.len()?;
    txn.abort()?;
    Ok(n)
}

/// Every JSON record rewritten compactly; how many were.
fn rewrite_records(db: &Database) -> Result<u64, OpenError> {
    let all = total(db, CONTRIBUTION_KEY_TO_RECORD)?;
    let (mut seen, mut rewritten) = (0u64, 0u64);
    let mut after: Option<(String, String)> = None;
    loop {
        let txn = db.begin_write()?;
        let batch = {
            let mut table = txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
            let mut rows = Vec::new();
            {
                let start = match &after {
                    Some((s, c)) => Bound::Excluded((s.as_str(), c.as_str())),
                    None => Bound::Unbounded,
                };
                for row in table.range::<(&str, &str)>((start, Bound::Unbounded))?.take(MIGRATION_BATCH_ROWS)
                {
                    let (k, v) = row?;
                    let (s, c) = k.value();
                    let compact = v.value().first() == Some(&TAG_COMPACT);
                    let bytes = if compact { None } else { Some(v.value().to_vec()) };
                    rows.push((s.to_string(), c.to_string(), bytes));
                }
            }
            for (s, c, bytes) in &rows {
                if let Some(bytes) = bytes {
                    let record = codec::decode_record(c, bytes).map_err(OpenError::Migrate)?;
                    table.insert((s.as_str(), c.as_str()), codec::encode_record(&record).as_slice())?;
                    rewritten += 1;
                }
            }
            rows
        };
        txn.commit()?;
        seen += batch.len() as u64;
        match batch.into_iter().last() {
            Some((s, c, _)) => after = Some((s, c)),
            None => return Ok(rewritten),
        }
        tracing::info!("migrating to schema {SCHEMA_VERSION}: {seen} of {all} contributions");
    }
}

/// Every `contribution_added` event that agrees with its record rewritten as a reference;
/// how many were.
fn rewrite_events(db: &Database) -> Result<u64, OpenError> {
    let all = total(db, EVENT_KEY_TO_EVENT)?;
    let (mut seen, mut rewritten) = (0u64, 0u64);
    let mut after: Option<(String, u64)> = None;
    loop {
        let txn = db.begin_write()?;
        let last = {
            let mut events = txn.open_table(EVENT_KEY_TO_EVENT)?;
            let records = txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
            let mut rows = Vec::new();
            let mut last = None;
            {
                let start = match &after {
                    Some((s, q)) => Bound::Excluded((s.as_str(), *q)),
                    None => Bound::Unbounded,
                };
                for row in events.range::<(&str, u64)>((start, Bound::Unbounded))?.take(MIGRATION_BATCH_ROWS)
                {
                    let (k, v) = row?;
                    let (s, q) = k.value();
                    seen += 1;
                    last = Some((s.to_string(), q));
                    // Only JSON events of cards added; anything else is left as it is.
                    let bytes = v.value();
                    if bytes.first() != Some(&TAG_COMPACT) && maybe_added(bytes) {
                        rows.push((s.to_string(), q, bytes.to_vec()));
                    }
                }
            }
            for (s, q, bytes) in rows {
                let event: Event = serde_json::from_slice(&bytes)
                    .map_err(|e| OpenError::Migrate(codec::CodecError::of(e)))?;
                let EventKind::ContributionAdded { contribution } = &event.kind else { continue };
                let Some(card) = records.get((s.as_str(), contribution.id.as_str()))? else { continue };
                let card =
                    codec::decode_record(&contribution.id, card.value()).map_err(OpenError::Migrate)?;
                if let Some(compact) = codec::compact_added(&event, &card.contribution) {
                    events.insert((s.as_str(), q), compact.as_slice())?;
                    rewritten += 1;
                }
            }
            last
        };
        txn.commit()?;
        match last {
            Some(l) => after = Some(l),
            None => return Ok(rewritten),
        }
        tracing::info!("migrating to schema {SCHEMA_VERSION}: {seen} of {all} events");
    }
}

/// Whether a JSON event may be a `contribution_added` one, without decoding it.
fn maybe_added(bytes: &[u8]) -> bool {
    const NEEDLE: &[u8] = b"\"kind\":\"contribution_added\"";
    bytes.windows(NEEDLE.len()).any(|w| w == NEEDLE)
}
