//! Triage steps, teams around a child, and a relay log started from an item.

use ettlag_core::ids::{IntakeItemId, RelayLogId};
use ettlag_core::intake::{Assignee, ItemState, Status, Step};
use ettlag_core::policy::{self, Action, Decision, Grant, Purpose, Subject};
use ettlag_core::relay::{ConcernDecision, FamilyInformed, Level};
use ettlag_core::text::Text;
use ettlag_core::{Coded, PersonId, StaffId, TenantId, UnitId};

use super::{IntakeFacts, ItemRow, item_row, steps_of};
use crate::access::facts::register::{child_units, works_in};
use crate::access::persons::{linked_units, load_person};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue::{self, INTAKE_DEADLINE};
use crate::relay_models::NewConcern;
use crate::staff_notice;
use crate::writer::Tx;

impl AccessContext {
    /// One triage step on an item. Intake staff triage; the unit, person or
    /// team it was assigned to may set the level and close it.
    pub async fn triage_intake(
        &self,
        id: &IntakeItemId,
        step: Step,
        expected_version: Option<i64>,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { triage_in(tx, &ctx, &id, step, expected_version).await })
            })
            .await?
    }

    /// A cross-service team around a child. Every member works in a unit the
    /// child attends or the family's consent covers.
    pub async fn create_team(
        &self,
        child: &PersonId,
        name: Text,
        members: Vec<(StaffId, UnitId)>,
    ) -> DbResult<String> {
        let ctx = self.write_ctx();
        let child = child.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { create_team_in(tx, &ctx, &child, &name, &members).await })
            })
            .await?
    }

    /// The one an item was assigned to starts a relay log from it: a concern
    /// with the item's text, decided at `level`, linked back to the item.
    /// Without a record of whether the family was told nothing is started
    /// (`family-error-missing`).
    pub async fn start_log_from_intake(
        &self,
        id: &IntakeItemId,
        level: Level,
        family: Option<FamilyInformed>,
    ) -> DbResult<RelayLogId> {
        // Refused before the concern is raised, so that a refusal writes nothing.
        let Some(family) = family else {
            return Err(DbError::Refused("family-error-missing"));
        };
        let item = self.intake_item(id).await?;
        let Some(child) = item.person.clone() else {
            return Err(DbError::Refused("intake-error-not-linked"));
        };
        if item.state.log.is_some() {
            return Err(DbError::Refused("intake-error-log-started"));
        }
        // Whether the caller may change the item is decided before the
        // concern and the log are written: one who may read it but not
        // change it (the one who asked) starts nothing. The refusal is
        // audited; an allowed change is audited with the step below.
        let ctx = self.write_ctx();
        let check = id.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let Some(row) = item_row(&mut tx.conn, &tenant, &check).await? else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let facts = IntakeFacts::of(&mut tx.conn, &tenant, &row).await?;
                    let d = ctx.decide(Action::Update, &Subject::Intake(facts.subject()));
                    if d.is_allowed() {
                        return Ok(Ok(()));
                    }
                    ctx.settle(tx, Action::Update, ("intake_item", &check), d)
                        .await?;
                    Ok(Err(DbError::Forbidden))
                })
            })
            .await??;
        let text = item
            .request
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_string();
        let text = Text::parse(&text, ettlag_core::text::MAX_TEXT)
            .map_err(|e| DbError::Refused(e.message_key()))?;
        let concern = self
            .raise_concern(NewConcern {
                child,
                unit: None,
                text,
                areas: item.state.areas.clone(),
                since: None,
            })
            .await?;
        let log = self
            .decide_concern(
                &concern,
                ConcernDecision::StartLog(level),
                Some(family),
                None,
                None,
            )
            .await?
            .ok_or_else(|| DbError::Other("a decided concern opened no log".into()))?;
        let ctx = self.write_ctx();
        let id = id.to_string();
        let step = Step::LogStarted {
            log: log.to_string(),
        };
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let Some(row) = item_row(&mut tx.conn, &tenant, &id).await? else {
                        return Ok(Err(DbError::NotFound));
                    };
                    // Linking the log to the item is a write to the item,
                    // decided and audited like any other.
                    let facts = IntakeFacts::of(&mut tx.conn, &tenant, &row).await?;
                    let d = ctx.decide(Action::Update, &Subject::Intake(facts.subject()));
                    ctx.settle(tx, Action::Update, ("intake_item", &id), d)
                        .await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::NotFound));
                    }
                    append(tx, &ctx, &row, step).await
                })
            })
            .await??;
        Ok(log)
    }
}

