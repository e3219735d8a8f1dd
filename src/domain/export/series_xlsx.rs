//! A series as one Excel workbook: a summary sheet listing the meetings, one sheet with every
//! contribution of every meeting (a meeting column first, so a filter picks one meeting), and
//! the dot votes of all of them. Text cells only, local times, frozen headers, autofilters, as
//! in a meeting's own workbook.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::report::Report;
use super::series::meeting_label;
use super::xlsx::{excel_time, vote_rows};

/// The workbook of the series `name`, its meetings' reports oldest first.
pub fn xlsx(name: &str, reports: &[Report]) -> Result<Vec<u8>, XlsxError> {
    let w = reports.first().map_or(super::Lang::default(), |r| r.lang).words();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss").set_align(FormatAlign::Top);
    let mut book = Workbook::new();
    book.set_zip_compression_level(super::ZIP_LEVEL);

    let sheet = book.add_worksheet().set_name(w.summary_sheet)?;
    sheet.write_string_with_format(0, 0, format!("{}: {name}", w.series), &title)?;
    let header = [w.meeting, w.date, w.place, w.code, w.phones, w.contributions];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    let mut row = 3;
    for (i, r) in reports.iter().enumerate() {
        sheet.write_string_with_format(row, 0, meeting_label(i, r), &wrap)?;
        sheet.write_string_with_format(row, 1, &r.iso_date, &top)?;
        sheet.write_string_with_format(row, 2, r.place.as_deref().unwrap_or(""), &wrap)?;
        sheet.write_string_with_format(row, 3, &r.code, &top)?;
        if let Some(n) = r.phones {
            sheet.write_number_with_format(row, 4, n as f64, &top)?;
        }
        sheet.write_number_with_format(row, 5, r.lines.len() as f64, &top)?;
        row += 1;
    }
    sheet.set_freeze_panes(3, 0)?;
    sheet.autofilter(2, 0, row - 1, (header.len() - 1) as u16)?;
    for (c, width) in [50.0, 12.0, 30.0, 10.0, 14.0, 10.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }

    let sheet = book.add_worksheet().set_name(w.all_sheet)?;
    let header = [
        w.meeting,
        w.date,
        w.number,
        w.question,
        w.time,
        w.table,
        w.perspective,
        w.theme,
        w.text,
        w.dots,
        w.status,
        w.duplicate_of,
    ];
    let widths = [30.0, 12.0, 6.0, 40.0, 19.0, 14.0, 22.0, 20.0, 70.0, 8.0, 10.0, 12.0];
    for (c, (h, width)) in header.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, width)?;
    }
    let mut row = 1;
    for (i, r) in reports.iter().enumerate() {
        for l in &r.lines {
            sheet.write_string_with_format(row, 0, meeting_label(i, r), &top)?;
            sheet.write_string_with_format(row, 1, &r.iso_date, &top)?;
            sheet.write_number_with_format(row, 2, l.nr as f64, &top)?;
            sheet.write_string_with_format(row, 3, &l.question, &wrap)?;
            match excel_time(l.local) {
                Some(t) => sheet.write_datetime_with_format(row, 4, t, &time)?,
                None => sheet.write_string_with_format(row, 4, &l.time, &top)?,
            };
            sheet.write_string_with_format(row, 5, l.table.as_deref().unwrap_or(""), &top)?;
            sheet.write_string_with_format(row, 6, l.perspective.as_deref().unwrap_or(""), &top)?;
            sheet.write_string_with_format(row, 7, l.theme.as_deref().unwrap_or(""), &top)?;
            sheet.write_string_with_format(row, 8, &l.text, &wrap)?;
            sheet.write_number_with_format(row, 9, f64::from(l.dots), &top)?;
            sheet.write_string_with_format(row, 10, w.status(l.status), &top)?;
            if let Some((nr, _)) = &l.duplicate_of {
                sheet.write_number_with_format(row, 11, *nr as f64, &top)?;
            }
            row += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.max(1) - 1, (header.len() - 1) as u16)?;

    let sheet = book.add_worksheet().set_name(w.votes_sheet)?;
    let header = [w.meeting, w.date, w.vote_results, w.question, w.rank, w.item, w.dots];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut row = 1;
    for (m, r) in reports.iter().enumerate() {
        vote_rows(sheet, &mut row, 2, r, (&top, &wrap), |sheet, row| {
            sheet.write_string_with_format(row, 0, meeting_label(m, r), &top)?;
            sheet.write_string_with_format(row, 1, &r.iso_date, &top)?;
            Ok(())
        })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.max(1) - 1, (header.len() - 1) as u16)?;
    for (c, width) in [30.0, 12.0, 22.0, 40.0, 8.0, 60.0, 10.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    book.save_to_buffer()
}
