//! Importing units and staff.

use std::collections::HashSet;

use ettlag_core::Coded;
use ettlag_core::import::{RowError, StaffRow, UnitRow};

use super::{Outcome, Planned, UnitNames, decide_all, problem};
use crate::access::WriteCtx;
use crate::bulk::{Value, existing, insert_rows};
use crate::clock::{new_id, now_ms};
use crate::error::DbResult;
use crate::writer::Tx;

pub(super) async fn units_in(tx: &mut Tx, ctx: &WriteCtx, rows: &[UnitRow]) -> DbResult<Outcome> {
    let tenant = ctx.actor.tenant.as_str().to_string();
    let ids: Vec<String> = rows.iter().map(|_| new_id()).collect();
    let planned: Vec<Planned> = ids
        .iter()
        .map(|id| Planned::create("unit", id, None))
        .collect();
    let Some(events) = decide_all(tx, ctx, &planned).await? else {
        return Ok(Outcome::Denied);
    };
    let existing = UnitNames::load(tx, &tenant).await?;
    let errors: Vec<RowError> = rows
        .iter()
        .filter(|r| existing.taken(&r.name))
        .map(|r| problem(r.line, "name", "import-unit-exists", Some(&r.name)))
        .collect();
    if !errors.is_empty() {
        return Ok(Outcome::Invalid(errors));
    }
    let now = now_ms();
    let values = rows
        .iter()
        .zip(&ids)
        .map(|(r, id)| {
            vec![
                Value::Text(tenant.clone()),
                Value::Text(id.clone()),
                Value::Text(r.name.clone()),
                Value::Text(r.service_type.code().to_string()),
                Value::Int(now),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "units (tenant_id, id, name, service_type, created_at)",
        values,
    )
    .await
    .map_err(|e| e.conflict_as("unit name"))?;
    crate::access::gate::seal(tx, &ctx.actor.tenant, events).await?;
    Ok(Outcome::Done(rows.len()))
}

pub(super) async fn staff_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    rows: &[StaffRow],
    password_hash: Option<&str>,
) -> DbResult<Outcome> {
    let tenant = ctx.actor.tenant.as_str().to_string();
    let ids: Vec<String> = rows.iter().map(|_| new_id()).collect();
    let planned: Vec<Planned> = ids
        .iter()
        .map(|id| Planned::create("staff", id, None))
        .collect();
    let Some(events) = decide_all(tx, ctx, &planned).await? else {
        return Ok(Outcome::Denied);
    };
    let units = UnitNames::load(tx, &tenant).await?;
    let usernames: Vec<String> = rows.iter().map(|r| r.username.clone()).collect();
    let taken = existing(
        tx,
        "SELECT username AS key, username AS id FROM accounts WHERE username IN",
        None,
        &usernames,
    )
    .await?;
    let mut errors = Vec::new();
    for r in rows {
        if taken.contains_key(&r.username) {
            errors.push(problem(
                r.line,
                "username",
                "import-username-taken",
                Some(&r.username),
            ));
        }
        for unit in r.units.iter().filter(|u| units.find(u).is_none()) {
            errors.push(problem(
                r.line,
                "units",
                "import-unit-not-found",
                Some(unit),
            ));
        }
    }
    if !errors.is_empty() {
        return Ok(Outcome::Invalid(errors));
    }
    let now = now_ms();
    let (mut staff, mut accounts, mut links) = (Vec::new(), Vec::new(), Vec::new());
    for (r, id) in rows.iter().zip(&ids) {
        let t = || Value::Text(tenant.clone());
        staff.push(vec![
            t(),
            Value::Text(id.clone()),
            Value::Text(r.display_name.clone()),
            Value::Text(r.roles.codes()),
            Value::Int(now),
        ]);
        accounts.push(vec![
            Value::Text(r.username.clone()),
            t(),
            Value::Text(id.clone()),
            Value::OptText(password_hash.map(str::to_string)),
            Value::Int(now),
        ]);
        let mut seen = HashSet::new();
        for unit in r.units.iter().filter_map(|u| units.find(u)) {
            if seen.insert(unit) {
                links.push(vec![
                    t(),
                    Value::Text(id.clone()),
                    Value::Text(unit.clone()),
                ]);
            }
        }
    }
    insert_rows(
        tx,
        "staff (tenant_id, id, display_name, roles, created_at)",
        staff,
    )
    .await?;
    insert_rows(
        tx,
        "accounts (username, tenant_id, staff_id, password_hash, created_at)",
        accounts,
    )
    .await
    .map_err(|e| e.conflict_as("username"))?;
    insert_rows(tx, "staff_units (tenant_id, staff_id, unit_id)", links).await?;
    crate::access::gate::seal(tx, &ctx.actor.tenant, events).await?;
    Ok(Outcome::Done(rows.len()))
}
