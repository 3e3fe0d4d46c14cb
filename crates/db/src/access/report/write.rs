//! Making a report, and child welfare's acknowledgement and review.

use ettlag_core::ids::{ConcernId, ReportId};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::report::{Outcome, REVIEW_DAYS, ReportDraft, grounds_to_codes};
use ettlag_core::text::Text;
use ettlag_core::{Coded, PersonId, StaffId, TenantId, UnitId};
use sqlx::Row;

use super::{Report, child_welfare_units, decide_on, report_row};
use crate::access::facts::register::child_units;
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue::{self, REPORT_REVIEW_DUE};
use crate::relay_models::UnitRef;
use crate::staff_notice;
use crate::writer::Tx;

/// What a reporter sends.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub child: PersonId,
    pub draft: ReportDraft,
    /// The child welfare unit; when `None`, the municipality's only one.
    pub receiving_unit: Option<UnitId>,
    /// The concern the report comes from, if any.
    pub concern: Option<ConcernId>,
}

impl AccessContext {
    /// Sends a report to child welfare. Returns it as the reporter's receipt.
    pub async fn make_report(&self, new: NewReport) -> DbResult<Report> {
        let ctx = self.write_ctx();
        let id = self
            .store
            .writer
            .run(move |tx| Box::pin(async move { make_in(tx, &ctx, &new).await }))
            .await??;
        self.report(&ReportId::from_trusted(id)).await
    }

    /// Child welfare confirms it has received the report; the reporter's
    /// receipt shows it.
    pub async fn acknowledge_report(
        &self,
        id: &ReportId,
        expected_version: Option<i64>,
    ) -> DbResult<()> {
        self.update_report(id, expected_version, None).await
    }

    /// Child welfare's review: an investigation starts, or the report is
    /// closed after review.
    pub async fn review_report(
        &self,
        id: &ReportId,
        outcome: Outcome,
        note: Option<Text>,
        expected_version: Option<i64>,
    ) -> DbResult<()> {
        self.update_report(id, expected_version, Some((outcome, note)))
            .await
    }

    async fn update_report(
        &self,
        id: &str,
        expected_version: Option<i64>,
        review: Option<(Outcome, Option<Text>)>,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { update_in(tx, &ctx, &id, expected_version, review).await })
            })
            .await?
    }
}

/// A short number for the receipt, unique in the municipality.
fn reference(id: &str) -> String {
    let tail: String = id.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    let tail = &tail[tail.len().saturating_sub(8)..];
    format!("BV-{}", tail.to_ascii_uppercase())
}

