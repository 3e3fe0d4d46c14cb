//! Where a family member wants to hear that something is new: an e-mail
//! address and a phone number they give (and remove) themselves in the
//! portal. It is the citizen's own data, so it is read and written through
//! the same gate, with the citizen as the subject, and audited.

use ettlag_core::policy::citizen::Section;

use super::{CitizenAccess, gate_write};
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use sqlx::Row;

/// How a family member is told that something is new. The caller has
/// checked that the address and the number are well-formed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeContact {
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl CitizenAccess {
    /// The citizen's own address and number for notices.
    pub async fn notice_contact(&self) -> DbResult<NoticeContact> {
        let me = self.citizen.person.clone();
        self.gate_read(Section::Details, "family_contact", &me)
            .await?;
        let row = sqlx::query(
            "SELECT email, phone FROM family_contacts WHERE tenant_id = $1 AND person_id = $2",
        )
        .bind(self.tenant().as_str())
        .bind(me.as_str())
        .fetch_optional(&self.store.pool)
        .await?;
        let Some(row) = row else {
            return Ok(NoticeContact::default());
        };
        Ok(NoticeContact {
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
        })
    }

    /// Sets the citizen's own address and number for notices, written in
    /// `language`; with neither, nothing is kept.
    pub async fn set_notice_contact(&self, contact: NoticeContact, language: &str) -> DbResult<()> {
        let (citizen, rid) = (self.citizen.clone(), self.request_id.clone());
        let language = language.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let me = citizen.person.clone();
                    let gate =
                        gate_write(tx, &citizen, &rid, "family_contact", me.as_str(), &me).await?;
                    if gate.is_none() {
                        return Ok(Err(DbError::NotFound));
                    }
                    let tenant = citizen.tenant.as_str();
                    sqlx::query(
                        "DELETE FROM family_contacts WHERE tenant_id = $1 AND person_id = $2",
                    )
                    .bind(tenant)
                    .bind(me.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    if contact.email.is_none() && contact.phone.is_none() {
                        return Ok(Ok(()));
                    }
                    sqlx::query(
                        "INSERT INTO family_contacts (tenant_id, person_id, email, phone, language, \
                         updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(tenant)
                    .bind(me.as_str())
                    .bind(contact.email)
                    .bind(contact.phone)
                    .bind(language)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
