//! A new set of recovery codes on the staff member's own page: asked for
//! with a current code (from the app, or a recovery code), so that a session
//! left open is not enough to take over the factor. The old codes stop
//! working in the same commit as the new ones are made, and the access log
//! records the attempt there too, whatever its outcome.

use ettlag_core::{StaffId, TenantId};

use super::CodeOutcome;
use super::check::use_code;
use super::enrol::replace_recovery_codes;
use crate::access::gate::{Record, seal};
use crate::error::DbResult;
use crate::store::Store;

/// How the access log names the recovery codes of a staff member.
const RECOVERY_CODES: &str = "recovery_codes";

impl Store {
    /// Replaces the staff member's recovery codes when `typed` is a current
    /// code and returns the new ones, to be shown once; otherwise nothing
    /// changes and the answer says why. Recorded as `create` of
    /// `recovery_codes`, like an enrolment.
    pub async fn renew_recovery_codes(
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
                    let outcome = use_code(tx, t, &staff, &typed).await?;
                    let renewed = if outcome.accepted() {
                        Ok(replace_recovery_codes(tx, t, &staff).await?)
                    } else {
                        Err(outcome)
                    };
                    let record = Record::own_account(
                        &staff,
                        "create",
                        (RECOVERY_CODES, &staff),
                        outcome.accepted(),
                        outcome.reason(),
                        &request_id,
                    );
                    seal(tx, &tenant, vec![record]).await?;
                    Ok(renewed)
                })
            })
            .await
    }
}
