//! Sign-in, sessions and API tokens (throttling is in `throttle`). These hold no data about
//! children; they decide who the actor is before the access policy is asked.

use ettlag_core::policy::Actor;
use ettlag_core::{RoleSet, StaffId, TenantId, UnitId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::api_tokens::LIVE;
use crate::clock::{new_token, now_ms, token_hash};
use crate::error::DbResult;
use crate::store::Store;

/// An account found by user name, for checking a password.
#[derive(Debug, Clone)]
pub struct Account {
    pub tenant_id: TenantId,
    pub staff_id: StaffId,
    pub password_hash: Option<String>,
    pub active: bool,
}

/// A live session as loaded for a request.
#[derive(Debug, Clone)]
pub struct Session {
    pub tenant_id: TenantId,
    pub staff_id: StaffId,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// How long sessions live. Both limits are checked on every request.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle_ms: i64,
    pub absolute_ms: i64,
}

/// A staff member as a request sees them: the actor the policy decides for,
/// and the name the page header shows.
#[derive(Debug, Clone)]
pub struct SignedInStaff {
    pub actor: Actor,
    pub display_name: String,
    pub language: Option<String>,
}

/// A staff member with one row per unit (none: one row with a null unit).
const STAFF_MEMBER: &str = "SELECT s.tenant_id, s.id AS staff_id, s.roles, s.active, s.display_name, \
     s.language, su.unit_id FROM staff s \
     LEFT JOIN staff_units su ON su.tenant_id = s.tenant_id AND su.staff_id = s.id";

fn staff_member_from_rows(rows: &[AnyRow]) -> DbResult<Option<SignedInStaff>> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    if first.try_get::<i64, _>("active")? == 0 {
        return Ok(None);
    }
    let roles: String = first.try_get("roles")?;
    let units = rows
        .iter()
        .filter_map(|r| r.try_get::<Option<String>, _>("unit_id").transpose())
        .map(|u| Ok(UnitId::from_trusted(u?)))
        .collect::<DbResult<Vec<_>>>()?;
    Ok(Some(SignedInStaff {
        actor: Actor {
            tenant: TenantId::from_trusted(first.try_get("tenant_id")?),
            staff: StaffId::from_trusted(first.try_get("staff_id")?),
            roles: RoleSet::parse(&roles).unwrap_or_default(),
            units,
        },
        display_name: first.try_get("display_name")?,
        language: first.try_get("language")?,
    }))
}

