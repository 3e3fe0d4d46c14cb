//! A municipality's ladder (which step each measure type is on) and what a
//! measure of each type costs. Both are organisation settings: any colleague
//! reads them, the admin changes them, and every change is audited.

use std::collections::BTreeMap;

use sqlx::Row;

use ettlag_core::policy::{Action, Subject};
use ettlag_core::steering::Ladder;
use ettlag_core::{Coded, ServiceType, TenantId};

use super::ladder::{LADDER, costs_of, ladder_of, put_setting};
use crate::access::context::AccessContext;
use crate::error::{DbError, DbResult};

impl AccessContext {
    /// Stores the ladder (administrators), and recounts the steps by it in
    /// the same transaction.
    pub async fn set_ladder(&self, ladder: Ladder) -> DbResult<()> {
        let value = ladder.to_setting();
        self.org_write("steering_ladder", move |tx, tenant| {
            Box::pin(async move {
                put_setting(tx, &tenant, LADDER, value).await?;
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
            .map(|r| r.try_get::<String, _>("area").map_err(DbError::from))
            .collect()
    }

    /// The units whose name holds `search` (all with an empty search), at
    /// most `limit`, with their area, and how many matched: for the page
    /// where the admin puts units in areas.
    pub async fn unit_areas(
        &self,
        search: &str,
        limit: usize,
    ) -> DbResult<(Vec<(ettlag_core::UnitId, String, Option<String>)>, usize)> {
        let tenant = self.actor().tenant.clone();
        self.gate_org_read("unit", &Subject::Organisation { tenant: &tenant })
            .await?;
        // Filtered here, not by SQL's LOWER, which leaves æ, ø and å as
        // they are in SQLite; a municipality has a few thousand units.
        let rows =
            sqlx::query("SELECT id, name, area FROM units WHERE tenant_id = $1 ORDER BY name")
                .bind(tenant.as_str())
                .fetch_all(&self.store().pool)
                .await?;
        let search = search.trim().to_lowercase();
        let mut out = Vec::new();
        let mut total = 0;
        for r in rows {
            let name: String = r.try_get("name")?;
            if !name.to_lowercase().contains(&search) {
                continue;
            }
            total += 1;
            if out.len() < limit {
                out.push((
                    ettlag_core::UnitId::from_trusted(r.try_get::<String, _>("id")?),
                    name,
                    r.try_get("area")?,
                ));
            }
        }
        Ok((out, total))
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
    pub(super) async fn org_write<T, F>(&self, resource: &'static str, write: F) -> DbResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(
                &'c mut crate::writer::Tx,
                TenantId,
            ) -> futures_util::future::BoxFuture<'c, DbResult<T>>
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
                    ctx.settle(tx, Action::Update, (resource, ""), decision)
                        .await?;
                    if !decision.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    // A missing unit changed nothing; its audit record stays.
                    match write(tx, tenant).await {
                        Ok(v) => Ok(Ok(v)),
                        Err(DbError::NotFound) => Ok(Err(DbError::NotFound)),
                        Err(DbError::Refused(key)) => Ok(Err(DbError::Refused(key))),
                        Err(e) => Err(e),
                    }
                })
            })
            .await?
    }
}
