//! What the citizen policy needs to know about a person, read fresh on every
//! request: who the citizen is to them, their age, and the municipality's
//! age and parent-view settings. Also the list of the family's members.

use ettlag_core::policy::citizen::{
    Citizen, CitizenAction, ParentView, PersonFacts, Section, Standing, decide_citizen,
};
use ettlag_core::{Day, PersonId, TenantId};
use sqlx::{AnyConnection, Row};

use super::{CitizenAccess, parent_view};
use crate::clock::today_day;
use crate::error::DbResult;
use crate::settings::{CONSENT_AGE, PORTAL_PARENT_VIEW, setting};

/// The facts about one person, as the citizen sees them.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub tenant: TenantId,
    pub standing: Standing,
    pub age_years: Option<u8>,
    pub consent_age: u8,
    pub parent_view: ParentView,
    pub given_name: String,
    pub family_name: String,
    /// Registered as a child (the one the work is around), not an adult.
    pub is_child: bool,
}

impl Facts {
    pub fn person(&self) -> PersonFacts<'_> {
        PersonFacts {
            tenant: &self.tenant,
            standing: self.standing,
            age_years: self.age_years,
            consent_age: self.consent_age,
            parent_view: self.parent_view,
        }
    }
}

/// Loads the facts, or `None` when the person is not in the citizen's
/// municipality (the only place the citizen can look).
pub(crate) async fn load(
    conn: &mut AnyConnection,
    citizen: &Citizen,
    subject: &PersonId,
) -> DbResult<Option<Facts>> {
    let tenant = &citizen.tenant;
    let row = sqlx::query(
        "SELECT given_name, family_name, birth_date, kind FROM persons WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(subject.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let born: Option<String> = row.try_get("birth_date")?;
    let age_years = born
        .and_then(|b| Day::parse(&b).ok())
        .map(|b| u8::try_from(b.years_until(today_day()).clamp(0, 150)).unwrap_or(0));
    let standing = if subject == &citizen.person {
        Standing::Themself
    } else {
        let kind = sqlx::query(
            "SELECT kind FROM relations WHERE tenant_id = $1 AND child_id = $2 AND person_id = $3",
        )
        .bind(tenant.as_str())
        .bind(subject.as_str())
        .bind(citizen.person.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get::<String, _>("kind"))
        .transpose()?;
        match kind.as_deref() {
            Some("guardian") => Standing::Guardian,
            Some("parent_without_responsibility") => Standing::ParentWithoutResponsibility,
            _ => Standing::Other,
        }
    };
    let age = |v: i64| u8::try_from(v).unwrap_or(15);
    Ok(Some(Facts {
        tenant: tenant.clone(),
        standing,
        age_years,
        consent_age: age(setting(conn, tenant, CONSENT_AGE).await?),
        parent_view: parent_view(setting(conn, tenant, PORTAL_PARENT_VIEW).await?),
        given_name: row.try_get("given_name")?,
        family_name: row.try_get("family_name")?,
        is_child: row.try_get::<String, _>("kind")? == "child",
    }))
}

/// A person the citizen may see something about.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub age_years: Option<u8>,
    /// The citizen sees the plan, consents, the access log and the download.
    pub sees_details: bool,
    /// The citizen gives and withdraws consent and writes to the team.
    pub decides: bool,
    /// The citizen is this person.
    pub is_self: bool,
}

impl CitizenAccess {
    /// The citizen and the children they are related to, each as far as the
    /// policy lets the citizen see them; each one shown is audited.
    pub async fn family(&self) -> DbResult<Vec<Member>> {
        let mut conn = self.store.pool.acquire().await?;
        let mut ids = vec![self.citizen.person.clone()];
        let rows = sqlx::query(
            "SELECT child_id FROM relations WHERE tenant_id = $1 AND person_id = $2 ORDER BY child_id",
        )
        .bind(self.tenant().as_str())
        .bind(self.citizen.person.as_str())
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            ids.push(PersonId::from_trusted(r.try_get("child_id")?));
        }
        let mut members = Vec::new();
        let mut events = Vec::new();
        for id in ids {
            let Some(f) = load(&mut conn, &self.citizen, &id).await? else {
                continue;
            };
            let decide = |a, s| decide_citizen(&self.citizen, a, s, &f.person());
            let who = decide(CitizenAction::See, Section::WhoFollowsUp);
            let is_self = f.standing == Standing::Themself;
            // The citizen themself as an adult is not a member to follow up;
            // a young person at the age is.
            if !who.is_allowed() || (is_self && !f.is_child) {
                continue;
            }
            events.push(self.event(CitizenAction::See, "person", id.as_str(), Some(who)));
            members.push(Member {
                sees_details: decide(CitizenAction::See, Section::Details).is_allowed(),
                decides: decide(CitizenAction::Decide, Section::Details).is_allowed(),
                is_self,
                id,
                given_name: f.given_name,
                family_name: f.family_name,
                age_years: f.age_years,
            });
        }
        drop(conn);
        if !events.is_empty() {
            self.audit_reads(events).await?;
        }
        Ok(members)
    }
}