/// Appends a step that the rules allow, and updates the item's columns.
async fn append(tx: &mut Tx, ctx: &WriteCtx, row: &ItemRow, step: Step) -> DbResult<DbResult<()>> {
    let tenant = ctx.actor.tenant.clone();
    let steps: Vec<Step> = steps_of(&mut tx.conn, &tenant, &row.id)
        .await?
        .into_iter()
        .map(|(_, _, s)| s)
        .collect();
    let mut state = ItemState::replay(&row.id, &steps)
        .map_err(|e| DbError::Other(format!("intake item {} does not replay: {e}", row.id)))?;
    if let Err(e) = state.apply(&step) {
        return Ok(Err(DbError::Refused(e.message_key())));
    }
    write_step(tx, &tenant, row, &state, &step, ctx.actor.staff.as_str()).await?;
    Ok(Ok(()))
}

/// Writes a step the state has accepted.
pub(crate) async fn write_step(
    tx: &mut Tx,
    tenant: &TenantId,
    row: &ItemRow,
    state: &ItemState,
    step: &Step,
    by: &str,
) -> DbResult<()> {
    let now = now_ms();
    let body = serde_json::to_string(step).map_err(|e| DbError::Other(e.to_string()))?;
    sqlx::query(
        "INSERT INTO intake_steps (tenant_id, item_id, seq, at_ms, by_actor, body) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant.as_str())
    .bind(row.id.as_str())
    .bind(row.steps + 1)
    .bind(now)
    .bind(by)
    .bind(body)
    .execute(&mut tx.conn)
    .await?;
    let (unit, staff, team) = match &state.assignee {
        Some(Assignee::Unit { unit }) => (Some(unit.as_str()), None, None),
        Some(Assignee::Staff { staff, unit }) => (Some(unit.as_str()), Some(staff.as_str()), None),
        Some(Assignee::Team { team }) => (None, None, Some(team.as_str())),
        None => (None, None, None),
    };
    sqlx::query(
        "UPDATE intake_items SET status = $3, person_id = $4, assigned_unit_id = $5, \
         assigned_staff_id = $6, team_id = $7, escalated_at = CASE WHEN $8 = 1 THEN COALESCE(escalated_at, $9) ELSE escalated_at END, \
         closed_at = CASE WHEN $10 = 1 THEN $9 ELSE NULL END, steps = steps + 1, version = version + 1 \
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(row.id.as_str())
    .bind(state.status().code())
    .bind(state.person.as_ref().map(|p| p.as_str()))
    .bind(unit)
    .bind(staff)
    .bind(team)
    .bind(i64::from(state.escalated))
    .bind(now)
    .bind(i64::from(state.closed))
    .execute(&mut tx.conn)
    .await?;
    if state.status() != Status::New {
        // Taken on or closed: the clock stops.
        job_queue::cancel(tx, tenant.as_str(), INTAKE_DEADLINE, &row.id).await?;
    }
    Ok(())
}

async fn triage_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
    step: Step,
    expected_version: Option<i64>,
) -> DbResult<DbResult<()>> {
    let tenant = ctx.actor.tenant.clone();
    let Some(row) = item_row(&mut tx.conn, &tenant, id).await? else {
        let d = ctx.decide(Action::Update, &Subject::Unknown);
        ctx.settle(tx, Action::Update, ("intake_item", id), d)
            .await?;
        return Ok(Err(DbError::NotFound));
    };
    let facts = IntakeFacts::of(&mut tx.conn, &tenant, &row).await?;
    let d = ctx.decide(Action::Update, &Subject::Intake(facts.subject()));
    ctx.settle(tx, Action::Update, ("intake_item", id), d)
        .await?;
    if !d.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    let triage_only = !matches!(step, Step::LevelSet { .. } | Step::Closed { .. });
    if triage_only && d != Decision::Allow(Grant::IntakeTriage) {
        return Ok(Err(DbError::Forbidden));
    }
    if expected_version.is_some_and(|v| v != row.version) {
        return Ok(Err(DbError::Stale));
    }
    match &step {
        Step::Received { .. } | Step::Escalated | Step::LogStarted { .. } => {
            return Ok(Err(DbError::Refused("intake-error-step")));
        }
        Step::Linked { person } => {
            // The lookup is a read of the person, decided and audited as triage.
            let found = load_person(&mut tx.conn, &tenant, person).await?;
            let subject_units = match &found {
                Some(p) => linked_units(&mut tx.conn, &tenant, person, p.kind).await?,
                None => Vec::new(),
            };
            let lookup = match &found {
                Some(p) => policy::decide(
                    &ctx.actor,
                    Purpose::Triage,
                    Action::Read,
                    &Subject::Person {
                        tenant: &tenant,
                        kind: p.kind,
                        linked_units: &subject_units,
                        restricted: p.restricted,
                        emergency: false,
                    },
                ),
                None => ctx.decide(Action::Read, &Subject::Unknown),
            };
            ctx.settle(tx, Action::Read, ("person", person.as_str()), lookup)
                .await?;
            if !lookup.is_allowed() {
                return Ok(Err(DbError::Refused("intake-error-unknown-person")));
            }
        }
        Step::MergedInto { item } => {
            let other = item_row(&mut tx.conn, &tenant, item).await?;
            if other.is_none() {
                return Ok(Err(DbError::Refused("intake-error-unknown-item")));
            }
        }
        Step::Assigned { to } => {
            let known = match to {
                Assignee::Unit { unit } => {
                    sqlx::query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2")
                        .bind(tenant.as_str())
                        .bind(unit.as_str())
                        .fetch_optional(&mut tx.conn)
                        .await?
                        .is_some()
                }
                Assignee::Staff { staff, unit } => {
                    works_in(&mut tx.conn, &tenant, staff, unit).await?
                }
                Assignee::Team { team } => {
                    sqlx::query("SELECT 1 FROM teams WHERE tenant_id = $1 AND id = $2")
                        .bind(tenant.as_str())
                        .bind(team)
                        .fetch_optional(&mut tx.conn)
                        .await?
                        .is_some()
                }
            };
            if !known {
                return Ok(Err(DbError::Refused("intake-error-assignee")));
            }
        }
        _ => {}
    }
    let assigned = match &step {
        Step::Assigned { to } => Some(to.clone()),
        _ => None,
    };
    if let Err(e) = append(tx, ctx, &row, step).await? {
        return Ok(Err(e));
    }
    // Whoever it went to hears of it on their desk.
    if let Some(to) = assigned {
        let staff: Vec<String> = match &to {
            Assignee::Staff { staff, .. } => vec![staff.to_string()],
            Assignee::Unit { unit } => crate::access::report::unit_staff(tx, &tenant, unit).await?,
            Assignee::Team { team } => {
                let rows = sqlx::query(
                    "SELECT staff_id FROM team_members WHERE tenant_id = $1 AND team_id = $2",
                )
                .bind(tenant.as_str())
                .bind(team)
                .fetch_all(&mut tx.conn)
                .await?;
                rows.iter()
                    .map(|r| sqlx::Row::try_get::<String, _>(r, "staff_id"))
                    .collect::<Result<_, _>>()?
            }
        };
        for s in staff {
            staff_notice::notify_intake(
                tx,
                &tenant,
                &s,
                id,
                "intake_assigned",
                &row.reference,
                now_ms(),
            )
            .await?;
        }
    }
    Ok(Ok(()))
}

async fn create_team_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    child: &PersonId,
    name: &Text,
    members: &[(StaffId, UnitId)],
) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let id = new_id();
    let Some(person) = load_person(&mut tx.conn, &tenant, child).await? else {
        let d = ctx.decide(Action::Create, &Subject::Unknown);
        ctx.settle(tx, Action::Create, ("team", &id), d).await?;
        return Ok(Err(DbError::NotFound));
    };
    let own = child_units(&mut tx.conn, &tenant, child).await?;
    let sharing = crate::access::facts::ConsentFacts::load(&mut tx.conn, &tenant, child)
        .await?
        .sharing(ettlag_core::consent::Category::RelayLog);
    let linked = linked_units(&mut tx.conn, &tenant, child, person.kind).await?;
    // Intake staff form teams; so does anyone who follows the child.
    let as_intake = ctx.decide(
        Action::Create,
        &Subject::Intake(ettlag_core::policy::Intake {
            tenant: &tenant,
            assigned_units: &[],
            assigned_staff: &[],
            requested_by: None,
        }),
    );
    let d = if as_intake.is_allowed() {
        as_intake
    } else {
        ctx.decide(
            Action::Read,
            &Subject::Person {
                tenant: &tenant,
                kind: person.kind,
                linked_units: &linked,
                restricted: person.restricted,
                emergency: false,
            },
        )
    };
    ctx.settle(tx, Action::Create, ("team", &id), d).await?;
    if !d.is_allowed() || person.restricted {
        return Ok(Err(DbError::NotFound));
    }
    if members.is_empty() {
        return Ok(Err(DbError::Refused("team-error-members")));
    }
    for (staff, unit) in members {
        if !works_in(&mut tx.conn, &tenant, staff, unit).await? {
            return Ok(Err(DbError::Refused("team-error-member-unit")));
        }
        let share = policy::may_join_team(unit, &own, &sharing.granted, &sharing.refused);
        if !share.is_allowed() {
            ctx.settle(tx, Action::Update, ("team_share", unit.as_str()), share)
                .await?;
            return Ok(Err(DbError::Refused("team-error-not-covered")));
        }
    }
    let now = now_ms();
    sqlx::query(
        "INSERT INTO teams (tenant_id, id, child_id, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(child.as_str())
    .bind(name.as_str())
    .bind(ctx.actor.staff.as_str())
    .bind(now)
    .execute(&mut tx.conn)
    .await?;
    for (staff, unit) in members {
        sqlx::query(
            "INSERT INTO team_members (tenant_id, team_id, staff_id, unit_id, added_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, team_id, staff_id) DO NOTHING",
        )
        .bind(tenant.as_str())
        .bind(&id)
        .bind(staff.as_str())
        .bind(unit.as_str())
        .bind(now)
        .execute(&mut tx.conn)
        .await?;
    }
    Ok(Ok(id))
}

