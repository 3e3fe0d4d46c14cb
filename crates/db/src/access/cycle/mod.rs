//! The annual cycle (årshjul): the municipality's recurring evaluation
//! tasks and their occurrences. Holds no personal data about children, but
//! who defined and who marked what is recorded: every read and write is
//! decided by the policy's cycle subject and audited like the rest.

mod read;
pub use read::MAX_PERIOD_DAYS;
pub(crate) mod remind;
mod write;

use ettlag_core::cycle::{Audience, CycleTask, Recurrence, RecurrenceKind, Status};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::Subject;
use ettlag_core::policy::cycle::{CycleFacts, CyclePart};
use ettlag_core::{Coded, Day, TenantId, UnitId};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::error::{DbError, DbResult};

/// A task as stored.
#[derive(Debug, Clone, Serialize)]
pub struct CycleTaskRow {
    pub id: CycleTaskId,
    pub task: CycleTask,
    pub active: bool,
    /// The day the task was made; earlier occurrences are not opened.
    pub since: Day,
}

/// One occurrence of a task as a leader sees it in the year.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub task_id: CycleTaskId,
    pub title: String,
    pub description: String,
    pub audience: Audience,
    pub due: Day,
    /// The day the reminder goes out.
    pub remind_on: Day,
    pub status: Status,
    /// What was evaluated or learned, or why it was skipped.
    pub note: String,
    /// The name of the one who marked it, and when (ms).
    pub closed_by: Option<String>,
    pub closed_at_ms: Option<i64>,
}

/// `SELECT` of the task columns [`task_of`] reads by name, then
/// the rest of the query.
macro_rules! select_tasks {
    ($rest:literal) => {
        concat!(
            "SELECT id, title, description, audience_kind, audience_ref, recurrence, month, \
             day, lead_days, active, since FROM cycle_tasks ",
            $rest
        )
    };
}
pub(crate) use select_tasks;

pub(crate) fn task_of(r: &sqlx::any::AnyRow) -> DbResult<CycleTaskRow> {
    let id: String = r.try_get("id")?;
    let bad = |what: &str| DbError::Other(format!("cycle task {id}: bad {what}"));
    let audience = Audience::from_parts(
        &r.try_get::<String, _>("audience_kind")?,
        &r.try_get::<String, _>("audience_ref")?,
    )
    .map_err(|_| bad("audience"))?;
    let kind = RecurrenceKind::from_code(&r.try_get::<String, _>("recurrence")?)
        .ok_or(bad("recurrence"))?;
    let num = |column: &str| -> DbResult<u32> {
        u32::try_from(r.try_get::<i64, _>(column)?).map_err(|_| bad("number"))
    };
    let recurrence = Recurrence::new(kind, num("month")?, num("day")?, num("lead_days")?)
        .map_err(|_| bad("recurrence"))?;
    let since = Day::parse(&r.try_get::<String, _>("since")?).map_err(|_| bad("since"))?;
    Ok(CycleTaskRow {
        task: CycleTask {
            title: r.try_get("title")?,
            description: r.try_get("description")?,
            audience,
            recurrence,
        },
        active: r.try_get::<i64, _>("active")? != 0,
        since,
        id: CycleTaskId::from_trusted(id),
    })
}

/// One task of a municipality.
pub(crate) async fn task_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<CycleTaskRow>> {
    let row = sqlx::query(select_tasks!("WHERE tenant_id = $1 AND id = $2"))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(task_of).transpose()
}

/// The units whose leaders a task is for: one unit, every unit of a
/// service type, or none (the municipality's leaders).
pub(crate) async fn audience_units(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    audience: &Audience,
) -> DbResult<Vec<UnitId>> {
    match audience {
        Audience::Unit(u) => Ok(vec![u.clone()]),
        Audience::Municipality => Ok(Vec::new()),
        Audience::ServiceType(t) => {
            let rows = sqlx::query(
                "SELECT id FROM units WHERE tenant_id = $1 AND service_type = $2 ORDER BY id",
            )
            .bind(tenant.as_str())
            .bind(t.code())
            .fetch_all(conn)
            .await?;
            rows.iter()
                .map(|r| Ok(UnitId::from_trusted(r.try_get("id")?)))
                .collect()
        }
    }
}

/// The policy's subject for a task or an occurrence.
pub(crate) fn subject<'a>(
    tenant: &'a TenantId,
    part: CyclePart,
    units: &'a [UnitId],
) -> Subject<'a> {
    Subject::Cycle(CycleFacts {
        tenant,
        part,
        units,
    })
}

impl crate::access::AccessContext {
    /// Whether a cycle reminder (by its key) may still be shown to the
    /// actor: while they are a leader the task is for. Decided for the
    /// steering purpose, since that is what the reminder leads to.
    pub(crate) async fn decide_cycle_notice(
        &self,
        conn: &mut AnyConnection,
        key: &str,
    ) -> DbResult<(ettlag_core::policy::Decision, crate::access::gate::Record)> {
        use ettlag_core::policy::{Action, Purpose};
        let ctx = self.for_purpose(Purpose::Steering);
        let tenant = self.tenant().clone();
        let task_id = key.split(':').nth(1).unwrap_or_default();
        let d = match task_row(conn, &tenant, task_id).await? {
            Some(t) => {
                let units = audience_units(conn, &tenant, &t.task.audience).await?;
                ctx.decide(
                    Action::List,
                    &subject(&tenant, CyclePart::Occurrence, &units),
                )
            }
            None => ctx.decide(Action::List, &Subject::Unknown),
        };
        let event = ctx.event(Action::List, "notification", key, d);
        Ok((d, event))
    }
}
