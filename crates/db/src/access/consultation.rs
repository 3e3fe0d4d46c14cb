//! Anonymous consultations behind the one door. The question is checked for
//! identifiers before it is stored: a national identity number is refused,
//! and words that look like names, or dates, are returned as warnings until
//! the writer confirms that they identify no one. The register is not asked:
//! the warning must not tell whether someone lives in the municipality.

use ettlag_core::UnitId;
use ettlag_core::anonymous::{self, Finding};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::text::Text;
use sqlx::Row;

use super::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

/// A question to another service.
#[derive(Debug, Clone)]
pub struct NewConsultation {
    pub with_unit: UnitId,
    pub question: Text,
    pub advice: Option<Text>,
    /// The writer has seen the warnings and confirms that the text
    /// identifies no one.
    pub confirmed: bool,
}

/// A stored consultation, as its writer sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Consultation {
    pub id: String,
    pub with_unit: String,
    pub question: String,
    pub advice: Option<String>,
    pub created_at_ms: i64,
}

impl AccessContext {
    /// Stores a consultation, or returns what in its text may identify
    /// someone. A national identity number is refused
    /// (`anonymous-error-nin`) even when confirmed.
    pub async fn record_consultation(
        &self,
        new: NewConsultation,
    ) -> DbResult<Result<String, Vec<Finding>>> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { record_in(tx, &ctx, new).await }))
            .await?
    }

    /// The actor's own consultations, newest first.
    pub async fn my_consultations(&self) -> DbResult<Vec<Consultation>> {
        let tenant = self.tenant().clone();
        self.gate_read(
            "consultation",
            "",
            &Subject::Consultation { tenant: &tenant },
        )
        .await?;
        let rows = sqlx::query(
            "SELECT c.id, u.name, c.question, c.advice, c.created_at FROM consultations c \
             JOIN units u ON u.tenant_id = c.tenant_id AND u.id = c.with_unit \
             WHERE c.tenant_id = $1 AND c.by_staff = $2 ORDER BY c.created_at DESC LIMIT 200",
        )
        .bind(tenant.as_str())
        .bind(self.actor().staff.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Consultation {
                    id: r.try_get("id")?,
                    with_unit: r.try_get("name")?,
                    question: r.try_get("question")?,
                    advice: r.try_get("advice")?,
                    created_at_ms: r.try_get("created_at")?,
                })
            })
            .collect()
    }
}

async fn record_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    new: NewConsultation,
) -> DbResult<DbResult<Result<String, Vec<Finding>>>> {
    let tenant = ctx.actor.tenant.clone();
    let id = new_id();
    let d = ctx.decide(Action::Create, &Subject::Consultation { tenant: &tenant });
    ctx.settle(tx, Action::Create, ("consultation", &id), d)
        .await?;
    if !d.is_allowed() {
        return Ok(Err(DbError::Forbidden));
    }
    let mut text = new.question.to_string();
    if let Some(a) = &new.advice {
        text.push('\n');
        text.push_str(a.as_str());
    }
    let findings = anonymous::check(&text);
    if findings.iter().any(Finding::blocks) {
        return Ok(Err(DbError::Refused("anonymous-error-nin")));
    }
    if !findings.is_empty() && !new.confirmed {
        return Ok(Ok(Err(findings)));
    }
    let inserted = sqlx::query(
        "INSERT INTO consultations (tenant_id, id, by_staff, with_unit, question, advice, created_at) \
         SELECT $1, $2, $3, id, $5, $6, $7 FROM units WHERE tenant_id = $1 AND id = $4",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(ctx.actor.staff.as_str())
    .bind(new.with_unit.as_str())
    .bind(new.question.as_str())
    .bind(new.advice.as_ref().map(|a| a.to_string()))
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(Err(DbError::Refused("entry-error-unit")));
    }
    Ok(Ok(Ok(id)))
}
