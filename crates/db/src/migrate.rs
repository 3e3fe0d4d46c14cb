//! Bringing a database up to date: the portable migration sequence, then the
//! data migrations that need the application's own rules (a relay log's home
//! unit, the index of a consent's recipients). Apart from the store itself so
//! that the store does not import the access layer it serves.

use crate::error::DbResult;
use crate::store::Store;

impl Store {
    /// Brings the schema up to date. Safe to run at every start.
    pub async fn migrate(&self) -> DbResult<()> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        self.guard_audit_log().await?;
        let rebuilt = self.build_deferred_indexes().await?;
        if rebuilt > 0 {
            tracing::warn!(
                indexes = rebuilt,
                "built again the indexes a bulk load had set aside and not restored"
            );
        }
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
}