impl AccessContext {
    /// Intake staff look a child up by national identity number to link an
    /// item: one read, decided with the purpose `Triage` and audited.
    pub async fn find_child_for_triage(&self, nin: &ettlag_core::NationalId) -> DbResult<PersonId> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let row = sqlx::query(
            "SELECT id FROM persons WHERE tenant_id = $1 AND national_id = $2 AND kind = 'child'",
        )
        .bind(tenant.as_str())
        .bind(nin.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            self.gate_read("person", "", &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        use sqlx::Row;
        let id = PersonId::from_trusted(row.try_get("id")?);
        let person = load_person(&mut *conn, &tenant, &id)
            .await?
            .ok_or(DbError::NotFound)?;
        let linked = linked_units(&mut *conn, &tenant, &id, person.kind).await?;
        let d = policy::decide(
            &self.actor,
            Purpose::Triage,
            Action::Read,
            &Subject::Person {
                tenant: &tenant,
                kind: person.kind,
                linked_units: &linked,
                restricted: person.restricted,
                emergency: false,
            },
        );
        self.audit_reads(vec![self.event(Action::Read, "person", id.as_str(), d)])
            .await?;
        if d.is_allowed() {
            Ok(id)
        } else {
            Err(DbError::NotFound)
        }
    }
}
