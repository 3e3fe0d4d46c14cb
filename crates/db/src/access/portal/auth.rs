//! Citizens' sign-in: local accounts (embedded setup) and sessions (what
//! OpenID Connect sign-in keeps is in `crate::oidc`). Kept apart from staff sign-in: other
//! tables, another cookie, another principal.

use ettlag_core::policy::citizen::Citizen;
use ettlag_core::{NationalId, PersonId, TenantId};
use sqlx::Row;

use crate::access::gate::{Record, seal_now};
use crate::auth::SessionLimits;
use crate::clock::{new_token, now_ms, token_hash};
use crate::error::{DbError, DbResult};
use crate::store::Store;

/// A citizen account found by user name, for checking a password.
#[derive(Debug, Clone)]
pub struct CitizenAccount {
    pub citizen: Citizen,
    pub password_hash: String,
}

/// A live citizen session as loaded for a request.
#[derive(Debug, Clone)]
pub struct CitizenSession {
    pub citizen: Citizen,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

impl Store {
    /// Makes a local citizen account for the person with this national
    /// identity number in the municipality. Used by `ettlag demo` and the
    /// command line; the password hash is made by the caller (argon2id).
    pub async fn create_citizen_account(
        &self,
        tenant: &TenantId,
        national_id: &NationalId,
        username: &str,
        password_hash: &str,
    ) -> DbResult<PersonId> {
        let (tenant, nin, username, hash) = (
            tenant.clone(),
            national_id.as_str().to_string(),
            username.trim().to_string(),
            password_hash.to_string(),
        );
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let row = sqlx::query(
                        "SELECT id FROM persons WHERE tenant_id = $1 AND national_id = $2",
                    )
                    .bind(tenant.as_str())
                    .bind(&nin)
                    .fetch_optional(&mut tx.conn)
                    .await?;
                    let Some(row) = row else {
                        return Err(DbError::NotFound);
                    };
                    let person: String = row.try_get("id")?;
                    sqlx::query(
                        "INSERT INTO citizen_accounts (username, tenant_id, person_id, password_hash, created_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&username)
                    .bind(tenant.as_str())
                    .bind(&person)
                    .bind(&hash)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await
                    .map_err(|e| DbError::from(e).conflict_as("username"))?;
                    Ok(PersonId::from_trusted(person))
                })
            })
            .await
    }

    pub async fn citizen_account(&self, username: &str) -> DbResult<Option<CitizenAccount>> {
        let row = sqlx::query(
            "SELECT tenant_id, person_id, password_hash FROM citizen_accounts WHERE username = $1",
        )
        .bind(username.trim())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(CitizenAccount {
                citizen: Citizen {
                    tenant: TenantId::from_trusted(r.try_get("tenant_id")?),
                    person: PersonId::from_trusted(r.try_get("person_id")?),
                },
                password_hash: r.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    /// The person an identity provider's national identity number names.
    /// A number registered in more than one municipality of the
    /// installation names no one: the login cannot tell which is meant.
    pub async fn citizen_by_national_id(&self, nin: &NationalId) -> DbResult<Option<Citizen>> {
        let rows = sqlx::query("SELECT tenant_id, id FROM persons WHERE national_id = $1 LIMIT 2")
            .bind(nin.as_str())
            .fetch_all(&self.pool)
            .await?;
        if rows.len() != 1 {
            return Ok(None);
        }
        Ok(Some(Citizen {
            tenant: TenantId::from_trusted(rows[0].try_get("tenant_id")?),
            person: PersonId::from_trusted(rows[0].try_get("id")?),
        }))
    }

    /// Starts a citizen session and returns the cookie value.
    pub async fn create_citizen_session(&self, citizen: &Citizen) -> DbResult<String> {
        let token = new_token();
        let (hash, c, csrf) = (token_hash(&token), citizen.clone(), new_token());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO citizen_sessions (id_hash, tenant_id, person_id, csrf_token, created_at, last_seen_at) \
                         VALUES ($1, $2, $3, $4, $5, $5)",
                    )
                    .bind(&hash)
                    .bind(c.tenant.as_str())
                    .bind(c.person.as_str())
                    .bind(&csrf)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await?;
        Ok(token)
    }

    /// Loads a citizen session within both time limits.
    pub async fn citizen_session(
        &self,
        token: &str,
        limits: SessionLimits,
    ) -> DbResult<Option<CitizenSession>> {
        let hash = token_hash(token);
        let row = sqlx::query(
            "SELECT tenant_id, person_id, csrf_token, created_at, last_seen_at FROM citizen_sessions WHERE id_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let session = CitizenSession {
            citizen: Citizen {
                tenant: TenantId::from_trusted(r.try_get("tenant_id")?),
                person: PersonId::from_trusted(r.try_get("person_id")?),
            },
            csrf_token: r.try_get("csrf_token")?,
            created_at: r.try_get("created_at")?,
            last_seen_at: r.try_get("last_seen_at")?,
        };
        let now = now_ms();
        if now - session.last_seen_at > limits.idle_ms
            || now - session.created_at > limits.absolute_ms
        {
            self.delete_citizen_session(token).await?;
            return Ok(None);
        }
        if now - session.last_seen_at > 60_000 {
            self.touch_session_row("citizen_sessions", hash, now)
                .await?;
        }
        Ok(Some(session))
    }

    pub async fn delete_citizen_session(&self, token: &str) -> DbResult<()> {
        self.delete_session_row("citizen_sessions", token_hash(token))
            .await?;
        self.forget_provider_session(token).await
    }
}

impl Store {
    /// Records a citizen's sign-in or sign-out in the access log (ASVS
    /// 16.3.1): who, how (`method`), allowed or not.
    pub async fn audit_citizen_sign_in(
        &self,
        citizen: &Citizen,
        action: &str,
        method: &str,
        request_id: &str,
    ) -> DbResult<()> {
        let record = Record::citizen_session(citizen, action, method, request_id);
        seal_now(self, &citizen.tenant, vec![record]).await
    }
}

impl Store {
    /// Sets a citizen account's password hash; false when there is no such account.
    pub async fn set_citizen_password_hash(&self, username: &str, hash: &str) -> DbResult<bool> {
        let (username, hash) = (username.trim().to_string(), hash.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let done = sqlx::query(
                        "UPDATE citizen_accounts SET password_hash = $2 WHERE username = $1",
                    )
                    .bind(&username)
                    .bind(&hash)
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(done.rows_affected() > 0)
                })
            })
            .await
    }
}
