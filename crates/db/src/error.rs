//! Storage errors. Callers see what they can act on; the database's own error
//! stays inside for the log.

/// An error from the store.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The thing does not exist, or the actor may not know that it exists.
    #[error("not found")]
    NotFound,
    /// A unique value is already taken (a user name, a unit name, a national id).
    #[error("already exists: {0}")]
    Conflict(&'static str),
    /// The actor may not do this (and may know that the thing exists).
    #[error("not allowed")]
    Forbidden,
    /// The record changed since the caller read it.
    #[error("the record was changed by someone else")]
    Stale,
    /// A rule of the domain refused the change; the message key says which.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The store is shutting down or its writer stopped.
    #[error("the store is not accepting writes")]
    Unavailable,
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Other(String),
}

impl DbError {
    /// Maps a unique-constraint violation to [`DbError::Conflict`] naming what
    /// clashed, and leaves every other error as it is.
    pub(crate) fn conflict_as(self, what: &'static str) -> DbError {
        match &self {
            DbError::Sql(sqlx::Error::Database(e))
                if e.kind() == sqlx::error::ErrorKind::UniqueViolation =>
            {
                DbError::Conflict(what)
            }
            _ => self,
        }
    }
}

pub type DbResult<T> = Result<T, DbError>;
