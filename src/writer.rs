//! The single writer: every change goes through one thread that commits in batches.
//!
//! redb allows one write transaction at a time, and a durable commit costs an fsync. Instead of
//! one commit per contribution, the writer takes every job waiting (up to [`MAX_BATCH`]),
//! applies them in one transaction with `Durability::Immediate` and two-phase commit, and only
//! after that commit answers each job and publishes its events. An ack therefore always means
//! "durably stored". A job that is refused (closed question, unknown table…) is checked in full
//! before it writes anything, so it never leaves a partial change in the batch.
//!
//! When a commit fails for a reason outside inspel (a full disk, an I/O error), redb refuses
//! every later transaction until the file is reopened. The writer then reopens it and makes a
//! test commit, and refuses writes quickly (503, `storage_unavailable`) until one succeeds, so
//! writing recovers by itself once the cause is gone. [`Health`] tells `/healthz` the truth.
//! A panic while applying a batch fails that batch's jobs only; the writer goes on.

mod act;
mod apply;
mod cmd;
mod create;
mod error;
mod health;
mod vote_cards;
mod votes;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use crate::error::AppError;
use crate::hub::Hub;
use crate::limits::{MAX_BATCH, WRITE_QUEUE};
use crate::model::{Contribution, Session};
use crate::store::Store;
use crate::timers::Timers;

pub use crate::model::MyDots;
pub use act::{Action, TimerOp};
pub use apply::NewContribution;
pub use cmd::Refusal;
pub use cmd::rounds::{RoundCmd, RoundPlan};
pub use create::{QuestionDraft, RoundDraft, SessionDraft};
pub use error::WriteError;
pub use health::{Health, WriterState};
pub use vote_cards::{VoteCards, prepare as prepare_vote_cards};
pub use votes::Ballot;

/// How often a failing writer tries to reopen the database, with or without writes waiting.
pub const RECOVER_EVERY: Duration = Duration::from_secs(1);

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
    /// Nothing to write: a failing writer takes it as a cue to try to recover.
    Recover,
    /// Tests only: panics inside the batch, to prove a panic fails its batch alone.
    #[cfg(test)]
    Panic(Reply<()>),
}

impl Job {
    /// Answers the job with `e` without doing it.
    fn refuse(self, e: AppError) {
        // A dropped receiver means the client went away.
        match self {
            Job::CreateSession(_, r) | Job::Act(_, _, r) => drop(r.send(Err(e))),
            Job::Submit(_, _, r) => drop(r.send(Err(e))),
            Job::Vote(_, _, r) => drop(r.send(Err(e))),
            Job::Recover => {}
            #[cfg(test)]
            Job::Panic(r) => drop(r.send(Err(e))),
        }
    }
}

/// A cheap-clone handle for sending jobs to the writer thread.
#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<Job>,
    health: Health,
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
    let health = Health::default();
    let h = health.clone();
    let handle = std::thread::Builder::new()
        .name("inspel-writer".into())
        .spawn(move || run(store, hub, timers, h, rx))?;
    Ok((Writer { tx, health }, WriterThread { handle }))
}

impl Writer {
    async fn call<T>(&self, make: impl FnOnce(Reply<T>) -> Job) -> Result<T, AppError> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(make(reply)).await.map_err(|_| AppError::Unavailable)?;
        // A job dropped unanswered was in a batch that panicked: nothing of it was stored.
        rx.await.map_err(|_| AppError::Internal("the writer failed while handling this job".into()))?
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

    /// What the writer can do now, for health checks.
    pub fn health(&self) -> WriterState {
        if self.tx.is_closed() {
            return WriterState::Stopped;
        }
        self.health.state()
    }

    /// While the writer is failing, nudges it every [`RECOVER_EVERY`] so it recovers even when
    /// no writes come in. Runs until `shutdown`.
    pub async fn watch_recovery(self, shutdown: CancellationToken) {
        let mut tick = tokio::time::interval(RECOVER_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tick.tick() => {}
            }
            if self.health.is_failing() && self.tx.try_send(Job::Recover).is_err() {
                // A full queue will reach the writer anyway; a closed one ends the watch.
                if self.tx.is_closed() {
                    return;
                }
            }
        }
    }
}

/// The countdown registry's expiries come back as the writer's `TimerExpired` action.
impl crate::timers::Expire for Writer {
    async fn expire(
        &self,
        session_id: String,
        question_id: String,
        ends_at: jiff::Timestamp,
    ) -> Result<(), AppError> {
        self.act(session_id, Action::TimerExpired { question_id, ends_at }).await.map(drop)
    }
}

