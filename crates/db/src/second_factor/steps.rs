//! Half-done sign-ins: the password was right and the second step is
//! still to come. A step is no session: the store hands it out only to the
//! second step's own pages, it lives ten minutes, and a few wrong codes end
//! it. Only a hash of its cookie value is stored, as for sessions.

use ettlag_core::second_factor::SecondStep;
use ettlag_core::{StaffId, TenantId};
use sqlx::Row;

use crate::clock::{new_token, now_ms, token_hash};
use crate::error::DbResult;
use crate::store::Store;

/// How long a half-done sign-in waits for its second step.
pub const STEP_LIFETIME_MS: i64 = 10 * 60_000;
/// Wrong codes after which a half-done sign-in ends (the user name's
/// throttle counts them too).
pub const MAX_STEP_FAILURES: i64 = 5;

/// A half-done sign-in as loaded for a request.
#[derive(Debug, Clone)]
pub struct SignInStep {
    pub tenant_id: TenantId,
    pub staff_id: StaffId,
    pub csrf_token: String,
    /// [`SecondStep::Code`] or [`SecondStep::Enrol`].
    pub kind: SecondStep,
    pub failures: i64,
}

fn kind_code(kind: SecondStep) -> &'static str {
    match kind {
        SecondStep::Enrol => "enrol",
        SecondStep::Code | SecondStep::None => "code",
    }
}

impl Store {
    /// Starts a half-done sign-in and returns its cookie value. Steps that
    /// ran out go at the same time.
    pub async fn create_sign_in_step(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        kind: SecondStep,
    ) -> DbResult<(String, SignInStep)> {
        let token = new_token();
        let step = SignInStep {
            tenant_id: tenant.clone(),
            staff_id: staff.clone(),
            csrf_token: new_token(),
            kind,
            failures: 0,
        };
        let (hash, s, now) = (token_hash(&token), step.clone(), now_ms());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM sign_in_steps WHERE created_at < $1")
                        .bind(now - STEP_LIFETIME_MS)
                        .execute(&mut tx.conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO sign_in_steps (id_hash, tenant_id, staff_id, csrf_token, kind, \
                         failures, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6)",
                    )
                    .bind(&hash)
                    .bind(s.tenant_id.as_str())
                    .bind(s.staff_id.as_str())
                    .bind(&s.csrf_token)
                    .bind(kind_code(s.kind))
                    .bind(now)
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await?;
        Ok((token, step))
    }

    /// The half-done sign-in named by a cookie, if it has not run out.
    pub async fn sign_in_step(&self, token: &str) -> DbResult<Option<SignInStep>> {
        let row = sqlx::query(
            "SELECT tenant_id, staff_id, csrf_token, kind, failures, created_at \
             FROM sign_in_steps WHERE id_hash = $1",
        )
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        if now_ms() - r.try_get::<i64, _>("created_at")? > STEP_LIFETIME_MS {
            self.end_sign_in_step(token).await?;
            return Ok(None);
        }
        let kind: String = r.try_get("kind")?;
        Ok(Some(SignInStep {
            tenant_id: TenantId::from_trusted(r.try_get("tenant_id")?),
            staff_id: StaffId::from_trusted(r.try_get("staff_id")?),
            csrf_token: r.try_get("csrf_token")?,
            kind: if kind == "enrol" {
                SecondStep::Enrol
            } else {
                SecondStep::Code
            },
            failures: r.try_get("failures")?,
        }))
    }

    /// Counts a wrong code against a half-done sign-in and ends it after
    /// [`MAX_STEP_FAILURES`]. Answers whether it goes on.
    pub async fn sign_in_step_failed(&self, token: &str) -> DbResult<bool> {
        let hash = token_hash(token);
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "UPDATE sign_in_steps SET failures = failures + 1 WHERE id_hash = $1",
                    )
                    .bind(&hash)
                    .execute(&mut tx.conn)
                    .await?;
                    let ended = sqlx::query(
                        "DELETE FROM sign_in_steps WHERE id_hash = $1 AND failures >= $2",
                    )
                    .bind(&hash)
                    .bind(MAX_STEP_FAILURES)
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(ended.rows_affected() == 0)
                })
            })
            .await
    }

    /// Ends a half-done sign-in (done, given up or run out).
    pub async fn end_sign_in_step(&self, token: &str) -> DbResult<()> {
        self.delete_session_row("sign_in_steps", token_hash(token))
            .await
    }
}
