//! Logs a family's consent shares with one of the actor's units: how a
//! receiving unit finds what it may now follow.

use ettlag_core::policy::{Action, Decision, Grant, Subject};
use sqlx::{AnyConnection, Row};

use super::MAX_LINES;
use crate::access::AccessContext;
use crate::access::gate::Record;
use crate::access::relay::{CaseFacts, LogRow, open_log_of};
use crate::error::DbResult;

impl AccessContext {
    /// Open relay logs the family's consent shares with one of the actor's
    /// units, beyond the children of the actor's own units: how a receiving
    /// unit finds what it may now follow. Only logs the policy opens to the
    /// actor by consent are listed; each decision is audited.
    pub(super) async fn shared_with_my_units(
        &self,
        conn: &mut AnyConnection,
        events: &mut Vec<Record>,
    ) -> DbResult<Vec<LogRow>> {
        let tenant = self.tenant().clone();
        let mut units = Vec::new();
        for unit in &self.actor().units {
            let row =
                sqlx::query("SELECT service_type FROM units WHERE tenant_id = $1 AND id = $2")
                    .bind(tenant.as_str())
                    .bind(unit.as_str())
                    .fetch_optional(&mut *conn)
                    .await?;
            if let Some(service) = row
                .map(|r| r.try_get::<String, _>("service_type"))
                .transpose()?
                .and_then(|s| <ettlag_core::ServiceType as ettlag_core::Coded>::from_code(&s))
            {
                units.push((unit.clone(), service));
            }
        }
        let children = crate::access::consent::shared_children(
            conn,
            &tenant,
            &units,
            ettlag_core::consent::Category::RelayLog,
        )
        .await?;
        let mut shown = Vec::new();
        for child in children.iter().take(MAX_LINES as usize) {
            let Some(row) = open_log_of(conn, &tenant, child).await? else {
                continue;
            };
            let facts = CaseFacts::of_log(conn, &tenant, &row).await?;
            let d = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "relay_log", &row.id, d));
            if d == Decision::Allow(Grant::ConsentedToOwnUnit) {
                shown.push(row);
            }
        }
        Ok(shown)
    }
}
