//! The stored events of relay logs, read back in order. The relay's reads
//! and writes replay them, and the steering counts fold them; this module
//! knows neither.

use ettlag_core::relay::{Event, Recorded};
use ettlag_core::{StaffId, TenantId};
use sqlx::{AnyConnection, Row};

use crate::error::{DbError, DbResult};

pub(crate) const EVENT_COLUMNS: &str = "seq, id, at_ms, by_staff, supersedes, kind, body";

/// Reads a stored event row: (seq, recorded event).
pub(crate) fn event_from_row(r: &sqlx::any::AnyRow) -> DbResult<(i64, Recorded<Event>)> {
    let body: String = r.try_get("body")?;
    let event: Event = serde_json::from_str(&body)
        .map_err(|e| DbError::Other(format!("a stored relay event does not parse: {e}")))?;
    Ok((
        r.try_get("seq")?,
        Recorded {
            id: r.try_get("id")?,
            at_ms: r.try_get("at_ms")?,
            by: StaffId::from_trusted(r.try_get("by_staff")?),
            supersedes: r.try_get("supersedes")?,
            body: event,
        },
    ))
}

/// Every event of a log, oldest first, with its sequence number.
pub(crate) async fn events_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    log_id: &str,
) -> DbResult<Vec<(i64, Recorded<Event>)>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM relay_events WHERE tenant_id = $1 AND log_id = $2 ORDER BY seq"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(log_id)
        .fetch_all(conn)
        .await?;
    rows.iter().map(event_from_row).collect()
}

/// The events of a log in order, for the steering counts.
pub(crate) async fn load_events(
    conn: &mut sqlx::AnyConnection,
    tenant: &ettlag_core::TenantId,
    log_id: &str,
) -> crate::error::DbResult<Vec<Recorded<Event>>> {
    Ok(events_of(conn, tenant, log_id)
        .await?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}
