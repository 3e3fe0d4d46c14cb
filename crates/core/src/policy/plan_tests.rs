//! The policy for individual plans and coordinators.

use proptest::prelude::*;

use super::*;
use crate::org::Coded;

fn unit(s: &str) -> UnitId {
    UnitId::from_trusted(s.into())
}

fn staff(s: &str) -> StaffId {
    StaffId::from_trusted(s.into())
}

fn actor(tenant: &str, who: &str, roles: &[Role], units: &[&str]) -> Actor {
    Actor {
        tenant: TenantId::from_trusted(tenant.into()),
        staff: staff(who),
        roles: RoleSet::new(roles.to_vec()),
        units: units.iter().map(|u| unit(u)).collect(),
    }
}

#[test]
fn own_units_consent_the_coordinator_and_the_coordinating_unit() {
    let t1 = TenantId::from_trusted("t1".into());
    let (school, health, ke) = ([unit("school")], [unit("health")], [unit("ke")]);
    let coordinators = [staff("kari")];
    let facts = PlanFacts {
        tenant: &t1,
        person_units: &school,
        consented_units: &health,
        refused_units: &[],
        coordinators: &coordinators,
        coordinating_units: &ke,
        restricted: false,
        emergency: false,
    };
    let plan = Subject::Plan(facts.clone());
    let coordination = Subject::Coordination(facts.clone());
    let d = |a: &Actor, action, s: &Subject<'_>| decide(a, Purpose::FollowUp, action, s);

    let teacher = actor("t1", "per", &[Role::Staff], &["school"]);
    assert_eq!(
        d(&teacher, Action::Update, &plan),
        Decision::Allow(Grant::EnrolledInOwnUnit)
    );
    let nurse = actor("t1", "nora", &[Role::Staff], &["health"]);
    assert_eq!(
        d(&nurse, Action::Update, &plan),
        Decision::Allow(Grant::ConsentedToOwnUnit)
    );
    // The coordinator keeps access wherever they work.
    let coordinator = actor("t1", "kari", &[Role::Staff], &["elsewhere"]);
    assert_eq!(
        d(&coordinator, Action::Update, &plan),
        Decision::Allow(Grant::Coordinator)
    );
    assert_eq!(
        d(&coordinator, Action::Read, &coordination),
        Decision::Allow(Grant::Coordinator)
    );
    assert_eq!(
        d(&coordinator, Action::Update, &coordination),
        Decision::Deny(Denial::RoleDoesNotAllow)
    );
    // The coordinating unit makes plans and assigns coordinators, but does
    // not revise a plan it does not follow.
    let ke_staff = actor("t1", "kim", &[Role::Staff], &["ke"]);
    assert_eq!(
        d(&ke_staff, Action::Create, &plan),
        Decision::Allow(Grant::CoordinatingUnit)
    );
    assert_eq!(
        d(&ke_staff, Action::Update, &plan),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    assert_eq!(
        d(&ke_staff, Action::Create, &coordination),
        Decision::Allow(Grant::CoordinatingUnit)
    );
    // Only the coordinating unit assigns.
    assert_eq!(
        d(&teacher, Action::Create, &coordination),
        Decision::Deny(Denial::RoleDoesNotAllow)
    );
    let stranger = actor("t1", "sam", &[Role::Staff], &["other"]);
    assert_eq!(
        d(&stranger, Action::Read, &plan),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    let leader = actor("t1", "mia", &[Role::MunicipalityLeader], &["school"]);
    assert_eq!(
        d(&leader, Action::Read, &plan),
        Decision::Deny(Denial::AggregatesOnly)
    );
    assert_eq!(
        decide(&teacher, Purpose::Administration, Action::Read, &plan),
        Decision::Deny(Denial::WrongPurpose)
    );
    assert_eq!(
        Decision::Allow(Grant::Coordinator).legal_basis(),
        "service_task"
    );
}

#[test]
fn break_the_glass_reads_a_plan_but_never_writes() {
    let t1 = TenantId::from_trusted("t1".into());
    let facts = PlanFacts {
        tenant: &t1,
        person_units: &[],
        consented_units: &[],
        refused_units: &[],
        coordinators: &[],
        coordinating_units: &[],
        restricted: false,
        emergency: true,
    };
    let a = actor("t1", "sam", &[Role::Staff], &["other"]);
    let plan = Subject::Plan(facts);
    assert_eq!(
        decide(&a, Purpose::FollowUp, Action::Read, &plan),
        Decision::Allow(Grant::EmergencyAccess)
    );
    assert_eq!(
        decide(&a, Purpose::FollowUp, Action::Update, &plan),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
}

#[test]
fn a_coordinator_must_work_with_people_in_the_municipality() {
    let t1 = TenantId::from_trusted("t1".into());
    assert!(may_coordinate(&t1, &actor("t1", "a", &[Role::Staff], &[])).is_allowed());
    assert_eq!(
        may_coordinate(&t1, &actor("t2", "a", &[Role::Staff], &[])),
        Decision::Deny(Denial::OtherMunicipality)
    );
    assert_eq!(
        may_coordinate(&t1, &actor("t1", "a", &[Role::Admin], &[])),
        Decision::Deny(Denial::RoleDoesNotAllow)
    );
}

fn arb_roles() -> impl Strategy<Value = Vec<Role>> {
    proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..3)
}

fn arb_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(vec![
        Action::Read,
        Action::List,
        Action::Create,
        Action::Update,
    ])
}

fn arb_purpose() -> impl Strategy<Value = Purpose> {
    proptest::sample::select(vec![
        Purpose::FollowUp,
        Purpose::Administration,
        Purpose::PrivacyReview,
        Purpose::System,
    ])
}

proptest! {
    /// No relation to a plan lets one municipality see another's, and a
    /// restriction wins over every relation.
    #[test]
    fn other_municipality_and_restriction_always_deny(
        roles in arb_roles(),
        coordinator in any::<bool>(),
        enrolled in any::<bool>(),
        consented in any::<bool>(),
        coordinating in any::<bool>(),
        emergency in any::<bool>(),
        other_tenant in any::<bool>(),
        action in arb_action(),
        purpose in arb_purpose(),
        assign in any::<bool>(),
    ) {
        let tenant = TenantId::from_trusted(if other_tenant { "t2" } else { "t1" }.into());
        let me = [staff("me")];
        let units = [unit("u")];
        let pick = |b: bool| if b { &units[..] } else { &[][..] };
        let facts = PlanFacts {
            tenant: &tenant,
            person_units: pick(enrolled),
            consented_units: pick(consented),
            refused_units: &[],
            coordinators: if coordinator { &me[..] } else { &[][..] },
            coordinating_units: pick(coordinating),
            restricted: !other_tenant,
            emergency,
        };
        let subject = if assign { Subject::Coordination(facts) } else { Subject::Plan(facts) };
        let a = actor("t1", "me", &roles, &["u"]);
        let expected = if other_tenant { Denial::OtherMunicipality } else { Denial::Restricted };
        prop_assert_eq!(decide(&a, purpose, action, &subject), Decision::Deny(expected));
    }

    /// Taking a unit out of the plan consent never gives anyone more access.
    #[test]
    fn withdrawing_consent_never_widens_access(
        roles in arb_roles(),
        my_unit in 0usize..3,
        consented in proptest::collection::vec(0usize..3, 0..3),
        drop in 0usize..3,
        coordinating in proptest::collection::vec(0usize..3, 0..2),
        action in arb_action(),
        assign in any::<bool>(),
    ) {
        let t1 = TenantId::from_trusted("t1".into());
        let names = ["a", "b", "c"];
        let wide: Vec<UnitId> = consented.iter().map(|i| unit(names[*i])).collect();
        let narrow: Vec<UnitId> =
            wide.iter().filter(|u| u.as_str() != names[drop]).cloned().collect();
        let ke: Vec<UnitId> = coordinating.iter().map(|i| unit(names[*i])).collect();
        let a = actor("t1", "me", &roles, &[names[my_unit]]);
        let subject = |consented_units| {
            let facts = PlanFacts {
                tenant: &t1,
                person_units: &[],
                consented_units,
                refused_units: &[],
                coordinators: &[],
                coordinating_units: &ke,
                restricted: false,
                emergency: false,
            };
            if assign { Subject::Coordination(facts) } else { Subject::Plan(facts) }
        };
        let before = decide(&a, Purpose::FollowUp, action, &subject(&wide)).is_allowed();
        let after = decide(&a, Purpose::FollowUp, action, &subject(&narrow)).is_allowed();
        prop_assert!(before || !after);
    }

    /// The family's no to the actor's unit beats enrolment, consent and the
    /// coordinating unit: only an assigned coordinator or break-the-glass
    /// still reads, and saying no never widens anyone's access.
    #[test]
    fn a_refusal_of_my_unit_beats_every_grant_through_it(
        roles in arb_roles(),
        enrolled in any::<bool>(),
        consented in any::<bool>(),
        coordinating in any::<bool>(),
        coordinator in any::<bool>(),
        emergency in any::<bool>(),
        action in arb_action(),
    ) {
        let t1 = TenantId::from_trusted("t1".into());
        let units = [unit("u")];
        let me = [staff("me")];
        let pick = |b: bool| if b { &units[..] } else { &[][..] };
        let facts = |refused_units| PlanFacts {
            tenant: &t1,
            person_units: pick(enrolled),
            consented_units: pick(consented),
            refused_units,
            coordinators: if coordinator { &me[..] } else { &[][..] },
            coordinating_units: pick(coordinating),
            restricted: false,
            emergency,
        };
        let a = actor("t1", "me", &roles, &["u"]);
        let open = decide(&a, Purpose::FollowUp, action, &Subject::Plan(facts(&[])));
        let refused = decide(&a, Purpose::FollowUp, action, &Subject::Plan(facts(&units)));
        prop_assert!(open.is_allowed() || !refused.is_allowed());
        if let Decision::Allow(grant) = refused {
            prop_assert!(
                matches!(grant, Grant::Coordinator | Grant::EmergencyAccess),
                "{:?} let a refused unit in",
                grant
            );
        }
    }
}
