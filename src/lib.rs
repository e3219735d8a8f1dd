//! inspel: a small self-hosted server for dialogue meetings. Phones join by QR code and send
//! short contributions; every one is durably stored in an embedded redb file before it is
//! acknowledged, and streamed live to the facilitator's projected wall.
//!
//! The binary (`main.rs`) only parses options and calls [`server::App`]; everything else lives
//! here so tests can start the real server on port 0.
//!
//! # Layout
//!
//! ```text
//!  phone ─▶ listen ─▶ route ─────▶ service ──────▶ writer ─────────────▶ store (redb file)
//!           accept    http/ REST   participate     one thread:            sessions,
//!           loop      ws/ sockets  ratelimit       check, apply,          contributions,
//!                     parse, auth  app (lookups)   group commit           event log
//!                                                    │ publish after commit   │ read back
//!                                                    ▼                        │ when a socket
//!  wall ◀── ws/feed.rs ◀─────────────────────────── hub                       │ is behind
//!           in order, each once ◀─────────────────────────────────────────────┘
//! ```
//!
//! Layers, top to bottom; a module imports only from layers below its own (no import cycles
//! between top-level modules: `tests/architecture.rs` fails on one). docs/architecture.md
//! tells the whole story.
//!
//! - Wiring: [`server`] (start, stop, who owns what), [`config`] (options), [`listen`] (the
//!   accept loop: connection cap, header deadline), [`net`] (the address phones use).
//! - Route: [`http`] (REST handlers, pages, OpenAPI) and [`ws`] (phone and wall sockets;
//!   [`ws::Feed`] is the wall's ordered stream). They parse, authorise and call a service.
//! - Service: [`app`] (the session a request means, by join code or by id and token: what
//!   both routes share), [`participate`] (a contribution from either route), [`ratelimit`]
//!   (per phone, per address), [`state`] (the handles every handler shares).
//! - Writer: [`writer`], the only code that writes: an action is a pure check in
//!   `writer/cmd/` (one module each) that answers with events, stored in one group commit
//!   through the one reducer; then the hub hears of them.
//! - Live and store: [`store`] (redb tables and every read), [`hub`] (live fan-out per
//!   session) and [`timers`] (countdowns: the writer tells them of each commit, they expire
//!   through the writer's [`timers::Expire`]), below the writer that feeds them.
//! - Domain, no I/O: [`model`] (sessions, events, the one reducer
//!   [`Session::apply`](model::Session::apply) with
//!   [`Contribution::apply`](model::Contribution::apply) for the cards), [`validate`],
//!   [`moderation`] (the abuse filter), [`text`] (word clouds, suggested themes), [`export`],
//!   [`qr`], [`token`].
//! - Ground: [`limits`] (every limit, named) and [`error`] (what a client is told).
//! - Beside the server: [`cli`] (`inspel export` and `inspel sessions`, the secretary's archive).

#![forbid(unsafe_code)]

pub mod app;
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
