//! The coordinating unit's side of coordinators: ending an assignment, and
//! the overview of every plan's status (and every person coordinated
//! without a plan) with each coordinator's load. The overview is the
//! coordinating unit's alone: it is decided as a coordination list, and each
//! person on it is decided and audited as a list read, so a restricted
//! person is left out.

use ettlag_core::plan::{CoordinatorKind, Due};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, Day, PersonId, StaffId};
use serde::Serialize;
use sqlx::Row;

use super::read::{MAX_CASELOAD, due_rank};
use super::{CoordinatorLine, OwnedPlanFacts, coordinating_units, coordinators_of, person_name};
use crate::access::AccessContext;
use crate::clock::{now_ms, today};
use crate::error::{DbError, DbResult};

/// One person on the overview: their plan's status and coordinators.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewLine {
    pub person_id: PersonId,
    pub person_name: String,
    pub plan_id: Option<String>,
    pub revisions: i64,
    pub next_revision: Option<Day>,
    pub due: Due,
    pub coordinators: Vec<CoordinatorLine>,
}

/// How many people a coordinator holds, and how many of their plans are
/// overdue or soon due for revision. Counts only.
#[derive(Debug, Clone, Serialize)]
pub struct CoordinatorLoad {
    pub staff_id: StaffId,
    pub staff_name: String,
    pub people: i64,
    pub without_plan: i64,
    pub overdue: i64,
    pub soon: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoordinationOverview {
    /// Overdue first, then soon due, then without a plan.
    pub lines: Vec<OverviewLine>,
    /// The heaviest load first.
    pub load: Vec<CoordinatorLoad>,
}

impl AccessContext {
    /// Ends the person's coordinator or child coordinator in force
    /// (`plan-error-no-coordinator` when there is none). The ended
    /// assignment is kept.
    pub async fn end_coordinator(&self, person: &PersonId, kind: CoordinatorKind) -> DbResult<()> {
        let ctx = self.write_ctx();
        let person = person.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let facts =
                        OwnedPlanFacts::of(&mut tx.conn, &tenant, &person, &ctx.actor.staff)
                            .await?;
                    let subject = match &facts {
                        Some(f) => Subject::Coordination(f.facts()),
                        None => Subject::Unknown,
                    };
                    let resource = ("coordinator", person.as_str());
                    if let Some(e) = ctx.pass(tx, Action::Update, resource, &subject).await? {
                        return Ok(Err(e));
                    }
                    let ended = sqlx::query(
                        "UPDATE coordinators SET ended_at = $4 WHERE tenant_id = $1 \
                         AND person_id = $2 AND kind = $3 AND ended_at IS NULL",
                    )
                    .bind(tenant.as_str())
                    .bind(person.as_str())
                    .bind(kind.code())
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    if ended.rows_affected() == 0 {
                        return Ok(Err(DbError::Refused("plan-error-no-coordinator")));
                    }
                    Ok(Ok(()))
                })
            })
            .await?
    }

    /// Every plan's status and every person coordinated without a plan,
    /// with each coordinator's load. The coordinating unit's only:
    /// `Forbidden` to others.
    pub async fn coordination_overview(&self) -> DbResult<CoordinationOverview> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        // Decided like coordinating a person the unit knows nothing about:
        // only the coordinating unit is allowed.
        let unit_facts = OwnedPlanFacts {
            tenant: tenant.clone(),
            person_units: Vec::new(),
            consented_units: Vec::new(),
            refused_units: Vec::new(),
            coordinators: Vec::new(),
            coordinating_units: coordinating_units(&mut conn, &tenant).await?,
            restricted: false,
            emergency: false,
        };
        let d = self.decide(Action::List, &Subject::Coordination(unit_facts.facts()));
        self.audit_reads(vec![self.event(
            Action::List,
            "coordination_overview",
            "",
            d,
        )])
        .await?;
        if !d.is_allowed() {
            return Err(DbError::Forbidden);
        }
        let rows = sqlx::query(
            "SELECT person_id, id, revisions, next_revision FROM plans WHERE tenant_id = $1 \
             UNION ALL \
             SELECT DISTINCT c.person_id, CAST(NULL AS TEXT), 0, CAST(NULL AS TEXT) \
             FROM coordinators c WHERE c.tenant_id = $2 AND c.ended_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM plans p WHERE p.tenant_id = c.tenant_id AND p.person_id = c.person_id) \
             ORDER BY 4 LIMIT $3",
        )
        .bind(tenant.as_str())
        .bind(tenant.as_str())
        .bind(MAX_CASELOAD)
        .fetch_all(&mut *conn)
        .await?;
        let today = Day::parse(&today()).map_err(|_| DbError::Other("today".into()))?;
        let mut events = Vec::new();
        let mut lines = Vec::new();
        for r in &rows {
            let person = PersonId::from_trusted(r.try_get("person_id")?);
            if !self
                .decide_coordination_line(&mut conn, &person, &mut events)
                .await?
            {
                continue;
            }
            let next_revision = r
                .try_get::<Option<String>, _>("next_revision")?
                .and_then(|d| Day::parse(&d).ok());
            lines.push(OverviewLine {
                person_name: person_name(&mut conn, &tenant, &person)
                    .await?
                    .unwrap_or_default(),
                coordinators: coordinators_of(&mut conn, &tenant, &person).await?,
                person_id: person,
                plan_id: r.try_get("id")?,
                revisions: r.try_get("revisions")?,
                next_revision,
                due: Due::of(next_revision, today),
            });
        }
        self.audit_reads(events).await?;
        lines.sort_by_key(|l| (due_rank(l.due), l.next_revision));
        Ok(CoordinationOverview {
            lines,
            load: load(&mut conn, &tenant, today).await?,
        })
    }
}

/// Each coordinator's load, counted in SQL over the assignments in force.
async fn load(
    conn: &mut sqlx::AnyConnection,
    tenant: &ettlag_core::TenantId,
    today: Day,
) -> DbResult<Vec<CoordinatorLoad>> {
    let soon = today
        .add_days(ettlag_core::plan::coordinator::SOON_DAYS)
        .to_string();
    let rows = sqlx::query(
        "SELECT c.staff_id, s.display_name, COUNT(*) AS people, \
         SUM(CASE WHEN p.id IS NULL THEN 1 ELSE 0 END) AS without_plan, \
         SUM(CASE WHEN p.next_revision <= $2 THEN 1 ELSE 0 END) AS overdue, \
         SUM(CASE WHEN p.next_revision > $2 AND p.next_revision <= $3 THEN 1 ELSE 0 END) AS soon \
         FROM coordinators c \
         JOIN staff s ON s.tenant_id = c.tenant_id AND s.id = c.staff_id \
         LEFT JOIN plans p ON p.tenant_id = c.tenant_id AND p.person_id = c.person_id \
         WHERE c.tenant_id = $1 AND c.ended_at IS NULL \
         GROUP BY c.staff_id, s.display_name ORDER BY COUNT(*) DESC, s.display_name LIMIT $4",
    )
    .bind(tenant.as_str())
    .bind(today.to_string())
    .bind(soon)
    .bind(MAX_CASELOAD)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CoordinatorLoad {
                staff_id: StaffId::from_trusted(r.try_get("staff_id")?),
                staff_name: r.try_get("display_name")?,
                people: r.try_get("people")?,
                without_plan: r.try_get("without_plan")?,
                overdue: r.try_get("overdue")?,
                soon: r.try_get("soon")?,
            })
        })
        .collect()
}
