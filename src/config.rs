//! Command-line options, each with an environment twin. The README's options table mirrors this.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use crate::limits;
use crate::limits::MIN_ADMIN_TOKEN_CHARS;
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

    /// The admin token (at least 16 characters, no spaces). Without it, one is generated on
    /// first start and kept in the database.
    #[arg(long, env = "INSPEL_ADMIN_TOKEN", hide_env_values = true, value_parser = AdminToken)]
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

/// Refuses an admin token that would lock the admin out or be easy to guess: an empty or short
/// one, or one with characters an `Authorization` header cannot carry (spaces at either end are
/// trimmed from the header, non-ASCII is not allowed in it). The message never repeats the
/// token: it may be a near-miss of the real one, and stderr often ends up in a log.
#[derive(Clone)]
struct AdminToken;

impl AdminToken {
    fn check(raw: &str) -> Result<(), String> {
        let chars = raw.chars().count();
        if chars < MIN_ADMIN_TOKEN_CHARS {
            return Err(format!(
                "it must be at least {MIN_ADMIN_TOKEN_CHARS} characters long (this one has {chars}). \
                 Leave it out to have one generated, or make one with `openssl rand -hex 16`"
            ));
        }
        if !raw.chars().all(|c| c.is_ascii_graphic()) {
            return Err("it may hold only ASCII letters, digits and punctuation, no spaces \
                 (it travels in an HTTP header)"
                .to_string());
        }
        Ok(())
    }
}

impl clap::builder::TypedValueParser for AdminToken {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let raw = value.to_str().unwrap_or("\u{fffd}");
        match Self::check(raw) {
            Ok(()) => Ok(raw.to_string()),
            Err(why) => Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid --admin-token (or INSPEL_ADMIN_TOKEN): {why}\n"),
            )
            .with_cmd(cmd)),
        }
    }
}

impl Config {
    /// A server on loopback, on a port the system picks, over `data`, nothing else set: for
    /// embedding the server in another program (the benchmark, the integration tests).
    pub fn loopback(data: PathBuf) -> Self {
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
