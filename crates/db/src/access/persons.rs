//! Children, the adults around them, and where the children belong.

use ettlag_core::policy::{Action, Purpose, Subject};
use ettlag_core::{Coded, NationalId, PersonId, PersonKind, RelationKind, TenantId, UnitId};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms, today};
use crate::error::{DbError, DbResult};
use crate::models::{ChildSummary, Enrolment, NewPerson, Person, PersonDetail, Relation};
use crate::writer::Tx;

/// The most lines one list page shows.
pub const MAX_PAGE: i64 = 200;

const CURRENT: &str = "e.from_date <= $2 AND (e.to_date IS NULL OR e.to_date >= $2)";

impl AccessContext {
    /// Children the actor works with, by family name. With purpose
    /// `Administration` an administrator sees every child in the register.
    /// `search` matches the start of a given or family name, or a whole
    /// national identity number. Every child listed is audited.
    pub async fn children(&self, search: &str, offset: i64) -> DbResult<Vec<ChildSummary>> {
        let tenant = self.tenant().clone();
        let pattern = format!("{}%", search.trim().to_lowercase());
        let nin = NationalId::parse(search)
            .ok()
            .map(|n| n.as_str().to_string());
        let admin = self.purpose == Purpose::Administration;
        // The unit filter only narrows the query; the policy below decides.
        let mut sql = String::from(
            "SELECT p.id, p.given_name, p.family_name, p.birth_date, e.unit_id, u.name AS unit_name, p.restricted_at \
             FROM persons p \
             LEFT JOIN enrolments e ON e.tenant_id = p.tenant_id AND e.child_id = p.id AND ",
        );
        sql.push_str(CURRENT);
        sql.push_str(
            " LEFT JOIN units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id \
             WHERE p.tenant_id = $1 AND p.kind = 'child' \
             AND (LOWER(p.given_name) LIKE $3 OR LOWER(p.family_name) LIKE $3 OR p.national_id = $4)",
        );
        let units: Vec<String> = self
            .actor
            .units
            .iter()
            .map(|u| u.as_str().to_string())
            .collect();
        if !admin {
            if units.is_empty() {
                return Ok(Vec::new());
            }
            // Drive the query from the units' enrolments (an index range), not
            // from the municipality's whole register.
            let marks: Vec<String> = (0..units.len()).map(|i| format!("${}", 5 + i)).collect();
            let marks = marks.join(",");
            sql.push_str(&format!(
                " AND e.unit_id IN ({marks}) AND p.id IN (SELECT c.child_id FROM enrolments c \
                 WHERE c.tenant_id = $1 AND c.unit_id IN ({marks}) AND c.from_date <= $2 \
                 AND (c.to_date IS NULL OR c.to_date >= $2))"
            ));
        }
        sql.push_str(&format!(
            " ORDER BY p.family_name, p.given_name, p.id LIMIT {} OFFSET {}",
            MAX_PAGE * 4,
            offset.max(0)
        ));
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(today())
            .bind(pattern)
            .bind(nin);
        if !admin {
            for u in &units {
                q = q.bind(u.as_str());
            }
        }
        let rows = q.fetch_all(&self.store.pool).await?;
        let mut list: Vec<(ChildSummary, Vec<UnitId>, bool)> = Vec::new();
        for r in &rows {
            let id: String = r.try_get("id")?;
            let unit: Option<String> = r.try_get("unit_id")?;
            let unit_name: Option<String> = r.try_get("unit_name")?;
            if list
                .last()
                .map(|(c, _, _)| c.id.as_str() != id)
                .unwrap_or(true)
            {
                if list.len() as i64 == MAX_PAGE {
                    break;
                }
                list.push((
                    ChildSummary {
                        id: PersonId::from_trusted(id),
                        given_name: r.try_get("given_name")?,
                        family_name: r.try_get("family_name")?,
                        birth_date: r.try_get("birth_date")?,
                        units: Vec::new(),
                    },
                    Vec::new(),
                    r.try_get::<Option<i64>, _>("restricted_at")?.is_some(),
                ));
            }
            if let (Some(entry), Some(unit), Some(name)) = (list.last_mut(), unit, unit_name) {
                entry.0.units.push(name);
                entry.1.push(UnitId::from_trusted(unit));
            }
        }
        let mut events = Vec::with_capacity(list.len());
        let mut shown = Vec::with_capacity(list.len());
        for (child, linked, restricted) in list {
            let subject = Subject::Person {
                tenant: &tenant,
                kind: PersonKind::Child,
                linked_units: &linked,
                restricted,
                emergency: false,
            };
            let decision = self.decide(Action::List, &subject);
            events.push(self.event(Action::List, "person", child.id.as_str(), decision));
            if decision.is_allowed() {
                shown.push(child);
            }
        }
        self.audit_reads(events).await?;
        Ok(shown)
    }

