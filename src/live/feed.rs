//! A session's events for one socket: in order, each once, never with a gap.
//!
//! Live events come from the hub's bounded broadcast channels. When the socket falls behind
//! (the channel dropped events for it, or, on a channel of every event, an event arrives with a
//! jump in seq), the feed reads what is missing from the store, where every committed event
//! already is. Memory per socket stays bounded and a slow socket never holds up the writer or
//! other sockets.

use std::sync::Arc;

use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

use super::room::RoomFilter;
use crate::hub::Live;
use crate::limits::REPLAY_BATCH;
use crate::model::EventKind;
use crate::store::Store;

/// Which events a feed delivers, and so what its channel carries.
#[derive(Clone, Copy)]
pub enum Scope {
    /// Every event. The channel carries every seq, so a jump reveals a gap.
    All,
    /// Only these, as the room may see them now (walls and phones). The channel carries only
    /// them, so seqs jump by design; the channel reports anything it dropped as `Lagged`. An
    /// event read back from the store loses the text of cards hidden since it happened; live
    /// events need no such care, as a hide that follows reaches the same socket next.
    Room(fn(&EventKind) -> bool),
}

impl Scope {
    fn wants(self, kind: &EventKind) -> bool {
        match self {
            Scope::All => true,
            Scope::Room(f) => f(kind),
        }
    }

    /// Whether seqs on this feed's channel jump by design.
    fn filtered(self) -> bool {
        !matches!(self, Scope::All)
    }
}

/// What the feed has for its socket next.
pub enum Step {
    Events(Vec<Arc<Live>>),
    /// The replay asked for on connect is complete up to this seq; live events follow.
    /// Sent once, even when nothing was replayed, so a client never has to guess (a wall is
    /// not sent waiting contributions, so its replay can end below `hello.seq`).
    Replayed(u64),
}

/// Catch up to whatever the store holds now (after the channel dropped events).
const UP_TO_NOW: u64 = u64::MAX;

/// Live events handed to a socket at once when several are already waiting.
const LIVE_BATCH: usize = 64;

pub struct Feed {
    session_id: String,
    /// The end of the replay on connect, until it has been announced.
    replay_end: Option<u64>,
    /// The last seq handled (sent or skipped as not for this feed).
    last: u64,
    /// Set while catching up from the store, up to and including this seq.
    behind_until: Option<u64>,
    rx: broadcast::Receiver<Arc<Live>>,
    scope: Scope,
    /// For the room: what of each event it may see (see `ws::room`).
    room: Option<RoomFilter>,
}

impl Feed {
    /// A feed that first replays `(since, upto]` from the store, then goes live. Subscribe to
    /// `rx` before reading `upto`, so nothing committed in between is missed.
    pub fn new(
        session_id: String,
        rx: broadcast::Receiver<Arc<Live>>,
        since: u64,
        upto: u64,
        scope: Scope,
    ) -> Self {
        Self {
            session_id,
            replay_end: Some(upto.max(since)),
            last: since,
            behind_until: (since < upto).then_some(upto),
            rx,
            scope,
            room: None,
        }
    }

    /// Passes every event through `filter` before it goes out.
    pub fn with_room(mut self, filter: RoomFilter) -> Self {
        self.room = Some(filter);
        self
    }

    fn present(&mut self, ev: Arc<Live>) -> Option<Arc<Live>> {
        match &mut self.room {
            Some(f) => f.present(ev),
            None => Some(ev),
        }
    }

    /// The next events to deliver, in order. `None` when the feed ends (store failure or the
    /// hub went away). Cancel-safe: progress is recorded only when events are returned, and
    /// anything dropped by a cancellation is found again by the gap check.
    pub async fn next(&mut self, store: &Store) -> Option<Step> {
        loop {
            if let Some(upto) = self.behind_until {
                // Boxed: a catch-up is rare and its store read large; inline it would size
                // every socket's task.
                match Box::pin(self.catch_up(store, upto)).await {
                    Some(events) if events.is_empty() => continue,
                    other => return other.map(Step::Events),
                }
            }
            if let Some(end) = self.replay_end.take() {
                return Some(Step::Replayed(end));
            }
            match self.rx.recv().await {
                Ok(ev) => {
                    if let Some(ev) = self.accept(ev) {
                        let mut events = vec![ev];
                        self.take_ready(&mut events);
                        return Some(Step::Events(events));
                    }
                }
                // The channel dropped events for this socket: read everything the store has.
                // Recorded before any await, so a cancelled `next` cannot lose the lag (the
                // receiver has already skipped ahead).
                Err(RecvError::Lagged(_)) => self.behind_until = Some(UP_TO_NOW),
                Err(RecvError::Closed) => return None,
            }
        }
    }

    /// A live event from the channel: the event to deliver, or `None` when it is a duplicate,
    /// not for this feed, or after a gap (then the gap is read from the store first).
    fn accept(&mut self, ev: Arc<Live>) -> Option<Arc<Live>> {
        if ev.seq <= self.last {
            return None;
        }
        if ev.seq == self.last + 1 || self.scope.filtered() {
            self.last = ev.seq;
            return if self.scope.wants(&ev.kind) { self.present(ev) } else { None };
        }
        // A jump on a channel of every event: read what lies between from the store.
        self.behind_until = Some(ev.seq);
        None
    }