fn run(store: Store, hub: Hub, timers: Timers, health: Health, mut rx: mpsc::Receiver<Job>) {
    let _stopped = health::StoppedOnDrop(health.clone());
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut last_recovery: Option<Instant> = None;
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        batch.retain(|j| !matches!(j, Job::Recover));
        if health.is_failing() {
            if last_recovery.is_none_or(|t| t.elapsed() >= RECOVER_EVERY) {
                last_recovery = Some(Instant::now());
                recover(&store, &health);
            }
            if health.is_failing() {
                // Answer at once rather than queue writes behind a disk that is still full.
                batch.drain(..).for_each(|job| job.refuse(AppError::StorageUnavailable));
                continue;
            }
        }
        if batch.is_empty() {
            continue;
        }
        let started = Instant::now();
        let jobs = batch.len();
        match catch_unwind(AssertUnwindSafe(|| commit_batch(&store, &hub, &timers, &mut batch))) {
            Ok(Ok(())) => health.ok(),
            Ok(Err(e)) => {
                tracing::error!(error = %e, jobs, "batch commit failed; nothing in it was stored");
                if e.needs_reopen() {
                    health.fail(&e);
                    last_recovery = Some(Instant::now());
                    recover(&store, &health);
                }
            }
            Err(_) => {
                // The jobs' replies went with the unwinding batch: each caller hears that
                // nothing was stored, and the next batch starts clean.
                tracing::error!(jobs, "a batch panicked; its jobs failed, the writer goes on");
                batch.clear();
            }
        }
        tracing::debug!(jobs, elapsed_us = started.elapsed().as_micros() as u64, "batch done");
        hub.prune_if_large();
    }
    tracing::debug!("writer finished: queue closed and drained");
}

/// Reopens the database and proves it writable with a small durable commit. If that commit
/// fails too, the handle it spoiled is replaced once more, so reads (the secretary's exports,
/// walls catching up) go on while writes wait for room.
fn recover(store: &Store, health: &Health) {
    let tried = store.reopen().map_err(|e| e.to_string()).and_then(|()| apply::test_commit(store));
    match tried {
        Ok(()) => health.ok(),
        Err(e) => {
            tracing::warn!(error = %e, "the database is still not writable");
            health.fail(&e);
            if let Err(e) = store.reopen() {
                tracing::warn!(error = %e, "the database cannot even be opened for reading");
            }
        }
    }
}

/// An answer waiting for the commit.
// A batch holds at most MAX_BATCH of these for one commit: boxing the session would save
// nothing worth an allocation per answer.
#[allow(clippy::large_enum_variant)]
enum Pending {
    /// Boxed: a session is large (its notes, votes and plan), and most jobs are contributions.
    Session(Reply<Session>, Box<Result<Session, AppError>>),
    Submitted(Reply<Submitted>, Result<Submitted, AppError>),
    Voted(Reply<MyDots>, Result<MyDots, AppError>),
}

impl Pending {
    fn session(tx: Reply<Session>, r: Result<Session, AppError>) -> Self {
        Pending::Session(tx, Box::new(r))
    }

    fn send(self, failed: Option<&AppError>) {
        // A dropped receiver means the client went away; the data is stored anyway.
        match (self, failed) {
            (Pending::Session(tx, _), Some(e)) => drop(tx.send(Err(e.clone()))),
            (Pending::Submitted(tx, _), Some(e)) => drop(tx.send(Err(e.clone()))),
            (Pending::Voted(tx, _), Some(e)) => drop(tx.send(Err(e.clone()))),
            (Pending::Session(tx, r), None) => drop(tx.send(*r)),
            (Pending::Submitted(tx, r), None) => drop(tx.send(r)),
            (Pending::Voted(tx, r), None) => drop(tx.send(r)),
        }
    }
}

fn commit_batch(store: &Store, hub: &Hub, timers: &Timers, batch: &mut Vec<Job>) -> Result<(), WriteError> {
    let mut pending = Vec::with_capacity(batch.len());
    let mut events = Vec::new();
    let mut jobs = batch.drain(..);
    match apply::apply_batch(store, &mut jobs, &mut pending, &mut events) {
        Ok(()) => {
            for (session_id, event) in events {
                timers.observe(&session_id, &event.kind);
                hub.publish(&session_id, event);
            }
            pending.into_iter().for_each(|p| p.send(None));
            Ok(())
        }
        Err(e) => {
            let told = e.for_client();
            pending.into_iter().for_each(|p| p.send(Some(&told)));
            jobs.for_each(|job| job.refuse(told.clone()));
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests;
