//! A relay log as a line in a list: the child's and the holder's names with
//! each log the caller has already decided to show, all names in two
//! statements whatever the length of the list.

use sqlx::AnyConnection;

use super::LogRow;
use crate::access::facts::register::names;
use crate::error::DbResult;
use crate::relay_models::{LogLine, StaffRef};
use ettlag_core::TenantId;

/// Lines for a list: the child's and the holder's names with each log.
pub(crate) async fn lines(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: Vec<LogRow>,
) -> DbResult<Vec<LogLine>> {
    let staff: Vec<String> = rows.iter().map(|r| r.holder.to_string()).collect();
    let staff_names = names(conn, tenant, "staff", &staff).await?;
    let children: Vec<String> = rows.iter().map(|r| r.child_id.to_string()).collect();
    let child_names = names(conn, tenant, "persons", &children).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let child_name = child_names
            .get(row.child_id.as_str())
            .cloned()
            .unwrap_or_default();
        out.push(LogLine {
            holder: StaffRef {
                name: staff_names
                    .get(row.holder.as_str())
                    .cloned()
                    .unwrap_or_default(),
                id: row.holder,
            },
            id: row.id,
            child_id: row.child_id,
            child_name,
            level: row.level,
            offered_to: row.offered_to,
            opened_at_ms: row.opened_at_ms,
            closed_at_ms: row.closed_at_ms,
            next_due: row.next_due,
        });
    }
    Ok(out)
}