    /// Adds the live events already waiting in the channel (up to [`LIVE_BATCH`]), without
    /// waiting, so a socket that fell a little behind writes them out together.
    fn take_ready(&mut self, events: &mut Vec<Arc<Live>>) {
        while events.len() < LIVE_BATCH && self.behind_until.is_none() {
            match self.rx.try_recv() {
                Ok(ev) => events.extend(self.accept(ev)),
                Err(TryRecvError::Lagged(_)) => self.behind_until = Some(UP_TO_NOW),
                // Closed is seen by the next `recv`.
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
    }

    /// One batch from the store towards `upto`; the events of it this feed wants (maybe none).
    async fn catch_up(&mut self, store: &Store, upto: u64) -> Option<Vec<Arc<Live>>> {
        let (sid, after) = (self.session_id.clone(), self.last);
        let redact = matches!(self.scope, Scope::Room(_));
        let read = store
            .read(move |t| {
                let mut batch = crate::store::events_between(t, &sid, after, upto, REPLAY_BATCH)?;
                if redact {
                    crate::store::redact_for_room(t, &sid, &mut batch)?;
                }
                Ok(batch)
            })
            .await;
        let batch = match read {
            Ok(b) => b,
            Err(e) => {
                tracing::error!(error = %e, "catching up from the store failed");
                return None;
            }
        };
        let end = batch.last().map_or(self.last, |e| e.seq);
        // A short batch means the store has nothing more in range: caught up.
        let done = end >= upto || batch.len() < REPLAY_BATCH;
        self.last = self.last.max(end);
        if done {
            if upto != UP_TO_NOW {
                self.last = self.last.max(upto);
            }
            self.behind_until = None;
        }
        let scope = self.scope;
        Some(
            batch
                .into_iter()
                .filter(|e| scope.wants(&e.kind))
                .filter_map(|e| self.present(Arc::new(Live::new(e))))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use futures_util::FutureExt;
    use tokio::sync::broadcast;

    use super::*;
    use crate::model::Event;
    use crate::store::EVENT_KEY_TO_EVENT;

    fn event(seq: u64) -> Event {
        Event {
            seq,
            at: jiff::Timestamp::now(),
            kind: EventKind::QuestionOpened { question_id: "q1".into() },
        }
    }

    /// Regression: a `next` cancelled just after the channel reported a lag (the receiver has
    /// then already skipped ahead) must not lose the lag, or the events in between are never
    /// sent. Seen as a gap on a slow wall whose `next` lost a race with the socket's tick.
    #[tokio::test]
    async fn a_cancelled_next_after_a_lag_still_catches_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("feed.redb")).unwrap();
        let (tx, rx) = broadcast::channel(4);
        {
            let txn = store.database().unwrap().begin_write().unwrap();
            {
                let mut events = txn.open_table(EVENT_KEY_TO_EVENT).unwrap();
                for seq in 1..=20 {
                    events.insert(("s", seq), serde_json::to_vec(&event(seq)).unwrap().as_slice()).unwrap();
                }
            }
            txn.commit().unwrap();
        }
        for seq in 1..=20 {
            tx.send(Arc::new(Live::new(event(seq)))).unwrap();
        }
        let mut feed = Feed::new("s".into(), rx, 0, 0, Scope::Room(|_| true));
        assert!(matches!(feed.next(&store).await, Some(Step::Replayed(0))));
        // Poll once and drop: the lag is seen, the store read has only just started.
        let _ = feed.next(&store).now_or_never();
        let mut seen = Vec::new();
        while seen.len() < 20 {
            match tokio::time::timeout(std::time::Duration::from_secs(5), feed.next(&store)).await {
                Ok(Some(Step::Events(evs))) => seen.extend(evs.iter().map(|e| e.seq)),
                other => panic!("feed ended early: {:?}", other.map(|s| s.is_some())),
            }
        }
        assert_eq!(seen, (1..=20).collect::<Vec<_>>(), "gap or duplicate after a cancelled next");
    }

    /// Events already waiting in the channel come out together, in order, each once; after a
    /// lag the feed still reads what was dropped from the store, then goes live again.
    #[tokio::test]
    async fn waiting_live_events_come_out_together_and_a_lag_among_them_is_caught_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("feed.redb")).unwrap();
        {
            let txn = store.database().unwrap().begin_write().unwrap();
            {
                let mut events = txn.open_table(EVENT_KEY_TO_EVENT).unwrap();
                for seq in 1..=12 {
                    events.insert(("s", seq), serde_json::to_vec(&event(seq)).unwrap().as_slice()).unwrap();
                }
            }
            txn.commit().unwrap();
        }
        let (tx, rx) = broadcast::channel(8);
        let mut feed = Feed::new("s".into(), rx, 0, 0, Scope::All);
        assert!(matches!(feed.next(&store).await, Some(Step::Replayed(0))));
        for seq in 1..=5 {
            tx.send(Arc::new(Live::new(event(seq)))).unwrap();
        }
        let Some(Step::Events(batch)) = feed.next(&store).await else { panic!("no events") };
        assert_eq!(batch.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
        // Twelve more than the channel holds: the oldest are dropped for this receiver.
        for seq in 6..=12 {
            tx.send(Arc::new(Live::new(event(seq)))).unwrap();
        }
        for seq in 13..=14 {
            tx.send(Arc::new(Live::new(event(seq)))).unwrap();
        }
        let mut seen = Vec::new();
        while seen.last() != Some(&14) {
            match tokio::time::timeout(std::time::Duration::from_secs(5), feed.next(&store)).await {
                Ok(Some(Step::Events(evs))) => seen.extend(evs.iter().map(|e| e.seq)),
                other => panic!("feed ended early: {:?}", other.map(|s| s.is_some())),
            }
            if seen.len() > 20 {
                break;
            }
        }
        assert_eq!(seen, (6..=14).collect::<Vec<_>>(), "gap or duplicate");
    }
}
