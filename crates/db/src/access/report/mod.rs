//! Reports to child welfare behind the one door. Making a report is a
//! statutory path: it needs no consent and ignores a restriction, but is
//! decided and audited like everything else, with its legal basis. Child
//! welfare reads its queue and reviews each report within a week; the
//! reporter reads their own receipt.

mod write;

use ettlag_core::ids::{ConcernId, ReportId};
use ettlag_core::policy::{Action, Decision, Grant, Subject};
use ettlag_core::report::{Ground, Outcome, grounds_from_codes};
use ettlag_core::{Coded, PersonId, ServiceType, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::AccessContext;
use super::facts::register::{child_ref, child_units};
use crate::error::{DbError, DbResult};
use crate::relay_models::{ChildRef, StaffRef, UnitRef};

pub use write::NewReport;
pub(crate) use write::{escalation_staff, unit_staff};
pub(crate) use write::{knows_child, receiver_to_decide};

/// A report as child welfare and the reporter see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub id: ReportId,
    /// The short number on the reporter's receipt.
    pub reference: String,
    pub child: ChildRef,
    pub grounds: Vec<Ground>,
    pub text: String,
    pub reporter: StaffRef,
    pub reporter_unit: Option<UnitRef>,
    pub receiving_unit: UnitRef,
    pub concern_id: Option<ConcernId>,
    pub submitted_at_ms: i64,
    pub review_due_at_ms: i64,
    pub acknowledged_at_ms: Option<i64>,
    pub acknowledged_by: Option<StaffRef>,
    pub reviewed_at_ms: Option<i64>,
    pub reviewed_by: Option<StaffRef>,
    pub outcome: Option<Outcome>,
    /// Child welfare's own note; not shown to the reporter.
    pub review_note: Option<String>,
    pub version: i64,
    /// Whether the reader is child welfare (who may acknowledge and review).
    pub reader_reviews: bool,
}

impl Report {
    /// Past the review deadline without a review.
    pub fn is_overdue(&self, now_ms: i64) -> bool {
        self.reviewed_at_ms.is_none() && now_ms > self.review_due_at_ms
    }
}

/// The raw row of a report, before names are looked up.
#[derive(Debug, Clone)]
pub(crate) struct ReportRow {
    pub id: ReportId,
    pub reference: String,
    pub child_id: PersonId,
    pub grounds: String,
    pub body: String,
    pub reporter: StaffId,
    pub reporter_unit: Option<UnitId>,
    pub receiving_unit: UnitId,
    pub concern_id: Option<ConcernId>,
    pub submitted_at_ms: i64,
    pub review_due_at_ms: i64,
    pub acknowledged_at_ms: Option<i64>,
    pub acknowledged_by: Option<StaffId>,
    pub reviewed_at_ms: Option<i64>,
    pub reviewed_by: Option<StaffId>,
    pub outcome: Option<String>,
    pub review_note: Option<String>,
    pub version: i64,
}

const COLUMNS: &str = "id, reference, child_id, grounds, body, reporter_id, reporter_unit_id, \
     receiving_unit_id, concern_id, submitted_at, review_due_at, acknowledged_at, acknowledged_by, \
     reviewed_at, reviewed_by, review_outcome, review_note, version";

fn row_from(r: &sqlx::any::AnyRow) -> DbResult<ReportRow> {
    let staff = |v: Option<String>| v.map(StaffId::from_trusted);
    Ok(ReportRow {
        id: ReportId::from_trusted(r.try_get("id")?),
        reference: r.try_get("reference")?,
        child_id: PersonId::from_trusted(r.try_get("child_id")?),
        grounds: r.try_get("grounds")?,
        body: r.try_get("body")?,
        reporter: StaffId::from_trusted(r.try_get("reporter_id")?),
        reporter_unit: r
            .try_get::<Option<String>, _>("reporter_unit_id")?
            .map(UnitId::from_trusted),
        receiving_unit: UnitId::from_trusted(r.try_get("receiving_unit_id")?),
        concern_id: crate::rows::optional_id(r, "concern_id")?,
        submitted_at_ms: r.try_get("submitted_at")?,
        review_due_at_ms: r.try_get("review_due_at")?,
        acknowledged_at_ms: r.try_get("acknowledged_at")?,
        acknowledged_by: staff(r.try_get("acknowledged_by")?),
        reviewed_at_ms: r.try_get("reviewed_at")?,
        reviewed_by: staff(r.try_get("reviewed_by")?),
        outcome: r.try_get("review_outcome")?,
        review_note: r.try_get("review_note")?,
        version: r.try_get("version")?,
    })
}

