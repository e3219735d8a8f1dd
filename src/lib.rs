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
//!  phone ─▶ listen/ ─▶ route ───────▶ service ─────▶ writer/ ──────────────▶ store/ (redb file)
//!           accept     http/ REST     app/           one thread:             sessions,
//!           loop       ws/ sockets    participate    check, apply,           contributions,
//!                      parse, auth    ratelimit      group commit            event log
//!                                     lookups          │ publish after commit   │ read back
//!                                                      ▼                        │ when a socket
//!  wall ◀── ws/ ◀── live/feed.rs ◀────────────── live/hub.rs                    │ is behind
//!                   in order, each once ◀───────────────────────────────────────┘
//! ```
//!
//! Layers, top to bottom, each in folders of its own (the wiring is the crate root). A module
//! imports only from its own layer or the layers below, and never in a cycle:
//! `tests/architecture.rs` fails on either. docs/architecture.md tells the whole story.
//!
//! - Wiring, `src/*.rs` and `src/listen/`: [`server`] (start, stop, who owns what), [`config`]
//!   (options), [`listen`] (the accept loop: connection cap, header deadline), [`net`] (the
//!   address phones use). They stay at the root beside `main.rs`: they are what the binary
//!   starts, and the root is where a reader looks for that.
//! - Route, `src/http/` and `src/ws/`: [`http`] (REST handlers, pages, OpenAPI) and [`ws`]
//!   (phone and wall sockets). They parse, authorise and call a service.
//! - Service, `src/app/`: [`app`] (the session a request means, by join code or by id and
//!   token: what both routes share), [`participate`] (a contribution from either route),
//!   [`ratelimit`] (per phone, per address), [`state`] (the handles every handler shares).
//! - Writer, `src/writer/`: [`writer`], the only code that writes: an action is a pure check
//!   in `writer/cmd/` (one module each) that answers with events, stored in one group commit
//!   through the one reducer; then the hub hears of them.
//! - Live, `src/live/`: [`live`], what follows a commit: [`hub`] (live fan-out per session),
//!   [`feed`](live::feed) (one socket's ordered stream, [`Feed`](live::Feed): live from the
//!   hub, from the store when behind), [`room`](live::room) (what the room may see) and
//!   [`timers`] (countdowns: the writer tells them of each commit, they expire through the
//!   writer's [`timers::Expire`]). Below the writer that feeds them, above the store.
//! - Store, `src/store/`: [`store`] (redb tables and every read).
//! - Domain, no I/O, `src/domain/`: [`domain`]: [`model`] (sessions, events, the one reducer
//!   [`Session::apply`](model::Session::apply) with
//!   [`Contribution::apply`](model::Contribution::apply) for the cards), [`validate`],
//!   [`moderation`] (the abuse filter), [`text`] (word clouds, suggested themes), [`export`],
//!   [`qr`], [`token`]; at its bottom [`error`] (what a client is told).
//! - Ground, `src/limits.rs`: [`limits`], every limit, named, in one file at the root where
//!   anyone looks for it first; it imports nothing.
//! - Beside the server: [`cli`] (`inspel export` and `inspel sessions`, the secretary's archive).
//!
//! The modules that moved into a layer's folder keep their old names at the crate root
//! (`crate::model`, `crate::hub`, `inspel::state`, …), so a path names what a module is, and
//! the folder says where it sits.

#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod http;
pub mod limits;
pub mod listen;
pub mod live;
pub mod net;
pub mod server;
pub mod store;
pub mod writer;
pub mod ws;

pub use app::{participate, ratelimit, state};
pub use config::Config;
pub use domain::{error, export, model, moderation, qr, text, token, validate};
pub use live::{hub, timers};
pub use server::App;
