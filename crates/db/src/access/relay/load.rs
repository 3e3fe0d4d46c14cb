//! Queries shared by the relay reads and writes. Each takes a connection so
//! that the same query serves a read on the pool and a write in the writer's
//! transaction.

use ettlag_core::ids::{ConcernId, RelayLogId};
use ettlag_core::relay::Level;
use ettlag_core::{PersonId, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::LogRow;
use crate::error::{DbError, DbResult};

pub(crate) const LOG_COLUMNS: &str = "id, child_id, level, holder_id, holder_unit_id, offered_to, \
     concern_id, opened_at, closed_at, events, version, next_due, offered_unit_id, home_unit_id";

pub(crate) fn log_from_row(r: &sqlx::any::AnyRow) -> DbResult<LogRow> {
    let level: i64 = r.try_get("level")?;
    let holder_unit = UnitId::from_trusted(r.try_get("holder_unit_id")?);
    Ok(LogRow {
        id: RelayLogId::from_trusted(r.try_get("id")?),
        child_id: PersonId::from_trusted(r.try_get("child_id")?),
        level: u8::try_from(level)
            .ok()
            .and_then(|l| Level::try_from(l).ok())
            .ok_or_else(|| DbError::Other(format!("a stored level is {level}")))?,
        holder: StaffId::from_trusted(r.try_get("holder_id")?),
        // Filled at start-up for logs older than the column; until then the
        // holder's unit is the best guess and never wider than before.
        home_unit: r
            .try_get::<Option<String>, _>("home_unit_id")?
            .map(UnitId::from_trusted)
            .unwrap_or_else(|| holder_unit.clone()),
        holder_unit,
        offered_to: r
            .try_get::<Option<String>, _>("offered_to")?
            .map(StaffId::from_trusted),
        concern_id: r
            .try_get::<Option<String>, _>("concern_id")?
            .map(ConcernId::from_trusted),
        opened_at_ms: r.try_get("opened_at")?,
        closed_at_ms: r.try_get("closed_at")?,
        events: r.try_get("events")?,
        version: r.try_get("version")?,
        next_due: r
            .try_get::<Option<String>, _>("next_due")?
            .and_then(|d| ettlag_core::Day::parse(&d).ok()),
        offered_unit: r
            .try_get::<Option<String>, _>("offered_unit_id")?
            .map(UnitId::from_trusted),
    })
}

pub(crate) async fn log_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &RelayLogId,
) -> DbResult<Option<LogRow>> {
    let sql = format!("SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id.as_str())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(log_from_row).transpose()
}

/// The child's open relay log, if there is one (a child has at most one).
pub(crate) async fn open_log_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
) -> DbResult<Option<LogRow>> {
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
         AND closed_at IS NULL"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(child.as_str())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(log_from_row).transpose()
}
