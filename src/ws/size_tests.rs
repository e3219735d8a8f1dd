//! The largest messages a session can legally produce fit in one websocket message.
//!
//! Regression: a `hello` carried every vote a session ever held, so a few votes over a busy
//! question made it larger than the socket's write cap, and every wall, console and phone of
//! the session dropped and could not reconnect. Here the session is at every limit at once,
//! written in 4-byte characters (the most bytes a character takes in JSON, as texts keep no
//! control characters but line breaks and tabs).

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::ServerMsg;
use crate::limits::*;
use crate::model::*;

fn wide(n: usize) -> String {
    "😀".repeat(n)
}

fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

fn vote(id: usize, open: bool) -> Vote {
    let items: Vec<VoteItem> = (0..MAX_VOTE_ITEMS)
        .map(|i| VoteItem { id: uuid(i), label: format!("{}…", wide(MAX_VOTE_LABEL_CHARS)), hidden: false })
        .collect();
    let totals: BTreeMap<String, u32> = items.iter().map(|i| (i.id.clone(), u32::MAX)).collect();
    Vote {
        id: format!("v{id}"),
        question_id: Some(format!("q{MAX_QUESTIONS}")),
        target: VoteTarget::Contributions,
        dots: MAX_DOTS,
        open,
        items,
        totals,
        revealed: true,
    }
}

fn largest_session() -> Session {
    let timer = Timer {
        duration_secs: MAX_TIMER_SECS,
        running: true,
        ends_at: Some(Timestamp::MAX),
        remaining_ms: u64::MAX,
        auto_close: true,
    };
    Session {
        id: "ABCDEFGHIJKL".into(),
        code: "ABCDEF".into(),
        title: wide(MAX_TITLE_CHARS),
        questions: (1..=MAX_QUESTIONS)
            .map(|i| Question {
                id: format!("q{i}"),
                text: wide(MAX_QUESTION_CHARS),
                state: QuestionState::Open,
                duration_secs: Some(MAX_TIMER_SECS),
                timer: Some(timer.clone()),
                tables: (0..MAX_QUESTION_TABLES)
                    .map(|i| format!("{i:03}{}", wide(MAX_NAME_CHARS - 3)))
                    .collect(),
                closed_at: Some(Timestamp::MAX),
            })
            .collect(),
        tables: (0..MAX_TABLES).map(|i| format!("{i:03}{}", wide(MAX_NAME_CHARS - 3))).collect(),
        perspectives: (0..MAX_PERSPECTIVES).map(|i| format!("{i:03}{}", wide(MAX_NAME_CHARS - 3))).collect(),
        active_question_id: Some("q1".into()),
        created_at: Timestamp::MAX,
        tokens: SessionTokens { facilitator: "f".into(), secretary: "s".into(), wall: "w".into() },
        series: Some(SeriesRef { id: "s".repeat(MAX_SERIES_ID_CHARS), name: wide(MAX_SERIES_NAME_CHARS) }),
        place: Some(wide(MAX_PLACE_CHARS)),
        moderation: Moderation::default(),
        themes: (1..=MAX_THEMES)
            .map(|i| Theme {
                id: format!("t{i}"),
                name: wide(MAX_THEME_NAME_CHARS),
                question_id: Some(format!("q{MAX_QUESTIONS}")),
            })
            .collect(),
        themes_created: u32::MAX,
        // Every vote a session may hold; the last ones open.
        votes: (1..=MAX_VOTES).map(|i| vote(i, i + MAX_OPEN_VOTES > MAX_VOTES)).collect(),
        rounds: (1..=MAX_QUESTIONS)
            .map(|i| Round {
                id: format!("r{i}"),
                title: wide(MAX_ROUND_TITLE_CHARS),
                question_ids: vec![format!("q{i}")],
                duration_secs: Some(MAX_TIMER_SECS),
            })
            .collect(),
        show_single: true,
        ended: true,
        settings: SessionSettings {
            late_grace_secs: MAX_LATE_GRACE_SECS,
            closing_text: wide(MAX_CLOSING_TEXT_CHARS),
            wall_layout: WallLayout::Rotate,
            wall_shows: WallShows::Neither,
            language: Language::En,
        },
        notes: (0..MAX_NOTES)
            .map(|i| Note {
                question_id: None,
                theme_id: Some(format!("t{}", i + 1)),
                table: None,
                text: wide(MAX_NOTE_CHARS),
                at: Timestamp::MAX,
            })
            .chain((0..MAX_TABLE_NOTES).map(|i| Note {
                question_id: Some(format!("q{}", i % MAX_QUESTIONS + 1)),
                theme_id: None,
                table: Some(wide(MAX_NAME_CHARS)),
                text: wide(MAX_TABLE_NOTE_CHARS),
                at: Timestamp::MAX,
            }))
            .collect(),
    }
}

