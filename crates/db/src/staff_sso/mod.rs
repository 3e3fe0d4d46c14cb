//! What staff single sign-on keeps: each staff member's identity at the
//! provider (issuer and subject), found again at every sign-in, and the
//! administrator's mapping from the provider's groups to roles and units,
//! applied at sign-in. The mapping is changed through
//! `AccessContext::add_group_role`/`remove_group_role`, which are audited;
//! what a sign-in changes (a link, the roles, a new account) is in `write`,
//! each in one transaction with its record in the access log.

mod write;

pub use write::NewFromProvider;

use ettlag_core::oidc::GroupRole;
use ettlag_core::org::{Coded, Role};
use ettlag_core::{StaffId, TenantId, UnitId};
use sqlx::Row;

use crate::error::DbResult;
use crate::store::Store;

/// A staff member the provider's subject or claims point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedStaff {
    pub tenant: TenantId,
    pub staff: StaffId,
    pub active: bool,
}

impl Store {
    /// The staff member linked to the provider's `subject`.
    pub async fn staff_by_identity(
        &self,
        issuer: &str,
        subject: &str,
    ) -> DbResult<Option<LinkedStaff>> {
        let row = sqlx::query(
            "SELECT i.tenant_id, i.staff_id, s.active FROM staff_identities i \
             JOIN staff s ON s.tenant_id = i.tenant_id AND s.id = i.staff_id \
             WHERE i.issuer = $1 AND i.subject = $2",
        )
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| linked(&r)).transpose()
    }

    /// The one staff member whose e-mail is `email` (compared without case);
    /// none when there is none, or more than one.
    pub async fn staff_by_email(&self, email: &str) -> DbResult<Option<LinkedStaff>> {
        let rows = sqlx::query(
            "SELECT tenant_id, id AS staff_id, active FROM staff WHERE LOWER(email) = $1",
        )
        .bind(email.trim().to_lowercase())
        .fetch_all(&self.pool)
        .await?;
        match rows.as_slice() {
            [one] => Ok(Some(linked(one)?)),
            _ => Ok(None),
        }
    }

    /// The municipality's mapping from groups to roles and units.
    pub async fn group_roles(&self, tenant: &TenantId) -> DbResult<Vec<GroupRole>> {
        let rows = sqlx::query(
            "SELECT group_id, role, unit_id FROM staff_group_roles WHERE tenant_id = $1 \
             ORDER BY group_id, role, unit_id",
        )
        .bind(tenant.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut lines = Vec::with_capacity(rows.len());
        for r in rows {
            let role: String = r.try_get("role")?;
            let unit: String = r.try_get("unit_id")?;
            // A role this version does not know is skipped, never widened.
            let Some(role) = Role::from_code(&role) else {
                continue;
            };
            lines.push(GroupRole {
                group: r.try_get("group_id")?,
                role,
                unit: (!unit.is_empty()).then(|| UnitId::from_trusted(unit)),
            });
        }
        Ok(lines)
    }
}

pub(crate) fn linked(r: &sqlx::any::AnyRow) -> DbResult<LinkedStaff> {
    Ok(LinkedStaff {
        tenant: TenantId::from_trusted(r.try_get("tenant_id")?),
        staff: StaffId::from_trusted(r.try_get("staff_id")?),
        active: r.try_get::<i64, _>("active")? != 0,
    })
}