    /// One person with the people and units around them. A person the actor may
    /// not see gives `NotFound`, exactly as a person that does not exist.
    ///
    /// Three statements whatever the family: the people around the person,
    /// the facts about all of them (or none, when the request knows them
    /// already), and the person with their enrolments.
    pub async fn person(&self, id: &PersonId) -> DbResult<PersonDetail> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let around = relations_of(&mut conn, &tenant, id).await?;
        let mut ids = vec![id.clone()];
        ids.extend(around.iter().map(|r| r.person_id.clone()));
        let facts = self.person_facts(&mut conn, &ids).await?;
        let subject = match facts.get(id) {
            Some(f) => f.subject(&tenant),
            None => Subject::Unknown,
        };
        let decision = self.decide(Action::Read, &subject);
        let mut events = vec![self.event(Action::Read, "person", id.as_str(), decision)];
        let person = match decision.is_allowed() {
            true => load_detail(&mut conn, &tenant, id).await?,
            false => None,
        };
        // The connection goes back before the audit waits for its commit.
        drop(conn);
        let Some((person, enrolments)) = person else {
            self.audit_reads(events).await?;
            return Err(DbError::NotFound);
        };
        // The people around this person are personal data too: each is decided
        // by their own facts and audited, and only those the actor may see are
        // shown. On an adult's page each child counts by its own access: one
        // child's emergency does not open its siblings. All records of this
        // read share one durable commit, and nothing is handed out before it.
        let mut relations = Vec::new();
        for rel in around {
            let subject = match facts.get(&rel.person_id) {
                Some(f) => f.subject(&tenant),
                None => Subject::Unknown,
            };
            let decision = self.decide(Action::List, &subject);
            events.push(self.event(Action::List, "person", rel.person_id.as_str(), decision));
            if decision.is_allowed() {
                relations.push(rel);
            }
        }
        self.audit_reads(events).await?;
        Ok(PersonDetail {
            person,
            relations,
            enrolments,
        })
    }

    /// Registers a person (administrators).
    pub async fn create_person(&self, new: NewPerson) -> DbResult<PersonId> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { create_person_in(tx, &ctx, &new).await }))
            .await?
    }

    /// Records how an adult relates to a child (administrators).
    pub async fn add_relation(
        &self,
        child: &PersonId,
        adult: &PersonId,
        kind: RelationKind,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let (child, adult) = (child.clone(), adult.clone());
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { add_relation_in(tx, &ctx, &child, &adult, kind).await })
            })
            .await?
    }

    /// Enrols a child in a unit from a date (administrators).
    pub async fn enrol(&self, child: &PersonId, unit: &UnitId, from_date: &str) -> DbResult<()> {
        let ctx = self.write_ctx();
        let (child, unit, from) = (child.clone(), unit.clone(), from_date.to_string());
        self.store
            .writer
            .run(move |tx| Box::pin(async move { enrol_in(tx, &ctx, &child, &unit, &from).await }))
            .await?
    }

    /// Ends a child's current enrolment in a unit on a date (administrators):
    /// the move from kindergarten to school, or away from the municipality.
    /// The enrolment stays in the history.
    pub async fn end_enrolment(
        &self,
        child: &PersonId,
        unit: &UnitId,
        to_date: &str,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let (child, unit, to) = (child.clone(), unit.clone(), to_date.to_string());
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    if !gate_write(tx, &ctx, Action::Update, child.as_str(), PersonKind::Child)
                        .await?
                    {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let before = crate::steering::track::enrolment_before(
                        tx,
                        &ctx.actor.tenant,
                        child.as_str(),
                    )
                    .await?;
                    let done = sqlx::query(
                        "UPDATE enrolments SET to_date = $4 WHERE tenant_id = $1 AND child_id = $2 \
                         AND unit_id = $3 AND to_date IS NULL AND from_date <= $4",
                    )
                    .bind(ctx.actor.tenant.as_str())
                    .bind(child.as_str())
                    .bind(unit.as_str())
                    .bind(&to)
                    .execute(&mut tx.conn)
                    .await?;
                    crate::steering::track::enrolment_after(
                        tx,
                        &ctx.actor.tenant,
                        child.as_str(),
                        before,
                    )
                    .await?;
                    Ok(if done.rows_affected() == 0 {
                        Err(DbError::NotFound)
                    } else {
                        Ok(())
                    })
                })
            })
            .await?
    }
}

