//! Queries shared by the relay reads and writes. Each takes a connection so
//! that the same query serves a read on the pool and a write in the writer's
//! transaction.

use std::collections::BTreeMap;

use ettlag_core::relay::{Event, Level, Recorded};
use ettlag_core::{NationalId, PersonId, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::{EVENT_COLUMNS, LogRow, event_from_row};
use crate::clock::today;
use crate::error::{DbError, DbResult};
use crate::relay_models::ChildRef;

pub(crate) const LOG_COLUMNS: &str = "id, child_id, level, holder_id, holder_unit_id, offered_to, \
     concern_id, opened_at, closed_at, events, version, next_due, offered_unit_id, home_unit_id";

pub(crate) fn log_from_row(r: &sqlx::any::AnyRow) -> DbResult<LogRow> {
    let level: i64 = r.try_get("level")?;
    let holder_unit = UnitId::from_trusted(r.try_get("holder_unit_id")?);
    Ok(LogRow {
        id: r.try_get("id")?,
        child_id: PersonId::from_trusted(r.try_get("child_id")?),
        level: u8::try_from(level)
            .ok()
            .and_then(|l| Level::try_from(l).ok())
            .ok_or_else(|| DbError::Other(format!("a stored level is {level}")))?,
        holder: StaffId::from_trusted(r.try_get("holder_id")?),
        // Filled at start-up for logs older than the column; until then the
        // holder's unit is the best guess and never wider than before.
        home_unit: r
            .try_get::<Option<String>, _>("home_unit_id")?
            .map(UnitId::from_trusted)
            .unwrap_or_else(|| holder_unit.clone()),
        holder_unit,
        offered_to: r
            .try_get::<Option<String>, _>("offered_to")?
            .map(StaffId::from_trusted),
        concern_id: r.try_get("concern_id")?,
        opened_at_ms: r.try_get("opened_at")?,
        closed_at_ms: r.try_get("closed_at")?,
        events: r.try_get("events")?,
        version: r.try_get("version")?,
        next_due: r
            .try_get::<Option<String>, _>("next_due")?
            .and_then(|d| ettlag_core::Day::parse(&d).ok()),
        offered_unit: r
            .try_get::<Option<String>, _>("offered_unit_id")?
            .map(UnitId::from_trusted),
    })
}

pub(crate) async fn log_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<LogRow>> {
    let sql = format!("SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(log_from_row).transpose()
}

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

/// Every event of a log, oldest first, with its sequence number.
pub(crate) async fn events_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    log_id: &str,
) -> DbResult<Vec<(i64, Recorded<Event>)>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM relay_events WHERE tenant_id = $1 AND log_id = $2 ORDER BY seq"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(log_id)
        .fetch_all(conn)
        .await?;
    rows.iter().map(event_from_row).collect()
}

/// Names by id from `table` (`staff` or `units`) for the ids given.
pub(crate) async fn names(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    table: &str,
    ids: &[String],
) -> DbResult<BTreeMap<String, String>> {
    let name_column = if table == "staff" {
        "display_name"
    } else {
        "name"
    };
    let table = if table == "staff" { "staff" } else { "units" };
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
