//! A series of meetings in one file (Word, Excel or CSV): each meeting's report, built as for
//! the meeting alone, under the meeting's name and date; and what an earlier meeting said, in
//! brief, for the console of a later one ("Förra gången sa vi …").

use std::collections::HashMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::csv::{header, neutralise, record, writer};
use super::render::{ExportSpec, Format, Rendered, phones};
use super::report::{Report, ReportInput};
use super::{file_name, select};
use crate::limits::{MAX_SERIES_EXAMPLE_CHARS, MAX_SERIES_EXAMPLES, MAX_SERIES_THEMES_SHOWN};
use crate::model::{Contribution, ContributionRecord, Session};

impl Report {
    /// The place and the series, those the meeting has, for a header beside the date.
    pub fn where_facts(&self) -> Vec<(&'static str, String)> {
        let w = self.words();
        [(w.place, &self.place), (w.series, &self.series)]
            .into_iter()
            .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
            .collect()
    }
}

/// A theme of a meeting, in brief.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThemeSummary {
    pub name: String,
    /// Contributions in it that an export shows, merged duplicates included.
    pub count: usize,
    /// Up to [`MAX_SERIES_EXAMPLES`] of its texts: the cards with the most duplicates and dots,
    /// cut to [`MAX_SERIES_EXAMPLE_CHARS`] characters.
    pub examples: Vec<String>,
}

/// Contributions an export shows by default.
pub fn visible_count(contributions: &[Contribution]) -> usize {
    select(contributions, false).len()
}

/// The meeting's largest themes (at most [`MAX_SERIES_THEMES_SHOWN`]), over what an export
/// shows by default; a merged duplicate counts in its card's theme.
pub fn themes_of(session: &Session, contributions: &[Contribution]) -> Vec<ThemeSummary> {
    let chosen = select(contributions, false);
    let mut duplicates: HashMap<&str, usize> = HashMap::new();
    for (c, root) in &chosen {
        if c.id != root.id {
            *duplicates.entry(root.id.as_str()).or_default() += 1;
        }
    }
    let weight = |c: &Contribution| {
        let dots: u32 = session.votes.iter().filter_map(|v| v.totals.get(&c.id)).sum();
        duplicates.get(c.id.as_str()).copied().unwrap_or(0) + dots as usize
    };
    // Per theme, in the order the themes were made: its count and its own cards.
    let mut themes: Vec<(usize, usize, Vec<&Contribution>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (c, root) in &chosen {
        let Some(t) = root.theme_id.as_deref().and_then(|t| session.themes.iter().position(|x| x.id == t))
        else {
            continue;
        };
        let slot = *at.entry(session.themes[t].id.as_str()).or_insert_with(|| {
            themes.push((t, 0, Vec::new()));
            themes.len() - 1
        });
        themes[slot].1 += 1;
        if c.id == root.id {
            themes[slot].2.push(c);
        }
    }
    themes.sort_by_key(|(t, count, _)| (std::cmp::Reverse(*count), *t));
    themes
        .into_iter()
        .take(MAX_SERIES_THEMES_SHOWN)
        .map(|(t, count, mut cards)| {
            cards.sort_by_key(|c| (std::cmp::Reverse(weight(c)), c.seq));
            ThemeSummary {
                name: session.themes[t].name.clone(),
                count,
                examples: cards.iter().take(MAX_SERIES_EXAMPLES).map(|c| cut(&c.text)).collect(),
            }
        })
        .collect()
}

/// A text cut to [`MAX_SERIES_EXAMPLE_CHARS`], with "…" when cut.
fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_SERIES_EXAMPLE_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_SERIES_EXAMPLE_CHARS - 1).collect();
    out.push('…');
    out
}

/// The series `name`, its meetings oldest first, in `spec`'s format (Word, Excel or CSV; the
/// others are for one meeting). CPU-bound: call it on a blocking thread.
pub fn render_series(
    name: &str,
    meetings: &[(Session, Vec<ContributionRecord>)],
    spec: &ExportSpec,
) -> Result<Rendered, String> {
    // A meeting's contributions are copied for its report and let go once it is built: the
    // report keeps what it shows, and a series holds up to a million contributions.
    let reports: Vec<Report> = meetings
        .iter()
        .map(|(s, r)| {
            let c: Vec<Contribution> = r.iter().map(|r| r.contribution.clone()).collect();
            ReportInput::new(s, &c, spec.report.clone()).phones(phones(r)).build()
        })
        .collect();
    let bytes = match spec.format {
        Format::Csv => csv(&reports, spec.csv).map_err(|e| e.to_string())?,
        Format::Xlsx => super::series_xlsx::xlsx(name, &reports).map_err(|e| e.to_string())?,
        Format::Docx => super::series_docx::docx(name, &reports)?,
        other => return Err(format!("a series is exported as docx, xlsx or csv, not {}", other.ext())),
    };
    let first = meetings.first().map(|(s, _)| spec.report.clock.iso_date(s.created_at)).unwrap_or_default();
    Ok(Rendered {
        bytes,
        content_type: spec.format.content_type(),
        file_name: file_name(&first, name, spec.format.ext()),
    })
}

/// "2. Uppdrag Värmland": the meeting's place in the series and its title. The number tells
/// meetings apart when a copied meeting kept its title.
pub(super) fn meeting_label(i: usize, r: &Report) -> String {
    format!("{}. {}", i + 1, r.title)
}

/// One row per contribution of every meeting, as the meeting's own CSV has it, after the
/// meeting (its [label](meeting_label)), its date and place.
fn csv(reports: &[Report], opts: super::CsvOptions) -> Result<Vec<u8>, csv::Error> {
    let w = reports.first().map_or(super::Lang::default(), |r| r.lang).words();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = writer(&mut out, opts);
        let mut head = vec![w.meeting, w.date, w.place];
        head.extend(header(w, opts));
        writer.write_record(head)?;
        for (i, r) in reports.iter().enumerate() {
            for l in &r.lines {
                let mut row = vec![
                    neutralise(&meeting_label(i, r)),
                    r.iso_date.clone(),
                    neutralise(r.place.as_deref().unwrap_or("")),
                ];
                row.extend(record(w, l, opts));
                writer.write_record(row)?;
            }
        }
        writer.flush()?;
    }
    Ok(out)
}
