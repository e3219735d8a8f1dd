//! The writer thread itself: a panic in one batch fails that batch only.

use redb::ReadableDatabase;

use super::*;

fn draft() -> SessionDraft {
    SessionDraft {
        title: "Regionrådet".into(),
        questions: vec![QuestionDraft::new("Vad väcker inriktningen för tankar?", None)],
        tables: vec!["Bord 1".into()],
        ..SessionDraft::default()
    }
}

#[tokio::test]
async fn a_panicking_batch_fails_its_jobs_and_the_writer_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("w.redb")).expect("open");
    let (writer, thread) = spawn(store, Hub::default(), Timers::default()).expect("spawn");
    let (reply, rx) = oneshot::channel();
    writer.tx.send(Job::Panic(reply)).await.expect("queued");
    let answer = tokio::time::timeout(Duration::from_secs(10), rx).await.expect("answered in time");
    assert!(answer.is_err(), "the panicking job's reply is dropped: its caller hears it failed");
    assert_eq!(writer.health(), WriterState::Ok, "a panic is no storage failure");
    let session = tokio::time::timeout(Duration::from_secs(10), writer.create_session(draft()))
        .await
        .expect("in time")
        .expect("the writer still writes after a panic");
    assert_eq!(session.title, "Regionrådet");
    drop(writer);
    tokio::task::spawn_blocking(move || thread.join()).await.expect("joined");
}

fn card(n: u32, question_id: &str) -> NewContribution {
    let text = format!("Kort {n}");
    NewContribution {
        id: format!("00000000-0000-4000-8000-{n:012}"),
        question_id: question_id.into(),
        screened: crate::moderation::screen(&text),
        text,
        table: None,
        perspective: None,
        participant: None,
    }
}

/// A vote's cards are read before the writer takes the vote (`vote_cards`); a card hidden or
/// added in between must still be left out or taken in, in arrival order.
#[tokio::test]
async fn a_vote_prepared_from_a_stale_read_has_exactly_the_cards_of_its_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("w.redb")).expect("open");
    let (writer, thread) = spawn(store.clone(), Hub::default(), Timers::default()).expect("spawn");
    let session = writer.create_session(draft()).await.expect("created");
    let (sid, qid) = (session.id.clone(), session.questions[0].id.clone());
    for n in 1..=3 {
        writer.submit(sid.clone(), card(n, &qid)).await.expect("stored");
    }
    let read = |store: &Store| {
        let txn = store.database().expect("db").begin_read().expect("read");
        prepare_vote_cards(&txn, &sid, Some(&qid)).expect("prepared")
    };
    let stale = read(&store);
    let hide =
        Action::Moderate { contribution_id: card(2, &qid).id, action: crate::model::ModerationAction::Hide };
    writer.act(sid.clone(), hide).await.expect("hidden");
    writer.submit(sid.clone(), card(4, &qid)).await.expect("stored");
    let start = |cards| Action::StartVote {
        question_id: Some(qid.clone()),
        target: crate::model::VoteTarget::Contributions,
        dots: 3,
        cards: Some(cards),
    };
    let after = writer.act(sid.clone(), start(stale)).await.expect("vote started");
    let ids: Vec<_> = after.votes[0].items.iter().map(|i| i.id.clone()).collect();
    let want: Vec<_> = [1, 3, 4].map(|n| card(n, &qid).id).to_vec();
    assert_eq!(ids, want, "the hidden card is left out, the new one taken in, in arrival order");
    assert_eq!(after.votes[0].items[2].label, "Kort 4");

    // Prepared from a fresh read, and after an event that changes no card: the same rule.
    let close = Action::CloseVote { vote_id: after.votes[0].id.clone() };
    let fresh = read(&store);
    writer.act(sid.clone(), close).await.expect("closed");
    let again = writer.act(sid.clone(), start(fresh)).await.expect("second vote started");
    let ids: Vec<_> = again.votes[1].items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, want);

    // An event that may change every card (a renamed table) sends the writer back to reading
    // them all: a card hidden beside it is still left out.
    let close = Action::CloseVote { vote_id: again.votes[1].id.clone() };
    writer.act(sid.clone(), close).await.expect("closed");
    let stale = read(&store);
    let (what, from, to) = (crate::model::NameKind::Table, "Bord 1".to_string(), "Bord A".to_string());
    writer.act(sid.clone(), Action::Round(RoundCmd::Rename { what, from, to })).await.expect("renamed");
    let hide =
        Action::Moderate { contribution_id: card(3, &qid).id, action: crate::model::ModerationAction::Hide };
    writer.act(sid.clone(), hide).await.expect("hidden");
    let third = writer.act(sid.clone(), start(stale)).await.expect("third vote started");
    let ids: Vec<_> = third.votes[2].items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, [1, 4].map(|n| card(n, &qid).id).to_vec());
    drop(writer);
    tokio::task::spawn_blocking(move || thread.join()).await.expect("joined");
}
