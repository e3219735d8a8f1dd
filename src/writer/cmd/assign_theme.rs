//! A card put in a theme, or taken out of its theme (`None`).

use super::{Checked, Context, no_card, no_theme, same_question};
use crate::model::EventKind;

pub(in crate::writer) fn check(cx: &Context, contribution_id: String, theme_id: Option<String>) -> Checked {
    let theme = match &theme_id {
        Some(t) => Some(cx.session.theme(t).ok_or_else(no_theme)?),
        None => None,
    };
    let card = cx.cards.get(&contribution_id);
    same_question(theme.and_then(|t| t.question_id.as_deref()), card)?;
    match card {
        None => Err(no_card()),
        Some(r) if r.contribution.theme_id == theme_id => Ok(vec![]),
        Some(_) => Ok(vec![EventKind::ContributionThemed { contribution_id, theme_id }]),
    }
}
