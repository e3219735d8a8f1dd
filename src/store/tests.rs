//! Opening files: the schema check, and the migration from schema 1 (built here by raw writes,
//! as schema 1 stored rows; tests/schema2.rs migrates a file written by the server itself).

use redb::ReadableTable;

use super::*;
use crate::model::{Contribution, ContributionRecord, Event, EventKind};

fn set_version(path: &Path, v: u32) {
    let db = Database::create(path).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(KEY_TO_META).unwrap().insert("schema_version", v.to_le_bytes().as_slice()).unwrap();
    txn.commit().unwrap();
}

#[test]
fn a_file_of_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.redb");
    drop(Store::open(&path).unwrap());
    set_version(&path, SCHEMA_VERSION + 1);
    assert!(matches!(Store::open(&path), Err(OpenError::TooNew { found }) if found == SCHEMA_VERSION + 1));
}

fn card(i: u64) -> Contribution {
    Contribution {
        id: uuid::Uuid::new_v4().to_string(),
        question_id: "q1".into(),
        text: format!("Inspel {i} – {}", "å".repeat(50)),
        table: Some("Bord 1".into()),
        perspective: None,
        created_at: jiff::Timestamp::now(),
        seq: i,
        hidden: false,
        pending: i.is_multiple_of(3),
        flagged: None,
        pinned: false,
        theme_id: None,
        merged_into: None,
        late: false,
    }
}

/// Rows of schema 1 across more than one migration batch: every record and event reads back
/// the same after the migration, and is stored compactly.
#[test]
fn a_schema1_file_migrates_in_batches_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.redb");
    let n = crate::limits::MIGRATION_BATCH_ROWS as u64 + 5;
    let mut events = Vec::new();
    let mut records = Vec::new();
    {
        let db = Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut meta = txn.open_table(KEY_TO_META).unwrap();
            meta.insert("schema_version", 1u32.to_le_bytes().as_slice()).unwrap();
            let mut rows = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).unwrap();
            let mut log = txn.open_table(EVENT_KEY_TO_EVENT).unwrap();
            for seq in 1..=n {
                let c = card(seq);
                let mut record =
                    ContributionRecord { contribution: c.clone(), participant: Some(format!("p{seq}")) };
                let event =
                    Event { seq, at: c.created_at, kind: EventKind::ContributionAdded { contribution: c } };
                // The card changed after it was added: the event keeps the old state.
                if seq.is_multiple_of(5) {
                    record.contribution.hidden = true;
                    record.contribution.table = Some("Bord A".into());
                }
                rows.insert(
                    ("s", record.contribution.id.as_str()),
                    serde_json::to_vec(&record).unwrap().as_slice(),
                )
                .unwrap();
                log.insert(("s", seq), serde_json::to_vec(&event).unwrap().as_slice()).unwrap();
                events.push(event);
                records.push(record);
            }
            let hidden = Event {
                seq: n + 1,
                at: jiff::Timestamp::now(),
                kind: EventKind::ContributionHidden { contribution_id: records[4].contribution.id.clone() },
            };
            log.insert(("s", n + 1), serde_json::to_vec(&hidden).unwrap().as_slice()).unwrap();
            events.push(hidden);
        }
        txn.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let db = store.database().unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(KEY_TO_META).unwrap();
    assert_eq!(meta.get("schema_version").unwrap().unwrap().value(), SCHEMA_VERSION.to_le_bytes());
    assert_eq!(events_between(&txn, "s", 0, n + 1, usize::MAX).unwrap(), events);
    let read = contribution_records(&txn, "s", &mut || {}).unwrap();
    assert_eq!(read.len(), records.len());
    for (a, b) in read.iter().zip(&records) {
        assert_eq!((&a.contribution, &a.participant), (&b.contribution, &b.participant));
    }
    let log = txn.open_table(EVENT_KEY_TO_EVENT).unwrap();
    let compact =
        log.iter().unwrap().filter(|r| r.as_ref().unwrap().1.value()[0] == codec::TAG_COMPACT).count();
    assert_eq!(compact as u64, n, "every card's event is a reference, the other event stays JSON");
    let rows = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).unwrap();
    assert!(rows.iter().unwrap().all(|r| r.unwrap().1.value()[0] == codec::TAG_COMPACT));
}
