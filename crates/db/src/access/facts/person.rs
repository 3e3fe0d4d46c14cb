//! What the policy needs to know about people, loaded in one statement for
//! any number of them: their kind, whether processing is restricted, the
//! units they are linked to now and whether the actor holds a break-the-glass
//! access that opens them. Every decision about a person uses these facts,
//! whichever domain asks.

use std::collections::HashMap;

use ettlag_core::policy::Subject;
use ettlag_core::{Coded, PersonId, PersonKind, StaffId, TenantId, UnitId};
use sqlx::Row;

use crate::clock::{now_ms, today};
use crate::error::{DbError, DbResult};

/// The facts about one person that the policy decides on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonFacts {
    pub kind: PersonKind,
    pub restricted: bool,
    /// A child's units now; for an adult, the units of their children now.
    pub linked_units: Vec<UnitId>,
    /// The actor holds an unexpired break-the-glass access to this child, or
    /// (for an adult) to one of their children.
    pub emergency: bool,
}

impl PersonFacts {
    /// The person as the policy sees them.
    pub fn subject<'a>(&'a self, tenant: &'a TenantId) -> Subject<'a> {
        Subject::Person {
            tenant,
            kind: self.kind,
            linked_units: &self.linked_units,
            restricted: self.restricted,
            emergency: self.emergency,
        }
    }
}

/// Facts by person, for the people found among `ids` in the municipality;
/// an id that names nobody is simply missing from the answer.
pub(crate) async fn load<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    exec: E,
    tenant: &TenantId,
    staff: &StaffId,
    ids: &[PersonId],
) -> DbResult<HashMap<PersonId, PersonFacts>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", 5 + i)).collect();
    let sql = facts_sql(&marks.join(","));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(today())
        .bind(staff.as_str())
        .bind(now_ms());
    for id in ids {
        query = query.bind(id.as_str());
    }
    let rows = query.fetch_all(exec).await?;
    let mut facts: HashMap<PersonId, PersonFacts> = HashMap::with_capacity(ids.len());
    for row in &rows {
        let id = PersonId::from_trusted(row.try_get("id")?);
        let kind: String = row.try_get("kind")?;
        let entry = facts.entry(id).or_insert(PersonFacts {
            kind: PersonKind::from_code(&kind)
                .ok_or_else(|| DbError::Other(format!("unknown person kind {kind}")))?,
            restricted: row.try_get::<Option<i64>, _>("restricted_at")?.is_some(),
            linked_units: Vec::new(),
            emergency: row.try_get::<i64, _>("emergency")? != 0,
        });
        if let Some(unit) = row.try_get::<Option<String>, _>("unit_id")? {
            let unit = UnitId::from_trusted(unit);
            // An adult with two children in one unit is linked to it once.
            if !entry.linked_units.contains(&unit) {
                entry.linked_units.push(unit);
            }
        }
    }
    Ok(facts)
}

/// Children through their own enrolments, adults through their children's;
/// one row per person and unit (a person linked to no unit: one row with a
/// null unit). `$1` tenant, `$2` today, `$3` the actor, `$4` now in ms.
fn facts_sql(marks: &str) -> String {
    const CURRENT: &str = "e.from_date <= $2 AND (e.to_date IS NULL OR e.to_date >= $2)";
    const OPEN: &str = "g.tenant_id = p.tenant_id AND g.staff_id = $3 AND g.expires_at > $4 \
         AND g.ended_at IS NULL";
    format!(
        "SELECT p.id, p.kind, p.restricted_at, e.unit_id, \
         CASE WHEN EXISTS (SELECT 1 FROM emergency_access g WHERE {OPEN} AND g.child_id = p.id) \
         THEN 1 ELSE 0 END AS emergency \
         FROM persons p \
         LEFT JOIN enrolments e ON e.tenant_id = p.tenant_id AND e.child_id = p.id AND {CURRENT} \
         WHERE p.tenant_id = $1 AND p.kind = 'child' AND p.id IN ({marks}) \
         UNION ALL \
         SELECT p.id, p.kind, p.restricted_at, e.unit_id, \
         CASE WHEN EXISTS (SELECT 1 FROM emergency_access g JOIN relations gr \
         ON gr.tenant_id = g.tenant_id AND gr.child_id = g.child_id \
         WHERE {OPEN} AND gr.person_id = p.id) THEN 1 ELSE 0 END AS emergency \
         FROM persons p \
         LEFT JOIN relations r ON r.tenant_id = p.tenant_id AND r.person_id = p.id \
         LEFT JOIN enrolments e ON e.tenant_id = r.tenant_id AND e.child_id = r.child_id AND {CURRENT} \
         WHERE p.tenant_id = $1 AND p.kind = 'adult' AND p.id IN ({marks})"
    )
}
