//! The meeting report as a Word document (docx-rs writes the package): A4, real headings
//! (Word's navigation pane and table of contents find them), real bullet lists, a page per
//! question, the word cloud as a picture with its words as a table beside it, dot votes as
//! ranked tables, and an appendix with every contribution.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Pic, Run, RunFonts, SpecialIndentType,
    Start, Style, StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::report::{Line, QuestionPart, Report};
use super::{Grouping, Status};
use crate::model::VoteTarget;

/// A4 in twentieths of a point, and 2 cm margins.
const A4: (u32, u32) = (11_906, 16_838);
const MARGIN: i32 = 1_134;
/// The text width between the margins, in twips.
const TEXT_WIDTH: usize = (A4.0 as usize) - 2 * (MARGIN as usize);
/// The cloud picture: its pixels and its width on the page (EMU: 914,400 per inch).
const CLOUD_PX: (u32, u32) = (1200, 600);
const CLOUD_EMU_WIDTH: u32 = 6_000_000;
/// Words in the table beside the cloud.
const CLOUD_TABLE_WORDS: usize = 10;
const CLOUD_WORDS: usize = 60;
/// The bullet list's numbering id. docx-rs always writes a default numbering with id 1, and
/// two definitions under one id make Word and LibreOffice pick the default's "1." numbers.
const BULLETS: usize = 2;
const GREY: &str = "595959";
/// Styles rather than direct formatting on the thousands of cards and appendix entries: less
/// XML to write, and a secretary changes them all at once in Word.
const META: &str = "Details";
const ENTRY: &str = "Entry";

