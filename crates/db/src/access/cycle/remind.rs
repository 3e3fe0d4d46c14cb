//! The cycle's reminders, run by the job runner: each active task's
//! occurrence is opened when its lead time starts, and a reminder lands on
//! the desk (`/my`) of the leaders it is for — and, through the e-mail
//! outbox, in their inbox. The occurrence's key makes both happen once: a
//! second run opens nothing and reminds no one.
//!
//! Tasks are not rows in `jobs` (they recur without end); the runner sweeps
//! each municipality's tasks once a day instead, marked by a `cycle_sweep`
//! row in `jobs` for the day, so that the minute-by-minute runs cost one
//! lookup per municipality.

use ettlag_core::cycle::Audience;
use ettlag_core::{Day, Role, RoleSet, TenantId, UnitId};
use sqlx::Row;

use super::{audience_units, select_tasks, task_of};
use crate::error::DbResult;
use crate::staff_notice::{CYCLE_DUE, audit_reminder, notify_cycle};
use crate::writer::Tx;

/// The `jobs` kind of the daily sweep marker; `ref_id` is the day.
const SWEEP: &str = "cycle_sweep";

/// The key of the reminders about one occurrence.
pub(crate) fn notice_key(task_id: &str, due: Day) -> String {
    format!("{CYCLE_DUE}:{task_id}:{due}")
}

/// Opens the occurrences whose lead time has started by `now` in every
/// municipality not yet swept that day, and returns how many it opened.
pub(crate) async fn open_due(tx: &mut Tx, now: i64) -> DbResult<usize> {
    let today = Day::from_ms(now);
    let tenants = sqlx::query("SELECT DISTINCT tenant_id FROM cycle_tasks WHERE active = 1")
        .fetch_all(&mut tx.conn)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>("tenant_id"))
        .collect::<Result<Vec<_>, _>>()?;
    let mut opened = 0;
    for tenant in tenants {
        let claimed = sqlx::query(
            "INSERT INTO jobs (tenant_id, kind, ref_id, run_at, status, attempts, created_at, done_at) \
             VALUES ($1, $2, $3, $4, 'done', 1, $4, $4) ON CONFLICT (tenant_id, kind, ref_id) DO NOTHING",
        )
        .bind(&tenant)
        .bind(SWEEP)
        .bind(today.to_string())
        .bind(now)
        .execute(&mut tx.conn)
        .await?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        // Yesterday's markers have served.
        sqlx::query("DELETE FROM jobs WHERE tenant_id = $1 AND kind = $2 AND ref_id < $3")
            .bind(&tenant)
            .bind(SWEEP)
            .bind(today.add_days(-7).to_string())
            .execute(&mut tx.conn)
            .await?;
        opened += sweep(tx, &TenantId::from_trusted(tenant), today, now).await?;
    }
    Ok(opened)
}

/// Lets the next run sweep the municipality again today: a task just made
/// or changed may already be inside its lead time.
pub(crate) async fn resweep(tx: &mut Tx, tenant: &TenantId) -> DbResult<()> {
    sqlx::query("DELETE FROM jobs WHERE tenant_id = $1 AND kind = $2")
        .bind(tenant.as_str())
        .bind(SWEEP)
        .execute(&mut tx.conn)
        .await?;
    Ok(())
}

async fn sweep(tx: &mut Tx, tenant: &TenantId, today: Day, now: i64) -> DbResult<usize> {
    let rows = sqlx::query(select_tasks!(
        "WHERE tenant_id = $1 AND active = 1 ORDER BY id"
    ))
    .bind(tenant.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let tasks = rows.iter().map(task_of).collect::<DbResult<Vec<_>>>()?;
    let mut opened = 0;
    for t in tasks {
        for due in t.task.recurrence.to_open(t.since, today) {
            let inserted = sqlx::query(
                "INSERT INTO cycle_occurrences (tenant_id, task_id, due, status, opened_at, note) \
                 VALUES ($1, $2, $3, 'open', $4, '') \
                 ON CONFLICT (tenant_id, task_id, due) DO NOTHING",
            )
            .bind(tenant.as_str())
            .bind(t.id.as_str())
            .bind(due.to_string())
            .bind(now)
            .execute(&mut tx.conn)
            .await?;
            if inserted.rows_affected() != 1 {
                continue;
            }
            let key = notice_key(&t.id, due);
            for staff in leaders(tx, tenant, &t.task.audience).await? {
                notify_cycle(tx, tenant, &staff, &key, &t.task.title, now).await?;
            }
            audit_reminder(tx, tenant, "cycle_task", &format!("{}/{due}", t.id), now).await?;
            opened += 1;
        }
    }
    Ok(opened)
}

/// The active leaders a task is for: the unit leaders of its units, or the
/// municipality's leaders.
pub(crate) async fn leaders(
    tx: &mut Tx,
    tenant: &TenantId,
    audience: &Audience,
) -> DbResult<Vec<String>> {
    let (role, units): (Role, Vec<UnitId>) = match audience {
        Audience::Municipality => (Role::MunicipalityLeader, Vec::new()),
        other => (
            Role::UnitLeader,
            audience_units(&mut tx.conn, tenant, other).await?,
        ),
    };
    let rows = sqlx::query(
        "SELECT s.id, s.roles, u.unit_id FROM staff s LEFT JOIN staff_units u \
         ON u.tenant_id = s.tenant_id AND u.staff_id = s.id \
         WHERE s.tenant_id = $1 AND s.active = 1 ORDER BY s.id",
    )
    .bind(tenant.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let mut out: Vec<String> = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let roles = RoleSet::parse(&r.try_get::<String, _>("roles")?).unwrap_or_default();
        let unit: Option<String> = r.try_get("unit_id")?;
        let fits = roles.has(role)
            && (role == Role::MunicipalityLeader
                || unit.is_some_and(|u| units.iter().any(|x| x.as_str() == u)));
        if fits && out.last() != Some(&id) {
            out.push(id);
        }
    }
    Ok(out)
}
