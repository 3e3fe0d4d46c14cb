//! The consent ledger behind the one door: recording a consent the family
//! gave, withdrawing it, listing a child's consents, and — for the policy —
//! which units the consents in force let receive a category of information.
//! A withdrawal is read by the very next request: nothing is cached.

use ettlag_core::consent::{Category, Consent, Family};
use ettlag_core::policy::{Action, Ledger, Subject};
use ettlag_core::{Coded, Day, PersonId, ServiceType, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::AccessContext;
use super::facts::register::child_units;
use super::facts::{ConsentFacts, PersonFacts, parse_consent as parse};
use crate::clock::today_day;
use crate::error::{DbError, DbResult};
use crate::relay_models::StaffRef;

/// A consent as the ledger shows it, with who recorded and who withdrew it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConsentRecord {
    pub consent: Consent,
    pub recorded_by: StaffRef,
    pub recorded_at_ms: i64,
    pub withdrawn_by: Option<StaffRef>,
    pub withdrawn_note: Option<String>,
}

/// The facts of a child's consent ledger (see `policy::ledger`), owned so
/// that a [`Ledger`] can borrow them.
#[derive(Debug, Clone)]
pub(crate) struct LedgerFacts {
    pub tenant: TenantId,
    pub child_units: Vec<UnitId>,
    pub home_units: Vec<UnitId>,
    pub holder: Option<(StaffId, UnitId)>,
    pub consented_units: Vec<UnitId>,
    pub restricted: bool,
    pub emergency: bool,
}

impl LedgerFacts {
    pub fn ledger(&self) -> Ledger<'_> {
        Ledger {
            tenant: &self.tenant,
            child_units: &self.child_units,
            home_units: &self.home_units,
            holder: self.holder.as_ref().map(|(s, u)| (s, u)),
            consented_units: &self.consented_units,
            restricted: self.restricted,
            emergency: self.emergency,
        }
    }

    pub fn subject(&self) -> Subject<'_> {
        Subject::ConsentLedger(self.ledger())
    }

    /// Who stands in which relation to the child's consent ledger now, all
    /// loaded here (a write, in its own transaction).
    pub async fn of_child(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        child: &PersonId,
    ) -> DbResult<LedgerFacts> {
        let (home_units, holder) = case_history(conn, tenant, child).await?;
        Ok(LedgerFacts {
            tenant: tenant.clone(),
            child_units: child_units(conn, tenant, child).await?,
            home_units,
            holder,
            consented_units: ConsentFacts::load(conn, tenant, child)
                .await?
                .sharing(Category::RelayLog)
                .granted,
            restricted: super::facts::register::is_restricted(conn, tenant, child).await?,
            emergency: false,
        })
    }

    /// The same for a read, from the facts the request has about the child
    /// already (units, restriction, break-the-glass, consents): only the
    /// case history is read here.
    pub async fn of_child_known(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        child: &PersonId,
        person: &PersonFacts,
        consents: &ConsentFacts,
    ) -> DbResult<LedgerFacts> {
        let (home_units, holder) = case_history(conn, tenant, child).await?;
        Ok(LedgerFacts {
            tenant: tenant.clone(),
            child_units: person.linked_units.clone(),
            home_units,
            holder,
            consented_units: consents.sharing(Category::RelayLog).granted,
            restricted: person.restricted,
            emergency: person.emergency,
        })
    }
}

