//! Individual plans and coordinators behind the one door. Every read and
//! write gathers the facts the plan policy needs (where the person is
//! enrolled, what the plan consent covers, who coordinates, which units are
//! the coordinating unit), asks the policy, and audits the decision in the
//! same transaction as the access.

mod coordination;
mod read;
mod write;

pub use coordination::{CoordinationOverview, CoordinatorLoad, OverviewLine};

pub(crate) use write::insert_revision;

use ettlag_core::consent::Category;
use ettlag_core::ids::{PlanId, RelayLogId};
use ettlag_core::plan::{CoordinatorKind, Due, PlanContent, Revision};
use ettlag_core::policy::PlanFacts;
use ettlag_core::text::Text;
use ettlag_core::{Coded, Day, PersonId, StaffId, TenantId, UnitId};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::access::emergency;
use crate::access::facts::register::{child_units, is_restricted};
use crate::error::{DbError, DbResult};

/// A plan with every revision, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub id: PlanId,
    pub person_id: PersonId,
    pub person_name: String,
    /// The relay log the plan was made from.
    pub from_log_id: Option<RelayLogId>,
    pub revisions: Vec<Revision>,
    pub coordinators: Vec<CoordinatorLine>,
    /// Names of the staff who made the revisions, by id.
    pub staff_names: std::collections::BTreeMap<String, String>,
}

impl PlanView {
    /// The plan as it stands now.
    pub fn current(&self) -> Option<&Revision> {
        self.revisions.last()
    }
}

/// One coordinator in force.
#[derive(Debug, Clone, Serialize)]
pub struct CoordinatorLine {
    pub kind: CoordinatorKind,
    pub staff_id: StaffId,
    pub staff_name: String,
    pub assigned_at_ms: i64,
}

/// One person on a coordinator's caseload, with what is due.
#[derive(Debug, Clone, Serialize)]
pub struct CaseloadLine {
    pub person_id: PersonId,
    pub person_name: String,
    pub kind: CoordinatorKind,
    pub plan_id: Option<String>,
    pub next_revision: Option<Day>,
    pub due: Due,
}

/// A new plan or revision as the pages hand it to the store.
#[derive(Debug, Clone)]
pub struct PlanWrite {
    pub content: PlanContent,
    pub reason: Text,
}

/// The facts the plan policy reads, owned so that [`PlanFacts`] can borrow.
#[derive(Debug, Clone)]
pub(crate) struct OwnedPlanFacts {
    pub tenant: TenantId,
    pub person_units: Vec<UnitId>,
    pub consented_units: Vec<UnitId>,
    pub refused_units: Vec<UnitId>,
    pub coordinators: Vec<StaffId>,
    pub coordinating_units: Vec<UnitId>,
    pub restricted: bool,
    pub emergency: bool,
}

impl OwnedPlanFacts {
    pub fn facts(&self) -> PlanFacts<'_> {
        PlanFacts {
            tenant: &self.tenant,
            person_units: &self.person_units,
            consented_units: &self.consented_units,
            refused_units: &self.refused_units,
            coordinators: &self.coordinators,
            coordinating_units: &self.coordinating_units,
            restricted: self.restricted,
            emergency: self.emergency,
        }
    }

    /// The facts about `person` for `staff`, or `None` when no such person
    /// is in the municipality. Every statement runs either way, so that a
    /// missing person costs what a hidden one does.
    pub async fn of(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        person: &PersonId,
        staff: &StaffId,
    ) -> DbResult<Option<OwnedPlanFacts>> {
        let exists = person_name(conn, tenant, person).await?.is_some();
        let sharing = crate::access::facts::ConsentFacts::load(conn, tenant, person)
            .await?
            .sharing(Category::Plan);
        let facts = OwnedPlanFacts {
            tenant: tenant.clone(),
            person_units: child_units(conn, tenant, person).await?,
            consented_units: sharing.granted,
            refused_units: sharing.refused,
            coordinators: coordinators_of(conn, tenant, person)
                .await?
                .into_iter()
                .map(|c| c.staff_id)
                .collect(),
            coordinating_units: coordinating_units(conn, tenant).await?,
            restricted: is_restricted(conn, tenant, person).await?,
            emergency: emergency::active(conn, tenant, staff, person).await?,
        };
        Ok(exists.then_some(facts))
    }
}

