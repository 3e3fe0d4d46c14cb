//! The policy for concerns and relay logs.

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

fn t1() -> TenantId {
    TenantId::from_trusted("t1".into())
}

/// A log raised in the kindergarten `kg`.
fn kg_case<'a>(tenant: &'a TenantId, home: &'a UnitId) -> Case<'a> {
    Case {
        tenant,
        home_unit: home,
        consented_units: &[],
        refused_units: &[],
        holder: None,
        offered_to: None,
        author: None,
        restricted: false,
        emergency: false,
    }
}

#[test]
fn the_home_unit_the_holder_and_the_offered_see_the_log() {
    let t1 = t1();
    let kg = unit("kg");
    let (kari, ola) = (staff("kari"), staff("ola"));
    let school = [unit("school")];
    let case = Case {
        consented_units: &school,
        holder: Some((&kari, &kg)),
        offered_to: Some((&ola, &school[0])),
        ..kg_case(&t1, &kg)
    };
    let subject = Subject::Case(case.clone());
    let d = |a: &Actor, action| decide(a, Purpose::FollowUp, action, &subject);

    let colleague = actor("t1", "per", &[Role::Staff], &["kg"]);
    assert_eq!(
        d(&colleague, Action::Create),
        Decision::Allow(Grant::HomeUnit)
    );
    assert_eq!(d(&colleague, Action::Create).legal_basis(), "service_task");
    let leader = actor("t1", "sjef-kg", &[Role::UnitLeader], &["kg"]);
    assert_eq!(
        d(&leader, Action::Read),
        Decision::Allow(Grant::LeaderOfUnit)
    );
    let holder = actor("t1", "kari", &[Role::Staff], &["kg"]);
    assert_eq!(
        d(&holder, Action::Update),
        Decision::Allow(Grant::BatonHolder)
    );
    let offered = actor("t1", "ola", &[Role::Staff], &["school"]);
    assert_eq!(
        d(&offered, Action::Read),
        Decision::Allow(Grant::ConsentedToOwnUnit),
        "a baton is offered only to a unit the consent covers"
    );
    let stranger = actor("t1", "eva", &[Role::Staff], &["other-school"]);
    assert_eq!(
        d(&stranger, Action::Read),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    let boss = actor("t1", "sjef", &[Role::MunicipalityLeader], &[]);
    assert_eq!(
        d(&boss, Action::Read),
        Decision::Deny(Denial::AggregatesOnly)
    );
    let admin = actor("t1", "admin", &[Role::Admin], &[]);
    assert_eq!(
        d(&admin, Action::Read),
        Decision::Deny(Denial::RoleDoesNotAllow)
    );
    assert_eq!(
        decide(&colleague, Purpose::Administration, Action::Read, &subject),
        Decision::Deny(Denial::WrongPurpose)
    );
}

#[test]
fn a_unit_the_consent_names_reads_and_writes_under_consent() {
    let t1 = t1();
    let kg = unit("kg");
    let consented = [unit("health")];
    let shared = Case {
        consented_units: &consented,
        ..kg_case(&t1, &kg)
    };
    let nurse = actor("t1", "nina", &[Role::Staff], &["health"]);
    let d = decide(
        &nurse,
        Purpose::FollowUp,
        Action::Create,
        &Subject::Case(shared.clone()),
    );
    assert_eq!(d, Decision::Allow(Grant::ConsentedToOwnUnit));
    assert_eq!(d.legal_basis(), "consent");
    assert_eq!(
        may_receive(&t1, &unit("health"), &shared),
        Decision::Allow(Grant::ConsentedToOwnUnit)
    );
    assert_eq!(
        may_receive(&t1, &unit("school"), &shared),
        Decision::Deny(Denial::NotCoveredByConsent)
    );
    assert_eq!(
        may_receive(&t1, &kg, &shared),
        Decision::Allow(Grant::HomeUnit)
    );
}

#[test]
fn enrolment_elsewhere_does_not_open_another_services_log() {
    // The health station has the child enrolled, but the log is the
    // kindergarten's: without a consent the nurse is refused like anyone.
    let t1 = t1();
    let kg = unit("kg");
    let nurse = actor("t1", "nina", &[Role::Staff], &["health"]);
    let leader = actor("t1", "leder", &[Role::UnitLeader], &["health"]);
    for who in [nurse, leader] {
        for action in [Action::Read, Action::List, Action::Create, Action::Update] {
            assert_eq!(
                decide(
                    &who,
                    Purpose::FollowUp,
                    action,
                    &Subject::Case(kg_case(&t1, &kg))
                ),
                Decision::Deny(Denial::NotLinkedToOwnUnit)
            );
        }
    }
}

#[test]
fn a_holder_under_a_withdrawn_consent_loses_the_log_on_the_next_request() {
    let t1 = t1();
    let kg = unit("kg");
    let school = unit("school");
    let consented = [school.clone()];
    let teacher = staff("tina");
    let with = Case {
        consented_units: &consented,
        holder: Some((&teacher, &school)),
        ..kg_case(&t1, &kg)
    };
    let without = Case {
        consented_units: &[],
        ..with.clone()
    };
    let tina = actor("t1", "tina", &[Role::Staff], &["school"]);
    let d = |c: Case<'_>, action| decide(&tina, Purpose::FollowUp, action, &Subject::Case(c));
    assert_eq!(
        d(with.clone(), Action::Create),
        Decision::Allow(Grant::BatonHolder)
    );
    for action in [Action::Read, Action::List, Action::Create, Action::Update] {
        assert_eq!(
            d(without.clone(), action),
            Decision::Deny(Denial::NotCoveredByConsent)
        );
    }
}

#[test]
fn the_one_offered_is_cut_off_when_the_consent_for_their_unit_goes() {
    let t1 = t1();
    let kg = unit("kg");
    let (kari, ola) = (staff("kari"), staff("ola"));
    let school = unit("school");
    let consented = [school.clone()];
    let with = Case {
        consented_units: &consented,
        holder: Some((&kari, &kg)),
        offered_to: Some((&ola, &school)),
        ..kg_case(&t1, &kg)
    };
    let without = Case {
        consented_units: &[],
        ..with.clone()
    };
    let offered = actor("t1", "ola", &[Role::Staff], &["school"]);
    let d = |c| decide(&offered, Purpose::FollowUp, Action::Read, &Subject::Case(c));
    assert!(d(with).is_allowed());
    assert_eq!(d(without), Decision::Deny(Denial::NotCoveredByConsent));
}

#[test]
fn a_refused_unit_gets_nothing_from_a_consent_that_names_it() {
    let t1 = t1();
    let kg = unit("kg");
    let health = [unit("health")];
    let teacher = staff("nina");
    let refused = Case {
        consented_units: &health,
        refused_units: &health,
        holder: Some((&teacher, &health[0])),
        ..kg_case(&t1, &kg)
    };
    let nurse = actor("t1", "nina", &[Role::Staff], &["health"]);
    assert_eq!(
        decide(
            &nurse,
            Purpose::FollowUp,
            Action::Read,
            &Subject::Case(refused.clone())
        ),
        Decision::Deny(Denial::RefusedByFamily),
        "the holder's unit was refused: the baton does not carry them past it"
    );
    assert_eq!(
        may_receive(&t1, &health[0], &refused),
        Decision::Deny(Denial::RefusedByFamily)
    );
    // The home unit works under its own task whatever is refused elsewhere.
    let teacher = actor("t1", "kari", &[Role::Staff], &["kg"]);
    assert!(
        decide(
            &teacher,
            Purpose::FollowUp,
            Action::Read,
            &Subject::Case(refused)
        )
        .is_allowed()
    );
}

#[test]
fn a_restricted_case_is_used_by_no_one() {
    let t1 = t1();
    let kg = unit("kg");
    let kari = staff("kari");
    let units = [kg.clone()];
    let case = Case {
        consented_units: &units,
        holder: Some((&kari, &kg)),
        author: Some(&kari),
        restricted: true,
        ..kg_case(&t1, &kg)
    };
    for who in [
        actor("t1", "kari", &[Role::Staff], &["kg"]),
        actor("t1", "per", &[Role::UnitLeader], &["kg"]),
    ] {
        for action in [Action::Read, Action::List, Action::Create, Action::Update] {
            assert_eq!(
                decide(
                    &who,
                    Purpose::FollowUp,
                    action,
                    &Subject::Case(case.clone())
                ),
                Decision::Deny(Denial::Restricted)
            );
        }
    }
}

#[test]
fn the_author_of_a_concern_keeps_sight_of_it_while_in_its_home_unit() {
    let t1 = t1();
    let kg = unit("kg");
    let kari = staff("kari");
    let case = Case {
        author: Some(&kari),
        ..kg_case(&t1, &kg)
    };
    let author = actor("t1", "kari", &[Role::Staff], &["kg"]);
    assert_eq!(
        decide(
            &author,
            Purpose::FollowUp,
            Action::Update,
            &Subject::Case(case.clone())
        ),
        Decision::Allow(Grant::Author)
    );
    let moved = actor("t1", "kari", &[Role::Staff], &["school"]);
    assert!(
        !decide(
            &moved,
            Purpose::FollowUp,
            Action::Read,
            &Subject::Case(case)
        )
        .is_allowed(),
        "an author who moved to another unit takes no one's case along"
    );
}

#[test]
fn a_concern_is_raised_only_about_a_child_of_the_actors_unit() {
    let t1 = t1();
    let units = [unit("kg")];
    let new = |restricted| {
        Subject::NewConcern(NewConcern {
            tenant: &t1,
            child_units: &units,
            restricted,
        })
    };
    let teacher = actor("t1", "kari", &[Role::Staff], &["kg"]);
    let nurse = actor("t1", "nina", &[Role::Staff], &["health"]);
    assert_eq!(
        decide(&teacher, Purpose::FollowUp, Action::Create, &new(false)),
        Decision::Allow(Grant::EnrolledInOwnUnit)
    );
    assert_eq!(
        decide(&nurse, Purpose::FollowUp, Action::Create, &new(false)),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    assert_eq!(
        decide(&teacher, Purpose::FollowUp, Action::Create, &new(true)),
        Decision::Deny(Denial::Restricted)
    );
    assert_eq!(
        decide(&teacher, Purpose::FollowUp, Action::Read, &new(false)),
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

const NAMES: [&str; 4] = ["home", "a", "b", "c"];

fn units_of(ix: &[usize]) -> Vec<UnitId> {
    ix.iter().map(|i| unit(NAMES[*i % NAMES.len()])).collect()
}

/// An arbitrary case raised in the unit `home`: who holds the baton and for
/// which unit, who it is offered to, what the consents and refusals name.
#[derive(Debug, Clone)]
struct Arb {
    consented: Vec<usize>,
    refused: Vec<usize>,
    holder: Option<usize>,
    offered: Option<usize>,
    author: bool,
    emergency: bool,
}

fn arb_case() -> impl Strategy<Value = Arb> {
    (
        proptest::collection::vec(0usize..4, 0..4),
        proptest::collection::vec(0usize..4, 0..3),
        proptest::option::of(0usize..4),
        proptest::option::of(0usize..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(consented, refused, holder, offered, author, emergency)| Arb {
                consented,
                refused,
                holder,
                offered,
                author,
                emergency,
            },
        )
}

/// Decides for `me` on the case `arb` describes, with these consented units.
fn decide_arb(a: &Actor, action: Action, arb: &Arb, consented: &[UnitId]) -> Decision {
    let t1 = t1();
    let home = unit("home");
    let me = staff("me");
    let refused = units_of(&arb.refused);
    let holder_unit = arb.holder.map(|i| unit(NAMES[i]));
    let offered_unit = arb.offered.map(|i| unit(NAMES[i]));
    let case = Case {
        tenant: &t1,
        home_unit: &home,
        consented_units: consented,
        refused_units: &refused,
        holder: holder_unit.as_ref().map(|u| (&me, u)),
        offered_to: offered_unit.as_ref().map(|u| (&me, u)),
        author: arb.author.then_some(&me),
        restricted: false,
        emergency: arb.emergency,
    };
    decide(a, Purpose::FollowUp, action, &Subject::Case(case))
}

/// The grants that rest on a statute (break-the-glass) rather than on the
/// family's consent or the home unit's own task.
fn statutory(d: Decision) -> bool {
    matches!(d, Decision::Allow(Grant::EmergencyAccess))
}

proptest! {
    /// No relation to a case lets one municipality see another's.
    #[test]
    fn no_case_crosses_municipalities(
        roles in arb_roles(),
        holder in any::<bool>(),
        offered in any::<bool>(),
        author in any::<bool>(),
        emergency in any::<bool>(),
        action in arb_action(),
        purpose in proptest::sample::select(vec![Purpose::FollowUp, Purpose::Administration, Purpose::PrivacyReview, Purpose::System]),
    ) {
        let t2 = TenantId::from_trusted("t2".into());
        let me = staff("me");
        let units = [unit("u")];
        let case = Case {
            tenant: &t2,
            home_unit: &units[0],
            consented_units: &units,
            refused_units: &[],
            holder: holder.then_some((&me, &units[0])),
            offered_to: offered.then_some((&me, &units[0])),
            author: author.then_some(&me),
            restricted: false,
            emergency,
        };
        let a = actor("t1", "me", &roles, &["u"]);
        prop_assert_eq!(
            decide(&a, purpose, action, &Subject::Case(case.clone())),
            Decision::Deny(Denial::OtherMunicipality)
        );
        let t1 = t1();
        prop_assert!(!may_receive(&t1, &unit("u"), &case).is_allowed());
    }

    /// Outside the home unit, every grant rests on a consent in force for a
    /// unit the actor works in, or on a statutory path.
    #[test]
    fn no_grant_outside_the_home_unit_without_consent_or_statute(
        roles in arb_roles(),
        my_units in proptest::collection::vec(1usize..4, 0..3),
        arb in arb_case(),
        action in arb_action(),
    ) {
        let names: Vec<&str> = my_units.iter().map(|i| NAMES[*i]).collect();
        let a = actor("t1", "me", &roles, &names);
        let consented = units_of(&arb.consented);
        let refused = units_of(&arb.refused);
        let d = decide_arb(&a, action, &arb, &consented);
        let covered = a
            .units
            .iter()
            .any(|u| consented.contains(u) && !refused.contains(u));
        prop_assert!(!d.is_allowed() || covered || statutory(d), "{d:?} for {arb:?}");
    }

    /// Withdrawing or expiring a consent never leaves any unit, a holder's
    /// or an offered one's included, with more than it had before.
    #[test]
    fn ending_a_consent_never_widens_access(
        roles in arb_roles(),
        my_units in proptest::collection::vec(0usize..4, 0..3),
        arb in arb_case(),
        ended in 0usize..4,
        action in arb_action(),
    ) {
        let names: Vec<&str> = my_units.iter().map(|i| NAMES[*i]).collect();
        let a = actor("t1", "me", &roles, &names);
        let wide = units_of(&arb.consented);
        let narrow: Vec<UnitId> = wide.iter().filter(|u| u.as_str() != NAMES[ended]).cloned().collect();
        let before = decide_arb(&a, action, &arb, &wide).is_allowed();
        let after = decide_arb(&a, action, &arb, &narrow).is_allowed();
        prop_assert!(before || !after);
        let home = unit("home");
        let t1 = t1();
        for u in &wide {
            let case = |consented_units| Case {
                consented_units,
                ..kg_case(&t1, &home)
            };
            prop_assert!(
                may_receive(&t1, u, &case(&wide)).is_allowed()
                    || !may_receive(&t1, u, &case(&narrow)).is_allowed()
            );
        }
    }

    /// A refusal beats every grant but the statutory ones for the refused
    /// unit's staff who do not also work in the home unit.
    #[test]
    fn a_refusal_beats_every_grant_but_the_statutory_ones(
        roles in arb_roles(),
        refused_unit in 1usize..4,
        mut arb in arb_case(),
        action in arb_action(),
    ) {
        arb.refused.push(refused_unit);
        let a = actor("t1", "me", &roles, &[NAMES[refused_unit]]);
        let consented = units_of(&arb.consented);
        let d = decide_arb(&a, action, &arb, &consented);
        prop_assert!(!d.is_allowed() || statutory(d), "{d:?} for {arb:?}");
        let t1 = t1();
        let home = unit("home");
        let refused = units_of(&arb.refused);
        let case = Case {
            consented_units: &consented,
            refused_units: &refused,
            ..kg_case(&t1, &home)
        };
        prop_assert_eq!(
            may_receive(&t1, &unit(NAMES[refused_unit]), &case),
            Decision::Deny(Denial::RefusedByFamily)
        );
    }
}
