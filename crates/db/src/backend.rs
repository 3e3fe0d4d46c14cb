//! Which database engine is behind a store, read from its URL, and the
//! settings every SQLite connection gets. Shared by the store and its
//! writer, so neither imports the other for it.

use crate::error::{DbError, DbResult};

/// Which engine is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> DbResult<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(DbError::Other(format!(
                "unsupported database URL scheme (use sqlite:// or postgres://): {}",
                redact(url)
            )))
        }
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..s + 3], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

/// SQLite settings applied to every connection. WAL lets readers run beside
/// the writer; `synchronous=FULL` makes each commit durable before it is
/// acknowledged; foreign keys are off by default in SQLite.
pub(crate) const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
