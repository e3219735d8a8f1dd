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

#[derive(Clone, Default)]
pub struct RateLimiter {
    buckets: Arc<Mutex<HashMap<(String, String), Bucket>>>,
}

impl RateLimiter {
    /// Takes one token for `participant` (or the session's anonymous bucket). On refusal,
    /// returns how many whole seconds until a token is free.
    pub fn check(&self, session_id: &str, participant: Option<&str>) -> Result<(), u64> {
        let (who, rate) = match participant {
            Some(p) => (p, Rate::PHONE),
            None => ("", Rate::ANONYMOUS),
        };
        let now = Instant::now();
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= RATE_MAX_TRACKED {
            // Buckets that have refilled are the same as new ones: forgetting them is free.
            map.retain(|_, b| refill(*b, now, Rate::PHONE) < f64::from(Rate::PHONE.burst));
        }
        let bucket = map
            .entry((session_id.to_string(), who.to_string()))
            .or_insert(Bucket { tokens: f64::from(rate.burst), at: now });
        let tokens = refill(*bucket, now, rate);
        if tokens >= 1.0 {
            *bucket = Bucket { tokens: tokens - 1.0, at: now };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now };
            Err(((1.0 - tokens) / rate.per_second()).ceil().max(1.0) as u64)
        }
    }
}

fn refill(b: Bucket, now: Instant, rate: Rate) -> f64 {
    let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
    (b.tokens + elapsed * rate.per_second()).min(f64::from(rate.burst))
}

#[cfg(test)]
mod tests {
    use super::*;

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
