//! A question activated, opened or closed, as a command: checked against the session as it is,
//! answered with the event that carries it out (none when it is already so).

use super::apply::unknown_question;
use crate::error::AppError;
use crate::model::{EventKind, QuestionAction, QuestionState, Session};

pub(super) fn question(
    s: &Session,
    question_id: &str,
    action: QuestionAction,
) -> Result<Vec<EventKind>, AppError> {
    let q = s.question(question_id).ok_or_else(unknown_question)?;
    let qid = question_id.to_string();
    Ok(match action {
        QuestionAction::Activate if s.active_question_id.as_deref() != Some(question_id) => {
            vec![EventKind::QuestionActivated { question_id: qid }]
        }
        QuestionAction::Open if q.state != QuestionState::Open => {
            vec![EventKind::QuestionOpened { question_id: qid }]
        }
        QuestionAction::Close if q.state != QuestionState::Closed => super::timer::close(q),
        // Already so: nothing changes and no event is logged.
        _ => vec![],
    })
}
