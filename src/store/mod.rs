//! The redb file: table definitions, opening with a schema check, and the read side.
//!
//! Writes go through [`crate::writer`] only, one transaction per batch. Reads run on
//! blocking threads through [`Store::read`], so redb never blocks the async workers, except
//! reads of a few keys ([`Store::read_now`]), which take less time than the hand-over.

mod codec;
mod migrate;
mod reads;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use crate::error::AppError;
use crate::limits::REDB_CACHE_BYTES;

pub use codec::{CodecError, decode_event, decode_record, encode_event, encode_record};
pub use reads::*;

/// Bumped whenever a stored shape changes incompatibly. 2: contribution records and
/// `contribution_added` events stored compactly, the event as a reference to its record
/// ([`codec`]); a file of schema 1 is migrated when opened ([`migrate`]).
pub const SCHEMA_VERSION: u32 = 2;

/// `"schema_version"` and `"admin_token"`.
pub const KEY_TO_META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Session id → session (JSON).
pub const SESSION_ID_TO_SESSION: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
/// Join code → session id.
pub const CODE_TO_SESSION_ID: TableDefinition<&str, &str> = TableDefinition::new("codes");
/// (session id, contribution id) → contribution record ([`encode_record`]; JSON in schema 1).
pub const CONTRIBUTION_KEY_TO_RECORD: TableDefinition<(&str, &str), &[u8]> =
    TableDefinition::new("contributions");
/// (session id, seq) → event ([`encode_event`]: JSON, or a reference to a contribution record).
pub const EVENT_KEY_TO_EVENT: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("events");
/// (session id, vote id, participant id) → that phone's dots per item (JSON).
pub const BALLOT_KEY_TO_DOTS: TableDefinition<(&str, &str, &str), &[u8]> = TableDefinition::new("ballots");
/// Session id → number of contributions stored (for the per-session limit).
pub const SESSION_ID_TO_CONTRIBUTION_COUNT: TableDefinition<&str, u64> =
    TableDefinition::new("contribution_counts");

/// Errors opening the database, before the server runs.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("could not open the database file {path}: {source}")]
    Open { path: String, source: redb::DatabaseError },
    #[error("database error: {0}")]
    Redb(#[from] redb::Error),
    #[error(
        "the database file was written by a newer inspel (schema {found}, this build knows {SCHEMA_VERSION})"
    )]
    TooNew { found: u32 },
    #[error("the database is still in use by reads; try again")]
    Busy,
    #[error("migrating the database to schema {SCHEMA_VERSION}: {0}")]
    Migrate(CodecError),
}

impl From<redb::TransactionError> for OpenError {
    fn from(e: redb::TransactionError) -> Self {
        Self::Redb(e.into())
    }
}
impl From<redb::TableError> for OpenError {
    fn from(e: redb::TableError) -> Self {
        Self::Redb(e.into())
    }
}
impl From<redb::StorageError> for OpenError {
    fn from(e: redb::StorageError) -> Self {
        Self::Redb(e.into())
    }
}
impl From<redb::CommitError> for OpenError {
    fn from(e: redb::CommitError) -> Self {
        Self::Redb(e.into())
    }
}

/// A cheap-clone handle to the database file.
///
/// After an I/O error (a full disk, say) redb refuses every later transaction, reads too, until
/// the file is closed and opened again, so the handle can be reopened in place by the writer
/// ([`Store::reopen`]). Reads that meet a handle being replaced are tried again.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    /// `None` only while the writer reopens the file.
    db: RwLock<Option<Arc<Database>>>,
}

/// How long a reopen waits for reads still using the old handle to finish.
const READERS_DRAIN: Duration = Duration::from_secs(5);
/// Tries of a read while the writer may be reopening the file, and the pause between them.
const READ_ATTEMPTS: u32 = 3;
const READ_RETRY_PAUSE: Duration = Duration::from_millis(100);

