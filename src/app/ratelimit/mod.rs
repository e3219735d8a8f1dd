//! Rate limits, per phone and per network address.
//!
//! Per phone: keyed on the participant id, because a whole room shares one venue NAT; clients
//! that send no participant id share one larger bucket per session. But ids are made by the
//! client, so a script could invent a fresh id for every request. Per address, a ceiling on new
//! ids and on the total keeps one machine from acting like more than a full hall (see the flood
//! limits in `limits.rs`). Each limit is a keyed GCRA limiter from `governor` ([`keyed`]).
//!
//! Order matters where a request passes several limits: the phone's own limit comes first, so
//! a phone that keeps sending past it spends none of its room's shared budget.

mod client;
mod keyed;
mod seen;

use std::sync::Arc;

pub use client::Client;
use keyed::Keyed;
pub use keyed::Rate;
use seen::Seen;

use crate::error::{AppError, Flood};
use crate::limits::*;

impl Rate {
    pub const PHONE: Rate = Rate { burst: RATE_BURST, per_minute: RATE_PER_MINUTE };
    pub const ANONYMOUS: Rate = Rate { burst: ANON_RATE_BURST, per_minute: ANON_RATE_PER_MINUTE };
    pub const NEW_PHONES: Rate = Rate { burst: NEW_PHONES_BURST, per_minute: NEW_PHONES_PER_MINUTE };
    pub const ADDRESS: Rate = Rate { burst: ADDRESS_RATE_BURST, per_minute: ADDRESS_RATE_PER_MINUTE };
    pub const VOTES: Rate = Rate { burst: VOTE_BURST, per_minute: VOTE_PER_MINUTE };
    pub const ADDRESS_VOTES: Rate = Rate { burst: ADDRESS_VOTE_BURST, per_minute: ADDRESS_VOTE_PER_MINUTE };
    pub const LOOKUPS: Rate = Rate { burst: LOOKUP_BURST, per_minute: LOOKUP_PER_MINUTE };
    pub const CODE_GUESSES: Rate = Rate { burst: CODE_GUESS_BURST, per_minute: CODE_GUESS_PER_MINUTE };
}

/// Every rate limit, for [`crate::Config`]: the constants in `limits.rs` unless a test or an
/// embedder chooses otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Contributions per phone (session, participant id).
    pub phone: Rate,
    /// Contributions without a participant id, per session.
    pub anonymous: Rate,
    /// Participant ids new to an address, per (session, address); contributions and votes.
    pub new_phones: Rate,
    /// Contributions per (session, address).
    pub address: Rate,
    /// Ballots per phone (session, participant id).
    pub votes: Rate,
    /// Ballots per (session, address).
    pub address_votes: Rate,
    /// Join lookups per address.
    pub lookups: Rate,
    /// Join codes an address has not opened before, per address.
    pub code_guesses: Rate,
    /// Keys each limiter tracks at once.
    pub max_tracked: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            phone: Rate::PHONE,
            anonymous: Rate::ANONYMOUS,
            new_phones: Rate::NEW_PHONES,
            address: Rate::ADDRESS,
            votes: Rate::VOTES,
            address_votes: Rate::ADDRESS_VOTES,
            lookups: Rate::LOOKUPS,
            code_guesses: Rate::CODE_GUESSES,
            max_tracked: RATE_MAX_TRACKED,
        }
    }
}

type PerSession<K> = Keyed<(String, K)>;

struct Limiters {
    phones: PerSession<String>,
    anonymous: Keyed<String>,
    new_phones: PerSession<Client>,
    addresses: PerSession<Client>,
    votes: PerSession<String>,
    address_votes: PerSession<Client>,
    lookups: Keyed<Client>,
    code_guesses: Keyed<Client>,
    /// (session, address, participant id) seen: only the first use of an id is "new".
    seen_phones: Seen,
    /// (address, join code) opened: later lookups of that code cost no guess.
    opened_codes: Seen,
}

#[derive(Clone)]
pub struct RateLimiter(Arc<Limiters>);

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(Limits::default())
    }
}

fn key<K>(session: &str, k: K) -> (String, K) {
    (session.to_string(), k)
}

fn too_many(what: Flood) -> impl Fn(u64) -> AppError {
    move |retry_after_secs| AppError::TooMany { what, retry_after_secs }
}

impl RateLimiter {
    pub fn new(l: Limits) -> Self {
        let n = l.max_tracked;
        Self(Arc::new(Limiters {
            phones: Keyed::new(l.phone, n),
            anonymous: Keyed::new(l.anonymous, n),
            new_phones: Keyed::new(l.new_phones, n),
            addresses: Keyed::new(l.address, n),
            votes: Keyed::new(l.votes, n),
            address_votes: Keyed::new(l.address_votes, n),
            lookups: Keyed::new(l.lookups, n),
            code_guesses: Keyed::new(l.code_guesses, n),
            seen_phones: Seen::new(SEEN_PHONES_MAX),
            opened_codes: Seen::new(OPENED_CODES_MAX),
        }))
    }

    /// The production limits, tracking at most `max_tracked` keys per limiter.
    pub fn with_max_tracked(max_tracked: usize) -> Self {
        Self::new(Limits { max_tracked, ..Limits::default() })
    }

