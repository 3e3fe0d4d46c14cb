//! What the system does on its own behalf: creating municipalities, recording
//! sign-ins in the access log, and acting for the command line.

use crate::access::gate::Record;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::{Role, RoleSet, StaffId, TenantId};
use sqlx::Row;

use crate::access::context::AccessContext;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::models::Tenant;
use crate::store::Store;

pub use crate::access::gate::SYSTEM_ACTOR;

impl Store {
    /// Creates a municipality and starts its audit chain.
    pub async fn create_tenant(&self, name: &str, slug: &str) -> DbResult<TenantId> {
        let (name, slug) = (name.trim().to_string(), slug.trim().to_lowercase());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let id = new_id();
                    sqlx::query(
                        "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&id)
                    .bind(&name)
                    .bind(&slug)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await
                    .map_err(|e| DbError::from(e).conflict_as("municipality"))?;
                    tx.start_audit_chain(&id).await?;
                    Ok(TenantId::from_trusted(id))
                })
            })
            .await
    }

    pub async fn tenants(&self) -> DbResult<Vec<Tenant>> {
        let rows = sqlx::query("SELECT id, name, slug FROM tenants ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Tenant {
                    id: TenantId::from_trusted(r.try_get("id")?),
                    name: r.try_get("name")?,
                    slug: r.try_get("slug")?,
                })
            })
            .collect()
    }

    pub async fn tenant_by_slug(&self, slug: &str) -> DbResult<Option<Tenant>> {
        Ok(self.tenants().await?.into_iter().find(|t| t.slug == slug))
    }

    /// The command line acting as administrator of a municipality. Its accesses
    /// are audited with the actor id `system`.
    pub fn system_access(&self, tenant: &TenantId) -> AccessContext {
        let actor = Actor {
            tenant: tenant.clone(),
            staff: StaffId::from_trusted(SYSTEM_ACTOR.to_string()),
            roles: RoleSet::new(vec![Role::Admin]),
            units: Vec::new(),
        };
        self.access(actor, Purpose::Administration, "cli")
    }

    /// Records a sign-in, a failed sign-in or a sign-out of a known account in
    /// its municipality's access log.
    pub async fn audit_sign_in(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        action: &str,
        outcome: &str,
        reason: &str,
        request_id: &str,
    ) -> DbResult<()> {
        let event = Record::own_account(
            staff.as_str(),
            action,
            ("session", ""),
            outcome == "allow",
            reason,
            request_id,
        );
        crate::access::gate::seal_now(self, tenant, vec![event]).await
    }
}
