//! A new, empty theme, for one question or for the whole session.

use super::{Checked, Context, known_question, too_many_themes};
use crate::limits::MAX_THEMES;
use crate::model::{EventKind, Theme};

pub(in crate::writer) fn check(cx: &Context, name: String, question_id: Option<String>) -> Checked {
    let s = cx.session;
    known_question(s, question_id.as_deref())?;
    if s.themes.len() >= MAX_THEMES {
        return Err(too_many_themes());
    }
    let theme = Theme { id: format!("t{}", s.themes_created + 1), name, question_id };
    Ok(vec![EventKind::ThemeCreated { theme }])
}
