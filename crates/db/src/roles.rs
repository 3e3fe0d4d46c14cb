//! Two roles on PostgreSQL: the owner of the schema, who migrates, and the
//! application's role, which reads and writes the data but may only add to
//! the access log. With the server running as the application role, a
//! mistake in its code or SQL slipped into it cannot change or remove a
//! record of the log, not even by dropping the triggers that refuse it
//! (only the owner may). `docs/operations.md` shows the set-up.

use sqlx::Row;

use crate::backend::Backend;
use crate::error::{DbError, DbResult};
use crate::identifier::plain_identifier;
use crate::store::Store;

impl Store {
    /// Gives `role` (which must exist) what the server needs and no more:
    /// all data, the access log and its chain heads append-only, the
    /// migration history read-only. Run by the owner after each migration,
    /// so that tables a migration added are covered too.
    pub async fn grant_app_role(&self, role: &str) -> DbResult<()> {
        if self.backend() != Backend::Postgres {
            return Err(DbError::Other(
                "an application role is for PostgreSQL; SQLite has no roles".into(),
            ));
        }
        let role = plain_identifier(role)?;
        let exists = sqlx::query("SELECT COUNT(*) AS n FROM pg_roles WHERE rolname = $1")
            .bind(role)
            .fetch_one(&self.pool)
            .await?
            .try_get::<i64, _>("n")?;
        if exists == 0 {
            return Err(DbError::Other(format!(
                "there is no role {role}: create it first (CREATE ROLE {role} LOGIN PASSWORD '…')"
            )));
        }
        let schema: String = sqlx::query("SELECT CAST(current_schema() AS TEXT) AS s")
            .fetch_one(&self.pool)
            .await?
            .try_get("s")?;
        let schema = plain_identifier(&schema)?;
        for sql in [
            format!("GRANT USAGE ON SCHEMA {schema} TO {role}"),
            format!("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}"
            ),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"),
            format!("REVOKE UPDATE, DELETE ON audit_log FROM {role}"),
            format!("REVOKE DELETE ON audit_head FROM {role}"),
            format!("REVOKE INSERT, UPDATE, DELETE ON _sqlx_migrations FROM {role}"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Whether this connection may change the schema: always on SQLite; on
    /// PostgreSQL when it owns the access log, or there is no schema yet.
    pub(crate) async fn owns_schema(&self) -> DbResult<bool> {
        if self.backend() != Backend::Postgres {
            return Ok(true);
        }
        let row = sqlx::query(
            "SELECT CAST(tableowner AS TEXT) = CAST(current_user AS TEXT) AS mine FROM pg_tables \
             WHERE schemaname = current_schema() AND tablename = 'audit_log'",
        )
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(row.try_get::<bool, _>("mine")?),
            None => Ok(true),
        }
    }
}
