//! The single writer: every change goes through one thread that commits in batches.
//!
//! redb allows one write transaction at a time, and a durable commit costs an fsync. Instead of
//! one commit per contribution, the writer takes every job waiting (up to [`MAX_BATCH`]),
//! applies them in one transaction with `Durability::Immediate` and two-phase commit, and only
//! after that commit answers each job and publishes its events. An ack therefore always means
//! "durably stored". A job that is refused (closed question, unknown table…) is checked in full
//! before it writes anything, so it never leaves a partial change in the batch.

mod apply;
mod facilitate;
mod timer;
mod votes;

use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;
use crate::hub::Hub;
use crate::limits::{MAX_BATCH, WRITE_QUEUE};
use crate::model::{Contribution, Session};
use crate::store::Store;
use crate::timers::Timers;

pub use apply::{NewContribution, SessionDraft};
pub use facilitate::{Action, TimerOp};
pub use votes::{Ballot, MyDots};

/// The result of a submit: the stored contribution, and whether it was stored before.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub contribution: Contribution,
    pub duplicate: bool,
}

type Reply<T> = oneshot::Sender<Result<T, AppError>>;

pub(crate) enum Job {
    CreateSession(SessionDraft, Reply<Session>),
    Submit(String, NewContribution, Reply<Submitted>),
    Act(String, Action, Reply<Session>),
    Vote(String, Ballot, Reply<MyDots>),
}

/// A cheap-clone handle for sending jobs to the writer thread.
#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<Job>,
}

/// Owns the writer thread; dropping every [`Writer`] lets it finish, `join` waits for it.
pub struct WriterThread {
    handle: JoinHandle<()>,
}

impl WriterThread {
    /// Waits until the queue is drained and the last batch committed.
    pub fn join(self) {
        if self.handle.join().is_err() {
            tracing::error!("the writer thread panicked");
        }
    }
}

/// Starts the writer thread over `store`, publishing committed events to `hub`.
pub fn spawn(store: Store, hub: Hub, timers: Timers) -> std::io::Result<(Writer, WriterThread)> {
    let (tx, rx) = mpsc::channel(WRITE_QUEUE);
    let handle = std::thread::Builder::new()
        .name("inspel-writer".into())
        .spawn(move || run(store, hub, timers, rx))?;
    Ok((Writer { tx }, WriterThread { handle }))
}

impl Writer {
    async fn call<T>(&self, make: impl FnOnce(Reply<T>) -> Job) -> Result<T, AppError> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(make(reply)).await.map_err(|_| AppError::Unavailable)?;
        rx.await.map_err(|_| AppError::Unavailable)?
    }

    pub async fn create_session(&self, draft: SessionDraft) -> Result<Session, AppError> {
        self.call(|r| Job::CreateSession(draft, r)).await
    }

    pub async fn submit(&self, session_id: String, new: NewContribution) -> Result<Submitted, AppError> {
        self.call(|r| Job::Submit(session_id, new, r)).await
    }

    /// A facilitator's action on a session; answers with the session as it is after.
    pub async fn act(&self, session_id: String, action: Action) -> Result<Session, AppError> {
        self.call(|r| Job::Act(session_id, action, r)).await
    }

    /// A phone placing (or moving) dots in a vote.
    pub async fn vote(&self, session_id: String, ballot: Ballot) -> Result<MyDots, AppError> {
        self.call(|r| Job::Vote(session_id, ballot, r)).await
    }
}

fn run(store: Store, hub: Hub, timers: Timers, mut rx: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let started = std::time::Instant::now();
        let jobs = batch.len();
        commit_batch(&store, &hub, &timers, &mut batch);
        tracing::debug!(jobs, elapsed_us = started.elapsed().as_micros() as u64, "batch committed");
        hub.prune_if_large();
    }
    tracing::debug!("writer finished: queue closed and drained");
}

/// An answer waiting for the commit.
enum Pending {
    Session(Reply<Session>, Result<Session, AppError>),
    Submitted(Reply<Submitted>, Result<Submitted, AppError>),
    Voted(Reply<MyDots>, Result<MyDots, AppError>),
}

fn commit_batch(store: &Store, hub: &Hub, timers: &Timers, batch: &mut Vec<Job>) {
    let mut pending = Vec::with_capacity(batch.len());
    let mut events = Vec::new();
    let outcome = apply::apply_batch(store, batch.drain(..), &mut pending, &mut events);
    match outcome {
        Ok(()) => {
            for (session_id, event) in events {
                timers.observe(&session_id, &event.kind);
                hub.publish(&session_id, Arc::new(event));
            }
            for p in pending {
                // A dropped receiver means the client went away; the data is stored anyway.
                match p {
                    Pending::Session(tx, r) => drop(tx.send(r)),
                    Pending::Submitted(tx, r) => drop(tx.send(r)),
                    Pending::Voted(tx, r) => drop(tx.send(r)),
                }
            }
        }
        Err(e) => {
            tracing::error!(error = %e, jobs = pending.len(), "batch commit failed; nothing in it was stored");
            for p in pending {
                match p {
                    Pending::Session(tx, _) => drop(tx.send(Err(AppError::storage(&e)))),
                    Pending::Submitted(tx, _) => drop(tx.send(Err(AppError::storage(&e)))),
                    Pending::Voted(tx, _) => drop(tx.send(Err(AppError::storage(&e)))),
                }
            }
        }
    }
}
