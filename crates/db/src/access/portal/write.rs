//! What the family decides: giving a consent in the portal (evidence
//! `digital`) and withdrawing one, effective on the very next request
//! anywhere, since the policy reads the ledger on every request.

use ettlag_core::PersonId;
use ettlag_core::consent::{
    self, AgeBasis, AgeRules, Category, Consent, Evidence, Family, Recipients,
};
use ettlag_core::policy::citizen::Standing;
use ettlag_core::{Day, UnitId};
use sqlx::Row;

use super::{CitizenAccess, gate_write};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};

/// A consent as the family gives it in the portal.
#[derive(Debug, Clone)]
pub struct PortalConsent {
    pub units: Vec<UnitId>,
    pub categories: Vec<Category>,
    pub purpose: String,
    pub valid_to: Option<Day>,
}

impl CitizenAccess {
    /// Withdraws a consent given for `subject`. Refused (and audited) when
    /// the citizen may not decide for the person or the consent is not theirs.
    pub async fn withdraw_consent(&self, subject: &PersonId, consent_id: &str) -> DbResult<()> {
        let (citizen, rid) = (self.citizen.clone(), self.request_id.clone());
        let (subject, id) = (subject.clone(), consent_id.to_string());
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let Some(_) = gate_write(tx, &citizen, &rid, "consent", &id, &subject).await?
                    else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let row = sqlx::query(
                        "SELECT withdrawn_at FROM consents WHERE tenant_id = $1 AND id = $2 AND subject_id = $3",
                    )
                    .bind(citizen.tenant.as_str())
                    .bind(&id)
                    .bind(subject.as_str())
                    .fetch_optional(&mut tx.conn)
                    .await?;
                    let Some(row) = row else {
                        return Ok(Err(DbError::NotFound));
                    };
                    if row.try_get::<Option<i64>, _>(0)?.is_some() {
                        return Ok(Err(DbError::Refused("consent-error-withdrawn")));
                    }
                    sqlx::query(
                        "UPDATE consents SET withdrawn_at = $3, withdrawn_by = $4, withdrawn_note = $5 \
                         WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL",
                    )
                    .bind(citizen.tenant.as_str())
                    .bind(&id)
                    .bind(now_ms())
                    .bind(citizen.audit_id())
                    .bind("portal")
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }

    /// Gives a consent for `subject` from the portal, with the evidence
    /// `digital`. The same checks as a consent staff record: purpose,
    /// recipients, categories, and the right person for the age.
    pub async fn give_consent(&self, subject: &PersonId, given: PortalConsent) -> DbResult<String> {
        let (citizen, rid) = (self.citizen.clone(), self.request_id.clone());
        let subject = subject.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let id = new_id();
                    let Some(facts) =
                        gate_write(tx, &citizen, &rid, "consent", &id, &subject).await?
                    else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let basis = if facts.standing == Standing::Themself {
                        AgeBasis::YoungPerson
                    } else {
                        AgeBasis::Guardians
                    };
                    let today = super::facts::today_day();
                    let consent = Consent {
                        id: id.clone(),
                        subject: subject.clone(),
                        grantors: vec![citizen.person.clone()],
                        basis,
                        purpose: given.purpose.trim().to_string(),
                        recipients: Recipients {
                            units: given.units,
                            service_types: Vec::new(),
                        },
                        categories: given.categories,
                        valid_from: today,
                        valid_to: given.valid_to,
                        evidence: Evidence::Digital,
                        withdrawn_at_ms: None,
                        stance: Default::default(),
                        awaiting: Vec::new(),
                        one_guardian_accepted: false,
                    };
                    let guardians = if basis == AgeBasis::Guardians {
                        vec![citizen.person.clone()]
                    } else {
                        Vec::new()
                    };
                    let family = Family {
                        child: subject.clone(),
                        age_years: facts.age_years.unwrap_or(u8::MAX),
                        guardians,
                    };
                    let rules = AgeRules {
                        alone_from: facts.consent_age,
                        health_alone_from: facts.consent_age_health,
                    };
                    if let Err(e) = consent::check(&consent, &family, rules) {
                        return Ok(Err(DbError::Refused(e.message_key())));
                    }
                    // Only units of the person's own municipality can be named.
                    for unit in &consent.recipients.units {
                        let known = sqlx::query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2")
                            .bind(citizen.tenant.as_str())
                            .bind(unit.as_str())
                            .fetch_optional(&mut tx.conn)
                            .await?;
                        if known.is_none() {
                            return Ok(Err(DbError::Refused("portal-error-unit")));
                        }
                    }
                    let body =
                        serde_json::to_string(&consent).map_err(|e| DbError::Other(e.to_string()))?;
                    sqlx::query(
                        "INSERT INTO consents (tenant_id, id, subject_id, body, valid_from, valid_to, recorded_by, recorded_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(citizen.tenant.as_str())
                    .bind(&id)
                    .bind(subject.as_str())
                    .bind(body)
                    .bind(consent.valid_from.to_string())
                    .bind(consent.valid_to.map(|d| d.to_string()))
                    .bind(citizen.audit_id())
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    crate::access::consent::index_recipients(&mut tx.conn, &citizen.tenant, &consent)
                        .await?;
                    Ok(Ok(id))
                })
            })
            .await?
    }
}
