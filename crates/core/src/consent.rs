//! The family's consent: who gave it (and on which age basis), for what
//! purpose, which units or kinds of service may receive which categories of
//! information, from when to when, and on what evidence. A consent is as
//! easy to withdraw as to give; a withdrawn or expired consent covers nothing.
//!
//! The age at which a young person consents alone is the municipality's
//! setting (15 by default, 16 for health information; reference/domain.md §3).

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::ids::{PersonId, UnitId};
use crate::org::{Coded, ServiceType};

/// What kind of information a consent lets a service receive.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The relay log (stafettlogg): concerns, goals, measures, evaluations.
    #[default]
    RelayLog,
    /// The individual plan.
    Plan,
    /// Results of feedback forms.
    Feedback,
    /// Health information (its own age rule: 16).
    Health,
    /// School information: attendance, results, adaptations.
    School,
}

impl Coded for Category {
    const ALL: &'static [Self] = &[
        Self::RelayLog,
        Self::Plan,
        Self::Feedback,
        Self::Health,
        Self::School,
    ];
    const MESSAGE_PREFIX: &'static str = "category";

    fn code(self) -> &'static str {
        match self {
            Self::RelayLog => "relay_log",
            Self::Plan => "plan",
            Self::Feedback => "feedback",
            Self::Health => "health",
            Self::School => "school",
        }
    }
}

impl Category {
    pub fn is_relay_log(&self) -> bool {
        *self == Category::RelayLog
    }
}

/// How the consent was given, and what documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Given by the family themselves in the portal.
    Digital,
    /// Given in a meeting and recorded by staff.
    Meeting,
    /// A signed paper form, scanned.
    PaperScanned,
}

impl Coded for Evidence {
    const ALL: &'static [Self] = &[Self::Digital, Self::Meeting, Self::PaperScanned];
    const MESSAGE_PREFIX: &'static str = "evidence";

    fn code(self) -> &'static str {
        match self {
            Self::Digital => "digital",
            Self::Meeting => "meeting",
            Self::PaperScanned => "paper_scanned",
        }
    }
}

/// Whose consent counts, by the young person's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBasis {
    /// Below the age of consent: the guardians with parental responsibility.
    Guardians,
    /// At or above it: the young person alone.
    YoungPerson,
}

/// The ages at which a young person consents alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeRules {
    pub alone_from: u8,
    pub health_alone_from: u8,
}

impl Default for AgeRules {
    fn default() -> Self {
        AgeRules {
            alone_from: 15,
            health_alone_from: 16,
        }
    }
}

impl AgeRules {
    /// Whose consent counts for these categories at this age. A consent that
    /// covers health information follows the health age, so one consent
    /// never mixes two bases.
    pub fn basis(&self, age_years: u8, categories: &[Category]) -> AgeBasis {
        let from = if categories.contains(&Category::Health) {
            self.health_alone_from.max(self.alone_from)
        } else {
            self.alone_from
        };
        if age_years >= from {
            AgeBasis::YoungPerson
        } else {
            AgeBasis::Guardians
        }
    }
}

/// Which services may receive the information.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    pub units: Vec<UnitId>,
    pub service_types: Vec<ServiceType>,
}

impl Recipients {
    pub fn includes(&self, unit: &UnitId, service: ServiceType) -> bool {
        self.units.contains(unit) || self.service_types.contains(&service)
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.service_types.is_empty()
    }
}

/// Whether the family says yes or no to a recipient.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The named recipients may receive the categories.
    #[default]
    Grant,
    /// The named recipients may not: a refusal beats every consent, and
    /// every relation but the statutory paths (duty to report, child
    /// welfare's review, break-the-glass).
    Refusal,
}

impl Stance {
    pub fn is_grant(&self) -> bool {
        *self == Stance::Grant
    }
}

impl Coded for Stance {
    const ALL: &'static [Self] = &[Self::Grant, Self::Refusal];
    const MESSAGE_PREFIX: &'static str = "stance";

    fn code(self) -> &'static str {
        match self {
            Self::Grant => "grant",
            Self::Refusal => "refusal",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One consent in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub id: String,
    /// The child or young person the information is about.
    pub subject: PersonId,
    /// Who consented: guardians, or the young person.
    pub grantors: Vec<PersonId>,
    pub basis: AgeBasis,
    pub purpose: String,
    pub recipients: Recipients,
    pub categories: Vec<Category>,
    pub valid_from: Day,
    pub valid_to: Option<Day>,
    pub evidence: Evidence,
    /// When it was withdrawn (Unix ms), if it was.
    pub withdrawn_at_ms: Option<i64>,
    /// Yes or no. Consents recorded before refusals existed are grants.
    #[serde(default, skip_serializing_if = "Stance::is_grant")]
    pub stance: Stance,
    /// Guardians with parental responsibility who have not consented yet:
    /// until they have, the consent is a draft that opens nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting: Vec<PersonId>,
    /// Given by fewer than all guardians under the municipality's setting
    /// that one guardian suffices; shown as such in the ledger.
    #[serde(default, skip_serializing_if = "is_false")]
    pub one_guardian_accepted: bool,
}

impl Consent {
    /// In force on `today`: complete, started, not ended, not withdrawn.
    pub fn is_active(&self, today: Day) -> bool {
        !self.is_draft()
            && self.withdrawn_at_ms.is_none()
            && self.valid_from <= today
            && self.valid_to.is_none_or(|to| today <= to)
    }

    /// Waiting for a guardian with parental responsibility: opens nothing.
    pub fn is_draft(&self) -> bool {
        !self.awaiting.is_empty()
    }

