//! What a staff single sign-on changes, each in one transaction with its
//! record in the access log: the link from the provider's subject to a
//! staff member, the roles and units the groups give, and an account the
//! municipality's rule creates at a first sign-in.

use ettlag_core::oidc::FromGroups;
use ettlag_core::{StaffId, TenantId};

use crate::access::gate::{Record, seal};
use crate::access::insert_staff;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::models::NewStaff;
use crate::store::Store;
use crate::writer::Tx;

/// Who the provider signed in: its issuer and the stable subject.
#[derive(Debug, Clone)]
pub struct NewFromProvider {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    /// The account to create, without a password.
    pub account: NewStaff,
}

impl Store {
    /// Links the provider's `subject` to a staff member, for good.
    pub async fn link_staff_identity(
        &self,
        issuer: &str,
        subject: &str,
        tenant: &TenantId,
        staff: &StaffId,
        request_id: &str,
    ) -> DbResult<()> {
        let (issuer, subject) = (issuer.to_string(), subject.to_string());
        let (tenant, staff) = (tenant.clone(), staff.clone());
        let record = Record::own_account(
            staff.as_str(),
            "link_identity",
            ("staff", staff.as_str()),
            true,
            "oidc",
            request_id,
        );
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    insert_link(tx, &issuer, &subject, &tenant, &staff).await?;
                    seal(tx, &tenant, vec![record]).await
                })
            })
            .await
    }

    /// Gives a staff member the roles and units their groups give, in place
    /// of the ones they had.
    pub async fn apply_roles_from_groups(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        given: &FromGroups,
        request_id: &str,
    ) -> DbResult<()> {
        let (tenant, staff, given) = (tenant.clone(), staff.clone(), given.clone());
        let record = Record::own_account(
            staff.as_str(),
            "roles_from_provider",
            ("staff", staff.as_str()),
            true,
            &format!("roles:{}", given.roles.codes()),
            request_id,
        );
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    set_roles(tx, &tenant, &staff, &given).await?;
                    seal(tx, &tenant, vec![record]).await
                })
            })
            .await
    }

    /// Creates the account the municipality's rule asks for at a first
    /// sign-in, linked to the provider's subject: none when its user name is
    /// taken (an administrator links that one by hand).
    pub async fn create_staff_from_provider(
        &self,
        tenant: &TenantId,
        new: NewFromProvider,
        request_id: &str,
    ) -> DbResult<Option<StaffId>> {
        let tenant = tenant.clone();
        let request_id = request_id.to_string();
        let made = self
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let id = StaffId::from_trusted(new_id());
                    insert_staff(tx, tenant.as_str(), id.as_str(), &new.account).await?;
                    set_email(tx, &tenant, &id, new.email.as_deref()).await?;
                    insert_link(tx, &new.issuer, &new.subject, &tenant, &id).await?;
                    let reason = format!("by_provider:roles:{}", new.account.roles.codes());
                    let record = Record::system(
                        "create",
                        ("staff", id.as_str()),
                        &reason,
                        &request_id,
                        now_ms(),
                    );
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(id)
                })
            })
            .await;
        match made {
            Ok(id) => Ok(Some(id)),
            Err(DbError::Conflict(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

async fn insert_link(
    tx: &mut Tx,
    issuer: &str,
    subject: &str,
    tenant: &TenantId,
    staff: &StaffId,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO staff_identities (issuer, subject, tenant_id, staff_id, linked_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(tenant.as_str())
    .bind(staff.as_str())
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await
    .map_err(|e| DbError::from(e).conflict_as("identity"))?;
    Ok(())
}

async fn set_email(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &StaffId,
    email: Option<&str>,
) -> DbResult<()> {
    sqlx::query("UPDATE staff SET email = $3 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .bind(email)
        .execute(&mut tx.conn)
        .await?;
    Ok(())
}

async fn set_roles(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &StaffId,
    given: &FromGroups,
) -> DbResult<()> {
    sqlx::query("UPDATE staff SET roles = $3 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .bind(given.roles.codes())
        .execute(&mut tx.conn)
        .await?;
    sqlx::query("DELETE FROM staff_units WHERE tenant_id = $1 AND staff_id = $2")
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .execute(&mut tx.conn)
        .await?;
    for unit in &given.units {
        // A unit removed since the mapping was made is skipped.
        sqlx::query(
            "INSERT INTO staff_units (tenant_id, staff_id, unit_id) \
             SELECT $1, $2, $3 WHERE EXISTS \
             (SELECT 1 FROM units WHERE tenant_id = $1 AND id = $3)",
        )
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .bind(unit.as_str())
        .execute(&mut tx.conn)
        .await?;
    }
    Ok(())
}
