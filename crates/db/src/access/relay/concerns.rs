//! Level 0: raising a concern about a child, reading it, and deciding what
//! happens next within the municipality's deadline.

use ettlag_core::consent::Category;
use ettlag_core::ids::{ConcernId, RelayLogId};
use ettlag_core::policy::{Action, NewConcern as NewConcernFacts, Subject};
use ettlag_core::relay::{
    ConcernDecision, Entry, Event, FamilyInformed, Level, LogState, Recorded,
};
use ettlag_core::text::Text;
use ettlag_core::{PersonId, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::CaseFacts;
use crate::access::facts::register::{child_ref, child_units};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue::{self, CONCERN_DEADLINE};
use crate::relay_models::{Concern, ConcernOutcome, NewConcern, StaffRef, UnitRef};
use crate::settings::{CONCERN_DAYS, setting};
use crate::writer::Tx;

/// A stored concern before names are looked up.
#[derive(Debug, Clone)]
struct ConcernRow {
    id: ConcernId,
    child_id: PersonId,
    unit_id: UnitId,
    raised_by: StaffId,
    raised_at_ms: i64,
    deadline_ms: i64,
    body: Entry,
    decision: Option<String>,
    decision_level: Option<i64>,
    decision_note: Option<String>,
    decided_by: Option<String>,
    decided_at: Option<i64>,
    log_id: Option<RelayLogId>,
    version: i64,
}

const CONCERN_COLUMNS: &str = "id, child_id, unit_id, raised_by, raised_at, deadline_at, body, \
     decision, decision_level, decision_note, decided_by, decided_at, log_id, version";

fn concern_from_row(r: &sqlx::any::AnyRow) -> DbResult<ConcernRow> {
    let body: String = r.try_get("body")?;
    Ok(ConcernRow {
        id: ConcernId::from_trusted(r.try_get("id")?),
        child_id: PersonId::from_trusted(r.try_get("child_id")?),
        unit_id: UnitId::from_trusted(r.try_get("unit_id")?),
        raised_by: StaffId::from_trusted(r.try_get("raised_by")?),
        raised_at_ms: r.try_get("raised_at")?,
        deadline_ms: r.try_get("deadline_at")?,
        body: serde_json::from_str(&body)
            .map_err(|e| DbError::Other(format!("a stored concern does not parse: {e}")))?,
        decision: r.try_get("decision")?,
        decision_level: r.try_get("decision_level")?,
        decision_note: r.try_get("decision_note")?,
        decided_by: r.try_get("decided_by")?,
        decided_at: r.try_get("decided_at")?,
        log_id: r
            .try_get::<Option<String>, _>("log_id")?
            .map(RelayLogId::from_trusted),
        version: r.try_get("version")?,
    })
}

async fn concern_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<ConcernRow>> {
    let sql = format!("SELECT {CONCERN_COLUMNS} FROM concerns WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(concern_from_row).transpose()
}

async fn facts_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    row: &ConcernRow,
) -> DbResult<CaseFacts> {
    CaseFacts::of_concern(conn, tenant, &row.child_id, &row.unit_id, &row.raised_by).await
}

/// The facts of a concern by its id, or `None` when there is no such concern.
pub(crate) async fn facts_of_id(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<CaseFacts>> {
    match concern_row(conn, tenant, id).await? {
        Some(row) => Ok(Some(facts_of(conn, tenant, &row).await?)),
        None => Ok(None),
    }
}

fn decision_of(row: &ConcernRow) -> Option<ConcernDecision> {
    match row.decision.as_deref()? {
        "close" => Some(ConcernDecision::Close),
        "report_to_child_welfare" => Some(ConcernDecision::ReportToChildWelfare),
        "start_log" => row
            .decision_level
            .and_then(|l| u8::try_from(l).ok())
            .and_then(|l| Level::try_from(l).ok())
            .map(ConcernDecision::StartLog),
        _ => None,
    }
}

async fn to_concern(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    row: ConcernRow,
) -> DbResult<Concern> {
    let child = child_ref(conn, tenant, &row.child_id)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut staff = vec![row.raised_by.to_string()];
    if let Some(by) = &row.decided_by {
        staff.push(by.clone());
    }
    let staff_names = crate::access::facts::register::names(conn, tenant, "staff", &staff).await?;
    let unit_names =
        crate::access::facts::register::names(conn, tenant, "units", &[row.unit_id.to_string()])
            .await?;
    let name = |id: &str| staff_names.get(id).cloned().unwrap_or_else(|| id.into());
    let decision = match (decision_of(&row), &row.decided_by, row.decided_at) {
        (Some(decision), Some(by), Some(at_ms)) => Some(ConcernOutcome {
            decision,
            note: row.decision_note.clone(),
            by: StaffRef {
                id: StaffId::from_trusted(by.clone()),
                name: name(by),
            },
            at_ms,
        }),
        _ => None,
    };
    let Entry::Concern { text, areas, since } = row.body else {
        return Err(DbError::Other(
            "a concern holds another kind of entry".into(),
        ));
    };
    Ok(Concern {
        id: row.id,
        child,
        unit: UnitRef {
            name: unit_names
                .get(row.unit_id.as_str())
                .cloned()
                .unwrap_or_default(),
            id: row.unit_id,
        },
        raised_by: StaffRef {
            name: name(row.raised_by.as_str()),
            id: row.raised_by,
        },
        raised_at_ms: row.raised_at_ms,
        deadline_ms: row.deadline_ms,
        text,
        areas,
        since,
        decision,
        log_id: row.log_id,
        version: row.version,
    })
}

impl AccessContext {
    /// Records a concern about a child of one of the actor's units and starts
    /// its clock. A child the actor may not see gives `NotFound`.
    pub async fn raise_concern(&self, new: NewConcern) -> DbResult<ConcernId> {
        let ctx = self.write_ctx();
        let id = self
            .store
            .writer
            .run(move |tx| Box::pin(async move { raise_in(tx, &ctx, new).await }))
            .await??;
        Ok(ConcernId::from_trusted(id))
    }

    /// One concern.
    pub async fn concern(&self, id: &ConcernId) -> DbResult<Concern> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = concern_row(&mut conn, &tenant, id).await? else {
            self.gate_read("concern", id, &Subject::Unknown).await?;
            return Err(DbError::NotFound);
        };
        let facts = facts_of(&mut conn, &tenant, &row).await?;
        self.gate_read("concern", id, &Subject::Case(facts.case()))
            .await?;
        to_concern(&mut conn, &tenant, row).await
    }

    /// The concerns about a child that the actor may see, newest first.
    pub async fn concerns_of(&self, child: &PersonId) -> DbResult<Vec<Concern>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let sql = format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns WHERE tenant_id = $1 AND child_id = $2 \
             ORDER BY raised_at DESC LIMIT 100"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(child.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let mut events = Vec::new();
        let mut shown = Vec::new();
        for r in &rows {
            let row = concern_from_row(r)?;
            let facts = facts_of(&mut conn, &tenant, &row).await?;
            let decision = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "concern", &row.id, decision));
            if decision.is_allowed() {
                shown.push(row);
            }
        }
        self.audit_reads(events).await?;
        let mut out = Vec::with_capacity(shown.len());
        for row in shown {
            out.push(to_concern(&mut conn, &tenant, row).await?);
        }
        Ok(out)
    }

    /// Decides a concern: close it, start a relay log at a level (the actor
    /// becomes the holder), or report to child welfare. Returns the new log's
    /// id when one was started. A log starts only with what was recorded
    /// about telling the family; without it the start is refused
    /// (`family-error-missing`) and nothing is written.
    pub async fn decide_concern(
        &self,
        id: &ConcernId,
        decision: ConcernDecision,
        family: Option<FamilyInformed>,
        note: Option<Text>,
        expected_version: Option<i64>,
    ) -> DbResult<Option<RelayLogId>> {
        let ctx = self.write_ctx();
        let id = id.to_string();
        let decided = Decided {
            decision,
            family,
            note,
        };
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { decide_in(tx, &ctx, &id, decided, expected_version).await })
            })
            .await?
            .map(|log| log.map(RelayLogId::from_trusted))
    }
}

