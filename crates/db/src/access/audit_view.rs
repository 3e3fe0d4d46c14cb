//! The privacy officer's view of the access log. Reading the log is itself an
//! access: it is decided by the policy and recorded in the log.

use ettlag_core::audit::AuditRecord;
use ettlag_core::policy::{Action, Subject};

use super::AccessContext;
use crate::audit::{RECORD_COLUMNS, record_from_row};
use crate::error::{DbError, DbResult};

/// What to look for in the log. Empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// The id of a person, unit or staff member that was accessed.
    pub resource_id: String,
    /// The staff id of who acted.
    pub actor_id: String,
    /// Only denied accesses.
    pub denied_only: bool,
    /// Records older than this sequence number (for paging back).
    pub before_seq: Option<i64>,
}

/// The most records one page of the log shows.
pub const AUDIT_PAGE: i64 = 100;

impl AccessContext {
    /// The newest records that match, newest first.
    pub async fn audit_log(&self, filter: &AuditFilter) -> DbResult<Vec<AuditRecord>> {
        let tenant = self.tenant().clone();
        let decision = self.decide(Action::List, &Subject::AuditLog { tenant: &tenant });
        self.audit_reads(vec![self.event(
            Action::List,
            "audit_log",
            &filter.resource_id,
            decision,
        )])
        .await?;
        if !decision.is_allowed() {
            return Err(DbError::Forbidden);
        }
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM audit_log WHERE tenant_id = $1 \
             AND ($2 = '' OR resource_id = $2) AND ($3 = '' OR actor_id = $3) \
             AND ($4 = 0 OR outcome = 'deny') AND seq < $5 ORDER BY seq DESC LIMIT {AUDIT_PAGE}"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(filter.resource_id.trim())
            .bind(filter.actor_id.trim())
            .bind(i64::from(filter.denied_only))
            .bind(filter.before_seq.unwrap_or(i64::MAX))
            .fetch_all(&self.store.pool)
            .await?;
        rows.iter().map(record_from_row).collect()
    }
}
