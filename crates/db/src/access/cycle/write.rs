//! Writing the cycle: a task defined or changed (the administrator or a
//! municipality leader), and an occurrence marked done with what was
//! evaluated or learned, or skipped with a reason (the leaders it is for).
//! The decision's audit record is written in the same transaction as the
//! change, and a refused write changes nothing else.

use ettlag_core::cycle::{CycleTask, Outcome};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::Action;
use ettlag_core::policy::cycle::CyclePart;
use ettlag_core::{Coded, Day};

use super::{audience_units, remind::notice_key, subject, task_row};
use crate::access::AccessContext;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};

impl AccessContext {
    /// Saves a task: a new one when `id` is `None`, otherwise the one with
    /// that id (deactivated with `active: false`; its stored occurrences
    /// stay). Returns the id.
    pub async fn save_cycle_task(
        &self,
        id: Option<&CycleTaskId>,
        task: CycleTask,
        active: bool,
    ) -> DbResult<CycleTaskId> {
        let ctx = self.write_ctx();
        let id = id.cloned();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    if let Some(id) = &id
                        && task_row(&mut tx.conn, &tenant, id).await?.is_none()
                    {
                        return Ok(Err(DbError::NotFound));
                    }
                    let action = if id.is_some() {
                        Action::Update
                    } else {
                        Action::Create
                    };
                    let id = id.unwrap_or_else(|| CycleTaskId::from_trusted(new_id()));
                    let units = audience_units(&mut tx.conn, &tenant, &task.audience).await?;
                    let d = ctx.decide(action, &subject(&tenant, CyclePart::Task, &units));
                    ctx.settle(tx, action, ("cycle_task", &id), d).await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let (kind, reference) = task.audience.to_parts();
                    let r = task.recurrence;
                    let now = now_ms();
                    // One statement for both: a new task gets its day and maker,
                    // a changed one keeps them.
                    sqlx::query(
                        "INSERT INTO cycle_tasks (tenant_id, id, title, description, \
                         audience_kind, audience_ref, recurrence, month, day, lead_days, active, \
                         since, created_at, created_by, updated_at, updated_by) VALUES \
                         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $14) \
                         ON CONFLICT (tenant_id, id) DO UPDATE SET title = excluded.title, \
                         description = excluded.description, audience_kind = excluded.audience_kind, \
                         audience_ref = excluded.audience_ref, recurrence = excluded.recurrence, \
                         month = excluded.month, day = excluded.day, lead_days = excluded.lead_days, \
                         active = excluded.active, updated_at = excluded.updated_at, \
                         updated_by = excluded.updated_by",
                    )
                    .bind(tenant.as_str())
                    .bind(id.as_str())
                    .bind(&task.title)
                    .bind(&task.description)
                    .bind(kind)
                    .bind(&reference)
                    .bind(r.kind().code())
                    .bind(i64::from(r.month()))
                    .bind(i64::from(r.day()))
                    .bind(i64::from(r.lead_days()))
                    .bind(i64::from(active))
                    .bind(Day::from_ms(now).to_string())
                    .bind(now)
                    .bind(ctx.actor.staff.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    super::remind::resweep(tx, &tenant).await?;
                    Ok(Ok(id))
                })
            })
            .await?
    }

    /// Marks the occurrence of `task` due on `due` done or skipped, with its
    /// note; marking it again replaces the mark (both are in the access
    /// log). The reminders about it leave the leaders' desks.
    pub async fn mark_cycle_occurrence(
        &self,
        task_id: &CycleTaskId,
        due: Day,
        outcome: Outcome,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let task_id = task_id.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let resource = format!("{task_id}/{due}");
                    let Some(t) = task_row(&mut tx.conn, &tenant, &task_id).await? else {
                        let d = ctx.decide(Action::Update, &ettlag_core::policy::Subject::Unknown);
                        ctx.settle(tx, Action::Update, ("cycle_occurrence", &resource), d).await?;
                        return Ok(Err(DbError::NotFound));
                    };
                    let units = audience_units(&mut tx.conn, &tenant, &t.task.audience).await?;
                    let facts = subject(&tenant, CyclePart::Occurrence, &units);
                    let d = ctx.decide(Action::Update, &facts);
                    ctx.settle(tx, Action::Update, ("cycle_occurrence", &resource), d).await?;
                    if !d.is_allowed() {
                        // Whoever may not even see the task learns nothing of it.
                        let sees = ctx.decide(Action::Read, &facts).is_allowed();
                        return Ok(Err(if sees {
                            DbError::Forbidden
                        } else {
                            DbError::NotFound
                        }));
                    }
                    if t.task.recurrence.first_on_or_after(due) != due {
                        return Ok(Err(DbError::Refused("cycle-error-occurrence")));
                    }
                    let now = now_ms();
                    sqlx::query(
                        "INSERT INTO cycle_occurrences (tenant_id, task_id, due, status, opened_at, \
                         closed_by, closed_at, note) VALUES ($1, $2, $3, $4, $5, $6, $5, $7) \
                         ON CONFLICT (tenant_id, task_id, due) DO UPDATE SET status = excluded.status, \
                         closed_by = excluded.closed_by, closed_at = excluded.closed_at, \
                         note = excluded.note",
                    )
                    .bind(tenant.as_str())
                    .bind(task_id.as_str())
                    .bind(due.to_string())
                    .bind(outcome.status.code())
                    .bind(now)
                    .bind(ctx.actor.staff.as_str())
                    .bind(&outcome.note)
                    .execute(&mut tx.conn)
                    .await?;
                    sqlx::query(
                        "UPDATE notifications SET read_at = $3 WHERE tenant_id = $1 AND key = $2 \
                         AND read_at IS NULL",
                    )
                    .bind(tenant.as_str())
                    .bind(notice_key(&task_id, due))
                    .bind(now)
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