pub(crate) async fn report_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<ReportRow>> {
    let sql = format!("SELECT {COLUMNS} FROM reports WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(row_from).transpose()
}

/// Decides an access to a stored report.
pub(crate) fn decide_on(
    actor: &ettlag_core::policy::Actor,
    purpose: ettlag_core::policy::Purpose,
    action: Action,
    tenant: &TenantId,
    row: &ReportRow,
    child_units: &[UnitId],
) -> Decision {
    ettlag_core::policy::decide(
        actor,
        purpose,
        action,
        &Subject::Report(ettlag_core::policy::Report {
            tenant,
            child_units,
            receiving_unit: &row.receiving_unit,
            reporter: Some(&row.reporter),
            knows_child: false,
        }),
    )
}

/// The child welfare units of a municipality.
pub(crate) async fn child_welfare_units(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> DbResult<Vec<UnitRef>> {
    let rows = sqlx::query(
        "SELECT id, name FROM units WHERE tenant_id = $1 AND service_type = $2 ORDER BY name",
    )
    .bind(tenant.as_str())
    .bind(ServiceType::ChildWelfare.code())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(UnitRef {
                id: UnitId::from_trusted(r.try_get("id")?),
                name: r.try_get("name")?,
            })
        })
        .collect()
}

async fn view_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    row: ReportRow,
    decision: Decision,
) -> DbResult<Report> {
    let child = child_ref(conn, tenant, &row.child_id)
        .await?
        .ok_or_else(|| DbError::Other(format!("report {} has no child", row.id)))?;
    let mut staff_ids = vec![row.reporter.to_string()];
    staff_ids.extend(row.acknowledged_by.iter().map(|s| s.to_string()));
    staff_ids.extend(row.reviewed_by.iter().map(|s| s.to_string()));
    let mut unit_ids = vec![row.receiving_unit.to_string()];
    unit_ids.extend(row.reporter_unit.iter().map(|u| u.to_string()));
    let staff_names = super::facts::register::names(conn, tenant, "staff", &staff_ids).await?;
    let unit_names = super::facts::register::names(conn, tenant, "units", &unit_ids).await?;
    let staff = |id: &StaffId| StaffRef {
        id: id.clone(),
        name: staff_names.get(id.as_str()).cloned().unwrap_or_default(),
    };
    let unit = |id: &UnitId| UnitRef {
        id: id.clone(),
        name: unit_names.get(id.as_str()).cloned().unwrap_or_default(),
    };
    let reviews = decision == Decision::Allow(Grant::ChildWelfareReview);
    Ok(Report {
        grounds: grounds_from_codes(&row.grounds),
        child,
        reporter: staff(&row.reporter),
        reporter_unit: row.reporter_unit.as_ref().map(unit),
        receiving_unit: unit(&row.receiving_unit),
        acknowledged_by: row.acknowledged_by.as_ref().map(staff),
        reviewed_by: row.reviewed_by.as_ref().map(staff),
        outcome: row.outcome.as_deref().and_then(Outcome::from_code),
        review_note: if reviews { row.review_note } else { None },
        id: row.id,
        reference: row.reference,
        text: row.body,
        concern_id: row.concern_id,
        submitted_at_ms: row.submitted_at_ms,
        review_due_at_ms: row.review_due_at_ms,
        acknowledged_at_ms: row.acknowledged_at_ms,
        reviewed_at_ms: row.reviewed_at_ms,
        version: row.version,
        reader_reviews: reviews,
    })
}

