//! Handling a family's request for restriction or correction: the privacy
//! officer takes it, then closes it with an outcome and an answer in plain
//! words; the family sees where their request stands and the answer. Every
//! step is decided by the policy (purpose privacy review) and audited in
//! the same transaction.

use ettlag_core::ids::{FamilyMessageId, PrivacyRequestId};
use ettlag_core::policy::citizen::Section;
use ettlag_core::policy::{Action, Subject};
use ettlag_core::portal::{RequestClosing, RequestOutcome};
use ettlag_core::{Coded, PersonId, PersonKind};
use sqlx::Row;

use super::{CitizenAccess, MessageKind};
use crate::access::AccessContext;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};

/// Where a request stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum RequestStatus {
    Waiting,
    Taken,
    Closed {
        outcome: RequestOutcome,
        answer: String,
        at_ms: i64,
    },
}

/// A family's request as the family sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FamilyRequest {
    pub id: FamilyMessageId,
    pub kind: MessageKind,
    pub body: String,
    pub at_ms: i64,
    pub status: RequestStatus,
}

fn status_of(r: &sqlx::any::AnyRow) -> DbResult<RequestStatus> {
    let taken: Option<i64> = r.try_get("taken_at")?;
    let handled: Option<i64> = r.try_get("handled_at")?;
    let outcome: Option<String> = r.try_get("outcome")?;
    let answer: Option<String> = r.try_get("answer")?;
    Ok(
        match (handled, outcome.as_deref().and_then(RequestOutcome::parse)) {
            (Some(at_ms), Some(outcome)) => RequestStatus::Closed {
                outcome,
                answer: answer.unwrap_or_default(),
                at_ms,
            },
            _ if taken.is_some() => RequestStatus::Taken,
            _ => RequestStatus::Waiting,
        },
    )
}

impl CitizenAccess {
    /// The family's requests about `subject`, newest first, with where each
    /// stands and the answer when closed.
    pub async fn requests(&self, subject: &PersonId) -> DbResult<Vec<FamilyRequest>> {
        self.gate_read(Section::Details, "family_request", subject)
            .await?;
        let rows = sqlx::query(
            "SELECT id, kind, body, created_at, taken_at, handled_at, outcome, answer \
             FROM family_messages WHERE tenant_id = $1 AND subject_id = $2 \
             AND kind IN ('restriction', 'correction') ORDER BY created_at DESC LIMIT 100",
        )
        .bind(self.tenant().as_str())
        .bind(subject.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(FamilyRequest {
                    id: FamilyMessageId::from_trusted(r.try_get("id")?),
                    kind: MessageKind::parse(&kind).ok_or_else(|| {
                        DbError::Other(format!("a stored request kind is {kind}"))
                    })?,
                    body: r.try_get("body")?,
                    at_ms: r.try_get("created_at")?,
                    status: status_of(r)?,
                })
            })
            .collect()
    }
}

/// What a privacy officer does with a request.
enum Step {
    Take,
    Close(RequestClosing),
}

impl AccessContext {
    /// Takes a request: the family sees that someone works on it.
    pub async fn take_privacy_request(&self, id: &PrivacyRequestId) -> DbResult<()> {
        self.request_step(id, Step::Take).await
    }

    /// Closes a request with its outcome and an answer the family reads.
    pub async fn close_privacy_request(
        &self,
        id: &PrivacyRequestId,
        closing: RequestClosing,
    ) -> DbResult<()> {
        self.request_step(id, Step::Close(closing)).await
    }

    async fn request_step(&self, id: &PrivacyRequestId, step: Step) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let row = sqlx::query(
                        "SELECT p.kind, m.handled_at, m.subject_id FROM family_messages m JOIN persons p \
                         ON p.tenant_id = m.tenant_id AND p.id = m.subject_id \
                         WHERE m.tenant_id = $1 AND m.id = $2 AND m.kind IN ('restriction', 'correction')",
                    )
                    .bind(tenant.as_str())
                    .bind(id.as_str())
                    .fetch_optional(&mut tx.conn)
                    .await?;
                    let kind = match &row {
                        Some(r) => PersonKind::from_code(&r.try_get::<String, _>("kind")?),
                        None => None,
                    };
                    let decision = match kind {
                        Some(kind) => ctx.decide(
                            Action::Update,
                            &Subject::Person {
                                tenant: &tenant,
                                kind,
                                linked_units: &[],
                                restricted: false,
                                emergency: false,
                            },
                        ),
                        None => ctx.decide(Action::Update, &Subject::Unknown),
                    };
                    ctx.settle(tx, Action::Update, ("family_request", &id), decision).await?;
                    let Some(row) = row else {
                        // The one who keeps the list of requests learns that
                        // there is no such request; anyone else is refused as
                        // for one that exists.
                        let keeper = ctx
                            .decide(Action::List, &Subject::AuditLog { tenant: &tenant })
                            .is_allowed();
                        return Ok(Err(if keeper {
                            DbError::NotFound
                        } else {
                            DbError::Forbidden
                        }));
                    };
                    if !decision.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    if row.try_get::<Option<i64>, _>("handled_at")?.is_some() {
                        return Ok(Err(DbError::Refused("privacy-request-error-closed")));
                    }
                    let (now, staff) = (now_ms(), ctx.actor.staff.as_str());
                    match &step {
                        Step::Take => {
                            sqlx::query(
                                "UPDATE family_messages SET taken_at = $3, taken_by = $4 \
                                 WHERE tenant_id = $1 AND id = $2",
                            )
                            .bind(tenant.as_str())
                            .bind(id.as_str())
                            .bind(now)
                            .bind(staff)
                            .execute(&mut tx.conn)
                            .await?;
                        }
                        Step::Close(c) => {
                            sqlx::query(
                                "UPDATE family_messages SET handled_at = $3, handled_by = $4, \
                                 outcome = $5, answer = $6, taken_at = COALESCE(taken_at, $3), \
                                 taken_by = COALESCE(taken_by, $4) WHERE tenant_id = $1 AND id = $2",
                            )
                            .bind(tenant.as_str())
                            .bind(id.as_str())
                            .bind(now)
                            .bind(staff)
                            .bind(c.outcome.code())
                            .bind(c.answer.as_str())
                            .execute(&mut tx.conn)
                            .await?;
                            let subject = PersonId::from_trusted(row.try_get("subject_id")?);
                            let answered = crate::family_notice::NoticeKind::RequestAnswered;
                            crate::family_notice::enqueue(tx, &tenant, &subject, answered).await?;
                        }
                    }
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
