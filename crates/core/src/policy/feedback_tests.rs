//! The policy for feedback: the person's people, leaders' aggregates and
//! one-time links.

use super::*;

fn unit(s: &str) -> UnitId {
    UnitId::from_trusted(s.into())
}

fn staff(s: &str) -> StaffId {
    StaffId::from_trusted(s.into())
}

fn actor(who: &str, roles: &[Role], units: &[&str]) -> Actor {
    Actor {
        tenant: TenantId::from_trusted("t1".into()),
        staff: staff(who),
        roles: RoleSet::new(roles.to_vec()),
        units: units.iter().map(|u| unit(u)).collect(),
    }
}

#[test]
fn own_units_consent_and_the_responsible_worker_see_feedback() {
    let t1 = TenantId::from_trusted("t1".into());
    let (school, health) = ([unit("school")], [unit("health")]);
    let responsible = [staff("kari")];
    let facts = FeedbackFacts {
        tenant: &t1,
        person_units: &school,
        consented_units: &health,
        refused_units: &[],
        responsible: &responsible,
        restricted: false,
        emergency: false,
    };
    let subject = Subject::Feedback(facts.clone());
    let read = |a: &Actor| decide(a, Purpose::FollowUp, Action::Read, &subject);
    assert_eq!(
        read(&actor("t", &[Role::Staff], &["school"])),
        Decision::Allow(Grant::EnrolledInOwnUnit)
    );
    assert_eq!(
        read(&actor("n", &[Role::Staff], &["health"])),
        Decision::Allow(Grant::ConsentedToOwnUnit)
    );
    assert_eq!(
        read(&actor("kari", &[Role::Staff], &["nav"])),
        Decision::Allow(Grant::Coordinator)
    );
    assert_eq!(
        read(&actor("x", &[Role::Staff], &["nav"])),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    assert_eq!(
        read(&actor("m", &[Role::MunicipalityLeader], &[])),
        Decision::Deny(Denial::AggregatesOnly)
    );
    let restricted = Subject::Feedback(FeedbackFacts {
        restricted: true,
        ..facts
    });
    assert_eq!(
        decide(
            &actor("kari", &[Role::Staff], &["school"]),
            Purpose::FollowUp,
            Action::Create,
            &restricted
        ),
        Decision::Deny(Denial::Restricted)
    );
}

#[test]
fn the_familys_no_beats_enrolment_and_consent_but_not_the_responsible_worker() {
    let t1 = TenantId::from_trusted("t1".into());
    let (school, health) = ([unit("school")], [unit("health")]);
    let both = [unit("school"), unit("health")];
    let responsible = [staff("kari")];
    let subject = Subject::Feedback(FeedbackFacts {
        tenant: &t1,
        person_units: &school,
        consented_units: &health,
        refused_units: &both,
        responsible: &responsible,
        restricted: false,
        emergency: false,
    });
    let read = |a: &Actor| decide(a, Purpose::FollowUp, Action::Read, &subject);
    assert_eq!(
        read(&actor("t", &[Role::Staff], &["school"])),
        Decision::Deny(Denial::RefusedByFamily)
    );
    assert_eq!(
        read(&actor("n", &[Role::Staff], &["health"])),
        Decision::Deny(Denial::RefusedByFamily)
    );
    assert_eq!(
        read(&actor("kari", &[Role::Staff], &["school"])),
        Decision::Allow(Grant::Coordinator)
    );
}

#[test]
fn leaders_see_aggregates_of_what_they_lead() {
    let t1 = TenantId::from_trusted("t1".into());
    let school = [unit("school")];
    let unit_level = Subject::FeedbackAggregate {
        tenant: &t1,
        units: &school,
    };
    let whole = Subject::FeedbackAggregate {
        tenant: &t1,
        units: &[],
    };
    let leader = actor("l", &[Role::UnitLeader], &["school"]);
    let other_leader = actor("o", &[Role::UnitLeader], &["kindergarten"]);
    let top = actor("m", &[Role::MunicipalityLeader], &[]);
    let teacher = actor("t", &[Role::Staff], &["school"]);
    let p = Purpose::FollowUp;
    assert!(decide(&leader, p, Action::Read, &unit_level).is_allowed());
    assert!(!decide(&leader, p, Action::Read, &whole).is_allowed());
    assert!(!decide(&other_leader, p, Action::Read, &unit_level).is_allowed());
    assert!(decide(&top, p, Action::Read, &whole).is_allowed());
    assert!(!decide(&top, p, Action::Create, &whole).is_allowed());
    assert!(!decide(&teacher, p, Action::Read, &unit_level).is_allowed());
}

#[test]
fn a_link_answers_only_while_valid_and_in_its_municipality() {
    let t1 = TenantId::from_trusted("t1".into());
    let t2 = TenantId::from_trusted("t2".into());
    let link = actor("link:1", &[], &[]);
    let p = Purpose::System;
    let valid = Subject::FeedbackLink {
        tenant: &t1,
        valid: true,
    };
    assert_eq!(
        decide(&link, p, Action::Create, &valid),
        Decision::Allow(Grant::OneTimeLink)
    );
    assert_eq!(
        decide(
            &link,
            p,
            Action::Create,
            &Subject::FeedbackLink {
                tenant: &t1,
                valid: false
            }
        ),
        Decision::Deny(Denial::LinkNotValid)
    );
    assert_eq!(
        decide(
            &link,
            p,
            Action::Create,
            &Subject::FeedbackLink {
                tenant: &t2,
                valid: true
            }
        ),
        Decision::Deny(Denial::OtherMunicipality)
    );
    assert!(!decide(&link, p, Action::Update, &valid).is_allowed());
}
