//! The printable report's last parts, the dot votes and the appendix of every contribution,
//! and the escaping every part of the page uses.

use std::fmt::Write;

use super::Status;
use super::report::Report;
use crate::model::VoteTarget;

pub(super) fn votes(out: &mut String, report: &Report) {
    let w = report.words();
    if report.votes.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"report__votes\" aria-labelledby=\"votes-h\">\n<h2 id=\"votes-h\">{}</h2>",
        esc(w.vote_results)
    );
    for v in &report.votes {
        let target = match v.target {
            VoteTarget::Contributions => w.vote_on_cards,
            VoteTarget::Themes => w.vote_on_themes,
        };
        let open = if v.open { format!(", {}", w.vote_open) } else { String::new() };
        let title = format!("{} ({target}{open})", v.question.as_deref().unwrap_or("")).trim().to_string();
        let _ = write!(
            out,
            "<table class=\"report__vote\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            esc(&title),
            esc(w.rank),
            esc(w.item),
            esc(w.dots)
        );
        for l in &v.lines {
            let _ = writeln!(
                out,
                "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                l.rank,
                multiline(&l.label),
                l.dots
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

pub(super) fn appendix(out: &mut String, report: &Report) {
    let w = report.words();
    let _ = write!(
        out,
        "<section class=\"report__appendix\" aria-labelledby=\"appendix-h\">\n<h2 id=\"appendix-h\">{}</h2>\n<p class=\"report__muted\">{}</p>\n\
         <table class=\"report__all\">\n<thead><tr><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(w.appendix),
        esc(w.appendix_hint),
        esc(w.number),
        esc(w.time),
        esc(w.question),
        esc(w.table),
        esc(w.perspective),
        esc(w.text)
    );
    for l in &report.lines {
        let mut note = Vec::new();
        if l.status != Status::Visible && l.status != Status::Duplicate {
            note.push(w.status(l.status).to_string());
        }
        if let Some((nr, _)) = &l.duplicate_of {
            note.push(format!("{} {nr}", w.duplicate_of));
        }
        let note = note.join(", ");
        let note = if note.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"report__meta\">({})</span>", esc(&note))
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}{note}</td></tr>",
            l.nr,
            esc(&l.time),
            l.question_nr,
            esc(l.table.as_deref().unwrap_or("")),
            esc(l.perspective.as_deref().unwrap_or("")),
            multiline(&l.text)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Escaped text with its line breaks as `<br>`.
pub(super) fn multiline(text: &str) -> String {
    text.split('\n').map(|l| esc(l.trim_end_matches('\r'))).collect::<Vec<_>>().join("<br>")
}

/// HTML-escapes text for element content and attribute values alike: the word cloud's XML
/// escaping serves both (characters XML does not allow are dropped; a line break, which
/// [`multiline`] handles before this, would be a space).
pub(super) fn esc(text: &str) -> String {
    crate::text::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_typed() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;"
        );
        assert_eq!(multiline("rad ett\r\n<rad två>"), "rad ett<br>&lt;rad två&gt;");
    }
}
