//! inspel's load generator: starts the release server (or attaches to one), drives phones and
//! walls against it, and measures it beside baselines taken in the same run on the same disk
//! (fdatasync, a bare redb writer, a bare broadcast websocket server) and beside a peer
//! (mentipy). See docs/performance.md for what each scenario measures and the results.
//!
//! Run: `cargo build --release && cargo run --release --example loadgen -- <scenario> [options]`
//! (`--help` lists them). Loopback only; every run is bounded in count and time. Linux only
//! (/proc for memory and CPU).

mod bare;
mod baseline;
mod interfere;
mod load;
mod net;
mod peer;
mod phones;
mod plot;
mod procfs;
mod scenarios;
mod server;
mod stats;
mod sweep;
mod walls;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(about = "inspel's load generator")]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
}

/// The load: phones, walls, how they send.
#[derive(Args, Clone, Debug)]
pub struct Load {
    /// Phones (websockets, or HTTP clients with --http).
    #[arg(long, default_value_t = 1000)]
    pub phones: usize,
    /// Walls following the session.
    #[arg(long, default_value_t = 1)]
    pub walls: usize,
    /// Contributions per phone (the per-phone limit: 10 at once, then one per 2 s).
    #[arg(long, default_value_t = 10)]
    pub per_phone: usize,
    /// Contributions per second in all; without it, each phone sends as fast as acks come back.
    #[arg(long)]
    pub rate: Option<f64>,
    /// Phones connecting at once.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// Send over HTTP (the phone page's fallback) instead of websockets.
    #[arg(long)]
    pub http: bool,
    /// Characters per contribution ("å", two bytes each in UTF-8).
    #[arg(long, default_value_t = 200)]
    pub text_len: usize,
    /// Loopback source addresses to spread phones over (default: enough for the per-address limits).
    #[arg(long)]
    pub addresses: Option<usize>,
    /// Seconds the sending may take at most.
    #[arg(long, default_value_t = 120)]
    pub timeout_secs: u64,
}

/// Where the server comes from and how often to measure.
#[derive(Args, Clone, Debug)]
pub struct Runs {
    /// Measurements, each on a fresh server and data file (min / median / max are printed).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Attach to a running server at this address instead of starting one.
    #[arg(long)]
    pub attach: Option<std::net::SocketAddr>,
    /// The attached server's admin token.
    #[arg(long, env = "INSPEL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin: Option<String>,
    /// The attached server's process id, for its memory and CPU.
    #[arg(long)]
    pub pid: Option<u32>,
    /// Directory for the data files and the disk baselines (default: the system's temp dir).
    #[arg(long)]
    pub dir: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Scenario {
    /// Phones and walls against inspel, with the disk baselines measured before each run.
    Run {
        #[command(flatten)]
        load: Load,
        #[command(flatten)]
        runs: Runs,
    },
    /// Fan-out: frames per second to many walls, against the bare broadcast server.
    Fanout {
        #[command(flatten)]
        load: Load,
        #[command(flatten)]
        runs: Runs,
        /// The session's `wall_shows` (table, perspective, both, neither): `perspective` or
        /// `neither` cuts the phones' table from every card the walls get.
        #[arg(long)]
        wall_shows: Option<String>,
    },
    /// The peer: inspel and mentipy under the same HTTP phones.
    Peer {
        #[command(flatten)]
        load: Load,
        #[command(flatten)]
        runs: Runs,
        /// The venv mentipy was installed into (`python3 -m venv DIR && DIR/bin/pip install mentipy`).
        #[arg(long, default_value = "/tmp/mentipy-venv")]
        venv: std::path::PathBuf,
    },
    /// Latency against offered rate, and memory against connected phones, drawn as SVG.
    Sweep {
        /// Offered rates, contributions per second.
        #[arg(long, value_delimiter = ',', default_values_t = vec![100.0, 250.0, 500.0, 1000.0, 1500.0, 2000.0])]
        rates: Vec<f64>,
        /// Seconds at each rate.
        #[arg(long, default_value_t = 10)]
        secs: u64,
        /// Phones connected (64 at a time) for the memory curve.
        #[arg(long, default_value_t = 10_000)]
        connect: usize,
        /// Where to write the SVG.
        #[arg(long, default_value = "docs/performance.svg")]
        out: std::path::PathBuf,
    },
    /// Other sessions' acks while one large session exports, starts a vote, or draws word clouds.
    Interfere {
        /// Contributions in the large session.
        #[arg(long, default_value_t = 50_000)]
        fill: usize,
        /// Contributions per second in the other sessions.
        #[arg(long, default_value_t = 200.0)]
        rate: f64,
        /// Seconds per phase.
        #[arg(long, default_value_t = 8)]
        secs: u64,
        #[command(flatten)]
        runs: Runs,
    },
    /// Internal: the bare broadcast server (started by `fanout`).
    #[command(hide = true)]
    BareServer,
}

fn main() {
    raise_open_files();
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async move {
        match cli.scenario {
            Scenario::Run { load, runs } => scenarios::run(load, runs).await,
            Scenario::Fanout { load, runs, wall_shows } => scenarios::fanout(load, runs, wall_shows).await,
            Scenario::Peer { load, runs, venv } => scenarios::peer(load, runs, venv).await,
            Scenario::Sweep { rates, secs, connect, out } => {
                scenarios::sweep(rates, secs, connect, out).await
            }
            Scenario::Interfere { fill, rate, secs, runs } => {
                interfere::interfere(fill, rate, secs, runs).await
            }
            Scenario::BareServer => bare::serve().await,
        }
    });
}

/// 10,000 phones need 10,000 sockets in this process too.
fn raise_open_files() {
    if let Ok((_, hard)) = rlimit::Resource::NOFILE.get() {
        let _ = rlimit::Resource::NOFILE.set(hard, hard);
    }
}
