//! Command-line options, each with an environment twin. The README's options table mirrors this.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use crate::limits;
use crate::ratelimit::Limits;

/// inspel: collect contributions from phones at a dialogue meeting and show them live.
#[derive(Debug, Clone, Parser)]
#[command(name = "inspel", version, about, long_about = None)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "INSPEL_ADDR", default_value = "0.0.0.0:8080")]
    pub addr: SocketAddr,

    /// The database file (created if missing).
    #[arg(long, env = "INSPEL_DATA", default_value = "inspel.redb")]
    pub data: PathBuf,

    /// The address phones use, when inspel runs behind a reverse proxy
    /// (e.g. https://dialog.example.se). QR codes and links then use it.
    #[arg(long, env = "INSPEL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The admin token. Without it, one is generated on first start and kept in the database.
    #[arg(long, env = "INSPEL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// Seconds a websocket send may wait for a slow client before it is dropped.
    #[arg(long, env = "INSPEL_SEND_TIMEOUT", default_value_t = 10)]
    pub send_timeout_secs: u64,

    /// Most open connections, HTTP and websocket together (one phone or wall is one). More are
    /// answered 503 `too_many_connections` with Retry-After. A low open-file limit lowers the
    /// cap; the start-up log says the effective one.
    #[arg(long, env = "INSPEL_MAX_CONNECTIONS", default_value_t = limits::MAX_CONNECTIONS as u64,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,

    /// Seconds a client has to send a request's headers, after connecting or after its previous
    /// answer; idle and half-open HTTP connections are closed after this. Websockets are not.
    #[arg(long, env = "INSPEL_HEADER_TIMEOUT", default_value_t = limits::HEADER_READ_TIMEOUT_SECS,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_secs: u64,

    /// Check that a server on --addr answers /healthz, then exit (0 healthy, 1 not).
    /// For container health checks, where no curl is installed.
    #[arg(long)]
    pub healthcheck: bool,

    /// Every rate limit; the constants in `limits.rs` (not a command-line option: tests and
    /// embedders may set them).
    #[arg(skip)]
    pub limits: Limits,
}

impl Config {
    /// Defaults for tests and embedding: loopback, a given data file, nothing else set.
    pub fn for_tests(data: PathBuf) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data,
            public_url: None,
            admin_token: None,
            send_timeout_secs: 10,
            max_connections: limits::MAX_CONNECTIONS as u64,
            header_timeout_secs: limits::HEADER_READ_TIMEOUT_SECS,
            healthcheck: false,
            limits: Limits::default(),
        }
    }
}
