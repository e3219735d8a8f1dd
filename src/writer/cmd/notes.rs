//! The secretary's notes and the discussion leaders' summaries as a command: checked against
//! the session as it is, answered with the event that carries it out (or why not). The one
//! reducer, `Session::apply`, stores it.

use super::{Checked, invalid, no_theme, not_found, refuse};
use crate::error::Problem;
use crate::limits::{MAX_NOTES, MAX_NOTES_PER_TABLE, MAX_TABLE_NOTES};
use crate::model::{EventKind, NoteTarget, Session};

/// Write (or with an empty `text`, take away) the note on `target`. `text` is already cleaned
/// and within [`crate::limits::MAX_NOTE_CHARS`] (a table's summary within
/// [`crate::limits::MAX_TABLE_NOTE_CHARS`]).
pub(in crate::writer) fn check(s: &Session, target: NoteTarget, text: String) -> Checked {
    match &target {
        NoteTarget::Question(q) if s.question(q).is_none() => {
            return Err(crate::error::AppError::question_not_found());
        }
        NoteTarget::Theme(t) if s.theme(t).is_none() => {
            return Err(no_theme());
        }
        NoteTarget::Table { question, table } => table_target(s, question, table)?,
        _ => {}
    }
    let existing = s.note(&target);
    if existing.map_or(text.is_empty(), |n| n.text == text) {
        // Already so: nothing changes and nothing is logged.
        return Ok(vec![]);
    }
    if existing.is_none() {
        room_for(s, &target)?;
    }
    let (question_id, theme_id) = target.ids();
    Ok(vec![EventKind::NoteWritten { question_id, theme_id, table: target.table(), text }])
}

/// A table's summary is on a question that table answers, of a table the session still has
/// (renamed since the leader's page was opened: the page's link has changed with it).
fn table_target(s: &Session, question: &str, table: &str) -> Result<(), crate::error::AppError> {
    if !s.tables.iter().any(|t| t == table) {
        return Err(not_found(Problem::of("table_not_found")));
    }
    let q = s.question(question).ok_or_else(crate::error::AppError::question_not_found)?;
    if !q.tables.is_empty() && !q.tables.iter().any(|t| t == table) {
        return Err(invalid(
            Problem::of("question_not_for_table").with("question", question).with("table", table),
        ));
    }
    Ok(())
}

/// Whether one more note fits: the secretary's within [`MAX_NOTES`], a table's within
/// [`MAX_NOTES_PER_TABLE`] for the table and [`MAX_TABLE_NOTES`] for the session.
fn room_for(s: &Session, target: &NoteTarget) -> Result<(), crate::error::AppError> {
    let Some(table) = target.table() else {
        if s.notes.iter().filter(|n| n.table.is_none()).count() >= MAX_NOTES {
            return Err(refuse(Problem::of("too_many_notes").with("max", MAX_NOTES)));
        }
        return Ok(());
    };
    let (mine, all) = s.table_note_counts(&table);
    if mine >= MAX_NOTES_PER_TABLE {
        return Err(refuse(Problem::of("too_many_table_notes").with("max", MAX_NOTES_PER_TABLE)));
    }
    if all >= MAX_TABLE_NOTES {
        return Err(refuse(Problem::of("too_many_table_notes_in_session").with("max", MAX_TABLE_NOTES)));
    }
    Ok(())
}
