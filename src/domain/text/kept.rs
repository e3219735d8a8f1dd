//! Word clouds kept until their session changes. Every wall asks for its cloud every few
//! seconds, and a 50,000-card question takes most of a second to count: the HTTP handler
//! (`http::sense`) keeps what it made here, in the shared state.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The word clouds made lately, each with the session's seq it was made at: a cloud made at seq
/// S is the cloud of every later request while the session's seq is still S. One cloud of a
/// question is made at a time; requests meanwhile wait for it instead of counting it again.
#[derive(Default)]
pub struct Clouds {
    slots: Mutex<HashMap<CloudKey, Slot>>,
}

/// (session id, question id, most words).
pub type CloudKey = (String, String, usize);
pub type Slot = Arc<tokio::sync::Mutex<Option<Cloud>>>;

pub struct Cloud {
    pub seq: u64,
    pub svg: axum::body::Bytes,
}

impl Clouds {
    pub fn slot(&self, key: CloudKey) -> Slot {
        // A poisoned lock only means a panic elsewhere mid-insert; the map is still usable.
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if !slots.contains_key(&key) && slots.len() >= crate::limits::CLOUDS_KEPT {
            // Forget the clouds nobody is making or reading now.
            slots.retain(|_, slot| Arc::strong_count(slot) > 1);
        }
        slots.entry(key).or_default().clone()
    }
}
