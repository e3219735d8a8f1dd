//! The writer thread itself: a panic in one batch fails that batch only.

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
