//! The statutory paths and break-the-glass, and the precedence of denials.

use proptest::prelude::*;

use super::*;
use crate::consent::Category;
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
fn a_report_needs_no_consent_and_ignores_a_restriction() {
    let t1 = TenantId::from_trusted("t1".into());
    let school = [unit("school")];
    let cw = unit("cw");
    let teacher = actor("t1", "ola", &[Role::Staff], &["school"]);
    let new_report = Subject::Report(Report {
        tenant: &t1,
        child_units: &school,
        receiving_unit: &cw,
        reporter: None,
        knows_child: false,
    });
    let made = decide(&teacher, Purpose::FollowUp, Action::Create, &new_report);
    assert_eq!(made, Decision::Allow(Grant::DutyToReport));
    assert_eq!(made.legal_basis(), "duty_to_report");
    // A stranger to the child cannot report through us.
    let stranger = actor("t1", "per", &[Role::Staff], &["other-school"]);
    assert_eq!(
        decide(&stranger, Purpose::FollowUp, Action::Create, &new_report),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    // The holder of the child's log reports wherever the child now is.
    let holder_report = Subject::Report(Report {
        knows_child: true,
        ..match &new_report {
            Subject::Report(r) => r.clone(),
            _ => unreachable!(),
        }
    });
    assert!(decide(&stranger, Purpose::FollowUp, Action::Create, &holder_report).is_allowed());

    let ola = staff("ola");
    let sent = Subject::Report(Report {
        tenant: &t1,
        child_units: &school,
        receiving_unit: &cw,
        reporter: Some(&ola),
        knows_child: false,
    });
    assert_eq!(
        decide(&teacher, Purpose::FollowUp, Action::Read, &sent),
        Decision::Allow(Grant::Reporter)
    );
    assert_eq!(
        decide(&teacher, Purpose::FollowUp, Action::Update, &sent),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    let caseworker = actor("t1", "siri", &[Role::Staff], &["cw"]);
    assert_eq!(
        decide(&caseworker, Purpose::FollowUp, Action::Update, &sent),
        Decision::Allow(Grant::ChildWelfareReview)
    );
    let boss = actor("t1", "leader", &[Role::MunicipalityLeader], &["cw"]);
    assert_eq!(
        decide(&boss, Purpose::FollowUp, Action::Read, &sent),
        Decision::Deny(Denial::AggregatesOnly)
    );
}

#[test]
fn break_the_glass_reads_but_never_writes_nor_lifts_a_restriction() {
    let t1 = TenantId::from_trusted("t1".into());
    let kg = [unit("kg")];
    let case = |restricted, emergency| Case {
        tenant: &t1,
        home_unit: &kg[0],
        consented_units: &[],
        refused_units: &[],
        holder: None,
        offered_to: None,
        author: None,
        restricted,
        emergency,
    };
    let nurse = actor("t1", "nina", &[Role::Staff], &["emergency-ward"]);
    let read = |c: Case<'_>, action| decide(&nurse, Purpose::FollowUp, action, &Subject::Case(c));
    assert_eq!(
        read(case(false, false), Action::Read),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    let granted = read(case(false, true), Action::Read);
    assert_eq!(granted, Decision::Allow(Grant::EmergencyAccess));
    assert_eq!(granted.legal_basis(), "emergency_access");
    assert_eq!(
        read(case(false, true), Action::Update),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    assert_eq!(
        read(case(true, true), Action::Read),
        Decision::Deny(Denial::Restricted)
    );
    let person = |emergency| Subject::Person {
        tenant: &t1,
        kind: crate::org::PersonKind::Child,
        linked_units: &kg,
        restricted: false,
        emergency,
    };
    assert_eq!(
        decide(&nurse, Purpose::FollowUp, Action::Read, &person(true)),
        Decision::Allow(Grant::EmergencyAccess)
    );
    // An administrator does not work with children: no emergency access.
    let admin = actor("t1", "adm", &[Role::Admin], &[]);
    assert_eq!(
        decide(&admin, Purpose::FollowUp, Action::Read, &person(true)),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
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
    /// Deny wins: whatever relation, consent or emergency access an actor
    /// has, a restricted case is used by no one.
    #[test]
    fn a_restriction_beats_every_allow(
        roles in arb_roles(),
        holder in any::<bool>(),
        author in any::<bool>(),
        enrolled in any::<bool>(),
        consented in any::<bool>(),
        emergency in any::<bool>(),
        action in arb_action(),
        purpose in arb_purpose(),
    ) {
        let t1 = TenantId::from_trusted("t1".into());
        let me = staff("me");
        let units = [unit("u")];
        let other = unit("other");
        let case = Case {
            tenant: &t1,
            home_unit: if enrolled { &units[0] } else { &other },
            consented_units: if consented { &units } else { &[] },
            refused_units: &[],
            holder: holder.then_some((&me, &units[0])),
            offered_to: None,
            author: author.then_some(&me),
            restricted: true,
            emergency,
        };
        let a = actor("t1", "me", &roles, &["u"]);
        prop_assert_eq!(
            decide(&a, purpose, action, &Subject::Case(case)),
            Decision::Deny(Denial::Restricted)
        );
    }

    /// Not even the statutory paths cross municipalities.
    #[test]
    fn no_report_crosses_municipalities(
        roles in arb_roles(),
        knows_child in any::<bool>(),
        reporter in any::<bool>(),
        action in arb_action(),
        purpose in arb_purpose(),
    ) {
        let t2 = TenantId::from_trusted("t2".into());
        let me = staff("me");
        let units = [unit("u")];
        let report = Report {
            tenant: &t2,
            child_units: &units,
            receiving_unit: &units[0],
            reporter: reporter.then_some(&me),
            knows_child,
        };
        let a = actor("t1", "me", &roles, &["u"]);
        prop_assert_eq!(
            decide(&a, purpose, action, &Subject::Report(report)),
            Decision::Deny(Denial::OtherMunicipality)
        );
    }

    /// Taking a unit out of a category's consent never shows anyone more
    /// entries of that category.
    #[test]
    fn narrowing_a_category_never_shows_more(
        my_unit in 0usize..3,
        written_from in 0usize..4,
        consented in proptest::collection::vec(0usize..3, 0..3),
        drop in 0usize..3,
        category in proptest::sample::select(Category::ALL.to_vec()),
        grant in proptest::sample::select(vec![
            Grant::EnrolledInOwnUnit, Grant::BatonHolder, Grant::ConsentedToOwnUnit,
            Grant::BatonOffered, Grant::LeaderOfUnit,
        ]),
    ) {
        let names = ["a", "b", "c", "d"];
        let wide: Vec<UnitId> = consented.iter().map(|i| unit(names[*i])).collect();
        let narrow: Vec<UnitId> =
            wide.iter().filter(|u| u.as_str() != names[drop]).cloned().collect();
        let a = actor("t1", "me", &[Role::Staff], &[names[my_unit]]);
        let writer = staff("writer");
        let from = unit(names[written_from]);
        let sees = |units: &[UnitId]| {
            sees_entry(&a, Decision::Allow(grant), category, &writer, Some(&from), units)
        };
        prop_assert!(sees(&wide) || !sees(&narrow));
    }
}
