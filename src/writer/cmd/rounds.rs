//! Rounds and live editing, as commands: each is checked against the session as it is and
//! answers with the events that carry it out (or why not). The one reducer,
//! `Session::apply`, then applies the events; this file never changes a session itself.

use jiff::Timestamp;

use super::{Checked, Context, invalid, no_round, not_found, refuse, timer};
use crate::error::{AppError, Problem};
use crate::model::{EventKind, NameKind, QuestionState, SeriesRef, Session, SessionSettings, TimerAction};
use crate::writer::TimerOp;

/// Something a facilitator does to the plan of rounds or the session's set-up.
#[derive(Debug, Clone)]
pub enum RoundCmd {
    /// Open the round's questions, show them everywhere, start its time box if it has one.
    Start {
        round_id: String,
        auto_close: bool,
    },
    /// Close the current round's questions and start the next round (or end the session).
    Next {
        auto_close: bool,
    },
    /// The round's countdown: every question of it at once.
    Timer {
        round_id: String,
        op: TimerOp,
    },
    /// The whole plan anew: order, titles, time boxes, which questions each round holds.
    Plan {
        rounds: Vec<RoundPlan>,
    },
    EditQuestion {
        question_id: String,
        text: Option<String>,
        duration_secs: Option<Option<u32>>,
        tables: Option<Vec<String>>,
    },
    /// A question added to a round, or as a new round at the end (`round_id` none).
    AddQuestion {
        text: String,
        duration_secs: Option<u32>,
        tables: Vec<String>,
        round_id: Option<String>,
    },
    /// Title, tables, perspectives, settings, series or place (already checked); none:
    /// unchanged, `Some(None)`: the series or place taken away.
    EditSession {
        title: Option<String>,
        tables: Option<Vec<String>>,
        perspectives: Option<Vec<String>>,
        settings: Option<SessionSettings>,
        series: Option<Option<SeriesRef>>,
        place: Option<Option<String>>,
    },
    Rename {
        what: NameKind,
        from: String,
        to: String,
    },
}

/// One round of a new plan; `id` none for a round that is new.
#[derive(Debug, Clone)]
pub struct RoundPlan {
    pub id: Option<String>,
    pub title: String,
    pub duration_secs: Option<u32>,
    pub question_ids: Vec<String>,
}

type Events = Checked;

pub(in crate::writer) fn check(cx: &Context, cmd: RoundCmd) -> Checked {
    let (s, now) = (cx.session, cx.now);
    match cmd {
        RoundCmd::Start { round_id, auto_close } => start(s, &round_id, auto_close, now),
        RoundCmd::Next { auto_close } => next(s, auto_close, now),
        RoundCmd::Timer { round_id, op } => round_timer(s, &round_id, op, now),
        RoundCmd::Plan { rounds } => super::plan::plan(s, rounds),
        RoundCmd::EditQuestion { question_id, text, duration_secs, tables } => {
            let q = s.question(&question_id).ok_or_else(AppError::question_not_found)?;
            let tables = tables.unwrap_or_else(|| q.tables.clone());
            super::plan::known_tables(s, &tables)?;
            let text = text.unwrap_or_else(|| q.text.clone());
            if text != q.text && s.questions.iter().any(|o| o.text == text) {
                return Err(super::plan::duplicate_question(&text));
            }
            let duration_secs = duration_secs.unwrap_or(q.duration_secs);
            if text == q.text && duration_secs == q.duration_secs && tables == q.tables {
                return Ok(vec![]);
            }
            Ok(vec![EventKind::QuestionEdited { question_id, text, duration_secs, tables }])
        }
        RoundCmd::AddQuestion { text, duration_secs, tables, round_id } => {
            super::plan::add_question(s, text, duration_secs, tables, round_id)
        }
        RoundCmd::EditSession { title, tables, perspectives, settings, series, place } => {
            if let Some(t) = &tables
                && let Some(used) = s.questions.iter().flat_map(|q| &q.tables).find(|g| !t.contains(g))
            {
                return Err(refuse(Problem::of("table_in_use").with("name", used)));
            }
            let title = title.filter(|t| *t != s.title);
            let tables = tables.filter(|t| *t != s.tables);
            let perspectives = perspectives.filter(|p| *p != s.perspectives);
            let settings = settings.filter(|x| *x != s.settings);
            let series = series.filter(|x| *x != s.series);
            let place = place.filter(|x| *x != s.place);
            if title.is_none()
                && tables.is_none()
                && perspectives.is_none()
                && settings.is_none()
                && series.is_none()
                && place.is_none()
            {
                return Ok(vec![]);
            }
            Ok(vec![EventKind::SessionEdited { title, tables, perspectives, settings, series, place }])
        }
        RoundCmd::Rename { what, from, to } => {
            let list = match what {
                NameKind::Table => &s.tables,
                NameKind::Perspective => &s.perspectives,
            };
            if !list.contains(&from) {
                return Err(not_found(Problem::of("name_not_found")));
            }
            if from == to {
                return Ok(vec![]);
            }
            if list.contains(&to) {
                return Err(invalid(Problem::of("duplicate").with("name", to)));
            }
            Ok(vec![EventKind::Renamed { what, from, to }])
        }
    }
}

