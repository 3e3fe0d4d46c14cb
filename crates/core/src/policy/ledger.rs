//! The policy for a child's consent ledger: the family's decisions about
//! sharing. Those who meet the family record what it decided — staff of a
//! unit the child attends, of the home unit of the child's cases, and the
//! baton holder — and read the ledger. A unit a consent lets receive the
//! child's log reads the ledger too (to know what it may do), but never
//! records in it: a receiving unit must not widen its own access.

use super::{Action, Actor, Decision, Denial, Grant, Purpose};
use crate::ids::{StaffId, TenantId, UnitId};
use crate::org::Role;

/// The facts the policy needs about a child's consent ledger.
#[derive(Debug, Clone)]
pub struct Ledger<'a> {
    pub tenant: &'a TenantId,
    /// The units where the child is enrolled now.
    pub child_units: &'a [UnitId],
    /// The home units of the child's open concerns and relay log.
    pub home_units: &'a [UnitId],
    /// Who holds the baton of the child's open relay log, and for which unit.
    pub holder: Option<(&'a StaffId, &'a UnitId)>,
    /// Units a consent in force lets receive the relay log (less refusals).
    pub consented_units: &'a [UnitId],
    /// Processing of the child's data is restricted (GDPR art. 18).
    pub restricted: bool,
    /// The actor holds an unexpired break-the-glass access to the child.
    pub emergency: bool,
}

pub(super) fn decide_ledger(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    ledger: &Ledger<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if ledger.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if ledger.restricted {
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
    let mine = |units: &[UnitId]| units.iter().any(|u| actor.units.contains(u));
    let holds = ledger
        .holder
        .is_some_and(|(s, u)| s == &actor.staff && actor.units.contains(u));
    if holds {
        return Allow(Grant::BatonHolder);
    }
    if mine(ledger.home_units) {
        return Allow(Grant::HomeUnit);
    }
    if mine(ledger.child_units) {
        return Allow(if actor.roles.has(Role::UnitLeader) {
            Grant::LeaderOfUnit
        } else {
            Grant::EnrolledInOwnUnit
        });
    }
    let reads = !matches!(action, Action::Create | Action::Update);
    if reads && mine(ledger.consented_units) {
        return Allow(Grant::ConsentedToOwnUnit);
    }
    if reads && ledger.emergency {
        return Allow(Grant::EmergencyAccess);
    }
    Deny(Denial::NotLinkedToOwnUnit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::RoleSet;
    use crate::policy::{Subject, decide};

    fn unit(s: &str) -> UnitId {
        UnitId::from_trusted(s.into())
    }

    fn actor(who: &str, units: &[&str]) -> Actor {
        Actor {
            tenant: TenantId::from_trusted("t1".into()),
            staff: StaffId::from_trusted(who.into()),
            roles: RoleSet::new(vec![Role::Staff]),
            units: units.iter().map(|u| unit(u)).collect(),
        }
    }

    #[test]
    fn a_receiving_unit_reads_the_ledger_but_never_records_in_it() {
        let t1 = TenantId::from_trusted("t1".into());
        let (kg, school) = ([unit("kg")], [unit("school")]);
        let ledger = Subject::ConsentLedger(Ledger {
            tenant: &t1,
            child_units: &kg,
            home_units: &kg,
            holder: None,
            consented_units: &school,
            restricted: false,
            emergency: false,
        });
        let teacher = actor("tina", &["school"]);
        let d = |a: &Actor, action| decide(a, Purpose::FollowUp, action, &ledger);
        assert_eq!(
            d(&teacher, Action::List),
            Decision::Allow(Grant::ConsentedToOwnUnit)
        );
        assert_eq!(
            d(&teacher, Action::Create),
            Decision::Deny(Denial::NotLinkedToOwnUnit)
        );
        let kari = actor("kari", &["kg"]);
        assert_eq!(d(&kari, Action::Create), Decision::Allow(Grant::HomeUnit));
        let stranger = actor("eva", &["other"]);
        assert!(!d(&stranger, Action::List).is_allowed());
    }
}
