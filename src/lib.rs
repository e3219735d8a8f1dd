//! inspel: a small self-hosted server for dialogue meetings. Phones join by QR code and send
//! short contributions; every one is durably stored in an embedded redb file before it is
//! acknowledged, and streamed live to the facilitator's projected wall.
//!
//! The binary (`main.rs`) only parses options and calls [`server::App`]; everything else lives
//! here so tests can start the real server on port 0.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod error;
pub mod export;
pub mod http;
pub mod hub;
pub mod limits;
pub mod listen;
pub mod model;
pub mod moderation;
pub mod net;
pub mod participate;
pub mod qr;
pub mod ratelimit;
pub mod server;
pub mod state;
pub mod store;
pub mod text;
pub mod timers;
pub mod token;
pub mod validate;
pub mod writer;
pub mod ws;

pub use config::Config;
pub use server::App;
