//! What the consent API answers with, and its copies of the consent code
//! sets, so that the OpenAPI document lists their values.

use ettlag_core::consent::{AgeBasis, Category, Evidence, Stance};
use ettlag_db::ConsentRecord;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::codes::ApiServiceType;
use crate::api::refs::StaffRef;
use crate::consent_input::today;
use crate::views::consent::ConsentState;

/// A kind of information a consent lets a service receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ConsentCategory)]
pub enum ApiCategory {
    /// The relay log: concerns, goals, measures, evaluations.
    RelayLog,
    /// The individual plan.
    Plan,
    /// Results of feedback forms.
    Feedback,
    /// Health information (its own age rule).
    Health,
    /// Attendance, results, adaptations.
    School,
}

impl From<Category> for ApiCategory {
    fn from(c: Category) -> Self {
        match c {
            Category::RelayLog => ApiCategory::RelayLog,
            Category::Plan => ApiCategory::Plan,
            Category::Feedback => ApiCategory::Feedback,
            Category::Health => ApiCategory::Health,
            Category::School => ApiCategory::School,
        }
    }
}

/// How the consent was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ConsentEvidence)]
pub enum ApiEvidence {
    /// By the family themselves, digitally.
    Digital,
    /// In a meeting, recorded by staff.
    Meeting,
    /// A signed paper form, scanned.
    PaperScanned,
}

impl From<Evidence> for ApiEvidence {
    fn from(e: Evidence) -> Self {
        match e {
            Evidence::Digital => ApiEvidence::Digital,
            Evidence::Meeting => ApiEvidence::Meeting,
            Evidence::PaperScanned => ApiEvidence::PaperScanned,
        }
    }
}

/// Whose consent it is, by the child's age: the guardians with parental
/// responsibility, or the young person alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ConsentBasis)]
pub enum ApiBasis {
    Guardians,
    YoungPerson,
}

impl From<AgeBasis> for ApiBasis {
    fn from(b: AgeBasis) -> Self {
        match b {
            AgeBasis::Guardians => ApiBasis::Guardians,
            AgeBasis::YoungPerson => ApiBasis::YoungPerson,
        }
    }
}

/// Where a consent stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ConsentState)]
pub enum ApiState {
    /// It waits for a guardian with parental responsibility: opens nothing.
    Draft,
    InForce,
    /// It starts on a later day.
    Upcoming,
    /// Its last day has passed.
    Ended,
    Withdrawn,
}

impl From<ConsentState> for ApiState {
    fn from(s: ConsentState) -> Self {
        match s {
            ConsentState::Draft => ApiState::Draft,
            ConsentState::InForce => ApiState::InForce,
            ConsentState::Upcoming => ApiState::Upcoming,
            ConsentState::Ended => ApiState::Ended,
            ConsentState::Withdrawn => ApiState::Withdrawn,
        }
    }
}

/// Yes or no to the recipients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ConsentStance)]
pub enum ApiStance {
    /// The recipients may receive the categories.
    Grant,
    /// The family says no to the recipients: this beats every consent.
    Refusal,
}

impl From<Stance> for ApiStance {
    fn from(s: Stance) -> Self {
        match s {
            Stance::Grant => ApiStance::Grant,
            Stance::Refusal => ApiStance::Refusal,
        }
    }
}

/// Who may receive the information: named units, and every unit of the
/// named kinds of service.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ConsentRecipients)]
pub struct RecipientsOut {
    /// Unit ids.
    pub units: Vec<String>,
    pub service_types: Vec<ApiServiceType>,
}

/// When and by whom a consent was withdrawn.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ConsentWithdrawal)]
pub struct WithdrawalOut {
    /// Milliseconds since 1970-01-01 UTC.
    pub at_ms: i64,
    pub by: Option<StaffRef>,
    pub note: Option<String>,
}

/// One consent of the ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Consent {
    pub id: String,
    /// The child the information is about.
    pub child_id: String,
    /// Person ids of those who gave it.
    pub grantors: Vec<String>,
    /// Person ids of the guardians it still waits for; while any are
    /// listed, the consent is a draft that opens nothing.
    pub awaiting: Vec<String>,
    /// Given by fewer than all guardians under the municipality's setting
    /// that one suffices.
    pub one_guardian_accepted: bool,
    pub stance: ApiStance,
    pub basis: ApiBasis,
    pub purpose: String,
    pub categories: Vec<ApiCategory>,
    pub recipients: RecipientsOut,
    /// `YYYY-MM-DD`: the first day it applies.
    pub valid_from: String,
    /// `YYYY-MM-DD`: the last day it applies; null: until it is withdrawn.
    pub valid_to: Option<String>,
    pub evidence: ApiEvidence,
    pub state: ApiState,
    pub recorded_by: StaffRef,
    /// Milliseconds since 1970-01-01 UTC.
    pub recorded_at_ms: i64,
    pub withdrawal: Option<WithdrawalOut>,
}

impl From<ConsentRecord> for Consent {
    fn from(r: ConsentRecord) -> Self {
        let c = r.consent;
        let state = ConsentState::of(&c, today()).into();
        Consent {
            id: c.id,
            child_id: c.subject.into_string(),
            grantors: c.grantors.into_iter().map(|g| g.into_string()).collect(),
            awaiting: c.awaiting.into_iter().map(|g| g.into_string()).collect(),
            one_guardian_accepted: c.one_guardian_accepted,
            stance: c.stance.into(),
            basis: c.basis.into(),
            purpose: c.purpose,
            categories: c.categories.into_iter().map(Into::into).collect(),
            recipients: RecipientsOut {
                units: c
                    .recipients
                    .units
                    .into_iter()
                    .map(|u| u.into_string())
                    .collect(),
                service_types: c
                    .recipients
                    .service_types
                    .into_iter()
                    .map(Into::into)
                    .collect(),
            },
            valid_from: c.valid_from.to_string(),
            valid_to: c.valid_to.map(|d| d.to_string()),
            evidence: c.evidence.into(),
            state,
            recorded_by: r.recorded_by.into(),
            recorded_at_ms: r.recorded_at_ms,
            withdrawal: c.withdrawn_at_ms.map(|at_ms| WithdrawalOut {
                at_ms,
                by: r.withdrawn_by.map(Into::into),
                note: r.withdrawn_note,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use ettlag_core::Coded;

    use super::*;

    fn code_of<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn api_codes_are_the_core_codes() {
        for &c in Category::ALL {
            assert_eq!(code_of(ApiCategory::from(c)), c.code());
        }
        for &e in Evidence::ALL {
            assert_eq!(code_of(ApiEvidence::from(e)), e.code());
        }
        assert_eq!(
            code_of(ApiBasis::from(AgeBasis::YoungPerson)),
            "young_person"
        );
        for &s in Stance::ALL {
            assert_eq!(code_of(ApiStance::from(s)), s.code());
        }
        for s in [
            ConsentState::Draft,
            ConsentState::InForce,
            ConsentState::Upcoming,
            ConsentState::Ended,
            ConsentState::Withdrawn,
        ] {
            assert_eq!(code_of(ApiState::from(s)), s.code());
        }
    }
}
