//! What signing out at the identity provider needs (OpenID Connect
//! RP-Initiated Logout 1.0): the ID token a session was started with, sent
//! back as `id_token_hint`, and the `state` of a sign-out under way.
//!
//! Why in `oidc_logins` and not a new column: both are short-lived secrets
//! of the sign-in flow kept by a hash key, which is what that table holds,
//! and no migration is needed. A row's kind is marked in `verifier` with a
//! value a PKCE verifier (hex) can never take; the login code ignores them.

use sqlx::Row;

use crate::clock::{now_ms, token_hash};
use crate::error::DbResult;
use crate::store::Store;

/// `verifier` of a row that keeps a session's ID token in `nonce`.
const ID_TOKEN_MARK: &str = "=id_token";
/// `verifier` of a row that remembers the state of a sign-out under way.
const LOGOUT_MARK: &str = "=logout";
/// How long the provider may take to send the browser back after sign-out.
const LOGOUT_MS: i64 = 10 * 60_000;

/// The key of a session's ID token: never the session's own hash, so the
/// two tables cannot be joined by someone who reads one of them.
fn id_token_key(session_token: &str) -> String {
    token_hash(&format!("id_token:{session_token}"))
}

impl Store {
    /// Keeps the ID token a citizen session was started with, for as long
    /// as a session may live (`keep_ms`); older ones are cleared on the way.
    pub async fn keep_citizen_id_token(
        &self,
        session_token: &str,
        id_token: &str,
        keep_ms: i64,
    ) -> DbResult<()> {
        let (key, id_token) = (id_token_key(session_token), id_token.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM oidc_logins WHERE verifier = $1 AND created_at < $2")
                        .bind(ID_TOKEN_MARK)
                        .bind(now_ms() - keep_ms)
                        .execute(&mut tx.conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&key)
                    .bind(&id_token)
                    .bind(ID_TOKEN_MARK)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await
    }

    /// The ID token of a citizen session; none for a local account.
    pub async fn citizen_id_token(&self, session_token: &str) -> DbResult<Option<String>> {
        let row =
            sqlx::query("SELECT nonce FROM oidc_logins WHERE state_hash = $1 AND verifier = $2")
                .bind(id_token_key(session_token))
                .bind(ID_TOKEN_MARK)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| r.try_get("nonce"))
            .transpose()
            .map_err(Into::into)
    }

    /// Forgets a session's ID token (when the session ends).
    pub(crate) async fn forget_citizen_id_token(&self, session_token: &str) -> DbResult<()> {
        let key = id_token_key(session_token);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM oidc_logins WHERE state_hash = $1 AND verifier = $2")
                        .bind(&key)
                        .bind(ID_TOKEN_MARK)
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(())
                })
            })
            .await
    }

    /// Remembers the state sent with a sign-out at the identity provider.
    pub async fn start_oidc_logout(&self, state: &str) -> DbResult<()> {
        let hash = token_hash(state);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM oidc_logins WHERE verifier = $1 AND created_at < $2")
                        .bind(LOGOUT_MARK)
                        .bind(now_ms() - LOGOUT_MS)
                        .execute(&mut tx.conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at) VALUES ($1, '', $2, $3)",
                    )
                    .bind(&hash)
                    .bind(LOGOUT_MARK)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await
    }

    /// Takes (and removes) a sign-out's state: true when it was sent from
    /// here, lately, and not used before.
    pub async fn take_oidc_logout(&self, state: &str) -> DbResult<bool> {
        let hash = token_hash(state);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let row = sqlx::query(
                        "SELECT created_at FROM oidc_logins WHERE state_hash = $1 AND verifier = $2",
                    )
                    .bind(&hash)
                    .bind(LOGOUT_MARK)
                    .fetch_optional(&mut tx.conn)
                    .await?;
                    let Some(r) = row else { return Ok(false) };
                    sqlx::query("DELETE FROM oidc_logins WHERE state_hash = $1")
                        .bind(&hash)
                        .execute(&mut tx.conn)
                        .await?;
                    let created: i64 = r.try_get("created_at")?;
                    Ok(now_ms() - created <= LOGOUT_MS)
                })
            })
            .await
    }
}
