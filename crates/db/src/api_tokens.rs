//! Personal API tokens: made for a staff member with a lifetime (90 days
//! unless asked otherwise, at most a year), listed by an id that names a
//! token without revealing it, and revoked one by one. Only a hash of the
//! token is kept. Making and revoking one is in the access log.
//!
//! The command line acts as the system; a staff member acts on their own
//! tokens here too (the settings page), and an administrator on the tokens
//! of their municipality's staff through the access context
//! (`access::api_token_admin`).

use ettlag_core::{StaffId, TenantId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::access::gate::{Record, seal};
use crate::clock::{new_token, now_ms, token_hash};
use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

/// A token's lifetime unless asked otherwise.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest lifetime a token may have.
pub const MAX_DAYS: i64 = 366;
/// The most characters of a token's label.
pub const MAX_LABEL: usize = 64;

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

/// A token of someone in the municipality, as an administrator's list
/// shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffToken {
    pub staff: StaffId,
    pub display_name: String,
    pub username: Option<String>,
    pub token: TokenInfo,
}

/// The id that names a token: the start of its hash.
fn id_of(hash: &str) -> String {
    hash.chars().take(16).collect()
}

/// Whether `id` is shaped like a token's id: 16 hex digits, as the lists
/// show them. Anything else names no token.
pub fn is_token_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(crate) fn token_info(r: &AnyRow) -> DbResult<TokenInfo> {
    Ok(TokenInfo {
        id: r.try_get("id")?,
        label: r.try_get("label")?,
        created_at_ms: r.try_get("created_at")?,
        expires_at_ms: r.try_get("expires_at")?,
    })
}

/// Removes the token `id` of the municipality (and of `staff`, when given);
/// answers whose it was, or `None` when there is no such token.
pub(crate) async fn delete_token(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: Option<&StaffId>,
    id: &str,
) -> DbResult<Option<StaffId>> {
    let row = sqlx::query("SELECT staff_id FROM api_tokens WHERE id = $1 AND tenant_id = $2")
        .bind(id)
        .bind(tenant.as_str())
        .fetch_optional(&mut tx.conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let owner = StaffId::from_trusted(row.try_get("staff_id")?);
    if staff.is_some_and(|s| *s != owner) {
        return Ok(None);
    }
    sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND tenant_id = $2")
        .bind(id)
        .bind(tenant.as_str())
        .execute(&mut tx.conn)
        .await?;
    Ok(Some(owner))
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
    /// [`MAX_DAYS`]); anything else is refused. The access log says the
    /// system made it (the command line).
    pub async fn issue_api_token(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        label: &str,
        days: i64,
    ) -> DbResult<IssuedToken> {
        let owner = format!("owner:{}", staff.as_str());
        self.issue(tenant, staff, label, days, move |id, now| {
            Record::system("create", ("api_token", id), &owner, "token", now)
        })
        .await
    }

    /// A staff member makes a token for themselves (their settings page),
    /// with the same limits; the access log says it was them.
    pub async fn issue_own_api_token(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        label: &str,
        days: i64,
        request_id: &str,
    ) -> DbResult<IssuedToken> {
        let (me, request_id) = (staff.as_str().to_string(), request_id.to_string());
        self.issue(tenant, staff, label, days, move |id, _| {
            let resource = ("api_token", id);
            Record::own_account(&me, "create", resource, true, "own_account", &request_id)
        })
        .await
    }

    async fn issue(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        label: &str,
        days: i64,
        record: impl FnOnce(&str, i64) -> Record,
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
        let record = record(&id, now);
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
        rows.iter().map(token_info).collect()
    }

    /// A staff member revokes one of their own tokens at once. A token
    /// that is not theirs (another's, or none) is `NotFound`, changes
    /// nothing, and the attempt is in the access log.
    pub async fn revoke_own_api_token(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        id: &str,
        request_id: &str,
    ) -> DbResult<()> {
        let id = id.trim().to_lowercase();
        if !is_token_id(&id) {
            return Err(DbError::NotFound);
        }
        let (tenant, staff, request_id) = (tenant.clone(), staff.clone(), request_id.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let gone = delete_token(tx, &tenant, Some(&staff), &id).await?;
                    let reason = if gone.is_some() {
                        "own_account"
                    } else {
                        "not_own_token"
                    };
                    let record = Record::own_account(
                        staff.as_str(),
                        "delete",
                        ("api_token", &id),
                        gone.is_some(),
                        reason,
                        &request_id,
                    );
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(if gone.is_some() {
                        Ok(())
                    } else {
                        Err(DbError::NotFound)
                    })
                })
            })
            .await?
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
