//! Show a question on every screen, open it, or close it.

use super::{Checked, Context};
use crate::error::AppError;
use crate::model::{EventKind, QuestionAction, QuestionState};

pub(in crate::writer) fn check(cx: &Context, question_id: String, action: QuestionAction) -> Checked {
    let s = cx.session;
    let q = s.question(&question_id).ok_or_else(AppError::question_not_found)?;
    Ok(match action {
        QuestionAction::Activate if s.active_question_id.as_deref() != Some(question_id.as_str()) => {
            vec![EventKind::QuestionActivated { question_id }]
        }
        QuestionAction::Open if q.state != QuestionState::Open => {
            vec![EventKind::QuestionOpened { question_id }]
        }
        // A countdown still going is stopped first (see `timer::close`).
        QuestionAction::Close if q.state != QuestionState::Closed => super::timer::close(q),
        // Already so: nothing changes and no event is logged.
        _ => vec![],
    })
}
