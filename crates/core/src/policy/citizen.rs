//! The policy for citizens: a parent or a young person signed in to the
//! family portal. Citizens are a different kind of principal than staff: they
//! never reach a case through a unit or a role, only through who they are to
//! the person the information is about. So they have their own actor, their
//! own decision and their own reason codes, and a staff rule can never grant
//! a citizen anything (or the other way round).
//!
//! The rules, from the law on parental responsibility and the municipality's
//! consent ages (reference/domain.md §3):
//! - another municipality is always refused first;
//! - a young person at or above the self-consent age sees and controls their
//!   own information; below it, the guardians with parental responsibility do;
//! - when the young person has reached the age, what the parents still see is
//!   the municipality's setting ([`ParentView`]), and they control nothing;
//! - a parent without parental responsibility, or a close person, sees nothing.

use serde::Serialize;

use crate::ids::{PersonId, TenantId};

/// A citizen signed in to the portal, as the store knows them now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    pub tenant: TenantId,
    /// The person in the register the login was mapped to (by national id).
    pub person: PersonId,
}

impl Citizen {
    /// The id written in the access log for this citizen. It cannot clash
    /// with a staff id because staff ids never hold a colon.
    pub fn audit_id(&self) -> String {
        format!("citizen:{}", self.person.as_str())
    }
}

/// What the citizen is to the person the information is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The citizen is the person.
    Themself,
    /// A parent or guardian with parental responsibility.
    Guardian,
    /// A parent without parental responsibility.
    ParentWithoutResponsibility,
    /// A close person, or no relation at all.
    Other,
}

/// What parents see once their child has reached the self-consent age: a
/// municipality setting (`portal_parent_view`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentView {
    /// Nothing: the young person decides alone.
    Nothing,
    /// Only who follows the young person up, and how to reach them.
    #[default]
    WhoFollowsUp,
}

impl ParentView {
    pub fn code(self) -> &'static str {
        match self {
            ParentView::Nothing => "nothing",
            ParentView::WhoFollowsUp => "who_follows_up",
        }
    }

    pub fn parse(text: &str) -> Option<ParentView> {
        match text {
            "nothing" => Some(ParentView::Nothing),
            "who_follows_up" => Some(ParentView::WhoFollowsUp),
            _ => None,
        }
    }
}

/// What part of a person's information the citizen asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Who follows the person up: the baton holder, the coordinators.
    WhoFollowsUp,
    /// The plan, the relay log's goals and measures, the consents, the
    /// access log and the complete download.
    Details,
}

/// Seeing, or deciding (give and withdraw consent, write to the team, ask
/// for restriction or correction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitizenAction {
    See,
    Decide,
}

impl CitizenAction {
    pub fn code(self) -> &'static str {
        match self {
            CitizenAction::See => "read",
            CitizenAction::Decide => "update",
        }
    }
}

/// The facts about the person the information is about.
#[derive(Debug, Clone)]
pub struct PersonFacts<'a> {
    pub tenant: &'a TenantId,
    pub standing: Standing,
    /// Whole years; `None` when the register has no birth date (an adult).
    pub age_years: Option<u8>,
    /// The municipality's self-consent age (`consent_age`).
    pub consent_age: u8,
    pub parent_view: ParentView,
}

impl PersonFacts<'_> {
    /// Whether the person decides alone: at or above the age, or an adult
    /// without a birth date in the register.
    fn decides_alone(&self) -> bool {
        self.age_years.is_none_or(|age| age >= self.consent_age)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitizenGrant {
    /// The young person (or adult) sees and controls their own information.
    OwnInformation,
    /// A guardian with parental responsibility for a child below the age.
    ParentalResponsibility,
    /// A guardian of a young person above the age, as far as the setting lets.
    ParentViewSetting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitizenDenial {
    OtherMunicipality,
    /// Below the age the guardians decide, not the child alone.
    BelowConsentAge,
    /// The young person has reached the age and decides alone.
    YoungPersonDecides,
    NoParentalResponsibility,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitizenDecision {
    Allow(CitizenGrant),
    Deny(CitizenDenial),
}

impl CitizenDecision {
    pub fn is_allowed(self) -> bool {
        matches!(self, CitizenDecision::Allow(_))
    }

    /// The reason as a stable code for the access log.
    pub fn reason_code(self) -> &'static str {
        match self {
            CitizenDecision::Allow(g) => match g {
                CitizenGrant::OwnInformation => "own_information",
                CitizenGrant::ParentalResponsibility => "parental_responsibility",
                CitizenGrant::ParentViewSetting => "parent_view_setting",
            },
            CitizenDecision::Deny(d) => match d {
                CitizenDenial::OtherMunicipality => "other_municipality",
                CitizenDenial::BelowConsentAge => "below_consent_age",
                CitizenDenial::YoungPersonDecides => "young_person_decides",
                CitizenDenial::NoParentalResponsibility => "no_parental_responsibility",
            },
        }
    }

    /// The legal basis: the data subject's own right of access, exercised
    /// by them or by those with parental responsibility for them.
    pub fn legal_basis(self) -> &'static str {
        match self {
            CitizenDecision::Allow(_) => "data_subject_right",
            CitizenDecision::Deny(_) => "none",
        }
    }
}

/// Decides one citizen access. Every denial is checked before any grant.
pub fn decide_citizen(
    citizen: &Citizen,
    action: CitizenAction,
    section: Section,
    facts: &PersonFacts<'_>,
) -> CitizenDecision {
    use CitizenDecision::{Allow, Deny};
    if facts.tenant != &citizen.tenant {
        return Deny(CitizenDenial::OtherMunicipality);
    }
    match facts.standing {
        Standing::Themself => {
            if facts.decides_alone() {
                Allow(CitizenGrant::OwnInformation)
            } else {
                Deny(CitizenDenial::BelowConsentAge)
            }
        }
        Standing::Guardian => {
            if !facts.decides_alone() {
                Allow(CitizenGrant::ParentalResponsibility)
            } else if action == CitizenAction::See
                && section == Section::WhoFollowsUp
                && facts.parent_view == ParentView::WhoFollowsUp
            {
                Allow(CitizenGrant::ParentViewSetting)
            } else {
                Deny(CitizenDenial::YoungPersonDecides)
            }
        }
        Standing::ParentWithoutResponsibility | Standing::Other => {
            Deny(CitizenDenial::NoParentalResponsibility)
        }
    }
}
