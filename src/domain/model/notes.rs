//! The secretary's notes: a short summary per question or per theme, written in the secretary
//! view and printed first under that question or theme in every report; and a table's
//! discussion leader's summary of a question, written on the leader's page and printed after
//! the secretary's note on it. They are the secretary's (and the facilitator's) only: kept out
//! of the public view and never sent to walls or phones (see [`super::EventKind::for_walls`]).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Session;

/// One note, on a question or on a theme (exactly one of the two ids is set). With `table`,
/// it is that table's discussion leader's summary of the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Note {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_id: Option<String>,
    /// The table whose discussion leader wrote it; absent on the secretary's own notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    pub text: String,
    /// When it was last written.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

/// What a note is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Question(String),
    Theme(String),
    /// A table's discussion leader's summary of a question.
    Table {
        question: String,
        table: String,
    },
}

impl NoteTarget {
    /// The target as the event and the stored note carry it: (question id, theme id).
    pub fn ids(&self) -> (Option<String>, Option<String>) {
        match self {
            NoteTarget::Question(q) | NoteTarget::Table { question: q, .. } => (Some(q.clone()), None),
            NoteTarget::Theme(t) => (None, Some(t.clone())),
        }
    }

    /// The table whose discussion leader writes it; `None` for the secretary's notes.
    pub fn table(&self) -> Option<String> {
        match self {
            NoteTarget::Table { table, .. } => Some(table.clone()),
            _ => None,
        }
    }
}

impl Note {
    fn is_on(&self, question_id: &Option<String>, theme_id: &Option<String>, table: &Option<String>) -> bool {
        self.question_id == *question_id && self.theme_id == *theme_id && self.table == *table
    }
}

impl Session {
    /// The note on this target, if there is one.
    pub fn note(&self, target: &NoteTarget) -> Option<&Note> {
        let (q, t) = target.ids();
        let table = target.table();
        self.notes.iter().find(|n| n.is_on(&q, &t, &table))
    }

