//! Remembering what was seen (a participant id from an address, a join code an address has
//! opened) in bounded memory.
//!
//! Entries are 64-bit hashes under a key chosen at random when the server starts, so a client
//! cannot craft collisions, and a full set forgets its least recently used entry. Forgetting
//! is safe: the next time, that id or code merely counts as new again.

use std::hash::{BuildHasher, Hash, RandomState};
use std::num::NonZeroUsize;
use std::sync::Mutex;

use lru::LruCache;

pub struct Seen {
    hasher: RandomState,
    entries: Mutex<LruCache<u64, ()>>,
}

impl Seen {
    /// A set that grows as it is used, up to `capacity` entries (about 50 bytes each).
    pub fn new(capacity: usize) -> Self {
        let capacity = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        Self { hasher: RandomState::new(), entries: Mutex::new(LruCache::sparse(capacity)) }
    }

    /// Ok if `what` was seen; else remembers it if `admit` agrees, all in one step, so that of
    /// many requests racing for the same new entry only one is asked.
    pub fn admit<E>(&self, what: impl Hash, admit: impl FnOnce() -> Result<(), E>) -> Result<(), E> {
        let h = self.hasher.hash_one(what);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.get(&h).is_none() {
            admit()?;
            entries.put(h, ());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(set: &Seen, what: (&str, &str)) -> bool {
        set.admit(what, || Err(())).is_ok()
    }

    #[test]
    fn admits_a_new_entry_only_when_told_and_a_known_one_without_asking() {
        let set = Seen::new(4);
        assert_eq!(set.admit("x", || Err("no")), Err("no"));
        assert_eq!(set.admit("x", || Ok::<(), &str>(())), Ok(()));
        assert_eq!(set.admit("x", || Err("not asked")), Ok(()));
    }

    #[test]
    fn remembers_up_to_its_capacity_and_forgets_the_least_recently_used() {
        let set = Seen::new(2);
        let yes = || Ok::<(), ()>(());
        set.admit(("s", "a"), yes).unwrap();
        set.admit(("s", "b"), yes).unwrap();
        assert!(seen(&set, ("s", "a")));
        set.admit(("s", "c"), yes).unwrap();
        // "b" was used least recently.
        assert!(!seen(&set, ("s", "b")));
        assert!(seen(&set, ("s", "a")) && seen(&set, ("s", "c")));
        assert!(!seen(&set, ("t", "a")));
    }
}
