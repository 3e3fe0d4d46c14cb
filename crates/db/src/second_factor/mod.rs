//! A local staff account's second factor: the TOTP secret, its last used
//! step and the hashed recovery codes (the rules are in
//! `ettlag_core::second_factor`), and the half-done sign-ins that wait for
//! it. Every code checked, every enrolment, every new set of recovery
//! codes and every removal goes into the access log in the same transaction
//! as its change (through the gate); so does an administrator's reset
//! (`access::second_factor_reset`).

mod check;
pub(crate) mod enrol;
mod renew;
mod steps;

use ettlag_core::second_factor::{SecondStep, TotpSecret};
use ettlag_core::{StaffId, TenantId};
use sqlx::{AnyConnection, Row};

use crate::clock::now_ms;
use crate::error::DbResult;
use crate::settings::{SECOND_FACTOR_REQUIRED, setting};
use crate::store::Store;

pub use enrol::Enrolment;
pub use steps::SignInStep;

/// A staff member's second factor as their settings page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SecondFactorStatus {
    /// When the factor was enrolled; `None` without one.
    pub enrolled_at: Option<i64>,
    /// Recovery codes not used yet.
    pub recovery_codes_left: i64,
}

impl SecondFactorStatus {
    pub fn enrolled(&self) -> bool {
        self.enrolled_at.is_some()
    }
}

/// What a typed code turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeOutcome {
    /// A right code from the app, now used.
    App,
    /// A recovery code not used before, now used.
    Recovery,
    /// Neither a code of the app now nor an unused recovery code.
    Wrong,
    /// A right code from the app for a step already used.
    Replayed,
    /// The account has no second factor (any more).
    NotEnrolled,
}

impl CodeOutcome {
    pub fn accepted(self) -> bool {
        matches!(self, CodeOutcome::App | CodeOutcome::Recovery)
    }

    /// How the access log names it.
    pub fn reason(self) -> &'static str {
        match self {
            CodeOutcome::App => "totp",
            CodeOutcome::Recovery => "recovery_code",
            CodeOutcome::Wrong => "wrong_code",
            CodeOutcome::Replayed => "replayed_code",
            CodeOutcome::NotEnrolled => "not_enrolled",
        }
    }
}

/// A stored factor: its secret, when it was enrolled and its last used step.
#[derive(Debug, Clone)]
struct Factor {
    secret: TotpSecret,
    enrolled_at: Option<i64>,
    last_step: Option<u64>,
}

async fn load_factor(
    conn: &mut AnyConnection,
    tenant: &str,
    staff: &str,
) -> DbResult<Option<Factor>> {
    let row = sqlx::query(
        "SELECT secret, enrolled_at, last_step FROM staff_second_factor \
         WHERE tenant_id = $1 AND staff_id = $2",
    )
    .bind(tenant)
    .bind(staff)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let secret: String = row.try_get("secret")?;
    let last_step: Option<i64> = row.try_get("last_step")?;
    let enrolled_at: Option<i64> = row.try_get("enrolled_at")?;
    Ok(TotpSecret::from_base32(&secret).map(|secret| Factor {
        secret,
        enrolled_at,
        last_step: last_step.and_then(|s| u64::try_from(s).ok()),
    }))
}

/// Now, in the seconds the codes count in.
fn now_seconds() -> u64 {
    u64::try_from(now_ms() / 1000).unwrap_or(0)
}

impl Store {
    /// Whether the staff member has a second factor, and how many recovery
    /// codes they have left.
    pub async fn second_factor_status(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<SecondFactorStatus> {
        let row = sqlx::query(
            "SELECT f.enrolled_at, (SELECT COUNT(*) FROM staff_recovery_codes c \
             WHERE c.tenant_id = f.tenant_id AND c.staff_id = f.staff_id AND c.used_at IS NULL) \
             AS codes_left FROM staff_second_factor f \
             WHERE f.tenant_id = $1 AND f.staff_id = $2 AND f.enrolled_at IS NOT NULL",
        )
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(SecondFactorStatus::default());
        };
        Ok(SecondFactorStatus {
            enrolled_at: row.try_get("enrolled_at")?,
            recovery_codes_left: row.try_get("codes_left")?,
        })
    }

    /// What a staff member whose password was right must do next: type a
    /// code when they have a factor, enrol when their municipality requires
    /// one of staff who read personal data, or nothing.
    pub async fn second_step(&self, tenant: &TenantId, staff: &StaffId) -> DbResult<SecondStep> {
        let enrolled = self.second_factor_status(tenant, staff).await?.enrolled();
        let required = self.second_factor_required_for(tenant, staff).await?;
        Ok(SecondStep::after_password(enrolled, required))
    }

    /// Whether the municipality's setting asks this staff member for a
    /// second factor (their roles read personal data).
    async fn second_factor_required_for(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<bool> {
        let reads = self
            .actor(tenant, staff)
            .await?
            .is_some_and(|a| a.roles.reads_personal_data());
        Ok(reads && self.second_factor_setting(tenant).await?)
    }

    /// Whether the municipality asks staff who read personal data for a
    /// second factor. Single sign-on asks the same of the provider's `amr`.
    pub async fn second_factor_setting(&self, tenant: &TenantId) -> DbResult<bool> {
        let mut conn = self.pool.acquire().await?;
        Ok(setting(&mut conn, tenant, SECOND_FACTOR_REQUIRED).await? == 1)
    }
}
