//! The policy for steering statistics: counts about groups of children,
//! never a person. A municipality leader sees the whole municipality; a unit
//! leader sees the units they lead. The read is audited as an aggregate read
//! that names no person.

use super::{Action, Actor, Decision, Denial, Grant, Purpose};
use crate::ids::{TenantId, UnitId};
use crate::org::Role;

/// The facts the policy needs about a statistics read.
#[derive(Debug, Clone)]
pub struct Statistics<'a> {
    pub tenant: &'a TenantId,
    /// The units the figures are limited to; empty means the whole
    /// municipality.
    pub units: &'a [UnitId],
}

pub(super) fn decide_statistics(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    stats: &Statistics<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if stats.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if !matches!(action, Action::Read | Action::List) {
        // Counts are kept by the store as data changes, never written through a request.
        return Deny(Denial::RoleDoesNotAllow);
    }
    if purpose != Purpose::Steering {
        return Deny(Denial::WrongPurpose);
    }
    if actor.roles.has(Role::MunicipalityLeader) {
        return Allow(Grant::Statistics);
    }
    if actor.roles.has(Role::UnitLeader)
        && !stats.units.is_empty()
        && stats.units.iter().all(|u| actor.units.contains(u))
    {
        return Allow(Grant::Statistics);
    }
    Deny(Denial::RoleDoesNotAllow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::StaffId;
    use crate::org::RoleSet;
    use crate::policy::{Subject, decide};

    fn actor(role: Role, units: &[&str]) -> Actor {
        Actor {
            tenant: TenantId::parse("t1").expect("id"),
            staff: StaffId::parse("s1").expect("id"),
            roles: RoleSet::new(vec![role]),
            units: units
                .iter()
                .map(|u| UnitId::parse(u).expect("id"))
                .collect(),
        }
    }

    #[test]
    fn leaders_see_their_scope_only() {
        let t1 = TenantId::parse("t1").expect("id");
        let t2 = TenantId::parse("t2").expect("id");
        let u1 = [UnitId::parse("u1").expect("id")];
        let u2 = [UnitId::parse("u2").expect("id")];
        let read = |a: &Actor, tenant: &TenantId, units: &[UnitId], purpose| {
            decide(
                a,
                purpose,
                Action::Read,
                &Subject::Statistics(Statistics { tenant, units }),
            )
        };
        let muni = actor(Role::MunicipalityLeader, &[]);
        assert!(read(&muni, &t1, &[], Purpose::Steering).is_allowed());
        assert!(read(&muni, &t1, &u2, Purpose::Steering).is_allowed());
        assert!(!read(&muni, &t2, &[], Purpose::Steering).is_allowed());
        assert!(!read(&muni, &t1, &[], Purpose::FollowUp).is_allowed());
        let lead = actor(Role::UnitLeader, &["u1"]);
        assert!(read(&lead, &t1, &u1, Purpose::Steering).is_allowed());
        assert!(!read(&lead, &t1, &u2, Purpose::Steering).is_allowed());
        assert!(!read(&lead, &t1, &[], Purpose::Steering).is_allowed());
        let staff = actor(Role::Staff, &["u1"]);
        assert!(!read(&staff, &t1, &u1, Purpose::Steering).is_allowed());
        let write = decide(
            &muni,
            Purpose::Steering,
            Action::Create,
            &Subject::Statistics(Statistics {
                tenant: &t1,
                units: &[],
            }),
        );
        assert!(!write.is_allowed());
        assert_eq!(
            read(&muni, &t1, &[], Purpose::Steering).legal_basis(),
            "statistics"
        );
    }
}
