//! Enrolling a second factor and removing it. Enrolment happens in two
//! steps: a new secret is kept aside (and shown as a QR code) until the
//! first code from the app proves that the app has it; only then does the
//! factor count, and ten recovery codes are made and shown once. Removing
//! the factor takes a current code.

use ettlag_core::second_factor::{CodeCheck, SECRET_BYTES, TotpSecret, recovery};
use ettlag_core::{StaffId, TenantId};
use rand::RngCore;

use super::check::use_code;
use super::{CodeOutcome, load_factor, now_seconds};
use crate::access::gate::{Record, seal};
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

/// An enrolment waiting for its first code: the secret to show.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret: TotpSecret,
}

fn new_secret() -> Option<TotpSecret> {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    TotpSecret::from_bytes(&bytes)
}

fn new_recovery_codes() -> Vec<String> {
    (0..recovery::COUNT)
        .map(|_| {
            let mut bytes = [0u8; recovery::CODE_BYTES];
            rand::rng().fill_bytes(&mut bytes);
            recovery::format(&bytes)
        })
        .collect()
}

/// Makes the factor count from `step`, with new recovery codes (any older
/// ones go); returns the codes to show once.
async fn complete(tx: &mut Tx, tenant: &str, staff: &str, step: u64) -> DbResult<Vec<String>> {
    sqlx::query(
        "UPDATE staff_second_factor SET enrolled_at = $3, last_step = $4 \
         WHERE tenant_id = $1 AND staff_id = $2",
    )
    .bind(tenant)
    .bind(staff)
    .bind(now_ms())
    .bind(i64::try_from(step).unwrap_or(i64::MAX))
    .execute(&mut tx.conn)
    .await?;
    replace_recovery_codes(tx, tenant, staff).await
}

/// Makes a new set of recovery codes in place of any older ones (which stop
/// working in the same commit); returns the codes to show once.
pub(super) async fn replace_recovery_codes(
    tx: &mut Tx,
    tenant: &str,
    staff: &str,
) -> DbResult<Vec<String>> {
    delete_recovery_codes(tx, tenant, staff).await?;
    let codes = new_recovery_codes();
    for code in &codes {
        let hash = recovery::hash(code).ok_or(DbError::Other("a recovery code".into()))?;
        sqlx::query(
            "INSERT INTO staff_recovery_codes (tenant_id, staff_id, code_hash) VALUES ($1, $2, $3)",
        )
        .bind(tenant)
        .bind(staff)
        .bind(&hash)
        .execute(&mut tx.conn)
        .await?;
    }
    Ok(codes)
}

async fn delete_recovery_codes(tx: &mut Tx, tenant: &str, staff: &str) -> DbResult<()> {
    sqlx::query("DELETE FROM staff_recovery_codes WHERE tenant_id = $1 AND staff_id = $2")
        .bind(tenant)
        .bind(staff)
        .execute(&mut tx.conn)
        .await?;
    Ok(())
}

/// Removes a staff member's factor (enrolled or only started) and their
/// recovery codes; answers whether there was an enrolled factor. Their
/// next sign-in asks for enrolment again where the municipality requires it.
pub(crate) async fn forget_factor(tx: &mut Tx, tenant: &str, staff: &str) -> DbResult<bool> {
    delete_recovery_codes(tx, tenant, staff).await?;
    let enrolled = sqlx::query(
        "DELETE FROM staff_second_factor WHERE tenant_id = $1 AND staff_id = $2 \
         AND enrolled_at IS NOT NULL",
    )
    .bind(tenant)
    .bind(staff)
    .execute(&mut tx.conn)
    .await?;
    sqlx::query("DELETE FROM staff_second_factor WHERE tenant_id = $1 AND staff_id = $2")
        .bind(tenant)
        .bind(staff)
        .execute(&mut tx.conn)
        .await?;
    Ok(enrolled.rows_affected() == 1)
}

impl Store {
    /// Starts enrolling, or goes on with an enrolment already started (the
    /// same QR code on a reload). Refused with `second-factor-error-enrolled`
    /// when the account has a factor.
    pub async fn begin_enrolment(&self, tenant: &TenantId, staff: &StaffId) -> DbResult<Enrolment> {
        let (tenant, staff) = (tenant.as_str().to_string(), staff.as_str().to_string());
        let fresh = new_secret().ok_or(DbError::Other("a new secret".into()))?;
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    match load_factor(&mut tx.conn, &tenant, &staff).await? {
                        Some(f) if f.enrolled_at.is_some() => {
                            return Ok(Err(DbError::Refused("second-factor-error-enrolled")));
                        }
                        Some(f) => return Ok(Ok(Enrolment { secret: f.secret })),
                        None => {}
                    }
                    sqlx::query(
                        "INSERT INTO staff_second_factor (tenant_id, staff_id, secret, started_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&tenant)
                    .bind(&staff)
                    .bind(fresh.to_base32())
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(Enrolment { secret: fresh }))
                })
            })
            .await?
    }

    /// Completes an enrolment with the first code from the app and returns
    /// the recovery codes, to be shown once; a wrong code leaves the
    /// enrolment waiting. Either way the access log records it (`create`).
    pub async fn confirm_enrolment(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        typed: &str,
        request_id: &str,
    ) -> DbResult<Result<Vec<String>, CodeOutcome>> {
        let (tenant, staff) = (tenant.clone(), staff.as_str().to_string());
        let (typed, request_id) = (typed.to_string(), request_id.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let t = tenant.as_str();
                    let factor = load_factor(&mut tx.conn, t, &staff).await?;
                    let Some(factor) = factor.filter(|f| f.enrolled_at.is_none()) else {
                        return Ok(Err(CodeOutcome::NotEnrolled));
                    };
                    let outcome = match factor.secret.check(&typed, now_seconds(), None) {
                        CodeCheck::Accepted { step } => Ok(complete(tx, t, &staff, step).await?),
                        _ => Err(CodeOutcome::Wrong),
                    };
                    let reason = outcome.as_ref().map_or_else(|o| o.reason(), |_| "totp");
                    let record = Record::second_factor(
                        &staff,
                        "create",
                        outcome.is_ok(),
                        reason,
                        &request_id,
                    );
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(outcome)
                })
            })
            .await
    }

    /// Removes the factor and its recovery codes when `typed` is a current
    /// code (or an unused recovery code). The access log records the attempt
    /// (`delete`) whatever its outcome.
    pub async fn remove_second_factor(
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
                    let t = tenant.as_str();
                    let outcome = use_code(tx, t, &staff, &typed).await?;
                    if outcome.accepted() {
                        forget_factor(tx, t, &staff).await?;
                    }
                    let record = Record::second_factor(
                        &staff,
                        "delete",
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
