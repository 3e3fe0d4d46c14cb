//! Keeps the counts in step with the writes, in the same transaction: each
//! write path that changes a figure calls one function here after its own
//! statements.

use sqlx::{AnyConnection, Row};

use ettlag_core::TenantId;
use ettlag_core::relay::{Event, Recorded};

use super::fold::{LogContext, fold_log};
use super::ladder::ladder_of;
use super::{Delta, Dims, apply, birth_year, metric, month_of, ms_key, units_of};
use crate::access::relay::events::load_events;
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

/// The group of a child: its first current enrolment (by unit id) and birth
/// year. A child with no current enrolment counts under no unit.
pub(crate) async fn child_dims(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &str,
) -> DbResult<Option<Dims>> {
    let row = sqlx::query(
        "SELECT e.unit_id, u.service_type, u.area, p.birth_date FROM persons p \
         LEFT JOIN enrolments e ON e.tenant_id = p.tenant_id AND e.child_id = p.id AND e.to_date IS NULL \
         LEFT JOIN units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id \
         WHERE p.tenant_id = $1 AND p.id = $2 ORDER BY e.unit_id LIMIT 1",
    )
    .bind(tenant.as_str())
    .bind(child)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let birth: Option<String> = r.try_get("birth_date")?;
    let unit: Option<String> = r.try_get("unit_id")?;
    Ok(Some(Dims {
        unit: unit.unwrap_or_default(),
        service_type: r
            .try_get::<Option<String>, _>("service_type")?
            .unwrap_or_default(),
        area: r.try_get::<Option<String>, _>("area")?.unwrap_or_default(),
        born: birth_year(birth.as_deref()),
    }))
}

fn one(metric: &'static str, period: String, dims: Dims, key: String, n: i64) -> Delta {
    Delta {
        metric,
        period,
        dims,
        key,
        n,
    }
}

/// The group of a unit for a child of the given birth year.
pub(crate) async fn unit_dims(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    unit: &str,
    child: &str,
) -> DbResult<Dims> {
    let row = sqlx::query(
        "SELECT u.service_type, u.area, p.birth_date FROM units u, persons p \
         WHERE u.tenant_id = $1 AND u.id = $2 AND p.tenant_id = $1 AND p.id = $3",
    )
    .bind(tenant.as_str())
    .bind(unit)
    .bind(child)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(Dims::default());
    };
    let birth: Option<String> = r.try_get("birth_date")?;
    Ok(Dims {
        unit: unit.to_string(),
        service_type: r.try_get("service_type")?,
        area: r.try_get::<Option<String>, _>("area")?.unwrap_or_default(),
        born: birth_year(birth.as_deref()),
    })
}

