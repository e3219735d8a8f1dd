//! The open-file limit: raised to the hard limit at start, then used to size the connection cap
//! so that accepting never runs out of descriptors for the database and the rest.

use crate::limits::{FD_RESERVE, MAX_REFUSALS_IN_FLIGHT};

/// Raises this process's open-file soft limit to its hard limit and returns the soft limit in
/// force afterwards; `None` where there is no such limit or it cannot be read.
pub fn raise_open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        match rlimit::increase_nofile_limit(u64::MAX) {
            Ok(n) => Some(n),
            Err(e) => {
                tracing::warn!(error = %e, "could not raise the open-file limit");
                rlimit::getrlimit(rlimit::Resource::NOFILE).ok().map(|(soft, _)| soft)
            }
        }
    }
    #[cfg(not(unix))]
    None
}

/// The effective cap: the configured one, lowered so that connections, refusals in flight and
/// [`FD_RESERVE`] fit in `open_files`; never below 1.
pub fn connection_cap(configured: usize, open_files: Option<u64>) -> usize {
    let room = open_files.map_or(u64::MAX, |n| n.saturating_sub(FD_RESERVE + MAX_REFUSALS_IN_FLIGHT as u64));
    let room = usize::try_from(room).unwrap_or(usize::MAX);
    configured.min(room).clamp(1, tokio::sync::Semaphore::MAX_PERMITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_room_for_the_reserve_and_refusals() {
        let overhead = FD_RESERVE + MAX_REFUSALS_IN_FLIGHT as u64;
        assert_eq!(connection_cap(10_000, Some(1_024)), (1_024 - overhead) as usize);
        assert_eq!(connection_cap(10_000, Some(1_048_576)), 10_000);
        assert_eq!(connection_cap(20, Some(256)), 20);
        assert_eq!(connection_cap(10_000, None), 10_000);
        assert_eq!(connection_cap(10_000, Some(10)), 1, "never zero");
    }

    #[cfg(unix)]
    #[test]
    fn raising_never_lowers_the_limit() {
        let before = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap().0;
        let after = raise_open_file_limit().unwrap();
        assert!(after >= before, "{after} < {before}");
    }
}
