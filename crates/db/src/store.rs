//! Opening the database: the URL's scheme picks SQLite or PostgreSQL, and the
//! same migrations and SQL run on both.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor};

use crate::backend::{Backend, SQLITE_PRAGMAS};
use crate::error::DbResult;
use crate::writer::Writer;

/// The store: a pool for reads and a single writer that groups commits.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) writer: Writer,
    backend: Backend,
}

impl Store {
    /// Opens the database at `url`, creating a SQLite file if it is missing.
    /// Does not migrate: call [`Store::migrate`]. The read pool holds 8
    /// connections on SQLite and 16 on PostgreSQL.
    pub async fn open(url: &str) -> DbResult<Store> {
        Store::open_with_pool(url, None).await
    }

    /// Like [`Store::open`], with a read pool of `max_connections` when
    /// given. A pool of one is how the tests prove that no read asks for a
    /// second connection while it holds one: such a read would wait for
    /// itself whenever every connection is busy.
    pub async fn open_with_pool(url: &str, max_connections: Option<u32>) -> DbResult<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains('?') && !url.contains(":memory:") => {
                format!("{url}?mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let max = max_connections.unwrap_or(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        });
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(SQLITE_PRAGMAS).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options.clone())
            .await?;
        let mut writer_conn = sqlx::AnyConnection::connect_with(&options).await?;
        if backend == Backend::Sqlite {
            writer_conn.execute(SQLITE_PRAGMAS).await?;
        }
        let writer = Writer::start(writer_conn, options, backend);
        Ok(Store {
            pool,
            writer,
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many times a caller has waited for a durable commit since the
    /// store opened: what the tests count per page, and a metric.
    pub fn commits_waited(&self) -> u64 {
        self.writer.jobs()
    }

    /// Answers when the database answers, for `/healthz`.
    pub async fn ping(&self) -> DbResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Stops the writer after it has committed what it holds, and closes the pool.
    pub async fn close(&self) {
        self.writer.shutdown().await;
        self.pool.close().await;
    }
}