impl Store {
    pub async fn account(&self, username: &str) -> DbResult<Option<Account>> {
        let row = sqlx::query(
            "SELECT a.tenant_id, a.staff_id, a.password_hash, s.active FROM accounts a \
             JOIN staff s ON s.tenant_id = a.tenant_id AND s.id = a.staff_id WHERE a.username = $1",
        )
        .bind(username.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Account {
                tenant_id: TenantId::from_trusted(r.try_get("tenant_id")?),
                staff_id: StaffId::from_trusted(r.try_get("staff_id")?),
                password_hash: r.try_get("password_hash")?,
                active: r.try_get::<i64, _>("active")? != 0,
            })
        })
        .transpose()
    }

    /// The user name of a staff member's local account, so that a signed-in
    /// user can be asked for their password again (re-authentication) and
    /// share the throttle of their sign-ins.
    pub async fn username_of(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<Option<String>> {
        let row =
            sqlx::query("SELECT username FROM accounts WHERE tenant_id = $1 AND staff_id = $2")
                .bind(tenant.as_str())
                .bind(staff.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| r.try_get("username"))
            .transpose()
            .map_err(Into::into)
    }

    /// Sets a password hash (an Argon2id PHC string) for an account.
    pub async fn set_password_hash(&self, username: &str, hash: &str) -> DbResult<bool> {
        let username = username.trim().to_lowercase();
        let hash = hash.to_string();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let done =
                        sqlx::query("UPDATE accounts SET password_hash = $2 WHERE username = $1")
                            .bind(&username)
                            .bind(&hash)
                            .execute(&mut tx.conn)
                            .await?;
                    Ok(done.rows_affected() == 1)
                })
            })
            .await
    }

    /// The actor behind a staff id as the store knows them now: roles and units
    /// are read on every request, so a change applies at once.
    pub async fn actor(&self, tenant: &TenantId, staff: &StaffId) -> DbResult<Option<Actor>> {
        Ok(self.staff_member(tenant, staff).await?.map(|m| m.actor))
    }

    /// The signed-in staff member of a request, in one statement: who they
    /// are, their roles and units, and how the page header names them.
    /// `None` for an unknown or deactivated account.
    pub async fn staff_member(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<Option<SignedInStaff>> {
        let sql =
            format!("{STAFF_MEMBER} WHERE s.tenant_id = $1 AND s.id = $2 ORDER BY su.unit_id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(staff.as_str())
            .fetch_all(&self.pool)
            .await?;
        staff_member_from_rows(&rows)
    }
    /// The display name and language of a staff member, for the page header.
    pub async fn staff_profile(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<Option<(String, Option<String>)>> {
        let row = sqlx::query(
            "SELECT display_name, language FROM staff WHERE tenant_id = $1 AND id = $2",
        )
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.try_get("display_name")?, r.try_get("language")?)))
            .transpose()
    }

    /// Stores a staff member's own language choice.
    pub async fn set_language(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        language: &str,
    ) -> DbResult<()> {
        let (tenant, staff, language) = (
            tenant.as_str().to_string(),
            staff.as_str().to_string(),
            language.to_string(),
        );
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("UPDATE staff SET language = $3 WHERE tenant_id = $1 AND id = $2")
                        .bind(&tenant)
                        .bind(&staff)
                        .bind(&language)
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(())
                })
            })
            .await
    }

    /// Starts a session and returns the cookie value (only its hash is stored).
    /// Every sign-in makes a new id, so a planted id is worth nothing.
    pub async fn create_session(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<(String, Session)> {
        let token = new_token();
        let now = now_ms();
        let session = Session {
            tenant_id: tenant.clone(),
            staff_id: staff.clone(),
            csrf_token: new_token(),
            created_at: now,
            last_seen_at: now,
        };
        let (hash, s) = (token_hash(&token), session.clone());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO sessions (id_hash, tenant_id, staff_id, csrf_token, created_at, last_seen_at) \
                         VALUES ($1, $2, $3, $4, $5, $5)",
                    )
                    .bind(&hash)
                    .bind(s.tenant_id.as_str())
                    .bind(s.staff_id.as_str())
                    .bind(&s.csrf_token)
                    .bind(s.created_at)
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await?;
        Ok((token, session))
    }

    /// Loads a session if it is within both time limits. Touches it at most
    /// once a minute, so that reading pages does not cost a write each time.
    pub async fn session(&self, token: &str, limits: SessionLimits) -> DbResult<Option<Session>> {
        let hash = token_hash(token);
        let row = sqlx::query(
            "SELECT tenant_id, staff_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let session = Session {
            tenant_id: TenantId::from_trusted(r.try_get("tenant_id")?),
            staff_id: StaffId::from_trusted(r.try_get("staff_id")?),
            csrf_token: r.try_get("csrf_token")?,
            created_at: r.try_get("created_at")?,
            last_seen_at: r.try_get("last_seen_at")?,
        };
        let now = now_ms();
        if now - session.last_seen_at > limits.idle_ms
            || now - session.created_at > limits.absolute_ms
        {
            self.delete_session(token).await?;
            return Ok(None);
        }
        if now - session.last_seen_at > 60_000 {
            self.touch_session_row("sessions", hash, now).await?;
        }
        Ok(Some(session))
    }

    pub async fn delete_session(&self, token: &str) -> DbResult<()> {
        self.delete_session_row("sessions", token_hash(token))
            .await?;
        self.forget_provider_session(token).await
    }

    /// Staff and citizens keep their sessions in two tables of the same
    /// shape (`sessions`, `citizen_sessions`); these two writes serve both,
    /// and the delete ends half-done sign-ins (`sign_in_steps`) too.
    /// `table` is always one of those names, never input.
    pub(crate) async fn touch_session_row(
        &self,
        table: &'static str,
        hash: String,
        now: i64,
    ) -> DbResult<()> {
        let sql = format!("UPDATE {table} SET last_seen_at = $2 WHERE id_hash = $1");
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&hash)
                        .bind(now)
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(())
                })
            })
            .await
    }

    pub(crate) async fn delete_session_row(
        &self,
        table: &'static str,
        hash: String,
    ) -> DbResult<()> {
        let sql = format!("DELETE FROM {table} WHERE id_hash = $1");
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&hash)
                        .execute(&mut tx.conn)
                        .await?;
                    Ok(())
                })
            })
            .await
    }

    /// Whose token this is, if it is a live token.
    pub async fn api_token(&self, token: &str) -> DbResult<Option<(TenantId, StaffId)>> {
        let sql = format!(
            "SELECT t.tenant_id, t.staff_id FROM api_tokens t WHERE t.token_hash = $1 AND {LIVE} > $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash(token))
            .bind(now_ms())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok((
                TenantId::from_trusted(r.try_get("tenant_id")?),
                StaffId::from_trusted(r.try_get("staff_id")?),
            ))
        })
        .transpose()
    }

    /// The caller behind a live API token, in one statement; `None` for an
    /// unknown token or a deactivated account.
    pub async fn api_actor(&self, token: &str) -> DbResult<Option<Actor>> {
        let sql = format!(
            "{STAFF_MEMBER} JOIN api_tokens t ON t.tenant_id = s.tenant_id AND t.staff_id = s.id \
             WHERE t.token_hash = $1 AND {LIVE} > $2 ORDER BY su.unit_id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash(token))
            .bind(now_ms())
            .fetch_all(&self.pool)
            .await?;
        Ok(staff_member_from_rows(&rows)?.map(|m| m.actor))
    }
}
