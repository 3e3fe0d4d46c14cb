//! What the mailer needs from the store: the reminders not yet announced by
//! e-mail, grouped per staff member, and a way to mark them announced. The
//! e-mail itself names no child (e-mail is not a safe channel for personal
//! data), so this reads only staff contact data and counts.

use ettlag_core::{StaffId, TenantId};
use sqlx::Row;

use crate::access::gate::Record;
use crate::clock::now_ms;
use crate::error::DbResult;
use crate::store::Store;

/// The reminders one staff member has not yet been told about by e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailDigest {
    pub tenant: TenantId,
    pub staff: StaffId,
    pub email: String,
    /// The staff member's interface language, if chosen.
    pub language: Option<String>,
    /// The notification keys the e-mail announces.
    pub keys: Vec<String>,
}

/// The most reminders one run of the mailer looks at.
const MAX_ROWS: i64 = 5_000;

impl Store {
    /// A staff member's e-mail address for reminders, if they gave one.
    pub async fn staff_email(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<Option<String>> {
        let row = sqlx::query("SELECT email FROM staff WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(staff.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<Option<String>, _>("email"))
            .transpose()?
            .flatten())
    }

    /// Sets (or with `None` removes) the address a staff member gets
    /// reminders at. The caller has checked that it is an address.
    pub async fn set_staff_email(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        email: Option<String>,
    ) -> DbResult<()> {
        let (tenant, staff) = (tenant.to_string(), staff.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("UPDATE staff SET email = $3 WHERE tenant_id = $1 AND id = $2")
                        .bind(&tenant)
                        .bind(&staff)
                        .bind(email)
                        .execute(&mut tx.conn)
                        .await?;
                    // A staff member's contact data is personal data too: the
                    // change of one's own address is in the access log.
                    let event = Record::own_account(
                        &staff,
                        "update",
                        ("staff_email", &staff),
                        true,
                        "own_profile",
                        "",
                    );
                    crate::access::gate::seal(
                        tx,
                        &TenantId::from_trusted(tenant.clone()),
                        vec![event],
                    )
                    .await
                })
            })
            .await
    }

    /// Unread reminders created since `since_ms` that no e-mail has announced,
    /// for active staff with an address, one digest per staff member.
    pub async fn email_digests(&self, since_ms: i64) -> DbResult<Vec<EmailDigest>> {
        let rows = sqlx::query(
            "SELECT n.tenant_id, n.staff_id, s.email, s.language, n.key FROM notifications n \
             JOIN staff s ON s.tenant_id = n.tenant_id AND s.id = n.staff_id \
             WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at >= $1 \
             AND s.email IS NOT NULL AND s.active = 1 \
             ORDER BY n.tenant_id, n.staff_id, n.created_at LIMIT $2",
        )
        .bind(since_ms)
        .bind(MAX_ROWS)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<EmailDigest> = Vec::new();
        for r in &rows {
            let tenant = TenantId::from_trusted(r.try_get("tenant_id")?);
            let staff = StaffId::from_trusted(r.try_get("staff_id")?);
            let key: String = r.try_get("key")?;
            match out.last_mut() {
                Some(d) if d.tenant == tenant && d.staff == staff => d.keys.push(key),
                _ => out.push(EmailDigest {
                    tenant,
                    staff,
                    email: r.try_get("email")?,
                    language: r.try_get("language")?,
                    keys: vec![key],
                }),
            }
        }
        Ok(out)
    }

    /// Marks the reminders of a digest as announced.
    pub async fn mark_emailed(&self, digest: &EmailDigest) -> DbResult<()> {
        let (tenant, staff, keys) = (
            digest.tenant.to_string(),
            digest.staff.to_string(),
            digest.keys.clone(),
        );
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let now = now_ms();
                    for key in &keys {
                        sqlx::query(
                            "UPDATE notifications SET emailed_at = $4 WHERE tenant_id = $1 \
                             AND staff_id = $2 AND key = $3",
                        )
                        .bind(&tenant)
                        .bind(&staff)
                        .bind(key)
                        .bind(now)
                        .execute(&mut tx.conn)
                        .await?;
                    }
                    Ok(())
                })
            })
            .await
    }
}
