//! A municipality's measure types and the names of its ladder steps: any
//! colleague reads them (a measure form offers the types), the admin changes
//! them, every change is audited, and a change of step recounts the ladder
//! in the same transaction.

use ettlag_core::TenantId;
use ettlag_core::steering::{
    LadderStep, MeasureType, MeasureTypeCode, MeasureTypeFields, STEPS, suggested,
};

use super::ladder::{STEP_NAMES, put_setting, types_of};
use crate::access::context::AccessContext;
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

async fn insert(
    tx: &mut Tx,
    tenant: &TenantId,
    fields: &MeasureTypeFields,
) -> DbResult<MeasureTypeCode> {
    let taken: Vec<MeasureTypeCode> = types_of(&mut tx.conn, tenant)
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect();
    let code = MeasureTypeCode::from_name(&fields.name, &taken);
    sqlx::query(
        "INSERT INTO measure_types (tenant_id, code, name, step, cost, active, position, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant.as_str())
    .bind(code.as_str())
    .bind(&fields.name)
    .bind(i64::from(fields.step.number()))
    .bind(fields.cost)
    .bind(i64::from(fields.active))
    .bind(i64::try_from(taken.len()).unwrap_or(i64::MAX))
    .bind(crate::clock::now_ms())
    .execute(&mut tx.conn)
    .await?;
    Ok(code)
}

impl AccessContext {
    /// The municipality's measure types, in list order, for the measure
    /// forms and the settings page. A code list of the actor's own
    /// municipality, as the names of its units on a form: no person's data,
    /// so no audit record for each form shown.
    pub async fn measure_types(&self) -> DbResult<Vec<MeasureType>> {
        let mut conn = self.store().pool.acquire().await?;
        types_of(&mut conn, &self.actor().tenant).await
    }

    /// Adds a measure type (administrators). Its code is made from the name.
    pub async fn add_measure_type(&self, fields: MeasureTypeFields) -> DbResult<MeasureTypeCode> {
        self.org_write("measure_type", move |tx, tenant| {
            Box::pin(async move { insert(tx, &tenant, &fields).await })
        })
        .await
    }

    /// Changes a measure type's name, step, cost or use (administrators).
    /// A new step recounts the ladder in the same transaction.
    pub async fn update_measure_type(
        &self,
        code: &MeasureTypeCode,
        fields: MeasureTypeFields,
    ) -> DbResult<()> {
        let code = code.clone();
        self.org_write("measure_type", move |tx, tenant| {
            Box::pin(async move {
                let before = types_of(&mut tx.conn, &tenant)
                    .await?
                    .into_iter()
                    .find(|t| t.code == code)
                    .ok_or(DbError::NotFound)?;
                sqlx::query(
                    "UPDATE measure_types SET name = $3, step = $4, cost = $5, active = $6 \
                     WHERE tenant_id = $1 AND code = $2",
                )
                .bind(tenant.as_str())
                .bind(code.as_str())
                .bind(&fields.name)
                .bind(i64::from(fields.step.number()))
                .bind(fields.cost)
                .bind(i64::from(fields.active))
                .execute(&mut tx.conn)
                .await?;
                if before.step != fields.step {
                    super::rebuild::rebuild_in(tx, &tenant).await?;
                }
                Ok(())
            })
        })
        .await
    }

    /// Adds the suggested measure types (one per step) that the
    /// municipality does not have by name; returns how many were added.
    pub async fn add_suggested_measure_types(&self) -> DbResult<usize> {
        self.org_write("measure_type", move |tx, tenant| {
            Box::pin(async move {
                let have: Vec<String> = types_of(&mut tx.conn, &tenant)
                    .await?
                    .into_iter()
                    .map(|t| t.name.to_lowercase())
                    .collect();
                let mut added = 0;
                for (name, step) in suggested() {
                    if have.contains(&name.to_lowercase()) {
                        continue;
                    }
                    let fields = MeasureTypeFields {
                        name: name.to_string(),
                        step: LadderStep::new(i64::from(step)).ok_or(DbError::NotFound)?,
                        cost: None,
                        active: true,
                    };
                    insert(tx, &tenant, &fields).await?;
                    added += 1;
                }
                Ok(added)
            })
        })
        .await
    }

    /// Names the ladder's steps; a blank name keeps the default.
    pub async fn set_step_names(&self, names: [Option<String>; STEPS as usize]) -> DbResult<()> {
        if names.iter().flatten().any(|n| n.chars().count() > 100) {
            return Err(DbError::Refused("steering-error-step-name"));
        }
        let value = ettlag_core::steering::Ladder::default()
            .with_names(names)
            .names_to_setting();
        self.org_write("steering_ladder", move |tx, tenant| {
            Box::pin(async move { put_setting(tx, &tenant, STEP_NAMES, value).await })
        })
        .await
    }
}
