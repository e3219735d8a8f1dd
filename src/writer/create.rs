//! Creating a session: its questions, its plan of rounds, its join code and tokens.

use redb::ReadableTable;

use super::WriteError;
use super::apply::Batch;
use crate::error::AppError;
use crate::model::{
    EventKind, Moderation, Question, QuestionState, Round, SeriesRef, Session, SessionSettings,
    SessionTokens, one_round_per_question,
};
use crate::store::CODE_TO_SESSION_ID;
use crate::token;

/// A new session, already validated by the handler (or copied from another session).
#[derive(Debug, Clone, Default)]
pub struct SessionDraft {
    pub title: String,
    pub questions: Vec<QuestionDraft>,
    /// The plan; empty: one round per question.
    pub rounds: Vec<RoundDraft>,
    pub tables: Vec<String>,
    pub perspectives: Vec<String>,
    pub settings: SessionSettings,
    /// Pre-moderation and the session's own blocked words (a copied session keeps them).
    pub moderation: Moderation,
    /// The series it belongs to (a copied session keeps it).
    pub series: Option<SeriesRef>,
    /// Where the meeting is held.
    pub place: Option<String>,
}

/// A question of a new session.
#[derive(Debug, Clone, Default)]
pub struct QuestionDraft {
    pub text: String,
    /// The planned time box.
    pub duration_secs: Option<u32>,
    /// The tables (groups) it is for; empty: every table.
    pub tables: Vec<String>,
}

/// A round of a new session: its title, time box and questions (indexes into the draft's).
#[derive(Debug, Clone, Default)]
pub struct RoundDraft {
    pub title: String,
    pub duration_secs: Option<u32>,
    pub questions: Vec<usize>,
}

impl QuestionDraft {
    pub fn new(text: impl Into<String>, duration_secs: Option<u32>) -> Self {
        Self { text: text.into(), duration_secs, tables: Vec::new() }
    }
}

impl Batch<'_> {
    pub(super) fn create_session(&mut self, d: SessionDraft) -> Result<Session, WriteError> {
        let mut codes = self.txn.open_table(CODE_TO_SESSION_ID)?;
        let mut code = token::new_join_code();
        let mut tries = 0;
        while codes.get(code.as_str())?.is_some() {
            tries += 1;
            if tries > 50 {
                return Err(AppError::Internal("no free join code after 50 tries".into()).into());
            }
            code = token::new_join_code();
        }
        let id = token::new_session_id();
        let questions: Vec<Question> = d
            .questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| Question {
                id: format!("q{}", i + 1),
                text: q.text,
                state: QuestionState::Open,
                duration_secs: q.duration_secs,
                timer: None,
                tables: q.tables,
                closed_at: None,
            })
            .collect();
        let rounds = if d.rounds.is_empty() {
            one_round_per_question(&questions)
        } else {
            d.rounds
                .into_iter()
                .enumerate()
                .map(|(i, r)| Round {
                    id: format!("r{}", i + 1),
                    title: r.title,
                    question_ids: r
                        .questions
                        .iter()
                        .filter_map(|q| questions.get(*q))
                        .map(|q| q.id.clone())
                        .collect(),
                    duration_secs: r.duration_secs,
                })
                .collect()
        };
        // Phones start on the first round, as they started on the first question before.
        let first = rounds.first().and_then(|r| r.question_ids.first()).cloned();
        let session = Session {
            id: id.clone(),
            code: code.clone(),
            active_question_id: first,
            title: d.title,
            questions,
            tables: d.tables,
            perspectives: d.perspectives,
            created_at: self.now,
            tokens: SessionTokens {
                facilitator: token::new_token(),
                secretary: token::new_token(),
                wall: token::new_token(),
            },
            series: d.series,
            place: d.place,
            moderation: d.moderation,
            themes: Vec::new(),
            themes_created: 0,
            votes: Vec::new(),
            rounds,
            show_single: false,
            ended: false,
            settings: d.settings,
            notes: Vec::new(),
        };
        codes.insert(code.as_str(), id.as_str())?;
        drop(codes);
        self.sessions.insert(id.clone(), session.clone());
        self.dirty.insert(id.clone());
        let seq = self.next_seq(&id)?;
        self.record(&id, seq, EventKind::SessionCreated { title: session.title.clone() })?;
        Ok(session)
    }
}
