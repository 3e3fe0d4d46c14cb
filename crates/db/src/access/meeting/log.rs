//! Action items of a meeting about a relay log: each becomes a measure
//! entry in the log, with its responsible person and an evaluation date,
//! written through the log's own command path (decided, audited, checked
//! against the log's rules and the family's consent) in the meeting's
//! transaction.

use ettlag_core::consent::Category;
use ettlag_core::ids::RelayLogId;
use ettlag_core::meeting::{ActionItem, MeetingEvent, action_item_log_measure};
use ettlag_core::{Day, StaffId, TenantId, UnitId};
use sqlx::Row;

use super::action::{ActionOutcome, NewActionItem};
use super::events::append;
use crate::access::WriteCtx;
use crate::access::relay::{log_row, record_in};
use crate::clock::today;
use crate::error::{DbError, DbResult};
use crate::relay_models::LogCommand;
use crate::writer::Tx;

pub(super) async fn action_in_log(
    tx: &mut Tx,
    ctx: &WriteCtx,
    meeting_id: &str,
    log_id: &RelayLogId,
    item: NewActionItem,
) -> DbResult<DbResult<ActionOutcome>> {
    let tenant = ctx.actor.tenant.clone();
    let mut action = match ActionItem::parse_for_log(&item.what, item.responsible, &item.deadline) {
        Ok(a) => a,
        Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
    };
    let Some(row) = log_row(&mut tx.conn, &tenant, log_id).await? else {
        return Ok(Err(DbError::NotFound));
    };
    let Some(unit) = responsible_unit(tx, &tenant, &action.responsible, &row.holder_unit).await?
    else {
        return Ok(Err(DbError::Refused("meeting-error-responsible")));
    };
    let today = Day::parse(&today()).map_err(|_| DbError::Other("today".into()))?;
    let entry = match action_item_log_measure(&action, unit, today) {
        Ok(e) => e,
        Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
    };
    let command = LogCommand::Entry {
        entry,
        supersedes: None,
        category: Category::RelayLog,
    };
    let entry_id = match record_in(tx, ctx, log_id, command, None).await? {
        Ok(id) => id,
        Err(e) => return Ok(Err(e)),
    };
    action.log_entry = Some(entry_id.clone());
    append(tx, ctx, meeting_id, &MeetingEvent::ActionItem(action)).await?;
    Ok(Ok(ActionOutcome::LogEntry(entry_id)))
}

/// The unit the responsible person answers for the measure from: the baton
/// holder's unit when they work there, otherwise their first unit.
async fn responsible_unit(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &StaffId,
    holder_unit: &UnitId,
) -> DbResult<Option<UnitId>> {
    let rows = sqlx::query(
        "SELECT unit_id FROM staff_units WHERE tenant_id = $1 AND staff_id = $2 ORDER BY unit_id",
    )
    .bind(tenant.as_str())
    .bind(staff.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let units = rows
        .iter()
        .map(|r| Ok(UnitId::from_trusted(r.try_get("unit_id")?)))
        .collect::<DbResult<Vec<_>>>()?;
    Ok(units
        .iter()
        .find(|u| *u == holder_unit)
        .or_else(|| units.first())
        .cloned())
}
