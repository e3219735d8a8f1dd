//! The meeting report: one description of a session that the Word document, the printable
//! page, the spreadsheet and the CSV all render, so they agree on what is in it.
//!
//! [`ReportInput`] is how callers describe what goes in. It is built with methods rather than a
//! struct literal so that later inputs — the secretary's own notes, the series a meeting
//! belongs to, rounds of several questions — can be added as further methods without changing
//! any caller.

use std::collections::HashMap;

use jiff::Timestamp;

use super::clock::Clock;
use super::counts::{VotePart, tally, votes};
use super::notes::NotePart;
use super::plan::{RoundPart, plan, shows_rounds};
use super::words::Lang;
use super::{Status, select};
use crate::model::{Contribution, QuestionState, Session};
use crate::text::CloudWord;

/// How a question's contributions are grouped in the report.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    #[default]
    Theme,
    Table,
}

/// What the reader asked for.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub lang: Lang,
    pub clock: Clock,
    pub group: Grouping,
    /// Hidden and waiting contributions too, marked with their status.
    pub include_hidden: bool,
}

/// Everything a report is built from.
pub struct ReportInput<'a> {
    session: &'a Session,
    contributions: &'a [Contribution],
    options: ReportOptions,
    phones: Option<usize>,
    now: Timestamp,
}

impl<'a> ReportInput<'a> {
    /// The session and all its stored contributions (hidden ones too: the options decide).
    pub fn new(session: &'a Session, contributions: &'a [Contribution], options: ReportOptions) -> Self {
        Self { session, contributions, options, phones: None, now: Timestamp::now() }
    }

    /// How many phones sent contributions, when the caller knows (the store keeps it per
    /// contribution, not on the contribution itself).
    pub fn phones(mut self, phones: usize) -> Self {
        self.phones = Some(phones);
        self
    }

    /// The moment the report says it was made (for tests and reproducible files).
    pub fn at(mut self, now: Timestamp) -> Self {
        self.now = now;
        self
    }

    pub fn build(self) -> Report {
        build(self)
    }
}

/// One contribution as a report lists it.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1, 2, … in the order they arrived, over the contributions in this report.
    pub nr: usize,
    pub id: String,
    pub question_id: String,
    /// The question's number (1-based), 0 if the question is gone.
    pub question_nr: usize,
    pub question: String,
    pub at: Timestamp,
    /// The report's local time of it.
    pub local: jiff::civil::DateTime,
    /// Local time, `2026-11-08 09:14:03`.
    pub time: String,
    pub table: Option<String>,
    pub perspective: Option<String>,
    pub theme: Option<String>,
    pub dots: u32,
    pub status: Status,
    /// For a duplicate: the number and id of the card it counts under.
    pub duplicate_of: Option<(usize, String)>,
    pub text: String,
}

/// A card in a group, with the duplicates merged into it.
#[derive(Debug, Clone)]
pub struct Card {
    /// Index into [`Report::lines`].
    pub line: usize,
    pub duplicates: Vec<usize>,
}

/// A theme or a table, and its cards. `name` is `None` for the cards in no theme (table).
#[derive(Debug, Clone)]
pub struct GroupPart {
    pub name: Option<String>,
    /// Contributions in it, duplicates included.
    pub count: usize,
    /// The secretary's note on the theme, printed first under it.
    pub note: Option<String>,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone)]
pub struct QuestionPart {
    /// Its number in the plan (rounds in order), as phones, walls and the console count.
    pub nr: usize,
    pub id: String,
    pub text: String,
    pub state: QuestionState,
    /// Contributions to it, duplicates included.
    pub count: usize,
    /// The secretary's notes, printed first under the question (see [`super::notes`]).
    pub notes: Vec<NotePart>,
    pub groups: Vec<GroupPart>,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    pub lang: Lang,
    pub title: String,
    pub code: String,
    /// Where the meeting was held.
    pub place: Option<String>,
    /// The name of the series it belongs to.
    pub series: Option<String>,
    /// The meeting's date, `8 november 2026`.
    pub date: String,
    /// `2026-11-08`, for file names.
    pub iso_date: String,
    /// The first and last contribution's local time of day.
    pub span: Option<(String, String)>,
    pub exported_at: String,
    pub phones: Option<usize>,
    pub group: Grouping,
    pub include_hidden: bool,
    pub per_table: Vec<(String, usize)>,
    pub per_perspective: Vec<(String, usize)>,
    /// The questions in the plan's order.
    pub questions: Vec<QuestionPart>,
    /// The rounds of the plan over [`Report::questions`].
    pub rounds: Vec<RoundPart>,
    /// Whether the rounds are shown as sections of their own (see [`super::plan`]).
    pub show_rounds: bool,
    pub votes: Vec<VotePart>,
    /// Every contribution in the report, in the order it arrived.
    pub lines: Vec<Line>,
}

