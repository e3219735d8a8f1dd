//! A question's countdown: what each timer operation does to it, as events, and what the
//! scheduler's expiry does.

use jiff::{SignedDuration, Timestamp};

use super::{Checked, Context, refuse};
use crate::error::{AppError, Problem};
use crate::model::{EventKind, Question, QuestionState, Session, Timer, TimerAction};
use crate::writer::TimerOp;

fn ms_until(end: Timestamp, now: Timestamp) -> u64 {
    u64::try_from(end.duration_since(now).as_millis()).unwrap_or(0)
}

fn plus_ms(now: Timestamp, ms: u64) -> Timestamp {
    now.checked_add(SignedDuration::from_millis(i64::try_from(ms).unwrap_or(i64::MAX))).unwrap_or(now)
}

pub(in crate::writer) fn check(cx: &Context, question_id: &str, op: TimerOp) -> Checked {
    timer(cx.session, question_id, op, cx.now)
}

/// What `op` does to the countdown of one question of `s` (rounds run it on each of theirs).
pub(in crate::writer) fn timer(s: &Session, question_id: &str, op: TimerOp, now: Timestamp) -> Checked {
    let q = s.question(question_id).ok_or_else(AppError::question_not_found)?;
    let no_timer = || refuse(Problem::of("no_timer"));
    let (action, timer) = match (op.action, q.timer.clone()) {
        (TimerAction::Expired, _) => return Err(AppError::Invalid(Problem::of("bad_timer_action"))),
        (TimerAction::Start, _) => {
            let Some(secs) = op.secs.or(q.duration_secs).filter(|s| *s > 0) else {
                return Err(AppError::Invalid(Problem::of("no_duration")));
            };
            let ms = u64::from(secs) * 1000;
            let t = Timer {
                duration_secs: secs,
                running: true,
                ends_at: Some(plus_ms(now, ms)),
                remaining_ms: ms,
                auto_close: op.auto_close,
            };
            (TimerAction::Start, Some(t))
        }
        (TimerAction::Pause, Some(t)) if t.running => {
            let left = t.ends_at.map_or(0, |e| ms_until(e, now));
            (TimerAction::Pause, Some(Timer { running: false, ends_at: None, remaining_ms: left, ..t }))
        }
        (TimerAction::Resume, Some(t)) if !t.running && t.remaining_ms > 0 => {
            let ends = plus_ms(now, t.remaining_ms);
            (TimerAction::Resume, Some(Timer { running: true, ends_at: Some(ends), ..t }))
        }
        (TimerAction::Extend, Some(t)) => {
            let secs = op.secs.unwrap_or(0);
            let add = u64::from(secs) * 1000;
            let mut t = Timer { duration_secs: t.duration_secs.saturating_add(secs), ..t };
            if t.running {
                let left = t.ends_at.map_or(0, |e| ms_until(e, now));
                t.ends_at = Some(plus_ms(now, left + add));
                t.remaining_ms = left + add;
            } else {
                t.remaining_ms += add;
            }
            (TimerAction::Extend, Some(t))
        }
        (TimerAction::Stop, Some(_)) => (TimerAction::Stop, None),
        (TimerAction::Pause | TimerAction::Resume, Some(_)) => return Ok(vec![]),
        (_, None) => return Err(no_timer()),
    };
    Ok(vec![EventKind::TimerChanged { question_id: question_id.to_string(), action, timer }])
}

/// A countdown reached zero: it stops at zero, and closes its question if asked to. A stale
/// expiry (the timer was paused, extended or restarted since) changes nothing.
pub(in crate::writer) fn expire(cx: &Context, question_id: &str, ends_at: Timestamp) -> Checked {
    Ok(expired(cx.session, question_id, ends_at))
}

fn expired(s: &Session, question_id: &str, ends_at: Timestamp) -> Vec<EventKind> {
    let Some(q) = s.question(question_id) else { return vec![] };
    let Some(t) = q.timer.clone().filter(|t| t.running && t.ends_at == Some(ends_at)) else { return vec![] };
    let close = t.auto_close && q.state == QuestionState::Open;
    let stopped = Timer { running: false, ends_at: None, remaining_ms: 0, ..t };
    let qid = question_id.to_string();
    let mut kinds = vec![EventKind::TimerChanged {
        question_id: qid.clone(),
        action: TimerAction::Expired,
        timer: Some(stopped),
    }];
    if close {
        kinds.push(EventKind::QuestionClosed { question_id: qid });
    }
    kinds
}

/// Question `q` closed by hand. A closed question keeps no countdown going on anyone's screen
/// (as "next" does), so one still counting (running, or paused with time left) is stopped
/// first; one that ran out stays as it ended.
pub(super) fn close(q: &Question) -> Vec<EventKind> {
    let counting = q.timer.as_ref().is_some_and(|t| t.running || t.remaining_ms > 0);
    let stop = counting.then(|| EventKind::TimerChanged {
        question_id: q.id.clone(),
        action: TimerAction::Stop,
        timer: None,
    });
    stop.into_iter().chain([EventKind::QuestionClosed { question_id: q.id.clone() }]).collect()
}
