//! Fresh databases for tests, so that one suite runs on both backends: SQLite
//! in a temporary file by default, PostgreSQL when `ETTLAG_TEST_DATABASE_URL`
//! names a server (each test gets its own schema there).

use std::path::PathBuf;

use crate::error::DbResult;
use crate::store::Store;

/// The environment variable that points the test suites at PostgreSQL.
pub const TEST_DATABASE_ENV: &str = "ETTLAG_TEST_DATABASE_URL";

/// A migrated store of its own for one test, and what to remove afterwards.
#[derive(Debug)]
pub struct TestDatabase {
    pub store: Store,
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    File(PathBuf),
    Schema { server: String, schema: String },
}

impl TestDatabase {
    pub async fn new() -> DbResult<TestDatabase> {
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let (url, cleanup) = match std::env::var(TEST_DATABASE_ENV) {
            Ok(server) if !server.is_empty() => {
                let admin = Store::open(&server).await?;
                admin.execute_raw(&format!("CREATE SCHEMA {name}")).await?;
                admin.close().await;
                let sep = if server.contains('?') { '&' } else { '?' };
                (
                    format!("{server}{sep}options=-c%20search_path%3D{name}"),
                    Cleanup::Schema {
                        server,
                        schema: name,
                    },
                )
            }
            _ => {
                let path = std::env::temp_dir().join(format!("ettlag-{name}.db"));
                (format!("sqlite://{}", path.display()), Cleanup::File(path))
            }
        };
        let store = Store::open(&url).await?;
        store.migrate().await?;
        Ok(TestDatabase {
            store,
            url,
            cleanup,
        })
    }

    /// Closes the store and removes its database.
    pub async fn remove(self) {
        self.store.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Schema { server, schema } => {
                if let Ok(admin) = Store::open(&server).await {
                    let _ = admin
                        .execute_raw(&format!("DROP SCHEMA {schema} CASCADE"))
                        .await;
                    admin.close().await;
                }
            }
        }
    }
}

impl Store {
    /// Runs one statement of trusted SQL (test set-up and tamper tests).
    #[doc(hidden)]
    pub async fn execute_raw(&self, sql: &str) -> DbResult<u64> {
        let done = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Runs one query of trusted SQL and returns every column as text
    /// (integers formatted), for tests that check figures independently.
    #[doc(hidden)]
    pub async fn fetch_raw(&self, sql: &str) -> DbResult<Vec<Vec<Option<String>>>> {
        use sqlx::Row;
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::new();
        for r in rows {
            let mut line = Vec::new();
            for i in 0..r.len() {
                let v = match r.try_get::<Option<i64>, _>(i) {
                    Ok(v) => v.map(|n| n.to_string()),
                    Err(_) => r.try_get::<Option<String>, _>(i)?,
                };
                line.push(v);
            }
            out.push(line);
        }
        Ok(out)
    }
}
