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

#[test]
fn the_childs_units_the_holder_and_the_offered_see_the_log() {
    let t1 = TenantId::from_trusted("t1".into());
    let kindergarten = [unit("kg")];
    let (kari, ola) = (staff("kari"), staff("ola"));
    let case = Case {
        tenant: &t1,
        child_units: &kindergarten,
        consented_units: &[],
        holder: Some(&kari),
        offered_to: Some((&ola, &kindergarten[0])),
        author: None,
        restricted: false,
        emergency: false,
    };
    let subject = Subject::Case(case.clone());
    let d = |a: &Actor, action| decide(a, Purpose::FollowUp, action, &subject);

    let colleague = actor("t1", "per", &[Role::Staff], &["kg"]);
    assert_eq!(
        d(&colleague, Action::Create),
        Decision::Allow(Grant::EnrolledInOwnUnit)
    );
    // The holder keeps access after the child has left the holder's unit.
    let holder = actor("t1", "kari", &[Role::Staff], &["old-unit"]);
    assert_eq!(
        d(&holder, Action::Update),
        Decision::Allow(Grant::BatonHolder)
    );
    let offered = actor("t1", "ola", &[Role::Staff], &["school"]);
    assert_eq!(
        d(&offered, Action::Read),
        Decision::Allow(Grant::BatonOffered)
    );
    assert_eq!(
        d(&offered, Action::Update),
        Decision::Allow(Grant::BatonOffered)
    );
    assert_eq!(
        d(&offered, Action::Create),
        Decision::Deny(Denial::NotLinkedToOwnUnit),
        "the one offered answers but does not write in the log"
    );
    let stranger = actor("t1", "eva", &[Role::Staff], &["school"]);
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

    let consented = [unit("health")];
    let shared = Case {
        consented_units: &consented,
        ..case.clone()
    };
    let nurse = actor("t1", "nina", &[Role::Staff], &["health"]);
    assert_eq!(
        decide(
            &nurse,
            Purpose::FollowUp,
            Action::Create,
            &Subject::Case(shared.clone())
        ),
        Decision::Allow(Grant::ConsentedToOwnUnit)
    );
    assert_eq!(
        may_receive(&t1, &unit("health"), &shared),
        Decision::Allow(Grant::ConsentedToOwnUnit)
    );
    assert_eq!(
        may_receive(&t1, &unit("school"), &shared),
        Decision::Deny(Denial::NotCoveredByConsent)
    );
    assert_eq!(
        may_receive(&t1, &unit("kg"), &case),
        Decision::Allow(Grant::EnrolledInOwnUnit)
    );
}

#[test]
fn the_one_offered_is_cut_off_when_the_consent_for_their_unit_goes() {
    let t1 = TenantId::from_trusted("t1".into());
    let (kari, ola) = (staff("kari"), staff("ola"));
    let school = unit("school");
    let consented = [school.clone()];
    let with = Case {
        tenant: &t1,
        child_units: &[],
        consented_units: &consented,
        holder: Some(&kari),
        offered_to: Some((&ola, &school)),
        author: None,
        restricted: false,
        emergency: false,
    };
    let without = Case {
        consented_units: &[],
        ..with.clone()
    };
    let offered = actor("t1", "ola", &[Role::Staff], &["other"]);
    assert!(
        decide(
            &offered,
            Purpose::FollowUp,
            Action::Read,
            &Subject::Case(with)
        )
        .is_allowed()
    );
    assert_eq!(
        decide(
            &offered,
            Purpose::FollowUp,
            Action::Read,
            &Subject::Case(without)
        ),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
}

#[test]
fn a_restricted_case_is_used_by_no_one() {
    let t1 = TenantId::from_trusted("t1".into());
    let kari = staff("kari");
    let units = [unit("kg")];
    let case = Case {
        tenant: &t1,
        child_units: &units,
        consented_units: &units,
        holder: Some(&kari),
        offered_to: None,
        author: Some(&kari),
        restricted: true,
        emergency: false,
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
fn the_author_of_a_concern_keeps_sight_of_it() {
    let t1 = TenantId::from_trusted("t1".into());
    let kari = staff("kari");
    let case = Case {
        tenant: &t1,
        child_units: &[],
        consented_units: &[],
        holder: None,
        offered_to: None,
        author: Some(&kari),
        restricted: false,
        emergency: false,
    };
    let author = actor("t1", "kari", &[Role::Staff], &["kg"]);
    assert_eq!(
        decide(
            &author,
            Purpose::FollowUp,
            Action::Update,
            &Subject::Case(case)
        ),
        Decision::Allow(Grant::Author)
    );
}

fn arb_roles() -> impl Strategy<Value = Vec<Role>> {
    proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..3)
}

proptest! {
    /// No relation to a case lets one municipality see another's.
    #[test]
    fn no_case_crosses_municipalities(
        roles in arb_roles(),
        holder in any::<bool>(),
        offered in any::<bool>(),
        author in any::<bool>(),
        enrolled in any::<bool>(),
        emergency in any::<bool>(),
        action in proptest::sample::select(vec![Action::Read, Action::List, Action::Create, Action::Update]),
        purpose in proptest::sample::select(vec![Purpose::FollowUp, Purpose::Administration, Purpose::PrivacyReview, Purpose::System]),
    ) {
        let t2 = TenantId::from_trusted("t2".into());
        let me = staff("me");
        let units = [unit("u")];
        let case = Case {
            tenant: &t2,
            child_units: if enrolled { &units } else { &[] },
            consented_units: &units,
            holder: holder.then_some(&me),
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
        let t1 = TenantId::from_trusted("t1".into());
        prop_assert!(!may_receive(&t1, &unit("u"), &case).is_allowed());
    }

    /// Taking a unit out of the consent never gives anyone more access.
    #[test]
    fn narrowing_consent_never_widens_access(
        roles in arb_roles(),
        my_unit in 0usize..3,
        consented in proptest::collection::vec(0usize..3, 0..3),
        drop in 0usize..3,
        action in proptest::sample::select(vec![Action::Read, Action::Create, Action::Update]),
    ) {
        let t1 = TenantId::from_trusted("t1".into());
        let names = ["a", "b", "c"];
        let wide: Vec<UnitId> = consented.iter().map(|i| unit(names[*i])).collect();
        let narrow: Vec<UnitId> = wide.iter().filter(|u| u.as_str() != names[drop]).cloned().collect();
        let a = actor("t1", "me", &roles, &[names[my_unit]]);
        let case = |consented_units| Subject::Case(Case {
            tenant: &t1,
            child_units: &[],
            consented_units,
            holder: None,
            offered_to: None,
            author: None,
            restricted: false,
            emergency: false,
        });
        let before = decide(&a, Purpose::FollowUp, action, &case(&wide)).is_allowed();
        let after = decide(&a, Purpose::FollowUp, action, &case(&narrow)).is_allowed();
        prop_assert!(before || !after);
    }
}