fn start(s: &Session, round_id: &str, auto_close: bool, now: Timestamp) -> Events {
    let round = s.round(round_id).ok_or_else(no_round)?;
    // Started again while on show (the console's "show the whole round" after one question
    // alone): a countdown already there keeps its time.
    let again = s.current_round().is_some_and(|r| r.id == round.id);
    let mut events = Vec::new();
    for qid in &round.question_ids {
        if s.question(qid).is_some_and(|q| q.state == QuestionState::Closed) {
            events.push(EventKind::QuestionOpened { question_id: qid.clone() });
        }
    }
    events.push(EventKind::RoundStarted { round_id: round.id.clone() });
    if let Some(secs) = round.duration_secs {
        let op = TimerOp::start(Some(secs), auto_close);
        for qid in &round.question_ids {
            if again && s.question(qid).is_some_and(|q| q.timer.is_some()) {
                continue;
            }
            events.extend(timer::timer(s, qid, op, now)?);
        }
    }
    Ok(events)
}

fn next(s: &Session, auto_close: bool, now: Timestamp) -> Events {
    if s.ended {
        // Pressed once more after the last round: nothing left to close or start.
        return Ok(vec![]);
    }
    let Some(current) = s.current_round() else {
        let first = s.rounds.first().ok_or_else(no_round)?;
        return start(s, &first.id, auto_close, now);
    };
    let mut events = Vec::new();
    for qid in &current.question_ids {
        let Some(q) = s.question(qid) else { continue };
        // A closed question keeps no countdown going on anyone's screen.
        if q.timer.is_some() {
            events.extend(timer::timer(s, qid, TimerOp::just(TimerAction::Stop), now)?);
        }
        if q.state == QuestionState::Open {
            events.push(EventKind::QuestionClosed { question_id: qid.clone() });
        }
    }
    let at = s.rounds.iter().position(|r| r.id == current.id).unwrap_or(s.rounds.len());
    match s.rounds.get(at + 1) {
        Some(following) => events.extend(start(s, &following.id, auto_close, now)?),
        None => events.push(EventKind::SessionEnded),
    }
    Ok(events)
}

fn round_timer(s: &Session, round_id: &str, op: TimerOp, now: Timestamp) -> Events {
    let round = s.round(round_id).ok_or_else(no_round)?;
    let op = match op.action {
        TimerAction::Start => TimerOp { secs: op.secs.or(round.duration_secs), ..op },
        _ => op,
    };
    let mut events = Vec::new();
    for qid in &round.question_ids {
        let has_timer = s.question(qid).is_some_and(|q| q.timer.is_some());
        if op.action == TimerAction::Start || has_timer {
            events.extend(timer::timer(s, qid, op, now)?);
        }
    }
    if events.is_empty() {
        return Err(refuse(Problem::of("no_timer")));
    }
    Ok(events)
}
