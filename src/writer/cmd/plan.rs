//! The plan of rounds and questions added live: checks that answer with events, called from
//! `rounds`.

use super::rounds::RoundPlan;
use super::{Checked as Events, invalid, max_index, no_round, refuse};
use crate::error::{AppError, Problem};
use crate::limits::MAX_QUESTIONS;
use crate::model::{EventKind, Question, QuestionState, Round, Session};

pub(in crate::writer) fn plan(s: &Session, rounds: Vec<RoundPlan>) -> Events {
    let mut seen: Vec<&str> = Vec::new();
    for r in &rounds {
        if r.question_ids.is_empty() {
            return Err(invalid(Problem::of("empty_round")));
        }
        for q in &r.question_ids {
            if s.question(q).is_none() {
                return Err(AppError::question_not_found());
            }
            if seen.contains(&q.as_str()) {
                return Err(invalid(Problem::of("question_twice").with("id", q)));
            }
            seen.push(q);
        }
    }
    if let Some(missing) = s.questions.iter().find(|q| !seen.contains(&q.id.as_str())) {
        return Err(invalid(Problem::of("question_left_out").with("id", &missing.id)));
    }
    let mut next_id = max_index(s.rounds.iter().map(|r| &r.id), "r");
    let mut ids: Vec<String> = Vec::new();
    let mut planned = Vec::with_capacity(rounds.len());
    for r in rounds {
        let id = match r.id.filter(|id| s.round(id).is_some() && !ids.contains(id)) {
            Some(id) => id,
            None => {
                next_id += 1;
                format!("r{next_id}")
            }
        };
        ids.push(id.clone());
        planned.push(Round {
            id,
            title: r.title,
            question_ids: r.question_ids,
            duration_secs: r.duration_secs,
        });
    }
    if planned == s.rounds {
        return Ok(vec![]);
    }
    Ok(vec![EventKind::RoundsPlanned { rounds: planned }])
}

pub(in crate::writer) fn add_question(
    s: &Session,
    text: String,
    duration_secs: Option<u32>,
    tables: Vec<String>,
    round_id: Option<String>,
) -> Events {
    if s.questions.len() >= MAX_QUESTIONS {
        return Err(refuse(Problem::of("too_many").variant("question").with("max", MAX_QUESTIONS)));
    }
    if s.questions.iter().any(|q| q.text == text) {
        return Err(duplicate_question(&text));
    }
    known_tables(s, &tables)?;
    let id = format!("q{}", max_index(s.questions.iter().map(|q| &q.id), "q") + 1);
    let question = Question {
        id: id.clone(),
        text,
        state: QuestionState::Open,
        duration_secs,
        timer: None,
        tables,
        closed_at: None,
    };
    let round = match round_id {
        Some(rid) => {
            let mut r = s.round(&rid).ok_or_else(no_round)?.clone();
            r.question_ids.push(id);
            r
        }
        None => Round {
            id: format!("r{}", max_index(s.rounds.iter().map(|r| &r.id), "r") + 1),
            title: String::new(),
            question_ids: vec![id],
            duration_secs,
        },
    };
    Ok(vec![EventKind::QuestionAdded { question, round }])
}

pub(in crate::writer) fn known_tables(s: &Session, tables: &[String]) -> Result<(), AppError> {
    match tables.iter().find(|t| !s.tables.contains(t)) {
        Some(t) => Err(invalid(Problem::of("unknown_table").with("name", t))),
        None => Ok(()),
    }
}

pub(in crate::writer) fn duplicate_question(text: &str) -> AppError {
    invalid(Problem::of("duplicate").with("name", text))
}