/// The report as a .docx file.
pub fn docx(report: &Report) -> Result<Vec<u8>, String> {
    let w = report.words();
    let mut doc = base();
    doc = doc.add_paragraph(text_para(&report.title).style("Title"));
    doc = doc.add_paragraph(
        Paragraph::new().add_run(Run::new().add_text(format!("{} · {}", w.report, report.date)).color(GREY)),
    );
    doc = doc.add_table(facts(report));

    doc = doc.add_paragraph(text_para(w.summary).style("Heading1"));
    let per_question: Vec<(String, usize)> =
        report.questions.iter().map(|q| (format!("{}. {}", q.nr, q.text), q.count)).collect();
    for (title, rows) in [
        (w.per_question, &per_question),
        (w.per_table, &report.per_table),
        (w.per_perspective, &report.per_perspective),
    ] {
        if rows.is_empty() {
            continue;
        }
        doc = doc.add_paragraph(text_para(title).style("Heading3"));
        let header = [w.question, w.contributions];
        let header = if title == w.per_question { header } else { [title, w.contributions] };
        doc = doc.add_table(table(
            &[7, 2],
            &[header[0], header[1]],
            rows.iter().map(|(k, n)| vec![k.clone(), n.to_string()]),
        ));
    }

    // The word clouds are most of the work in a large report, and independent of the rest:
    // they are counted (and drawn) on other threads while this one lays out every card.
    // A word cloud that failed to draw is left out (its words are in the table beside it).
    let (clouds, sections, appendix) = std::thread::scope(|scope| {
        let clouds = scope.spawn(|| {
            report
                .clouds(CLOUD_WORDS)
                .into_iter()
                .map(|words| {
                    let png = (!words.is_empty())
                        .then(|| super::cloud_png::cloud_png(&words, CLOUD_PX.0, CLOUD_PX.1));
                    (words, png.flatten())
                })
                .collect::<Vec<_>>()
        });
        // Every paragraph is made on this one thread: docx-rs numbers paragraphs with a
        // per-thread counter, and repairs ids that clash across threads by a linear search per
        // paragraph, which takes minutes for 50,000 of them.
        let sections: Vec<Vec<Paragraph>> = report.questions.iter().map(|q| question(report, q)).collect();
        let appendix: Vec<Paragraph> = report.lines.iter().map(|l| appendix_line(report, l)).collect();
        (clouds.join().unwrap_or_default(), sections, appendix)
    });
    for (i, paragraphs) in sections.into_iter().enumerate() {
        for p in paragraphs {
            doc = doc.add_paragraph(p);
        }
        let (words, png) = clouds.get(i).map_or((&[][..], None), |(w, p)| (w.as_slice(), p.clone()));
        doc = cloud(doc, report, words, png);
    }

    if !report.votes.is_empty() {
        doc = doc.add_paragraph(text_para(w.vote_results).style("Heading1").page_break_before(true));
        for v in &report.votes {
            let target = match v.target {
                VoteTarget::Contributions => w.vote_on_cards,
                VoteTarget::Themes => w.vote_on_themes,
            };
            let mut title = v.question.clone().unwrap_or_default();
            title.push_str(&format!(
                " ({target}{})",
                if v.open { format!(", {}", w.vote_open) } else { String::new() }
            ));
            doc = doc.add_paragraph(text_para(title.trim()).style("Heading2"));
            let rows = v.lines.iter().map(|l| vec![l.rank.to_string(), l.label.clone(), l.dots.to_string()]);
            doc = doc.add_table(table(&[1, 6, 2], &[w.rank, w.item, w.dots], rows));
        }
    }

    doc = doc.add_paragraph(text_para(w.appendix).style("Heading1").page_break_before(true));
    doc = doc.add_paragraph(text_para(w.appendix_hint));
    for p in appendix {
        doc = doc.add_paragraph(p);
    }

    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

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
                .line_spacing(LineSpacing::new().after(120)),
        )
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
        .add_style(heading("Heading3", "heading 3", 22, 2))
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(bullet(0, "•", 568)).add_level(bullet(1, "–", 1136)),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// Date, time, code, phones and contributions, as a two-column table.
pub(super) fn facts(report: &Report) -> Table {
    let w = report.words();
    let mut rows = vec![vec![w.date.to_string(), report.date.clone()]];
    rows.extend(report.where_facts().into_iter().map(|(k, v)| vec![k.to_string(), v]));
    if let Some((from, to)) = &report.span {
        rows.push(vec![w.time.to_string(), format!("{from}–{to}")]);
    }
    rows.push(vec![w.code.to_string(), report.code.clone()]);
    if let Some(n) = report.phones {
        rows.push(vec![w.phones.to_string(), n.to_string()]);
    }
    rows.push(vec![w.contributions.to_string(), report.lines.len().to_string()]);
    let grouped = match report.group {
        Grouping::Theme => w.grouped_by_theme,
        Grouping::Table => w.grouped_by_table,
    };
    let mut note = grouped.to_string();
    if report.include_hidden {
        note.push_str(". ");
        note.push_str(w.with_hidden);
    }
    rows.push(vec![w.exported.to_string(), format!("{} · {note}", report.exported_at)]);
    table_rows(&[3, 6], None, rows.into_iter())
}

/// A question's heading and its cards, group by group.
fn question(report: &Report, q: &QuestionPart) -> Vec<Paragraph> {
    let w = report.words();
    let mut out = vec![
        text_para(&format!("{} {}. {}", w.question, q.nr, q.text)).style("Heading1").page_break_before(true),
    ];
    let state = match q.state {
        crate::model::QuestionState::Open => w.question_open,
        crate::model::QuestionState::Closed => w.question_closed,
    };
    out.push(
        Paragraph::new().add_run(Run::new().add_text(format!("{} · {state}", w.count(q.count))).color(GREY)),
    );
    if q.groups.is_empty() {
        out.push(text_para(w.no_contributions).italic());
    }
    for g in &q.groups {
        let name = g.name.clone().unwrap_or_else(|| {
            match report.group {
                Grouping::Theme => w.no_theme,
                Grouping::Table => w.no_table,
            }
            .to_string()
        });
        out.push(text_para(&format!("{name} ({})", w.count(g.count))).style("Heading2"));
        for card in &g.cards {
            let line = &report.lines[card.line];
            let similar = (!card.duplicates.is_empty()).then(|| w.similar(card.duplicates.len()));
            out.push(card_para(report, line, 0, similar));
            for d in &card.duplicates {
                out.push(card_para(report, &report.lines[*d], 1, None));
            }
        }
    }
    out
}

