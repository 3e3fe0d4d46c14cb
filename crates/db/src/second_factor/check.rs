//! Checking a typed code against an enrolled factor: a code from the app
//! (once per step, RFC 6238 §5.2) or an unused recovery code. The check,
//! the use it makes of the code and its record in the access log commit
//! together.

use ettlag_core::second_factor::{CodeCheck, recovery};
use ettlag_core::{StaffId, TenantId};

use super::{CodeOutcome, load_factor, now_seconds};
use crate::access::gate::{Record, seal};
use crate::clock::now_ms;
use crate::error::DbResult;
use crate::store::Store;
use crate::writer::Tx;

/// Checks `typed` and uses it up when it is right: the app's step becomes
/// the last used one (only if it is later than the stored one, so that two
/// servers cannot both accept it), a recovery code is marked used.
pub(super) async fn use_code(
    tx: &mut Tx,
    tenant: &str,
    staff: &str,
    typed: &str,
) -> DbResult<CodeOutcome> {
    let factor = load_factor(&mut tx.conn, tenant, staff).await?;
    let Some(factor) = factor.filter(|f| f.enrolled_at.is_some()) else {
        return Ok(CodeOutcome::NotEnrolled);
    };
    if recovery::looks_like_app_code(typed) {
        return match factor.secret.check(typed, now_seconds(), factor.last_step) {
            CodeCheck::Accepted { step } => advance_step(tx, tenant, staff, step).await,
            CodeCheck::Replayed => Ok(CodeOutcome::Replayed),
            CodeCheck::Wrong => Ok(CodeOutcome::Wrong),
        };
    }
    let Some(hash) = recovery::hash(typed) else {
        return Ok(CodeOutcome::Wrong);
    };
    let used = sqlx::query(
        "UPDATE staff_recovery_codes SET used_at = $4 \
         WHERE tenant_id = $1 AND staff_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(tenant)
    .bind(staff)
    .bind(&hash)
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    Ok(if used.rows_affected() == 1 {
        CodeOutcome::Recovery
    } else {
        CodeOutcome::Wrong
    })
}

async fn advance_step(tx: &mut Tx, tenant: &str, staff: &str, step: u64) -> DbResult<CodeOutcome> {
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    let done = sqlx::query(
        "UPDATE staff_second_factor SET last_step = $3 \
         WHERE tenant_id = $1 AND staff_id = $2 AND (last_step IS NULL OR last_step < $3)",
    )
    .bind(tenant)
    .bind(staff)
    .bind(step)
    .execute(&mut tx.conn)
    .await?;
    Ok(if done.rows_affected() == 1 {
        CodeOutcome::App
    } else {
        CodeOutcome::Replayed
    })
}

impl Store {
    /// The second step of a sign-in: checks and uses a code, and records
    /// the check (`sign_in` on the second factor) whatever its outcome.
    pub async fn check_second_factor(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        typed: &str,
        request_id: &str,
    ) -> DbResult<CodeOutcome> {
        let (tenant, staff) = (tenant.clone(), staff.as_str().to_string());
        let (typed, request_id) = (typed.to_string(), request_id.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let outcome = use_code(tx, tenant.as_str(), &staff, &typed).await?;
                    let record = Record::second_factor(
                        &staff,
                        "sign_in",
                        outcome.accepted(),
                        outcome.reason(),
                        &request_id,
                    );
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(outcome)
                })
            })
            .await
    }
}
