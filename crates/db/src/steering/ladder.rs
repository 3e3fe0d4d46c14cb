//! A municipality's ladder as stored: which step each measure type is on,
//! the names of the steps, its measure types and what a measure of each
//! type costs. The counts, the reads and the admin's setters all build on
//! these; the setters (`settings`, `measure_types`) stand above them.

use std::collections::BTreeMap;

use sqlx::{AnyConnection, Row};

use ettlag_core::steering::{Ladder, LadderStep, MeasureType, MeasureTypeCode};
use ettlag_core::{Coded, ServiceType, TenantId};

use crate::error::DbResult;

/// The name of the ladder in `tenant_settings`.
pub(crate) const LADDER: &str = "steering_ladder";
/// The names of the steps in `tenant_settings`, one line per step.
pub(crate) const STEP_NAMES: &str = "steering_step_names";

async fn setting(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    name: &str,
) -> DbResult<Option<String>> {
    let row = sqlx::query("SELECT value FROM tenant_settings WHERE tenant_id = $1 AND name = $2")
        .bind(tenant.as_str())
        .bind(name)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get::<String, _>("value")?),
        None => None,
    })
}

/// Stores one of the municipality's settings in the transaction.
pub(crate) async fn put_setting(
    tx: &mut crate::writer::Tx,
    tenant: &TenantId,
    name: &str,
    value: String,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO tenant_settings (tenant_id, name, value) VALUES ($1, $2, $3) \
         ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value",
    )
    .bind(tenant.as_str())
    .bind(name)
    .bind(value)
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

/// The municipality's ladder with its measure types and step names; the
/// default ladder when none is stored (or the stored one no longer parses,
/// which the setter never lets happen).
pub(crate) async fn ladder_of(conn: &mut AnyConnection, tenant: &TenantId) -> DbResult<Ladder> {
    let ladder = match setting(conn, tenant, LADDER).await? {
        Some(v) => Ladder::from_setting(&v).unwrap_or_default(),
        None => Ladder::default(),
    };
    let names = setting(conn, tenant, STEP_NAMES).await?.unwrap_or_default();
    let types = types_of(conn, tenant).await?;
    Ok(ladder
        .with_types(types)
        .with_names(Ladder::names_from_setting(&names)))
}

/// The cost of a measure of each type that has one.
pub(crate) async fn costs_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> DbResult<BTreeMap<ServiceType, i64>> {
    let rows = sqlx::query("SELECT measure_type, cost FROM steering_costs WHERE tenant_id = $1")
        .bind(tenant.as_str())
        .fetch_all(conn)
        .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        if let Some(t) = ServiceType::from_code(&r.try_get::<String, _>("measure_type")?) {
            out.insert(t, r.try_get::<i64, _>("cost")?);
        }
    }
    Ok(out)
}

/// Every measure type of the municipality, in list order.
pub(crate) async fn types_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> DbResult<Vec<MeasureType>> {
    let rows = sqlx::query(
        "SELECT code, name, step, cost, active FROM measure_types WHERE tenant_id = $1 \
         ORDER BY position, code",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let code: String = r.try_get("code")?;
        let (Some(code), Some(step)) = (
            MeasureTypeCode::parse(&code),
            LadderStep::new(r.try_get("step")?),
        ) else {
            // Only the setters write here; a row they could not have written is skipped.
            continue;
        };
        out.push(MeasureType {
            code,
            name: r.try_get("name")?,
            step,
            cost: r.try_get("cost")?,
            active: r.try_get::<i64, _>("active")? != 0,
        });
    }
    Ok(out)
}

/// Whether a measure may be written with this type: the municipality has
/// it, and it is in use unless the measure is a correction.
pub(crate) async fn measure_type_usable(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    code: &MeasureTypeCode,
    correction: bool,
) -> DbResult<bool> {
    let row = sqlx::query("SELECT active FROM measure_types WHERE tenant_id = $1 AND code = $2")
        .bind(tenant.as_str())
        .bind(code.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => correction || r.try_get::<i64, _>("active")? != 0,
        None => false,
    })
}
