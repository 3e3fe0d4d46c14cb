//! Restriction of processing (GDPR art. 18). When a person asks for it (for
//! example while a correction is disputed), the privacy officer marks them:
//! their data is kept but no one uses or shares it — the policy refuses every
//! access in daily work — until the restriction is lifted.

use ettlag_core::policy::{Action, Subject};
use ettlag_core::text::Text;
use ettlag_core::{NationalId, PersonId};
use sqlx::Row;

use super::{AccessContext, WriteCtx};
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::models::Person;
use crate::writer::Tx;

/// A person as the privacy officer sees them, with any restriction.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RestrictionStatus {
    pub person: Person,
    pub restricted_at_ms: Option<i64>,
    pub restricted_by: Option<String>,
    pub reason: Option<String>,
}

impl AccessContext {
    /// Finds a person by national identity number for a request about their
    /// data (purpose `PrivacyReview`). Decided and audited like any read.
    pub async fn person_for_privacy(&self, nin: &NationalId) -> DbResult<RestrictionStatus> {
        self.privacy_lookup("p.national_id", nin.as_str()).await
    }

    /// The same for a person id (the page after a search or a change).
    pub async fn restriction_of(&self, person: &PersonId) -> DbResult<RestrictionStatus> {
        self.privacy_lookup("p.id", person.as_str()).await
    }

    async fn privacy_lookup(&self, column: &str, key: &str) -> DbResult<RestrictionStatus> {
        let tenant = self.tenant().clone();
        let column = if column == "p.id" {
            "p.id"
        } else {
            "p.national_id"
        };
        let sql = format!(
            "SELECT p.id, p.kind, p.national_id, p.given_name, p.family_name, p.birth_date, p.version, \
             p.restricted_at, s.display_name, p.restricted_reason FROM persons p \
             LEFT JOIN staff s ON s.tenant_id = p.tenant_id AND s.id = p.restricted_by \
             WHERE p.tenant_id = $1 AND {column} = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(key)
            .fetch_optional(&self.store.pool)
            .await?;
        let Some(row) = row else {
            self.gate_read("person", "", &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        let kind: String = row.try_get("kind")?;
        let kind = <ettlag_core::PersonKind as ettlag_core::Coded>::from_code(&kind)
            .ok_or_else(|| DbError::Other(format!("unknown person kind {kind}")))?;
        let restricted_at: Option<i64> = row.try_get("restricted_at")?;
        let nin: Option<String> = row.try_get("national_id")?;
        let person = Person {
            id: PersonId::from_trusted(row.try_get("id")?),
            kind,
            national_id: nin.and_then(|n| NationalId::parse(&n).ok()),
            given_name: row.try_get("given_name")?,
            family_name: row.try_get("family_name")?,
            birth_date: row.try_get("birth_date")?,
            version: row.try_get("version")?,
            restricted: restricted_at.is_some(),
        };
        let subject = Subject::Person {
            tenant: &tenant,
            kind,
            linked_units: &[],
            restricted: person.restricted,
            emergency: false,
        };
        self.gate_read("person", person.id.as_str(), &subject)
            .await?;
        Ok(RestrictionStatus {
            person,
            restricted_at_ms: restricted_at,
            restricted_by: row.try_get("display_name")?,
            reason: row.try_get("restricted_reason")?,
        })
    }

    /// Restricts processing of a person's data (with the reason), or lifts
    /// the restriction (`reason` is `None`). The privacy officer only.
    pub async fn set_restriction(&self, person: &PersonId, reason: Option<Text>) -> DbResult<()> {
        let ctx = self.write_ctx();
        let person = person.clone();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { set_in(tx, &ctx, &person, reason).await }))
            .await?
    }
}

async fn set_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    person: &PersonId,
    reason: Option<Text>,
) -> DbResult<DbResult<()>> {
    let tenant = ctx.actor.tenant.clone();
    let row =
        sqlx::query("SELECT kind, restricted_at FROM persons WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(person.as_str())
            .fetch_optional(&mut tx.conn)
            .await?;
    let subject_kind = match &row {
        Some(r) => <ettlag_core::PersonKind as ettlag_core::Coded>::from_code(
            &r.try_get::<String, _>("kind")?,
        ),
        None => None,
    };
    let resource = if reason.is_some() {
        "restriction"
    } else {
        "restriction_lifted"
    };
    let decision = match subject_kind {
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
    ctx.settle(tx, Action::Update, (resource, person.as_str()), decision)
        .await?;
    if !decision.is_allowed() {
        return Ok(Err(if subject_kind.is_some() {
            DbError::Forbidden
        } else {
            DbError::NotFound
        }));
    }
    let (at, by, why) = match &reason {
        Some(r) => (
            Some(now_ms()),
            Some(ctx.actor.staff.to_string()),
            Some(r.to_string()),
        ),
        None => (None, None, None),
    };
    sqlx::query(
        "UPDATE persons SET restricted_at = $3, restricted_by = $4, restricted_reason = $5, \
         version = version + 1 WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(person.as_str())
    .bind(at)
    .bind(by)
    .bind(why)
    .execute(&mut tx.conn)
    .await?;
    Ok(Ok(()))
}