async fn raise_in(tx: &mut Tx, ctx: &WriteCtx, new: NewConcern) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let id = new_id();
    let exists = child_ref(&mut tx.conn, &tenant, &new.child)
        .await?
        .is_some();
    let units = child_units(&mut tx.conn, &tenant, &new.child).await?;
    let new_concern = NewConcernFacts {
        tenant: &tenant,
        child_units: &units,
        restricted: crate::access::facts::register::is_restricted(
            &mut tx.conn,
            &tenant,
            &new.child,
        )
        .await?,
    };
    let decision = if exists {
        ctx.decide(Action::Create, &Subject::NewConcern(new_concern))
    } else {
        ctx.decide(Action::Create, &Subject::Unknown)
    };
    ctx.settle(tx, Action::Create, ("concern", &id), decision)
        .await?;
    if !decision.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    // The concern is raised from one of the actor's units where the child is.
    let unit = match new.unit {
        Some(u) if units.contains(&u) && ctx.actor.units.contains(&u) => u,
        Some(_) => return Ok(Err(DbError::Refused("concern-error-unit"))),
        None => match units.iter().find(|u| ctx.actor.units.contains(u)) {
            Some(u) => u.clone(),
            None => return Ok(Err(DbError::Refused("concern-error-unit"))),
        },
    };
    let days = setting(&mut tx.conn, &tenant, CONCERN_DAYS).await?;
    let now = now_ms();
    let clock = ettlag_core::relay::ConcernClock::start(now, u16::try_from(days).unwrap_or(14));
    let body = Entry::Concern {
        text: new.text,
        areas: new.areas,
        since: new.since,
    };
    let body = serde_json::to_string(&body).map_err(|e| DbError::Other(e.to_string()))?;
    sqlx::query(
        "INSERT INTO concerns (tenant_id, id, child_id, unit_id, raised_by, raised_at, deadline_at, body, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(new.child.as_str())
    .bind(unit.as_str())
    .bind(ctx.actor.staff.as_str())
    .bind(now)
    .bind(clock.deadline_ms)
    .bind(body)
    .execute(&mut tx.conn)
    .await?;
    job_queue::schedule(
        tx,
        tenant.as_str(),
        CONCERN_DEADLINE,
        &id,
        clock.deadline_ms,
    )
    .await?;
    crate::steering::track::concern_raised(tx, &tenant, &id).await?;
    Ok(Ok(id))
}

