//! The domain: what a meeting is and the rules it keeps, with no I/O. Nothing here opens a
//! file or a socket, takes the database or awaits a channel; everything above builds on it.
//!
//! At the bottom, [`error`] (what a client is told; it reads only [`crate::limits`], the
//! ground below this layer). On it: [`model`] (sessions, events
//! and the one reducer), [`validate`], [`moderation`] (the abuse filter), [`text`] (word
//! clouds, suggested themes), [`export`] (the secretary's files, rendered in memory), [`qr`]
//! and [`token`]. They import each other without cycles (`tests/architecture.rs`).

pub mod error;
pub mod export;
pub mod model;
pub mod moderation;
pub mod qr;
pub mod text;
pub mod token;
pub mod validate;