/// A concern was raised: counted in its month, and its clock runs.
pub(crate) async fn concern_raised(tx: &mut Tx, tenant: &TenantId, id: &str) -> DbResult<()> {
    let r = sqlx::query(
        "SELECT child_id, unit_id, raised_at, deadline_at FROM concerns WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .fetch_one(&mut tx.conn)
    .await?;
    let (child, unit): (String, String) = (r.try_get("child_id")?, r.try_get("unit_id")?);
    let (raised, deadline): (i64, i64) = (r.try_get("raised_at")?, r.try_get("deadline_at")?);
    let dims = unit_dims(&mut tx.conn, tenant, &unit, &child).await?;
    let deltas = super::fold::concern_deltas(dims, raised, deadline, None);
    apply(tx, tenant, &deltas).await
}

/// A concern was decided: its clock stops, missed when past the deadline.
pub(crate) async fn concern_decided(tx: &mut Tx, tenant: &TenantId, id: &str) -> DbResult<()> {
    let r = sqlx::query(
        "SELECT child_id, unit_id, raised_at, deadline_at, decided_at FROM concerns \
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .fetch_one(&mut tx.conn)
    .await?;
    let (child, unit): (String, String) = (r.try_get("child_id")?, r.try_get("unit_id")?);
    let (deadline, decided): (i64, Option<i64>) =
        (r.try_get("deadline_at")?, r.try_get("decided_at")?);
    let Some(decided) = decided else {
        return Ok(());
    };
    let dims = unit_dims(&mut tx.conn, tenant, &unit, &child).await?;
    let mut deltas = vec![one(
        metric::CONCERN_OPEN,
        String::new(),
        dims.clone(),
        ms_key(deadline),
        -1,
    )];
    if decided > deadline {
        deltas.push(one(
            metric::CLOCK_MISSED,
            month_of(decided),
            dims,
            "concern".to_string(),
            1,
        ));
    }
    apply(tx, tenant, &deltas).await
}

/// A relay log was written: the counts of the events from index `from` on.
/// `from` is 0 for a new log.
pub(crate) async fn log_written(
    tx: &mut Tx,
    tenant: &TenantId,
    log_id: &str,
    from: usize,
) -> DbResult<()> {
    let events: Vec<Recorded<Event>> = load_events(&mut tx.conn, tenant, log_id).await?;
    let r = sqlx::query(
        "SELECT p.birth_date, c.raised_at FROM relay_logs l \
         JOIN persons p ON p.tenant_id = l.tenant_id AND p.id = l.child_id \
         LEFT JOIN concerns c ON c.tenant_id = l.tenant_id AND c.id = l.concern_id \
         WHERE l.tenant_id = $1 AND l.id = $2",
    )
    .bind(tenant.as_str())
    .bind(log_id)
    .fetch_one(&mut tx.conn)
    .await?;
    let birth: Option<String> = r.try_get("birth_date")?;
    let units = units_of(&mut tx.conn, tenant).await?;
    let ladder = ladder_of(&mut tx.conn, tenant).await?;
    let ctx = LogContext {
        born: birth_year(birth.as_deref()),
        concern_raised_ms: r.try_get("raised_at")?,
        units: &units,
        ladder: &ladder,
    };
    let deltas = fold_log(&events, from, &ctx)
        .map_err(|e| DbError::Other(format!("relay log {log_id} does not replay: {e}")))?;
    apply(tx, tenant, &deltas).await
}

/// Something about a child was made in the month of `at_ms` (a plan, a report).
pub(crate) async fn child_event(
    tx: &mut Tx,
    tenant: &TenantId,
    metric: &'static str,
    child: &str,
    at_ms: i64,
) -> DbResult<()> {
    let dims = child_dims(&mut tx.conn, tenant, child)
        .await?
        .unwrap_or_default();
    apply(
        tx,
        tenant,
        &[one(metric, month_of(at_ms), dims, String::new(), 1)],
    )
    .await
}

/// New children enrolled in a bulk load, each as its birth date and its
/// current units: each counts once, in the group of its first unit (by id),
/// as [`child_dims`] would find it. Counting only what the load added keeps a
/// load of many batches linear; recounting the municipality after each batch
/// made a national-scale demo quadratic.
pub(crate) async fn children_enrolled(
    tx: &mut Tx,
    tenant: &TenantId,
    children: &[(Option<String>, Vec<String>)],
) -> DbResult<()> {
    let units = units_of(&mut tx.conn, tenant).await?;
    let deltas: Vec<Delta> = children
        .iter()
        .filter_map(|(birth, enrolled)| {
            let unit = enrolled.iter().min()?;
            let dims = Dims::of_unit(&units, unit, birth_year(birth.as_deref()));
            Some(one(metric::ENROLLED, String::new(), dims, String::new(), 1))
        })
        .collect();
    apply(tx, tenant, &deltas).await
}

/// Before and after a change to a child's enrolments: the child moves from
/// the group it counted in to its new one.
pub(crate) async fn enrolment_before(
    tx: &mut Tx,
    tenant: &TenantId,
    child: &str,
) -> DbResult<Option<Dims>> {
    enrolled_dims(&mut tx.conn, tenant, child).await
}

async fn enrolled_dims(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &str,
) -> DbResult<Option<Dims>> {
    Ok(child_dims(conn, tenant, child)
        .await?
        .filter(|d| !d.unit.is_empty()))
}

pub(crate) async fn enrolment_after(
    tx: &mut Tx,
    tenant: &TenantId,
    child: &str,
    before: Option<Dims>,
) -> DbResult<()> {
    let after = enrolled_dims(&mut tx.conn, tenant, child).await?;
    if before == after {
        return Ok(());
    }
    let mut deltas = Vec::new();
    if let Some(d) = before {
        deltas.push(one(metric::ENROLLED, String::new(), d, String::new(), -1));
    }
    if let Some(d) = after {
        deltas.push(one(metric::ENROLLED, String::new(), d, String::new(), 1));
    }
    apply(tx, tenant, &deltas).await
}
