//! What OpenID Connect sign-in keeps between requests, for citizens and
//! staff alike: the sign-ins and sign-outs under way (each used once, and a
//! sign-in only in the browser that started it), and the provider's side of
//! each session it started, so that a logout the provider sends ends it.
//! Secrets are kept by their hash: the `state`, the browser cookie, the
//! session token, a logout token's `jti`.

use sqlx::Row;

use crate::clock::{now_ms, token_hash};
use crate::error::DbResult;
use crate::store::Store;

/// Whose sign-in: each has its own session table and its own provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OidcAudience {
    Citizen,
    Staff,
}

impl OidcAudience {
    /// The audience's name, as stored and in its binding cookie's name.
    pub fn as_str(self) -> &'static str {
        match self {
            OidcAudience::Citizen => "citizen",
            OidcAudience::Staff => "staff",
        }
    }

    fn session_table(self) -> &'static str {
        match self {
            OidcAudience::Citizen => "citizen_sessions",
            OidcAudience::Staff => "sessions",
        }
    }
}

/// How long the provider may take to send the browser back.
pub const OIDC_FLOW_MS: i64 = 10 * 60_000;
/// How long a logout token's `jti` is remembered: longer than any token lives.
const LOGOUT_TOKEN_MS: i64 = 24 * 3_600_000;

const LOGIN: &str = "login";
const LOGOUT: &str = "logout";

/// A sign-in under way, as the callback needs it.
#[derive(Debug, Clone)]
pub struct OidcLogin {
    pub nonce: String,
    pub verifier: String,
}

/// What the provider said about a session it started.
#[derive(Debug, Clone)]
pub struct ProviderSession {
    pub issuer: String,
    pub subject: String,
    /// The provider's session id, when its ID token names one.
    pub sid: Option<String>,
    pub id_token: String,
}

/// Which provider sessions a logout from the provider names.
#[derive(Debug, Clone, Copy)]
pub struct ProviderLogout<'a> {
    pub issuer: &'a str,
    pub sid: Option<&'a str>,
    pub subject: Option<&'a str>,
}

/// A session a logout from the provider ended: who it belonged to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedSession {
    pub tenant_id: String,
    /// The person (citizen) or the staff member.
    pub principal_id: String,
}

impl Store {
    /// Remembers a sign-in under way, bound to the browser that holds
    /// `browser` in a cookie.
    pub async fn start_oidc_login(
        &self,
        audience: OidcAudience,
        state: &str,
        browser: &str,
        login: &OidcLogin,
    ) -> DbResult<()> {
        self.insert_flow(audience, LOGIN, state, browser, login)
            .await
    }

    /// Takes (and removes) the sign-in a callback's `state` names, if it was
    /// started lately in this browser. A callback from another browser burns
    /// the sign-in too: the link it came from cannot be tried again.
    pub async fn take_oidc_login(
        &self,
        audience: OidcAudience,
        state: &str,
        browser: &str,
    ) -> DbResult<Option<OidcLogin>> {
        let Some(row) = self.take_flow(audience, LOGIN, state).await? else {
            return Ok(None);
        };
        let (browser_hash, login) = row;
        Ok((browser_hash == token_hash(browser)).then_some(login))
    }

    /// Remembers the `state` sent with a sign-out at the provider.
    pub async fn start_oidc_logout(&self, audience: OidcAudience, state: &str) -> DbResult<()> {
        let none = OidcLogin {
            nonce: String::new(),
            verifier: String::new(),
        };
        self.insert_flow(audience, LOGOUT, state, "", &none).await
    }

    /// Takes (and removes) a sign-out's `state`: true when it was sent from
    /// here, lately, and not used before.
    pub async fn take_oidc_logout(&self, audience: OidcAudience, state: &str) -> DbResult<bool> {
        Ok(self.take_flow(audience, LOGOUT, state).await?.is_some())
    }

