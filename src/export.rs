//! Exports for the secretary: JSON, CSV (for Excel) and Markdown (for minutes).
//!
//! Built from the stored state, never from the event log: visible contributions by default;
//! hidden, waiting and merged ones only when asked for, marked with their status.

use serde::Serialize;
use utoipa::ToSchema;

use crate::model::{Contribution, Session};

mod markdown;
pub use markdown::markdown;

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
    pub contributions: Vec<ExportRow>,
}

fn status(c: &Contribution) -> &'static str {
    if c.merged_into.is_some() {
        "merged"
    } else if c.pending {
        "pending"
    } else if c.hidden {
        "hidden"
    } else {
        "visible"
    }
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

/// A session's contributions as export rows, in the order they arrived: the visible ones, or
/// with `include_hidden` every one.
pub fn rows(session: &Session, contributions: &[Contribution], include_hidden: bool) -> Vec<ExportRow> {
    contributions
        .iter()
        .filter(|c| include_hidden || c.visible())
        .map(|c| ExportRow {
            id: c.id.clone(),
            question_id: c.question_id.clone(),
            question: session.question(&c.question_id).map(|q| q.text.clone()).unwrap_or_default(),
            table: c.table.clone(),
            perspective: c.perspective.clone(),
            text: c.text.clone(),
            created_at: c.created_at.to_string(),
            theme: c.theme_id.as_deref().and_then(|t| session.theme(t)).map(|t| t.name.clone()),
            dots: session.votes.iter().filter_map(|v| v.totals.get(&c.id)).sum(),
            status: status(c),
            merged_into: c.merged_into.clone(),
            late: c.late,
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
        contributions: rows,
    }
}

/// A spreadsheet cell starting with one of these is read as a formula by Excel and others.
fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// UTF-8 with a byte-order mark (so Excel reads å, ä, ö right), RFC 4180 quoting, CRLF rows.
pub fn csv(rows: &[ExportRow]) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        w.write_record([
            "id",
            "question_id",
            "question",
            "table",
            "perspective",
            "text",
            "created_at",
            "theme",
            "dots",
            "status",
        ])?;
        for r in rows {
            w.write_record([
                neutralise(&r.id),
                neutralise(&r.question_id),
                neutralise(&r.question),
                neutralise(r.table.as_deref().unwrap_or("")),
                neutralise(r.perspective.as_deref().unwrap_or("")),
                neutralise(&r.text),
                r.created_at.clone(),
                neutralise(r.theme.as_deref().unwrap_or("")),
                r.dots.to_string(),
                r.status.to_string(),
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Bra förslag"), "Bra förslag");
    }
}