impl AccessContext {
    /// One report: for child welfare, and for the one who made it.
    pub async fn report(&self, id: &ReportId) -> DbResult<Report> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = report_row(&mut conn, &tenant, id).await? else {
            self.gate_read("report", id, &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        let units = child_units(&mut conn, &tenant, &row.child_id).await?;
        let d = decide_on(
            &self.actor,
            self.purpose,
            Action::Read,
            &tenant,
            &row,
            &units,
        );
        self.audit_reads(vec![self.event(Action::Read, "report", id, d)])
            .await?;
        if !d.is_allowed() {
            return Err(DbError::NotFound);
        }
        view_of(&mut conn, &tenant, row, d).await
    }

    /// Child welfare's queue: reports to the units the actor works in, those
    /// waiting for review first, the nearest deadline first.
    pub async fn report_queue(&self) -> DbResult<Vec<Report>> {
        self.reports_where("receiving_unit_id", |a| {
            a.units.iter().map(|u| u.to_string()).collect()
        })
        .await
    }

    /// The reports the actor made, newest first (their receipts).
    pub async fn my_reports(&self) -> DbResult<Vec<Report>> {
        self.reports_where("reporter_id", |a| vec![a.staff.to_string()])
            .await
    }

    async fn reports_where(
        &self,
        column: &'static str,
        keys: impl Fn(&ettlag_core::policy::Actor) -> Vec<String>,
    ) -> DbResult<Vec<Report>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let order = if column == "reporter_id" {
            "submitted_at DESC"
        } else {
            "CASE WHEN reviewed_at IS NULL THEN 0 ELSE 1 END, review_due_at"
        };
        let mut rows = Vec::new();
        for key in keys(&self.actor) {
            let sql = format!(
                "SELECT {COLUMNS} FROM reports WHERE tenant_id = $1 AND {column} = $2 \
                 ORDER BY {order} LIMIT 200"
            );
            let found = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(tenant.as_str())
                .bind(&key)
                .fetch_all(&mut *conn)
                .await?;
            for r in &found {
                rows.push(row_from(r)?);
            }
        }
        let mut events = Vec::new();
        let mut out = Vec::new();
        for row in rows {
            let units = child_units(&mut conn, &tenant, &row.child_id).await?;
            let d = decide_on(
                &self.actor,
                self.purpose,
                Action::List,
                &tenant,
                &row,
                &units,
            );
            events.push(self.event(Action::List, "report", &row.id, d));
            if d.is_allowed() {
                out.push(view_of(&mut conn, &tenant, row, d).await?);
            }
        }
        self.audit_reads(events).await?;
        if column != "reporter_id" {
            out.sort_by_key(|r| (r.reviewed_at_ms.is_some(), r.review_due_at_ms));
        }
        Ok(out)
    }

    /// The child a staff member is about to report on, for the form. Allowed
    /// exactly when making the report would be (no consent needed, even when
    /// processing is restricted), and recorded as a read of the child under
    /// that basis; anyone else gets the answer of a child that does not exist.
    pub async fn report_subject(&self, child: &PersonId) -> DbResult<ChildRef> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(found) = child_ref(&mut conn, &tenant, child).await? else {
            self.gate_read("person", child.as_str(), &Subject::Unknown)
                .await?;
            return Err(DbError::NotFound);
        };
        let receivers = child_welfare_units(&mut conn, &tenant).await?;
        let units = child_units(&mut conn, &tenant, child).await?;
        let knows_child = write::knows_child(&mut conn, &tenant, &self.actor.staff, child).await?;
        let receiver = write::receiver_to_decide(&receivers, &self.actor);
        let d = self.decide(
            Action::Create,
            &Subject::Report(ettlag_core::policy::Report {
                tenant: &tenant,
                child_units: &units,
                receiving_unit: &receiver,
                reporter: None,
                knows_child,
            }),
        );
        self.audit_reads(vec![self.event(Action::Read, "person", child.as_str(), d)])
            .await?;
        if !d.is_allowed() {
            return Err(DbError::NotFound);
        }
        Ok(found)
    }

    /// The units a report may go to.
    pub async fn child_welfare_units(&self) -> DbResult<Vec<UnitRef>> {
        let tenant = self.tenant().clone();
        self.gate_org_read("unit", &Subject::Organisation { tenant: &tenant })
            .await?;
        let mut conn = self.store.pool.acquire().await?;
        child_welfare_units(&mut conn, &tenant).await
    }
}
