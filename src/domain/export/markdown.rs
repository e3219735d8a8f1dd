//! The Markdown export, for minutes. Everything in it that a participant or facilitator typed
//! (texts, titles, questions, table, perspective and theme names, vote labels) is inert: it
//! cannot add headings, lists, rules, code blocks, HTML or links to the document, whichever
//! CommonMark or GitHub-flavoured renderer shows it.

use super::notes::NotePart;
use super::report::{Line, Report};
use super::{Grouping, Status};

/// Markdown for minutes, in the report's language: the date and counts, a heading per
/// question with its cards grouped by theme or table (a label per group once there is more
/// than the one group of everything), each card a bullet with its duplicates as bullets under
/// it, then a section per dot vote with one line per item.
pub fn markdown(report: &Report) -> String {
    let w = report.words();
    let mut out = format!("# {}\n\n", md_inline(&report.title));
    let mut facts = vec![format!("{}: {}", w.date, report.date)];
    facts.extend(report.where_facts().into_iter().map(|(k, v)| format!("{k}: {v}")));
    facts.push(format!("{}: {}", w.code, report.code));
    facts.push(w.count(report.lines.len()));
    if let Some((from, to)) = &report.span {
        facts.push(format!("{}: {from}–{to}", w.time));
    }
    out.push_str(&format!("{}\n\n", md_inline(&facts.join(" · "))));
    // Round by round (a heading each when the plan has rounds worth showing), in plan order.
    let question_heading = if report.show_rounds { "###" } else { "##" };
    let order =
        report.rounds.iter().flat_map(|r| r.questions.iter().enumerate().map(move |(k, i)| (r, k, *i)));
    for (round, k, i) in order {
        let q = &report.questions[i];
        if report.show_rounds && k == 0 {
            out.push_str(&format!("## {}\n\n", md_inline(&round.heading(report.lang))));
        }
        out.push_str(&format!("{question_heading} {}\n\n", md_inline(&q.text)));
        for n in &q.notes {
            out.push_str(&note(report, n));
        }
        if q.groups.is_empty() {
            out.push_str(&format!("_{}_\n\n", md_inline(w.no_contributions)));
            continue;
        }
        let labelled = q.groups.len() > 1 || q.groups.iter().any(|g| g.name.is_some());
        for g in &q.groups {
            if labelled {
                let name = g.name.clone().unwrap_or_else(|| {
                    match report.group {
                        Grouping::Theme => w.no_theme,
                        Grouping::Table => w.no_table,
                    }
                    .to_string()
                });
                let kind = match (report.group, g.name.is_some()) {
                    (Grouping::Theme, true) => format!("{}: ", w.theme),
                    (Grouping::Table, true) => format!("{}: ", w.table),
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "**{}** ({})\n\n",
                    md_inline(&format!("{kind}{name}")),
                    w.count(g.count)
                ));
            }
            if let Some(text) = &g.note {
                out.push_str(&note(report, &NotePart::own(text)));
            }
            for card in &g.cards {
                let line = &report.lines[card.line];
                let similar = (!card.duplicates.is_empty()).then(|| w.similar(card.duplicates.len()));
                out.push_str(&bullet(report, line, "", similar.as_deref()));
                for d in &card.duplicates {
                    out.push_str(&bullet(report, &report.lines[*d], "  ", None));
                }
            }
            out.push('\n');
        }
    }
    for v in &report.votes {
        let about = v.question.as_deref().map(|q| format!(": {q}")).unwrap_or_default();
        out.push_str(&format!("## {}{}\n\n", w.vote_results, md_inline(&about)));
        for r in &v.lines {
            // A card's label is its text, line breaks and all: one line per result, always.
            out.push_str(&format!("- {} ● {}\n", r.dots, md_line(&one_line(&r.label))));
        }
        out.push('\n');
    }
    out
}

/// A secretary's note as a paragraph of its own: the label in italics, then the text, its
/// line breaks kept (a blank line in it stays a new paragraph).
fn note(report: &Report, n: &NotePart) -> String {
    let label = n.label(report.lang);
    let body = n.text.lines().map(|l| if l.trim().is_empty() { String::new() } else { md_line(l) });
    format!("_{}:_ {}\n\n", md_inline(&label), body.collect::<Vec<_>>().join("  \n"))
}

/// One card as a bullet (indented under its card for a duplicate), its details after it.
fn bullet(report: &Report, l: &Line, indent: &str, similar: Option<&str>) -> String {
    let w = report.words();
    let dots = (l.dots > 0).then(|| format!("{} ●", l.dots));
    let theme = (report.group == Grouping::Table).then_some(l.theme.as_deref()).flatten();
    let status = (l.status != Status::Visible).then(|| w.status(l.status));
    let meta: Vec<&str> =
        [similar, l.table.as_deref(), l.perspective.as_deref(), theme, dots.as_deref(), status]
            .into_iter()
            .flatten()
            .collect();
    // Line breaks inside a contribution stay inside its bullet.
    let cont = format!("\n{indent}  ");
    let text = l.text.lines().map(md_line).collect::<Vec<_>>().join(&cont);
    if meta.is_empty() {
        format!("{indent}- {text}\n")
    } else {
        format!("{indent}- {text} _({})_\n", md_inline(&meta.join(", ")))
    }
}

/// `s` on one line: each line break (with the white space around it) becomes one space.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Text that sits inside a line (a heading's text, the details after a bullet): folded onto
/// one line, then [escaped](md_text).
fn md_inline(s: &str) -> String {
    md_text(&one_line(s))
}

