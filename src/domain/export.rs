//! Exports for the secretary: the meeting report (Word, printable HTML), Excel, CSV, Markdown
//! and JSON.
//!
//! Built from the stored state, never from the event log: visible contributions by default,
//! each merged duplicate with the card it was merged into; hidden and waiting ones only when
//! asked for, marked with their status. [`report`] turns a session into one [`Report`] that
//! every human-readable format renders, so they all agree on what is in it.

use std::collections::HashMap;

use serde::Serialize;
use utoipa::ToSchema;

use crate::model::{Contribution, Session};

mod cards;
mod clock;
mod cloud_png;
mod counts;
mod csv;
mod deflate;
mod docx;
mod docx_style;
mod filename;
mod html;
mod html_tail;
mod markdown;
mod notes;
mod plan;
mod render;
mod report;
mod series;
mod series_docx;
mod series_xlsx;
mod words;
mod xlsx;

pub use clock::{Clock, DEFAULT_TIME_ZONE};
pub use counts::{VoteLine, VotePart};
pub use csv::{CsvOptions, Separator, csv};
pub use docx::docx;
pub use filename::{content_disposition, file_name};
pub use html::{Css, html};
pub use markdown::markdown;
pub use notes::{NotePart, NoteWords};
pub use plan::{RoundPart, plan_order};
pub use render::{ExportSpec, Format, Rendered, phones, render};
pub use report::{Card, GroupPart, Grouping, Line, QuestionPart, Report, ReportInput, ReportOptions};
pub use series::{ThemeSummary, render_series, themes_of, visible_count};
pub use words::{Lang, Words};
pub use xlsx::xlsx;

/// How hard the Word and Excel files' parts are deflated: zlib's fastest level. Their XML is
/// so repetitive that it still shrinks about sevenfold; the default level 6 took half of a
/// 50,000-contribution workbook's time for a file a few percent smaller (docs/performance.md).
const ZIP_LEVEL: u8 = 1;

/// Where a contribution stands, for the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Visible,
    Hidden,
    Pending,
    /// Merged as a duplicate into another card; exported with it.
    Duplicate,
}

impl Status {
    pub fn of(c: &Contribution) -> Self {
        if c.merged_into.is_some() {
            Status::Duplicate
        } else if c.pending {
            Status::Pending
        } else if c.hidden {
            Status::Hidden
        } else {
            Status::Visible
        }
    }

    /// The JSON export's stable value (kept from its first version: `merged`).
    pub fn code(self) -> &'static str {
        match self {
            Status::Visible => "visible",
            Status::Hidden => "hidden",
            Status::Pending => "pending",
            Status::Duplicate => "merged",
        }
    }
}

/// How many merges a chain may hold before it is taken for a loop. A card can only be merged
/// into one that is not merged itself, but that one can be merged later, so chains happen.
const MAX_MERGE_DEPTH: usize = 64;

/// The contributions an export holds, in the order they arrived, each with the card it counts
/// under (itself, or for a merged duplicate the card at the end of its merge chain).
///
/// By default: every card the wall showed, and every duplicate merged into one of them (a
/// participant's words never vanish from the record because a facilitator folded them into
/// another card); duplicates that are hidden or waiting themselves, or whose card is, stay
/// out like any hidden card. With `include_hidden`: every contribution.
pub fn select<'a>(
    contributions: &'a [Contribution],
    include_hidden: bool,
) -> Vec<(&'a Contribution, &'a Contribution)> {
    let by_id: HashMap<&str, &Contribution> = contributions.iter().map(|c| (c.id.as_str(), c)).collect();
    let root = |c: &'a Contribution| -> &'a Contribution {
        let mut at = c;
        for _ in 0..MAX_MERGE_DEPTH {
            match at.merged_into.as_deref().and_then(|id| by_id.get(id)) {
                Some(next) if next.id != c.id => at = next,
                // A merge into a card that is not stored: the duplicate stands for itself.
                _ => break,
            }
        }
        at
    };
    contributions
        .iter()
        .map(|c| (c, root(c)))
        .filter(|(c, r)| include_hidden || (!c.hidden && !c.pending && !r.hidden && !r.pending))
        .collect()
}