    /// The secretary's note on a question.
    pub fn question_note(&self, question_id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.table.is_none() && n.question_id.as_deref() == Some(question_id))
    }

    /// The note on a theme.
    pub fn theme_note(&self, theme_id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.theme_id.as_deref() == Some(theme_id))
    }

    /// The discussion leaders' summaries of a question, in the order of the session's tables
    /// (a table no longer in the list after those, by name).
    pub fn table_notes(&self, question_id: &str) -> Vec<&Note> {
        let mut out: Vec<&Note> = self
            .notes
            .iter()
            .filter(|n| n.table.is_some() && n.question_id.as_deref() == Some(question_id))
            .collect();
        let place = |n: &Note| {
            let table = n.table.as_deref().unwrap_or_default();
            (self.tables.iter().position(|t| t == table).unwrap_or(usize::MAX), table.to_string())
        };
        out.sort_by_cached_key(|n| place(n));
        out
    }

    /// How many summaries the discussion leader of `table` keeps, and all tables together.
    pub fn table_note_counts(&self, table: &str) -> (usize, usize) {
        let all = self.notes.iter().filter(|n| n.table.is_some());
        let mine = all.clone().filter(|n| n.table.as_deref() == Some(table)).count();
        (mine, all.count())
    }

    /// A note written (last write wins; an empty text takes the note away).
    pub(super) fn write_note(
        &mut self,
        question_id: &Option<String>,
        theme_id: &Option<String>,
        table: &Option<String>,
        text: &str,
        at: Timestamp,
    ) {
        let at_index = self.notes.iter().position(|n| n.is_on(question_id, theme_id, table));
        match (at_index, text.is_empty()) {
            (Some(i), true) => {
                self.notes.remove(i);
            }
            (Some(i), false) => {
                self.notes[i].text = text.to_string();
                self.notes[i].at = at;
            }
            (None, true) => {}
            (None, false) => self.notes.push(Note {
                question_id: question_id.clone(),
                theme_id: theme_id.clone(),
                table: table.clone(),
                text: text.to_string(),
                at,
            }),
        }
    }

    /// A theme merged into another takes its note along: the secretary's words never vanish
    /// with the theme. Both themes' notes are kept, the merged one's after.
    pub(super) fn merge_theme_note(&mut self, theme_id: &str, into: &str) {
        let Some(i) = self.notes.iter().position(|n| n.theme_id.as_deref() == Some(theme_id)) else {
            return;
        };
        let moved = self.notes.remove(i);
        match self.notes.iter_mut().find(|n| n.theme_id.as_deref() == Some(into)) {
            Some(kept) => {
                kept.text = format!("{}\n\n{}", kept.text, moved.text);
                kept.at = kept.at.max(moved.at);
            }
            None => self.notes.push(Note { theme_id: Some(into.to_string()), ..moved }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;

    fn session() -> Session {
        serde_json::from_value(serde_json::json!({
            "id": "s", "code": "ABCDEF", "title": "Möte", "questions": [], "tables": [],
            "perspectives": [], "active_question_id": null, "created_at": "2026-11-08T08:00:00Z",
            "tokens": {"facilitator": "f", "secretary": "s", "wall": "w"},
        }))
        .unwrap()
    }

    fn write(s: &mut Session, q: Option<&str>, t: Option<&str>, text: &str) {
        write_at(s, q, t, None, text);
    }

    fn write_at(s: &mut Session, q: Option<&str>, t: Option<&str>, table: Option<&str>, text: &str) {
        let kind = EventKind::NoteWritten {
            question_id: q.map(str::to_string),
            theme_id: t.map(str::to_string),
            table: table.map(str::to_string),
            text: text.into(),
        };
        s.apply(&kind, Timestamp::now());
    }

    #[test]
    fn last_write_wins_and_empty_removes() {
        let mut s = session();
        write(&mut s, Some("q1"), None, "Först");
        write(&mut s, None, Some("t1"), "Tema");
        write(&mut s, Some("q1"), None, "Sedan");
        assert_eq!(s.question_note("q1").map(|n| n.text.as_str()), Some("Sedan"));
        assert_eq!(s.notes.len(), 2);
        write(&mut s, Some("q1"), None, "");
        assert!(s.question_note("q1").is_none());
        assert_eq!(s.theme_note("t1").map(|n| n.text.as_str()), Some("Tema"));
    }

    #[test]
    fn a_tables_summary_is_apart_from_the_secretarys_and_follows_a_rename() {
        let mut s = session();
        s.tables = vec!["Bord 1".into(), "Bord 2".into()];
        write_at(&mut s, Some("q1"), None, Some("Bord 2"), "Två");
        write(&mut s, Some("q1"), None, "Sekreteraren");
        write_at(&mut s, Some("q1"), None, Some("Bord 1"), "Ett");
        assert_eq!(s.question_note("q1").map(|n| n.text.as_str()), Some("Sekreteraren"));
        let texts = |s: &Session| s.table_notes("q1").iter().map(|n| n.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&s), ["Ett", "Två"], "in the order of the tables");
        assert_eq!(s.table_note_counts("Bord 1"), (1, 2));
        s.apply(
            &EventKind::Renamed {
                what: crate::model::NameKind::Table,
                from: "Bord 2".into(),
                to: "Bord Två".into(),
            },
            Timestamp::now(),
        );
        assert_eq!(s.table_notes("q1")[1].table.as_deref(), Some("Bord Två"));
        write_at(&mut s, Some("q1"), None, Some("Bord 1"), "");
        assert_eq!(texts(&s), ["Två"]);
        assert_eq!(s.question_note("q1").map(|n| n.text.as_str()), Some("Sekreteraren"));
    }

    #[test]
    fn a_merged_theme_brings_its_note() {
        let mut s = session();
        write(&mut s, None, Some("t1"), "Ett");
        write(&mut s, None, Some("t2"), "Två");
        write(&mut s, None, Some("t3"), "Tre");
        s.apply(&EventKind::ThemesMerged { theme_id: "t1".into(), into: "t2".into() }, Timestamp::now());
        s.apply(&EventKind::ThemesMerged { theme_id: "t3".into(), into: "t4".into() }, Timestamp::now());
        assert!(s.theme_note("t1").is_none() && s.theme_note("t3").is_none());
        assert_eq!(s.theme_note("t2").map(|n| n.text.as_str()), Some("Två\n\nEtt"));
        assert_eq!(s.theme_note("t4").map(|n| n.text.as_str()), Some("Tre"));
    }
}
