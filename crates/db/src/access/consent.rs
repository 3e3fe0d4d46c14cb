//! The consent ledger behind the one door: recording a consent the family
//! gave, withdrawing it, listing a child's consents, and — for the policy —
//! which units the consents in force let receive a category of information.
//! A withdrawal is read by the very next request: nothing is cached.

use ettlag_core::consent::{self, AgeRules, Category, Consent, Family};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::relay::Text;
use ettlag_core::{Coded, Day, PersonId, ServiceType, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::relay::{CaseFacts, child_units};
use super::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms, today};
use crate::error::{DbError, DbResult};
use crate::relay_models::StaffRef;
use crate::settings::{CONSENT_AGE, CONSENT_AGE_HEALTH, setting};
use crate::writer::Tx;

/// A consent as the ledger shows it, with who recorded and who withdrew it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConsentRecord {
    pub consent: Consent,
    pub recorded_by: StaffRef,
    pub recorded_at_ms: i64,
    pub withdrawn_by: Option<StaffRef>,
    pub withdrawn_note: Option<String>,
}

fn today_day() -> Day {
    Day::parse(&today()).unwrap_or(Day::from_ms(now_ms()))
}

/// The units that the consents in force for `child` let receive `category`
/// today: named units, and every unit of a named kind of service.
pub(crate) async fn consented_units(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
    category: Category,
) -> DbResult<Vec<UnitId>> {
    let day = today_day();
    let rows = sqlx::query(
        "SELECT body FROM consents WHERE tenant_id = $1 AND subject_id = $2 AND withdrawn_at IS NULL \
         AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3)",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .bind(day.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut units: Vec<UnitId> = Vec::new();
    let mut types: Vec<ServiceType> = Vec::new();
    for r in &rows {
        let c = parse(&r.try_get::<String, _>(0)?)?;
        if !c.is_active(day) || !c.categories.contains(&category) {
            continue;
        }
        units.extend(c.recipients.units.iter().cloned());
        types.extend(c.recipients.service_types.iter().copied());
    }
    types.sort();
    types.dedup();
    for t in types {
        let rows = sqlx::query("SELECT id FROM units WHERE tenant_id = $1 AND service_type = $2")
            .bind(tenant.as_str())
            .bind(t.code())
            .fetch_all(&mut *conn)
            .await?;
        for r in &rows {
            units.push(UnitId::from_trusted(r.try_get(0)?));
        }
    }
    units.sort();
    units.dedup();
    Ok(units)
}

fn parse(body: &str) -> DbResult<Consent> {
    serde_json::from_str(body)
        .map_err(|e| DbError::Other(format!("a stored consent does not parse: {e}")))
}

/// Who sees a child's consents: the child's units, the holder of its open
/// relay log, and (for reading only) the units the consents let receive it.
/// Recording or withdrawing a consent is for the child's own units and the
/// holder: a receiving unit must not widen its own access.
pub(crate) async fn facts_for_child(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
    for_writing: bool,
) -> DbResult<CaseFacts> {
    let holder = sqlx::query(
        "SELECT holder_id FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 AND closed_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| r.try_get::<String, _>(0))
    .transpose()?
    .map(ettlag_core::StaffId::from_trusted);
    Ok(CaseFacts {
        tenant: tenant.clone(),
        child_units: child_units(conn, tenant, child).await?,
        consented_units: if for_writing {
            Vec::new()
        } else {
            consented_units(conn, tenant, child, Category::RelayLog).await?
        },
        holder,
        offered_to: None,
        author: None,
        restricted: super::relay::is_restricted(conn, tenant, child).await?,
        emergency: false,
    })
}

/// The child's age and guardians with parental responsibility.
async fn family(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
) -> DbResult<Option<Family>> {
    let row = sqlx::query(
        "SELECT birth_date FROM persons WHERE tenant_id = $1 AND id = $2 AND kind = 'child'",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let born: Option<String> = row.try_get(0)?;
    let age = born
        .and_then(|b| Day::parse(&b).ok())
        .map(|b| b.years_until(today_day()))
        .unwrap_or(0);
    let guardians = sqlx::query(
        "SELECT person_id FROM relations WHERE tenant_id = $1 AND child_id = $2 AND kind = 'guardian'",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok(PersonId::from_trusted(r.try_get(0)?)))
    .collect::<DbResult<Vec<_>>>()?;
    Ok(Some(Family {
        child: child.clone(),
        age_years: u8::try_from(age.clamp(0, 120)).unwrap_or(0),
        guardians,
    }))
}

impl AccessContext {
    /// Records a consent the family gave (in a meeting, on paper, or in the
    /// portal). The ledger checks that it names a purpose, recipients and
    /// categories, and that the right people gave it for the child's age.
    pub async fn give_consent(&self, consent: Consent) -> DbResult<String> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { give_in(tx, &ctx, consent).await }))
            .await?
    }

    /// Withdraws a consent at once: the next request anywhere sees it gone.
    pub async fn withdraw_consent(&self, id: &str, note: Option<Text>) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.to_string();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { withdraw_in(tx, &ctx, &id, note).await }))
            .await?
    }

    /// A child's consents, newest first, each decided and audited.
    pub async fn consents_of(&self, child: &PersonId) -> DbResult<Vec<ConsentRecord>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let mut facts = facts_for_child(&mut conn, &tenant, child, false).await?;
        facts.emergency =
            super::emergency::active(&mut conn, &tenant, &self.actor.staff, child).await?;
        let rows = sqlx::query(
            "SELECT id, body, recorded_by, recorded_at, withdrawn_by, withdrawn_note, withdrawn_at \
             FROM consents WHERE tenant_id = $1 AND subject_id = $2 ORDER BY recorded_at DESC LIMIT 200",
        )
        .bind(tenant.as_str())
        .bind(child.as_str())
        .fetch_all(&mut *conn)
        .await?;
        let decision = self.decide(Action::List, &Subject::Case(facts.case()));
        if !decision.is_allowed() {
            self.audit_reads(vec![self.event(
                Action::List,
                "consent",
                child.as_str(),
                decision,
            )])
            .await?;
            return Err(DbError::NotFound);
        }
        // The look at the ledger itself, then each consent seen in it: an
        // empty ledger is an access too.
        let mut events = vec![self.event(Action::List, "consent", child.as_str(), decision)];
        for r in &rows {
            let id: String = r.try_get(0)?;
            events.push(self.event(Action::List, "consent", &id, decision));
        }
        self.audit_reads(events).await?;
        let mut staff = Vec::new();
        for r in &rows {
            staff.push(r.try_get::<String, _>(2)?);
            if let Some(by) = r.try_get::<Option<String>, _>(4)? {
                staff.push(by);
            }
        }
        let mut names = super::relay::names(&mut conn, &tenant, "staff", &staff).await?;
        // A family member who withdrew in the portal is written in the
        // ledger as `citizen:<person id>`; readers see their name.
        let citizens: std::collections::BTreeSet<&String> =
            staff.iter().filter(|id| id.starts_with(CITIZEN)).collect();
        for id in citizens {
            let person = &id[CITIZEN.len()..];
            let row = sqlx::query(
                "SELECT given_name, family_name FROM persons WHERE tenant_id = $1 AND id = $2",
            )
            .bind(tenant.as_str())
            .bind(person)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(r) = row {
                let (given, family): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                names.insert(id.clone(), format!("{given} {family}"));
            }
        }
        let staff_ref = |id: String| StaffRef {
            name: names.get(&id).cloned().unwrap_or_else(|| id.clone()),
            id: ettlag_core::StaffId::from_trusted(id),
        };
        rows.iter()
            .map(|r| {
                let mut consent = parse(&r.try_get::<String, _>(1)?)?;
                consent.withdrawn_at_ms = r.try_get(6)?;
                Ok(ConsentRecord {
                    consent,
                    recorded_by: staff_ref(r.try_get(2)?),
                    recorded_at_ms: r.try_get(3)?,
                    withdrawn_by: r.try_get::<Option<String>, _>(4)?.map(staff_ref),
                    withdrawn_note: r.try_get(5)?,
                })
            })
            .collect()
    }
}