/// A question's word cloud: the picture, and its most used words as a table.
fn cloud(mut doc: Docx, report: &Report, words: &[crate::text::CloudWord], png: Option<Vec<u8>>) -> Docx {
    let w = report.words();
    doc = doc.add_paragraph(text_para(w.word_cloud).style("Heading3"));
    if words.is_empty() {
        return doc.add_paragraph(text_para(w.no_words).italic());
    }
    if let Some(png) = png {
        let height = u64::from(CLOUD_EMU_WIDTH) * u64::from(CLOUD_PX.1) / u64::from(CLOUD_PX.0);
        let pic = Pic::new_with_dimensions(png, CLOUD_PX.0, CLOUD_PX.1)
            .size(CLOUD_EMU_WIDTH, u32::try_from(height).unwrap_or(CLOUD_EMU_WIDTH / 2));
        doc = doc
            .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_image(pic)));
    }
    let rows = words.iter().take(CLOUD_TABLE_WORDS).map(|cw| vec![cw.word.clone(), cw.count.to_string()]);
    doc.add_table(table(&[6, 3], &[w.word, w.mentions], rows))
}

/// A card as a bullet (a duplicate one level in), its details after it in grey.
pub(super) fn card_para(report: &Report, l: &Line, level: usize, similar: Option<String>) -> Paragraph {
    let w = report.words();
    let mut p = Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(level));
    for run in text_runs(&l.text) {
        p = p.add_run(run);
    }
    if let Some(s) = similar {
        p = p.add_run(Run::new().add_text(format!(" ({s})")).bold());
    }
    let theme = (report.group == Grouping::Table).then_some(l.theme.as_deref()).flatten();
    let dots = (l.dots > 0).then(|| format!("{} ●", l.dots));
    let status = (l.status != Status::Visible && l.status != Status::Duplicate).then(|| w.status(l.status));
    let meta: Vec<&str> = [l.table.as_deref(), l.perspective.as_deref(), theme, dots.as_deref(), status]
        .into_iter()
        .flatten()
        .collect();
    if !meta.is_empty() {
        p = p.add_run(Run::new().add_text(format!(" — {}", clean(&meta.join(" · ")))).style(META));
    }
    p
}

/// "12 · 09:14:03 · Fråga 1 · Bord 3 · Akademi" in grey, then the text on the next line.
fn appendix_line(report: &Report, l: &Line) -> Paragraph {
    let w = report.words();
    let mut meta =
        vec![format!("{} {}", w.number, l.nr), l.time.clone(), format!("{} {}", w.question, l.question_nr)];
    meta.extend(l.table.clone());
    meta.extend(l.perspective.clone());
    meta.extend(l.theme.clone());
    if l.status != Status::Visible && l.status != Status::Duplicate {
        meta.push(w.status(l.status).to_string());
    }
    if let Some((nr, _)) = &l.duplicate_of {
        meta.push(format!("{} {nr}", w.duplicate_of));
    }
    let mut p = Paragraph::new().style(ENTRY).add_run(
        Run::new().add_text(clean(&meta.join(" · "))).style(META).add_break(BreakType::TextWrapping),
    );
    for run in text_runs(&l.text) {
        p = p.add_run(run);
    }
    p
}

/// A participant's text as runs, its line breaks kept as line breaks.
fn text_runs(text: &str) -> Vec<Run> {
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let run = Run::new().add_text(clean(line.trim_end_matches('\r')));
            if i < last { run.add_break(BreakType::TextWrapping) } else { run }
        })
        .collect()
}

pub(super) fn text_para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(clean(text)))
}

/// Characters XML 1.0 forbids (Word refuses a file holding one) dropped; tabs kept.
pub(super) fn clean(text: &str) -> String {
    text.chars().filter(|c| *c == '\t' || !c.is_control() || *c == '\n').collect()
}

/// A table with a bold header row; column widths in parts of the text width.
pub(super) fn table(parts: &[usize], header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Table {
    table_rows(parts, Some(header), rows)
}

fn table_rows(parts: &[usize], header: Option<&[&str]>, rows: impl Iterator<Item = Vec<String>>) -> Table {
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
