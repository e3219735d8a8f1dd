//! The writer's one error type: a job refused (the client is told why, the batch goes on), or
//! the batch failed (storage or a value that would not encode or decode: nothing of the batch
//! is stored). Each says what it is, so the log tells a full disk from a damaged row or a bug.

use crate::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The job is not acceptable as the session is now; nothing of it was written.
    #[error("refused: {0}")]
    Refused(AppError),
    /// redb failed: an I/O error, a full disk, a damaged file.
    #[error("storage: {0}")]
    Storage(#[from] redb::Error),
    /// A stored row that does not decode, or a value that does not encode: a bug, or a row
    /// written by another version.
    #[error("encoding or decoding a stored value: {0}")]
    Codec(String),
    /// What should be there after the job is not (a session the batch just wrote).
    #[error("inconsistent batch: {0}")]
    Inconsistent(&'static str),
}

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> Self {
        Self::Codec(e.to_string())
    }
}

impl From<crate::store::CodecError> for WriteError {
    fn from(e: crate::store::CodecError) -> Self {
        Self::Codec(e.to_string())
    }
}

impl From<AppError> for WriteError {
    fn from(e: AppError) -> Self {
        Self::Refused(e)
    }
}

/// redb's narrower errors, each a [`WriteError::Storage`].
macro_rules! storage_from {
    ($($t:ty),*) => {$(
        impl From<$t> for WriteError {
            fn from(e: $t) -> Self {
                Self::Storage(e.into())
            }
        }
    )*};
}
storage_from!(
    redb::StorageError,
    redb::TableError,
    redb::TransactionError,
    redb::CommitError,
    redb::SetDurabilityError
);

impl WriteError {
    /// Whether redb now refuses every later transaction until the file is reopened.
    pub fn needs_reopen(&self) -> bool {
        matches!(
            self,
            Self::Storage(redb::Error::Io(_) | redb::Error::PreviousIo | redb::Error::DatabaseAlreadyOpen)
        )
    }

    /// What the jobs of a failed batch are told.
    pub fn for_client(&self) -> AppError {
        match self {
            Self::Refused(e) => e.clone(),
            _ if self.needs_reopen() => AppError::StorageUnavailable,
            Self::Storage(e) => AppError::storage(e),
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a row that did not decode was relabelled `redb::Error::Corrupted`, so a
    /// serde bug was logged as a damaged database.
    #[test]
    fn a_value_that_does_not_decode_is_a_codec_error() {
        let e: WriteError = serde_json::from_slice::<u32>(b"not json").unwrap_err().into();
        assert!(matches!(e, WriteError::Codec(_)), "{e:?}");
        assert!(e.to_string().starts_with("encoding or decoding"), "{e}");
        assert!(!e.needs_reopen());
        assert!(matches!(e.for_client(), AppError::Internal(_)));
    }

    #[test]
    fn io_errors_reopen_and_refusals_pass_through() {
        let io: WriteError = redb::Error::Io(std::io::Error::other("disk full")).into();
        assert!(io.needs_reopen());
        assert!(matches!(io.for_client(), AppError::StorageUnavailable));
        let refused: WriteError = AppError::question_not_found().into();
        assert_eq!(refused.for_client().body().code, "question_not_found");
    }
}
