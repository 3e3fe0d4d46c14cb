//! When a unit loses a child's relay log — the family withdrew the consent
//! that named it, the consent ran out, the family refused the unit, or the
//! unit had the log only because the child is enrolled there — the policy
//! shuts it out on its next request. This module keeps the log's own state
//! in step, in the same transaction as what ended the access: the baton
//! goes back to the home unit (its last holder there, else its leader), an
//! offer to a unit that lost the log ends, both desks get a notice saying
//! why, and the timeline records it as a system event.

use ettlag_core::relay::{AccessEnded, Event, LogState, Recorded};
use ettlag_core::{Coded, PersonId, Role, RoleSet, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::events::events_of;
use super::load::open_log_of;
use super::record::{insert_event, update_summary};
use super::{CaseFacts, LogRow};
use crate::access::facts::register::{child_units, names, works_in};
use crate::access::gate::Record;
use crate::clock::new_id;
use crate::error::{DbError, DbResult};
use crate::system::SYSTEM_ACTOR;
use crate::writer::Tx;

/// Desk notice to the one who lost the baton. It names no child: they may
/// no longer see whose log it was beyond what they already knew.
pub const BATON_TAKEN_BACK: &str = "baton_taken_back";
/// Desk notice to the one the baton came back to.
pub const BATON_RETURNED: &str = "baton_returned";
/// Desk notice to the one whose offer ended with their unit's access.
pub const OFFER_ENDED: &str = "offer_ended";

/// The notices about the reader themself, which name no child and are
/// shown to their addressee without a decision about any case.
pub(crate) const ABOUT_THE_READER: &[&str] = &[BATON_TAKEN_BACK, OFFER_ENDED, LOG_ACCESS_ENDED];

/// Brings the child's open relay log in step with what the family's
/// consents and refusals allow now. Does nothing when every unit that
/// holds or is offered the baton may still receive the log.
pub(crate) async fn reclaim(
    tx: &mut Tx,
    tenant: &TenantId,
    child: &PersonId,
    reason: AccessEnded,
    now: i64,
) -> DbResult<()> {
    let Some(row) = open_log_of(&mut tx.conn, tenant, child).await? else {
        return Ok(());
    };
    reclaim_log(tx, tenant, &row, reason, now).await
}

async fn reclaim_log(
    tx: &mut Tx,
    tenant: &TenantId,
    row: &LogRow,
    reason: AccessEnded,
    now: i64,
) -> DbResult<()> {
    let facts = CaseFacts::of_log(&mut tx.conn, tenant, row).await?;
    let case = facts.case();
    let stored = events_of(&mut tx.conn, tenant, &row.id).await?;
    let mut state = LogState::replay(stored.into_iter().map(|(_, e)| e).collect())
        .map_err(|e| DbError::Other(format!("relay log {} does not replay: {e}", row.id)))?;
    let body = if !case.receives(&row.holder_unit) {
        let Some(to) = new_holder(&mut tx.conn, tenant, &state, &row.home_unit).await? else {
            // No one works in the home unit any more: the policy already
            // shuts the holder out; an administrator must staff the unit.
            tracing::warn!(log = %row.id, "no one in the home unit to return the baton to");
            return Ok(());
        };
        Event::BatonReturned {
            to,
            to_unit: row.home_unit.clone(),
            from: row.holder.clone(),
            from_unit: row.holder_unit.clone(),
            reason,
        }
    } else if let Some(offer) = state.baton.offer.clone()
        && !case.receives(&offer.to_unit)
    {
        Event::OfferEnded {
            to: offer.to,
            to_unit: offer.to_unit,
            reason,
        }
    } else {
        return Ok(());
    };
    let rec = Recorded {
        id: new_id(),
        at_ms: now,
        by: StaffId::from_trusted(SYSTEM_ACTOR.to_string()),
        supersedes: None,
        body,
    };
    state
        .apply(rec.clone())
        .map_err(|e| DbError::Other(format!("the baton of {} cannot return: {e}", row.id)))?;
    insert_event(tx, tenant, &row.id, row.events + 1, &rec).await?;
    update_summary(tx, tenant, row, &state, &rec).await?;
    let first_new = usize::try_from(row.events).unwrap_or(0);
    crate::steering::track::log_written(tx, tenant, &row.id, first_new).await?;
    audit(tx, tenant, &row.id, reason, now).await?;
    notify(tx, tenant, row, &rec, now).await
}

/// Who takes the baton back: the last one who held it for the home unit
/// and still works there, else a leader of the home unit, else anyone who
/// works with children there.
async fn new_holder(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    state: &LogState,
    home: &UnitId,
) -> DbResult<Option<StaffId>> {
    if let Some(last) = state.last_holder_in(home)
        && works_in(conn, tenant, last, home).await?
    {
        return Ok(Some(last.clone()));
    }
    let rows = sqlx::query(
        "SELECT s.id, s.roles FROM staff s JOIN staff_units su ON su.tenant_id = s.tenant_id \
         AND su.staff_id = s.id WHERE s.tenant_id = $1 AND su.unit_id = $2 AND s.active = 1 \
         ORDER BY s.id",
    )
    .bind(tenant.as_str())
    .bind(home.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut staff = None;
    for r in &rows {
        let roles = RoleSet::parse(&r.try_get::<String, _>("roles")?).unwrap_or_default();
        let id = StaffId::from_trusted(r.try_get("id")?);
        if roles.has(Role::UnitLeader) {
            return Ok(Some(id));
        }
        if staff.is_none() && roles.has(Role::Staff) {
            staff = Some(id);
        }
    }
    Ok(staff)
}

/// The system's change to the log, in the access log like any write.
async fn audit(
    tx: &mut Tx,
    tenant: &TenantId,
    log_id: &str,
    reason: AccessEnded,
    now: i64,
) -> DbResult<()> {
    let event = Record::system(
        "update",
        ("relay_log", log_id),
        reason.code(),
        "access_ended",
        now,
    );
    crate::access::gate::seal(tx, tenant, vec![event]).await
}

/// A notice on both desks: the one who lost the baton or the offer (naming
/// the home unit, not the child) and the one who has the baton now.
async fn notify(
    tx: &mut Tx,
    tenant: &TenantId,
    row: &LogRow,
    rec: &Recorded<Event>,
    now: i64,
) -> DbResult<()> {
    let home = names(&mut tx.conn, tenant, "units", &[row.home_unit.to_string()])
        .await?
        .remove(row.home_unit.as_str())
        .unwrap_or_default();
    let (lost, kind, reason) = match &rec.body {
        Event::BatonReturned { from, reason, .. } => (from, BATON_TAKEN_BACK, reason),
        Event::OfferEnded { to, reason, .. } => (to, OFFER_ENDED, reason),
        _ => return Ok(()),
    };
    let detail = format!("{}|{home}", reason.code());
    let key = format!("{kind}:{}", rec.id);
    crate::staff_notice::notify_unnamed(tx, tenant, lost.as_str(), &key, kind, &detail, now)
        .await?;
    if let Event::BatonReturned { to, .. } = &rec.body {
        let key = format!("{BATON_RETURNED}:{}", rec.id);
        crate::staff_notice::notify_log(
            tx,
            tenant,
            to.as_str(),
            (&key, BATON_RETURNED),
            (&row.child_id, &row.id),
            reason.code(),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Gives every relay log opened before logs had a home unit its home unit
/// from its first event, and ends — once, visibly — the access that rested
/// only on the child's enrolment: each such unit is recorded in the access
/// log, and a baton held for one goes back home with a notice. Runs at
/// start-up; finds nothing to do once every log has its home unit.
pub(crate) async fn backfill_home_units(store: &crate::store::Store) -> DbResult<usize> {
    store
        .writer
        .run(move |tx| Box::pin(async move { backfill_in(tx).await }))
        .await?
}

async fn backfill_in(tx: &mut Tx) -> DbResult<DbResult<usize>> {
    let rows = sqlx::query(
        "SELECT tenant_id, id, child_id, closed_at FROM relay_logs WHERE home_unit_id IS NULL",
    )
    .fetch_all(&mut tx.conn)
    .await?;
    let now = crate::clock::now_ms();
    for r in &rows {
        let tenant = TenantId::from_trusted(r.try_get("tenant_id")?);
        let id: String = r.try_get("id")?;
        let first = events_of(&mut tx.conn, &tenant, &id).await?;
        let Some(Event::Opened { holder_unit, .. }) = first.first().map(|(_, e)| &e.body) else {
            return Err(DbError::Other(format!("relay log {id} has no opening")));
        };
        sqlx::query("UPDATE relay_logs SET home_unit_id = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(&id)
            .bind(holder_unit.as_str())
            .execute(&mut tx.conn)
            .await?;
        if r.try_get::<Option<i64>, _>("closed_at")?.is_some() {
            continue;
        }
        let child = PersonId::from_trusted(r.try_get("child_id")?);
        end_enrolment_access(tx, &tenant, &id, &child, holder_unit, now).await?;
        reclaim(tx, &tenant, &child, AccessEnded::EnrolmentOnly, now).await?;
    }
    Ok(Ok(rows.len()))
}

/// Records, once per unit, that a unit where the child is enrolled no
/// longer reaches the log, so that no one loses work without a trace of why.
async fn end_enrolment_access(
    tx: &mut Tx,
    tenant: &TenantId,
    log_id: &str,
    child: &PersonId,
    home: &UnitId,
    now: i64,
) -> DbResult<()> {
    let enrolled = child_units(&mut tx.conn, tenant, child).await?;
    let consented = crate::access::facts::ConsentFacts::load(&mut tx.conn, tenant, child)
        .await?
        .sharing(ettlag_core::consent::Category::RelayLog)
        .granted;
    let lost: Vec<&UnitId> = enrolled
        .iter()
        .filter(|u| *u != home && !consented.contains(u))
        .collect();
    let mut events = Vec::new();
    for unit in &lost {
        events.push(Record::system(
            "update",
            ("relay_log_access_ended", log_id),
            &format!("{}:{}", AccessEnded::EnrolmentOnly.code(), unit.as_str()),
            "migration",
            now,
        ));
    }
    if events.is_empty() {
        return Ok(());
    }
    crate::access::gate::seal(tx, tenant, events).await?;
    let home = names(&mut tx.conn, tenant, "units", &[home.to_string()])
        .await?
        .into_values()
        .next()
        .unwrap_or_default();
    for staff in users_by_enrolment(&mut tx.conn, tenant, log_id).await? {
        let mut used = false;
        for unit in &lost {
            used |= works_in(&mut tx.conn, tenant, &staff, unit).await?;
        }
        if used {
            let key = format!("{LOG_ACCESS_ENDED}:{log_id}");
            let detail = format!("{}|{home}", AccessEnded::EnrolmentOnly.code());
            crate::staff_notice::notify_unnamed(
                tx,
                tenant,
                staff.as_str(),
                &key,
                LOG_ACCESS_ENDED,
                &detail,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// Desk notice to one who used a log only through the child's enrolment.
pub const LOG_ACCESS_ENDED: &str = "log_access_ended";

/// Staff who have read or written the log under their unit's enrolment.
async fn users_by_enrolment(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    log_id: &str,
) -> DbResult<Vec<StaffId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT actor_id FROM audit_log WHERE tenant_id = $1 AND resource_id = $2 \
         AND outcome = 'allow' AND reason IN ('enrolled_in_own_unit', 'leader_of_unit') \
         ORDER BY actor_id",
    )
    .bind(tenant.as_str())
    .bind(log_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| Ok(StaffId::from_trusted(r.try_get("actor_id")?)))
        .collect()
}
