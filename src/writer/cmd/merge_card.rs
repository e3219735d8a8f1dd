//! A duplicate card folded into another, shown as part of it.

use super::{Checked, Context, invalid, no_card};
use crate::error::Problem;
use crate::model::EventKind;

pub(in crate::writer) fn check(cx: &Context, contribution_id: String, into: String) -> Checked {
    match (cx.cards.get(&contribution_id), cx.cards.get(&into)) {
        (Some(f), Some(t))
            if f.contribution.id != t.contribution.id && t.contribution.merged_into.is_none() =>
        {
            Ok(vec![EventKind::ContributionMerged { contribution_id, into }])
        }
        (Some(_), Some(_)) => Err(invalid(Problem::of("bad_merge"))),
        _ => Err(no_card()),
    }
}
