//! Reading relay logs: one whole log, a child's logs, and who may take part.

use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::{self, Action, Subject};
use ettlag_core::{PersonId, StaffId, UnitId};
use sqlx::{AnyConnection, Row};

use super::fields::{FieldScope, redact};
use super::load::{LOG_COLUMNS, log_from_row, log_row};
use super::view::build_view;
use super::{CaseFacts, LogRow};
use crate::access::AccessContext;
use crate::access::facts::ConsentFacts;
use crate::access::facts::register::names;
use crate::error::{DbError, DbResult};
use crate::relay_models::{Candidate, LogLine, RelayLogView, StaffRef, UnitRef};

impl AccessContext {
    /// The facts of a log for a read, from what the request has loaded (or
    /// loads now, once): the child's consents and their person facts
    /// (restriction, break-the-glass).
    pub(crate) async fn case_of_log(
        &self,
        conn: &mut AnyConnection,
        row: &LogRow,
    ) -> DbResult<(CaseFacts, ConsentFacts)> {
        let child = self.person_fact(conn, &row.child_id).await?;
        let consents = self.consent_facts(conn, &row.child_id).await?;
        let restricted = child.as_ref().is_some_and(|c| c.restricted);
        let mut facts = CaseFacts::of_log_known(self.tenant(), row, &consents, restricted);
        facts.emergency = child.is_some_and(|c| c.emergency);
        Ok((facts, consents))
    }

    /// One relay log with its whole history. A log the actor may not see
    /// gives `NotFound`, exactly like one that does not exist.
    pub async fn relay_log(&self, id: &RelayLogId) -> DbResult<RelayLogView> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = log_row(&mut conn, &tenant, id).await? else {
            self.gate_read("relay_log", id, &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        let (facts, consents) = self.case_of_log(&mut conn, &row).await?;
        let decision = self.decide(Action::Read, &Subject::Case(facts.case()));
        self.gate_read("relay_log", id, &Subject::Case(facts.case()))
            .await?;
        let view = build_view(&mut conn, &tenant, &row).await?;
        let scope = FieldScope::of_consents(&consents);
        Ok(redact(view, &self.actor, decision, &scope))
    }

    /// A child's relay logs that the actor may see, the open one first.
    pub async fn relay_logs_of(&self, child: &PersonId) -> DbResult<Vec<LogLine>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let sql = format!(
            "SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
             ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, opened_at DESC LIMIT 50"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(child.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let mut events = Vec::new();
        let mut shown = Vec::new();
        for r in &rows {
            let row = log_from_row(r)?;
            let (facts, _) = self.case_of_log(&mut conn, &row).await?;
            let decision = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "relay_log", &row.id, decision));
            if decision.is_allowed() {
                shown.push(row);
            }
        }
        self.audit_reads(events).await?;
        let lines = super::list_lines::lines(&mut conn, &tenant, shown).await?;
        Ok(lines)
    }

    /// Who may take the baton of a log or be responsible for one of its
    /// measures: active staff of the units that may receive the child's case
    /// (its home unit, and those the consent covers), and the holder.
    pub async fn case_candidates(&self, log_id: &RelayLogId) -> DbResult<Vec<Candidate>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = log_row(&mut conn, &tenant, log_id).await? else {
            self.gate_read("relay_log", log_id, &Subject::Unknown)
                .await?;
            return Err(DbError::NotFound);
        };
        // The log page asks for these for every reader, so a break-the-glass
        // reader must pass this gate as they pass the log's own.
        let (facts, _) = self.case_of_log(&mut conn, &row).await?;
        self.gate_read("relay_log", log_id, &Subject::Case(facts.case()))
            .await?;
        let mut units: Vec<UnitId> = std::iter::once(&facts.home_unit)
            .chain(facts.consented_units.iter())
            .filter(|u| policy::may_receive(&tenant, u, &facts.case()).is_allowed())
            .cloned()
            .collect();
        if !units.contains(&row.holder_unit) {
            units.push(row.holder_unit.clone());
        }
        let mut out = Vec::new();
        let unit_names = names(
            &mut conn,
            &tenant,
            "units",
            &units.iter().map(|u| u.to_string()).collect::<Vec<_>>(),
        )
        .await?;
        for unit in &units {
            let rows = sqlx::query(
                "SELECT s.id, s.display_name, s.roles FROM staff s JOIN staff_units su \
                 ON su.tenant_id = s.tenant_id AND su.staff_id = s.id \
                 WHERE s.tenant_id = $1 AND su.unit_id = $2 AND s.active = 1 \
                 ORDER BY s.display_name LIMIT 500",
            )
            .bind(tenant.as_str())
            .bind(unit.as_str())
            .fetch_all(&mut *conn)
            .await?;
            for r in &rows {
                let roles = ettlag_core::RoleSet::parse(&r.try_get::<String, _>("roles")?)
                    .unwrap_or_default();
                if !(roles.has(ettlag_core::Role::Staff)
                    || roles.has(ettlag_core::Role::UnitLeader))
                {
                    continue;
                }
                out.push(Candidate {
                    staff: StaffRef {
                        id: StaffId::from_trusted(r.try_get("id")?),
                        name: r.try_get("display_name")?,
                    },
                    unit: UnitRef {
                        id: unit.clone(),
                        name: unit_names.get(unit.as_str()).cloned().unwrap_or_default(),
                    },
                });
            }
        }
        Ok(out)
    }
}
