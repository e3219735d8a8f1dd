//! The countdown task on its own, with a wall clock that can jump (a laptop waking from sleep)
//! and an expiry that can fail (the writer busy or gone for a moment). Real time, bounded waits.

use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

use tokio::sync::mpsc;

use super::*;

/// The longest any wait in these tests may take.
const WAIT: Duration = Duration::from_secs(10);

/// The system clock plus an offset that only moves when a test says so: like a wall clock
/// after a suspend, which jumped while no monotonic time passed.
#[derive(Default)]
struct JumpClock {
    offset_ms: AtomicI64,
}

impl JumpClock {
    fn jump(&self, by: SignedDuration) {
        self.offset_ms.fetch_add(i64::try_from(by.as_millis()).unwrap(), Ordering::SeqCst);
    }
}

impl Clock for JumpClock {
    fn now(&self) -> Timestamp {
        Timestamp::now() + SignedDuration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }
}

type Call = (String, String, Timestamp);

/// Reports every expiry asked for; the first `fail_first` of them fail.
struct Recorder {
    calls: mpsc::UnboundedSender<Call>,
    fail_first: AtomicU32,
}

impl Expire for Recorder {
    async fn expire(
        &self,
        session_id: String,
        question_id: String,
        ends_at: Timestamp,
    ) -> Result<(), AppError> {
        self.calls.send((session_id, question_id, ends_at)).unwrap();
        let left = self.fail_first.load(Ordering::SeqCst);
        if left > 0 {
            self.fail_first.store(left - 1, Ordering::SeqCst);
            return Err(AppError::storage("the disk is full"));
        }
        Ok(())
    }
}

fn recorder(fail_first: u32) -> (Recorder, mpsc::UnboundedReceiver<Call>) {
    let (tx, rx) = mpsc::unbounded_channel();
    (Recorder { calls: tx, fail_first: AtomicU32::new(fail_first) }, rx)
}

fn key(session: &str, question: &str) -> Key {
    (session.to_string(), question.to_string())
}

async fn next_call(calls: &mut mpsc::UnboundedReceiver<Call>) -> Call {
    tokio::time::timeout(WAIT, calls.recv()).await.expect("an expiry in time").expect("recorder alive")
}

#[tokio::test]
async fn a_failed_expiry_is_tried_again_until_it_succeeds() {
    let timers = Timers::default();
    let ends = Timestamp::now() - SignedDuration::from_secs(1);
    timers.set(key("s1", "q1"), Some(ends));
    let (expire, mut calls) = recorder(2);
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(timers.clone().run(expire, shutdown.clone()));

    let started = std::time::Instant::now();
    for attempt in 1..=3 {
        let call = next_call(&mut calls).await;
        assert_eq!(call, ("s1".into(), "q1".into(), ends), "attempt {attempt}");
    }
    // Two failures wait 250 ms and 500 ms: a backoff, not a busy loop.
    assert!(started.elapsed() >= RETRY_FIRST * 3, "{:?}", started.elapsed());

    shutdown.cancel();
    tokio::time::timeout(WAIT, task).await.expect("task stops").expect("task");
    assert_eq!(timers.count(), 0, "the countdown is done once the expiry succeeded");
}

#[tokio::test]
async fn a_countdown_changed_while_its_expiry_failed_keeps_the_new_end() {
    let timers = Timers::default();
    let old = Timestamp::now() - SignedDuration::from_secs(1);
    let new = Timestamp::now() + SignedDuration::from_hours(1);
    timers.set(key("s1", "q1"), Some(old));
    // An extension committed while the expiry of the old end was failing.
    timers.settle(key("s1", "q1"), old, Ok(()));
    assert_eq!(timers.count(), 0);
    timers.set(key("s1", "q1"), Some(new));
    timers.settle(key("s1", "q1"), old, Err(AppError::Unavailable));
    let entry = timers.lock()[&key("s1", "q1")];
    assert_eq!((entry.ends, entry.failures, entry.retry_at), (new, 0, None));
}

#[tokio::test]
async fn a_wall_clock_jump_expires_the_countdown_within_about_a_second() {
    let clock = Arc::new(JumpClock::default());
    let timers = Timers::with_clock(clock.clone());
    let now = clock.now();
    let later = now + SignedDuration::from_hours(1);
    timers.set(key("s1", "due"), Some(now - SignedDuration::from_secs(1)));
    timers.set(key("s1", "later"), Some(later));
    let (expire, mut calls) = recorder(0);
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(timers.clone().run(expire, shutdown.clone()));

    // This runtime has one thread: once the first expiry is reported and this test runs
    // again, the task has gone back to waiting for the countdown an hour away.
    let first = next_call(&mut calls).await;
    assert_eq!(first.1, "due");

    // The laptop sleeps for an hour: the wall clock jumps, no monotonic time passes.
    clock.jump(SignedDuration::from_hours(1) + SignedDuration::from_secs(1));
    let woke = std::time::Instant::now();
    // Not derived from RECHECK_EVERY: this is the promise, whatever the constant says.
    let limit = Duration::from_secs(2);
    let call = tokio::time::timeout(limit, calls.recv())
        .await
        .unwrap_or_else(|_| panic!("no expiry within {limit:?} of the clock jump"))
        .expect("recorder alive");
    assert_eq!(call, ("s1".into(), "later".into(), later));
    assert!(woke.elapsed() <= limit, "{:?}", woke.elapsed());

    shutdown.cancel();
    tokio::time::timeout(WAIT, task).await.expect("task stops").expect("task");
}
