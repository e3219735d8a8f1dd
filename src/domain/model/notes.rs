//! The secretary's notes: a short summary per question or per theme, written in the secretary
//! view and printed first under that question or theme in every report. They are the
//! secretary's (and the facilitator's) only: kept out of the public view and never sent to
//! walls or phones (see [`super::EventKind::for_walls`]).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Session;

/// One note, on a question or on a theme (exactly one of the two ids is set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Note {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_id: Option<String>,
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
}

impl NoteTarget {
    /// The target as the event and the stored note carry it: (question id, theme id).
    pub fn ids(&self) -> (Option<String>, Option<String>) {
        match self {
            NoteTarget::Question(q) => (Some(q.clone()), None),
            NoteTarget::Theme(t) => (None, Some(t.clone())),
        }
    }
}

impl Note {
    fn is_on(&self, question_id: &Option<String>, theme_id: &Option<String>) -> bool {
        self.question_id == *question_id && self.theme_id == *theme_id
    }
}

impl Session {
    /// The note on this target, if there is one.
    pub fn note(&self, target: &NoteTarget) -> Option<&Note> {
        let (q, t) = target.ids();
        self.notes.iter().find(|n| n.is_on(&q, &t))
    }

    /// The note on a question.
    pub fn question_note(&self, question_id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.question_id.as_deref() == Some(question_id))
    }

    /// The note on a theme.
    pub fn theme_note(&self, theme_id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.theme_id.as_deref() == Some(theme_id))
    }

    /// A note written (last write wins; an empty text takes the note away).
    pub(super) fn write_note(
        &mut self,
        question_id: &Option<String>,
        theme_id: &Option<String>,
        text: &str,
        at: Timestamp,
    ) {
        let at_index = self.notes.iter().position(|n| n.is_on(question_id, theme_id));
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
        let kind = EventKind::NoteWritten {
            question_id: q.map(str::to_string),
            theme_id: t.map(str::to_string),
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
