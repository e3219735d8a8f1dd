//! One kind of limit: a keyed GCRA rate limiter (`governor`) whose memory stays bounded.
//!
//! governor's keyed store keeps one entry per key it has seen, and keys here come from clients
//! (addresses, participant ids), so the store is swept: now and then, and whenever it is full.
//! When it is full of keys that are all still busy, new keys wait rather than go unlimited.

use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::nanos::Nanos;
use governor::state::StateStore;
use governor::state::keyed::{DashMapStateStore, ShrinkableKeyedStateStore};
use governor::{Quota, RateLimiter};

/// Burst size and refill rate of one kind of limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub per_minute: u32,
}

impl Rate {
    fn quota(self) -> Quota {
        let one = NonZeroU32::MIN;
        let per_minute = NonZeroU32::new(self.per_minute).unwrap_or(one);
        Quota::per_minute(per_minute).allow_burst(NonZeroU32::new(self.burst).unwrap_or(one))
    }
}

/// How often the store is swept in passing, so keys that have refilled do not pile up.
const SWEEP_INTERVAL: Duration = Duration::from_secs(60);
/// How often a full store may be swept (a sweep is a pass over every entry). It is also what a
/// new key is told to wait while the store is full.
pub const SWEEP_WHEN_FULL: Duration = Duration::from_secs(5);

/// governor's DashMap store, shared so that [`Keyed`] can ask whether a key is tracked.
struct Shared<K: Hash + Eq + Clone>(Arc<DashMapStateStore<K>>);

impl<K: Hash + Eq + Clone> StateStore for Shared<K> {
    type Key = K;

    fn measure_and_replace<T, F, E>(&self, key: &K, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        self.0.measure_and_replace(key, f)
    }
}

impl<K: Hash + Eq + Clone> ShrinkableKeyedStateStore<K> for Shared<K> {
    fn retain_recent(&self, drop_below: Nanos) {
        ShrinkableKeyedStateStore::retain_recent(&*self.0, drop_below);
    }

    fn shrink_to_fit(&self) {
        ShrinkableKeyedStateStore::shrink_to_fit(&*self.0);
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// When the store was last swept, in passing and because it was full.
#[derive(Default)]
struct Swept {
    any: Option<Instant>,
    full: Option<Instant>,
}

/// A keyed limiter that tracks at most `max_tracked` keys.
pub struct Keyed<K: Hash + Eq + Clone> {
    limiter: RateLimiter<K, Shared<K>, DefaultClock>,
    map: Arc<DashMapStateStore<K>>,
    max_tracked: usize,
    swept: Mutex<Swept>,
}

impl<K: Hash + Eq + Clone> Keyed<K> {
    pub fn new(rate: Rate, max_tracked: usize) -> Self {
        let map = Arc::new(DashMapStateStore::default());
        let limiter = RateLimiter::new(rate.quota(), Shared(map.clone()), DefaultClock::default());
        Self { limiter, map, max_tracked, swept: Mutex::default() }
    }

    /// Takes one cell for `key`. On refusal, returns how many whole seconds (at least 1) until
    /// one is free.
    pub fn check(&self, key: &K) -> Result<(), u64> {
        self.sweep_if_due(false);
        if self.map.len() >= self.max_tracked && !self.map.contains_key(key) {
            self.sweep_if_due(true);
            if self.map.len() >= self.max_tracked {
                // More keys are busy at once than this limiter tracks: a new one waits rather
                // than goes unlimited, and known ones carry on.
                return Err(SWEEP_WHEN_FULL.as_secs());
            }
        }
        self.limiter
            .check_key(key)
            .map_err(|not_until| whole_secs(not_until.wait_time_from(self.limiter.clock().now())))
    }

    /// Forgets keys that have refilled (they are the same as new ones): every
    /// [`SWEEP_INTERVAL`] in passing, and at most every [`SWEEP_WHEN_FULL`] when a new key
    /// finds the store `full`. A sweep already under way elsewhere is not waited for.
    fn sweep_if_due(&self, full: bool) {
        let Ok(mut swept) = self.swept.try_lock() else {
            return;
        };
        let due = |last: Option<Instant>, every| last.is_none_or(|t: Instant| t.elapsed() >= every);
        if !(if full { due(swept.full, SWEEP_WHEN_FULL) } else { due(swept.any, SWEEP_INTERVAL) }) {
            return;
        }
        let now = Some(Instant::now());
        swept.any = now;
        if full {
            swept.full = now;
        }
        let before = self.map.len();
        self.limiter.retain_recent();
        // Give memory back only when there is some to give: shrinking rebuilds the table.
        if self.map.len() < before {
            self.limiter.shrink_to_fit();
        }
    }
}

/// A wait in whole seconds, rounded up and at least 1 (what Retry-After can say).
fn whole_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_store_forgets_refilled_keys_and_then_takes_new_ones() {
        // One cell, refilled in 100 ms: long enough that "a spent its cell" holds on a busy
        // machine (a 1 ms refill failed there: the cell came back between two checks), short
        // enough that a key is forgettable soon.
        let limiter = Keyed::new(Rate { burst: 1, per_minute: 600 }, 3);
        for k in ["a", "b", "c"] {
            assert!(limiter.check(&k).is_ok());
        }
        assert_eq!(limiter.check(&"a"), Err(1), "a spent its one cell");
        // Wait for the refill (three cell times), then a new key sweeps the full store.
        std::thread::sleep(Duration::from_millis(300));
        assert!(limiter.check(&"d").is_ok());
        assert_eq!(limiter.map.len(), 1, "only d is tracked after the sweep");
    }

    #[test]
    fn waits_are_whole_seconds_rounded_up() {
        assert_eq!(whole_secs(Duration::ZERO), 1);
        assert_eq!(whole_secs(Duration::from_millis(1_001)), 2);
        assert_eq!(whole_secs(Duration::from_secs(6)), 6);
    }
}