    async fn insert_flow(
        &self,
        audience: OidcAudience,
        kind: &'static str,
        state: &str,
        browser: &str,
        login: &OidcLogin,
    ) -> DbResult<()> {
        let (hash, browser_hash) = (token_hash(state), token_hash(browser));
        let (nonce, verifier) = (login.nonce.clone(), login.verifier.clone());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    // Flows that never came back are cleared on the way.
                    sqlx::query("DELETE FROM oidc_flows WHERE created_at < $1")
                        .bind(now_ms() - OIDC_FLOW_MS)
                        .execute(&mut tx.conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO oidc_flows (state_hash, kind, audience, browser_hash, nonce, verifier, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(&hash)
                    .bind(kind)
                    .bind(audience.as_str())
                    .bind(&browser_hash)
                    .bind(&nonce)
                    .bind(&verifier)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await
    }

    /// Removes a flow and answers its browser hash and secrets when it was
    /// of this kind and audience and is not too old.
    async fn take_flow(
        &self,
        audience: OidcAudience,
        kind: &'static str,
        state: &str,
    ) -> DbResult<Option<(String, OidcLogin)>> {
        let hash = token_hash(state);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let row = sqlx::query(
                        "SELECT browser_hash, nonce, verifier, created_at FROM oidc_flows \
                         WHERE state_hash = $1 AND kind = $2 AND audience = $3",
                    )
                    .bind(&hash)
                    .bind(kind)
                    .bind(audience.as_str())
                    .fetch_optional(&mut tx.conn)
                    .await?;
                    let Some(r) = row else { return Ok(None) };
                    sqlx::query("DELETE FROM oidc_flows WHERE state_hash = $1")
                        .bind(&hash)
                        .execute(&mut tx.conn)
                        .await?;
                    let created: i64 = r.try_get("created_at")?;
                    if now_ms() - created > OIDC_FLOW_MS {
                        return Ok(None);
                    }
                    let login = OidcLogin {
                        nonce: r.try_get("nonce")?,
                        verifier: r.try_get("verifier")?,
                    };
                    Ok(Some((r.try_get("browser_hash")?, login)))
                })
            })
            .await
    }

    /// Keeps what the provider said about the session `session_token`
    /// started with, for as long as a session may live (`keep_ms`).
    pub async fn keep_provider_session(
        &self,
        audience: OidcAudience,
        session_token: &str,
        provider: &ProviderSession,
        keep_ms: i64,
    ) -> DbResult<()> {
        let (hash, p) = (token_hash(session_token), provider.clone());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM oidc_sessions WHERE created_at < $1")
                        .bind(now_ms() - keep_ms)
                        .execute(&mut tx.conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO oidc_sessions (session_hash, audience, issuer, subject, sid, id_token, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(&hash)
                    .bind(audience.as_str())
                    .bind(&p.issuer)
                    .bind(&p.subject)
                    .bind(p.sid.as_deref())
                    .bind(&p.id_token)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await
    }

    /// The ID token a session was started with; none for a local sign-in.
    pub async fn provider_id_token(&self, session_token: &str) -> DbResult<Option<String>> {
        let row = sqlx::query("SELECT id_token FROM oidc_sessions WHERE session_hash = $1")
            .bind(token_hash(session_token))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get("id_token"))
            .transpose()
            .map_err(Into::into)
    }

    /// Forgets the provider's side of a session that ends here.
    pub(crate) async fn forget_provider_session(&self, session_token: &str) -> DbResult<()> {
        let hash = token_hash(session_token);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM oidc_sessions WHERE session_hash = $1")
                        .bind(&hash)
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(())
                })
            })
            .await
    }

    /// Ends every session of `audience` that the provider's logout names (by
    /// its `sid`, or else every session of its subject), and answers whose
    /// they were, for the access log. The sessions end at once: their next
    /// request finds no session.
    pub async fn end_provider_sessions(
        &self,
        audience: OidcAudience,
        logout: ProviderLogout<'_>,
    ) -> DbResult<Vec<EndedSession>> {
        let (by, key) = match (logout.sid, logout.subject) {
            (Some(sid), _) => ("sid", sid.to_string()),
            (None, Some(subject)) => ("subject", subject.to_string()),
            (None, None) => return Ok(Vec::new()),
        };
        let issuer = logout.issuer.to_string();
        let table = audience.session_table();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let select = format!(
                        "SELECT s.id_hash AS id_hash, s.tenant_id AS tenant_id, s.{who} AS principal_id \
                         FROM oidc_sessions o JOIN {table} s ON s.id_hash = o.session_hash \
                         WHERE o.audience = $1 AND o.issuer = $2 AND o.{by} = $3",
                        who = principal_column(audience),
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(select))
                        .bind(audience.as_str())
                        .bind(&issuer)
                        .bind(&key)
                        .fetch_all(&mut tx.conn)
                        .await?;
                    let mut ended = Vec::with_capacity(rows.len());
                    for r in rows {
                        let hash: String = r.try_get("id_hash")?;
                        let delete = format!("DELETE FROM {table} WHERE id_hash = $1");
                        sqlx::query(sqlx::AssertSqlSafe(delete))
                            .bind(&hash)
                            .execute(&mut tx.conn)
                            .await?;
                        ended.push(EndedSession {
                            tenant_id: r.try_get("tenant_id")?,
                            principal_id: r.try_get("principal_id")?,
                        });
                    }
                    let forget = format!(
                        "DELETE FROM oidc_sessions WHERE audience = $1 AND issuer = $2 AND {by} = $3"
                    );
                    sqlx::query(sqlx::AssertSqlSafe(forget))
                        .bind(audience.as_str())
                        .bind(&issuer)
                        .bind(&key)
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(ended)
                })
            })
            .await
    }

    /// Records a logout token's `jti`: true the first time, false when the
    /// same token comes again (a replay).
    pub async fn first_logout_token(&self, jti: &str) -> DbResult<bool> {
        let hash = token_hash(jti);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM oidc_logout_tokens WHERE created_at < $1")
                        .bind(now_ms() - LOGOUT_TOKEN_MS)
                        .execute(&mut tx.conn)
                        .await?;
                    let seen = sqlx::query("SELECT 1 FROM oidc_logout_tokens WHERE jti_hash = $1")
                        .bind(&hash)
                        .fetch_optional(&mut tx.conn)
                        .await?;
                    if seen.is_some() {
                        return Ok(false);
                    }
                    sqlx::query(
                        "INSERT INTO oidc_logout_tokens (jti_hash, created_at) VALUES ($1, $2)",
                    )
                    .bind(&hash)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(true)
                })
            })
            .await
    }
}

/// The column of a session table that names whose session it is.
fn principal_column(audience: OidcAudience) -> &'static str {
    match audience {
        OidcAudience::Citizen => "person_id",
        OidcAudience::Staff => "staff_id",
    }
}