impl Store {
    /// Opens (or creates) the file, creates the tables, checks and records the schema version.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let db = builder()
            .create(path)
            .map_err(|source| OpenError::Open { path: path.display().to_string(), source })?;
        let txn = db.begin_write()?;
        let found = {
            let mut meta = txn.open_table(KEY_TO_META)?;
            let found = meta
                .get("schema_version")?
                .map(|v| u32::from_le_bytes(v.value().try_into().unwrap_or([0; 4])));
            match found {
                Some(v) if v > SCHEMA_VERSION => return Err(OpenError::TooNew { found: v }),
                // A new file. An older one says 2 only once it is migrated (below).
                None => {
                    meta.insert("schema_version", SCHEMA_VERSION.to_le_bytes().as_slice())?;
                }
                Some(_) => {}
            }
            txn.open_table(SESSION_ID_TO_SESSION)?;
            txn.open_table(CODE_TO_SESSION_ID)?;
            txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
            txn.open_table(EVENT_KEY_TO_EVENT)?;
            txn.open_table(SESSION_ID_TO_CONTRIBUTION_COUNT)?;
            txn.open_table(BALLOT_KEY_TO_DOTS)?;
            found
        };
        txn.commit()?;
        if found.is_some_and(|v| v < SCHEMA_VERSION) {
            migrate::to_v2(&db)?;
        }
        let db = RwLock::new(Some(Arc::new(db)));
        Ok(Self { inner: Arc::new(Inner { path: path.to_path_buf(), db }) })
    }

    /// The open database. The lock is held only to clone the handle, never across a wait.
    pub(crate) fn database(&self) -> Result<Arc<Database>, AppError> {
        let slot = self.inner.db.read().unwrap_or_else(|e| e.into_inner());
        slot.clone().ok_or(AppError::StorageUnavailable)
    }

    /// Closes the file and opens it again (redb repairs it if the last commit was cut short).
    /// For the writer thread, after a failed commit. Blocks until reads that still hold the
    /// old handle are done (they are short), up to [`READERS_DRAIN`].
    pub(crate) fn reopen(&self) -> Result<(), OpenError> {
        let old = self.inner.db.write().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut old) = old {
            let started = Instant::now();
            // redb locks the file: the old handle must be gone before it can be opened again.
            loop {
                match Arc::try_unwrap(old) {
                    Ok(db) => {
                        drop(db);
                        break;
                    }
                    Err(shared) if started.elapsed() < READERS_DRAIN => {
                        old = shared;
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(shared) => {
                        // Better a failing handle than none at all.
                        *self.inner.db.write().unwrap_or_else(|e| e.into_inner()) = Some(shared);
                        return Err(OpenError::Busy);
                    }
                }
            }
        }
        // The tables and the schema were settled at start; opening writes nothing more, so
        // reads work again even while the disk is full.
        let path = &self.inner.path;
        let db = builder()
            .create(path)
            .map_err(|source| OpenError::Open { path: path.display().to_string(), source })?;
        *self.inner.db.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(db));
        Ok(())
    }

    /// The admin token kept in the file, or a new one generated and kept now.
    pub fn admin_token_or_create(&self) -> Result<String, OpenError> {
        let db = self.database().map_err(|_| OpenError::Busy)?;
        let txn = db.begin_write()?;
        let token = {
            let mut meta = txn.open_table(KEY_TO_META)?;
            let existing = meta.get("admin_token")?.and_then(|v| String::from_utf8(v.value().to_vec()).ok());
            match existing {
                Some(t) => t,
                None => {
                    let t = crate::token::new_token();
                    meta.insert("admin_token", t.as_bytes())?;
                    t
                }
            }
        };
        txn.commit()?;
        Ok(token)
    }

    /// Every session, read on the calling thread (for start-up, before serving).
    pub fn all_sessions_blocking(&self) -> Result<Vec<crate::model::Session>, AppError> {
        let txn = self.database()?.begin_read().map_err(AppError::storage)?;
        all_sessions(&txn)
    }

    /// Runs a read-only closure on a blocking thread with a fresh read transaction. A read that
    /// fails while the writer replaces a spoiled handle is tried again shortly: reads are
    /// idempotent, and the secretary's export should not fail because the disk is full.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: Fn(&redb::ReadTransaction) -> Result<T, AppError> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut attempt = 1;
            loop {
                let result = store.database().and_then(|db| {
                    let txn = db.begin_read().map_err(AppError::storage)?;
                    f(&txn)
                });
                match result {
                    Err(AppError::Storage(_) | AppError::StorageUnavailable) if attempt < READ_ATTEMPTS => {
                        attempt += 1;
                        std::thread::sleep(READ_RETRY_PAUSE);
                    }
                    other => return other,
                }
            }
        })
        .await
        .map_err(AppError::storage)?
    }
}

impl Store {
    /// Like [`Store::read`], for reads of a few keys on a hot path (the duplicate check of
    /// every submit, the session of every phone that connects): it runs on the calling task,
    /// since redb answers such a read from its cache in microseconds, far less than handing it
    /// to a blocking thread and back (a burst of 3,000 phones otherwise starts hundreds of
    /// threads). A read that fails goes the blocking way, with its retries.
    pub async fn read_now<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: Fn(&redb::ReadTransaction) -> Result<T, AppError> + Send + 'static,
    {
        let once = self.database().and_then(|db| {
            let txn = db.begin_read().map_err(AppError::storage)?;
            f(&txn)
        });
        match once {
            Err(AppError::Storage(_) | AppError::StorageUnavailable) => self.read(f).await,
            other => other,
        }
    }
}

/// How every handle to the file is opened: with a bounded cache ([`REDB_CACHE_BYTES`]) instead
/// of redb's default of 1 GiB, which a long server life (or the repair after a crash) fills.
fn builder() -> redb::Builder {
    let mut builder = Database::builder();
    builder.set_cache_size(REDB_CACHE_BYTES);
    builder
}

/// Decodes a stored JSON value; a failure means the file is damaged or from another version.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(AppError::storage)
}

/// The highest sequence number of a session's events (0 before the first).
pub(crate) fn last_seq<T: ReadableTable<(&'static str, u64), &'static [u8]>>(
    events: &T,
    session_id: &str,
) -> Result<u64, redb::StorageError> {
    Ok(events
        .range((session_id, 0)..=(session_id, u64::MAX))?
        .next_back()
        .transpose()?
        .map(|(k, _)| k.value().1)
        .unwrap_or(0))
}

#[cfg(test)]
mod tests;
