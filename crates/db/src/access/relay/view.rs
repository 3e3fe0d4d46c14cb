//! Builds the whole view of a relay log: its state, every event with the
//! names it mentions, and its measures. Used by the log page, the API, the
//! print view and the archive copy made at closing.

use std::collections::{BTreeMap, BTreeSet};

use ettlag_core::relay::{Entry, Event, LogState};
use ettlag_core::{StaffId, TenantId, UnitId};
use sqlx::AnyConnection;

use super::LogRow;
use super::events::events_of;
use crate::access::facts::register::{child_ref, staff_and_unit_names};
use crate::error::{DbError, DbResult};
use crate::relay_models::{ClosedView, EventView, OfferView, RelayLogView, StaffRef, UnitRef};

pub(crate) async fn build_view(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    row: &LogRow,
) -> DbResult<RelayLogView> {
    let child = child_ref(conn, tenant, &row.child_id)
        .await?
        .ok_or_else(|| DbError::Other(format!("relay log {} has no child", row.id)))?;
    let stored = events_of(conn, tenant, &row.id).await?;
    let seqs: Vec<i64> = stored.iter().map(|(s, _)| *s).collect();
    let state = LogState::replay(stored.into_iter().map(|(_, e)| e).collect())
        .map_err(|e| DbError::Other(format!("relay log {} does not replay: {e}", row.id)))?;

    let mut staff: BTreeSet<String> = BTreeSet::new();
    let mut units: BTreeSet<String> = BTreeSet::new();
    staff.insert(row.holder.to_string());
    units.insert(row.holder_unit.to_string());
    for view in state.history.timeline() {
        staff.insert(view.entry.by.to_string());
        mentioned(&view.entry.body, &mut staff, &mut units);
    }
    let staff: Vec<String> = staff.into_iter().collect();
    let units: Vec<String> = units.into_iter().collect();
    let (staff_names, unit_names) = staff_and_unit_names(conn, tenant, &staff, &units).await?;
    let staff_ref = |id: &StaffId| StaffRef {
        id: id.clone(),
        name: staff_names
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string()),
    };
    let unit_ref = |id: &UnitId| UnitRef {
        id: id.clone(),
        name: unit_names
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string()),
    };

    let mut offer = None;
    let mut events = Vec::new();
    for (view, seq) in state.history.timeline().into_iter().zip(seqs) {
        let rec = view.entry;
        if let Event::BatonOffered {
            to,
            to_unit,
            family_wish,
            transition,
        } = &rec.body
        {
            offer = Some(OfferView {
                to: staff_ref(to),
                to_unit: unit_ref(to_unit),
                offered_at_ms: rec.at_ms,
                family_wish: family_wish.clone(),
                transition: transition.clone(),
            });
        }
        events.push(EventView {
            id: rec.id.clone(),
            seq,
            at_ms: rec.at_ms,
            by: staff_ref(&rec.by),
            supersedes: rec.supersedes.clone(),
            superseded_by: view.superseded_by.map(str::to_string),
            event: rec.body.clone(),
        });
    }
    // Only a waiting offer is shown as one.
    if state.baton.offer.is_none() {
        offer = None;
    }
    let mut measure_type_names = BTreeMap::new();
    if events.iter().any(|e| {
        matches!(
            &e.event,
            Event::Entry {
                entry: Entry::Measure {
                    measure_type: Some(_),
                    ..
                },
                ..
            }
        )
    }) {
        for t in crate::steering::types_of(conn, tenant).await? {
            measure_type_names.insert(t.code.to_string(), t.name);
        }
    }
    let closed = match (&row.closed_at_ms, state.closed) {
        (Some(at), Some(reason)) => Some(ClosedView { reason, at_ms: *at }),
        _ => None,
    };
    Ok(RelayLogView {
        id: row.id.clone(),
        child,
        level: state.level,
        holder: staff_ref(&state.baton.holder),
        holder_unit: unit_ref(&state.baton.holder_unit),
        offer,
        concern_id: row.concern_id.clone(),
        opened_at_ms: row.opened_at_ms,
        closed,
        version: row.version,
        events,
        measures: state.measures(),
        staff_names,
        unit_names,
        measure_type_names,
        withheld: Vec::new(),
    })
}

/// The staff and units an event names.
fn mentioned(event: &Event, staff: &mut BTreeSet<String>, units: &mut BTreeSet<String>) {
    match event {
        Event::Opened {
            holder,
            holder_unit,
            ..
        } => {
            staff.insert(holder.to_string());
            units.insert(holder_unit.to_string());
        }
        Event::BatonOffered { to, to_unit, .. } => {
            staff.insert(to.to_string());
            units.insert(to_unit.to_string());
        }
        Event::Entry {
            entry:
                Entry::Measure {
                    responsible,
                    responsible_unit,
                    ..
                },
            ..
        } => {
            staff.insert(responsible.to_string());
            units.insert(responsible_unit.to_string());
        }
        Event::Entry {
            entry: Entry::Participant { unit, .. },
            ..
        } => {
            units.insert(unit.to_string());
        }
        _ => {}
    }
}
