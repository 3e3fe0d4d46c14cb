//! An administrator's part in the second factor of local staff accounts:
//! seeing who has one (the staff list shows it), and resetting the factor of
//! someone who lost their phone and their recovery codes, so that their next
//! sign-in asks them to enrol again. A reset takes away a protection of the
//! account, so it is decided as an update of the organisation and recorded
//! in the access log in the same transaction as the removal.

use ettlag_core::StaffId;
use ettlag_core::policy::{Action, Decision, Denial, Subject};
use sqlx::Row;

use super::AccessContext;
use super::gate::{Record, seal};
use crate::error::{DbError, DbResult};
use crate::second_factor::enrol::forget_factor;
use crate::writer::Tx;

/// How the access log names a reset: the creation of a reset, as a removal
/// of a group role is the creation of a removal (the policy knows no delete,
/// and the log must tell a reset from an enrolment).
const RESET: &str = "second_factor_reset";

impl AccessContext {
    /// The staff of the actor's municipality who have a second factor
    /// (enrolments not yet confirmed do not count). Administrators only:
    /// colleagues see the organisation, but who lacks a factor tells an
    /// attacker which password to try, so this is decided as the register's
    /// upkeep is and recorded as a read.
    pub async fn staff_with_second_factor(&self) -> DbResult<Vec<StaffId>> {
        let tenant = self.tenant().clone();
        let decision = self.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
        self.audit_reads(vec![self.event(
            Action::Read,
            "second_factor",
            "",
            decision,
        )])
        .await?;
        if !decision.is_allowed() {
            return Err(DbError::Forbidden);
        }
        let rows = sqlx::query(
            "SELECT staff_id FROM staff_second_factor \
             WHERE tenant_id = $1 AND enrolled_at IS NOT NULL",
        )
        .bind(tenant.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| Ok(StaffId::from_trusted(r.try_get("staff_id")?)))
            .collect()
    }

    /// Removes a staff member's second factor and recovery codes
    /// (administrators only), and ends their sessions and any sign-in of
    /// theirs half-way through the old factor. Answers whether they had a factor; without
    /// one nothing changes but the record of the attempt.
    pub async fn reset_second_factor(&self, staff: &StaffId) -> DbResult<bool> {
        let ctx = self.write_ctx();
        let staff = staff.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let resource = (RESET, staff.as_str());
                    let decision =
                        ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    if !decision.is_allowed() {
                        ctx.settle(tx, Action::Create, resource, decision).await?;
                        return Ok(Err(DbError::Forbidden));
                    }
                    // Not one's own: the own page asks for a current code before
                    // the factor goes, and this button must not let someone who
                    // holds only an administrator's password (or open session)
                    // strip that administrator's factor without one.
                    if staff == ctx.actor.staff {
                        let own = Record::own_account(
                            staff.as_str(),
                            Action::Create.code(),
                            resource,
                            false,
                            "own_account",
                            &ctx.request_id,
                        );
                        seal(tx, &tenant, vec![own]).await?;
                        return Ok(Err(DbError::Conflict("own second factor")));
                    }
                    if !staff_exists(tx, tenant.as_str(), &staff).await? {
                        let unknown = Decision::Deny(Denial::UnknownSubject);
                        ctx.settle(tx, Action::Create, resource, unknown).await?;
                        return Ok(Err(DbError::NotFound));
                    }
                    ctx.settle(tx, Action::Create, resource, decision).await?;
                    let had = forget_factor(tx, tenant.as_str(), staff.as_str()).await?;
                    end_sign_in_steps(tx, tenant.as_str(), &staff).await?;
                    Ok(Ok(had))
                })
            })
            .await?
    }
}

async fn staff_exists(tx: &mut Tx, tenant: &str, staff: &StaffId) -> DbResult<bool> {
    let row = sqlx::query("SELECT id FROM staff WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(staff.as_str())
        .fetch_optional(&mut tx.conn)
        .await?;
    Ok(row.is_some())
}

/// A sign-in waiting for a code of the old factor cannot finish any more,
/// and open sessions end too (a lost phone may be a stolen one): the next
/// sign-in starts again from the password, and then asks for enrolment.
async fn end_sign_in_steps(tx: &mut Tx, tenant: &str, staff: &StaffId) -> DbResult<()> {
    for sql in [
        "DELETE FROM sign_in_steps WHERE tenant_id = $1 AND staff_id = $2",
        "DELETE FROM sessions WHERE tenant_id = $1 AND staff_id = $2",
    ] {
        sqlx::query(sql)
            .bind(tenant)
            .bind(staff.as_str())
            .execute(&mut tx.conn)
            .await?;
    }
    Ok(())
}
