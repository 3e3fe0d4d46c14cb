//! The durable mail outbox: e-mails written in the same transaction as what
//! they announce, sent later by the mailer and marked sent afterwards (a
//! crash in between sends one again rather than never). A row holds what
//! the message is made of as JSON, never a child's name; the mailer words
//! it in the recipient's language. A row is for a staff member or, for a
//! family notice ([`crate::family_notice`]), for a person in the family;
//! its channel is e-mail or SMS.

use ettlag_core::{PersonId, StaffId, TenantId};
use sqlx::Row;

use crate::clock::{new_id, now_ms};
use crate::error::DbResult;
use crate::store::Store;
use crate::writer::Tx;

/// The kind of an invitation to a meeting; `params` is a
/// [`MeetingInvitation`](crate::access::meeting::MeetingInvitation).
pub const MEETING_INVITATION: &str = "meeting_invitation";

/// One e-mail waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMail {
    pub tenant: TenantId,
    pub id: String,
    pub kind: String,
    /// The staff member it is for; empty when it is for a family member.
    pub staff: StaffId,
    /// The family member it is for, when it is not for staff.
    pub person: Option<PersonId>,
    /// `email` or `sms`.
    pub channel: String,
    pub to: String,
    pub language: Option<String>,
    pub params: String,
    pub created_at_ms: i64,
}

/// The most e-mails one run of the mailer takes.
const MAX_ROWS: i64 = 1_000;

/// Puts one e-mail in the outbox, in the caller's transaction.
pub(crate) async fn enqueue(
    tx: &mut Tx,
    tenant: &TenantId,
    kind: &str,
    staff: &StaffId,
    params: &str,
) -> DbResult<()> {
    let row = sqlx::query("SELECT email, language FROM staff WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .fetch_optional(&mut tx.conn)
        .await?;
    let Some(row) = row else { return Ok(()) };
    let Some(to) = row.try_get::<Option<String>, _>("email")? else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO mail_outbox (tenant_id, id, kind, staff_id, to_address, language, params, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant.as_str())
    .bind(new_id())
    .bind(kind)
    .bind(staff.as_str())
    .bind(to)
    .bind(row.try_get::<Option<String>, _>("language")?)
    .bind(params)
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

impl Store {
    /// The messages not yet sent on every channel, oldest first.
    pub async fn outbox_unsent(&self) -> DbResult<Vec<OutboxMail>> {
        let mut all = self.outbox_unsent_on("email").await?;
        all.extend(self.outbox_unsent_on("sms").await?);
        all.sort_by_key(|m| m.created_at_ms);
        Ok(all)
    }

    /// The messages not yet sent on one channel (`email`, `sms`), oldest
    /// first. Asked per channel so that text messages waiting for a gateway
    /// that is not configured never crowd e-mails out of a run.
    pub async fn outbox_unsent_on(&self, channel: &str) -> DbResult<Vec<OutboxMail>> {
        let rows = sqlx::query(
            "SELECT tenant_id, id, kind, staff_id, person_id, channel, to_address, language, params, \
             created_at FROM mail_outbox \
             WHERE sent_at IS NULL AND channel = $2 ORDER BY created_at LIMIT $1",
        )
        .bind(MAX_ROWS)
        .bind(channel)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxMail {
                    tenant: TenantId::from_trusted(r.try_get("tenant_id")?),
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    staff: StaffId::from_trusted(r.try_get("staff_id")?),
                    person: r
                        .try_get::<Option<String>, _>("person_id")?
                        .map(PersonId::from_trusted),
                    channel: r.try_get("channel")?,
                    to: r.try_get("to_address")?,
                    language: r.try_get("language")?,
                    params: r.try_get("params")?,
                    created_at_ms: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Marks an e-mail of the outbox sent.
    pub async fn mark_outbox_sent(&self, mail: &OutboxMail) -> DbResult<()> {
        let (tenant, id) = (mail.tenant.to_string(), mail.id.clone());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "UPDATE mail_outbox SET sent_at = $3 WHERE tenant_id = $1 AND id = $2",
                    )
                    .bind(&tenant)
                    .bind(&id)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await
    }
}
