//! A session's events for one socket: in order, each once, never with a gap.
//!
//! Live events come from the hub's bounded broadcast channel. When the socket falls behind
//! (the channel dropped events for it, or an event arrives with a gap), the feed reads what is
//! missing from the store, where every committed event already is. Memory per socket stays
//! bounded and a slow socket never holds up the writer or other sockets.

use std::sync::Arc;

use tokio::sync::broadcast::{self, error::RecvError};

use crate::limits::REPLAY_BATCH;
use crate::model::{Event, EventKind};
use crate::store::Store;

pub struct Feed {
    session_id: String,
    /// The last seq handled (sent or filtered out).
    last: u64,
    /// Set while catching up from the store, up to and including this seq.
    behind_until: Option<u64>,
    rx: broadcast::Receiver<Arc<Event>>,
    wants: fn(&EventKind) -> bool,
}

impl Feed {
    /// A feed that first replays `(since, upto]` from the store, then goes live. Subscribe to
    /// `rx` before reading `upto`, so nothing committed in between is missed.
    pub fn new(
        session_id: String,
        rx: broadcast::Receiver<Arc<Event>>,
        since: u64,
        upto: u64,
        wants: fn(&EventKind) -> bool,
    ) -> Self {
        Self { session_id, last: since, behind_until: (since < upto).then_some(upto), rx, wants }
    }

    /// The next events to deliver, in order. `None` when the feed ends (store failure or the
    /// hub went away). Cancel-safe: progress is recorded only when events are returned, and
    /// anything dropped by a cancellation is found again by the gap check.
    pub async fn next(&mut self, store: &Store) -> Option<Vec<Arc<Event>>> {
        loop {
            if let Some(upto) = self.behind_until {
                let (sid, after) = (self.session_id.clone(), self.last);
                let read = store
                    .read(move |t| crate::store::events_between(t, &sid, after, upto, REPLAY_BATCH))
                    .await;
                let batch = match read {
                    Ok(b) => b,
                    Err(e) => {
                        tracing::error!(error = %e, "catching up from the store failed");
                        return None;
                    }
                };
                let Some(end) = batch.last().map(|e| e.seq) else {
                    self.behind_until = None;
                    continue;
                };
                self.last = end;
                if end >= upto {
                    self.behind_until = None;
                }
                let wanted: Vec<_> =
                    batch.into_iter().filter(|e| (self.wants)(&e.kind)).map(Arc::new).collect();
                if !wanted.is_empty() {
                    return Some(wanted);
                }
                continue;
            }
            match self.rx.recv().await {
                Ok(ev) if ev.seq <= self.last => {}
                Ok(ev) if ev.seq == self.last + 1 => {
                    self.last = ev.seq;
                    if (self.wants)(&ev.kind) {
                        return Some(vec![ev]);
                    }
                }
                Ok(ev) => self.behind_until = Some(ev.seq),
                Err(RecvError::Lagged(_)) => {
                    let sid = self.session_id.clone();
                    match store.read(move |t| crate::store::session_seq(t, &sid)).await {
                        Ok(now) => self.behind_until = Some(now),
                        Err(e) => {
                            tracing::error!(error = %e, "reading the session's seq failed");
                            return None;
                        }
                    }
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }
}