fn hello_bytes(view: &SessionView) -> usize {
    let hello = ServerMsg::Hello {
        role: "participant",
        seq: u64::MAX,
        now: Timestamp::MAX,
        session: view,
        participant: Some(&"p".repeat(MAX_PARTICIPANT_ID_CHARS)),
        phones: Some(usize::MAX),
        my_dots: Some(vec![MyDots {
            vote_id: "v1".into(),
            mine: (0..MAX_DOTS as usize).map(|i| (uuid(i), 1)).collect(),
            left: 0,
        }]),
    };
    hello.to_text().len()
}

#[test]
fn the_largest_hello_fits_in_one_message() {
    // The largest legal view holds the open votes and the latest closed one, all full.
    let session = largest_session();
    let view = session.public_view();
    assert_eq!(view.votes.len(), MAX_OPEN_VOTES + 1, "the open votes and the latest closed one");
    let bytes = hello_bytes(&view);
    assert!(bytes <= MAX_SERVER_MESSAGE_BYTES, "hello is {bytes} bytes, over {MAX_SERVER_MESSAGE_BYTES}");
    // The bound is meant to be tight: a limit raised later must show up here.
    assert!(bytes > MAX_SERVER_MESSAGE_BYTES / 2, "hello is {bytes} bytes: lower the bound");
}

#[test]
fn the_largest_events_fit_in_one_message() {
    let vote = vote(1, true);
    let contribution = Contribution {
        id: uuid(1),
        question_id: format!("q{MAX_QUESTIONS}"),
        text: wide(MAX_CONTRIBUTION_CHARS),
        table: Some(wide(MAX_NAME_CHARS)),
        perspective: Some(wide(MAX_NAME_CHARS)),
        created_at: Timestamp::MAX,
        seq: u64::MAX,
        hidden: false,
        pending: true,
        flagged: Some(wide(MAX_BLOCKED_WORD_CHARS)),
        pinned: true,
        theme_id: Some(format!("t{MAX_THEMES}")),
        merged_into: Some(uuid(2)),
        late: true,
    };
    let revealed = EventKind::VoteRevealed { vote_id: vote.id.clone(), totals: vote.totals.clone() };
    for kind in [EventKind::VoteStarted { vote }, EventKind::ContributionAdded { contribution }, revealed] {
        let event = Event { seq: u64::MAX, at: Timestamp::MAX, kind };
        let bytes = ServerMsg::Event { event: &event }.to_text().len();
        assert!(bytes <= MAX_SERVER_MESSAGE_BYTES, "{bytes} bytes");
    }
}

#[test]
fn hidden_vote_items_never_reach_the_room() {
    // As the writer leaves it: the card gone from open votes, marked hidden in closed ones.
    let mut session = largest_session();
    let hidden = session.votes[0].items[0].id.clone();
    for v in &mut session.votes {
        if v.open {
            v.items.retain(|i| i.id != hidden);
            v.totals.remove(&hidden);
        } else {
            v.items[0].hidden = true;
        }
    }
    let view = serde_json::to_string(&session.public_view()).unwrap_or_default();
    assert!(!view.contains(&hidden), "a hidden card's id or dots reached the public view");
}
