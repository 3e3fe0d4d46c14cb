//! Personal API tokens: made for a staff member with a lifetime (90 days
//! unless asked otherwise, at most a year), listed by an id that names a
//! token without revealing it, and revoked one by one. Only a hash of the
//! token is kept. Making and revoking one is in the access log.

use ettlag_core::{StaffId, TenantId};
use sqlx::Row;

use crate::access::gate::{Record, seal};
use crate::clock::{new_token, now_ms, token_hash};
use crate::error::{DbError, DbResult};
use crate::store::Store;

/// A token's lifetime unless asked otherwise.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest lifetime a token may have.
pub const MAX_DAYS: i64 = 366;

const DAY_MS: i64 = 86_400_000;

/// The SQL condition of a token that has not expired at `$now`; a token
/// from before expiry existed lives the default lifetime from its creation.
pub(crate) const LIVE: &str = "COALESCE(t.expires_at, t.created_at + 7776000000)";

/// A token just made: the secret, shown once, and how it is named.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub id: String,
    pub expires_at_ms: i64,
}

/// A token as its owner's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: String,
    pub label: String,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
}

/// The id that names a token: the start of its hash.
fn id_of(hash: &str) -> String {
    hash.chars().take(16).collect()
}

impl Store {
    /// Makes a personal API token that lives the default lifetime.
    pub async fn create_api_token(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        label: &str,
    ) -> DbResult<String> {
        let issued = self
            .issue_api_token(tenant, staff, label, DEFAULT_DAYS)
            .await?;
        Ok(issued.token)
    }

    /// Makes a personal API token that lives `days` days (1 to
    /// [`MAX_DAYS`]); anything else is refused.
    pub async fn issue_api_token(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        label: &str,
        days: i64,
    ) -> DbResult<IssuedToken> {
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(DbError::Refused("api-token-error-days"));
        }
        let token = format!("ettlag_{}", new_token());
        let hash = token_hash(&token);
        let id = id_of(&hash);
        let now = now_ms();
        let expires_at_ms = now + days * DAY_MS;
        let (tenant, staff, label) = (tenant.clone(), staff.clone(), label.to_string());
        let owner = format!("owner:{}", staff.as_str());
        let record = Record::system("create", ("api_token", &id), &owner, "token", now);
        let row_id = id.clone();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO api_tokens (token_hash, id, tenant_id, staff_id, label, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(&hash)
                    .bind(&row_id)
                    .bind(tenant.as_str())
                    .bind(staff.as_str())
                    .bind(&label)
                    .bind(now)
                    .bind(expires_at_ms)
                    .execute(&mut tx.conn)
                    .await?;
                    seal(tx, &tenant, vec![record]).await
                })
            })
            .await?;
        Ok(IssuedToken {
            token,
            id,
            expires_at_ms,
        })
    }

    /// A staff member's tokens that have not expired, newest first.
    pub async fn api_tokens_of(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<Vec<TokenInfo>> {
        let sql = format!(
            "SELECT t.id, t.label, t.created_at, {LIVE} AS expires_at FROM api_tokens t \
             WHERE t.tenant_id = $1 AND t.staff_id = $2 AND {LIVE} > $3 ORDER BY t.created_at DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(staff.as_str())
            .bind(now_ms())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(TokenInfo {
                    id: r.try_get("id")?,
                    label: r.try_get("label")?,
                    created_at_ms: r.try_get("created_at")?,
                    expires_at_ms: r.try_get("expires_at")?,
                })
            })
            .collect()
    }

    /// Revokes the token named `id` at once; `NotFound` when there is none.
    pub async fn revoke_api_token(&self, id: &str) -> DbResult<()> {
        let id = id.trim().to_lowercase();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let row =
                        sqlx::query("SELECT tenant_id, staff_id FROM api_tokens WHERE id = $1")
                            .bind(&id)
                            .fetch_optional(&mut tx.conn)
                            .await?;
                    let Some(row) = row else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let tenant = TenantId::from_trusted(row.try_get("tenant_id")?);
                    let staff: String = row.try_get("staff_id")?;
                    sqlx::query("DELETE FROM api_tokens WHERE id = $1")
                        .bind(&id)
                        .execute(&mut tx.conn)
                        .await?;
                    let owner = format!("owner:{staff}");
                    let record =
                        Record::system("delete", ("api_token", &id), &owner, "token", now_ms());
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
