//! A series as one Word document: the series' name, a table of its meetings, then a section
//! per meeting (a page each): its facts, each question's contributions by theme (or table) with
//! merged duplicates under their card, and its dot votes. Headings go one level down from a
//! meeting's own report (meeting, question, theme), so Word's navigation pane shows the series
//! as a tree. No word clouds and no appendix: the Excel and CSV of the series list every
//! contribution in order.

use docx_rs::{Paragraph, Run};

use super::Grouping;
use super::docx::{card_para, facts, push};
use super::docx_style::{base, table, text_para};
use super::report::{QuestionPart, Report};
use crate::model::VoteTarget;

const GREY: &str = "595959";

/// The .docx of the series `name`, its meetings' reports oldest first.
pub fn docx(name: &str, reports: &[Report]) -> Result<Vec<u8>, String> {
    let w = reports.first().map_or(super::Lang::default(), |r| r.lang).words();
    let mut doc = base();
    doc = doc.add_paragraph(text_para(name).style("Title"));
    let dates: Vec<&str> = reports.iter().map(|r| r.date.as_str()).collect();
    let span = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    doc = doc.add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(format!("{} · {} {} · {span}", w.report, reports.len(), w.meetings.to_lowercase()))
                .color(GREY),
        ),
    );
    doc = doc.add_paragraph(text_para(w.meetings).style("Heading1"));
    let rows = reports.iter().enumerate().map(|(i, r)| {
        vec![
            super::series::meeting_label(i, r),
            r.date.clone(),
            r.place.clone().unwrap_or_default(),
            r.phones.map(|n| n.to_string()).unwrap_or_default(),
            r.lines.len().to_string(),
        ]
    });
    doc = doc.add_table(table(
        &[5, 3, 3, 2, 2],
        &[w.meeting, w.date, w.place, w.phones, w.contributions],
        rows,
    ));

    for (i, r) in reports.iter().enumerate() {
        let mut heading = format!("{} {}. {}", w.meeting, i + 1, r.title);
        heading.push_str(&format!(" ({})", r.date));
        doc = doc.add_paragraph(text_para(&heading).style("Heading1").page_break_before(true));
        doc = doc.add_table(facts(r));
        for q in &r.questions {
            push(&mut doc, question(r, q));
        }
        if !r.votes.is_empty() {
            doc = doc.add_paragraph(text_para(w.vote_results).style("Heading2"));
        }
        for v in &r.votes {
            let target = match v.target {
                VoteTarget::Contributions => w.vote_on_cards,
                VoteTarget::Themes => w.vote_on_themes,
            };
            let open = if v.open { format!(", {}", w.vote_open) } else { String::new() };
            let title = format!("{} ({target}{open})", v.question.clone().unwrap_or_default());
            doc = doc.add_paragraph(text_para(title.trim()).style("Heading3"));
            let rows = v.lines.iter().map(|l| vec![l.rank.to_string(), l.label.clone(), l.dots.to_string()]);
            doc = doc.add_table(table(&[1, 6, 2], &[w.rank, w.item, w.dots], rows));
        }
    }

    // As a meeting's report: streamed into a stored zip, then re-packed deflated.
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out).map_err(|e| e.to_string())?;
    super::deflate::deflate_parts(out.get_ref()).map_err(|e| e.to_string())
}

/// A question of a meeting: its heading, count, and cards group by group.
fn question(report: &Report, q: &QuestionPart) -> Vec<Paragraph> {
    let w = report.words();
    let mut out = vec![text_para(&format!("{} {}. {}", w.question, q.nr, q.text)).style("Heading2")];
    out.push(Paragraph::new().add_run(Run::new().add_text(w.count(q.count)).color(GREY)));
    if q.groups.is_empty() {
        out.push(text_para(w.no_contributions).italic());
    }
    for g in &q.groups {
        let none = match report.group {
            Grouping::Theme => w.no_theme,
            Grouping::Table => w.no_table,
        };
        let name = g.name.as_deref().unwrap_or(none);
        out.push(text_para(&format!("{name} ({})", w.count(g.count))).style("Heading3"));
        for card in &g.cards {
            let similar = (!card.duplicates.is_empty()).then(|| w.similar(card.duplicates.len()));
            out.push(card_para(report, &report.lines[card.line], 0, similar));
            for d in &card.duplicates {
                out.push(card_para(report, &report.lines[*d], 1, None));
            }
        }
    }
    out
}
