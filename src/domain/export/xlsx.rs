//! The report as an Excel workbook (rust_xlsxwriter): a summary sheet, a sheet per question
//! and a sheet of dot-vote results, each list with a frozen header row, an autofilter and set
//! column widths. Every text is written as a text cell, so nothing a participant typed can
//! become a formula; times are real Excel date-times in local time.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::Status;
use super::report::{Line, Report};
use crate::model::VoteTarget;

/// Excel refuses longer sheet names.
const MAX_SHEET_NAME: usize = 31;

/// The report as an .xlsx file.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let w = report.words();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let top = Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);
    let time =
        Format::new().set_num_format("yyyy-mm-dd hh:mm:ss").set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut book = Workbook::new();
    book.set_zip_compression_level(super::ZIP_LEVEL);

    let sheet = book.add_worksheet().set_name(w.summary_sheet)?;
    sheet.write_string_with_format(0, 0, &report.title, &title)?;
    let mut facts: Vec<(&str, String)> = vec![(w.date, report.date.clone())];
    facts.extend(report.where_facts());
    if let Some((from, to)) = &report.span {
        facts.push((w.time, format!("{from}–{to}")));
    }
    facts.push((w.code, report.code.clone()));
    let mut row = 2;
    for (k, v) in facts {
        sheet.write_string_with_format(row, 0, k, &bold)?;
        sheet.write_string(row, 1, v)?;
        row += 1;
    }
    if let Some(n) = report.phones {
        sheet.write_string_with_format(row, 0, w.phones, &bold)?;
        sheet.write_number(row, 1, n as f64)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, w.contributions, &bold)?;
    sheet.write_number(row, 1, report.lines.len() as f64)?;
    row += 2;
    row = notes(sheet, report, row, &title, &bold, &wrap)?;
    let per_question: Vec<(String, usize)> =
        report.questions.iter().map(|q| (format!("{}. {}", q.nr, q.text), q.count)).collect();
    for (heading, label, counts) in [
        (w.per_question, w.question, &per_question),
        (w.per_table, w.table, &report.per_table),
        (w.per_perspective, w.perspective, &report.per_perspective),
    ] {
        if counts.is_empty() {
            continue;
        }
        sheet.write_string_with_format(row, 0, heading, &title)?;
        sheet.write_string_with_format(row + 1, 0, label, &bold)?;
        sheet.write_string_with_format(row + 1, 1, w.contributions, &bold)?;
        row += 2;
        for (k, n) in counts {
            sheet.write_string_with_format(row, 0, k, &wrap)?;
            sheet.write_number(row, 1, *n as f64)?;
            row += 1;
        }
        row += 1;
    }
    sheet.set_column_width(0, 60)?;
    sheet.set_column_width(1, 80)?;

    for q in &report.questions {
        let name = sheet_name(q.nr, &q.text);
        let sheet = book.add_worksheet().set_name(name)?;
        sheet.write_string_with_format(0, 0, format!("{} {}. {}", w.question, q.nr, q.text), &title)?;
        let lines = report.lines.iter().filter(|l| l.question_id == q.id);
        contribution_sheet(sheet, report, lines, &bold, &wrap, &top, &time)?;
    }
    let strays: Vec<&Line> = report.lines.iter().filter(|l| l.question_nr == 0).collect();
    if !strays.is_empty() {
        let sheet = book.add_worksheet().set_name(format!("0 {}", w.question))?;
        sheet.write_string_with_format(0, 0, w.question, &title)?;
        contribution_sheet(sheet, report, strays.into_iter(), &bold, &wrap, &top, &time)?;
    }

    let sheet = book.add_worksheet().set_name(w.votes_sheet)?;
    let header = [w.vote_results, w.question, w.rank, w.item, w.dots];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut row = 1;
    vote_rows(sheet, &mut row, 0, report, (&top, &wrap), |_, _| Ok(()))?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.max(1) - 1, 4)?;
    for (c, width) in [22.0, 40.0, 8.0, 60.0, 10.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    book.save_to_buffer()
}

/// The secretary's notes on the summary sheet, question by question (a theme's after its
/// question's): what they are on, and the text. Answers the next free row.
fn notes(
    sheet: &mut Worksheet,
    report: &Report,
    mut row: u32,
    title: &Format,
    bold: &Format,
    wrap: &Format,
) -> Result<u32, XlsxError> {
    let (w, n) = (report.words(), report.lang.note_words());
    let mut lines: Vec<(String, &str)> = Vec::new();
    for q in &report.questions {
        let on = format!("{} {}. {}", w.question, q.nr, q.text);
        let themed = |theme: &str| format!("{on} · {}: {theme}", w.theme);
        for note in &q.notes {
            let what = match (&note.table, &note.theme) {
                (Some(table), _) => format!("{on} · {table} – {}", n.leader),
                (None, Some(theme)) => themed(theme),
                (None, None) => on.clone(),
            };
            lines.push((what, &note.text));
        }
        for g in &q.groups {
            if let (Some(text), Some(name)) = (&g.note, &g.name) {
                lines.push((themed(name), text));
            }
        }
    }
    if lines.is_empty() {
        return Ok(row);
    }
    sheet.write_string_with_format(row, 0, n.notes, title)?;
    sheet.write_string_with_format(row + 1, 0, w.question, bold)?;
    sheet.write_string_with_format(row + 1, 1, n.note, bold)?;
    row += 2;
    for (on, text) in lines {
        sheet.write_string_with_format(row, 0, on, wrap)?;
        sheet.write_string_with_format(row, 1, text, wrap)?;
        row += 1;
    }
    Ok(row + 1)
}

