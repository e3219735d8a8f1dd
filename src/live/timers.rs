//! Countdowns that close their question at zero.
//!
//! The writer tells the registry after each commit when a countdown now ends (or no longer
//! runs). One task owned by the server waits until the earliest end, then asks the writer to
//! expire it (through [`Expire`], which the writer implements: the registry sits below it); the writer checks the countdown still ends then, so a pause or extension that
//! raced with the expiry wins. At start-up the registry is filled from the stored sessions.
//!
//! Ends are wall-clock times (phones and walls count down to them), but tokio sleeps on the
//! monotonic clock, which stands still while a laptop sleeps. So the task never sleeps longer
//! than [`RECHECK_EVERY`] before it looks at the wall clock again: after a suspend the
//! countdown closes within about a second of waking, not hours late. A countdown stays in the
//! registry until the writer has expired it; a failed attempt is retried with a backoff.
//!
//! Why not `tokio_util::time::DelayQueue` (issue 12 names it): it keys every entry to a
//! monotonic `Instant` fixed when it is inserted, which is exactly the clock that stands still
//! during a laptop's sleep, so a countdown would end late by the length of the sleep; and the
//! registry must answer "when does this session's countdown end" for the writer, which a
//! queue of opaque keys does not. What remains here is a map and one sleeping task.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::error::AppError;
use crate::model::{EventKind, Session};

/// The longest the task sleeps before it reads the wall clock again.
pub const RECHECK_EVERY: Duration = Duration::from_secs(1);
/// The wait after the first failed expiry; it doubles with each further failure.
const RETRY_FIRST: Duration = Duration::from_millis(250);
/// The longest wait between two attempts.
const RETRY_MAX: Duration = Duration::from_secs(8);
/// Attempts before a countdown is given up on (about half a minute of retries in all).
const EXPIRY_ATTEMPTS: u32 = 7;

type Key = (String, String);

/// The wall clock countdowns end on. Tests use one they can move forward.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

/// The system's wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// What is done when a countdown reaches zero: in the server, the writer's `TimerExpired`.
pub trait Expire: Send + Sync + 'static {
    fn expire(
        &self,
        session_id: String,
        question_id: String,
        ends_at: Timestamp,
    ) -> impl Future<Output = Result<(), AppError>> + Send;
}

/// A running countdown, and how its expiry has fared so far.
#[derive(Debug, Clone, Copy)]
struct Entry {
    ends: Timestamp,
    failures: u32,
    /// After a failure: not before this time.
    retry_at: Option<Timestamp>,
}

impl Entry {
    fn due_at(&self) -> Timestamp {
        self.retry_at.map_or(self.ends, |r| r.max(self.ends))
    }
}

/// Running countdowns by (session id, question id). Cheap to clone.
#[derive(Clone)]
pub struct Timers {
    ends: Arc<Mutex<HashMap<Key, Entry>>>,
    changed: Arc<Notify>,
    clock: Arc<dyn Clock>,
}

impl Default for Timers {
    fn default() -> Self {
        Self::with_clock(Arc::new(SystemClock))
    }
}

impl Timers {
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        Self { ends: Arc::default(), changed: Arc::default(), clock }
    }

    /// Follows a committed event: a countdown that runs is scheduled, any other is forgotten.
    pub fn observe(&self, session_id: &str, kind: &EventKind) {
        if let EventKind::TimerChanged { question_id, timer, .. } = kind {
            let key = (session_id.to_string(), question_id.clone());
            let end = timer.as_ref().filter(|t| t.running).and_then(|t| t.ends_at);
            self.set(key, end);
        }
    }

    /// Schedules every running countdown of stored sessions (at start-up).
    pub fn load(&self, sessions: &[Session]) {
        for s in sessions {
            for q in &s.questions {
                if let Some(t) = q.timer.as_ref().filter(|t| t.running) {
                    self.set((s.id.clone(), q.id.clone()), t.ends_at);
                }
            }
        }
    }

    /// How many countdowns are waiting to be expired.
    #[cfg(test)]
    fn count(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        self.ends.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, key: Key, end: Option<Timestamp>) {
        let mut ends = self.lock();
        match end {
            Some(ends_at) => ends.insert(key, Entry { ends: ends_at, failures: 0, retry_at: None }),
            None => ends.remove(&key),
        };
        drop(ends);
        self.changed.notify_one();
    }

    /// The countdowns due at `now`. They stay registered until [`Self::settle`].
    fn due(&self, now: Timestamp) -> Vec<(Key, Timestamp)> {
        let ends = self.lock();
        ends.iter().filter(|(_, e)| e.due_at() <= now).map(|(k, e)| (k.clone(), e.ends)).collect()
    }

    fn next_due(&self) -> Option<Timestamp> {
        self.lock().values().map(Entry::due_at).min()
    }

    /// Records how expiring `key` (ending at `ends_at`) went. A countdown changed meanwhile
    /// (restarted, extended) is left as the writer set it.
    fn settle(&self, key: Key, ends_at: Timestamp, outcome: Result<(), AppError>) {
        let mut ends = self.lock();
        let Some(entry) = ends.get_mut(&key).filter(|e| e.ends == ends_at) else { return };
        let Err(error) = outcome else {
            ends.remove(&key);
            return;
        };
        entry.failures += 1;
        let (session, question) = (&key.0, &key.1);
        if entry.failures >= EXPIRY_ATTEMPTS {
            tracing::error!(%error, %session, %question, attempts = entry.failures,
                "giving up on expiring a countdown");
            ends.remove(&key);
            return;
        }
        let wait = RETRY_FIRST.saturating_mul(1 << (entry.failures - 1).min(16)).min(RETRY_MAX);
        tracing::warn!(%error, %session, %question, retry_in_ms = wait.as_millis() as u64,
            "expiring a countdown failed; trying again");
        let wait = SignedDuration::try_from(wait).unwrap_or(SignedDuration::ZERO);
        let now = self.clock.now();
        entry.retry_at = Some(now.checked_add(wait).unwrap_or(now));
    }

    /// How long to sleep before looking again: until the next end, but never longer than
    /// [`RECHECK_EVERY`], since the wall clock may jump while the monotonic one stands still.
    fn wait(&self) -> Option<Duration> {
        let next = self.next_due()?;
        let ms = next.duration_since(self.clock.now()).as_millis().max(0);
        let until = Duration::from_millis(u64::try_from(ms).unwrap_or(u64::MAX));
        Some(until.min(RECHECK_EVERY))
    }

    /// Runs until `shutdown`: expires each countdown when it reaches zero.
    pub async fn run(self, expire: impl Expire, shutdown: CancellationToken) {
        loop {
            for ((session_id, question_id), ends_at) in self.due(self.clock.now()) {
                if shutdown.is_cancelled() {
                    return;
                }
                let key = (session_id.clone(), question_id.clone());
                let outcome = expire.expire(session_id, question_id, ends_at).await;
                self.settle(key, ends_at, outcome);
            }
            let wait = self.wait();
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = self.changed.notified() => {}
                _ = async {
                    match wait {
                        Some(w) => tokio::time::sleep(w).await,
                        None => std::future::pending().await,
                    }
                } => {}
            }
        }
    }
}

#[cfg(test)]
mod tests;
