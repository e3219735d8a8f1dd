//! The `inspel` command: parse options, start the server, print where phones and the admin go.

#![forbid(unsafe_code)]

use clap::Parser;
use inspel::{App, Config, server};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_target(false)
        .init();
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
