//! Consistent copies of a SQLite database while the server runs. PostgreSQL is
//! backed up with its own tools (the command line runs `pg_dump`).

use sqlx::Row;

use crate::backend::Backend;
use crate::error::{DbError, DbResult};
use crate::store::Store;

impl Store {
    /// Writes a consistent, compacted copy of the SQLite database to `path`.
    /// `VACUUM INTO` reads one snapshot, so writers carry on meanwhile.
    pub async fn backup_sqlite(&self, path: &str) -> DbResult<()> {
        if self.backend() != Backend::Sqlite {
            return Err(DbError::Other(
                "backup_sqlite needs a SQLite database".into(),
            ));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// SQLite's own check of every page and index; `ok` when sound.
    pub async fn integrity_check(&self) -> DbResult<String> {
        match self.backend() {
            Backend::Sqlite => {
                let row = sqlx::query("PRAGMA integrity_check")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(row.try_get::<String, _>("integrity_check")?)
            }
            Backend::Postgres => Ok("ok".to_string()),
        }
    }

    /// Counts of the main tables, to compare a restore with its source.
    pub async fn table_counts(&self) -> DbResult<Vec<(&'static str, i64)>> {
        let mut out = Vec::new();
        for (table, sql) in [
            ("tenants", "SELECT COUNT(*) AS n FROM tenants"),
            ("units", "SELECT COUNT(*) AS n FROM units"),
            ("staff", "SELECT COUNT(*) AS n FROM staff"),
            ("persons", "SELECT COUNT(*) AS n FROM persons"),
            ("relations", "SELECT COUNT(*) AS n FROM relations"),
            ("enrolments", "SELECT COUNT(*) AS n FROM enrolments"),
            ("audit_log", "SELECT COUNT(*) AS n FROM audit_log"),
        ] {
            let row = sqlx::query(sql).fetch_one(&self.pool).await?;
            out.push((table, row.try_get::<i64, _>("n")?));
        }
        Ok(out)
    }

    /// Whether the schema has any of our tables yet (restore refuses to write
    /// over a database in use).
    pub async fn has_schema(&self) -> bool {
        sqlx::query("SELECT COUNT(*) FROM tenants")
            .fetch_one(&self.pool)
            .await
            .is_ok()
    }
}

impl Store {
    /// Refreshes the query planner's statistics. Run after loading many rows
    /// at once, so that both engines keep using the narrow indexes.
    pub async fn analyze(&self) -> DbResult<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }
}