pub(crate) async fn person_name(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<Option<String>> {
    let row =
        sqlx::query("SELECT given_name, family_name FROM persons WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(person.as_str())
            .fetch_optional(conn)
            .await?;
    row.map(|r| {
        Ok(format!(
            "{} {}",
            r.try_get::<String, _>("given_name")?,
            r.try_get::<String, _>("family_name")?
        ))
    })
    .transpose()
}

/// The municipality's coordinating units.
pub(super) async fn coordinating_units(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> DbResult<Vec<UnitId>> {
    let rows = sqlx::query("SELECT id FROM units WHERE tenant_id = $1 AND service_type = $2")
        .bind(tenant.as_str())
        .bind(ettlag_core::ServiceType::CoordinatingUnit.code())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| Ok(UnitId::from_trusted(r.try_get("id")?)))
        .collect()
}

/// The coordinators in force for a person.
pub(crate) async fn coordinators_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<Vec<CoordinatorLine>> {
    let rows = sqlx::query(
        "SELECT c.kind, c.staff_id, s.display_name, c.assigned_at FROM coordinators c \
         JOIN staff s ON s.tenant_id = c.tenant_id AND s.id = c.staff_id \
         WHERE c.tenant_id = $1 AND c.person_id = $2 AND c.ended_at IS NULL ORDER BY c.kind",
    )
    .bind(tenant.as_str())
    .bind(person.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(CoordinatorLine {
                kind: CoordinatorKind::from_code(&kind).ok_or_else(|| {
                    DbError::Other(format!("a stored coordinator kind is {kind}"))
                })?,
                staff_id: StaffId::from_trusted(r.try_get("staff_id")?),
                staff_name: r.try_get("display_name")?,
                assigned_at_ms: r.try_get("assigned_at")?,
            })
        })
        .collect()
}

/// The stored row of a plan: (id, person, from log, revisions).
#[derive(Debug, Clone)]
pub(crate) struct PlanRow {
    pub id: PlanId,
    pub person_id: PersonId,
    pub from_log_id: Option<RelayLogId>,
    pub revisions: i64,
}

const PLAN_COLUMNS: &str = "id, person_id, from_log_id, revisions";

fn plan_from_row(r: &sqlx::any::AnyRow) -> DbResult<PlanRow> {
    Ok(PlanRow {
        id: PlanId::from_trusted(r.try_get("id")?),
        person_id: PersonId::from_trusted(r.try_get("person_id")?),
        from_log_id: r
            .try_get::<Option<String>, _>("from_log_id")?
            .map(RelayLogId::from_trusted),
        revisions: r.try_get("revisions")?,
    })
}

pub(crate) async fn plan_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<PlanRow>> {
    let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(plan_from_row).transpose()
}

pub(crate) async fn plan_of_person(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<Option<PlanRow>> {
    let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE tenant_id = $1 AND person_id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(plan_from_row).transpose()
}

/// Every revision of a plan, oldest first, checked as it is read back.
pub(crate) async fn revisions_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    plan: &str,
) -> DbResult<Vec<Revision>> {
    let rows = sqlx::query(
        "SELECT number, by_staff, at_ms, reason, body FROM plan_revisions \
         WHERE tenant_id = $1 AND plan_id = $2 ORDER BY number",
    )
    .bind(tenant.as_str())
    .bind(plan)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let number: i64 = r.try_get("number")?;
            let reason: String = r.try_get("reason")?;
            let body: String = r.try_get("body")?;
            let bad = |what: &str| DbError::Other(format!("plan {plan} revision {number}: {what}"));
            Ok(Revision {
                number: u32::try_from(number).map_err(|_| bad("number"))?,
                by: StaffId::from_trusted(r.try_get("by_staff")?),
                at_ms: r.try_get("at_ms")?,
                reason: Text::parse(&reason, ettlag_core::text::MAX_TEXT)
                    .map_err(|_| bad("reason"))?,
                content: serde_json::from_str(&body).map_err(|e| bad(&e.to_string()))?,
            })
        })
        .collect()
}

/// What a revision reminder needs: the plan's person, its next revision
/// date and its coordinators.
pub(crate) async fn plan_for_reminder(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<(PersonId, String, Vec<StaffId>, StaffId)>> {
    let row = sqlx::query(
        "SELECT person_id, next_revision, created_by FROM plans WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let person = PersonId::from_trusted(row.try_get("person_id")?);
    let coordinators = coordinators_of(conn, tenant, &person)
        .await?
        .into_iter()
        .map(|c| c.staff_id)
        .collect();
    Ok(Some((
        person,
        row.try_get("next_revision")?,
        coordinators,
        StaffId::from_trusted(row.try_get("created_by")?),
    )))
}
