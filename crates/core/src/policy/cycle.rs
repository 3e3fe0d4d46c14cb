//! The policy for the annual cycle: recurring evaluation tasks that hold no
//! personal data about children, but whose marks say who did what. The
//! administrator and the municipality's leaders define the tasks; the
//! leaders a task is for see it and mark its occurrences done or skipped; a
//! municipality leader sees and marks every task. Staff without a leader's
//! role see none of it.

use super::{Action, Actor, Decision, Denial, Grant, Purpose};
use crate::ids::{TenantId, UnitId};
use crate::org::Role;

/// What of the cycle is accessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CyclePart {
    /// A task's definition: title, audience, recurrence.
    Task,
    /// An occurrence of a task: its status and note.
    Occurrence,
}

/// The facts the policy needs about a cycle task.
#[derive(Debug, Clone)]
pub struct CycleFacts<'a> {
    pub tenant: &'a TenantId,
    pub part: CyclePart,
    /// The units whose leaders the task is for (one unit, or every unit of
    /// a service type); empty for a task for the municipality's leaders.
    pub units: &'a [UnitId],
}

pub(super) fn decide_cycle(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    facts: &CycleFacts<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if facts.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    let write = matches!(action, Action::Create | Action::Update);
    if purpose == Purpose::Administration {
        // The administrator keeps the list of tasks, not the leaders' marks.
        return if actor.roles.has(Role::Admin) && (!write || facts.part == CyclePart::Task) {
            Allow(Grant::Administration)
        } else {
            Deny(Denial::RoleDoesNotAllow)
        };
    }
    if purpose != Purpose::Steering {
        return Deny(Denial::WrongPurpose);
    }
    if actor.roles.has(Role::MunicipalityLeader) {
        return Allow(Grant::AnnualCycle);
    }
    let leads_one =
        actor.roles.has(Role::UnitLeader) && facts.units.iter().any(|u| actor.units.contains(u));
    if leads_one && (!write || facts.part == CyclePart::Occurrence) {
        return Allow(Grant::AnnualCycle);
    }
    Deny(Denial::RoleDoesNotAllow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::StaffId;
    use crate::org::RoleSet;
    use crate::policy::{Subject, decide};

    fn actor(roles: &[Role], units: &[&str]) -> Actor {
        Actor {
            tenant: TenantId::parse("t1").expect("id"),
            staff: StaffId::parse("s1").expect("id"),
            roles: RoleSet::new(roles.to_vec()),
            units: units
                .iter()
                .map(|u| UnitId::parse(u).expect("id"))
                .collect(),
        }
    }

    fn may(a: &Actor, purpose: Purpose, action: Action, part: CyclePart, units: &[&str]) -> bool {
        let t1 = TenantId::parse("t1").expect("id");
        let units: Vec<UnitId> = units
            .iter()
            .map(|u| UnitId::parse(u).expect("id"))
            .collect();
        decide(
            a,
            purpose,
            action,
            &Subject::Cycle(CycleFacts {
                tenant: &t1,
                part,
                units: &units,
            }),
        )
        .is_allowed()
    }

    #[test]
    fn leaders_mark_what_is_theirs_and_the_admin_keeps_the_list() {
        use Action::{Create, Read, Update};
        use CyclePart::{Occurrence, Task};
        use Purpose::{Administration, FollowUp, Steering};
        let muni = actor(&[Role::MunicipalityLeader], &[]);
        assert!(may(&muni, Steering, Read, Task, &[]));
        assert!(may(&muni, Steering, Create, Task, &["u1"]));
        assert!(may(&muni, Steering, Update, Occurrence, &[]));
        assert!(!may(&muni, FollowUp, Read, Task, &[]));

        let lead = actor(&[Role::UnitLeader], &["u1"]);
        assert!(may(&lead, Steering, Read, Task, &["u1", "u2"]));
        assert!(may(&lead, Steering, Update, Occurrence, &["u1"]));
        assert!(!may(&lead, Steering, Update, Task, &["u1"]));
        assert!(!may(&lead, Steering, Read, Task, &["u2"]));
        assert!(!may(&lead, Steering, Read, Task, &[]));

        let admin = actor(&[Role::Admin], &[]);
        assert!(may(&admin, Administration, Create, Task, &[]));
        assert!(may(&admin, Administration, Read, Occurrence, &[]));
        assert!(!may(&admin, Administration, Update, Occurrence, &[]));
        assert!(!may(&admin, Steering, Read, Task, &[]));

        let staff = actor(&[Role::Staff], &["u1"]);
        assert!(!may(&staff, Steering, Read, Task, &["u1"]));
        assert!(!may(&staff, FollowUp, Read, Task, &["u1"]));

        let other = Actor {
            tenant: TenantId::parse("t2").expect("id"),
            ..muni.clone()
        };
        assert!(!may(&other, Steering, Read, Task, &[]));
    }
}
