//! The citizen policy: examples and properties.
use proptest::prelude::*;

use super::citizen::*;
use crate::ids::{PersonId, TenantId};

fn citizen(tenant: &str) -> Citizen {
    Citizen {
        tenant: TenantId::from_trusted(tenant.into()),
        person: PersonId::from_trusted("p1".into()),
    }
}

fn facts(
    tenant: &TenantId,
    standing: Standing,
    age: Option<u8>,
    view: ParentView,
) -> PersonFacts<'_> {
    PersonFacts {
        tenant,
        standing,
        age_years: age,
        consent_age: 15,
        parent_view: view,
    }
}

#[test]
fn a_guardian_sees_and_decides_for_a_young_child() {
    let t = TenantId::from_trusted("t1".into());
    let f = facts(&t, Standing::Guardian, Some(9), ParentView::Nothing);
    for action in [CitizenAction::See, CitizenAction::Decide] {
        assert_eq!(
            decide_citizen(&citizen("t1"), action, Section::Details, &f),
            CitizenDecision::Allow(CitizenGrant::ParentalResponsibility)
        );
    }
}

#[test]
fn at_the_age_the_young_person_decides_and_the_parents_see_what_the_setting_says() {
    let t = TenantId::from_trusted("t1".into());
    let young = facts(&t, Standing::Themself, Some(15), ParentView::WhoFollowsUp);
    assert_eq!(
        decide_citizen(
            &citizen("t1"),
            CitizenAction::Decide,
            Section::Details,
            &young
        ),
        CitizenDecision::Allow(CitizenGrant::OwnInformation)
    );
    let parent = facts(&t, Standing::Guardian, Some(15), ParentView::WhoFollowsUp);
    assert_eq!(
        decide_citizen(
            &citizen("t1"),
            CitizenAction::See,
            Section::WhoFollowsUp,
            &parent
        ),
        CitizenDecision::Allow(CitizenGrant::ParentViewSetting)
    );
    assert_eq!(
        decide_citizen(
            &citizen("t1"),
            CitizenAction::See,
            Section::Details,
            &parent
        ),
        CitizenDecision::Deny(CitizenDenial::YoungPersonDecides)
    );
    let closed = facts(&t, Standing::Guardian, Some(15), ParentView::Nothing);
    assert_eq!(
        decide_citizen(
            &citizen("t1"),
            CitizenAction::See,
            Section::WhoFollowsUp,
            &closed
        ),
        CitizenDecision::Deny(CitizenDenial::YoungPersonDecides)
    );
}

#[test]
fn a_child_below_the_age_does_not_decide_alone() {
    let t = TenantId::from_trusted("t1".into());
    let f = facts(&t, Standing::Themself, Some(14), ParentView::Nothing);
    assert_eq!(
        decide_citizen(&citizen("t1"), CitizenAction::See, Section::Details, &f),
        CitizenDecision::Deny(CitizenDenial::BelowConsentAge)
    );
    assert_eq!(
        CitizenDecision::Deny(CitizenDenial::BelowConsentAge).legal_basis(),
        "none"
    );
}

fn any_standing() -> impl Strategy<Value = Standing> {
    prop_oneof![
        Just(Standing::Themself),
        Just(Standing::Guardian),
        Just(Standing::ParentWithoutResponsibility),
        Just(Standing::Other),
    ]
}

fn any_view() -> impl Strategy<Value = ParentView> {
    prop_oneof![Just(ParentView::Nothing), Just(ParentView::WhoFollowsUp)]
}

fn any_action() -> impl Strategy<Value = CitizenAction> {
    prop_oneof![Just(CitizenAction::See), Just(CitizenAction::Decide)]
}

fn any_section() -> impl Strategy<Value = Section> {
    prop_oneof![Just(Section::WhoFollowsUp), Just(Section::Details)]
}

proptest! {
    /// A parent never sees a child they have no parental responsibility for.
    #[test]
    fn no_parental_responsibility_sees_nothing(
        age in proptest::option::of(0u8..30),
        consent_age in 12u8..19,
        view in any_view(),
        action in any_action(),
        section in any_section(),
        standing in prop_oneof![Just(Standing::ParentWithoutResponsibility), Just(Standing::Other)],
    ) {
        let t = TenantId::from_trusted("t1".into());
        let f = PersonFacts { tenant: &t, standing, age_years: age, consent_age, parent_view: view };
        prop_assert!(!decide_citizen(&citizen("t1"), action, section, &f).is_allowed());
    }

    /// At or above the age the young person decides, and a parent decides nothing.
    #[test]
    fn above_the_age_the_young_person_decides(
        over in 0u8..10,
        consent_age in 12u8..19,
        view in any_view(),
        section in any_section(),
    ) {
        let t = TenantId::from_trusted("t1".into());
        let age = Some(consent_age.saturating_add(over));
        let young = PersonFacts { tenant: &t, standing: Standing::Themself, age_years: age, consent_age, parent_view: view };
        prop_assert!(decide_citizen(&citizen("t1"), CitizenAction::Decide, section, &young).is_allowed());
        let parent = PersonFacts { standing: Standing::Guardian, ..young.clone() };
        prop_assert!(!decide_citizen(&citizen("t1"), CitizenAction::Decide, section, &parent).is_allowed());
        prop_assert!(!decide_citizen(&citizen("t1"), CitizenAction::See, Section::Details, &parent).is_allowed());
    }

    /// Never across municipalities, whoever the citizen is to the person.
    #[test]
    fn never_across_municipalities(
        age in proptest::option::of(0u8..30),
        standing in any_standing(),
        view in any_view(),
        action in any_action(),
        section in any_section(),
    ) {
        let other = TenantId::from_trusted("t2".into());
        let f = PersonFacts { tenant: &other, standing, age_years: age, consent_age: 15, parent_view: view };
        prop_assert_eq!(
            decide_citizen(&citizen("t1"), action, section, &f),
            CitizenDecision::Deny(CitizenDenial::OtherMunicipality)
        );
    }
}