/// Decides and audits a write about a person inside the writer's transaction.
/// Returns `Forbidden` (already audited) when the policy says no.
async fn gate_write(
    tx: &mut Tx,
    ctx: &WriteCtx,
    action: Action,
    id: &str,
    kind: PersonKind,
) -> DbResult<bool> {
    let tenant = ctx.actor.tenant.clone();
    // Register maintenance (the only writes here) may touch a restricted
    // person: keeping the register right is part of storing the data.
    let subject = Subject::Person {
        tenant: &tenant,
        kind,
        linked_units: &[],
        restricted: false,
        emergency: false,
    };
    let decision = ctx.decide(action, &subject);
    ctx.settle(tx, action, ("person", id), decision).await?;
    Ok(decision.is_allowed())
}

pub(crate) async fn create_person_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    new: &NewPerson,
) -> DbResult<DbResult<PersonId>> {
    let id = new_id();
    if !gate_write(tx, ctx, Action::Create, &id, new.kind).await? {
        return Ok(Err(DbError::Forbidden));
    }
    let now = now_ms();
    let birth = new.national_id.as_ref().map(|n| n.birth_date().to_string());
    sqlx::query(
        "INSERT INTO persons (tenant_id, id, kind, national_id, given_name, family_name, birth_date, \
         created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1)",
    )
    .bind(ctx.actor.tenant.as_str())
    .bind(&id)
    .bind(new.kind.code())
    .bind(new.national_id.as_ref().map(|n| n.as_str().to_string()))
    .bind(new.given_name.trim())
    .bind(new.family_name.trim())
    .bind(birth)
    .bind(now)
    .execute(&mut tx.conn)
    .await
    .map_err(|e| DbError::from(e).conflict_as("national identity number"))?;
    Ok(Ok(PersonId::from_trusted(id)))
}

pub(crate) async fn add_relation_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    child: &PersonId,
    adult: &PersonId,
    kind: RelationKind,
) -> DbResult<DbResult<()>> {
    if !gate_write(tx, ctx, Action::Update, child.as_str(), PersonKind::Child).await? {
        return Ok(Err(DbError::Forbidden));
    }
    let tenant = ctx.actor.tenant.as_str();
    let kinds = sqlx::query("SELECT id, kind FROM persons WHERE tenant_id = $1 AND id IN ($2, $3)")
        .bind(tenant)
        .bind(child.as_str())
        .bind(adult.as_str())
        .fetch_all(&mut tx.conn)
        .await?;
    let kind_of = |id: &PersonId| {
        kinds.iter().find_map(|r| {
            (r.try_get::<String, _>("id").ok()? == id.as_str())
                .then(|| r.try_get::<String, _>("kind").ok())?
        })
    };
    if kind_of(child).as_deref() != Some("child") || kind_of(adult).as_deref() != Some("adult") {
        return Ok(Err(DbError::NotFound));
    }
    sqlx::query("INSERT INTO relations (tenant_id, child_id, person_id, kind, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(tenant)
        .bind(child.as_str())
        .bind(adult.as_str())
        .bind(kind.code())
        .bind(now_ms())
        .execute(&mut tx.conn)
        .await
        .map_err(|e| DbError::from(e).conflict_as("relation"))?;
    Ok(Ok(()))
}

pub(crate) async fn enrol_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    child: &PersonId,
    unit: &UnitId,
    from: &str,
) -> DbResult<DbResult<()>> {
    if !gate_write(tx, ctx, Action::Update, child.as_str(), PersonKind::Child).await? {
        return Ok(Err(DbError::Forbidden));
    }
    let tenant = ctx.actor.tenant.as_str();
    let found = sqlx::query(
        "SELECT COUNT(*) AS found FROM persons p JOIN units u ON u.tenant_id = p.tenant_id \
         WHERE p.tenant_id = $1 AND p.id = $2 AND p.kind = 'child' AND u.id = $3",
    )
    .bind(tenant)
    .bind(child.as_str())
    .bind(unit.as_str())
    .fetch_one(&mut tx.conn)
    .await?
    .try_get::<i64, _>("found")?;
    if found == 0 {
        return Ok(Err(DbError::NotFound));
    }
    let before =
        crate::steering::track::enrolment_before(tx, &ctx.actor.tenant, child.as_str()).await?;
    sqlx::query(
        "INSERT INTO enrolments (tenant_id, child_id, unit_id, from_date) VALUES ($1, $2, $3, $4)",
    )
    .bind(tenant)
    .bind(child.as_str())
    .bind(unit.as_str())
    .bind(from)
    .execute(&mut tx.conn)
    .await
    .map_err(|e| DbError::from(e).conflict_as("enrolment"))?;
    crate::steering::track::enrolment_after(tx, &ctx.actor.tenant, child.as_str(), before).await?;
    Ok(Ok(()))
}

