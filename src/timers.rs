//! Countdowns that close their question at zero.
//!
//! The writer tells the registry after each commit when a countdown now ends (or no longer
//! runs). One task owned by the server sleeps until the earliest end, then asks the writer to
//! expire it; the writer checks the countdown still ends then, so a pause or extension that
//! raced with the expiry wins. At start-up the registry is filled from the stored sessions.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::model::{EventKind, Session};
use crate::writer::{Action, Writer};

type Key = (String, String);

/// Running countdowns by (session id, question id). Cheap to clone.
#[derive(Clone, Default)]
pub struct Timers {
    ends: Arc<Mutex<HashMap<Key, Timestamp>>>,
    changed: Arc<Notify>,
}

impl Timers {
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

    fn set(&self, key: Key, end: Option<Timestamp>) {
        let mut ends = self.ends.lock().unwrap_or_else(|e| e.into_inner());
        match end {
            Some(e) => ends.insert(key, e),
            None => ends.remove(&key),
        };
        drop(ends);
        self.changed.notify_one();
    }

    fn due(&self, now: Timestamp) -> (Vec<(Key, Timestamp)>, Option<Timestamp>) {
        let mut ends = self.ends.lock().unwrap_or_else(|e| e.into_inner());
        let due: Vec<_> = ends.iter().filter(|(_, e)| **e <= now).map(|(k, e)| (k.clone(), *e)).collect();
        for (k, _) in &due {
            ends.remove(k);
        }
        (due, ends.values().min().copied())
    }

    /// Runs until `shutdown`: expires each countdown when it reaches zero.
    pub async fn run(self, writer: Writer, shutdown: CancellationToken) {
        loop {
            let (due, next) = self.due(Timestamp::now());
            for ((session_id, question_id), ends_at) in due {
                if let Err(e) = writer.act(session_id, Action::TimerExpired { question_id, ends_at }).await {
                    tracing::warn!(error = %e, "expiring a countdown failed");
                }
            }
            let wait = next.map(|n| {
                let ms = n.duration_since(Timestamp::now()).as_millis().max(0);
                std::time::Duration::from_millis(u64::try_from(ms).unwrap_or(u64::MAX))
            });
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
