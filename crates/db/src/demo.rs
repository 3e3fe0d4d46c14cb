//! Bulk loading of the synthetic demo municipality. A national-scale demo has
//! millions of rows, so rows go in as multi-row inserts, thousands per commit,
//! and each batch is audited as one system record naming how many it created.

use crate::access::gate::Record;
use ettlag_core::{Coded, NationalId, PersonKind, RelationKind, RoleSet, ServiceType, TenantId};

use crate::bulk::{Value, insert_rows};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

#[derive(Debug, Clone)]
pub struct DemoPerson {
    pub given_name: String,
    pub family_name: String,
    pub national_id: NationalId,
}

#[derive(Debug, Clone)]
pub struct DemoChild {
    pub person: DemoPerson,
    /// Indexes into the unit list given to [`Store::load_demo_families`].
    pub units: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct DemoFamily {
    pub children: Vec<DemoChild>,
    pub adults: Vec<(DemoPerson, RelationKind)>,
}

#[derive(Debug, Clone)]
pub struct DemoStaff {
    pub username: String,
    pub display_name: String,
    pub roles: RoleSet,
    pub units: Vec<usize>,
    pub password_hash: Option<String>,
}

impl Store {
    /// Creates units and returns their ids in the same order.
    pub async fn load_demo_units(
        &self,
        tenant: &TenantId,
        units: Vec<(String, ServiceType)>,
    ) -> DbResult<Vec<String>> {
        let tenant = tenant.as_str().to_string();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let now = now_ms();
                    let rows: Vec<Vec<Value>> = units
                        .iter()
                        .map(|(name, service)| {
                            vec![
                                Value::Text(tenant.clone()),
                                Value::Text(new_id()),
                                Value::Text(name.clone()),
                                Value::Text(service.code().to_string()),
                                Value::Int(now),
                            ]
                        })
                        .collect();
                    let ids = rows
                        .iter()
                        .filter_map(|r| match &r[1] {
                            Value::Text(id) => Some(id.clone()),
                            _ => None,
                        })
                        .collect();
                    insert_rows(
                        tx,
                        "units (tenant_id, id, name, service_type, created_at)",
                        rows,
                    )
                    .await?;
                    system_audit(tx, &tenant, "unit", units.len()).await?;
                    Ok(ids)
                })
            })
            .await
    }

    pub async fn load_demo_staff(
        &self,
        tenant: &TenantId,
        units: &[String],
        staff: Vec<DemoStaff>,
    ) -> DbResult<()> {
        let (tenant, units) = (tenant.as_str().to_string(), units.to_vec());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let now = now_ms();
                    let (mut s_rows, mut a_rows, mut u_rows) = (Vec::new(), Vec::new(), Vec::new());
                    for s in &staff {
                        let id = new_id();
                        let t = || Value::Text(tenant.clone());
                        s_rows.push(vec![
                            t(),
                            Value::Text(id.clone()),
                            Value::Text(s.display_name.clone()),
                            Value::Text(s.roles.codes()),
                            Value::Int(now),
                        ]);
                        a_rows.push(vec![
                            Value::Text(s.username.clone()),
                            t(),
                            Value::Text(id.clone()),
                            Value::OptText(s.password_hash.clone()),
                            Value::Int(now),
                        ]);
                        for &u in &s.units {
                            let unit = units.get(u).ok_or_else(|| {
                                DbError::Other("demo staff names a missing unit".into())
                            })?;
                            u_rows.push(vec![
                                t(),
                                Value::Text(id.clone()),
                                Value::Text(unit.clone()),
                            ]);
                        }
                    }
                    insert_rows(
                        tx,
                        "staff (tenant_id, id, display_name, roles, created_at)",
                        s_rows,
                    )
                    .await?;
                    insert_rows(
                        tx,
                        "accounts (username, tenant_id, staff_id, password_hash, created_at)",
                        a_rows,
                    )
                    .await?;
                    insert_rows(tx, "staff_units (tenant_id, staff_id, unit_id)", u_rows).await?;
                    system_audit(tx, &tenant, "staff", staff.len()).await?;
                    Ok(())
                })
            })
            .await
    }

    /// Loads families in one transaction. Call with a few thousand at a time.
    pub async fn load_demo_families(
        &self,
        tenant: &TenantId,
        units: &[String],
        families: Vec<DemoFamily>,
        from_date: &str,
    ) -> DbResult<usize> {
        let (tenant, units, from_date) = (
            tenant.as_str().to_string(),
            units.to_vec(),
            from_date.to_string(),
        );
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let now = now_ms();
                    let (mut persons, mut relations, mut enrolments) = (Vec::new(), Vec::new(), Vec::new());
                    let mut counted = Vec::new();
                    let t = || Value::Text(tenant.clone());
                    let person_row = |id: &str, kind: PersonKind, p: &DemoPerson| {
                        vec![
                            t(),
                            Value::Text(id.to_string()),
                            Value::Text(kind.code().to_string()),
                            Value::Text(p.national_id.as_str().to_string()),
                            Value::Text(p.given_name.clone()),
                            Value::Text(p.family_name.clone()),
                            Value::Text(p.national_id.birth_date().to_string()),
                            Value::Int(now),
                            Value::Int(now),
                        ]
                    };
                    for family in &families {
                        let mut child_ids = Vec::new();
                        for child in &family.children {
                            let id = new_id();
                            persons.push(person_row(&id, PersonKind::Child, &child.person));
                            let mut enrolled = Vec::new();
                            for &u in &child.units {
                                let unit = units.get(u).ok_or_else(|| DbError::Other("demo child names a missing unit".into()))?;
                                enrolments.push(vec![t(), Value::Text(id.clone()), Value::Text(unit.clone()), Value::Text(from_date.clone())]);
                                enrolled.push(unit.clone());
                            }
                            counted.push((Some(child.person.national_id.birth_date().to_string()), enrolled));
                            child_ids.push(id);
                        }
                        for (adult, kind) in &family.adults {
                            let id = new_id();
                            persons.push(person_row(&id, PersonKind::Adult, adult));
                            for child in &child_ids {
                                relations.push(vec![t(), Value::Text(child.clone()), Value::Text(id.clone()), Value::Text(kind.code().to_string()), Value::Int(now)]);
                            }
                        }
                    }
                    let count = persons.len();
                    insert_rows(tx, "persons (tenant_id, id, kind, national_id, given_name, family_name, birth_date, created_at, updated_at)", persons).await?;
                    insert_rows(tx, "relations (tenant_id, child_id, person_id, kind, created_at)", relations).await?;
                    insert_rows(tx, "enrolments (tenant_id, child_id, unit_id, from_date)", enrolments).await?;
                    // The new children counted for steering, in the same transaction.
                    crate::steering::track::children_enrolled(tx, &TenantId::from_trusted(tenant.clone()), &counted).await?;
                    system_audit(tx, &tenant, "person", count).await?;
                    Ok(count)
                })
            })
            .await
    }
}

/// One audit record for a batch the system created.
async fn system_audit(
    tx: &mut Tx,
    tenant: &str,
    resource_type: &str,
    count: usize,
) -> DbResult<()> {
    let event = Record::system(
        "create",
        (resource_type, &format!("batch:{count}")),
        "system",
        "demo",
        now_ms(),
    );
    crate::access::gate::seal(tx, &TenantId::from_trusted(tenant.to_string()), vec![event]).await
}
