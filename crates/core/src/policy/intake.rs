//! The policy for intake items. The coordinating unit's intake staff see
//! the whole queue and triage it; once an item is assigned, the unit, the
//! person or the team it went to sees it too. Intake staff may look a person
//! up to link an item to the right child (purpose `Triage`), one read at a
//! time and audited — not browse the register.

use super::{Action, Actor, Decision, Denial, Grant, Purpose};
use crate::ids::{StaffId, TenantId, UnitId};
use crate::org::Role;

/// The facts the policy needs about an intake item.
#[derive(Debug, Clone)]
pub struct Intake<'a> {
    pub tenant: &'a TenantId,
    /// The unit it is assigned to (a person's or a team's units count too).
    pub assigned_units: &'a [UnitId],
    /// The staff member it is assigned to, and a team's members.
    pub assigned_staff: &'a [StaffId],
    /// The staff member who made the request, who follows it.
    pub requested_by: Option<&'a StaffId>,
}

pub(super) fn decide_intake(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    item: &Intake<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if item.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if !matches!(purpose, Purpose::FollowUp | Purpose::Triage) {
        return Deny(Denial::WrongPurpose);
    }
    if actor.roles.has(Role::Intake) {
        return Allow(Grant::IntakeTriage);
    }
    let works_with_children = actor.roles.works_with_children();
    if !works_with_children {
        return Deny(if actor.roles.has(Role::MunicipalityLeader) {
            Denial::AggregatesOnly
        } else {
            Denial::RoleDoesNotAllow
        });
    }
    if item.assigned_staff.contains(&actor.staff) {
        return Allow(Grant::AssignedToMe);
    }
    if item.assigned_units.iter().any(|u| actor.units.contains(u)) {
        return Allow(Grant::AssignedToOwnUnit);
    }
    // The one who asked follows their request, but does not triage it.
    if item.requested_by == Some(&actor.staff) && !matches!(action, Action::Update) {
        return Allow(Grant::Author);
    }
    Deny(Denial::NotLinkedToOwnUnit)
}

/// Whether a unit may send a member to a cross-service team around a
/// child: a unit the child attends, or one the family's consent covers and
/// has not refused. A team works across services, so it follows the
/// consent; the unit the child attends takes part under its own task.
pub fn may_join_team(
    unit: &UnitId,
    child_units: &[UnitId],
    consented_units: &[UnitId],
    refused_units: &[UnitId],
) -> Decision {
    if refused_units.contains(unit) {
        Decision::Deny(Denial::RefusedByFamily)
    } else if child_units.contains(unit) {
        Decision::Allow(Grant::EnrolledInOwnUnit)
    } else if consented_units.contains(unit) {
        Decision::Allow(Grant::ConsentedToOwnUnit)
    } else {
        Decision::Deny(Denial::NotCoveredByConsent)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::org::{Coded, RoleSet};
    use crate::policy::{Subject, decide};

    fn actor(tenant: &str, who: &str, roles: &[Role], units: &[&str]) -> Actor {
        Actor {
            tenant: TenantId::from_trusted(tenant.into()),
            staff: StaffId::from_trusted(who.into()),
            roles: RoleSet::new(roles.to_vec()),
            units: units
                .iter()
                .map(|u| UnitId::from_trusted((*u).into()))
                .collect(),
        }
    }

    #[test]
    fn intake_staff_see_the_queue_and_assignees_see_what_went_to_them() {
        let t1 = TenantId::from_trusted("t1".into());
        let ppt = [UnitId::from_trusted("ppt".into())];
        let kari = [StaffId::from_trusted("kari".into())];
        let ola = StaffId::from_trusted("ola".into());
        let item = |units, staff| {
            Subject::Intake(Intake {
                tenant: &t1,
                assigned_units: units,
                assigned_staff: staff,
                requested_by: Some(&ola),
            })
        };
        let d = |a: &Actor, action, s: &Subject<'_>| decide(a, Purpose::Triage, action, s);
        let intake = actor("t1", "inga", &[Role::Intake], &["koordinerende"]);
        assert_eq!(
            d(&intake, Action::Update, &item(&[], &[])),
            Decision::Allow(Grant::IntakeTriage)
        );
        let psychologist = actor("t1", "per", &[Role::Staff], &["ppt"]);
        assert_eq!(
            d(&psychologist, Action::Read, &item(&[], &[])),
            Decision::Deny(Denial::NotLinkedToOwnUnit)
        );
        assert_eq!(
            d(&psychologist, Action::Update, &item(&ppt, &[])),
            Decision::Allow(Grant::AssignedToOwnUnit)
        );
        let kari_actor = actor("t1", "kari", &[Role::Staff], &["school"]);
        assert_eq!(
            d(&kari_actor, Action::Read, &item(&[], &kari)),
            Decision::Allow(Grant::AssignedToMe)
        );
        let asker = actor("t1", "ola", &[Role::Staff], &["school"]);
        assert_eq!(
            d(&asker, Action::Read, &item(&[], &[])),
            Decision::Allow(Grant::Author)
        );
        assert_eq!(
            d(&asker, Action::Update, &item(&[], &[])),
            Decision::Deny(Denial::NotLinkedToOwnUnit)
        );
        assert_eq!(
            decide(
                &intake,
                Purpose::PrivacyReview,
                Action::Read,
                &item(&[], &[])
            ),
            Decision::Deny(Denial::WrongPurpose)
        );
    }

    proptest! {
        #[test]
        fn no_intake_item_crosses_municipalities(
            roles in proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..3),
            assigned in any::<bool>(),
        ) {
            let t2 = TenantId::from_trusted("t2".into());
            let me = [StaffId::from_trusted("me".into())];
            let units = [UnitId::from_trusted("u".into())];
            let a = actor("t1", "me", &roles, &["u"]);
            let item = Subject::Intake(Intake {
                tenant: &t2,
                assigned_units: if assigned { &units } else { &[] },
                assigned_staff: if assigned { &me } else { &[] },
                requested_by: Some(&me[0]),
            });
            for action in [Action::Read, Action::List, Action::Create, Action::Update] {
                prop_assert_eq!(decide(&a, Purpose::Triage, action, &item), Decision::Deny(Denial::OtherMunicipality));
            }
        }
    }
}
