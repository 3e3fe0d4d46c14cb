//! Reading the queue and one item.

use ettlag_core::Coded;
use ettlag_core::ids::IntakeItemId;
use ettlag_core::intake::{ClockState, Source, Status};
use ettlag_core::policy::{Action, Subject};

use super::{COLUMNS, IntakeFacts, IntakeItem, item_row, item_view, row_from};
use crate::access::AccessContext;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};

/// Which items the queue shows.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// Only items in this state; `None`: those not closed.
    pub status: Option<Status>,
    /// Only items whose clock is near or past its deadline.
    pub urgent_only: bool,
    /// Only items that came in this way.
    pub source: Option<Source>,
}

impl AccessContext {
    /// The queue the actor may see: all of it for intake staff, what was
    /// assigned to them, their unit or their team for others. Overdue
    /// first, then by deadline. Every line is decided and audited.
    pub async fn intake_queue(&self, filter: &QueueFilter) -> DbResult<Vec<IntakeItem>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let status = match filter.status {
            Some(s) => format!("status = '{}'", s.code()),
            None => "status <> 'closed'".to_string(),
        };
        // Both filters are our own codes, never the caller's text.
        let source = match filter.source {
            Some(s) => format!(" AND source = '{}'", s.code()),
            None => String::new(),
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM intake_items WHERE tenant_id = $1 AND {status}{source} \
             ORDER BY deadline_at LIMIT 500"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let now = now_ms();
        let mut events = Vec::new();
        let mut out = Vec::new();
        for r in &rows {
            let row = row_from(r)?;
            let facts = IntakeFacts::of(&mut conn, &tenant, &row).await?;
            let d = self.decide(Action::List, &Subject::Intake(facts.subject()));
            events.push(self.event(Action::List, "intake_item", &row.id, d));
            if !d.is_allowed() {
                continue;
            }
            let item = item_view(&mut conn, &tenant, row, facts).await?;
            if filter.urgent_only && item.clock.state(now) == ClockState::InTime {
                continue;
            }
            out.push(item);
        }
        self.audit_reads(events).await?;
        Ok(out)
    }

    /// One item with its history. Hidden and missing items answer alike.
    pub async fn intake_item(&self, id: &IntakeItemId) -> DbResult<IntakeItem> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = item_row(&mut conn, &tenant, id).await? else {
            self.gate_read("intake_item", id, &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        let facts = IntakeFacts::of(&mut conn, &tenant, &row).await?;
        self.gate_read("intake_item", id, &Subject::Intake(facts.subject()))
            .await?;
        item_view(&mut conn, &tenant, row, facts).await
    }
}
