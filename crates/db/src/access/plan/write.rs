//! Making and revising plans, and assigning coordinators. Each write is
//! decided and audited in the transaction that makes it; a revision is a new
//! row, never an update of an old one.

use ettlag_core::Coded;
use ettlag_core::ids::{PlanId, RelayLogId};
use ettlag_core::plan::CoordinatorKind;
use ettlag_core::policy::{self, Action, Actor, Subject};
use ettlag_core::relay::Level;
use ettlag_core::{PersonId, RoleSet, StaffId, TenantId};
use sqlx::Row;

use super::{OwnedPlanFacts, PlanWrite, plan_of_person, plan_row};
use crate::access::relay::{CaseFacts, log_row};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue::{self, PLAN_REVISION_DUE};
use crate::writer::Tx;

impl AccessContext {
    /// Makes a person's plan, optionally from a level-3 relay log whose
    /// history stays linked. Returns the plan id.
    pub async fn create_plan(
        &self,
        person: &PersonId,
        from_log: Option<&RelayLogId>,
        plan: PlanWrite,
    ) -> DbResult<PlanId> {
        let ctx = self.write_ctx();
        let person = person.clone();
        let from_log = from_log.cloned();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { create_in(tx, &ctx, &person, from_log, plan).await })
            })
            .await?
            .map(PlanId::from_trusted)
    }

    /// Adds a revision. With `expected_revisions`, a plan revised since the
    /// caller read it is `Stale`.
    pub async fn revise_plan(
        &self,
        plan_id: &PlanId,
        plan: PlanWrite,
        expected_revisions: Option<i64>,
    ) -> DbResult<u32> {
        let ctx = self.write_ctx();
        let plan_id = plan_id.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(
                    async move { revise_in(tx, &ctx, &plan_id, plan, expected_revisions).await },
                )
            })
            .await?
    }

    /// Assigns a coordinator or child coordinator to a person, with or
    /// without a plan; the one assigned before of that kind is ended.
    pub async fn assign_coordinator(
        &self,
        person: &PersonId,
        kind: CoordinatorKind,
        staff: &StaffId,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let person = person.clone();
        let staff = staff.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { assign_in(tx, &ctx, &person, kind, &staff).await })
            })
            .await?
    }
}

async fn create_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    person: &PersonId,
    from_log: Option<RelayLogId>,
    plan: PlanWrite,
) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let facts = OwnedPlanFacts::of(&mut tx.conn, &tenant, person, &ctx.actor.staff).await?;
    let subject = match &facts {
        Some(f) => Subject::Plan(f.facts()),
        None => Subject::Unknown,
    };
    let resource = ("plan", person.as_str());
    if let Some(e) = ctx.pass(tx, Action::Create, resource, &subject).await? {
        return Ok(Err(e));
    }
    if plan_of_person(&mut tx.conn, &tenant, person)
        .await?
        .is_some()
    {
        return Ok(Err(DbError::Refused("plan-error-exists")));
    }
    if let Some(log_id) = &from_log {
        // The log must be this person's, at level 3, and the actor must be
        // allowed to read it: its history is linked from the plan.
        let Some(row) = log_row(&mut tx.conn, &tenant, log_id).await? else {
            return Ok(Err(DbError::Refused("plan-error-log")));
        };
        let case = CaseFacts::of_log(&mut tx.conn, &tenant, &row).await?;
        let d = ctx.decide(Action::Read, &Subject::Case(case.case()));
        ctx.settle(tx, Action::Read, ("relay_log", log_id), d)
            .await?;
        if !d.is_allowed() || &row.child_id != person || row.level != Level::Three {
            return Ok(Err(DbError::Refused("plan-error-log")));
        }
    }
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO plans (tenant_id, id, person_id, from_log_id, created_at, created_by, \
         revisions, next_revision) VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(person.as_str())
    .bind(from_log.as_deref())
    .bind(now)
    .bind(ctx.actor.staff.as_str())
    .bind(plan.content.next_revision.to_string())
    .execute(&mut tx.conn)
    .await?;
    insert_revision(tx, ctx, &id, 1, now, &plan).await?;
    crate::steering::track::child_event(
        tx,
        &tenant,
        crate::steering::metric::PLAN,
        person.as_str(),
        now,
    )
    .await?;
    Ok(Ok(id))
}