async fn make_in(tx: &mut Tx, ctx: &WriteCtx, new: &NewReport) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let is_child =
        sqlx::query("SELECT 1 FROM persons WHERE tenant_id = $1 AND id = $2 AND kind = 'child'")
            .bind(tenant.as_str())
            .bind(new.child.as_str())
            .fetch_optional(&mut tx.conn)
            .await?
            .is_some();
    if !is_child {
        let d = ctx.decide(Action::Create, &Subject::Unknown);
        ctx.settle(tx, Action::Create, ("report", ""), d).await?;
        return Ok(Err(DbError::NotFound));
    }
    let units = child_welfare_units(&mut tx.conn, &tenant).await?;
    let receiving = match &new.receiving_unit {
        Some(u) => units.iter().find(|r| &r.id == u).map(|r| r.id.clone()),
        None if units.len() == 1 => Some(units[0].id.clone()),
        None => None,
    };
    let child_units = child_units(&mut tx.conn, &tenant, &new.child).await?;
    let knows_child = knows_child(&mut tx.conn, &tenant, &ctx.actor.staff, &new.child).await?;
    let id = new_id();
    // Without a receiver the policy still decides first, against the unit it
    // would go to, so that a stranger to the child gets the same answer as for
    // a child that does not exist rather than learning that it does.
    let decided_for = receiving
        .clone()
        .unwrap_or_else(|| receiver_to_decide(&units, &ctx.actor));
    let d = ctx.decide(
        Action::Create,
        &Subject::Report(ettlag_core::policy::Report {
            tenant: &tenant,
            child_units: &child_units,
            receiving_unit: &decided_for,
            reporter: None,
            knows_child,
        }),
    );
    let mut audit = ctx.event(Action::Create, "report", &id, d);
    if d.is_allowed() {
        // The statutory ground is part of the legal basis: "duty_to_report:a,c".
        let letters: Vec<String> = new
            .draft
            .grounds
            .iter()
            .map(|g| g.letter().to_string())
            .collect();
        let basis = format!("{}:{}", audit.legal_basis(), letters.join(","));
        audit = audit.with_legal_basis(basis);
    }
    if !d.is_allowed() {
        crate::access::gate::seal(tx, &tenant, vec![audit]).await?;
        return Ok(Err(DbError::NotFound));
    }
    let Some(receiving) = receiving else {
        return Ok(Err(DbError::Refused(if units.is_empty() {
            "report-error-no-child-welfare"
        } else {
            "report-error-receiver"
        })));
    };
    if let Some(concern) = &new.concern {
        let about_child = sqlx::query(
            "SELECT 1 FROM concerns WHERE tenant_id = $1 AND id = $2 AND child_id = $3",
        )
        .bind(tenant.as_str())
        .bind(concern.as_str())
        .bind(new.child.as_str())
        .fetch_optional(&mut tx.conn)
        .await?
        .is_some();
        if !about_child {
            return Ok(Err(DbError::Refused("report-error-concern")));
        }
    }
    // Recorded only now: a refused report is no access to the child.
    crate::access::gate::seal(tx, &tenant, vec![audit]).await?;
    // The unit the reporter reports from: where they meet the child.
    let reporter_unit = child_units
        .iter()
        .find(|u| ctx.actor.units.contains(u))
        .or(ctx.actor.units.first())
        .cloned();
    let now = now_ms();
    let due = now + REVIEW_DAYS * 86_400_000;
    sqlx::query(
        "INSERT INTO reports (tenant_id, id, reference, child_id, grounds, body, reporter_id, \
         reporter_unit_id, receiving_unit_id, concern_id, submitted_at, review_due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(reference(&id))
    .bind(new.child.as_str())
    .bind(grounds_to_codes(&new.draft.grounds))
    .bind(new.draft.text.as_str())
    .bind(ctx.actor.staff.as_str())
    .bind(reporter_unit.as_ref().map(|u| u.as_str()))
    .bind(receiving.as_str())
    .bind(new.concern.as_deref())
    .bind(now)
    .bind(due)
    .execute(&mut tx.conn)
    .await?;
    for staff in unit_staff(tx, &tenant, &receiving).await? {
        staff_notice::notify_report(tx, &tenant, &staff, &id, &new.child, "report_received", now)
            .await?;
    }
    job_queue::schedule(tx, tenant.as_str(), REPORT_REVIEW_DUE, &id, due).await?;
    crate::steering::track::child_event(
        tx,
        &tenant,
        crate::steering::metric::REPORT,
        new.child.as_str(),
        now,
    )
    .await?;
    Ok(Ok(id))
}

