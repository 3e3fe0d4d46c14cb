//! Importing children and the adults around them.

use std::collections::{HashMap, HashSet};

use ettlag_core::import::PersonRow;
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, PersonKind, RelationKind};

use super::{Outcome, Planned, UnitNames, decide_all, problem};
use crate::access::WriteCtx;
use crate::bulk::{Value, existing, insert_rows};
use crate::clock::{new_id, now_ms, today};
use crate::error::DbResult;
use crate::writer::Tx;

pub(super) async fn persons_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    rows: &[PersonRow],
) -> DbResult<Outcome> {
    let tenant = ctx.actor.tenant.as_str().to_string();
    // One new person per national id; an adult repeats once per child.
    let mut new_ids: HashMap<&str, (String, PersonKind)> = HashMap::new();
    let mut planned = Vec::new();
    for r in rows {
        new_ids.entry(r.national_id.as_str()).or_insert_with(|| {
            let id = new_id();
            planned.push(Planned::create("person", &id, Some(r.kind)));
            (id, r.kind)
        });
    }
    let Some(mut events) = decide_all(tx, ctx, &planned).await? else {
        return Ok(Outcome::Denied);
    };

    // Who of those the file names is registered already.
    let mut wanted: Vec<String> = new_ids.keys().map(|n| n.to_string()).collect();
    for (child, _) in rows.iter().filter_map(|r| r.child.as_ref()) {
        if !new_ids.contains_key(child.as_str()) {
            wanted.push(child.as_str().to_string());
        }
    }
    wanted.sort();
    wanted.dedup();
    let found = existing(
        tx,
        "SELECT national_id AS key, id, kind AS extra FROM persons WHERE tenant_id = $1 AND national_id IN",
        Some(&tenant),
        &wanted,
    )
    .await?;
    // Finding them is reading the register: each one found is audited.
    let tenant_id = ctx.actor.tenant.clone();
    let mut seen = Vec::with_capacity(found.len());
    for (id, kind) in found.values() {
        let kind =
            PersonKind::from_code(kind.as_deref().unwrap_or_default()).unwrap_or(PersonKind::Adult);
        let subject = Subject::Person {
            tenant: &tenant_id,
            kind,
            linked_units: &[],
            restricted: false,
            emergency: false,
        };
        let decision = ctx.decide(Action::List, &subject);
        seen.push(ctx.event(Action::List, "person", id, decision));
    }
    crate::access::gate::seal(tx, &tenant_id, seen).await?;

    let units = UnitNames::load(tx, &tenant).await?;
    let mut errors = Vec::new();
    let mut related: Vec<(String, String, RelationKind)> = Vec::new();
    let mut enrolments: Vec<(String, String)> = Vec::new();
    let mut updated_children: HashSet<String> = HashSet::new();
    for r in rows {
        if found.contains_key(r.national_id.as_str()) {
            errors.push(problem(
                r.line,
                "national_id",
                "import-national-id-registered",
                None,
            ));
        }
        let Some((me, _)) = new_ids.get(r.national_id.as_str()) else {
            continue;
        };
        if let Some(unit) = &r.unit {
            match units.find(unit) {
                Some(unit_id) if r.kind == PersonKind::Child => {
                    enrolments.push((me.clone(), unit_id.clone()));
                }
                Some(_) => {}
                None => errors.push(problem(r.line, "unit", "import-unit-not-found", Some(unit))),
            }
        }
        if let Some((child, relation)) = &r.child {
            let in_file = new_ids
                .get(child.as_str())
                .filter(|(_, kind)| *kind == PersonKind::Child)
                .map(|(id, _)| id.clone());
            let registered = found
                .get(child.as_str())
                .filter(|(_, kind)| kind.as_deref() == Some(PersonKind::Child.code()))
                .map(|(id, _)| id.clone());
            match (in_file, registered) {
                (Some(child_id), _) => related.push((child_id, me.clone(), *relation)),
                (None, Some(child_id)) => {
                    updated_children.insert(child_id.clone());
                    related.push((child_id, me.clone(), *relation));
                }
                (None, None) => errors.push(problem(
                    r.line,
                    "child_national_id",
                    "import-child-not-found",
                    None,
                )),
            }
        }
    }
    if !errors.is_empty() {
        return Ok(Outcome::Invalid(errors));
    }

    // A relation to a child already registered changes that child.
    let mut updates: Vec<String> = updated_children.into_iter().collect();
    updates.sort();
    let planned: Vec<Planned> = updates
        .iter()
        .map(|id| Planned {
            action: Action::Update,
            resource_type: "person",
            id: id.clone(),
            kind: Some(PersonKind::Child),
        })
        .collect();
    let Some(more) = decide_all(tx, ctx, &planned).await? else {
        return Ok(Outcome::Denied);
    };
    events.extend(more);

    let now = now_ms();
    let from = today();
    let t = || Value::Text(tenant.clone());
    let mut persons = Vec::with_capacity(new_ids.len());
    let mut created = HashSet::new();
    for r in rows {
        let Some((id, kind)) = new_ids.get(r.national_id.as_str()) else {
            continue;
        };
        if !created.insert(id.as_str()) {
            continue;
        }
        persons.push(vec![
            t(),
            Value::Text(id.clone()),
            Value::Text(kind.code().to_string()),
            Value::Text(r.national_id.as_str().to_string()),
            Value::Text(r.given_name.clone()),
            Value::Text(r.family_name.clone()),
            Value::Text(r.national_id.birth_date().to_string()),
            Value::Int(now),
            Value::Int(now),
        ]);
    }
    insert_rows(
        tx,
        "persons (tenant_id, id, kind, national_id, given_name, family_name, birth_date, created_at, updated_at)",
        persons,
    )
    .await
    .map_err(|e| e.conflict_as("national identity number"))?;
    let relations = related
        .into_iter()
        .map(|(child, adult, kind)| {
            vec![
                t(),
                Value::Text(child),
                Value::Text(adult),
                Value::Text(kind.code().to_string()),
                Value::Int(now),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "relations (tenant_id, child_id, person_id, kind, created_at)",
        relations,
    )
    .await
    .map_err(|e| e.conflict_as("relation"))?;
    let enrolments = enrolments
        .into_iter()
        .map(|(child, unit)| {
            vec![
                t(),
                Value::Text(child),
                Value::Text(unit),
                Value::Text(from.clone()),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "enrolments (tenant_id, child_id, unit_id, from_date)",
        enrolments,
    )
    .await?;
    crate::access::gate::seal(tx, &ctx.actor.tenant, events).await?;
    Ok(Outcome::Done(rows.len()))
}
