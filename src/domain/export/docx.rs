//! The meeting report as a Word document (docx-rs writes the package): A4, real headings
//! (Word's navigation pane and table of contents find them), real bullet lists, a page per
//! question, the word cloud as a picture with its words as a table beside it, dot votes as
//! ranked tables, and an appendix with every contribution.

use docx_rs::{
    AlignmentType, BreakType, DocumentChild, Docx, IndentLevel, NumberingId, Paragraph, ParagraphChild, Pic,
    Run, Table,
};

use super::docx_style::{
    BULLETS, ENTRY, GREY, META, NOTE, base, clean, run, table, table_rows, text_para, text_runs,
};
use super::notes::NotePart;
use super::report::{Line, QuestionPart, Report};
use super::{Grouping, Status};
use crate::model::VoteTarget;

/// The cloud picture: its pixels and its width on the page (EMU: 914,400 per inch).
const CLOUD_PX: (u32, u32) = (1200, 600);
const CLOUD_EMU_WIDTH: u32 = 6_000_000;
/// Words in the table beside the cloud.
const CLOUD_TABLE_WORDS: usize = 10;
const CLOUD_WORDS: usize = 60;
/// About how many bytes of docx-rs's uncompressed package each contribution takes (its card
/// and its appendix entry): 44 MB for 50,000 in the benchmark (docs/performance.md).
const BYTES_PER_LINE: usize = 900;
/// Appendix entries per paragraph, a blank line between them. A docx-rs paragraph is a 2.4 KB
/// value before it has any text, and writing, checking and freeing 50,000 of them was a good
/// part of a large report's time; the appendix is a list to read and search, not to restyle.
const APPENDIX_PER_PARAGRAPH: usize = 10;
/// The appendix's paragraphs are made on a thread of their own, and docx-rs numbers paragraphs
/// per thread (from 1), repairing clashes with a linear search each: they take ids from here up
/// instead, far above any the main thread reaches (Word wants them below 0x8000_0000).
const APPENDIX_IDS: usize = 0x4000_0000;
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

    // The word clouds and the appendix are most of the work in a large report besides the
    // sections, and independent of them: they are made on other threads meanwhile. A word
    // cloud that failed to draw is left out (its words are in the table beside it).
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
        let appendix = scope.spawn(|| appendix(report));
        let sections: Vec<Vec<Paragraph>> = report.questions.iter().map(|q| question(report, q)).collect();
        let rounds: Vec<Option<Paragraph>> = report.rounds.iter().map(|r| round_heading(report, r)).collect();
        let appendix = appendix.join().map_err(|_| "the appendix could not be laid out".to_string());
        (clouds.join().unwrap_or_default(), (sections, rounds), appendix)
    });
    let appendix = appendix?;
    let (mut sections, rounds) = sections;
    // Round by round (a heading each when the plan has rounds worth showing), question by
    // question, in the plan's order.
    for (round, heading) in report.rounds.iter().zip(rounds) {
        if let Some(h) = heading {
            doc = doc.add_paragraph(h);
        }
        for (k, &i) in round.questions.iter().enumerate() {
            let mut paragraphs = std::mem::take(&mut sections[i]).into_iter();
            if let Some(first) = paragraphs.next() {
                // A round's heading starts the page; its first question follows on it.
                let new_page = !(report.show_rounds && k == 0);
                doc = doc.add_paragraph(first.page_break_before(new_page));
            }
            push(&mut doc, paragraphs);
            let (words, png) = clouds.get(i).map_or((&[][..], None), |(w, p)| (w.as_slice(), p.clone()));
            doc = cloud(doc, report, words, png);
        }
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
    push(&mut doc, appendix);

    // Streamed straight into the zip (docx-rs's `build` would first render every part into a
    // buffer of its own, then copy it), into a buffer sized for the whole file up front; then
    // re-packed with its parts deflated (docx-rs stores them).
    let mut out = std::io::Cursor::new(Vec::with_capacity(BYTES_PER_LINE * (report.lines.len() + 20)));
    doc.pack(&mut out).map_err(|e| e.to_string())?;
    super::deflate::deflate_parts(out.get_ref()).map_err(|e| e.to_string())
}

