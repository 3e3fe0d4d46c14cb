//! An administrator's part in personal API tokens: the live tokens of the
//! municipality's staff, and revoking one at once (a token left on a lost
//! laptop, or made for a job that has ended). Tokens are part of the
//! accounts the administrator keeps, so this is decided as the upkeep of
//! the organisation and recorded in the access log: the list as a read,
//! a revocation as a deletion in the same transaction as the removal. A
//! token of another municipality is not found, as one that does not exist.

use ettlag_core::StaffId;
use ettlag_core::policy::{Action, Decision, Denial, Subject};
use sqlx::Row;

use super::AccessContext;
use super::gate::seal;
use crate::api_tokens::{LIVE, StaffToken, delete_token, is_token_id, token_info};
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};

/// How the access log names a token.
const RESOURCE: &str = "api_token";

impl AccessContext {
    /// The live tokens of the municipality's staff, by name, newest first
    /// for each. Administrators only.
    pub async fn staff_api_tokens(&self) -> DbResult<Vec<StaffToken>> {
        let tenant = self.tenant().clone();
        let decision = self.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
        self.audit_reads(vec![self.event(Action::List, RESOURCE, "", decision)])
            .await?;
        if !decision.is_allowed() {
            return Err(DbError::Forbidden);
        }
        let sql = format!(
            "SELECT t.id, t.label, t.created_at, {LIVE} AS expires_at, t.staff_id, s.display_name, \
             (SELECT MIN(a.username) FROM accounts a \
              WHERE a.tenant_id = t.tenant_id AND a.staff_id = t.staff_id) AS username \
             FROM api_tokens t JOIN staff s ON s.tenant_id = t.tenant_id AND s.id = t.staff_id \
             WHERE t.tenant_id = $1 AND {LIVE} > $2 \
             ORDER BY s.display_name, t.staff_id, t.created_at DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(now_ms())
            .fetch_all(&self.store.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(StaffToken {
                    staff: StaffId::from_trusted(r.try_get("staff_id")?),
                    display_name: r.try_get("display_name")?,
                    username: r.try_get("username")?,
                    token: token_info(r)?,
                })
            })
            .collect()
    }

    /// Revokes the token `id` of someone in the municipality at once
    /// (administrators only) and answers whose it was. An id that names
    /// no token here is `NotFound` and changes nothing.
    pub async fn revoke_staff_api_token(&self, id: &str) -> DbResult<StaffId> {
        let id = id.trim().to_lowercase();
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let mut decision =
                        ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    let mut answer = Err(DbError::Forbidden);
                    if decision.is_allowed() {
                        let gone = if is_token_id(&id) {
                            delete_token(tx, &tenant, None, &id).await?
                        } else {
                            None
                        };
                        match gone {
                            Some(owner) => answer = Ok(owner),
                            None => {
                                decision = Decision::Deny(Denial::UnknownSubject);
                                answer = Err(DbError::NotFound);
                            }
                        }
                    }
                    // An id that is no token's id is not repeated in the log.
                    let named = if is_token_id(&id) { id.as_str() } else { "" };
                    let record = ctx
                        .event(Action::Update, RESOURCE, named, decision)
                        .into_deletion();
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(answer)
                })
            })
            .await?
    }
}
