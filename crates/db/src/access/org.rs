//! Units and staff: the municipality's organisation. Staff are people too, so
//! reads and writes are decided and audited like any other personal data.

use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, RoleSet, ServiceType, StaffId, UnitId};
use sqlx::Row;

use super::AccessContext;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::models::{NewStaff, StaffMember, Unit};

impl AccessContext {
    /// All units of the actor's municipality, by name.
    pub async fn units(&self) -> DbResult<Vec<Unit>> {
        let tenant = self.tenant().clone();
        let subject = Subject::Organisation { tenant: &tenant };
        self.gate_read("unit", "", &subject).await?;
        let rows = sqlx::query(
            "SELECT id, name, service_type FROM units WHERE tenant_id = $1 ORDER BY name",
        )
        .bind(tenant.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get("service_type")?;
                Ok(Unit {
                    id: UnitId::from_trusted(r.try_get("id")?),
                    name: r.try_get("name")?,
                    service_type: ServiceType::from_code(&code)
                        .ok_or_else(|| DbError::Other(format!("unknown service type {code}")))?,
                })
            })
            .collect()
    }

    /// Creates a unit (administrators only).
    pub async fn create_unit(&self, name: &str, service_type: ServiceType) -> DbResult<UnitId> {
        let ctx = self.write_ctx();
        let name = name.trim().to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let id = new_id();
                    let decision = ctx.decide(Action::Create, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, Action::Create, ("unit", &id), decision).await?;
                    if !decision.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let inserted = sqlx::query(
                        "INSERT INTO units (tenant_id, id, name, service_type, created_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(tenant.as_str())
                    .bind(&id)
                    .bind(&name)
                    .bind(service_type.code())
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await;
                    match inserted {
                        Ok(_) => Ok(Ok(UnitId::from_trusted(id))),
                        Err(e) => Err(DbError::from(e).conflict_as("unit name")),
                    }
                })
            })
            .await?
    }

    /// All staff of the actor's municipality, by name.
    pub async fn staff(&self) -> DbResult<Vec<StaffMember>> {
        let tenant = self.tenant().clone();
        self.gate_read("staff", "", &Subject::Organisation { tenant: &tenant })
            .await?;
        let rows = sqlx::query(
            "SELECT s.id, s.display_name, s.roles, s.active, a.username FROM staff s \
             LEFT JOIN accounts a ON a.tenant_id = s.tenant_id AND a.staff_id = s.id \
             WHERE s.tenant_id = $1 ORDER BY s.display_name",
        )
        .bind(tenant.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        let links = sqlx::query("SELECT staff_id, unit_id FROM staff_units WHERE tenant_id = $1")
            .bind(tenant.as_str())
            .fetch_all(&self.store.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id")?;
            let roles: String = r.try_get("roles")?;
            let active: i64 = r.try_get::<i64, _>("active")?;
            let units = links
                .iter()
                .filter(|l| {
                    l.try_get::<String, _>("staff_id")
                        .map(|s| s == id)
                        .unwrap_or(false)
                })
                .filter_map(|l| {
                    l.try_get::<String, _>("unit_id")
                        .ok()
                        .map(UnitId::from_trusted)
                })
                .collect();
            out.push(StaffMember {
                id: StaffId::from_trusted(id),
                display_name: r.try_get("display_name")?,
                username: r.try_get("username")?,
                roles: RoleSet::parse(&roles).unwrap_or_default(),
                units,
                active: active != 0,
            });
        }
        Ok(out)
    }

    /// Creates a staff member with a sign-in account (administrators only).
    pub async fn create_staff(&self, new: NewStaff) -> DbResult<StaffId> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let id = new_id();
                    let decision =
                        ctx.decide(Action::Create, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, Action::Create, ("staff", &id), decision)
                        .await?;
                    if !decision.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    insert_staff(tx, tenant.as_str(), &id, &new).await?;
                    Ok(Ok(StaffId::from_trusted(id)))
                })
            })
            .await?
    }
}

/// Inserts a staff member, their account and their units inside the writer's
/// transaction. Shared by the admin page, the CSV import and the command line.
pub(crate) async fn insert_staff(
    tx: &mut crate::writer::Tx,
    tenant: &str,
    id: &str,
    new: &NewStaff,
) -> DbResult<()> {
    let now = now_ms();
    sqlx::query("INSERT INTO staff (tenant_id, id, display_name, roles, active, created_at) VALUES ($1, $2, $3, $4, 1, $5)")
        .bind(tenant)
        .bind(id)
        .bind(&new.display_name)
        .bind(new.roles.codes())
        .bind(now)
        .execute(&mut tx.conn)
        .await?;
    sqlx::query("INSERT INTO accounts (username, tenant_id, staff_id, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(new.username.to_lowercase())
        .bind(tenant)
        .bind(id)
        .bind(new.password_hash.as_deref())
        .bind(now)
        .execute(&mut tx.conn)
        .await
        .map_err(|e| DbError::from(e).conflict_as("username"))?;
    for unit in &new.units {
        sqlx::query("INSERT INTO staff_units (tenant_id, staff_id, unit_id) VALUES ($1, $2, $3)")
            .bind(tenant)
            .bind(id)
            .bind(unit.as_str())
            .execute(&mut tx.conn)
            .await
            .map_err(|e| match DbError::from(e) {
                DbError::Sql(sqlx::Error::Database(d))
                    if d.kind() == sqlx::error::ErrorKind::ForeignKeyViolation =>
                {
                    DbError::NotFound
                }
                other => other,
            })?;
    }
    Ok(())
}

impl AccessContext {
    /// Asks whether the actor may maintain the register at all, before any
    /// page of it is shown. Decided and audited like every other access.
    pub async fn open_register(&self) -> DbResult<()> {
        let tenant = self.tenant().clone();
        let decision = self.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
        self.audit_reads(vec![self.event(Action::Update, "register", "", decision)])
            .await?;
        if decision.is_allowed() {
            Ok(())
        } else {
            Err(DbError::Forbidden)
        }
    }
}

impl AccessContext {
    /// Deactivates or reactivates a staff member (administrators). A
    /// deactivated account loses its sessions and API tokens at once, and
    /// cannot sign in; its history stays.
    pub async fn set_staff_active(&self, staff: &StaffId, active: bool) -> DbResult<()> {
        let ctx = self.write_ctx();
        let staff = staff.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let decision =
                        ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, Action::Update, ("staff", staff.as_str()), decision)
                        .await?;
                    if !decision.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    if staff == ctx.actor.staff && !active {
                        // Nobody locks themselves out of the register by mistake.
                        return Ok(Err(DbError::Conflict("own account")));
                    }
                    let done = sqlx::query(
                        "UPDATE staff SET active = $3 WHERE tenant_id = $1 AND id = $2",
                    )
                    .bind(tenant.as_str())
                    .bind(staff.as_str())
                    .bind(i64::from(active))
                    .execute(&mut tx.conn)
                    .await?;
                    if done.rows_affected() == 0 {
                        return Ok(Err(DbError::NotFound));
                    }
                    if !active {
                        for sql in [
                            "DELETE FROM sessions WHERE tenant_id = $1 AND staff_id = $2",
                            "DELETE FROM api_tokens WHERE tenant_id = $1 AND staff_id = $2",
                        ] {
                            sqlx::query(sql)
                                .bind(tenant.as_str())
                                .bind(staff.as_str())
                                .execute(&mut tx.conn)
                                .await?;
                        }
                    }
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