/// Where the child's case lives now: the home units of its open log and of
/// its undecided concerns, and the log's holder.
async fn case_history(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
) -> DbResult<(Vec<UnitId>, Option<(StaffId, UnitId)>)> {
    let log = sqlx::query(
        "SELECT holder_id, holder_unit_id, COALESCE(home_unit_id, holder_unit_id) AS home \
         FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 AND closed_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let mut home_units = Vec::new();
    let mut holder = None;
    if let Some(r) = &log {
        home_units.push(UnitId::from_trusted(r.try_get("home")?));
        holder = Some((
            StaffId::from_trusted(r.try_get("holder_id")?),
            UnitId::from_trusted(r.try_get("holder_unit_id")?),
        ));
    }
    let concerns = sqlx::query(
        "SELECT DISTINCT unit_id FROM concerns WHERE tenant_id = $1 AND child_id = $2 \
         AND decided_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?;
    for r in &concerns {
        home_units.push(UnitId::from_trusted(r.try_get("unit_id")?));
    }
    Ok((home_units, holder))
}

/// The child's age and guardians with parental responsibility.
pub(crate) async fn family(
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
    let born: Option<String> = row.try_get("birth_date")?;
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
    .map(|r| Ok(PersonId::from_trusted(r.try_get("person_id")?)))
    .collect::<DbResult<Vec<_>>>()?;
    Ok(Some(Family {
        child: child.clone(),
        age_years: u8::try_from(age.clamp(0, 120)).unwrap_or(0),
        guardians,
    }))
}

impl AccessContext {
    /// A child's consents, newest first, each decided and audited.
    pub async fn consents_of(&self, child: &PersonId) -> DbResult<Vec<ConsentRecord>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let facts = match self.person_fact(&mut conn, child).await? {
            Some(person) => {
                let consents = self.consent_facts(&mut conn, child).await?;
                LedgerFacts::of_child_known(&mut conn, &tenant, child, &person, &consents).await?
            }
            None => LedgerFacts::of_child(&mut conn, &tenant, child).await?,
        };
        let rows = sqlx::query(
            "SELECT id, body, recorded_by, recorded_at, withdrawn_by, withdrawn_note, withdrawn_at \
             FROM consents WHERE tenant_id = $1 AND subject_id = $2 ORDER BY recorded_at DESC LIMIT 200",
        )
        .bind(tenant.as_str())
        .bind(child.as_str())
        .fetch_all(&mut *conn)
        .await?;
        let decision = self.decide(Action::List, &facts.subject());
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
            let id: String = r.try_get("id")?;
            events.push(self.event(Action::List, "consent", &id, decision));
        }
        self.audit_reads(events).await?;
        let mut staff = Vec::new();
        for r in &rows {
            staff.push(r.try_get::<String, _>("recorded_by")?);
            if let Some(by) = r.try_get::<Option<String>, _>("withdrawn_by")? {
                staff.push(by);
            }
        }
        let mut names = super::facts::register::names(&mut conn, &tenant, "staff", &staff).await?;
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
                let (given, family): (String, String) =
                    (r.try_get("given_name")?, r.try_get("family_name")?);
                names.insert(id.clone(), format!("{given} {family}"));
            }
        }
        let staff_ref = |id: String| StaffRef {
            name: names.get(&id).cloned().unwrap_or_else(|| id.clone()),
            id: ettlag_core::StaffId::from_trusted(id),
        };
        rows.iter()
            .map(|r| {
                let mut consent = parse(&r.try_get::<String, _>("body")?)?;
                consent.withdrawn_at_ms = r.try_get("withdrawn_at")?;
                Ok(ConsentRecord {
                    consent,
                    recorded_by: staff_ref(r.try_get("recorded_by")?),
                    recorded_at_ms: r.try_get("recorded_at")?,
                    withdrawn_by: r
                        .try_get::<Option<String>, _>("withdrawn_by")?
                        .map(staff_ref),
                    withdrawn_note: r.try_get("withdrawn_note")?,
                })
            })
            .collect()
    }
}

/// How the ledger names a withdrawal made by a family member in the portal.
pub const CITIZEN: &str = "citizen:";

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
        let tenant = TenantId::from_trusted(r.try_get("tenant_id")?);
        let consent = parse(&r.try_get::<String, _>("body")?)?;
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
            let consent = parse(&r.try_get::<String, _>("body")?)?;
            if consent.covers(unit, *service, category, day) {
                children.push(consent.subject);
            }
        }
    }
    children.sort();
    children.dedup();
    Ok(children)
}

mod write;
pub use write::CONSENT_END;
pub(crate) use write::{consent_ended, consent_row, join_stored, store_consent, withdraw_stored};