/// Paragraphs added to the end of the document in place: `Docx::add_paragraph` takes and
/// gives back the whole `Docx` (4.7 KB) for each, 100,000 copies of it in a large report.
pub(super) fn push(doc: &mut Docx, paragraphs: impl IntoIterator<Item = Paragraph>) {
    let paragraphs = paragraphs.into_iter();
    doc.document.children.reserve(paragraphs.size_hint().0);
    for p in paragraphs {
        if p.has_numbering {
            // What `add_paragraph` records: a document with lists needs its numbering part.
            doc.document.has_numbering = true;
            doc.document_rels.has_numberings = true;
        }
        doc.document.children.push(DocumentChild::Paragraph(Box::new(p)));
    }
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

/// The heading levels under a round's heading when rounds are shown, else one level up.
fn level(report: &Report, depth: usize) -> String {
    format!("Heading{}", depth + usize::from(report.show_rounds))
}

/// A round's heading, "Dialogpass 2: Dialog 15 minuter", when the report shows rounds.
fn round_heading(report: &Report, r: &super::RoundPart) -> Option<Paragraph> {
    report.show_rounds.then(|| text_para(&r.heading(report.lang)).style("Heading1").page_break_before(true))
}

/// The secretary's notes, each a paragraph: the label in bold, then the text as written.
fn notes<'a>(report: &'a Report, notes: impl IntoIterator<Item = &'a NotePart>) -> Vec<Paragraph> {
    notes
        .into_iter()
        .map(|n| {
            let head = format!("{}: ", n.label(report.lang));
            let mut p = Paragraph::new().style(NOTE).add_run(Run::new().add_text(clean(&head)).bold());
            for run in text_runs(&n.text) {
                p = p.add_run(run);
            }
            p
        })
        .collect()
}

/// A question's heading and its cards, group by group. The heading breaks the page; the
/// caller takes that back for the first question under a round's heading.
fn question(report: &Report, q: &QuestionPart) -> Vec<Paragraph> {
    let w = report.words();
    let mut out = vec![
        text_para(&format!("{} {}. {}", w.question, q.nr, q.text))
            .style(&level(report, 1))
            .page_break_before(true),
    ];
    let state = match q.state {
        crate::model::QuestionState::Open => w.question_open,
        crate::model::QuestionState::Closed => w.question_closed,
    };
    out.push(
        Paragraph::new().add_run(Run::new().add_text(format!("{} · {state}", w.count(q.count))).color(GREY)),
    );
    out.extend(notes(report, &q.notes));
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
        out.push(text_para(&format!("{name} ({})", w.count(g.count))).style(&level(report, 2)));
        let note = g.note.as_deref().map(NotePart::own);
        out.extend(notes(report, note.as_ref()));
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
    doc = doc.add_paragraph(text_para(w.word_cloud).style(&level(report, 3)));
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
    let mut p = Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(level));
    let mut runs = text_runs(&l.text);
    if let Some(s) = similar {
        runs.push(run(format!(" ({s})")).bold());
    }
    if let Some(details) = report.card_details(l) {
        runs.push(run(format!(" — {}", clean(&details))).style(META));
    }
    // Into the paragraph in place: `add_run` moves the 2.4 KB paragraph for each.
    p.children.extend(runs.into_iter().map(|r| ParagraphChild::Run(Box::new(r))));
    p
}

/// The appendix: every contribution in the order it arrived, [`APPENDIX_PER_PARAGRAPH`] to a
/// paragraph, a blank line between them.
fn appendix(report: &Report) -> Vec<Paragraph> {
    report
        .lines
        .chunks(APPENDIX_PER_PARAGRAPH)
        .enumerate()
        .map(|(i, lines)| {
            let mut p = Paragraph::new().style(ENTRY);
            p.id = format!("{:08x}", APPENDIX_IDS + i);
            let mut runs: Vec<Run> = Vec::with_capacity(2 * lines.len());
            for l in lines {
                if let Some(last) = runs.pop() {
                    runs.push(last.add_break(BreakType::TextWrapping).add_break(BreakType::TextWrapping));
                }
                runs.extend(appendix_entry(report, l));
            }
            p.children.extend(runs.into_iter().map(|r| ParagraphChild::Run(Box::new(r))));
            p
        })
        .collect()
}

/// "12 · 09:14:03 · Fråga 1 · Bord 3 · Akademi" in grey, then the text on the next line.
fn appendix_entry(report: &Report, l: &Line) -> Vec<Run> {
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
    let mut runs = vec![run(clean(&meta.join(" · "))).style(META).add_break(BreakType::TextWrapping)];
    runs.extend(text_runs(&l.text));
    runs
}