async fn revise_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    plan_id: &str,
    plan: PlanWrite,
    expected_revisions: Option<i64>,
) -> DbResult<DbResult<u32>> {
    let tenant = ctx.actor.tenant.clone();
    let row = plan_row(&mut tx.conn, &tenant, plan_id).await?;
    let facts = match &row {
        Some(r) => {
            OwnedPlanFacts::of(&mut tx.conn, &tenant, &r.person_id, &ctx.actor.staff).await?
        }
        None => None,
    };
    let subject = match &facts {
        Some(f) => Subject::Plan(f.facts()),
        None => Subject::Unknown,
    };
    if let Some(e) = ctx
        .pass(tx, Action::Update, ("plan", plan_id), &subject)
        .await?
    {
        return Ok(Err(e));
    }
    let Some(row) = row else {
        return Ok(Err(DbError::NotFound));
    };
    if expected_revisions.is_some_and(|v| v != row.revisions) {
        return Ok(Err(DbError::Stale));
    }
    let number = u32::try_from(row.revisions + 1)
        .map_err(|_| DbError::Other(format!("plan {plan_id} has too many revisions")))?;
    insert_revision(tx, ctx, plan_id, number, now_ms(), &plan).await?;
    Ok(Ok(number))
}

/// Writes one revision, moves the plan's summary on, and schedules the
/// reminder for its revision date (the one before is cancelled).
pub(crate) async fn insert_revision(
    tx: &mut Tx,
    ctx: &WriteCtx,
    plan_id: &str,
    number: u32,
    at_ms: i64,
    plan: &PlanWrite,
) -> DbResult<()> {
    let tenant = ctx.actor.tenant.as_str();
    let body = serde_json::to_string(&plan.content)
        .map_err(|e| DbError::Other(format!("a plan does not serialise: {e}")))?;
    sqlx::query(
        "INSERT INTO plan_revisions (tenant_id, plan_id, number, by_staff, at_ms, reason, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant)
    .bind(plan_id)
    .bind(i64::from(number))
    .bind(ctx.actor.staff.as_str())
    .bind(at_ms)
    .bind(plan.reason.as_str())
    .bind(body)
    .execute(&mut tx.conn)
    .await?;
    let next = plan.content.next_revision;
    sqlx::query(
        "UPDATE plans SET revisions = $3, next_revision = $4 WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(plan_id)
    .bind(i64::from(number))
    .bind(next.to_string())
    .execute(&mut tx.conn)
    .await?;
    job_queue::cancel_prefix(tx, tenant, PLAN_REVISION_DUE, &format!("{plan_id}/")).await?;
    job_queue::schedule(
        tx,
        tenant,
        PLAN_REVISION_DUE,
        &format!("{plan_id}/{next}"),
        next.start_ms(),
    )
    .await
}

async fn assign_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    person: &PersonId,
    kind: CoordinatorKind,
    staff: &StaffId,
) -> DbResult<DbResult<()>> {
    let tenant = ctx.actor.tenant.clone();
    let facts = OwnedPlanFacts::of(&mut tx.conn, &tenant, person, &ctx.actor.staff).await?;
    let subject = match &facts {
        Some(f) => Subject::Coordination(f.facts()),
        None => Subject::Unknown,
    };
    let resource = ("coordinator", person.as_str());
    if let Some(e) = ctx.pass(tx, Action::Create, resource, &subject).await? {
        return Ok(Err(e));
    }
    let Some(candidate) = candidate(tx, &tenant, staff).await? else {
        return Ok(Err(DbError::Refused("plan-error-coordinator")));
    };
    if !policy::may_coordinate(&tenant, &candidate).is_allowed() {
        return Ok(Err(DbError::Refused("plan-error-coordinator")));
    }
    let now = now_ms();
    sqlx::query(
        "UPDATE coordinators SET ended_at = $4 WHERE tenant_id = $1 AND person_id = $2 \
         AND kind = $3 AND ended_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(person.as_str())
    .bind(kind.code())
    .bind(now)
    .execute(&mut tx.conn)
    .await?;
    sqlx::query(
        "INSERT INTO coordinators (tenant_id, id, person_id, kind, staff_id, assigned_by, \
         assigned_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant.as_str())
    .bind(new_id())
    .bind(person.as_str())
    .bind(kind.code())
    .bind(staff.as_str())
    .bind(ctx.actor.staff.as_str())
    .bind(now)
    .execute(&mut tx.conn)
    .await?;
    Ok(Ok(()))
}

/// An active staff member of the municipality, as the policy sees them.
async fn candidate(tx: &mut Tx, tenant: &TenantId, staff: &StaffId) -> DbResult<Option<Actor>> {
    let row =
        sqlx::query("SELECT roles FROM staff WHERE tenant_id = $1 AND id = $2 AND active = 1")
            .bind(tenant.as_str())
            .bind(staff.as_str())
            .fetch_optional(&mut tx.conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Actor {
        tenant: tenant.clone(),
        staff: staff.clone(),
        roles: RoleSet::parse(&row.try_get::<String, _>("roles")?).unwrap_or_default(),
        units: Vec::new(),
    }))
}
