//! What the HTTP handlers and the sockets share above the writer and the store: finding the
//! session a request is about, by join code (participants) or by id and token (everyone else).
//! Both transports call it; it calls neither.
//!
//! Beside the lookups, the rest of the service layer: [`participate`] (a contribution from
//! either transport), [`ratelimit`] (per phone, per address) and [`state`] (the handles every
//! handler and socket shares).

mod access;
pub mod participate;
pub mod ratelimit;
pub mod state;

pub use access::{
    Role, leader_for, leader_table, leader_token, require, role_of, session, session_by_code, session_for,
};
