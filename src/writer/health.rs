//! The writer's state, as `/healthz` and `--healthcheck` report it.
//!
//! A health check that only answers "ok" while every write fails is worse than none: a
//! supervisor or the facilitator trusts it. The writer thread sets this after every commit,
//! failure, recovery and at its end.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

const OK: u8 = 0;
const FAILING: u8 = 1;
const STOPPED: u8 = 2;

/// What the writer can do now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriterState {
    /// Commits succeed.
    Ok,
    /// The last commit failed (the detail says why); the writer is reopening the database and
    /// refuses writes until a test commit succeeds.
    Failing(String),
    /// The writer thread has ended: nothing can be written until a restart.
    Stopped,
}

/// Shared between the writer thread and health checks. Cheap to clone.
#[derive(Clone, Default)]
pub struct Health {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    state: AtomicU8,
    detail: Mutex<String>,
}

impl Health {
    pub fn state(&self) -> WriterState {
        match self.inner.state.load(Ordering::Acquire) {
            OK => WriterState::Ok,
            FAILING => {
                WriterState::Failing(self.inner.detail.lock().unwrap_or_else(|e| e.into_inner()).clone())
            }
            _ => WriterState::Stopped,
        }
    }

    pub(super) fn is_failing(&self) -> bool {
        self.inner.state.load(Ordering::Acquire) == FAILING
    }

    pub(super) fn ok(&self) {
        if self.inner.state.swap(OK, Ordering::AcqRel) == FAILING {
            tracing::info!("the database is writable again");
        }
    }

    pub(super) fn fail(&self, detail: impl std::fmt::Display) {
        *self.inner.detail.lock().unwrap_or_else(|e| e.into_inner()) = detail.to_string();
        self.inner.state.store(FAILING, Ordering::Release);
    }

    pub(super) fn stopped(&self) {
        self.inner.state.store(STOPPED, Ordering::Release);
    }
}

/// Marks the writer stopped when its thread ends, however it ends.
pub(super) struct StoppedOnDrop(pub(super) Health);

impl Drop for StoppedOnDrop {
    fn drop(&mut self) {
        self.0.stopped();
    }
}
