//! The runner of durable background jobs: reminders for evaluation dates,
//! the level-0 clock, report reviews, intake deadlines, plan revisions and
//! the end of consents. It calls into the features that own the cases; they
//! schedule jobs through `job_queue` and never call the runner back.
//!
//! A job is a row scheduled in the same transaction as the write that calls
//! for it, so it survives a crash or restart. The runner takes due jobs in
//! the writer's transaction, does each job's effect there and marks it done
//! in the same commit: a job's effect happens once, even with several
//! servers on one database (the `status = 'pending'` guard lets only one
//! claim it), and a job that fails is retried later without blocking others.

use ettlag_core::ids::RelayLogId;
use std::time::Duration;

use ettlag_core::relay::LogState;
use ettlag_core::{Day, TenantId};
use sqlx::Row;

use crate::access::relay::{concern_for_reminder, log_for_reminder};
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::job_queue::{
    CONCERN_DEADLINE, EVALUATION_DUE, INTAKE_DEADLINE, PLAN_REVISION_DUE, REPORT_REVIEW_DUE,
};
use crate::staff_notice::{About, Notice, audit_reminder, notify, notify_report};
use crate::store::Store;
use crate::writer::Tx;

/// The most jobs one run takes.
const BATCH: i64 = 200;
/// A failing job is given up after this many attempts.
const MAX_ATTEMPTS: i64 = 10;

/// A job as the runner sees it.
#[derive(Debug, Clone)]
struct Job {
    tenant: String,
    kind: String,
    ref_id: String,
    attempts: i64,
}

impl Store {
    /// Runs the jobs due at `now` and returns how many did their work.
    pub async fn run_due_jobs(&self, now: i64) -> DbResult<usize> {
        self.writer
            .run(move |tx| Box::pin(async move { run_due(tx, now).await }))
            .await
    }

    /// Runs due jobs now and then every `every` until the store closes.
    pub fn spawn_job_runner(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let store = self.clone();
        tokio::spawn(async move {
            loop {
                match store.run_due_jobs(now_ms()).await {
                    Ok(n) if n > 0 => tracing::info!(jobs = n, "background jobs ran"),
                    Ok(_) => {}
                    Err(DbError::Unavailable) => break,
                    Err(e) => tracing::warn!(error = %e, "background jobs failed; retrying later"),
                }
                tokio::time::sleep(every).await;
            }
        })
    }
}