    /// Whether it says no to `unit` (a service of kind `service`) for
    /// information of `category` on `today`.
    pub fn refuses(
        &self,
        unit: &UnitId,
        service: ServiceType,
        category: Category,
        today: Day,
    ) -> bool {
        self.stance == Stance::Refusal
            && self.is_active(today)
            && self.categories.contains(&category)
            && self.recipients.includes(unit, service)
    }

    /// A guardian the consent waits for gives theirs. When the last one
    /// has, the consent is in force.
    pub fn join(&mut self, guardian: &PersonId) -> Result<(), ConsentError> {
        if self.withdrawn_at_ms.is_some() {
            return Err(ConsentError::Withdrawn);
        }
        let Some(at) = self.awaiting.iter().position(|g| g == guardian) else {
            return Err(ConsentError::NotAwaited);
        };
        self.awaiting.remove(at);
        self.grantors.push(guardian.clone());
        Ok(())
    }

    /// Whether it lets `unit` (a service of kind `service`) receive
    /// information of `category` on `today`.
    pub fn covers(
        &self,
        unit: &UnitId,
        service: ServiceType,
        category: Category,
        today: Day,
    ) -> bool {
        self.stance == Stance::Grant
            && self.is_active(today)
            && self.categories.contains(&category)
            && self.recipients.includes(unit, service)
    }

    /// Days until it ends, when it has an end and is in force.
    pub fn days_left(&self, today: Day) -> Option<i64> {
        match self.valid_to {
            Some(to) if self.is_active(today) => Some(today.days_until(to)),
            _ => None,
        }
    }
}

/// Why a consent could not be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    #[error("a consent names at least one category of information")]
    NoCategory,
    #[error("a consent names at least one receiving unit or kind of service")]
    NoRecipient,
    #[error("a consent states its purpose")]
    NoPurpose,
    #[error("the consent ends before it starts")]
    EndsBeforeStart,
    #[error("someone must have given the consent")]
    NoGrantor,
    #[error("below the age of consent, a guardian with parental responsibility consents")]
    GuardianNeeded,
    #[error("from the age of consent, the young person consents alone")]
    YoungPersonNeeded,
    #[error("the consent does not wait for this person")]
    NotAwaited,
    #[error("the consent has been withdrawn")]
    Withdrawn,
}

impl ConsentError {
    pub fn message_key(self) -> &'static str {
        match self {
            ConsentError::NoCategory => "consent-error-category",
            ConsentError::NoRecipient => "consent-error-recipient",
            ConsentError::NoPurpose => "consent-error-purpose",
            ConsentError::EndsBeforeStart => "consent-error-dates",
            ConsentError::NoGrantor => "consent-error-grantor",
            ConsentError::GuardianNeeded => "consent-error-guardian",
            ConsentError::YoungPersonNeeded => "consent-error-young-person",
            ConsentError::NotAwaited => "consent-error-not-awaited",
            ConsentError::Withdrawn => "consent-error-withdrawn",
        }
    }
}

/// Who may give a consent for a child: the child, and the guardians with
/// parental responsibility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub child: PersonId,
    pub age_years: u8,
    pub guardians: Vec<PersonId>,
}

/// Whose yes the municipality needs with joint parental responsibility.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GuardianRule {
    /// Every guardian with parental responsibility (the law's main rule).
    #[default]
    All,
    /// One suffices: the municipality's setting, recorded on each consent.
    One,
}

/// Checks a consent and settles whose yes it still waits for: with joint
/// parental responsibility every guardian consents (unless the municipality
/// accepts one), so a consent given by fewer is a draft until the others
/// join. A refusal needs one voice only: a "no" from either guardian, or
/// from the young person of age, stops the sharing.
pub fn settle(
    mut consent: Consent,
    family: &Family,
    rules: AgeRules,
    guardians: GuardianRule,
) -> Result<Consent, ConsentError> {
    check(&consent, family, rules)?;
    consent.awaiting.clear();
    consent.one_guardian_accepted = false;
    let missing: Vec<PersonId> = family
        .guardians
        .iter()
        .filter(|g| !consent.grantors.contains(g))
        .cloned()
        .collect();
    let joint = consent.basis == AgeBasis::Guardians && consent.stance == Stance::Grant;
    if joint && !missing.is_empty() {
        match guardians {
            GuardianRule::All => consent.awaiting = missing,
            GuardianRule::One => consent.one_guardian_accepted = true,
        }
    }
    Ok(consent)
}

/// Checks a consent before it goes into the ledger: the fields a valid
/// consent must have, and that the right people gave it for the child's age.
pub fn check(consent: &Consent, family: &Family, rules: AgeRules) -> Result<(), ConsentError> {
    if consent.categories.is_empty() {
        return Err(ConsentError::NoCategory);
    }
    if consent.recipients.is_empty() {
        return Err(ConsentError::NoRecipient);
    }
    if consent.purpose.trim().is_empty() {
        return Err(ConsentError::NoPurpose);
    }
    if consent.valid_to.is_some_and(|to| to < consent.valid_from) {
        return Err(ConsentError::EndsBeforeStart);
    }
    if consent.grantors.is_empty() {
        return Err(ConsentError::NoGrantor);
    }
    match rules.basis(family.age_years, &consent.categories) {
        AgeBasis::Guardians => {
            let all_guardians = consent
                .grantors
                .iter()
                .all(|g| family.guardians.contains(g));
            if !all_guardians || consent.basis != AgeBasis::Guardians {
                return Err(ConsentError::GuardianNeeded);
            }
        }
        AgeBasis::YoungPerson => {
            if consent.grantors != [family.child.clone()] || consent.basis != AgeBasis::YoungPerson
            {
                return Err(ConsentError::YoungPersonNeeded);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
