//! Reading plans, a person's coordinators, and a coordinator's caseload. A
//! plan the actor may not see answers `NotFound`, like one that is missing.

use crate::access::gate::Record;
use ettlag_core::ids::PlanId;
use ettlag_core::plan::{CoordinatorKind, Due};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, Day, PersonId};
use sqlx::{AnyConnection, Row};

use super::{
    CaseloadLine, CoordinatorLine, OwnedPlanFacts, PlanRow, PlanView, coordinators_of, person_name,
    plan_of_person, plan_row, revisions_of,
};
use crate::access::AccessContext;
use crate::clock::today;
use crate::error::{DbError, DbResult};

/// The most lines a caseload shows.
pub(super) const MAX_CASELOAD: i64 = 500;

impl AccessContext {
    /// One plan with every revision.
    pub async fn plan(&self, id: &PlanId) -> DbResult<PlanView> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = plan_row(&mut conn, &tenant, id).await? else {
            // The facts of no one, loaded as a hidden plan's would be.
            let facts = OwnedPlanFacts::of(
                &mut conn,
                &tenant,
                &PersonId::placeholder(),
                &self.actor.staff,
            )
            .await?;
            debug_assert!(facts.is_none());
            self.gate_read("plan", id, &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        self.read_plan(&mut conn, row).await
    }

    /// A person's plan, or `None` when they have none. A person the actor
    /// may not see answers `NotFound`.
    pub async fn plan_of(&self, person: &PersonId) -> DbResult<Option<PlanView>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        match plan_of_person(&mut conn, &tenant, person).await? {
            Some(row) => self.read_plan(&mut conn, row).await.map(Some),
            None => {
                let facts =
                    OwnedPlanFacts::of(&mut conn, &tenant, person, &self.actor.staff).await?;
                let subject = match &facts {
                    Some(f) => Subject::Plan(f.facts()),
                    None => Subject::Unknown,
                };
                self.gate_read("plan", person.as_str(), &subject).await?;
                Ok(None)
            }
        }
    }

    async fn read_plan(&self, conn: &mut sqlx::AnyConnection, row: PlanRow) -> DbResult<PlanView> {
        let tenant = self.tenant().clone();
        let facts = OwnedPlanFacts::of(conn, &tenant, &row.person_id, &self.actor.staff).await?;
        let subject = match &facts {
            Some(f) => Subject::Plan(f.facts()),
            None => Subject::Unknown,
        };
        self.gate_read("plan", &row.id, &subject).await?;
        let revisions = revisions_of(conn, &tenant, &row.id).await?;
        let mut authors: Vec<String> = revisions.iter().map(|r| r.by.to_string()).collect();
        // Those responsible for measures agreed in meetings are named too.
        authors.extend(revisions.last().into_iter().flat_map(|r| {
            r.content
                .measures
                .iter()
                .filter_map(|m| m.origin.as_ref().map(|o| o.responsible.to_string()))
        }));
        Ok(PlanView {
            staff_names: crate::access::facts::register::names(conn, &tenant, "staff", &authors)
                .await?,
            revisions,
            coordinators: coordinators_of(conn, &tenant, &row.person_id).await?,
            person_name: person_name(conn, &tenant, &row.person_id)
                .await?
                .unwrap_or_default(),
            id: row.id,
            person_id: row.person_id,
            from_log_id: row.from_log_id,
        })
    }

    /// The name of a person whose plan the actor may read or make, for the
    /// heading of the plan form.
    pub async fn plan_person_name(&self, person: &PersonId) -> DbResult<String> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let facts = OwnedPlanFacts::of(&mut conn, &tenant, person, &self.actor.staff).await?;
        let subject = match &facts {
            Some(f) => Subject::Plan(f.facts()),
            None => Subject::Unknown,
        };
        self.gate_read("plan", person.as_str(), &subject).await?;
        Ok(person_name(&mut conn, &tenant, person)
            .await?
            .unwrap_or_default())
    }

    /// A person's name and coordinators, for the coordinating unit and the
    /// coordinators themselves.
    pub async fn coordinators(
        &self,
        person: &PersonId,
    ) -> DbResult<(String, Vec<CoordinatorLine>)> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let facts = OwnedPlanFacts::of(&mut conn, &tenant, person, &self.actor.staff).await?;
        let subject = match &facts {
            Some(f) => Subject::Coordination(f.facts()),
            None => Subject::Unknown,
        };
        self.gate_read("coordinator", person.as_str(), &subject)
            .await?;
        let name = person_name(&mut conn, &tenant, person)
            .await?
            .unwrap_or_default();
        Ok((name, coordinators_of(&mut conn, &tenant, person).await?))
    }

    /// Decides one person on a list of coordinations (a caseload, the
    /// coordinating unit's overview) and records the list read; the caller
    /// leaves the person out when it is not allowed.
    pub(super) async fn decide_coordination_line(
        &self,
        conn: &mut AnyConnection,
        person: &PersonId,
        events: &mut Vec<Record>,
    ) -> DbResult<bool> {
        let facts = OwnedPlanFacts::of(conn, self.tenant(), person, &self.actor.staff).await?;
        let subject = match &facts {
            Some(f) => Subject::Coordination(f.facts()),
            None => Subject::Unknown,
        };
        let d = self.decide(Action::List, &subject);
        events.push(self.event(Action::List, "coordinator", person.as_str(), d));
        Ok(d.is_allowed())
    }

    /// The actor's caseload as coordinator: each person with what is due,
    /// the overdue first. Each line is decided and audited as a list read.
    pub async fn caseload(&self) -> DbResult<Vec<CaseloadLine>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT c.person_id, c.kind, p.id, p.next_revision FROM coordinators c \
             LEFT JOIN plans p ON p.tenant_id = c.tenant_id AND p.person_id = c.person_id \
             WHERE c.tenant_id = $1 AND c.staff_id = $2 AND c.ended_at IS NULL \
             ORDER BY c.assigned_at LIMIT $3",
        )
        .bind(tenant.as_str())
        .bind(self.actor.staff.as_str())
        .bind(MAX_CASELOAD)
        .fetch_all(&mut *conn)
        .await?;
        let today = Day::parse(&today()).map_err(|_| DbError::Other("today".into()))?;
        let mut events = Vec::new();
        let mut out = Vec::new();
        for r in &rows {
            let person = PersonId::from_trusted(r.try_get("person_id")?);
            let kind: String = r.try_get("kind")?;
            let Some(kind) = CoordinatorKind::from_code(&kind) else {
                continue;
            };
            if !self
                .decide_coordination_line(&mut conn, &person, &mut events)
                .await?
            {
                continue;
            }
            let next_revision = r
                .try_get::<Option<String>, _>("next_revision")?
                .and_then(|d| Day::parse(&d).ok());
            out.push(CaseloadLine {
                person_name: person_name(&mut conn, &tenant, &person)
                    .await?
                    .unwrap_or_default(),
                person_id: person,
                kind,
                plan_id: r.try_get("id")?,
                next_revision,
                due: Due::of(next_revision, today),
            });
        }
        self.audit_reads(events).await?;
        out.sort_by_key(|l| (due_rank(l.due), l.next_revision));
        Ok(out)
    }
}

pub(super) fn due_rank(due: Due) -> u8 {
    match due {
        Due::RevisionOverdue => 0,
        Due::RevisionSoon => 1,
        Due::NoPlan => 2,
        Due::Nothing => 3,
    }
}