fn person_from_row(r: &AnyRow) -> DbResult<Person> {
    let kind: String = r.try_get("kind")?;
    let nin: Option<String> = r.try_get("national_id")?;
    Ok(Person {
        id: PersonId::from_trusted(r.try_get("id")?),
        kind: PersonKind::from_code(&kind)
            .ok_or_else(|| DbError::Other(format!("unknown person kind {kind}")))?,
        national_id: nin.and_then(|n| NationalId::parse(&n).ok()),
        given_name: r.try_get("given_name")?,
        family_name: r.try_get("family_name")?,
        birth_date: r.try_get("birth_date")?,
        version: r.try_get("version")?,
        restricted: r.try_get::<Option<i64>, _>("restricted_at")?.is_some(),
    })
}

pub(crate) async fn load_person<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    pool: E,
    tenant: &TenantId,
    id: &PersonId,
) -> DbResult<Option<Person>> {
    let row = sqlx::query(
        "SELECT id, kind, national_id, given_name, family_name, birth_date, version, restricted_at \
         FROM persons WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id.as_str())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(person_from_row).transpose()
}

/// The units a person is linked to now: a child's enrolments, or the
/// enrolments of an adult's children.
pub(crate) async fn linked_units<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    pool: E,
    tenant: &TenantId,
    id: &PersonId,
    kind: PersonKind,
) -> DbResult<Vec<UnitId>> {
    let sql = match kind {
        PersonKind::Child => {
            "SELECT e.unit_id FROM enrolments e WHERE e.tenant_id = $1 AND e.child_id = $3 AND e.from_date <= $2 AND (e.to_date IS NULL OR e.to_date >= $2)"
        }
        // The subquery keeps both engines on the (tenant, child) key of
        // enrolments instead of scanning the municipality's enrolments.
        PersonKind::Adult => {
            "SELECT e.unit_id FROM enrolments e WHERE e.tenant_id = $1 \
             AND e.child_id IN (SELECT r.child_id FROM relations r WHERE r.tenant_id = $1 AND r.person_id = $3) \
             AND e.from_date <= $2 AND (e.to_date IS NULL OR e.to_date >= $2)"
        }
    };
    let rows = sqlx::query(sql)
        .bind(tenant.as_str())
        .bind(today())
        .bind(id.as_str())
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| Ok(UnitId::from_trusted(r.try_get("unit_id")?)))
        .collect()
}

/// A person and every enrolment they have had, newest first, in one
/// statement (a person never enrolled: one row with no unit).
async fn load_detail(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &PersonId,
) -> DbResult<Option<(Person, Vec<Enrolment>)>> {
    let rows = sqlx::query(
        "SELECT p.id, p.kind, p.national_id, p.given_name, p.family_name, p.birth_date, \
         p.version, p.restricted_at, e.unit_id, u.name AS unit_name, e.from_date, e.to_date \
         FROM persons p \
         LEFT JOIN enrolments e ON e.tenant_id = p.tenant_id AND e.child_id = p.id \
         LEFT JOIN units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id \
         WHERE p.tenant_id = $1 AND p.id = $2 ORDER BY e.from_date DESC",
    )
    .bind(tenant.as_str())
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let person = person_from_row(first)?;
    let mut enrolments = Vec::new();
    for r in &rows {
        if let Some(unit) = r.try_get::<Option<String>, _>("unit_id")? {
            enrolments.push(Enrolment {
                unit_id: UnitId::from_trusted(unit),
                unit_name: r.try_get("unit_name")?,
                from_date: r.try_get("from_date")?,
                to_date: r.try_get("to_date")?,
            });
        }
    }
    Ok(Some((person, enrolments)))
}

/// The people related to a person, whichever side they are on: a child's
/// adults, or an adult's children.
async fn relations_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &PersonId,
) -> DbResult<Vec<Relation>> {
    let rows = sqlx::query(
        "SELECT p.id, p.given_name, p.family_name, r.kind FROM relations r \
         JOIN persons p ON p.tenant_id = r.tenant_id AND p.id = r.person_id \
         WHERE r.tenant_id = $1 AND r.child_id = $2 \
         UNION ALL \
         SELECT p.id, p.given_name, p.family_name, r.kind FROM relations r \
         JOIN persons p ON p.tenant_id = r.tenant_id AND p.id = r.child_id \
         WHERE r.tenant_id = $1 AND r.person_id = $2 \
         ORDER BY 3, 2",
    )
    .bind(tenant.as_str())
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(Relation {
                person_id: PersonId::from_trusted(r.try_get("id")?),
                given_name: r.try_get("given_name")?,
                family_name: r.try_get("family_name")?,
                kind: RelationKind::from_code(&kind)
                    .ok_or_else(|| DbError::Other(format!("unknown relation {kind}")))?,
            })
        })
        .collect()
}
