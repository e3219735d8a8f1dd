use redb::{Database, ReadableDatabase};

use super::*;
use crate::store::CONTRIBUTION_KEY_TO_RECORD;

fn card(id: &str, text: &str) -> Contribution {
    Contribution {
        id: id.into(),
        question_id: "q1".into(),
        text: text.into(),
        table: Some("Bord 1".into()),
        perspective: Some("Näringsliv".into()),
        created_at: "2026-11-26T18:52:26.123456789Z".parse().unwrap(),
        seq: 7,
        hidden: false,
        pending: true,
        flagged: Some("ord".into()),
        pinned: false,
        theme_id: None,
        merged_into: None,
        late: true,
    }
}

const ID: &str = "0b6f3a34-58a3-4c4e-9a43-6a3c2f0e9d1b";

#[test]
fn a_record_round_trips_and_a_json_record_still_reads() {
    let record =
        ContributionRecord { contribution: card(ID, &"å".repeat(200)), participant: Some("p-1".into()) };
    let bytes = encode_record(&record);
    let back = decode_record(ID, &bytes).unwrap();
    assert_eq!(back.contribution, record.contribution);
    assert_eq!(back.participant, record.participant);
    let json = serde_json::to_vec(&record).unwrap();
    assert_eq!(decode_record(ID, &json).unwrap().contribution, record.contribution, "schema 1 row");
    assert!(bytes.len() < 400 + 60, "{} bytes for 400 bytes of text", bytes.len());
    assert!(json.len() > bytes.len() + 200, "JSON {} against {}", json.len(), bytes.len());
}

/// A card's event stored as a reference joins back into exactly the event that was published,
/// even after the card changed (hidden, approved, themed, its table renamed).
#[test]
fn an_added_event_joins_back_as_it_was_published_after_the_card_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::create(dir.path().join("c.redb")).unwrap();
    let c = card(ID, "Mötesplatser \"för\" unga\n");
    let event =
        Event { seq: 7, at: c.created_at, kind: EventKind::ContributionAdded { contribution: c.clone() } };
    let stored = encode_event(&event).unwrap();
    assert!(stored.len() < 60, "{} bytes for a reference", stored.len());
    let mut later = c.clone();
    later.hidden = true;
    later.pending = false;
    later.flagged = None;
    later.theme_id = Some("t1".into());
    later.table = Some("Bord A".into());
    let txn = db.begin_write().unwrap();
    txn.open_table(CONTRIBUTION_KEY_TO_RECORD)
        .unwrap()
        .insert(
            ("s", ID),
            encode_record(&ContributionRecord { contribution: later, participant: None }).as_slice(),
        )
        .unwrap();
    txn.commit().unwrap();
    let txn = db.begin_read().unwrap();
    let records = txn.open_table(CONTRIBUTION_KEY_TO_RECORD).unwrap();
    assert_eq!(decode_event(&records, "s", 7, &stored).unwrap(), event);
    // Every other event stays JSON, and JSON events of schema 1 read as they are.
    let other = Event {
        seq: 8,
        at: c.created_at,
        kind: EventKind::ContributionHidden { contribution_id: ID.into() },
    };
    let bytes = encode_event(&other).unwrap();
    assert_eq!(bytes, serde_json::to_vec(&other).unwrap());
    assert_eq!(decode_event(&records, "s", 8, &bytes).unwrap(), other);
    let json = serde_json::to_vec(&event).unwrap();
    assert_eq!(decode_event(&records, "s", 7, &json).unwrap(), event);
    // A reference whose card is missing is an error, not a made-up card.
    assert!(decode_event(&records, "other", 7, &stored).is_err());
}

/// The migration keeps an event that would not join back to itself (here: its text differs
/// from its record's) as JSON; one that does becomes a reference, with any `at`.
#[test]
fn only_events_that_join_back_to_themselves_become_references() {
    let c = card("not-a-uuid", "Text");
    let mut event =
        Event { seq: 7, at: c.created_at, kind: EventKind::ContributionAdded { contribution: c.clone() } };
    assert!(compact_added(&event, &c).is_some());
    event.at = "2026-11-26T19:00:00Z".parse().unwrap();
    assert!(compact_added(&event, &c).is_some(), "an event later than its card keeps its time");
    let mut other = c.clone();
    other.text = "Another text".into();
    assert!(compact_added(&event, &other).is_none());
}
