//! Who reads and writes feedback (FIT): episodes, answers, graphs and links.
//!
//! Feedback is personal data about the person's life and the help they get,
//! so it follows the person like a plan: the person's own units (enrolment),
//! the units the family's consent covers for the `feedback` category, and the
//! staff responsible for the person (the episode's worker, the baton holder,
//! the coordinator) wherever they work. Leaders see only aggregates
//! ([`decide_aggregate`]); a one-time link lets a family member answer one
//! form without an account ([`decide_link`]). Another municipality and a
//! restriction deny first; the family's no to a unit beats every grant
//! through that unit.

use crate::ids::{StaffId, TenantId, UnitId};
use crate::org::Role;

use super::{Action, Actor, Decision, Denial, Grant, Purpose};

/// The facts the policy needs about a person's feedback.
#[derive(Debug, Clone)]
pub struct FeedbackFacts<'a> {
    pub tenant: &'a TenantId,
    /// The units where the person is enrolled now.
    pub person_units: &'a [UnitId],
    /// Units the consent ledger covers for `Category::Feedback`.
    pub consented_units: &'a [UnitId],
    /// Units the family said no to for `Category::Feedback`: a refusal
    /// beats enrolment and consent.
    pub refused_units: &'a [UnitId],
    /// Staff responsible for the person: who runs an episode, the baton
    /// holder of a relay log, the coordinator.
    pub responsible: &'a [StaffId],
    /// Processing of the person's data is restricted (GDPR art. 18).
    pub restricted: bool,
    /// The actor holds an unexpired break-the-glass access to the person.
    pub emergency: bool,
}

pub(super) fn decide_feedback(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    facts: &FeedbackFacts<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if facts.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if facts.restricted {
        return Deny(Denial::Restricted);
    }
    if purpose != Purpose::FollowUp {
        return Deny(Denial::WrongPurpose);
    }
    if !actor.roles.works_with_children() {
        return Deny(if actor.roles.has(Role::MunicipalityLeader) {
            Denial::AggregatesOnly
        } else {
            Denial::RoleDoesNotAllow
        });
    }
    if facts.responsible.contains(&actor.staff) {
        return Allow(Grant::Coordinator);
    }
    let mine = |units: &[UnitId]| {
        units
            .iter()
            .any(|u| actor.units.contains(u) && !facts.refused_units.contains(u))
    };
    if mine(facts.person_units) {
        return Allow(if actor.roles.has(Role::UnitLeader) {
            Grant::LeaderOfUnit
        } else {
            Grant::EnrolledInOwnUnit
        });
    }
    if mine(facts.consented_units) {
        return Allow(Grant::ConsentedToOwnUnit);
    }
    if facts.emergency && !action.is_write() {
        return Allow(Grant::EmergencyAccess);
    }
    Deny(super::refused_or_unlinked(actor, facts.refused_units))
}

/// Aggregates over `units` (empty: the whole municipality). A municipality
/// leader sees every level; a unit leader sees the units they lead. The
/// numbers name no one and are hidden below a minimum N by the store.
pub(super) fn decide_aggregate(
    actor: &Actor,
    action: Action,
    tenant: &TenantId,
    units: &[UnitId],
) -> Decision {
    use Decision::{Allow, Deny};
    if tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if action.is_write() {
        return Deny(Denial::RoleDoesNotAllow);
    }
    if actor.roles.has(Role::MunicipalityLeader) {
        return Allow(Grant::Statistics);
    }
    if actor.roles.has(Role::UnitLeader)
        && !units.is_empty()
        && units.iter().all(|u| actor.units.contains(u))
    {
        return Allow(Grant::Statistics);
    }
    Deny(Denial::RoleDoesNotAllow)
}

/// Answering through a one-time link: the link is the authority, for the one
/// episode it is bound to, while it is unused and unexpired.
pub(super) fn decide_link(
    actor: &Actor,
    action: Action,
    tenant: &TenantId,
    valid: bool,
) -> Decision {
    use Decision::{Allow, Deny};
    if tenant != &actor.tenant {
        Deny(Denial::OtherMunicipality)
    } else if !valid {
        Deny(Denial::LinkNotValid)
    } else if matches!(action, Action::Read | Action::Create) {
        Allow(Grant::OneTimeLink)
    } else {
        Deny(Denial::RoleDoesNotAllow)
    }
}