/// How the ledger names a withdrawal made by a family member in the portal.
pub const CITIZEN: &str = "citizen:";

async fn give_in(tx: &mut Tx, ctx: &WriteCtx, mut consent: Consent) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let id = new_id();
    let Some(family) = family(&mut tx.conn, &tenant, &consent.subject).await? else {
        let d = ctx.decide(Action::Create, &Subject::Unknown);
        tx.append_audit(
            tenant.as_str(),
            vec![ctx.event(Action::Create, "consent", &id, d)],
        )
        .await?;
        return Ok(Err(DbError::NotFound));
    };
    let facts = facts_for_child(&mut tx.conn, &tenant, &consent.subject, true).await?;
    let d = ctx.decide(Action::Create, &Subject::Case(facts.case()));
    tx.append_audit(
        tenant.as_str(),
        vec![ctx.event(Action::Create, "consent", &id, d)],
    )
    .await?;
    if !d.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    let rules = AgeRules {
        alone_from: u8::try_from(setting(&mut tx.conn, &tenant, CONSENT_AGE).await?).unwrap_or(15),
        health_alone_from: u8::try_from(setting(&mut tx.conn, &tenant, CONSENT_AGE_HEALTH).await?)
            .unwrap_or(16),
    };
    consent.id = id.clone();
    consent.withdrawn_at_ms = None;
    if let Err(e) = consent::check(&consent, &family, rules) {
        return Ok(Err(DbError::Refused(e.message_key())));
    }
    let body = serde_json::to_string(&consent).map_err(|e| DbError::Other(e.to_string()))?;
    sqlx::query(
        "INSERT INTO consents (tenant_id, id, subject_id, body, valid_from, valid_to, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(consent.subject.as_str())
    .bind(body)
    .bind(consent.valid_from.to_string())
    .bind(consent.valid_to.map(|d| d.to_string()))
    .bind(ctx.actor.staff.as_str())
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    index_recipients(&mut tx.conn, &tenant, &consent).await?;
    Ok(Ok(id))
}

