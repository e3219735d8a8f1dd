//! A theme's new name.

use super::{Checked, Context, no_theme};
use crate::model::EventKind;

pub(in crate::writer) fn check(cx: &Context, theme_id: String, name: String) -> Checked {
    match cx.session.theme(&theme_id) {
        Some(t) if t.name == name => Ok(vec![]),
        Some(_) => Ok(vec![EventKind::ThemeRenamed { theme_id, name }]),
        None => Err(no_theme()),
    }
}