/// What a decision about a concern carries.
struct Decided {
    decision: ConcernDecision,
    /// Whether the family was told; required to start a log.
    family: Option<FamilyInformed>,
    note: Option<Text>,
}

async fn decide_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
    decided: Decided,
    expected_version: Option<i64>,
) -> DbResult<DbResult<Option<String>>> {
    let Decided {
        decision,
        family,
        note,
    } = decided;
    let tenant = ctx.actor.tenant.clone();
    let Some(row) = concern_row(&mut tx.conn, &tenant, id).await? else {
        let d = ctx.decide(Action::Update, &Subject::Unknown);
        ctx.settle(tx, Action::Update, ("concern", id), d).await?;
        return Ok(Err(DbError::NotFound));
    };
    let facts = facts_of(&mut tx.conn, &tenant, &row).await?;
    let allowed = ctx.decide(Action::Update, &Subject::Case(facts.case()));
    ctx.settle(tx, Action::Update, ("concern", id), allowed)
        .await?;
    if !allowed.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    if expected_version.is_some_and(|v| v != row.version) {
        return Ok(Err(DbError::Stale));
    }
    if row.decision.is_some() {
        return Ok(Err(DbError::Refused("concern-error-decided")));
    }
    let now = now_ms();
    let (code, level) = match decision {
        ConcernDecision::Close => ("close", None),
        ConcernDecision::ReportToChildWelfare => ("report_to_child_welfare", None),
        ConcernDecision::StartLog(level) => ("start_log", Some(level)),
    };
    let mut log_id = None;
    if let Some(level) = level {
        // No decision about the child without the family: a log starts only
        // with a record of whether they were told.
        let Some(family) = family else {
            return Ok(Err(DbError::Refused("family-error-missing")));
        };
        // The one who decides holds the baton first, for the concern's home
        // unit, which becomes the log's: the log is that service's own.
        if !ctx.actor.units.contains(&row.unit_id) {
            return Ok(Err(DbError::Refused("concern-error-unit")));
        }
        let opening = Opening {
            level,
            holder_unit: row.unit_id.clone(),
            family,
        };
        match open_log(tx, ctx, &row, opening, now).await? {
            Ok(id) => log_id = Some(id),
            Err(e) => return Ok(Err(e)),
        }
    }
    sqlx::query(
        "UPDATE concerns SET decision = $3, decision_level = $4, decision_note = $5, decided_by = $6, \
         decided_at = $7, log_id = $8, version = version + 1 WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(code)
    .bind(level.map(|l| i64::from(l.number())))
    .bind(note.map(|n| n.as_str().to_string()))
    .bind(ctx.actor.staff.as_str())
    .bind(now)
    .bind(log_id.clone())
    .execute(&mut tx.conn)
    .await?;
    job_queue::cancel(tx, tenant.as_str(), CONCERN_DEADLINE, id).await?;
    crate::steering::track::concern_decided(tx, &tenant, id).await?;
    if let Some(log) = &log_id {
        crate::steering::track::log_written(tx, &tenant, log, 0).await?;
    }
    Ok(Ok(log_id))
}

/// How a log opens: its level, the holder's unit, and what was recorded
/// about telling the family.
struct Opening {
    level: Level,
    holder_unit: UnitId,
    family: FamilyInformed,
}

/// Opens a relay log from a concern: the opening event, then the concern as
/// the log's first entry.
async fn open_log(
    tx: &mut Tx,
    ctx: &WriteCtx,
    concern: &ConcernRow,
    opening: Opening,
    now: i64,
) -> DbResult<DbResult<String>> {
    let Opening {
        level,
        holder_unit,
        family,
    } = opening;
    let tenant = ctx.actor.tenant.clone();
    let log_id = new_id();
    let facts = CaseFacts::of_concern(
        &mut tx.conn,
        &tenant,
        &concern.child_id,
        &holder_unit,
        &concern.raised_by,
    )
    .await?;
    let created = ctx.decide(Action::Create, &Subject::Case(facts.case()));
    ctx.settle(tx, Action::Create, ("relay_log", &log_id), created)
        .await?;
    let events = vec![
        Recorded {
            id: new_id(),
            at_ms: now,
            by: ctx.actor.staff.clone(),
            supersedes: None,
            body: Event::Opened {
                level,
                holder: ctx.actor.staff.clone(),
                holder_unit: holder_unit.clone(),
                concern: Some(concern.id.to_string()),
                family_informed: Some(family),
            },
        },
        Recorded {
            id: new_id(),
            at_ms: now,
            by: concern.raised_by.clone(),
            supersedes: None,
            body: Event::Entry {
                entry: concern.body.clone(),
                category: Category::RelayLog,
                from_unit: Some(concern.unit_id.clone()),
            },
        },
    ];
    // The rules hold from the first event.
    if let Err(e) = LogState::replay(events.clone()) {
        return Ok(Err(DbError::Refused(e.message_key())));
    }
    // A failed statement aborts a PostgreSQL transaction: the insert gets a
    // savepoint of its own so that the refusal (and its audit record) can
    // still be committed.
    sqlx::query("SAVEPOINT open_log")
        .execute(&mut tx.conn)
        .await?;
    let inserted = sqlx::query(
        "INSERT INTO relay_logs (tenant_id, id, child_id, level, holder_id, holder_unit_id, concern_id, \
         opened_at, opened_by, events, version, home_unit_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $5, $9, 1, $6)",
    )
    .bind(tenant.as_str())
    .bind(&log_id)
    .bind(concern.child_id.as_str())
    .bind(i64::from(level.number()))
    .bind(ctx.actor.staff.as_str())
    .bind(holder_unit.as_str())
    .bind(concern.id.as_str())
    .bind(now)
    .bind(events.len() as i64)
    .execute(&mut tx.conn)
    .await;
    if let Err(e) = inserted {
        sqlx::query("ROLLBACK TO SAVEPOINT open_log")
            .execute(&mut tx.conn)
            .await?;
        sqlx::query("RELEASE SAVEPOINT open_log")
            .execute(&mut tx.conn)
            .await?;
        // The unique index allows one open log per child.
        return match DbError::from(e).conflict_as("relay log") {
            DbError::Conflict(_) => Ok(Err(DbError::Refused("relay-error-already-open"))),
            other => Err(other),
        };
    }
    sqlx::query("RELEASE SAVEPOINT open_log")
        .execute(&mut tx.conn)
        .await?;
    for (i, rec) in events.iter().enumerate() {
        super::record::insert_event(tx, &tenant, &log_id, i as i64 + 1, rec).await?;
    }
    Ok(Ok(log_id))
}
