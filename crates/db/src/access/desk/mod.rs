//! A staff member's desk: the batons offered to them, the logs they hold
//! (overdue evaluations first), logs a family's consent shares with their
//! units, their concerns waiting for a decision, consents about to end and
//! their reminders. Every line is decided and audited; the records of one
//! desk share one durable commit.

mod notifications;
mod queries;
mod shared;

use ettlag_core::ids::ConcernId;
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Day, PersonId, UnitId};
use sqlx::{AnyConnection, Row};

use crate::access::AccessContext;
use crate::access::gate::Record;
use crate::access::relay::{CaseFacts, LogRow, lines};
use crate::clock::today;
use crate::error::DbResult;
use crate::relay_models::{ConcernLine, ExpiringConsent, MyWork};
use queries::{expiring, facts_for, logs_where};

/// The most lines of each kind the desk shows.
const MAX_LINES: i64 = 500;

impl AccessContext {
    /// What needs the actor now. Every line is decided and audited.
    pub async fn my_work(&self) -> DbResult<MyWork> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let mut events = Vec::new();
        let offered = self.my_logs(&mut conn, "offered_to", &mut events).await?;
        let held = self.my_logs(&mut conn, "holder_id", &mut events).await?;
        let concerns = self.my_concerns(&mut conn, &mut events).await?;
        let shared = self.shared_with_my_units(&mut conn, &mut events).await?;
        let notifications = self.unread_notifications(&mut conn, &mut events).await?;
        let expiring_consents = expiring(&mut conn, &tenant, &held).await?;
        self.list_expiring(&mut conn, &held, &expiring_consents, &mut events)
            .await?;
        self.audit_reads(events).await?;

        let offers = lines(&mut conn, &tenant, offered).await?;
        let shared = lines(&mut conn, &tenant, shared).await?;
        let mut logs = lines(&mut conn, &tenant, held).await?;
        let today = Day::parse(&today()).ok();
        // Overdue first, then the nearest evaluation date, then logs with none.
        logs.sort_by_key(|l| {
            let overdue = matches!((l.next_due, today), (Some(d), Some(t)) if d < t);
            (!overdue, l.next_due.is_none(), l.next_due, l.opened_at_ms)
        });
        Ok(MyWork {
            offers,
            logs,
            shared,
            concerns,
            notifications,
            expiring_consents,
        })
    }

    /// The open logs the actor holds (`holder_id`) or is offered
    /// (`offered_to`) that the policy lets them list.
    async fn my_logs(
        &self,
        conn: &mut AnyConnection,
        column: &str,
        events: &mut Vec<Record>,
    ) -> DbResult<Vec<LogRow>> {
        let tenant = self.tenant().clone();
        let rows = logs_where(conn, &tenant, column, &self.actor().staff).await?;
        let facts = facts_for(conn, &tenant, &rows).await?;
        let mut shown = Vec::new();
        for (row, facts) in rows.into_iter().zip(facts) {
            let d = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "relay_log", &row.id, d));
            if d.is_allowed() {
                shown.push(row);
            }
        }
        Ok(shown)
    }

    /// The concerns the actor raised that wait for a decision, nearest
    /// deadline first.
    async fn my_concerns(
        &self,
        conn: &mut AnyConnection,
        events: &mut Vec<Record>,
    ) -> DbResult<Vec<ConcernLine>> {
        let tenant = self.tenant().clone();
        let me = self.actor().staff.clone();
        let rows = sqlx::query(
            "SELECT c.id, c.child_id, c.raised_at, c.deadline_at, p.given_name, p.family_name, \
             c.unit_id FROM concerns c JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.child_id \
             WHERE c.tenant_id = $1 AND c.raised_by = $2 AND c.decided_at IS NULL \
             ORDER BY c.deadline_at LIMIT $3",
        )
        .bind(tenant.as_str())
        .bind(me.as_str())
        .bind(MAX_LINES)
        .fetch_all(&mut *conn)
        .await?;
        let mut concerns = Vec::new();
        for r in &rows {
            let line = ConcernLine {
                id: ConcernId::from_trusted(r.try_get("id")?),
                child_id: PersonId::from_trusted(r.try_get("child_id")?),
                raised_at_ms: r.try_get("raised_at")?,
                deadline_ms: r.try_get("deadline_at")?,
                child_name: format!(
                    "{} {}",
                    r.try_get::<String, _>("given_name")?,
                    r.try_get::<String, _>("family_name")?
                ),
            };
            let unit = UnitId::from_trusted(r.try_get("unit_id")?);
            let facts = CaseFacts::of_concern(conn, &tenant, &line.child_id, &unit, &me).await?;
            let d = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "concern", &line.id, d));
            if d.is_allowed() {
                concerns.push(line);
            }
        }
        Ok(concerns)
    }

    /// Records each consent about to end as seen in a list. It is listed
    /// because the actor holds the child's log, which was decided already.
    async fn list_expiring(
        &self,
        conn: &mut AnyConnection,
        held: &[LogRow],
        expiring: &[ExpiringConsent],
        events: &mut Vec<Record>,
    ) -> DbResult<()> {
        let tenant = self.tenant().clone();
        for c in expiring {
            if let Some(row) = held.iter().find(|r| r.child_id == c.child_id) {
                let facts = CaseFacts::of_log(conn, &tenant, row).await?;
                let d = self.decide(Action::List, &Subject::Case(facts.case()));
                events.push(self.event(Action::List, "consent", &c.consent_id, d));
            }
        }
        Ok(())
    }
}
