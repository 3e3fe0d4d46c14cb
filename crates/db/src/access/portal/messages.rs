//! What a family sends from the portal — a note to the team, "what matters
//! to me", a request for restriction or correction — and where staff read
//! it: notes and "what matters" with the child's case (those who may read
//! the case), requests on the privacy officer's list.

use ettlag_core::PersonId;
use ettlag_core::ids::FamilyMessageId;
use ettlag_core::policy::{Action, Subject};
use ettlag_core::text::Text;
use sqlx::Row;

use super::{CitizenAccess, gate_write};
use crate::access::AccessContext;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};

/// The longest message a family can send.
pub const MAX_MESSAGE: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// A note to the team: reaches those who follow the child up.
    Note,
    /// "What matters to me": the person's own words, a family contribution.
    WhatMatters,
    /// A request that the use of the data be restricted (GDPR art. 18).
    Restriction,
    /// A request that something be corrected (GDPR art. 16).
    Correction,
}

impl MessageKind {
    pub const ALL: [MessageKind; 4] = [
        MessageKind::Note,
        MessageKind::WhatMatters,
        MessageKind::Restriction,
        MessageKind::Correction,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Note => "note",
            MessageKind::WhatMatters => "what_matters",
            MessageKind::Restriction => "restriction",
            MessageKind::Correction => "correction",
        }
    }

    pub fn parse(text: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.code() == text)
    }

    /// Requests go to the privacy officer; the rest to the team.
    pub fn is_request(self) -> bool {
        matches!(self, MessageKind::Restriction | MessageKind::Correction)
    }
}

/// One message as staff read it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FamilyMessage {
    pub id: FamilyMessageId,
    pub subject_id: PersonId,
    pub subject_name: String,
    pub kind: MessageKind,
    pub body: String,
    pub at_ms: i64,
    /// A request the privacy officer has taken.
    pub taken: bool,
}

fn from_row(r: &sqlx::any::AnyRow) -> DbResult<FamilyMessage> {
    let kind: String = r.try_get("kind")?;
    Ok(FamilyMessage {
        id: FamilyMessageId::from_trusted(r.try_get("id")?),
        subject_id: PersonId::from_trusted(r.try_get("subject_id")?),
        kind: MessageKind::parse(&kind)
            .ok_or_else(|| DbError::Other(format!("a stored message kind is {kind}")))?,
        body: r.try_get("body")?,
        at_ms: r.try_get("created_at")?,
        subject_name: format!(
            "{} {}",
            r.try_get::<String, _>("given_name")?,
            r.try_get::<String, _>("family_name")?
        ),
        taken: r.try_get::<Option<i64>, _>("taken_at")?.is_some(),
    })
}

const MESSAGE_COLUMNS: &str = "m.id, m.subject_id, m.kind, m.body, m.created_at, p.given_name, p.family_name, \
     m.taken_at FROM family_messages m JOIN persons p ON p.tenant_id = m.tenant_id AND p.id = m.subject_id";

impl CitizenAccess {
    /// Sends a message about `subject`. Only one who decides for the person
    /// may write for them.
    pub async fn send(
        &self,
        subject: &PersonId,
        kind: MessageKind,
        text: &str,
    ) -> DbResult<FamilyMessageId> {
        let body =
            Text::parse(text, MAX_MESSAGE).map_err(|_| DbError::Refused("portal-error-message"))?;
        let (citizen, rid, subject) = (
            self.citizen.clone(),
            self.request_id.clone(),
            subject.clone(),
        );
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let id = FamilyMessageId::from_trusted(new_id());
                    if gate_write(tx, &citizen, &rid, "family_message", &id, &subject)
                        .await?
                        .is_none()
                    {
                        return Ok(Err(DbError::NotFound));
                    }
                    sqlx::query(
                        "INSERT INTO family_messages (tenant_id, id, subject_id, from_person, kind, body, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(citizen.tenant.as_str())
                    .bind(id.as_str())
                    .bind(subject.as_str())
                    .bind(citizen.person.as_str())
                    .bind(kind.code())
                    .bind(body.as_str())
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(id))
                })
            })
            .await?
    }
}

impl AccessContext {
    /// The notes and "what matters to me" a child's family sent, newest
    /// first, for those who may read the child's case.
    pub async fn family_messages(&self, child: &PersonId) -> DbResult<Vec<FamilyMessage>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        // What the family wrote to those who follow the child up: the same
        // circle as the family's consent ledger.
        let facts =
            crate::access::consent::LedgerFacts::of_child(&mut conn, &tenant, child).await?;
        let decision = self.decide(Action::List, &facts.subject());
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} WHERE m.tenant_id = $1 AND m.subject_id = $2 \
             AND m.kind IN ('note', 'what_matters') ORDER BY m.created_at DESC LIMIT 100"
        );
        let rows = if decision.is_allowed() {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(tenant.as_str())
                .bind(child.as_str())
                .fetch_all(&mut *conn)
                .await?
        } else {
            Vec::new()
        };
        drop(conn);
        let mut events = vec![self.event(Action::List, "family_message", child.as_str(), decision)];
        for r in &rows {
            events.push(self.event(
                Action::List,
                "family_message",
                &r.try_get::<String, _>("id")?,
                decision,
            ));
        }
        self.audit_reads(events).await?;
        if !decision.is_allowed() {
            return Err(DbError::NotFound);
        }
        rows.iter().map(from_row).collect()
    }

    /// The requests for restriction or correction not yet handled, oldest
    /// first: the privacy officer's list. Decided like reading the access
    /// log, which is the privacy officer's own work (purpose privacy review).
    pub async fn privacy_requests(&self) -> DbResult<Vec<FamilyMessage>> {
        let tenant = self.tenant().clone();
        let decision = self.decide(Action::List, &Subject::AuditLog { tenant: &tenant });
        if !decision.is_allowed() {
            self.audit_reads(vec![self.event(
                Action::List,
                "family_request",
                "",
                decision,
            )])
            .await?;
            return Err(DbError::Forbidden);
        }
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} WHERE m.tenant_id = $1 AND m.kind IN ('restriction', 'correction') \
             AND m.handled_at IS NULL ORDER BY m.created_at LIMIT 200"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .fetch_all(&self.store.pool)
            .await?;
        let mut events = vec![self.event(Action::List, "family_request", "", decision)];
        for r in &rows {
            events.push(self.event(
                Action::List,
                "family_request",
                &r.try_get::<String, _>("subject_id")?,
                decision,
            ));
        }
        self.audit_reads(events).await?;
        rows.iter().map(from_row).collect()
    }
}
