//! Accepted suggestions: these themes created at once, each with its cards in it.

use super::{Checked, Context, known_question, no_card, same_question, too_many_themes};
use crate::limits::MAX_THEMES;
use crate::model::{EventKind, Theme};

pub(in crate::writer) fn check(
    cx: &Context,
    question_id: Option<String>,
    themes: Vec<(String, Vec<String>)>,
) -> Checked {
    let s = cx.session;
    known_question(s, question_id.as_deref())?;
    if s.themes.len() + themes.len() > MAX_THEMES {
        return Err(too_many_themes());
    }
    let mut kinds = Vec::new();
    let mut created = s.themes_created;
    for (name, members) in themes {
        if members.iter().any(|m| cx.cards.get(m).is_none()) {
            return Err(no_card());
        }
        for m in &members {
            same_question(question_id.as_deref(), cx.cards.get(m))?;
        }
        created += 1;
        let theme = Theme { id: format!("t{created}"), name, question_id: question_id.clone() };
        let tid = theme.id.clone();
        kinds.push(EventKind::ThemeCreated { theme });
        for m in members {
            kinds.push(EventKind::ContributionThemed { contribution_id: m, theme_id: Some(tid.clone()) });
        }
    }
    Ok(kinds)
}
