//! Reading the cycle: the tasks the actor may see, and the occurrences of a
//! period — the ones stored (opened, done, skipped) and the planned ones
//! computed from each active task's recurrence.

use std::collections::BTreeMap;

use ettlag_core::Coded;
use ettlag_core::Day;
use ettlag_core::cycle::Status;
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::Action;
use ettlag_core::policy::cycle::CyclePart;
use sqlx::Row;

use super::{CycleTaskRow, Occurrence, audience_units, select_tasks, subject, task_of};
use crate::access::AccessContext;
use crate::error::{DbError, DbResult};

/// The longest period one read covers, in days: two years and a day.
pub const MAX_PERIOD_DAYS: i64 = 732;

impl AccessContext {
    /// The municipality's tasks the actor may see, active first, by title.
    /// Each decision is audited.
    pub async fn cycle_tasks(&self) -> DbResult<Vec<CycleTaskRow>> {
        self.readable_tasks(CyclePart::Task).await
    }

    async fn readable_tasks(&self, part: CyclePart) -> DbResult<Vec<CycleTaskRow>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let rows = sqlx::query(select_tasks!("WHERE tenant_id = $1"))
            .bind(tenant.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let mut shown = Vec::new();
        let mut events = Vec::new();
        for r in &rows {
            let t = task_of(r)?;
            let units = audience_units(&mut conn, &tenant, &t.task.audience).await?;
            let d = self.decide(Action::List, &subject(&tenant, part, &units));
            events.push(self.event(Action::List, "cycle_task", &t.id, d));
            if d.is_allowed() {
                shown.push(t);
            }
        }
        self.audit_reads(events).await?;
        shown.sort_by(|a, b| {
            (!a.active, a.task.title.to_lowercase()).cmp(&(!b.active, b.task.title.to_lowercase()))
        });
        Ok(shown)
    }

    /// The occurrences from `from` to `to` (both included) of the tasks the
    /// actor may see, by due date: stored ones with their status, and the
    /// active tasks' planned ones. A longer period than
    /// [`MAX_PERIOD_DAYS`] or one that ends before it starts is refused.
    pub async fn cycle_occurrences(&self, from: Day, to: Day) -> DbResult<Vec<Occurrence>> {
        if to < from || from.days_until(to) > MAX_PERIOD_DAYS {
            return Err(DbError::Refused("cycle-error-period"));
        }
        let tasks = self.readable_tasks(CyclePart::Occurrence).await?;
        let tenant = self.tenant().clone();
        let rows = sqlx::query(
            "SELECT o.task_id, o.due, o.status, o.note, s.display_name, o.closed_at \
             FROM cycle_occurrences o LEFT JOIN staff s ON s.tenant_id = o.tenant_id \
             AND s.id = o.closed_by WHERE o.tenant_id = $1 AND o.due >= $2 AND o.due <= $3",
        )
        .bind(tenant.as_str())
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.store.pool)
        .await?;
        let by_id: BTreeMap<&str, &CycleTaskRow> =
            tasks.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut out: BTreeMap<(Day, CycleTaskId), Occurrence> = BTreeMap::new();
        for t in tasks.iter().filter(|t| t.active) {
            let start = from.max(t.since);
            if start > to {
                continue;
            }
            for due in t.task.recurrence.between(start, to) {
                out.insert((due, t.id.clone()), occurrence(t, due, Status::Planned));
            }
        }
        for r in &rows {
            let id: String = r.try_get("task_id")?;
            let Some(t) = by_id.get(id.as_str()) else {
                continue;
            };
            let due = Day::parse(&r.try_get::<String, _>("due")?)
                .map_err(|_| DbError::Other(format!("cycle occurrence of {id}: bad due")))?;
            let status = Status::from_code(&r.try_get::<String, _>("status")?)
                .ok_or_else(|| DbError::Other(format!("cycle occurrence of {id}: bad status")))?;
            let mut o = occurrence(t, due, status);
            o.note = r.try_get("note")?;
            o.closed_by = r.try_get("display_name")?;
            o.closed_at_ms = r.try_get("closed_at")?;
            out.insert((due, t.id.clone()), o);
        }
        Ok(out.into_values().collect())
    }
}

fn occurrence(t: &CycleTaskRow, due: Day, status: Status) -> Occurrence {
    Occurrence {
        task_id: t.id.clone(),
        title: t.task.title.clone(),
        description: t.task.description.clone(),
        audience: t.task.audience.clone(),
        due,
        remind_on: t.task.recurrence.reminder_day(due),
        status,
        note: String::new(),
        closed_by: None,
        closed_at_ms: None,
    }
}
