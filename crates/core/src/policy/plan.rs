//! Who reads and writes an individual plan, and who assigns coordinators.
//!
//! A plan is read and revised by the person's own units (enrolment), the
//! units the family's consent covers for plans, and the assigned coordinator
//! or child coordinator, wherever they work, like a baton holder. The
//! coordinating unit has overall responsibility for plans: it reads them,
//! makes them, and alone assigns coordinators, even where there is no plan.
//! Another municipality and a restriction deny first; the family's no to a
//! unit beats every grant through that unit.

use crate::ids::{StaffId, TenantId, UnitId};
use crate::org::Role;

use super::{Action, Actor, Decision, Denial, Grant, Purpose};

/// The facts the policy needs about a person's plan, or about coordinating
/// a person who has none yet.
#[derive(Debug, Clone)]
pub struct PlanFacts<'a> {
    pub tenant: &'a TenantId,
    /// The units where the person is enrolled now (for an adult: where a
    /// related child is).
    pub person_units: &'a [UnitId],
    /// Units the consent ledger covers for `Category::Plan`.
    pub consented_units: &'a [UnitId],
    /// Units the family said no to for `Category::Plan`: a refusal beats
    /// enrolment, consent and the coordinating unit's oversight.
    pub refused_units: &'a [UnitId],
    /// The person's coordinator and child coordinator, as assigned.
    pub coordinators: &'a [StaffId],
    /// The municipality's coordinating units.
    pub coordinating_units: &'a [UnitId],
    /// Processing of the person's data is restricted (GDPR art. 18).
    pub restricted: bool,
    /// The actor holds an unexpired break-the-glass access to the person.
    pub emergency: bool,
}

impl PlanFacts<'_> {
    fn in_coordinating_unit(&self, actor: &Actor) -> bool {
        self.coordinating_units
            .iter()
            .any(|u| actor.units.contains(u))
    }
}

/// The denials every plan access checks first.
fn common_denial(actor: &Actor, purpose: Purpose, facts: &PlanFacts<'_>) -> Option<Denial> {
    if facts.tenant != &actor.tenant {
        return Some(Denial::OtherMunicipality);
    }
    if facts.restricted {
        return Some(Denial::Restricted);
    }
    if purpose != Purpose::FollowUp {
        return Some(Denial::WrongPurpose);
    }
    if !actor.roles.works_with_children() {
        return Some(if actor.roles.has(Role::MunicipalityLeader) {
            Denial::AggregatesOnly
        } else {
            Denial::RoleDoesNotAllow
        });
    }
    None
}

/// Reading, making and revising a plan.
pub(super) fn decide_plan(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    facts: &PlanFacts<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if let Some(denial) = common_denial(actor, purpose, facts) {
        return Deny(denial);
    }
    if facts.coordinators.contains(&actor.staff) {
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
    // The coordinating unit oversees plans and makes them, but revising is
    // the work of those who follow the person.
    if mine(facts.coordinating_units) && action != Action::Update {
        return Allow(Grant::CoordinatingUnit);
    }
    if facts.emergency && !action.is_write() {
        return Allow(Grant::EmergencyAccess);
    }
    Deny(super::refused_or_unlinked(actor, facts.refused_units))
}

/// Assigning, changing or seeing the coordinator of a person: the
/// coordinating unit's task alone. The coordinator sees their own
/// assignment (their caseload).
pub(super) fn decide_coordination(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    facts: &PlanFacts<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if let Some(denial) = common_denial(actor, purpose, facts) {
        return Deny(denial);
    }
    if facts.in_coordinating_unit(actor) {
        return Allow(Grant::CoordinatingUnit);
    }
    if facts.coordinators.contains(&actor.staff) && !action.is_write() {
        return Allow(Grant::Coordinator);
    }
    Deny(Denial::RoleDoesNotAllow)
}

/// Whether a staff member may be assigned as coordinator: they must be able
/// to work with the person's plan once assigned, so the same municipality
/// and a role that works with people.
pub fn may_coordinate(tenant: &TenantId, candidate: &Actor) -> Decision {
    if &candidate.tenant != tenant {
        Decision::Deny(Denial::OtherMunicipality)
    } else if candidate.roles.works_with_children() {
        Decision::Allow(Grant::Coordinator)
    } else {
        Decision::Deny(Denial::RoleDoesNotAllow)
    }
}
