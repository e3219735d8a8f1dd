//! The secretary's notes as a command: checked against the session as it is, answered with
//! the event that carries it out (or why not). The one reducer, `Session::apply`, stores it.

use super::{Checked, no_theme, refuse};
use crate::error::Problem;
use crate::limits::MAX_NOTES;
use crate::model::{EventKind, NoteTarget, Session};

/// Write (or with an empty `text`, take away) the note on `target`. `text` is already cleaned
/// and within [`crate::limits::MAX_NOTE_CHARS`].
pub(in crate::writer) fn check(s: &Session, target: NoteTarget, text: String) -> Checked {
    match &target {
        NoteTarget::Question(q) if s.question(q).is_none() => {
            return Err(crate::error::AppError::question_not_found());
        }
        NoteTarget::Theme(t) if s.theme(t).is_none() => {
            return Err(no_theme());
        }
        _ => {}
    }
    let existing = s.note(&target);
    if existing.map_or(text.is_empty(), |n| n.text == text) {
        // Already so: nothing changes and nothing is logged.
        return Ok(vec![]);
    }
    if existing.is_none() && s.notes.len() >= MAX_NOTES {
        return Err(refuse(Problem::of("too_many_notes").with("max", MAX_NOTES)));
    }
    let (question_id, theme_id) = target.ids();
    Ok(vec![EventKind::NoteWritten { question_id, theme_id, text }])
}
