//! The Word report's page, styles and building blocks: A4 with 2 cm margins, Calibri, headings
//! Word's navigation pane finds, the bullet list, the paragraph and character styles the cards,
//! appendix entries and notes use, and tables with set column widths.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, Level, LevelJc, LevelText, LineSpacing, NumberFormat, Numbering,
    PageMargin, Paragraph, Run, RunChild, RunFonts, SpecialIndentType, Start, Style, StyleType, Table,
    TableCell, TableLayoutType, TableRow, Text, WidthType,
};

/// A4 in twentieths of a point, and 2 cm margins.
pub(super) const A4: (u32, u32) = (11_906, 16_838);
pub(super) const MARGIN: i32 = 1_134;
/// The text width between the margins, in twips.
pub(super) const TEXT_WIDTH: usize = (A4.0 as usize) - 2 * (MARGIN as usize);
/// The bullet list's numbering id. docx-rs always writes a default numbering with id 1, and
/// two definitions under one id make Word and LibreOffice pick the default's "1." numbers.
pub(super) const BULLETS: usize = 2;
pub(super) const GREY: &str = "595959";
/// Styles rather than direct formatting on the thousands of cards and appendix entries: less
/// XML to write, and a secretary changes them all at once in Word.
pub(super) const META: &str = "Details";
pub(super) const ENTRY: &str = "Entry";
/// The secretary's notes: a paragraph style of their own, so they stand apart from the cards.
pub(super) const NOTE: &str = "Note";

/// Page, fonts, headings and the bullet list every report uses.
pub(super) fn base() -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color("1F3864")
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    let bullet = |level: usize, text: &str, left: i32| {
        Level::new(
            level,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(left), Some(SpecialIndentType::Hanging(284)), None, None)
    };
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(MARGIN).bottom(MARGIN).left(MARGIN).right(MARGIN))
        .default_size(22)
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri").east_asia("Calibri"))
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").based_on("Normal").size(48).bold())
        .add_style(Style::new(META, StyleType::Character).name("Details").color(GREY).size(18))
        .add_style(
            Style::new(ENTRY, StyleType::Paragraph)
                .name("Entry")
                .based_on("Normal")
                // A blank line's height: the gap between the entries within a paragraph.
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
        .add_style(heading("Heading3", "heading 3", 22, 2))
        .add_style(heading("Heading4", "heading 4", 22, 3))
        .add_style(
            Style::new(NOTE, StyleType::Paragraph)
                .name("Note")
                .based_on("Normal")
                .indent(Some(284), None, None, None)
                .line_spacing(LineSpacing::new().before(60).after(160)),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(bullet(0, "•", 568)).add_level(bullet(1, "–", 1136)),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// A participant's text as runs, its line breaks kept as line breaks.
pub(super) fn text_runs(text: &str) -> Vec<Run> {
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let run = run(clean(line.trim_end_matches('\r')));
            if i < last { run.add_break(BreakType::TextWrapping) } else { run }
        })
        .collect()
}

/// A run of one line of text, already [cleaned](clean). `Run::add_text` would copy the text
/// once more to drop line breaks a line has none of.
pub(super) fn run(line: String) -> Run {
    let mut run = Run::new();
    run.children.push(RunChild::Text(Text::new(line)));
    run
}

pub(super) fn text_para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(clean(text)))
}

/// Characters XML 1.0 forbids (Word refuses a file holding one) and line breaks (a run's text
/// is one line; [`text_runs`] makes breaks of them) dropped; tabs kept.
pub(super) fn clean(text: &str) -> String {
    text.chars().filter(|c| *c == '\t' || !c.is_control()).collect()
}

/// A table with a bold header row; column widths in parts of the text width.
pub(super) fn table(parts: &[usize], header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Table {
    table_rows(parts, Some(header), rows)
}

pub(super) fn table_rows(
    parts: &[usize],
    header: Option<&[&str]>,
    rows: impl Iterator<Item = Vec<String>>,
) -> Table {
    let total: usize = parts.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = parts.iter().map(|p| TEXT_WIDTH * p / total).collect();
    let cell = |text: &str, width: usize, bold: bool| {
        let mut para = Paragraph::new();
        for run in text_runs(text) {
            para = para.add_run(if bold { run.bold() } else { run });
        }
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(para)
    };
    let mut out = Vec::new();
    if let Some(h) = header {
        out.push(TableRow::new(h.iter().zip(&widths).map(|(t, w)| cell(t, *w, true)).collect()));
    }
    for r in rows {
        out.push(TableRow::new(r.iter().zip(&widths).map(|(t, w)| cell(t, *w, false)).collect()));
    }
    Table::new(out).set_grid(widths.clone()).layout(TableLayoutType::Fixed).width(TEXT_WIDTH, WidthType::Dxa)
}
