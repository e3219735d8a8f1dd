//! The secretary's notes in the report: a question's note first under the question, a theme's
//! first under the theme's group. A theme's note whose theme has no group of its own there
//! (no cards in it yet, or the report is grouped by table) goes under the question instead,
//! after the question's own note and named with its theme, so no note is left out. The tables'
//! discussion leaders' summaries of a question come right after the secretary's own note on
//! it, table by table, each labelled with its table.

use std::collections::HashSet;

use super::Grouping;
use super::words::Lang;
use crate::model::{Question, Session};

/// A note as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePart {
    /// The theme's name, for a theme's note printed under its question; `None` for the
    /// question's own note (and under a theme's own group).
    pub theme: Option<String>,
    /// The table, for its discussion leader's summary.
    pub table: Option<String>,
    pub text: String,
}

impl NotePart {
    /// The secretary's note on the question itself (or under a theme's own group).
    pub fn own(text: &str) -> Self {
        Self { theme: None, table: None, text: text.to_string() }
    }

    /// What the report prints before the text: "Sekreterarens anteckning", "Sekreterarens
    /// anteckning (Trygghet)" or "Bord 3 – samtalsledarens sammanfattning".
    pub fn label(&self, lang: Lang) -> String {
        let w = lang.note_words();
        match (&self.table, &self.theme) {
            (Some(table), _) => format!("{table} – {}", w.leader),
            (None, Some(theme)) => format!("{} ({theme})", w.note),
            (None, None) => w.note.to_string(),
        }
    }
}

/// The words the notes and rounds add to a report.
#[derive(Debug)]
pub struct NoteWords {
    /// The label before a note.
    pub note: &'static str,
    /// After a table's name, before its discussion leader's summary.
    pub leader: &'static str,
    /// The heading over all notes (the spreadsheet's summary).
    pub notes: &'static str,
    /// "Dialogpass 2".
    pub round: &'static str,
    /// The heading of questions outside every round.
    pub other_questions: &'static str,
}

const SV: NoteWords = NoteWords {
    note: "Sekreterarens anteckning",
    leader: "samtalsledarens sammanfattning",
    notes: "Sekreterarens anteckningar",
    round: "Dialogpass",
    other_questions: "Övriga frågor",
};
const EN: NoteWords = NoteWords {
    note: "Secretary's note",
    leader: "discussion leader's summary",
    notes: "Secretary's notes",
    round: "Round",
    other_questions: "Other questions",
};

impl Lang {
    pub fn note_words(self) -> &'static NoteWords {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// The notes printed under question `q` before its groups: its own, then those of the themes
/// that belong here but have no group of their own in it (`grouped`: the themes that do,
/// `carded`: the themes with cards in this question).
pub(super) fn question_notes(
    session: &Session,
    q: &Question,
    group: Grouping,
    grouped: &HashSet<&str>,
    carded: &HashSet<&str>,
) -> Vec<NotePart> {
    let mut out: Vec<NotePart> =
        session.question_note(&q.id).map(|n| NotePart::own(&n.text)).into_iter().collect();
    out.extend(session.table_notes(&q.id).into_iter().map(|n| NotePart {
        theme: None,
        table: n.table.clone(),
        text: n.text.clone(),
    }));
    for theme in &session.themes {
        let here = theme.question_id.as_deref() == Some(q.id.as_str()) || carded.contains(theme.id.as_str());
        let in_group = group == Grouping::Theme && grouped.contains(theme.id.as_str());
        if !here || in_group {
            continue;
        }
        if let Some(n) = session.theme_note(&theme.id) {
            out.push(NotePart { theme: Some(theme.name.clone()), table: None, text: n.text.clone() });
        }
    }
    out
}

/// The note under a theme's own group.
pub(super) fn group_note(session: &Session, theme_id: Option<&str>) -> Option<String> {
    theme_id.and_then(|t| session.theme_note(t)).map(|n| n.text.clone())
}
