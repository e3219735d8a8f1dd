//! The redb file: table definitions, opening with a schema check, and the read side.
//!
//! Writes go through [`crate::writer`] only, one transaction per batch. Reads run on
//! blocking threads through [`Store::read`], so redb never blocks the async workers.

mod reads;

use std::path::Path;
use std::sync::Arc;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use crate::error::AppError;

pub use reads::*;

/// Bumped whenever a stored shape changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

/// `"schema_version"` and `"admin_token"`.
pub const KEY_TO_META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Session id → session (JSON).
pub const SESSION_ID_TO_SESSION: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
/// Join code → session id.
pub const CODE_TO_SESSION_ID: TableDefinition<&str, &str> = TableDefinition::new("codes");
/// (session id, contribution id) → contribution record (JSON).
pub const CONTRIBUTION_KEY_TO_RECORD: TableDefinition<(&str, &str), &[u8]> =
    TableDefinition::new("contributions");
/// (session id, seq) → event (JSON).
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

/// A cheap-clone handle to the open database.
#[derive(Clone)]
pub struct Store {
    db: Arc<Database>,
}

impl Store {
    /// Opens (or creates) the file, creates the tables, checks and records the schema version.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let db = Database::create(path)
            .map_err(|source| OpenError::Open { path: path.display().to_string(), source })?;
        let txn = db.begin_write()?;
        {
            let mut meta = txn.open_table(KEY_TO_META)?;
            let found = meta
                .get("schema_version")?
                .map(|v| u32::from_le_bytes(v.value().try_into().unwrap_or([0; 4])));
            match found {
                Some(v) if v > SCHEMA_VERSION => return Err(OpenError::TooNew { found: v }),
                _ => {
                    meta.insert("schema_version", SCHEMA_VERSION.to_le_bytes().as_slice())?;
                }
            }
            txn.open_table(SESSION_ID_TO_SESSION)?;
            txn.open_table(CODE_TO_SESSION_ID)?;
            txn.open_table(CONTRIBUTION_KEY_TO_RECORD)?;
            txn.open_table(EVENT_KEY_TO_EVENT)?;
            txn.open_table(SESSION_ID_TO_CONTRIBUTION_COUNT)?;
            txn.open_table(BALLOT_KEY_TO_DOTS)?;
        }
        txn.commit()?;
        Ok(Self { db: Arc::new(db) })
    }

    pub(crate) fn database(&self) -> &Arc<Database> {
        &self.db
    }

    /// The admin token kept in the file, or a new one generated and kept now.
    pub fn admin_token_or_create(&self) -> Result<String, OpenError> {
        let txn = self.db.begin_write()?;
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
        let txn = self.db.begin_read().map_err(AppError::storage)?;
        all_sessions(&txn)
    }

    /// Runs a read-only closure on a blocking thread with a fresh read transaction.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&redb::ReadTransaction) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            let txn = db.begin_read().map_err(AppError::storage)?;
            f(&txn)
        })
        .await
        .map_err(AppError::storage)?
    }
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
