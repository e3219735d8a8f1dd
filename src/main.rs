//! The `inspel` command: parse options, start the server, print where phones and the admin go.

#![forbid(unsafe_code)]

use clap::Parser;
use inspel::{App, Config, cli, server};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

/// The server's options, or one of the archive commands (`inspel export`, `inspel sessions`).
#[derive(Debug, Parser)]
#[command(name = "inspel", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<cli::Command>,
}

fn main() -> std::process::ExitCode {
    let Cli { config, command } = Cli::parse();
    match command {
        // The archive commands need no runtime: they read a file or make a few requests.
        Some(command) => match cli::run(command) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("inspel: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        None => serve(config),
    }
}

#[tokio::main]
async fn serve(config: Config) -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();
    if config.healthcheck {
        return healthcheck(config.addr);
    }
    match start(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inspel: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn start(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let bound = listener.local_addr()?;
    let shutdown = CancellationToken::new();
    server::cancel_on_signal(shutdown.clone());
    let app = App::open(&config, bound, shutdown)?;
    let state = app.state();
    // Printed, not logged: the admin link carries the token and logs must never hold one.
    println!("inspel {} listening on {bound}", env!("CARGO_PKG_VERSION"));
    println!(
        "  Deltagare / Participants: {}   (same Wi-Fi; allow port {} in the firewall)",
        state.base_url,
        bound.port()
    );
    println!("  Admin:                    {}", state.admin_url());
    println!("  Data:                     {}", config.data.display());
    app.serve(listener).await?;
    Ok(())
}

/// A bare HTTP/1.1 GET of /healthz on the loopback side of `addr`.
fn healthcheck(addr: std::net::SocketAddr) -> std::process::ExitCode {
    use std::io::{Read, Write};
    let mut target = addr;
    if target.ip().is_unspecified() {
        target.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let timeout = std::time::Duration::from_secs(2);
    let healthy = std::net::TcpStream::connect_timeout(&target, timeout)
        .and_then(|mut s| {
            s.set_read_timeout(Some(timeout))?;
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
            let mut head = [0u8; 12];
            s.read_exact(&mut head)?;
            Ok(head.starts_with(b"HTTP/1.1 200"))
        })
        .unwrap_or(false);
    if healthy { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE }
}
