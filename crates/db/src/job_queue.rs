//! The jobs table as a write sees it: the kinds of job, and how a write
//! schedules, moves or cancels one in its own transaction. The runner that
//! does the jobs (`jobs`) stands above the features that schedule them, so
//! this module knows no feature.

use crate::clock::now_ms;
use crate::error::DbResult;
use crate::writer::Tx;

/// A measure's evaluation date has come. `ref_id` is `log/measure/date`.
pub const EVALUATION_DUE: &str = "evaluation_due";
/// A concern's deadline to decide has passed. `ref_id` is the concern.
pub const CONCERN_DEADLINE: &str = "concern_deadline";

/// Child welfare's week to review a report has passed. `ref_id` is the report.
pub const REPORT_REVIEW_DUE: &str = "report_review_due";

/// An intake item's deadline has come. `ref_id` is the item.
pub const INTAKE_DEADLINE: &str = "intake_deadline";
/// A plan's revision date has come. `ref_id` is `plan/date`.
pub const PLAN_REVISION_DUE: &str = "plan_revision_due";
/// Schedules a job, or moves it to `run_at` if it is already scheduled. A job
/// that has run stays done.
pub(crate) async fn schedule(
    tx: &mut Tx,
    tenant: &str,
    kind: &str,
    ref_id: &str,
    run_at: i64,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO jobs (tenant_id, kind, ref_id, run_at, status, attempts, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', 0, $5) \
         ON CONFLICT (tenant_id, kind, ref_id) DO UPDATE SET run_at = excluded.run_at, \
         status = CASE WHEN jobs.status = 'done' THEN 'done' ELSE 'pending' END",
    )
    .bind(tenant)
    .bind(kind)
    .bind(ref_id)
    .bind(run_at)
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

/// Cancels a pending job.
pub(crate) async fn cancel(tx: &mut Tx, tenant: &str, kind: &str, ref_id: &str) -> DbResult<()> {
    sqlx::query(
        "UPDATE jobs SET status = 'cancelled' WHERE tenant_id = $1 AND kind = $2 AND ref_id = $3 \
         AND status = 'pending'",
    )
    .bind(tenant)
    .bind(kind)
    .bind(ref_id)
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

/// Cancels every pending job of a kind whose reference starts with `prefix`.
pub(crate) async fn cancel_prefix(
    tx: &mut Tx,
    tenant: &str,
    kind: &str,
    prefix: &str,
) -> DbResult<()> {
    sqlx::query(
        "UPDATE jobs SET status = 'cancelled' WHERE tenant_id = $1 AND kind = $2 \
         AND ref_id >= $3 AND ref_id < $4 AND status = 'pending'",
    )
    .bind(tenant)
    .bind(kind)
    .bind(prefix)
    .bind(format!("{prefix}\u{10FFFF}"))
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}