/// Records whom a consent names, for [`shared_children`].
pub(crate) async fn index_recipients(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    consent: &Consent,
) -> DbResult<()> {
    let units = consent
        .recipients
        .units
        .iter()
        .map(|u| (Some(u.as_str()), None));
    let types = consent
        .recipients
        .service_types
        .iter()
        .map(|t| (None, Some(t.code())));
    for (unit, service) in units.chain(types) {
        sqlx::query(
            "INSERT INTO consent_recipients (tenant_id, consent_id, subject_id, unit_id, service_type) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(tenant.as_str())
        .bind(&consent.id)
        .bind(consent.subject.as_str())
        .bind(unit)
        .bind(service)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Indexes the recipients of consents recorded before the index existed.
/// Runs at start-up; finds nothing to do once every consent is indexed.
pub(crate) async fn backfill_recipients(pool: &sqlx::AnyPool) -> DbResult<usize> {
    let rows = sqlx::query(
        "SELECT c.tenant_id, c.body FROM consents c WHERE NOT EXISTS (SELECT 1 FROM consent_recipients r \
         WHERE r.tenant_id = c.tenant_id AND r.consent_id = c.id)",
    )
    .fetch_all(pool)
    .await?;
    let mut conn = pool.acquire().await?;
    for r in &rows {
        let tenant = TenantId::from_trusted(r.try_get(0)?);
        let consent = parse(&r.try_get::<String, _>(1)?)?;
        index_recipients(&mut conn, &tenant, &consent).await?;
    }
    Ok(rows.len())
}

/// The children whose consents in force today name one of `units` (or
/// their kinds of service) as a recipient of `category`.
pub(crate) async fn shared_children(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    units: &[(UnitId, ServiceType)],
    category: Category,
) -> DbResult<Vec<PersonId>> {
    let day = today_day();
    let mut children: Vec<PersonId> = Vec::new();
    for (unit, service) in units {
        let rows = sqlx::query(
            "SELECT c.subject_id, c.body FROM consent_recipients r JOIN consents c \
             ON c.tenant_id = r.tenant_id AND c.id = r.consent_id \
             WHERE r.tenant_id = $1 AND (r.unit_id = $2 OR r.service_type = $3) \
             AND c.withdrawn_at IS NULL AND c.valid_from <= $4 AND (c.valid_to IS NULL OR c.valid_to >= $4) \
             LIMIT 2000",
        )
        .bind(tenant.as_str())
        .bind(unit.as_str())
        .bind(service.code())
        .bind(day.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            let consent = parse(&r.try_get::<String, _>(1)?)?;
            if consent.covers(unit, *service, category, day) {
                children.push(consent.subject);
            }
        }
    }
    children.sort();
    children.dedup();
    Ok(children)
}

async fn withdraw_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
    note: Option<Text>,
) -> DbResult<DbResult<()>> {
    let tenant = ctx.actor.tenant.clone();
    let row = sqlx::query(
        "SELECT subject_id, withdrawn_at FROM consents WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(&mut tx.conn)
    .await?;
    let Some(row) = row else {
        let d = ctx.decide(Action::Update, &Subject::Unknown);
        tx.append_audit(
            tenant.as_str(),
            vec![ctx.event(Action::Update, "consent", id, d)],
        )
        .await?;
        return Ok(Err(DbError::NotFound));
    };
    let child = PersonId::from_trusted(row.try_get(0)?);
    let facts = facts_for_child(&mut tx.conn, &tenant, &child, true).await?;
    let d = ctx.decide(Action::Update, &Subject::Case(facts.case()));
    tx.append_audit(
        tenant.as_str(),
        vec![ctx.event(Action::Update, "consent", id, d)],
    )
    .await?;
    if !d.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    if row.try_get::<Option<i64>, _>(1)?.is_some() {
        return Ok(Err(DbError::Refused("consent-error-withdrawn")));
    }
    sqlx::query(
        "UPDATE consents SET withdrawn_at = $3, withdrawn_by = $4, withdrawn_note = $5 \
         WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(now_ms())
    .bind(ctx.actor.staff.as_str())
    .bind(note.map(|n| n.to_string()))
    .execute(&mut tx.conn)
    .await?;
    Ok(Ok(()))
}
