//! What the family reads: who follows them up and how to reach them, their
//! plan and goals, and their consents. Each read is decided and audited.

use ettlag_core::PersonId;
use ettlag_core::consent::Consent;
use ettlag_core::plan::PlanContent;
use ettlag_core::policy::citizen::Section;
use sqlx::Row;

use super::CitizenAccess;
use super::facts::Member;
use crate::error::{DbError, DbResult};
use crate::profile::family_contact_of;

/// Why a staff member is a contact of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// Holds the baton of the relay log (stafettholder).
    BatonHolder,
    Coordinator,
    ChildCoordinator,
}

/// Someone who follows the family up, and how to reach them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Contact {
    pub role: ContactRole,
    pub name: String,
    pub units: Vec<String>,
    /// What the staff member chose to show families of how to reach them.
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl CitizenAccess {
    /// One member of the family, if the citizen may see who follows them up.
    pub async fn member(&self, subject: &PersonId) -> DbResult<Member> {
        let f = self
            .gate_read(Section::WhoFollowsUp, "person", subject)
            .await?;
        let decide = |a, s| {
            ettlag_core::policy::citizen::decide_citizen(&self.citizen, a, s, &f.person())
                .is_allowed()
        };
        use ettlag_core::policy::citizen::CitizenAction::{Decide, See};
        Ok(Member {
            id: subject.clone(),
            sees_details: decide(See, Section::Details),
            decides: decide(Decide, Section::Details),
            is_self: subject == &self.citizen.person,
            given_name: f.given_name,
            family_name: f.family_name,
            age_years: f.age_years,
        })
    }

    /// The baton holder of the open relay log and the coordinators, with
    /// their units and the contact details they chose to show families.
    pub async fn who_follows_up(&self, subject: &PersonId) -> DbResult<Vec<Contact>> {
        self.gate_read(Section::WhoFollowsUp, "contacts", subject)
            .await?;
        let tenant = self.tenant().as_str();
        let mut conn = self.store.pool.acquire().await?;
        let mut found: Vec<(ContactRole, String, Option<String>)> = Vec::new();
        let holder = sqlx::query(
            "SELECT holder_id, holder_unit_id FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
             AND closed_at IS NULL",
        )
        .bind(tenant)
        .bind(subject.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(r) = holder {
            found.push((
                ContactRole::BatonHolder,
                r.try_get("holder_id")?,
                Some(r.try_get("holder_unit_id")?),
            ));
        }
        let coordinators = sqlx::query(
            "SELECT kind, staff_id FROM coordinators WHERE tenant_id = $1 AND person_id = $2 \
             AND ended_at IS NULL ORDER BY kind",
        )
        .bind(tenant)
        .bind(subject.as_str())
        .fetch_all(&mut *conn)
        .await?;
        for r in &coordinators {
            let kind: String = r.try_get("kind")?;
            let role = if kind == "child_coordinator" {
                ContactRole::ChildCoordinator
            } else {
                ContactRole::Coordinator
            };
            found.push((role, r.try_get("staff_id")?, None));
        }
        let mut contacts = Vec::new();
        for (role, staff, unit) in found {
            let Some(s) = family_contact_of(&mut conn, self.tenant(), &staff).await? else {
                continue;
            };
            // The holder's unit is the one they hold the baton for; a
            // coordinator is shown with the units they work in.
            let units = match unit {
                Some(u) => sqlx::query("SELECT name FROM units WHERE tenant_id = $1 AND id = $2")
                    .bind(tenant)
                    .bind(u)
                    .fetch_all(&mut *conn)
                    .await?,
                None => sqlx::query(
                    "SELECT u.name FROM staff_units su JOIN units u ON u.tenant_id = su.tenant_id \
                     AND u.id = su.unit_id WHERE su.tenant_id = $1 AND su.staff_id = $2 ORDER BY u.name",
                )
                .bind(tenant)
                .bind(&staff)
                .fetch_all(&mut *conn)
                .await?,
            };
            contacts.push(Contact {
                role,
                name: s.name,
                email: s.email,
                phone: s.phone,
                units: units
                    .iter()
                    .map(|r| r.try_get("name"))
                    .collect::<Result<_, _>>()?,
            });
        }
        Ok(contacts)
    }

    /// The individual plan as it stands now, if there is one.
    pub async fn plan(&self, subject: &PersonId) -> DbResult<Option<PlanContent>> {
        self.gate_read(Section::Details, "plan", subject).await?;
        let mut conn = self.store.pool.acquire().await?;
        let row = sqlx::query("SELECT id FROM plans WHERE tenant_id = $1 AND person_id = $2")
            .bind(self.tenant().as_str())
            .bind(subject.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let plan: String = row.try_get("id")?;
        let revisions = crate::access::plan::revisions_of(&mut conn, self.tenant(), &plan).await?;
        Ok(revisions.into_iter().last().map(|r| r.content))
    }

    /// The consents given for the person, newest first.
    pub async fn consents(&self, subject: &PersonId) -> DbResult<Vec<Consent>> {
        self.gate_read(Section::Details, "consent", subject).await?;
        let rows = sqlx::query(
            "SELECT body, withdrawn_at FROM consents WHERE tenant_id = $1 AND subject_id = $2 \
             ORDER BY recorded_at DESC LIMIT 200",
        )
        .bind(self.tenant().as_str())
        .bind(subject.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let mut c: Consent = serde_json::from_str(&r.try_get::<String, _>("body")?)
                    .map_err(|e| DbError::Other(format!("a stored consent does not parse: {e}")))?;
                c.withdrawn_at_ms = r.try_get("withdrawn_at")?;
                Ok(c)
            })
            .collect()
    }
}

impl CitizenAccess {
    /// The municipality's units by name, for naming who may receive what in
    /// a consent. The organisation is public information, not personal data.
    pub async fn units(&self) -> DbResult<Vec<(ettlag_core::UnitId, String)>> {
        let rows = sqlx::query("SELECT id, name FROM units WHERE tenant_id = $1 ORDER BY name")
            .bind(self.tenant().as_str())
            .fetch_all(&self.store.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    ettlag_core::UnitId::from_trusted(r.try_get("id")?),
                    r.try_get("name")?,
                ))
            })
            .collect()
    }
}
