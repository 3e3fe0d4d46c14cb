//! The administrator's mapping from the sign-in provider's groups to roles
//! and units (staff single sign-on). Changing it changes who may read what,
//! so each change is decided as an update of the organisation and recorded
//! in the access log like any other.

use ettlag_core::Coded;
use ettlag_core::oidc::GroupRole;
use ettlag_core::policy::{Action, Subject};

use super::AccessContext;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};

impl AccessContext {
    /// Adds a line to the mapping (nothing changes when it is there).
    pub async fn add_group_role(&self, line: &GroupRole) -> DbResult<()> {
        self.change_group_role(line, true).await
    }

    /// Removes a line from the mapping.
    pub async fn remove_group_role(&self, line: &GroupRole) -> DbResult<()> {
        self.change_group_role(line, false).await
    }

    async fn change_group_role(&self, line: &GroupRole, add: bool) -> DbResult<()> {
        let ctx = self.write_ctx();
        let line = line.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let unit = line.unit.as_ref().map(|u| u.as_str()).unwrap_or("");
                    let key = format!("{}:{}:{unit}", line.group, line.role.code());
                    // A removal is recorded as the creation of a removal: the
                    // policy knows no delete, and the log must tell them apart.
                    let kind = if add {
                        "staff_group_role"
                    } else {
                        "staff_group_role_removal"
                    };
                    let decision =
                        ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    if !ctx
                        .settle(tx, Action::Create, (kind, &key), decision)
                        .await?
                    {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let sql = if add {
                        "INSERT INTO staff_group_roles (tenant_id, group_id, role, unit_id, created_at) \
                         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM staff_group_roles \
                         WHERE tenant_id = $1 AND group_id = $2 AND role = $3 AND unit_id = $4)"
                    } else {
                        "DELETE FROM staff_group_roles WHERE tenant_id = $1 AND group_id = $2 \
                         AND role = $3 AND unit_id = $4 AND $5 > 0"
                    };
                    sqlx::query(sql)
                        .bind(tenant.as_str())
                        .bind(&line.group)
                        .bind(line.role.code())
                        .bind(unit)
                        .bind(now_ms())
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