impl Report {
    /// The words of the question's visible contributions, for its word cloud (the same
    /// contributions the console's cloud counts: duplicates and hidden ones left out).
    pub fn cloud(&self, question: &QuestionPart, max_words: usize) -> Vec<CloudWord> {
        let texts: Vec<&str> = self
            .lines
            .iter()
            .filter(|l| l.question_id == question.id && l.status == Status::Visible)
            .map(|l| l.text.as_str())
            .collect();
        crate::text::word_counts(&texts, max_words)
    }

    /// Every question's cloud, in question order, counted on several threads: the word counts
    /// are most of the time a large report takes, and the questions are independent.
    pub fn clouds(&self, max_words: usize) -> Vec<Vec<CloudWord>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
        let per_thread = self.questions.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .questions
                .chunks(per_thread)
                .map(|qs| {
                    scope.spawn(move || qs.iter().map(|q| self.cloud(q, max_words)).collect::<Vec<_>>())
                })
                .collect();
            // A thread that panicked gives empty clouds rather than no report.
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        })
    }

    pub fn words(&self) -> &'static super::Words {
        self.lang.words()
    }

    /// A card's details as Word and the print page show them after its text: table,
    /// perspective, theme (when grouped by table), dots and a status other than shown,
    /// joined by " · "; `None` when there is nothing to say.
    pub fn card_details(&self, l: &Line) -> Option<String> {
        let theme = (self.group == super::Grouping::Table).then_some(l.theme.as_deref()).flatten();
        let dots = (l.dots > 0).then(|| format!("{} ●", l.dots));
        let status = (l.status != Status::Visible && l.status != Status::Duplicate)
            .then(|| self.words().status(l.status));
        let details: Vec<&str> =
            [l.table.as_deref(), l.perspective.as_deref(), theme, dots.as_deref(), status]
                .into_iter()
                .flatten()
                .collect();
        (!details.is_empty()).then(|| details.join(" · "))
    }
}

fn build(input: ReportInput<'_>) -> Report {
    let ReportInput { session, contributions, options, phones, now } = input;
    let words = options.lang.words();
    let clock = &options.clock;
    let chosen = select(contributions, options.include_hidden);
    let nr_of: HashMap<&str, usize> =
        chosen.iter().enumerate().map(|(i, (c, _))| (c.id.as_str(), i + 1)).collect();
    let (order, rounds) = plan(session);
    let numbers: HashMap<&str, usize> =
        order.iter().enumerate().map(|(i, q)| (q.id.as_str(), i + 1)).collect();
    let question_nr = |id: &str| numbers.get(id).copied().unwrap_or(0);
    let theme_names: HashMap<&str, &str> =
        session.themes.iter().map(|t| (t.id.as_str(), t.name.as_str())).collect();
    let lines: Vec<Line> = chosen
        .iter()
        .enumerate()
        .map(|(i, (c, root))| Line {
            nr: i + 1,
            id: c.id.clone(),
            question_id: c.question_id.clone(),
            question_nr: question_nr(&c.question_id),
            question: session.question(&c.question_id).map(|q| q.text.clone()).unwrap_or_default(),
            at: c.created_at,
            local: clock.civil(c.created_at),
            time: clock.date_time(c.created_at),
            table: c.table.clone(),
            perspective: c.perspective.clone(),
            theme: c.theme_id.as_deref().and_then(|t| theme_names.get(t)).map(|n| n.to_string()),
            dots: session.votes.iter().filter_map(|v| v.totals.get(&c.id)).sum(),
            status: Status::of(c),
            duplicate_of: (root.id != c.id)
                .then(|| nr_of.get(root.id.as_str()).map(|nr| (*nr, root.id.clone())))
                .flatten(),
            text: c.text.clone(),
        })
        .collect();

    let mut cards = super::cards::by_question(&chosen);
    let questions = order
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mine = cards.remove(q.id.as_str()).unwrap_or_default();
            super::cards::question_part(session, &chosen, i + 1, q, options.group, mine)
        })
        .collect();
    let first = lines.iter().map(|l| l.at).min();
    let last = lines.iter().map(|l| l.at).max();
    Report {
        lang: options.lang,
        title: session.title.clone(),
        code: session.code.clone(),
        place: session.place.clone(),
        series: session.series.as_ref().map(|s| s.name.clone()),
        date: clock.long_date(session.created_at, words),
        iso_date: clock.iso_date(session.created_at),
        span: first.zip(last).map(|(a, b)| (clock.hour_minute(a), clock.hour_minute(b))),
        exported_at: clock.date_time(now),
        phones,
        group: options.group,
        include_hidden: options.include_hidden,
        per_table: tally(&session.tables, lines.iter().map(|l| l.table.as_deref()), words.no_table),
        per_perspective: tally(
            &session.perspectives,
            lines.iter().map(|l| l.perspective.as_deref()),
            words.no_perspective,
        ),
        questions,
        show_rounds: shows_rounds(&rounds),
        rounds,
        votes: votes(session, options.include_hidden),
        lines,
    }
}
