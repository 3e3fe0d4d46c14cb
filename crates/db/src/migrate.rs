//! Bringing a database up to date: the portable migration sequence, then the
//! data migrations that need the application's own rules (a relay log's home
//! unit, the index of a consent's recipients). Apart from the store itself so
//! that the store does not import the access layer it serves.

use sqlx::Row;
use sqlx::migrate::Migrator;

use crate::error::{DbError, DbResult};
use crate::store::Store;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Brings the schema up to date. Safe to run at every start. Run as
    /// an application role that does not own the schema (`roles`), it only
    /// checks that the owner has migrated, since it may not change tables.
    pub async fn migrate(&self) -> DbResult<()> {
        if self.owns_schema().await? {
            MIGRATOR.run(&self.pool).await?;
            self.guard_audit_log().await?;
            let rebuilt = self.build_deferred_indexes().await?;
            if rebuilt > 0 {
                tracing::warn!(
                    indexes = rebuilt,
                    "built again the indexes a bulk load had set aside and not restored"
                );
            }
        } else {
            self.check_migrated().await?;
        }
        self.backfill().await
    }

    /// The data migrations; each does nothing once done.
    async fn backfill(&self) -> DbResult<()> {
        let homed = crate::access::relay::backfill_home_units(self).await?;
        if homed > 0 {
            tracing::info!(
                logs = homed,
                "gave earlier relay logs their home unit; access through enrolment alone ended"
            );
        }
        let indexed = crate::access::consent::backfill_recipients(&self.pool).await?;
        if indexed > 0 {
            tracing::info!(
                consents = indexed,
                "indexed the recipients of earlier consents"
            );
        }
        Ok(())
    }

    /// Fails, naming the first missing migration, unless every migration
    /// this build knows has been applied.
    async fn check_migrated(&self) -> DbResult<()> {
        let rows = sqlx::query("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&self.pool)
            .await?;
        let applied = rows
            .iter()
            .map(|r| r.try_get::<i64, _>("version"))
            .collect::<Result<std::collections::HashSet<_>, _>>()?;
        match MIGRATOR.iter().find(|m| !applied.contains(&m.version)) {
            None => Ok(()),
            Some(m) => Err(DbError::Other(format!(
                "the database lacks migration {} ({}): run `ettlag migrate` as the schema's owner first",
                m.version, m.description
            ))),
        }
    }
}
