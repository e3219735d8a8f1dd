//! The report as a printable HTML page ("Skriv ut / Spara som PDF"): the same content as the
//! Word document, styled for A4 by web/assets/css/report.css (a page per question). No inline
//! script or style attribute anywhere, so it keeps the strict Content-Security-Policy; the
//! word cloud is the SVG as a `data:` image, which the policy allows.

use std::fmt::Write;

use base64::Engine;

use super::Grouping;
use super::html_tail::{appendix, esc, multiline, votes};
use super::notes::NotePart;
use super::report::{Line, QuestionPart, Report};

/// Words in the cloud and in the table under it.
const CLOUD_WORDS: usize = 60;
const CLOUD_TABLE_WORDS: usize = 10;

/// How the page gets its styles.
pub enum Css<'a> {
    /// A stylesheet link (the server's own page, under its CSP).
    Linked(&'a str),
    /// The stylesheet itself, for a file saved to disk (`inspel export --format html`).
    Inline(&'a str),
}

/// A whole HTML document of the report.
pub fn html(report: &Report, css: Css<'_>) -> String {
    let w = report.words();
    let mut out = String::with_capacity(256 + report.lines.len() * 300);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} – {}</title>\n",
        report.lang.tag(),
        esc(&report.title),
        esc(w.report)
    );
    match css {
        Css::Linked(href) => {
            let _ = writeln!(out, "<link rel=\"stylesheet\" href=\"{}\">", esc(href));
        }
        Css::Inline(text) => {
            let _ = writeln!(out, "<style>\n{}\n</style>", text.replace("</", "<\\/"));
        }
    }
    out.push_str("</head>\n<body class=\"report-page\">\n<main id=\"report\" class=\"report\">\n");
    head(&mut out, report);
    summary(&mut out, report);
    // The word clouds are counted on other threads while this one writes the appendix.
    let (clouds, tail) = std::thread::scope(|scope| {
        let clouds = scope.spawn(|| report.clouds(CLOUD_WORDS));
        let mut tail = String::with_capacity(report.lines.len() * 200);
        votes(&mut tail, report);
        appendix(&mut tail, report);
        (clouds.join().unwrap_or_default(), tail)
    });
    // Round by round (a section each when the plan has rounds worth showing), question by
    // question, in the plan's order.
    for r in &report.rounds {
        if report.show_rounds {
            round_open(&mut out, report, r);
        }
        for &i in &r.questions {
            question(&mut out, report, &report.questions[i], clouds.get(i).map_or(&[][..], Vec::as_slice));
        }
        if report.show_rounds {
            out.push_str("</section>\n");
        }
    }
    out.push_str(&tail);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn head(out: &mut String, report: &Report) {
    let w = report.words();
    let _ = write!(
        out,
        "<header class=\"report__head\">\n<p class=\"report__kind\">{}</p>\n<h1>{}</h1>\n<dl class=\"report__facts\">\n",
        esc(w.report),
        esc(&report.title)
    );
    let mut facts = vec![(w.date, report.date.clone())];
    facts.extend(report.where_facts());
    if let Some((from, to)) = &report.span {
        facts.push((w.time, format!("{from}–{to}")));
    }
    facts.push((w.code, report.code.clone()));
    if let Some(n) = report.phones {
        facts.push((w.phones, n.to_string()));
    }
    facts.push((w.contributions, report.lines.len().to_string()));
    let mut note = match report.group {
        Grouping::Theme => w.grouped_by_theme,
        Grouping::Table => w.grouped_by_table,
    }
    .to_string();
    if report.include_hidden {
        note = format!("{note}. {}", w.with_hidden);
    }
    facts.push((w.exported, format!("{} · {note}", report.exported_at)));
    for (k, v) in facts {
        let _ = writeln!(out, "<div><dt>{}</dt><dd>{}</dd></div>", esc(k), esc(&v));
    }
    out.push_str("</dl>\n</header>\n");
}

