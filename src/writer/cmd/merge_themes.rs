//! One theme folded into another: its cards move, it goes.

use super::{Checked, Context, no_theme};
use crate::model::EventKind;

pub(in crate::writer) fn check(cx: &Context, theme_id: String, into: String) -> Checked {
    let s = cx.session;
    if theme_id == into || s.theme(&theme_id).is_none() || s.theme(&into).is_none() {
        return Err(no_theme());
    }
    Ok(vec![EventKind::ThemesMerged { theme_id, into }])
}
