//! The database itself refuses to change or remove access-log records:
//! triggers on `audit_log` refuse every `UPDATE` and `DELETE` (and, on
//! PostgreSQL, `TRUNCATE`), and on `audit_head` every removal, for every
//! connection that does not first drop them. The application only appends;
//! a mistake in its code, or SQL slipped into it, cannot rewrite the log.
//! Someone with the database's owner rights can drop the triggers, which
//! is what the signed checkpoints and `audit verify` are for.
//!
//! Triggers are not portable SQL, so they are not in the migration
//! sequence: `migrate` puts them in place for the engine at hand, every
//! time (each statement is idempotent).

use crate::backend::Backend;
use crate::error::DbResult;
use crate::store::Store;

const SQLITE: &[&str] = &[
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON audit_head \
     BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
];

const POSTGRES: &[&str] = &[
    "CREATE OR REPLACE FUNCTION ettlag_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$",
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION ettlag_audit_append_only()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
     FOR EACH STATEMENT EXECUTE FUNCTION ettlag_audit_append_only()",
    "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_head",
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head \
     FOR EACH ROW EXECUTE FUNCTION ettlag_audit_append_only()",
    "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head",
    "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head \
     FOR EACH STATEMENT EXECUTE FUNCTION ettlag_audit_append_only()",
];

impl Store {
    /// Puts the triggers in place (part of `migrate`).
    pub(crate) async fn guard_audit_log(&self) -> DbResult<()> {
        let statements = match self.backend() {
            Backend::Sqlite => SQLITE,
            Backend::Postgres => POSTGRES,
        };
        for sql in statements {
            sqlx::query(sqlx::AssertSqlSafe(*sql))
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Drops the triggers, as someone with the database's owner rights
    /// could: for the tests that tamper with the log on purpose to show
    /// that `audit verify` finds it.
    #[doc(hidden)]
    pub async fn lift_audit_guard(&self) -> DbResult<()> {
        let statements: &[&str] = match self.backend() {
            Backend::Sqlite => &[
                "DROP TRIGGER IF EXISTS audit_log_no_update",
                "DROP TRIGGER IF EXISTS audit_log_no_delete",
                "DROP TRIGGER IF EXISTS audit_head_no_delete",
            ],
            Backend::Postgres => &[
                "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
                "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
                "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_head",
                "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head",
            ],
        };
        for sql in statements {
            sqlx::query(sqlx::AssertSqlSafe(*sql))
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }
}