/// One row per contribution under a title row and a header row (both frozen).
fn contribution_sheet<'a>(
    sheet: &mut Worksheet,
    report: &Report,
    lines: impl Iterator<Item = &'a Line>,
    bold: &Format,
    wrap: &Format,
    top: &Format,
    time: &Format,
) -> Result<(), XlsxError> {
    let w = report.words();
    let header =
        [w.number, w.time, w.table, w.perspective, w.theme, w.text, w.dots, w.status, w.duplicate_of];
    let widths = [6.0, 19.0, 14.0, 22.0, 20.0, 70.0, 8.0, 10.0, 12.0];
    for (c, (h, width)) in header.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, bold)?;
        sheet.set_column_width(c as u16, width)?;
    }
    let mut row = 2;
    for l in lines {
        sheet.write_number_with_format(row, 0, l.nr as f64, top)?;
        // The text form if Excel cannot hold the date (before 1900): never a lost cell.
        match excel_time(l.local) {
            Some(t) => sheet.write_datetime_with_format(row, 1, t, time)?,
            None => sheet.write_string_with_format(row, 1, &l.time, top)?,
        };
        sheet.write_string_with_format(row, 2, l.table.as_deref().unwrap_or(""), top)?;
        sheet.write_string_with_format(row, 3, l.perspective.as_deref().unwrap_or(""), top)?;
        sheet.write_string_with_format(row, 4, l.theme.as_deref().unwrap_or(""), top)?;
        sheet.write_string_with_format(row, 5, &l.text, wrap)?;
        sheet.write_number_with_format(row, 6, f64::from(l.dots), top)?;
        sheet.write_string_with_format(row, 7, w.status(l.status), top)?;
        if let (Status::Duplicate, Some((nr, _))) = (l.status, &l.duplicate_of) {
            sheet.write_number_with_format(row, 8, *nr as f64, top)?;
        }
        row += 1;
    }
    sheet.set_freeze_panes(2, 0)?;
    sheet.autofilter(1, 0, row - 1, (header.len() - 1) as u16)?;
    Ok(())
}

/// A local time as an Excel date-time, to the second.
pub(super) fn excel_time(t: jiff::civil::DateTime) -> Option<ExcelDateTime> {
    let date = ExcelDateTime::from_ymd(u16::try_from(t.year()).ok()?, t.month() as u8, t.day() as u8).ok()?;
    date.and_hms(t.hour() as u16, t.minute() as u8, f64::from(t.second())).ok()
}

/// `1 Vad väcker den föreslagna …`: the number keeps names unique; Excel forbids `[]:*?/\`
/// and names over 31 characters.
fn sheet_name(nr: usize, text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(
            |c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { ' ' } else { c },
        )
        .collect();
    let words = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let full = format!("{nr} {words}");
    let name: String = if full.chars().count() > MAX_SHEET_NAME {
        let mut cut: String = full.chars().take(MAX_SHEET_NAME - 1).collect();
        cut = cut.trim_end().to_string();
        cut.push('…');
        cut
    } else {
        full
    };
    // A name may not start or end with an apostrophe.
    name.trim_matches('\'').trim().to_string()
}

/// A report's dot-vote results, a row per item from `*row` on, in five columns from `col`
/// (vote, question, rank, item, dots); `before` writes the columns in front of them first (the
/// series' meeting and date).
pub(super) fn vote_rows(
    sheet: &mut Worksheet,
    row: &mut u32,
    col: u16,
    report: &Report,
    (top, wrap): (&Format, &Format),
    mut before: impl FnMut(&mut Worksheet, u32) -> Result<(), XlsxError>,
) -> Result<(), XlsxError> {
    let w = report.words();
    for (i, v) in report.votes.iter().enumerate() {
        let target = match v.target {
            VoteTarget::Contributions => w.vote_on_cards,
            VoteTarget::Themes => w.vote_on_themes,
        };
        for l in &v.lines {
            before(sheet, *row)?;
            sheet.write_string_with_format(*row, col, format!("{} ({target})", i + 1), top)?;
            sheet.write_string_with_format(*row, col + 1, v.question.as_deref().unwrap_or(""), wrap)?;
            sheet.write_number_with_format(*row, col + 2, l.rank as f64, top)?;
            sheet.write_string_with_format(*row, col + 3, &l.label, wrap)?;
            sheet.write_number_with_format(*row, col + 4, f64::from(l.dots), top)?;
            *row += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal() {
        assert_eq!(sheet_name(1, "Vad lockar?"), "1 Vad lockar");
        let long = sheet_name(2, "Vilka frågetecken finns med föreslagen inriktning?");
        assert!(long.chars().count() <= MAX_SHEET_NAME, "{long}");
        assert!(long.starts_with("2 Vilka frågetecken") && long.ends_with('…'), "{long}");
        assert_eq!(sheet_name(3, "a/b\\c[d]:e*f'"), "3 a b c d e f");
    }
}
