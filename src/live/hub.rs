//! Live fan-out: per session, a bounded broadcast channel of every event (for walls), one of
//! only the events phones see (so a thousand phones are not woken for every contribution), and
//! a count of the phones connected.
//!
//! The writer publishes after each commit. Each event travels as one [`Live`], whose websocket
//! frame the first socket to send it serialises and every other socket reuses. A subscriber that falls behind loses its place in
//! the channel (tokio's broadcast drops the oldest for that receiver only) and catches up from
//! the store, so a slow client never slows the others and memory stays bounded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::ws::Utf8Bytes;
use tokio::sync::{broadcast, watch};

use crate::limits::EVENT_CHANNEL_CAPACITY;
use crate::model::Event;

/// A committed event on its way to the sockets, with its text frame once one socket made it:
/// five hundred walls then serialise an event once, not five hundred times.
#[derive(Debug)]
pub struct Live {
    pub event: Event,
    frame: OnceLock<Utf8Bytes>,
    /// The event as rooms that may not see part of it get it (see `ws::room`), one per kind of
    /// cut, made once and shared by every socket with that cut, frame included.
    cuts: [OnceLock<Arc<Live>>; CUTS],
}

/// Kinds of cut a room can make to an event: the table, the perspective, or both.
pub const CUTS: usize = 3;

impl Live {
    pub fn new(event: Event) -> Self {
        Self { event, frame: OnceLock::new(), cuts: Default::default() }
    }

    /// The event with cut `which` (below [`CUTS`]): made by `make` the first time, shared after.
    pub fn cut(&self, which: usize, make: impl FnOnce(&Event) -> Event) -> Arc<Live> {
        let slot = &self.cuts[which.min(CUTS - 1)];
        slot.get_or_init(|| Arc::new(Live::new(make(&self.event)))).clone()
    }

    /// The event's frame: made by `make` the first time, shared (not copied) after.
    pub fn frame(&self, make: impl FnOnce(&Event) -> Utf8Bytes) -> Utf8Bytes {
        self.frame.get_or_init(|| make(&self.event)).clone()
    }
}

impl std::ops::Deref for Live {
    type Target = Event;
    fn deref(&self) -> &Event {
        &self.event
    }
}

/// Channels kept before unused ones are dropped.
const PRUNE_ABOVE: usize = 64;

struct Channel {
    events: broadcast::Sender<Arc<Live>>,
    phone_events: broadcast::Sender<Arc<Live>>,
    phones: watch::Sender<usize>,
}

impl Channel {
    fn new() -> Self {
        Self {
            events: broadcast::channel(EVENT_CHANNEL_CAPACITY).0,
            phone_events: broadcast::channel(EVENT_CHANNEL_CAPACITY).0,
            phones: watch::channel(0).0,
        }
    }

    fn unused(&self) -> bool {
        self.events.receiver_count() == 0
            && self.phone_events.receiver_count() == 0
            && self.phones.receiver_count() == 0
            && *self.phones.borrow() == 0
    }
}

/// Cheap to clone; shared by the writer and every socket task.
#[derive(Clone, Default)]
pub struct Hub {
    channels: Arc<Mutex<HashMap<String, Channel>>>,
}

/// What a socket task listens to.
pub struct Subscription {
    pub events: broadcast::Receiver<Arc<Live>>,
    pub phones: watch::Receiver<usize>,
}

/// Counts one connected phone until dropped.
pub struct PhonePresence {
    hub: Hub,
    session_id: String,
}

impl Hub {
    fn with_channel<T>(&self, session_id: &str, f: impl FnOnce(&Channel) -> T) -> T {
        // A poisoned lock only means another thread panicked mid-update of a map of channels;
        // the map itself is still usable.
        let mut map = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        let channel = map.entry(session_id.to_string()).or_insert_with(Channel::new);
        f(channel)
    }

    /// Every event of the session, and the phone count (for walls).
    pub fn subscribe(&self, session_id: &str) -> Subscription {
        self.with_channel(session_id, |c| Subscription {
            events: c.events.subscribe(),
            phones: c.phones.subscribe(),
        })
    }

    /// Only the events phones receive ([`crate::model::EventKind::for_participants`]).
    pub fn subscribe_phone(&self, session_id: &str) -> broadcast::Receiver<Arc<Live>> {
        self.with_channel(session_id, |c| c.phone_events.subscribe())
    }

    /// Sends a committed event to the session's live subscribers, if any.
    pub fn publish(&self, session_id: &str, event: Event) {
        let event = Arc::new(Live::new(event));
        let map = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = map.get(session_id) {
            // An error only means nobody listens right now.
            if event.kind.for_participants() {
                let _ = c.phone_events.send(event.clone());
            }
            let _ = c.events.send(event);
        }
    }

    /// Registers a connected phone; the count drops when the guard does.
    pub fn phone_connected(&self, session_id: &str) -> PhonePresence {
        self.with_channel(session_id, |c| c.phones.send_modify(|n| *n += 1));
        PhonePresence { hub: self.clone(), session_id: session_id.to_string() }
    }

    /// Phones connected to a session now.
    pub fn phones(&self, session_id: &str) -> usize {
        let map = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        map.get(session_id).map_or(0, |c| *c.phones.borrow())
    }

    /// Forgets channels nobody uses once there are many, so ended sessions cost nothing.
    pub fn prune_if_large(&self) {
        let mut map = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, c| !c.unused());
        }
    }
}

impl Drop for PhonePresence {
    fn drop(&mut self) {
        let map = self.hub.channels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = map.get(&self.session_id) {
            c.phones.send_modify(|n| *n = n.saturating_sub(1));
        }
    }
}
