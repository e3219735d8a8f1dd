//! The report's order: round by round as the plan runs, each round's questions in its order
//! (the numbers phones, walls and the console show), then any question outside the plan.

use crate::model::{Question, Session};

/// A round of the plan as the report shows it.
#[derive(Debug, Clone)]
pub struct RoundPart {
    /// 1, 2, … as the plan counts its rounds; 0 for questions outside every round.
    pub nr: usize,
    /// What the slide says ("Dialog 15 minuter"); may be empty.
    pub title: String,
    /// Indexes into [`super::Report::questions`], in the round's order.
    pub questions: Vec<usize>,
}

impl RoundPart {
    /// Its heading in `lang`: "Dialogpass 2: Dialog 15 minuter", "Dialogpass 3".
    pub fn heading(&self, lang: super::Lang) -> String {
        let n = lang.note_words();
        match (self.nr, self.title.as_str()) {
            (0, _) => n.other_questions.to_string(),
            (nr, "") => format!("{} {nr}", n.round),
            (nr, title) => format!("{} {nr}: {title}", n.round),
        }
    }
}

/// The session's questions in the plan's order, as phones and reports number them (question
/// `i + 1` is the `i`th): the leader's page numbers them the same way.
pub fn plan_order(session: &Session) -> Vec<&Question> {
    plan(session).0
}

/// The session's questions in the plan's order, and the rounds over them (rounds without a
/// question left out).
pub(super) fn plan(session: &Session) -> (Vec<&Question>, Vec<RoundPart>) {
    let mut order: Vec<&Question> = Vec::with_capacity(session.questions.len());
    let mut rounds = Vec::with_capacity(session.rounds.len());
    let placed = |order: &[&Question], id: &str| order.iter().any(|q| q.id == id);
    for (i, round) in session.rounds.iter().enumerate() {
        let mut questions = Vec::new();
        for qid in &round.question_ids {
            if let Some(q) = session.question(qid)
                && !placed(&order, qid)
            {
                questions.push(order.len());
                order.push(q);
            }
        }
        if !questions.is_empty() {
            rounds.push(RoundPart { nr: i + 1, title: round.title.trim().to_string(), questions });
        }
    }
    let mut rest = Vec::new();
    for q in &session.questions {
        if !placed(&order, &q.id) {
            rest.push(order.len());
            order.push(q);
        }
    }
    if !rest.is_empty() {
        rounds.push(RoundPart { nr: 0, title: String::new(), questions: rest });
    }
    (order, rounds)
}

/// Whether the report shows its rounds as sections of their own: when a round holds several
/// questions or has a title. A plan of one untitled question per round (a plain agenda) reads
/// best as its questions alone.
pub(super) fn shows_rounds(rounds: &[RoundPart]) -> bool {
    rounds.iter().any(|r| r.questions.len() > 1 || !r.title.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_follow_the_plan_not_the_order_they_were_made() {
        let questions: Vec<serde_json::Value> = ["q1", "q2", "q3", "q4"]
            .map(|id| serde_json::json!({"id": id, "text": id, "state": "open"}))
            .into();
        let s: Session = serde_json::from_value(serde_json::json!({
            "id": "s", "code": "ABCDEF", "title": "Möte", "tables": [], "perspectives": [],
            "active_question_id": null, "created_at": "2026-11-08T08:00:00Z",
            "tokens": {"facilitator": "f", "secretary": "s", "wall": "w"},
            "questions": questions,
            "rounds": [
                {"id": "r1", "title": "", "question_ids": ["q3"]},
                {"id": "r2", "title": "", "question_ids": []},
                {"id": "r3", "title": " Dialog 15 minuter ", "question_ids": ["q2", "q1"]},
            ],
        }))
        .unwrap();
        let (order, rounds) = plan(&s);
        let ids: Vec<&str> = order.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q3", "q2", "q1", "q4"]);
        let shape: Vec<(usize, &str, &[usize])> =
            rounds.iter().map(|r| (r.nr, r.title.as_str(), r.questions.as_slice())).collect();
        assert_eq!(shape, [(1, "", &[0][..]), (3, "Dialog 15 minuter", &[1, 2][..]), (0, "", &[3][..])]);
        assert!(shows_rounds(&rounds));
        assert!(!shows_rounds(&rounds[..1]));
    }
}
