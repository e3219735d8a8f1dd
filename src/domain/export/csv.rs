//! CSV for spreadsheets: by default the way Swedish Excel opens it with a double click —
//! `;` between fields (Excel takes the list separator from the locale, and Swedish uses `;`
//! because `,` is the decimal comma), UTF-8 with a byte-order mark (or å, ä and ö break),
//! Swedish headers and statuses, local time to the second, and no internal ids.

use super::Words;
use super::report::{Line, Report};

/// The character between fields.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    /// For Excel in Swedish (and most European locales).
    #[default]
    Semicolon,
    /// For other tools and English-locale spreadsheets.
    Comma,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    pub separator: Separator,
    /// The contribution, question and duplicate ids as extra columns (for re-import).
    pub ids: bool,
}

/// A spreadsheet cell starting with one of these is read as a formula by Excel and others.
pub(crate) fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One row per contribution in the report, in the order they arrived; RFC 4180 quoting,
/// CRLF rows, every text cell [neutralised](neutralise).
pub fn csv(report: &Report, opts: CsvOptions) -> Result<Vec<u8>, csv::Error> {
    let w = report.words();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = writer(&mut out, opts);
        writer.write_record(header(w, opts))?;
        for l in &report.lines {
            writer.write_record(record(w, l, opts))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// A CSV writer with the separator asked for, CRLF rows and quotes only where needed.
pub(super) fn writer(out: &mut Vec<u8>, opts: CsvOptions) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(match opts.separator {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        })
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

/// The header row of [`csv`].
pub(super) fn header(w: &Words, opts: CsvOptions) -> Vec<&'static str> {
    let mut header = vec![
        w.number,
        w.question,
        w.table,
        w.perspective,
        w.text,
        w.time,
        w.theme,
        w.dots,
        w.status,
        w.duplicate_of,
    ];
    if opts.ids {
        header.extend([w.id, w.question_id, w.duplicate_of_id]);
    }
    header
}

/// One contribution's row of [`csv`].
pub(super) fn record(w: &Words, l: &Line, opts: CsvOptions) -> Vec<String> {
    let mut record = vec![
        l.nr.to_string(),
        neutralise(&l.question),
        neutralise(l.table.as_deref().unwrap_or("")),
        neutralise(l.perspective.as_deref().unwrap_or("")),
        neutralise(&l.text),
        l.time.clone(),
        neutralise(l.theme.as_deref().unwrap_or("")),
        l.dots.to_string(),
        w.status(l.status).to_string(),
        l.duplicate_of.as_ref().map(|(nr, _)| nr.to_string()).unwrap_or_default(),
    ];
    if opts.ids {
        record.extend([
            neutralise(&l.id),
            neutralise(&l.question_id),
            l.duplicate_of.as_ref().map(|(_, id)| neutralise(id)).unwrap_or_default(),
        ]);
    }
    record
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
