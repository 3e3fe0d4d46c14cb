//! The intake clock's job: when an item's deadline passes and no one has
//! taken it on, it is marked escalated and the coordinating unit's leaders
//! are told (its intake staff when it has no leader).

use ettlag_core::intake::{ItemState, Status, Step};
use ettlag_core::{Coded, ServiceType, TenantId};
use sqlx::Row;

use super::triage::write_step;
use super::{item_row, steps_of};
use crate::error::{DbError, DbResult};
use crate::staff_notice::{audit_reminder, notify_intake};
use crate::system::SYSTEM_ACTOR;
use crate::writer::Tx;

pub(crate) async fn intake_deadline(
    tx: &mut Tx,
    tenant: &TenantId,
    id: &str,
    now: i64,
) -> DbResult<()> {
    let Some(row) = item_row(&mut tx.conn, tenant, id).await? else {
        return Ok(());
    };
    let steps: Vec<Step> = steps_of(&mut tx.conn, tenant, id)
        .await?
        .into_iter()
        .map(|(_, _, s)| s)
        .collect();
    let mut state = ItemState::replay(id, &steps)
        .map_err(|e| DbError::Other(format!("intake item {id} does not replay: {e}")))?;
    if state.status() != Status::New || state.escalated {
        return Ok(());
    }
    if state.apply(&Step::Escalated).is_err() {
        return Ok(());
    }
    write_step(tx, tenant, &row, &state, &Step::Escalated, SYSTEM_ACTOR).await?;
    for staff in escalation_staff(tx, tenant).await? {
        notify_intake(
            tx,
            tenant,
            &staff,
            id,
            "intake_overdue",
            &row.reference,
            now,
        )
        .await?;
    }
    audit_reminder(tx, tenant, "intake_item", id, now).await
}

/// The leaders of the coordinating units, or the intake staff when there is
/// no such leader.
async fn escalation_staff(tx: &mut Tx, tenant: &TenantId) -> DbResult<Vec<String>> {
    let rows = sqlx::query(
        "SELECT s.id, s.roles, u.service_type FROM staff s \
         LEFT JOIN staff_units su ON su.tenant_id = s.tenant_id AND su.staff_id = s.id \
         LEFT JOIN units u ON u.tenant_id = su.tenant_id AND u.id = su.unit_id \
         WHERE s.tenant_id = $1 AND s.active = 1",
    )
    .bind(tenant.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let mut leaders = Vec::new();
    let mut intake = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let roles =
            ettlag_core::RoleSet::parse(&r.try_get::<String, _>("roles")?).unwrap_or_default();
        let service: Option<String> = r.try_get("service_type")?;
        let coordinating = service.as_deref() == Some(ServiceType::CoordinatingUnit.code());
        if coordinating && roles.has(ettlag_core::Role::UnitLeader) {
            leaders.push(id.clone());
        }
        if roles.has(ettlag_core::Role::Intake) {
            intake.push(id);
        }
    }
    let mut out = if leaders.is_empty() { intake } else { leaders };
    out.sort();
    out.dedup();
    Ok(out)
}
