//! What the family decides: giving a consent or a refusal in the portal
//! (evidence `digital`), joining a consent that waits for them, and
//! withdrawing one, effective on the very next request anywhere, since the
//! policy reads the ledger on every request.

use ettlag_core::PersonId;
use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients, Stance};
use ettlag_core::ids::ConsentId;
use ettlag_core::policy::citizen::Standing;
use ettlag_core::{Day, UnitId};

use super::{CitizenAccess, gate_write};
use crate::access::consent::{consent_row, family, join_stored, store_consent, withdraw_stored};
use crate::clock::new_id;
use crate::error::{DbError, DbResult};

/// A consent as the family gives it in the portal.
#[derive(Debug, Clone)]
pub struct PortalConsent {
    pub units: Vec<UnitId>,
    pub categories: Vec<Category>,
    pub purpose: String,
    pub valid_to: Option<Day>,
    /// Yes or no to the units named.
    pub stance: Stance,
}

impl CitizenAccess {
    /// Withdraws a consent given for `subject`. Refused (and audited) when
    /// the citizen may not decide for the person or the consent is not theirs.
    /// Any one guardian's withdrawal ends the consent, and its effects reach
    /// the relay log in the same transaction.
    pub async fn withdraw_consent(
        &self,
        subject: &PersonId,
        consent_id: &ConsentId,
    ) -> DbResult<()> {
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
                    let Some(consent) = owned(tx, &citizen.tenant, &id, &subject).await? else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let by = citizen.audit_id();
                    withdraw_stored(tx, &citizen.tenant, &consent, &by, Some("portal")).await
                })
            })
            .await?
    }

    /// A guardian the consent waits for gives their consent too, in the
    /// portal. When the last one has, the consent is in force.
    pub async fn join_consent(&self, subject: &PersonId, consent_id: &ConsentId) -> DbResult<()> {
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
                    let Some(consent) = owned(tx, &citizen.tenant, &id, &subject).await? else {
                        return Ok(Err(DbError::NotFound));
                    };
                    join_stored(tx, &citizen.tenant, consent, &citizen.person).await
                })
            })
            .await?
    }

    /// Gives a consent (or a refusal) for `subject` from the portal, with
    /// the evidence `digital`. The same checks as a consent staff record:
    /// purpose, recipients, categories, the right person for the age, and
    /// with joint parental responsibility a draft until every guardian has
    /// given theirs.
    pub async fn give_consent(
        &self,
        subject: &PersonId,
        given: PortalConsent,
    ) -> DbResult<ConsentId> {
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
                    let Some(family) = family(&mut tx.conn, &citizen.tenant, &subject).await?
                    else {
                        return Ok(Err(DbError::NotFound));
                    };
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
                        valid_from: crate::clock::today_day(),
                        valid_to: given.valid_to,
                        evidence: Evidence::Digital,
                        withdrawn_at_ms: None,
                        stance: given.stance,
                        awaiting: Vec::new(),
                        one_guardian_accepted: false,
                    };
                    // Only units of the person's own municipality can be named.
                    for unit in &consent.recipients.units {
                        let known =
                            sqlx::query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2")
                                .bind(citizen.tenant.as_str())
                                .bind(unit.as_str())
                                .fetch_optional(&mut tx.conn)
                                .await?;
                        if known.is_none() {
                            return Ok(Err(DbError::Refused("portal-error-unit")));
                        }
                    }
                    let by = citizen.audit_id();
                    store_consent(tx, &citizen.tenant, consent, &family, &by).await
                })
            })
            .await?
            .map(ConsentId::from_trusted)
    }
}

/// The consent `id`, when it is about `subject`.
async fn owned(
    tx: &mut crate::writer::Tx,
    tenant: &ettlag_core::TenantId,
    id: &str,
    subject: &PersonId,
) -> DbResult<Option<Consent>> {
    Ok(consent_row(&mut tx.conn, tenant, id)
        .await?
        .filter(|c| &c.subject == subject))
}