async fn run_due(tx: &mut Tx, now: i64) -> DbResult<usize> {
    let rows = sqlx::query(
        "SELECT tenant_id, kind, ref_id, attempts FROM jobs WHERE status = 'pending' AND run_at <= $1 \
         ORDER BY run_at LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&mut tx.conn)
    .await?;
    let jobs = rows
        .iter()
        .map(|r| {
            Ok(Job {
                tenant: r.try_get("tenant_id")?,
                kind: r.try_get("kind")?,
                ref_id: r.try_get("ref_id")?,
                attempts: r.try_get("attempts")?,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    let mut ran = 0;
    for job in jobs {
        // Claim it: another server may have taken it since the select.
        let claimed = sqlx::query(
            "UPDATE jobs SET status = 'done', done_at = $4, attempts = attempts + 1 \
             WHERE tenant_id = $1 AND kind = $2 AND ref_id = $3 AND status = 'pending'",
        )
        .bind(&job.tenant)
        .bind(&job.kind)
        .bind(&job.ref_id)
        .bind(now)
        .execute(&mut tx.conn)
        .await?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        sqlx::query("SAVEPOINT one_job")
            .execute(&mut tx.conn)
            .await?;
        match run_one(tx, &job, now).await {
            Ok(()) => {
                sqlx::query("RELEASE SAVEPOINT one_job")
                    .execute(&mut tx.conn)
                    .await?;
                ran += 1;
            }
            Err(e) => {
                sqlx::query("ROLLBACK TO SAVEPOINT one_job")
                    .execute(&mut tx.conn)
                    .await?;
                sqlx::query("RELEASE SAVEPOINT one_job")
                    .execute(&mut tx.conn)
                    .await?;
                tx.heads.clear();
                tracing::warn!(kind = %job.kind, error = %e, "a background job failed");
                let attempts = job.attempts + 1;
                let status = if attempts >= MAX_ATTEMPTS {
                    "failed"
                } else {
                    "pending"
                };
                sqlx::query(
                    "UPDATE jobs SET status = $4, run_at = $5, last_error = $6, done_at = NULL \
                     WHERE tenant_id = $1 AND kind = $2 AND ref_id = $3",
                )
                .bind(&job.tenant)
                .bind(&job.kind)
                .bind(&job.ref_id)
                .bind(status)
                .bind(now + attempts * 5 * 60_000)
                .bind(e.to_string().chars().take(500).collect::<String>())
                .execute(&mut tx.conn)
                .await?;
            }
        }
    }
    // The annual cycle's occurrences open when their lead time starts.
    ran += crate::access::cycle::remind::open_due(tx, now).await?;
    Ok(ran)
}

async fn run_one(tx: &mut Tx, job: &Job, now: i64) -> DbResult<()> {
    let tenant = TenantId::from_trusted(job.tenant.clone());
    match job.kind.as_str() {
        EVALUATION_DUE => evaluation_due(tx, &tenant, &job.ref_id, now).await,
        CONCERN_DEADLINE => concern_deadline(tx, &tenant, &job.ref_id, now).await,
        REPORT_REVIEW_DUE => report_review_due(tx, &tenant, &job.ref_id, now).await,
        INTAKE_DEADLINE => crate::access::intake_deadline(tx, &tenant, &job.ref_id, now).await,
        PLAN_REVISION_DUE => plan_revision_due(tx, &tenant, &job.ref_id, now).await,
        crate::access::consent::CONSENT_END => {
            crate::access::consent::consent_ended(tx, &tenant, &job.ref_id, now).await
        }
        other => Err(DbError::Other(format!("unknown job kind {other}"))),
    }
}

/// Reminds the measure's responsible person and the holder, if the measure
/// still goes on with this evaluation date.
async fn evaluation_due(tx: &mut Tx, tenant: &TenantId, ref_id: &str, now: i64) -> DbResult<()> {
    let mut parts = ref_id.splitn(3, '/');
    let (Some(log_id), Some(measure_id), Some(due)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(DbError::Other(format!("bad evaluation job {ref_id}")));
    };
    let log_id = RelayLogId::from_trusted(log_id.to_string());
    let Some((row, events)) = log_for_reminder(&mut tx.conn, tenant, &log_id).await? else {
        return Ok(());
    };
    let state = LogState::replay(events)
        .map_err(|e| DbError::Other(format!("relay log {log_id} does not replay: {e}")))?;
    let due = Day::parse(due).map_err(|_| DbError::Other(format!("bad date in {ref_id}")))?;
    let Some(measure) = state
        .measures()
        .into_iter()
        .find(|m| m.id == measure_id && !m.ended && m.due == due)
    else {
        return Ok(());
    };
    if !state.is_open() || due > Day::from_ms(now) {
        return Ok(());
    }
    let mut to = vec![measure.responsible.clone()];
    if state.baton.holder != measure.responsible {
        to.push(state.baton.holder.clone());
    }
    for staff in to {
        notify(
            tx,
            tenant,
            Notice {
                staff: staff.as_str(),
                key: &format!("{EVALUATION_DUE}:{measure_id}:{due}"),
                kind: EVALUATION_DUE,
                child_id: row.child_id.as_str(),
                about: About::Log(&log_id),
                // A health or school measure is not named where the
                // holder may not be allowed to read it.
                detail: if state
                    .category_of(&measure.id)
                    .is_none_or(|c| c.is_relay_log())
                {
                    measure.what.as_str()
                } else {
                    ""
                },
            },
            now,
        )
        .await?;
    }
    audit_reminder(tx, tenant, "relay_log", &log_id, now).await
}

/// Reminds the one who raised a concern that its deadline has passed
/// without a decision.
async fn concern_deadline(tx: &mut Tx, tenant: &TenantId, id: &str, now: i64) -> DbResult<()> {
    let Some(c) = concern_for_reminder(&mut tx.conn, tenant, id).await? else {
        return Ok(());
    };
    if c.decided {
        return Ok(());
    }
    let deadline = Day::from_ms(c.deadline_ms).to_string();
    notify(
        tx,
        tenant,
        Notice {
            staff: c.raised_by.as_str(),
            key: &format!("{CONCERN_DEADLINE}:{id}"),
            kind: CONCERN_DEADLINE,
            child_id: c.child_id.as_str(),
            about: About::Concern(id),
            detail: &deadline,
        },
        now,
    )
    .await?;
    audit_reminder(tx, tenant, "concern", id, now).await
}

/// Escalates a report child welfare has not reviewed within the week: every
/// leader of the receiving unit (or, without one, its staff) is told.
async fn report_review_due(tx: &mut Tx, tenant: &TenantId, id: &str, now: i64) -> DbResult<()> {
    let Some(row) = crate::access::report::report_row(&mut tx.conn, tenant, id).await? else {
        return Ok(());
    };
    if row.reviewed_at_ms.is_some() {
        return Ok(());
    }
    let staff = crate::access::report::escalation_staff(tx, tenant, &row.receiving_unit).await?;
    for s in staff {
        notify_report(tx, tenant, &s, id, &row.child_id, "report_overdue", now).await?;
    }
    audit_reminder(tx, tenant, "report", id, now).await
}

/// Reminds a plan's coordinators (or, with none, the one who made it) that
/// its revision date has come, if the plan still has that date.
async fn plan_revision_due(tx: &mut Tx, tenant: &TenantId, ref_id: &str, now: i64) -> DbResult<()> {
    let Some((plan_id, due)) = ref_id.split_once('/') else {
        return Err(DbError::Other(format!("bad plan job {ref_id}")));
    };
    let Some((person, next, mut to, creator)) =
        crate::access::plan::plan_for_reminder(&mut tx.conn, tenant, plan_id).await?
    else {
        return Ok(());
    };
    if next != due {
        return Ok(());
    }
    if to.is_empty() {
        to.push(creator);
    }
    let key = format!("{PLAN_REVISION_DUE}:{ref_id}");
    for staff in to {
        let notice = Notice {
            staff: staff.as_str(),
            key: &key,
            kind: PLAN_REVISION_DUE,
            child_id: person.as_str(),
            about: About::Plan(plan_id),
            detail: due,
        };
        notify(tx, tenant, notice, now).await?;
    }
    audit_reminder(tx, tenant, "plan", plan_id, now).await
}