    /// Takes one contribution from `participant`'s budget (or the session's anonymous one).
    /// On refusal, returns how many whole seconds until one is free.
    pub fn check(&self, session_id: &str, participant: Option<&str>) -> Result<(), u64> {
        match participant {
            Some(p) => self.0.phones.check(&key(session_id, p.to_string())),
            None => self.0.anonymous.check(&session_id.to_string()),
        }
    }

    /// Everything a new contribution passes: the phone's own limit, the address's ceiling on
    /// new ids (if the id is new to it) and the address's total.
    pub fn contribution(
        &self,
        session_id: &str,
        client: Client,
        participant: Option<&str>,
    ) -> Result<(), AppError> {
        self.check(session_id, participant)
            .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
        if let Some(p) = participant {
            self.new_phone(session_id, client, p)?;
        }
        self.0.addresses.check(&key(session_id, client)).map_err(too_many(Flood::NetworkContributions))
    }

    /// Everything a ballot passes, whether or not it changes anything: the phone's limit, the
    /// new-id ceiling (so fresh ids cannot stuff dots) and the address's total.
    pub fn ballot(&self, session_id: &str, client: Client, participant: &str) -> Result<(), AppError> {
        self.0.votes.check(&key(session_id, participant.to_string())).map_err(too_many(Flood::Votes))?;
        self.new_phone(session_id, client, participant)?;
        self.0.address_votes.check(&key(session_id, client)).map_err(too_many(Flood::NetworkVotes))
    }

    /// The first time `participant` is seen from `client` in a session, it costs one of the
    /// address's new ids.
    fn new_phone(&self, session_id: &str, client: Client, participant: &str) -> Result<(), AppError> {
        let charge = || self.0.new_phones.check(&key(session_id, client));
        self.0
            .seen_phones
            .admit((session_id, client, participant), charge)
            .map_err(too_many(Flood::NewPhones))
    }

    /// One join lookup (a page or a socket opening a session by its code).
    pub fn lookup(&self, client: Client) -> Result<(), AppError> {
        self.0.lookups.check(&client).map_err(too_many(Flood::Lookups))
    }

    /// After `client` looked up a join code (`found` or not): a code it has not opened before
    /// costs one of its guesses either way, so once they are spent the answer tells a guesser
    /// nothing. A found code is then remembered as opened and costs nothing again; of a room's
    /// phones arriving at once, only the first pays. `code` is normalised.
    pub fn code(&self, client: Client, code: &str, found: bool) -> Result<(), AppError> {
        let guess = || self.0.code_guesses.check(&client);
        let charged = if found { self.0.opened_codes.admit((client, code), guess) } else { guess() };
        charged.map_err(too_many(Flood::Codes))
    }
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

    fn small() -> Limits {
        let slow = |burst| Rate { burst, per_minute: 1 };
        Limits { new_phones: slow(2), address: slow(3), code_guesses: slow(1), ..Limits::default() }
    }

    fn code(e: AppError) -> &'static str {
        e.problem().code
    }

    #[test]
    fn only_the_first_use_of_an_id_from_an_address_counts_as_new() {
        let rl = RateLimiter::new(small());
        let (a, b) = (Client::from_ip([127, 0, 0, 2].into()), Client::from_ip([127, 0, 0, 3].into()));
        assert!(rl.contribution("s", a, Some("p1")).is_ok());
        assert!(rl.ballot("s", a, "p2").is_ok());
        // Known ids are free of the new-id ceiling; a third new one is not.
        assert!(rl.contribution("s", a, Some("p1")).is_ok());
        assert_eq!(rl.contribution("s", a, Some("p3")).map_err(code), Err("too_many_new_phones"));
        assert_eq!(rl.ballot("s", a, "p3").map_err(code), Err("too_many_new_phones"));
        // The refused ones cost the address nothing: it has one of its three contributions left.
        assert!(rl.contribution("s", a, Some("p2")).is_ok());
        assert_eq!(rl.contribution("s", a, Some("p1")).map_err(code), Err("rate_limited"));
        // Another address, and the same address in another session, are not affected.
        assert!(rl.contribution("s", b, Some("p3")).is_ok());
        assert!(rl.contribution("t", a, Some("p3")).is_ok());
    }

    #[test]
    fn an_opened_code_costs_no_guess_again() {
        let rl = RateLimiter::new(small());
        let (a, b) = (Client::from_ip([127, 0, 0, 2].into()), Client::from_ip([127, 0, 0, 3].into()));
        assert!(rl.code(a, "K7MX3R", true).is_ok());
        // The one guess is spent: misses and codes not opened yet are refused alike.
        assert_eq!(rl.code(a, "AAAAAA", false).map_err(code), Err("too_many_codes"));
        assert_eq!(rl.code(a, "CCCCCC", true).map_err(code), Err("too_many_codes"));
        assert!(rl.code(a, "K7MX3R", true).is_ok());
        // A refused code was not remembered as opened.
        assert_eq!(rl.code(a, "CCCCCC", true).map_err(code), Err("too_many_codes"));
        assert!(rl.code(b, "CCCCCC", true).is_ok());
    }
}
