//! The intake queue behind the one door: receiving what comes in (a
//! self-referral from the public site, a staff member's request, a referral
//! or a plan notice registered by intake staff), the queue, one item with its
//! history, triage steps, and the deadline clock. Every read and write is
//! decided by the policy and audited in the same transaction.

pub(crate) mod deadline;
mod queue;
pub(crate) mod receive;
pub(crate) mod triage;

use ettlag_core::ids::IntakeItemId;
use ettlag_core::intake::{IntakeClock, ItemState, Source, Status, Step};
use ettlag_core::policy::Intake;
use ettlag_core::{Coded, PersonId, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use crate::error::{DbError, DbResult};

pub use queue::QueueFilter;
pub use receive::{IntakeReceipt, NewIntake};

/// An intake item as the queue and its page show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IntakeItem {
    pub id: IntakeItemId,
    pub reference: String,
    pub source: Source,
    pub status: Status,
    /// What came in, as written: a self-referral, or a request's text.
    pub request: serde_json::Value,
    pub clock: IntakeClock,
    pub person: Option<PersonId>,
    pub person_name: Option<String>,
    pub assigned_unit: Option<UnitId>,
    pub assigned_staff: Option<StaffId>,
    pub team: Option<String>,
    /// The members of the team it was assigned to.
    pub team_members: Vec<StaffId>,
    pub requested_by: Option<StaffId>,
    pub escalated: bool,
    pub version: i64,
    /// The triage steps, oldest first: (when, who, step).
    pub steps: Vec<(i64, String, Step)>,
    pub state: ItemState,
}

/// The row of an item, before its steps are read.
#[derive(Debug, Clone)]
pub(crate) struct ItemRow {
    pub id: IntakeItemId,
    pub reference: String,
    pub source: Source,
    pub request: String,
    pub received_at: i64,
    pub deadline_at: i64,
    pub person: Option<PersonId>,
    pub assigned_unit: Option<UnitId>,
    pub assigned_staff: Option<StaffId>,
    pub team: Option<String>,
    pub requested_by: Option<StaffId>,
    pub escalated: bool,
    pub steps: i64,
    pub version: i64,
}

pub(crate) const COLUMNS: &str = "id, reference, source, request, received_at, deadline_at, person_id, \
     assigned_unit_id, assigned_staff_id, team_id, requested_by, escalated_at, steps, version";

pub(crate) fn row_from(r: &sqlx::any::AnyRow) -> DbResult<ItemRow> {
    let source: String = r.try_get("source")?;
    Ok(ItemRow {
        id: IntakeItemId::from_trusted(r.try_get("id")?),
        reference: r.try_get("reference")?,
        source: Source::from_code(&source)
            .ok_or_else(|| DbError::Other(format!("unknown intake source {source}")))?,
        request: r.try_get("request")?,
        received_at: r.try_get("received_at")?,
        deadline_at: r.try_get("deadline_at")?,
        person: r
            .try_get::<Option<String>, _>("person_id")?
            .map(PersonId::from_trusted),
        assigned_unit: r
            .try_get::<Option<String>, _>("assigned_unit_id")?
            .map(UnitId::from_trusted),
        assigned_staff: r
            .try_get::<Option<String>, _>("assigned_staff_id")?
            .map(StaffId::from_trusted),
        team: r.try_get("team_id")?,
        requested_by: r
            .try_get::<Option<String>, _>("requested_by")?
            .map(StaffId::from_trusted),
        escalated: r.try_get::<Option<i64>, _>("escalated_at")?.is_some(),
        steps: r.try_get("steps")?,
        version: r.try_get("version")?,
    })
}

pub(crate) async fn item_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<ItemRow>> {
    let sql = format!("SELECT {COLUMNS} FROM intake_items WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(row_from).transpose()
}

/// The facts the policy reads about an item, owned.
#[derive(Debug, Clone)]
pub(crate) struct IntakeFacts {
    pub tenant: TenantId,
    pub units: Vec<UnitId>,
    pub staff: Vec<StaffId>,
    /// The members of the team it was assigned to (also in `staff`).
    pub team_members: Vec<StaffId>,
    pub requested_by: Option<StaffId>,
}

impl IntakeFacts {
    pub async fn of(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        row: &ItemRow,
    ) -> DbResult<IntakeFacts> {
        let mut units: Vec<UnitId> = row.assigned_unit.iter().cloned().collect();
        let mut staff: Vec<StaffId> = row.assigned_staff.iter().cloned().collect();
        let mut team_members = Vec::new();
        if let Some(team) = &row.team {
            let rows = sqlx::query(
                "SELECT staff_id, unit_id FROM team_members WHERE tenant_id = $1 AND team_id = $2",
            )
            .bind(tenant.as_str())
            .bind(team)
            .fetch_all(&mut *conn)
            .await?;
            for r in &rows {
                team_members.push(StaffId::from_trusted(r.try_get("staff_id")?));
                units.push(UnitId::from_trusted(r.try_get("unit_id")?));
            }
            staff.extend(team_members.iter().cloned());
        }
        Ok(IntakeFacts {
            tenant: tenant.clone(),
            units,
            staff,
            team_members,
            requested_by: row.requested_by.clone(),
        })
    }

    pub fn subject(&self) -> Intake<'_> {
        Intake {
            tenant: &self.tenant,
            assigned_units: &self.units,
            assigned_staff: &self.staff,
            requested_by: self.requested_by.as_ref(),
        }
    }
}

/// The steps of an item, oldest first.
pub(crate) async fn steps_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Vec<(i64, String, Step)>> {
    let rows = sqlx::query(
        "SELECT at_ms, by_actor, body FROM intake_steps WHERE tenant_id = $1 AND item_id = $2 ORDER BY seq",
    )
    .bind(tenant.as_str())
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let body: String = r.try_get("body")?;
            let step: Step = serde_json::from_str(&body)
                .map_err(|e| DbError::Other(format!("a stored intake step does not parse: {e}")))?;
            Ok((r.try_get("at_ms")?, r.try_get("by_actor")?, step))
        })
        .collect()
}

pub(crate) async fn item_view(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    row: ItemRow,
    facts: IntakeFacts,
) -> DbResult<IntakeItem> {
    let steps = steps_of(conn, tenant, &row.id).await?;
    let plain: Vec<Step> = steps.iter().map(|(_, _, s)| s.clone()).collect();
    let state = ItemState::replay(&row.id, &plain)
        .map_err(|e| DbError::Other(format!("intake item {} does not replay: {e}", row.id)))?;
    let person_name = match &row.person {
        Some(p) => sqlx::query(
            "SELECT given_name, family_name FROM persons WHERE tenant_id = $1 AND id = $2",
        )
        .bind(tenant.as_str())
        .bind(p.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| -> DbResult<String> {
            Ok(format!(
                "{} {}",
                r.try_get::<String, _>("given_name")?,
                r.try_get::<String, _>("family_name")?
            ))
        })
        .transpose()?,
        None => None,
    };
    Ok(IntakeItem {
        team_members: facts.team_members,
        status: state.status(),
        request: serde_json::from_str(&row.request).unwrap_or(serde_json::Value::Null),
        clock: IntakeClock {
            received_at_ms: row.received_at,
            deadline_ms: row.deadline_at,
        },
        id: row.id,
        reference: row.reference,
        source: row.source,
        person: row.person,
        person_name,
        assigned_unit: row.assigned_unit,
        assigned_staff: row.assigned_staff,
        team: row.team,
        requested_by: row.requested_by,
        escalated: row.escalated,
        version: row.version,
        steps,
        state,
    })
}
