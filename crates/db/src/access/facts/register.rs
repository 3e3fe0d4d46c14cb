//! Facts of the register that every feature asks about a case: where a
//! child is enrolled, who a child is, names of staff and units, who works
//! where, and whether a person's processing is restricted. Each takes a
//! connection so that the same query serves a read on the pool and a write
//! in the writer's transaction.

use std::collections::BTreeMap;

use ettlag_core::{NationalId, PersonId, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use crate::clock::today;
use crate::error::DbResult;
use crate::relay_models::ChildRef;

/// The units where a child is enrolled today.
pub(crate) async fn child_units(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
) -> DbResult<Vec<UnitId>> {
    let rows = sqlx::query(
        "SELECT unit_id FROM enrolments WHERE tenant_id = $1 AND child_id = $2 \
         AND from_date <= $3 AND (to_date IS NULL OR to_date >= $3) ORDER BY unit_id",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .bind(today())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok(UnitId::from_trusted(r.try_get("unit_id")?)))
        .collect()
}

/// A child that exists in the municipality, or `None`.
pub(crate) async fn child_ref(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
) -> DbResult<Option<ChildRef>> {
    let row = sqlx::query(
        "SELECT id, given_name, family_name, national_id, birth_date FROM persons \
         WHERE tenant_id = $1 AND id = $2 AND kind = 'child'",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        let nin: Option<String> = r.try_get("national_id")?;
        Ok(ChildRef {
            id: PersonId::from_trusted(r.try_get("id")?),
            given_name: r.try_get("given_name")?,
            family_name: r.try_get("family_name")?,
            national_id: nin.and_then(|n| NationalId::parse(&n).ok()),
            birth_date: r.try_get("birth_date")?,
        })
    })
    .transpose()
}

/// Names by id from `table` (`staff`, `units` or `persons`, whose name is
/// given and family name) for the ids given.
pub(crate) async fn names(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    table: &str,
    ids: &[String],
) -> DbResult<BTreeMap<String, String>> {
    let (table, name_column) = match table {
        "staff" => ("staff", "display_name"),
        "persons" => ("persons", "given_name || ' ' || family_name"),
        _ => ("units", "name"),
    };
    let mut out = BTreeMap::new();
    for chunk in ids.chunks(200) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, {name_column} AS name FROM {table} WHERE tenant_id = $1 AND id IN ({})",
            marks.join(",")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant.as_str());
        for id in chunk {
            q = q.bind(id.as_str());
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.insert(r.try_get("id")?, r.try_get("name")?);
        }
    }
    Ok(out)
}

/// Names of staff and of units by id, in one statement when the lists are
/// short (a log's authors and units usually are).
pub(crate) async fn staff_and_unit_names(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    staff: &[String],
    units: &[String],
) -> DbResult<(BTreeMap<String, String>, BTreeMap<String, String>)> {
    if staff.is_empty() || units.is_empty() || staff.len() + units.len() > 200 {
        return Ok((
            names(conn, tenant, "staff", staff).await?,
            names(conn, tenant, "units", units).await?,
        ));
    }
    let marks = |from: usize, n: usize| -> String {
        (from..from + n)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let sql = format!(
        "SELECT 's' AS kind, id, display_name AS name FROM staff WHERE tenant_id = $1 AND id IN ({}) \
         UNION ALL SELECT 'u' AS kind, id, name FROM units WHERE tenant_id = $1 AND id IN ({})",
        marks(2, staff.len()),
        marks(2 + staff.len(), units.len())
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant.as_str());
    for id in staff.iter().chain(units) {
        q = q.bind(id.as_str());
    }
    let (mut staff_names, mut unit_names) = (BTreeMap::new(), BTreeMap::new());
    for r in q.fetch_all(&mut *conn).await? {
        let into = if r.try_get::<String, _>("kind")? == "s" {
            &mut staff_names
        } else {
            &mut unit_names
        };
        into.insert(r.try_get("id")?, r.try_get("name")?);
    }
    Ok((staff_names, unit_names))
}

/// Whether a staff member is active, works with children, and works in `unit`.
pub(crate) async fn works_in(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    staff: &StaffId,
    unit: &UnitId,
) -> DbResult<bool> {
    let row = sqlx::query(
        "SELECT s.roles FROM staff s JOIN staff_units su ON su.tenant_id = s.tenant_id \
         AND su.staff_id = s.id WHERE s.tenant_id = $1 AND s.id = $2 AND su.unit_id = $3 \
         AND s.active = 1",
    )
    .bind(tenant.as_str())
    .bind(staff.as_str())
    .bind(unit.as_str())
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(false) };
    let roles =
        ettlag_core::RoleSet::parse(&row.try_get::<String, _>("roles")?).unwrap_or_default();
    Ok(roles.works_with_children())
}

/// Whether processing of a person's data is restricted (GDPR art. 18).
pub(crate) async fn is_restricted(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<bool> {
    let row = sqlx::query("SELECT restricted_at FROM persons WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<Option<i64>, _>("restricted_at")?.is_some(),
        None => false,
    })
}