/// One line of a participant's text as Markdown: [escaped](md_text), and a line start that
/// would begin a heading, list, quote, rule or code block (`---`, `1.`, `+ `, `-<TAB>`, four
/// spaces) made plain. Leading white space carries no meaning in a contribution, so it goes.
/// (`#`, `>`, `*`, `_`, `<`, `|`, `[` and backticks are escaped wherever they stand.)
fn md_line(line: &str) -> String {
    let line = md_text(line.trim_start());
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    let mut chars = line.chars();
    let (first, second) = (chars.next(), chars.next());
    // A thematic break or setext underline may have spaces and tabs between its characters.
    let only = |c: char| !line.is_empty() && line.chars().all(|x| x == c || x == ' ' || x == '\t');
    let starts_block = matches!((first, second), (Some('-' | '+'), Some(' ' | '\t') | None))
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

/// A participant's text with its white space as written and each word made inert: a word a
/// GFM renderer would turn into a link ([`links_itself`]) becomes a [code span](code_span),
/// where no renderer looks for links; any other word is [escaped](md_escape).
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while !rest.is_empty() {
        let space = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        out.push_str(&rest[..space]);
        rest = &rest[space..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (w, tail) = rest.split_at(word);
        if links_itself(w) {
            out.push_str(&code_span(w));
        } else {
            out.push_str(&md_escape(w));
        }
        rest = tail;
    }
    out
}

/// Whether a GitHub-flavoured renderer's autolink extension could find a link in `word` (a run
/// without white space, which ends every such link): an `http://`, `https://` or other
/// `scheme://` URL, a `www.` address, or an e-mail address (`@` with a dot after it, which also
/// covers `mailto:` and `xmpp:`). Cast wide on purpose: a harmless word in a code span costs
/// only its font.
fn links_itself(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.contains("://")
        || lower.contains("www.")
        || lower.find('@').is_some_and(|at| lower[at..].contains('.'))
}

/// `word` as an inline code span: shown as written (no escapes apply inside), never a link.
/// The fence is one backtick longer than the longest run of backticks in the word, and a word
/// that starts or ends with a backtick is padded with a space inside the fence (CommonMark
/// strips one such space on each side). A span never opens a fenced code block even at a line
/// start: a fence's info string may not contain backticks, and this one always closes on the
/// same line.
fn code_span(word: &str) -> String {
    let longest = word.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if word.starts_with('`') || word.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{word}{pad}{fence}")
}

/// Escapes the characters that would turn a participant's text into Markdown markup or HTML,
/// and an `&` that could start an entity reference (`&#58;` would rebuild a link's colon).
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let entity = c == '&' && chars.peek().is_some_and(|n| *n == '#' || n.is_ascii_alphanumeric());
        // `!` needs no escape: an image needs `![`, and `[` is escaped.
        if entity || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
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
    fn a_tab_after_a_marker_starts_no_block_either() {
        assert_eq!(md_line("-\tpunkt"), "\\-\tpunkt");
        assert_eq!(md_line("+\tplus"), "\\+\tplus");
        assert_eq!(md_line("*\tstjärna"), "\\*\tstjärna");
        assert_eq!(md_line("1.\tett"), "1\\.\tett");
        assert_eq!(md_line("3)\ttre"), "3\\)\ttre");
        assert_eq!(md_line("-\t-\t-"), "\\-\t-\t-");
        assert_eq!(md_line("\t\t    kod"), "kod");
        assert_eq!(md_line(">\tcitat"), "\\>\tcitat");
        assert_eq!(md_line("#\trubrik"), "\\#\trubrik");
        assert_eq!(md_line("```\tkod"), "\\`\\`\\`\tkod");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md_escape("<b>*hej*</b>"), "\\<b\\>\\*hej\\*\\</b\\>");
        assert_eq!(md_escape("barn & unga, A&B, &#58; &amp;"), "barn & unga, A\\&B, \\&\\#58; \\&amp;");
    }

    #[test]
    fn bare_links_become_code_spans() {
        assert_eq!(
            md_line("Läs https://example.com/a_b?x=1 nu"),
            "Läs `https://example.com/a_b?x=1` nu",
            "no escapes inside the span"
        );
        assert_eq!(md_line("www.example.se."), "`www.example.se.`");
        assert_eq!(md_line("WWW.EXAMPLE.SE"), "`WWW.EXAMPLE.SE`");
        assert_eq!(md_line("mejla anna.b@example.se"), "mejla `anna.b@example.se`");
        assert_eq!(md_line("mailto:a@b.se"), "`mailto:a@b.se`");
        assert_eq!(md_line("(se:http://x.se)"), "`(se:http://x.se)`");
        assert_eq!(md_line("ftp://x.se"), "`ftp://x.se`");
        // A link may hold backticks: the fence is longer than any run of them.
        assert_eq!(md_line("http://x.se/``a`"), "``` http://x.se/``a` ```");
        assert_eq!(code_span("`www.x.se`"), "`` `www.x.se` ``");
        // Not links: kept (and escaped) as before.
        assert_eq!(md_line("@Perspektiv och t.ex. kl. 14.30"), "@Perspektiv och t.ex. kl. 14.30");
        assert_eq!(md_line("barn & unga"), "barn & unga");
    }

    #[test]
    fn white_space_between_words_is_kept() {
        assert_eq!(md_text("a  b\tc *d*"), "a  b\tc \\*d\\*");
        assert_eq!(md_text("x www.a.se  y"), "x `www.a.se`  y");
        assert_eq!(md_inline("Rad ett\n\n- rad två\r\n# tre "), "Rad ett - rad två \\# tre");
    }
}
