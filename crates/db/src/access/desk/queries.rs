//! The desk's queries: open logs by who holds or is offered them, their case
//! facts, and consents about to end.

use ettlag_core::{Day, StaffId, TenantId};
use sqlx::{AnyConnection, Row};

use super::MAX_LINES;
use crate::access::relay::{CaseFacts, LOG_COLUMNS, LogRow, log_from_row};
use crate::clock::{now_ms, today};
use crate::error::DbResult;
use crate::relay_models::{EXPIRING_DAYS, ExpiringConsent};

pub(super) async fn logs_where(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    column: &str,
    staff: &StaffId,
) -> DbResult<Vec<LogRow>> {
    let column = if column == "offered_to" {
        "offered_to"
    } else {
        "holder_id"
    };
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND {column} = $2 \
         AND closed_at IS NULL ORDER BY opened_at LIMIT {MAX_LINES}"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .fetch_all(conn)
        .await?;
    rows.iter().map(log_from_row).collect()
}

pub(super) async fn facts_for(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: &[LogRow],
) -> DbResult<Vec<CaseFacts>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(CaseFacts::of_log(conn, tenant, row).await?);
    }
    Ok(out)
}

/// Consents in force that end within [`EXPIRING_DAYS`], for these logs' children.
pub(super) async fn expiring(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    logs: &[LogRow],
) -> DbResult<Vec<ExpiringConsent>> {
    let today = Day::parse(&today()).unwrap_or(Day::from_ms(now_ms()));
    let until = today.add_days(EXPIRING_DAYS);
    let mut out = Vec::new();
    for log in logs {
        let rows = sqlx::query(
            "SELECT c.id, c.valid_to, p.given_name, p.family_name FROM consents c \
             JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.subject_id \
             WHERE c.tenant_id = $1 AND c.subject_id = $2 AND c.withdrawn_at IS NULL \
             AND c.valid_to IS NOT NULL AND c.valid_to >= $3 AND c.valid_to <= $4 \
             AND c.valid_from <= $3 ORDER BY c.valid_to",
        )
        .bind(tenant.as_str())
        .bind(log.child_id.as_str())
        .bind(today.to_string())
        .bind(until.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            let Ok(valid_to) = Day::parse(&r.try_get::<String, _>("valid_to")?) else {
                continue;
            };
            out.push(ExpiringConsent {
                consent_id: r.try_get("id")?,
                child_id: log.child_id.clone(),
                child_name: format!(
                    "{} {}",
                    r.try_get::<String, _>("given_name")?,
                    r.try_get::<String, _>("family_name")?
                ),
                valid_to,
            });
        }
    }
    out.sort_by_key(|c| c.valid_to);
    Ok(out)
}
