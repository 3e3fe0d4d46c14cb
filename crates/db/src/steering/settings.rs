//! A municipality's ladder (which step each measure type is on) and what a
//! measure of each type costs. Both are organisation settings: any colleague
//! reads them, the admin changes them, and every change is audited.

use std::collections::BTreeMap;

use sqlx::{AnyConnection, Row};

use ettlag_core::policy::{Action, Subject};
use ettlag_core::steering::Ladder;
use ettlag_core::{Coded, ServiceType, TenantId};

use crate::access::AccessContext;
use crate::error::{DbError, DbResult};

/// The name of the ladder in `tenant_settings`.
const LADDER: &str = "steering_ladder";

/// The municipality's ladder; the default when none is stored (or the
/// stored one no longer parses, which the setter never lets happen).
pub(crate) async fn ladder_of(conn: &mut AnyConnection, tenant: &TenantId) -> DbResult<Ladder> {
    let row = sqlx::query("SELECT value FROM tenant_settings WHERE tenant_id = $1 AND name = $2")
        .bind(tenant.as_str())
        .bind(LADDER)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => Ladder::from_setting(&r.try_get::<String, _>(0)?).unwrap_or_default(),
        None => Ladder::default(),
    })
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
        if let Some(t) = ServiceType::from_code(&r.try_get::<String, _>(0)?) {
            out.insert(t, r.try_get::<i64, _>(1)?);
        }
    }
    Ok(out)
}

impl AccessContext {
    /// Stores the ladder (administrators), and recounts the steps by it in
    /// the same transaction.
    pub async fn set_ladder(&self, ladder: Ladder) -> DbResult<()> {
        let value = ladder.to_setting();
        self.org_write("steering_ladder", move |tx, tenant| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO tenant_settings (tenant_id, name, value) VALUES ($1, $2, $3) \
                     ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value",
                )
                .bind(tenant.as_str())
                .bind(LADDER)
                .bind(value)
                .execute(&mut tx.conn)
                .await?;
                super::rebuild::rebuild_in(tx, &tenant).await?;
                Ok(())
            })
        })
        .await
    }

    /// Sets (or with `None` removes) the cost of a measure type in whole kroner.
    pub async fn set_measure_cost(
        &self,
        measure_type: ServiceType,
        cost: Option<i64>,
    ) -> DbResult<()> {
        if cost.is_some_and(|c| !(0..=100_000_000).contains(&c)) {
            return Err(DbError::Refused("steering-error-cost"));
        }
        self.org_write("steering_cost", move |tx, tenant| {
            Box::pin(async move {
                sqlx::query("DELETE FROM steering_costs WHERE tenant_id = $1 AND measure_type = $2")
                    .bind(tenant.as_str())
                    .bind(measure_type.code())
                    .execute(&mut tx.conn)
                    .await?;
                if let Some(cost) = cost {
                    sqlx::query(
                        "INSERT INTO steering_costs (tenant_id, measure_type, cost) VALUES ($1, $2, $3)",
                    )
                    .bind(tenant.as_str())
                    .bind(measure_type.code())
                    .bind(cost)
                    .execute(&mut tx.conn)
                    .await?;
                }
                Ok(())
            })
        })
        .await
    }

    /// Puts a unit in an area (district, network) for the steering filters,
    /// or in none; the unit's counts move with it in the same transaction.
    pub async fn set_unit_area(
        &self,
        unit: &ettlag_core::UnitId,
        area: Option<&str>,
    ) -> DbResult<()> {
        let area = area
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string);
        if area.as_ref().is_some_and(|a| a.chars().count() > 100) {
            return Err(DbError::Refused("steering-error-area"));
        }
        let unit = unit.as_str().to_string();
        self.org_write("unit_area", move |tx, tenant| {
            Box::pin(async move {
                let done =
                    sqlx::query("UPDATE units SET area = $3 WHERE tenant_id = $1 AND id = $2")
                        .bind(tenant.as_str())
                        .bind(&unit)
                        .bind(area)
                        .execute(&mut tx.conn)
                        .await?;
                if done.rows_affected() == 0 {
                    return Err(DbError::NotFound);
                }
                super::rebuild::rebuild_in(tx, &tenant).await?;
                Ok(())
            })
        })
        .await
    }

    /// The areas units are in, for the filters.
    pub async fn steering_areas(&self) -> DbResult<Vec<String>> {
        let tenant = self.actor().tenant.clone();
        self.gate_org_read("unit", &Subject::Organisation { tenant: &tenant })
            .await?;
        let rows = sqlx::query(
            "SELECT DISTINCT area FROM units WHERE tenant_id = $1 AND area IS NOT NULL ORDER BY area",
        )
        .bind(tenant.as_str())
        .fetch_all(&self.store().pool)
        .await?;
        rows.iter()
            .map(|r| r.try_get::<String, _>(0).map_err(DbError::from))
            .collect()
    }

    /// The ladder and the costs, for the settings page.
    pub async fn steering_settings(&self) -> DbResult<(Ladder, BTreeMap<ServiceType, i64>)> {
        let tenant = self.actor().tenant.clone();
        self.gate_org_read(
            "steering_settings",
            &Subject::Organisation { tenant: &tenant },
        )
        .await?;
        let mut conn = self.store().pool.acquire().await?;
        Ok((
            ladder_of(&mut conn, &tenant).await?,
            costs_of(&mut conn, &tenant).await?,
        ))
    }

    /// An audited change to the organisation's settings.
    async fn org_write<F>(&self, resource: &'static str, write: F) -> DbResult<()>
    where
        F: for<'c> FnOnce(
                &'c mut crate::writer::Tx,
                TenantId,
            ) -> futures_util::future::BoxFuture<'c, DbResult<()>>
            + Send
            + 'static,
    {
        let ctx = self.write_ctx();
        self.store()
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let decision =
                        ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    tx.append_audit(
                        tenant.as_str(),
                        vec![ctx.event(Action::Update, resource, "", decision)],
                    )
                    .await?;
                    if !decision.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    // A missing unit changed nothing; its audit record stays.
                    match write(tx, tenant).await {
                        Ok(()) => Ok(Ok(())),
                        Err(DbError::NotFound) => Ok(Err(DbError::NotFound)),
                        Err(e) => Err(e),
                    }
                })
            })
            .await?
    }
}
