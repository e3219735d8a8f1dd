//! The shared state every handler and socket task gets: a cheap clone of one `Arc`.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::hub::Hub;
use crate::ratelimit::RateLimiter;
use crate::store::Store;
use crate::writer::Writer;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub writer: Writer,
    pub hub: Hub,
    pub limiter: RateLimiter,
    /// Base URL for links and QR codes, no trailing slash.
    pub base_url: String,
    pub admin_token: String,
    /// Origins whose pages may open websockets ([`crate::net::own_origins`]), lowercase.
    pub origins: Vec<String>,
    /// How long a websocket send may wait for a slow client.
    pub send_timeout: Duration,
    /// Cancelled at shutdown; every socket task watches it.
    pub shutdown: CancellationToken,
    /// Word clouds kept until their session changes.
    pub clouds: crate::text::kept::Clouds,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(inner: Inner) -> Self {
        Self(Arc::new(inner))
    }

    pub fn join_url(&self, code: &str) -> String {
        format!("{}/j/{code}", self.base_url)
    }

    /// The admin console link. The token rides in the fragment, which browsers never send to
    /// a server, so it stays out of access logs and Referer headers.
    pub fn admin_url(&self) -> String {
        format!("{}/admin#token={}", self.base_url, self.admin_token)
    }
}
