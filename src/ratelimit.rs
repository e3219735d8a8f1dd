//! Per-phone rate limits: a token bucket per (session, participant id).
//!
//! Keyed on the phone's participant id, not its IP address, because a whole room shares one
//! venue NAT. Clients that send no participant id share one larger bucket per session.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::limits::*;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
    rate: Rate,
}

/// Burst size and refill rate of one kind of bucket.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: u32,
    pub per_minute: u32,
}

impl Rate {
    pub const PHONE: Rate = Rate { burst: RATE_BURST, per_minute: RATE_PER_MINUTE };
    pub const ANONYMOUS: Rate = Rate { burst: ANON_RATE_BURST, per_minute: ANON_RATE_PER_MINUTE };

    fn per_second(self) -> f64 {
        f64::from(self.per_minute) / 60.0
    }
}

#[derive(Clone)]
pub struct RateLimiter {
    inner: Arc<Mutex<Buckets>>,
    max_tracked: usize,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::with_max_tracked(RATE_MAX_TRACKED)
    }
}

#[derive(Default)]
struct Buckets {
    map: HashMap<(String, String), Bucket>,
    /// When the map is full, it is swept at most once per [`SWEEP_EVERY`].
    last_sweep: Option<Instant>,
}

/// How often a full map may be swept (a sweep is a pass over every entry).
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

impl RateLimiter {
    /// A limiter that remembers at most `max_tracked` (session, phone) pairs.
    pub fn with_max_tracked(max_tracked: usize) -> Self {
        Self { inner: Arc::default(), max_tracked }
    }

    /// Takes one token for `participant` (or the session's anonymous bucket). On refusal,
    /// returns how many whole seconds until a token is free.
    pub fn check(&self, session_id: &str, participant: Option<&str>) -> Result<(), u64> {
        let (who, rate) = match participant {
            Some(p) => (p, Rate::PHONE),
            None => ("", Rate::ANONYMOUS),
        };
        let now = Instant::now();
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let Buckets { map, last_sweep } = &mut *guard;
        let key = (session_id.to_string(), who.to_string());
        if map.len() >= self.max_tracked && !map.contains_key(&key) {
            if last_sweep.is_none_or(|t| now.duration_since(t) >= SWEEP_EVERY) {
                *last_sweep = Some(now);
                // A bucket that has refilled is the same as a new one: forgetting it is free.
                map.retain(|_, b| refill(*b, now) < f64::from(b.rate.burst));
            }
            if map.len() >= self.max_tracked {
                // More phones than the limiter tracks are all sending at once: new ones wait
                // rather than go unlimited.
                return Err(SWEEP_EVERY.as_secs());
            }
        }
        let bucket = map.entry(key).or_insert(Bucket { tokens: f64::from(rate.burst), at: now, rate });
        let tokens = refill(*bucket, now);
        if tokens >= 1.0 {
            *bucket = Bucket { tokens: tokens - 1.0, at: now, rate };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now, rate };
            Err(((1.0 - tokens) / rate.per_second()).ceil().max(1.0) as u64)
        }
    }
}

fn refill(b: Bucket, now: Instant) -> f64 {
    let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
    (b.tokens + elapsed * b.rate.per_second()).min(f64::from(b.rate.burst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_limiter_holds_new_phones_back_and_serves_known_ones() {
        let rl = RateLimiter::with_max_tracked(3);
        for p in ["a", "b", "c"] {
            assert!(rl.check("s", Some(p)).is_ok());
        }
        // Nobody has refilled (each spent a token just now), so nothing can be forgotten.
        assert!(rl.check("s", Some("d")).is_err());
        assert!(rl.check("s", Some("a")).is_ok());
    }

    #[test]
    fn burst_then_refusal_per_phone() {
        let rl = RateLimiter::default();
        for _ in 0..RATE_BURST {
            assert!(rl.check("s", Some("phone-a")).is_ok());
        }
        let wait = rl.check("s", Some("phone-a")).unwrap_err();
        assert!(wait >= 1);
        // Another phone behind the same NAT is not affected.
        assert!(rl.check("s", Some("phone-b")).is_ok());
        // The same phone in another session is not affected either.
        assert!(rl.check("t", Some("phone-a")).is_ok());
    }
}
