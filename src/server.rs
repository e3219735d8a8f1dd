//! Starting and stopping: open the store, start the writer, serve until told to stop, then let
//! every socket say goodbye and the writer commit what it holds.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::hub::Hub;
use crate::ratelimit::RateLimiter;
use crate::state::{AppState, Inner};
use crate::store::{OpenError, Store};
use crate::timers::Timers;
use crate::writer::{self, WriterThread};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] OpenError),
    #[error("could not read the sessions: {0}")]
    Read(#[from] crate::error::AppError),
    #[error("could not start the writer thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// A ready server: its state and the writer it owns.
pub struct App {
    state: AppState,
    writer: WriterThread,
    listen: crate::listen::Options,
}

impl App {
    /// Opens the database, starts the writer thread and the countdown task. `bound` is the
    /// listener's real address, used to build the links phones follow. Call it inside a tokio
    /// runtime (it spawns the countdown task, which stops with `shutdown`).
    pub fn open(config: &Config, bound: SocketAddr, shutdown: CancellationToken) -> Result<Self, StartError> {
        let store = Store::open(&config.data)?;
        let admin_token = match &config.admin_token {
            Some(t) => t.clone(),
            None => store.admin_token_or_create()?,
        };
        let hub = Hub::default();
        let timers = Timers::default();
        timers.load(&store.all_sessions_blocking()?);
        let (writer, thread) = writer::spawn(store.clone(), hub.clone(), timers.clone())?;
        tokio::spawn(timers.run(writer.clone(), shutdown.clone()));
        tokio::spawn(writer.clone().watch_recovery(shutdown.clone()));
        let base_url = crate::net::public_base(config.public_url.as_deref(), bound);
        let state = AppState::new(Inner {
            store,
            writer,
            hub,
            limiter: RateLimiter::new(config.limits),
            origins: crate::net::own_origins(&base_url, bound),
            base_url,
            admin_token,
            send_timeout: Duration::from_secs(config.send_timeout_secs.max(1)),
            shutdown,
            clouds: Default::default(),
        });
        Ok(Self { state, writer: thread, listen: crate::listen::Options::from_config(config) })
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the shutdown token is cancelled, then waits for the writer to finish.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        let Self { state, writer, listen } = self;
        let shutdown = state.shutdown.clone();
        let app = crate::http::router(state);
        crate::listen::serve(listener, app, listen, shutdown).await;
        // Socket tasks saw the same token and are closing; once the last handle to the writer
        // is gone it drains its queue, commits and ends.
        tokio::task::spawn_blocking(move || writer.join()).await.ok();
        Ok(())
    }
}

/// Cancels `token` on Ctrl-C or SIGTERM (what `docker stop` sends).
pub fn cancel_on_signal(token: CancellationToken) {
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    token.cancel();
                    return;
                }
            };
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("stopping");
        token.cancel();
    });
}
