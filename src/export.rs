//! Exports for the secretary: JSON, CSV (for Excel) and Markdown (for minutes).
//!
//! Built from the stored state, never from the event log: visible contributions by default;
//! hidden, waiting and merged ones only when asked for, marked with their status.

use serde::Serialize;
use utoipa::ToSchema;

use crate::model::{Contribution, Session};

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

/// Markdown for minutes: a heading per question, a bullet per contribution with its table and
/// perspective.
pub fn markdown(session: &Session, rows: &[ExportRow], include_hidden: bool) -> String {
    let mut out = format!("# {}\n\n", md_escape(&session.title));
    out.push_str(&format!("Kod / Code: {} · {} inspel / contributions\n\n", session.code, rows.len()));
    for q in &session.questions {
        out.push_str(&format!("## {}\n\n", md_escape(&q.text)));
        let mine: Vec<_> = rows.iter().filter(|r| r.question_id == q.id).collect();
        if mine.is_empty() {
            out.push_str("_Inga inspel. / No contributions._\n\n");
            continue;
        }
        for r in mine {
            let dots = (r.dots > 0).then(|| format!("{} ●", r.dots));
            let theme = r.theme.as_ref().map(|t| format!("tema: {t}"));
            let status = (r.status != "visible").then_some(r.status);
            let meta: Vec<&str> =
                [r.table.as_deref(), r.perspective.as_deref(), theme.as_deref(), dots.as_deref(), status]
                    .into_iter()
                    .flatten()
                    .collect();
            // Line breaks inside a contribution stay inside its bullet.
            let text = r.text.lines().map(md_line).collect::<Vec<_>>().join("\n  ");
            if meta.is_empty() {
                out.push_str(&format!("- {text}\n"));
            } else {
                out.push_str(&format!("- {text} _({})_\n", md_escape(&meta.join(", "))));
            }
        }
        out.push('\n');
    }
    for v in vote_results(session, include_hidden) {
        let about = v.question_id.as_deref().and_then(|q| session.question(q)).map(|q| q.text.as_str());
        out.push_str(&format!("## Prickröstning / Dot vote {}\n\n", md_escape(about.unwrap_or(""))));
        for r in v.results {
            out.push_str(&format!("- {} ● {}\n", r.dots, md_line(&r.label)));
        }
        out.push('\n');
    }
    out
}

/// One line of a participant's text as Markdown: inline markup escaped, and a line start that
/// would begin a heading, list, quote, rule or code block (`---`, `1.`, `+ `, four spaces)
/// made plain. Leading white space carries no meaning in a contribution, so it goes.
fn md_line(line: &str) -> String {
    let line = md_escape(line.trim_start());
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    let mut chars = line.chars();
    let (first, second) = (chars.next(), chars.next());
    let only = |c: char| !line.is_empty() && line.chars().all(|x| x == c || x == ' ');
    let starts_block = matches!((first, second), (Some('-' | '+'), Some(' ') | None))
        || only('-')
        || only('=')
        || line.starts_with("~~~")
        || (digits > 0 && matches!(after_digits, Some('.' | ')')));
    if starts_block {
        if digits > 0 {
            // "1." → "1\." keeps the number and loses the list.
            format!("{}\\{}", &line[..digits], &line[digits..])
        } else {
            format!("\\{line}")
        }
    } else {
        line
    }
}

/// Escapes the characters that would turn a participant's text into Markdown markup or HTML.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

    #[test]
    fn markdown_lines_cannot_start_blocks() {
        assert_eq!(md_line("---"), "\\---");
        assert_eq!(md_line("==="), "\\===");
        assert_eq!(md_line("1. ett"), "1\\. ett");
        assert_eq!(md_line("12) tolv"), "12\\) tolv");
        assert_eq!(md_line("    kod"), "kod");
        assert_eq!(md_line("+ plus"), "\\+ plus");
        assert_eq!(md_line("2026 blir bra"), "2026 blir bra");
        assert_eq!(md_line("- punkt"), "\\- punkt");
        assert_eq!(md_line("~~~"), "\\~~~");
        // Not a block start: kept as written.
        assert_eq!(md_line("=SUM(A1)"), "=SUM(A1)");
        assert_eq!(md_line("-1 grad"), "-1 grad");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md_escape("<b>*hej*</b>"), "\\<b\\>\\*hej\\*\\</b\\>");
    }
}