/// One contribution as exported.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportRow {
    pub id: String,
    pub question_id: String,
    pub question: String,
    pub table: Option<String>,
    pub perspective: Option<String>,
    pub text: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The theme's name, if the card is in one.
    pub theme: Option<String>,
    /// Dots it got, over all dot votes.
    pub dots: u32,
    /// `visible`, `hidden`, `pending` or `merged`.
    pub status: &'static str,
    /// For a merged duplicate: the contribution it was folded into.
    pub merged_into: Option<String>,
    /// Arrived after its question closed, within the grace period (written before the room
    /// moved on). Left out when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
    /// How many exported duplicates were merged into this card (the wall's "+1"s).
    pub duplicates: u32,
}

/// One item of a dot vote's result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoteResultRow {
    pub item_id: String,
    pub label: String,
    pub dots: u32,
    /// The card was hidden after the vote closed (only with `include_hidden`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// A dot vote's result, items with the most dots first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoteResult {
    pub id: String,
    pub question_id: Option<String>,
    pub target: crate::model::VoteTarget,
    pub dots_per_phone: u32,
    pub open: bool,
    pub results: Vec<VoteResultRow>,
}

/// The JSON export.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportJson {
    pub title: String,
    pub code: String,
    /// RFC 3339, UTC.
    pub exported_at: String,
    pub questions: Vec<crate::model::Question>,
    pub themes: Vec<crate::model::Theme>,
    pub votes: Vec<VoteResult>,
    /// The secretary's notes on questions and themes.
    pub notes: Vec<crate::model::Note>,
    pub contributions: Vec<ExportRow>,
}

/// Every vote's result, items sorted by dots (most first), then as listed. Cards hidden after
/// the vote closed only with `include_hidden`.
pub fn vote_results(session: &Session, include_hidden: bool) -> Vec<VoteResult> {
    session
        .votes
        .iter()
        .map(|v| {
            let mut results: Vec<VoteResultRow> = v
                .items
                .iter()
                .filter(|i| include_hidden || !i.hidden)
                .map(|i| VoteResultRow {
                    item_id: i.id.clone(),
                    label: i.label.clone(),
                    dots: v.totals.get(&i.id).copied().unwrap_or(0),
                    hidden: i.hidden,
                })
                .collect();
            results.sort_by_key(|r| std::cmp::Reverse(r.dots));
            VoteResult {
                id: v.id.clone(),
                question_id: v.question_id.clone(),
                target: v.target,
                dots_per_phone: v.dots,
                open: v.open,
                results,
            }
        })
        .collect()
}

/// A session's contributions as export rows, in the order they arrived: those [`select`]
/// keeps.
pub fn rows(session: &Session, contributions: &[Contribution], include_hidden: bool) -> Vec<ExportRow> {
    let chosen = select(contributions, include_hidden);
    let mut duplicates: HashMap<&str, u32> = HashMap::new();
    for (c, r) in &chosen {
        if c.id != r.id {
            *duplicates.entry(r.id.as_str()).or_default() += 1;
        }
    }
    chosen
        .iter()
        .map(|(c, _)| ExportRow {
            id: c.id.clone(),
            question_id: c.question_id.clone(),
            question: session.question(&c.question_id).map(|q| q.text.clone()).unwrap_or_default(),
            table: c.table.clone(),
            perspective: c.perspective.clone(),
            text: c.text.clone(),
            created_at: c.created_at.to_string(),
            theme: c.theme_id.as_deref().and_then(|t| session.theme(t)).map(|t| t.name.clone()),
            dots: session.votes.iter().filter_map(|v| v.totals.get(&c.id)).sum(),
            status: Status::of(c).code(),
            merged_into: c.merged_into.clone(),
            late: c.late,
            duplicates: duplicates.get(c.id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

pub fn json(session: &Session, rows: Vec<ExportRow>, include_hidden: bool) -> ExportJson {
    ExportJson {
        title: session.title.clone(),
        code: session.code.clone(),
        exported_at: jiff::Timestamp::now().to_string(),
        questions: session.questions.clone(),
        themes: session.themes.clone(),
        votes: vote_results(session, include_hidden),
        notes: session.notes.clone(),
        contributions: rows,
    }
}
