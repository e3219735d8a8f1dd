//! What happens after a commit: the [`hub`] fans a session's events out live, a [`feed`]
//! delivers them to one socket in order (reading the store when the socket fell behind),
//! [`room`] leaves out what the room may not see, and [`timers`] close countdowns at zero.
//!
//! Below the writer (which publishes to the hub and tells the timers of each commit) and
//! above the store (which the feed reads); no transport here: the sockets in `ws` carry a
//! feed, whatever it is.

pub mod feed;
pub mod hub;
pub mod room;
pub mod timers;

pub use feed::{Feed, Scope, Step};
pub use room::RoomFilter;
