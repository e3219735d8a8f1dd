//! Hide, restore, approve, pin or unpin one card.

use super::{Checked, Context, no_card};
use crate::model::{EventKind, ModerationAction};

pub(in crate::writer) fn check(cx: &Context, contribution_id: String, action: ModerationAction) -> Checked {
    let c = &cx.cards.get(&contribution_id).ok_or_else(no_card)?.contribution;
    let id = contribution_id;
    Ok(match action {
        ModerationAction::Hide if !c.hidden => vec![EventKind::ContributionHidden { contribution_id: id }],
        ModerationAction::Restore if c.hidden => {
            vec![EventKind::ContributionRestored { contribution_id: id }]
        }
        ModerationAction::Approve if c.pending => {
            let mut approved = c.clone();
            approved.pending = false;
            approved.flagged = None;
            vec![EventKind::ContributionApproved { contribution: approved }]
        }
        ModerationAction::Pin if !c.pinned => vec![EventKind::ContributionPinned { contribution_id: id }],
        ModerationAction::Unpin if c.pinned => vec![EventKind::ContributionUnpinned { contribution_id: id }],
        // Already so: nothing changes and nothing is logged.
        _ => vec![],
    })
}
