//! Command-line options, each with an environment twin. The README's options table mirrors this.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

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
            healthcheck: false,
            limits: Limits::default(),
        }
    }
}