fn summary(out: &mut String, report: &Report) {
    let w = report.words();
    let _ = writeln!(
        out,
        "<section class=\"report__summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">{}</h2>",
        esc(w.summary)
    );
    let per_question: Vec<(String, usize)> =
        report.questions.iter().map(|q| (format!("{}. {}", q.nr, q.text), q.count)).collect();
    for (caption, label, rows) in [
        (w.per_question, w.question, &per_question),
        (w.per_table, w.table, &report.per_table),
        (w.per_perspective, w.perspective, &report.per_perspective),
    ] {
        if rows.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<table class=\"report__counts\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            esc(caption),
            esc(label),
            esc(w.contributions)
        );
        for (k, n) in rows {
            let _ = writeln!(out, "<tr><td>{}</td><td class=\"num\">{n}</td></tr>", esc(k));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// Opens a round's section with its heading, "Dialogpass 2: Dialog 15 minuter".
fn round_open(out: &mut String, report: &Report, r: &super::RoundPart) {
    let _ = writeln!(
        out,
        "<section class=\"report__round\" aria-labelledby=\"r{nr}-h\">\n<h2 id=\"r{nr}-h\" class=\"report__round-h\">{}</h2>",
        esc(&r.heading(report.lang)),
        nr = r.nr
    );
}

/// The secretary's notes, each a block with its label.
fn notes<'a>(out: &mut String, report: &Report, notes: impl IntoIterator<Item = &'a NotePart>) {
    for n in notes {
        let label = n.label(report.lang);
        let _ = writeln!(
            out,
            "<div class=\"report__note\"><p class=\"report__note-label\">{}</p><p>{}</p></div>",
            esc(&label),
            multiline(&n.text)
        );
    }
}

fn question(out: &mut String, report: &Report, q: &QuestionPart, words: &[crate::text::CloudWord]) {
    let w = report.words();
    // Under a round's heading (h2) the question is a level down, and so is all below it.
    let (hq, hg) = if report.show_rounds { ("h3", "h4") } else { ("h2", "h3") };
    let state = match q.state {
        crate::model::QuestionState::Open => w.question_open,
        crate::model::QuestionState::Closed => w.question_closed,
    };
    let _ = write!(
        out,
        "<section class=\"report__question\" aria-labelledby=\"q{nr}-h\">\n<{hq} id=\"q{nr}-h\">{} {nr}. {}</{hq}>\n<p class=\"report__muted\">{} · {}</p>\n",
        esc(w.question),
        esc(&q.text),
        esc(&w.count(q.count)),
        esc(state),
        nr = q.nr
    );
    notes(out, report, &q.notes);
    if q.groups.is_empty() {
        let _ = writeln!(out, "<p class=\"report__empty\">{}</p>", esc(w.no_contributions));
    }
    for g in &q.groups {
        let name = g.name.clone().unwrap_or_else(|| {
            match report.group {
                Grouping::Theme => w.no_theme,
                Grouping::Table => w.no_table,
            }
            .to_string()
        });
        let _ = write!(
            out,
            "<section class=\"report__group\">\n<{hg}>{} <span class=\"report__count\">({})</span></{hg}>\n",
            esc(&name),
            esc(&w.count(g.count))
        );
        let note = g.note.as_deref().map(NotePart::own);
        notes(out, report, note.as_ref());
        out.push_str("<ul class=\"report__cards\">\n");
        for card in &g.cards {
            let similar = (!card.duplicates.is_empty()).then(|| w.similar(card.duplicates.len()));
            out.push_str("<li>");
            card_body(out, report, &report.lines[card.line], similar.as_deref());
            if !card.duplicates.is_empty() {
                out.push_str("\n<ul class=\"report__dups\">\n");
                for d in &card.duplicates {
                    out.push_str("<li>");
                    card_body(out, report, &report.lines[*d], None);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    cloud(out, report, q, words, hg);
    out.push_str("</section>\n");
}

fn card_body(out: &mut String, report: &Report, l: &Line, similar: Option<&str>) {
    let _ = write!(out, "<span class=\"report__text\">{}</span>", multiline(&l.text));
    if let Some(s) = similar {
        let _ = write!(out, " <strong class=\"report__similar\">({})</strong>", esc(s));
    }
    if let Some(details) = report.card_details(l) {
        let _ = write!(out, " <span class=\"report__meta\">— {}</span>", esc(&details));
    }
}

fn cloud(out: &mut String, report: &Report, q: &QuestionPart, words: &[crate::text::CloudWord], h: &str) {
    let w = report.words();
    let _ = writeln!(out, "<section class=\"report__cloud\">\n<{h}>{}</{h}>", esc(w.word_cloud));
    if words.is_empty() {
        let _ = writeln!(out, "<p class=\"report__empty\">{}</p>\n</section>", esc(w.no_words));
        return;
    }
    let svg = crate::text::svg(words, 1200, 600, &q.text);
    let data = base64::engine::general_purpose::STANDARD.encode(svg);
    let top: Vec<String> =
        words.iter().take(CLOUD_TABLE_WORDS).map(|cw| format!("{} ({})", cw.word, cw.count)).collect();
    let _ = writeln!(
        out,
        "<img class=\"report__cloud-img\" src=\"data:image/svg+xml;base64,{data}\" alt=\"{}: {}\" width=\"1200\" height=\"600\">",
        esc(w.word_cloud),
        esc(&top.join(", "))
    );
    let _ = write!(
        out,
        "<table class=\"report__words\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        esc(w.top_words),
        esc(w.word),
        esc(w.mentions)
    );
    for cw in words.iter().take(CLOUD_TABLE_WORDS) {
        let _ = writeln!(out, "<tr><td>{}</td><td class=\"num\">{}</td></tr>", esc(&cw.word), cw.count);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