/// The reporter knows the child through a case: holds its open relay log,
/// raised a concern about it, or has worked in its log. The duty to report
/// rests on what one learned at work, which a withdrawn consent does not
/// take back.
pub(crate) async fn knows_child(
    conn: &mut sqlx::AnyConnection,
    tenant: &TenantId,
    staff: &StaffId,
    child: &PersonId,
) -> DbResult<bool> {
    let row = sqlx::query(
        "SELECT 1 FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 AND holder_id = $3 \
         AND closed_at IS NULL UNION ALL SELECT 1 FROM concerns WHERE tenant_id = $1 \
         AND child_id = $2 AND raised_by = $3 UNION ALL SELECT 1 FROM relay_events e \
         JOIN relay_logs l ON l.tenant_id = e.tenant_id AND l.id = e.log_id \
         WHERE e.tenant_id = $1 AND l.child_id = $2 AND e.by_staff = $3",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .bind(staff.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

/// The unit a report is decided against before its receiver is known: the
/// child welfare unit the actor works in, else any (working in child welfare
/// is what the policy asks), else an id no unit has.
pub(crate) fn receiver_to_decide(units: &[UnitRef], actor: &ettlag_core::policy::Actor) -> UnitId {
    units
        .iter()
        .find(|u| actor.units.contains(&u.id))
        .or(units.first())
        .map(|u| u.id.clone())
        .unwrap_or_else(|| UnitId::from_trusted(String::new()))
}

/// The receiving unit's leaders, or all its staff when it has no leader.
pub(crate) async fn escalation_staff(
    tx: &mut Tx,
    tenant: &TenantId,
    unit: &UnitId,
) -> DbResult<Vec<String>> {
    let all = staff_with_roles(tx, tenant, unit).await?;
    let leaders: Vec<String> = all
        .iter()
        .filter(|(_, r)| r.has(ettlag_core::Role::UnitLeader))
        .map(|(s, _)| s.clone())
        .collect();
    Ok(if leaders.is_empty() {
        all.into_iter().map(|(s, _)| s).collect()
    } else {
        leaders
    })
}

/// Active staff of a unit who work with children.
pub(crate) async fn unit_staff(
    tx: &mut Tx,
    tenant: &TenantId,
    unit: &UnitId,
) -> DbResult<Vec<String>> {
    Ok(staff_with_roles(tx, tenant, unit)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect())
}

async fn staff_with_roles(
    tx: &mut Tx,
    tenant: &TenantId,
    unit: &UnitId,
) -> DbResult<Vec<(String, ettlag_core::RoleSet)>> {
    let rows = sqlx::query(
        "SELECT s.id, s.roles FROM staff s JOIN staff_units su ON su.tenant_id = s.tenant_id \
         AND su.staff_id = s.id WHERE s.tenant_id = $1 AND su.unit_id = $2 AND s.active = 1",
    )
    .bind(tenant.as_str())
    .bind(unit.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let roles =
            ettlag_core::RoleSet::parse(&r.try_get::<String, _>("roles")?).unwrap_or_default();
        if roles.works_with_children() {
            out.push((r.try_get("id")?, roles));
        }
    }
    Ok(out)
}

async fn update_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
    expected_version: Option<i64>,
    review: Option<(Outcome, Option<Text>)>,
) -> DbResult<DbResult<()>> {
    let tenant = ctx.actor.tenant.clone();
    let Some(row) = report_row(&mut tx.conn, &tenant, id).await? else {
        let d = ctx.decide(Action::Update, &Subject::Unknown);
        ctx.settle(tx, Action::Update, ("report", id), d).await?;
        return Ok(Err(DbError::NotFound));
    };
    let units = child_units(&mut tx.conn, &tenant, &row.child_id).await?;
    let d = decide_on(
        &ctx.actor,
        ctx.purpose,
        Action::Update,
        &tenant,
        &row,
        &units,
    );
    ctx.settle(tx, Action::Update, ("report", id), d).await?;
    if !d.is_allowed() {
        // The reporter reads their receipt but does not review it: they may
        // know the report exists, others must not learn it.
        let may_read = decide_on(&ctx.actor, ctx.purpose, Action::Read, &tenant, &row, &units);
        return Ok(Err(if may_read.is_allowed() {
            DbError::Forbidden
        } else {
            DbError::NotFound
        }));
    }
    if expected_version.is_some_and(|v| v != row.version) {
        return Ok(Err(DbError::Stale));
    }
    let now = now_ms();
    let kind = if review.is_some() {
        "report_reviewed"
    } else {
        "report_acknowledged"
    };
    match review {
        None => {
            if row.acknowledged_at_ms.is_some() {
                return Ok(Err(DbError::Refused("report-error-acknowledged")));
            }
            sqlx::query(
                "UPDATE reports SET acknowledged_at = $3, acknowledged_by = $4, version = version + 1 \
                 WHERE tenant_id = $1 AND id = $2",
            )
            .bind(tenant.as_str())
            .bind(id)
            .bind(now)
            .bind(ctx.actor.staff.as_str())
            .execute(&mut tx.conn)
            .await?;
        }
        Some((outcome, note)) => {
            if row.reviewed_at_ms.is_some() {
                return Ok(Err(DbError::Refused("report-error-reviewed")));
            }
            // A review is also the receipt, if none was given before.
            sqlx::query(
                "UPDATE reports SET reviewed_at = $3, reviewed_by = $4, review_outcome = $5, \
                 review_note = $6, acknowledged_at = COALESCE(acknowledged_at, $3), \
                 acknowledged_by = COALESCE(acknowledged_by, $4), version = version + 1 \
                 WHERE tenant_id = $1 AND id = $2",
            )
            .bind(tenant.as_str())
            .bind(id)
            .bind(now)
            .bind(ctx.actor.staff.as_str())
            .bind(outcome.code())
            .bind(note.map(|n| n.as_str().to_string()))
            .execute(&mut tx.conn)
            .await?;
            job_queue::cancel(tx, tenant.as_str(), REPORT_REVIEW_DUE, id).await?;
        }
    }
    staff_notice::notify_report(
        tx,
        &tenant,
        row.reporter.as_str(),
        id,
        &row.child_id,
        kind,
        now,
    )
    .await?;
    Ok(Ok(()))
}
