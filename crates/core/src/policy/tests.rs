//! The policy for persons, the organisation and the access log.
use super::*;
use crate::ids::{StaffId, TenantId, UnitId};

fn unit(s: &str) -> UnitId {
    UnitId::from_trusted(s.into())
}

fn actor(roles: &[Role], units: &[&str]) -> Actor {
    Actor {
        tenant: TenantId::from_trusted("t1".into()),
        staff: StaffId::from_trusted("s1".into()),
        roles: RoleSet::new(roles.to_vec()),
        units: units.iter().map(|u| unit(u)).collect(),
    }
}

fn person<'a>(tenant: &'a TenantId, kind: PersonKind, units: &'a [UnitId]) -> Subject<'a> {
    Subject::Person {
        tenant,
        kind,
        linked_units: units,
        restricted: false,
        emergency: false,
    }
}

#[test]
fn a_restricted_person_is_kept_but_not_used() {
    let t1 = TenantId::from_trusted("t1".into());
    let own = [unit("school-a")];
    let restricted = Subject::Person {
        tenant: &t1,
        kind: PersonKind::Child,
        linked_units: &own,
        restricted: true,
        emergency: false,
    };
    let teacher = actor(&[Role::Staff], &["school-a"]);
    assert_eq!(
        decide(&teacher, Purpose::FollowUp, Action::Read, &restricted),
        Decision::Deny(Denial::Restricted)
    );
    let admin = actor(&[Role::Admin], &[]);
    assert!(decide(&admin, Purpose::Administration, Action::Read, &restricted).is_allowed());
    let officer = actor(&[Role::PrivacyOfficer], &[]);
    assert_eq!(
        decide(
            &officer,
            Purpose::PrivacyReview,
            Action::Update,
            &restricted
        ),
        Decision::Allow(Grant::PrivacyReview)
    );
    assert_eq!(
        decide(
            &teacher,
            Purpose::PrivacyReview,
            Action::Update,
            &restricted
        ),
        Decision::Deny(Denial::RoleDoesNotAllow)
    );
}

#[test]
fn teacher_sees_children_and_guardians_of_own_unit_only() {
    let t1 = TenantId::from_trusted("t1".into());
    let teacher = actor(&[Role::Staff], &["school-a"]);
    let own = [unit("school-a")];
    let other = [unit("school-b")];
    let read = |s: &Subject<'_>| decide(&teacher, Purpose::FollowUp, Action::Read, s);
    assert_eq!(
        read(&person(&t1, PersonKind::Child, &own)),
        Decision::Allow(Grant::EnrolledInOwnUnit)
    );
    assert_eq!(
        read(&person(&t1, PersonKind::Adult, &own)),
        Decision::Allow(Grant::RelatedToChildInOwnUnit)
    );
    assert_eq!(
        read(&person(&t1, PersonKind::Child, &other)),
        Decision::Deny(Denial::NotLinkedToOwnUnit)
    );
    assert_eq!(
        read(&Subject::Unknown),
        Decision::Deny(Denial::UnknownSubject)
    );
    let update = decide(
        &teacher,
        Purpose::FollowUp,
        Action::Update,
        &person(&t1, PersonKind::Child, &own),
    );
    assert_eq!(update, Decision::Deny(Denial::RoleDoesNotAllow));
}

#[test]
fn nobody_crosses_municipalities() {
    let t2 = TenantId::from_trusted("t2".into());
    let units = [unit("school-a")];
    for roles in [
        vec![Role::Admin],
        vec![Role::Staff],
        vec![Role::PrivacyOfficer],
    ] {
        let a = actor(&roles, &["school-a"]);
        for purpose in [Purpose::FollowUp, Purpose::Administration] {
            let d = decide(
                &a,
                purpose,
                Action::Read,
                &person(&t2, PersonKind::Child, &units),
            );
            assert_eq!(d, Decision::Deny(Denial::OtherMunicipality));
        }
        let d = decide(
            &a,
            Purpose::Administration,
            Action::Read,
            &Subject::Organisation { tenant: &t2 },
        );
        assert_eq!(d, Decision::Deny(Denial::OtherMunicipality));
        let d = decide(
            &a,
            Purpose::PrivacyReview,
            Action::Read,
            &Subject::AuditLog { tenant: &t2 },
        );
        assert_eq!(d, Decision::Deny(Denial::OtherMunicipality));
    }
}

#[test]
fn leaders_admins_and_privacy_officers() {
    let t1 = TenantId::from_trusted("t1".into());
    let own = [unit("kg-1")];
    let leader = actor(&[Role::UnitLeader], &["kg-1"]);
    let d = decide(
        &leader,
        Purpose::FollowUp,
        Action::List,
        &person(&t1, PersonKind::Child, &own),
    );
    assert_eq!(d, Decision::Allow(Grant::LeaderOfUnit));

    let boss = actor(&[Role::MunicipalityLeader], &[]);
    let d = decide(
        &boss,
        Purpose::FollowUp,
        Action::Read,
        &person(&t1, PersonKind::Child, &own),
    );
    assert_eq!(d, Decision::Deny(Denial::AggregatesOnly));

    let admin = actor(&[Role::Admin], &[]);
    let d = decide(
        &admin,
        Purpose::Administration,
        Action::Update,
        &person(&t1, PersonKind::Child, &own),
    );
    assert_eq!(d, Decision::Allow(Grant::Administration));
    let d = decide(
        &admin,
        Purpose::FollowUp,
        Action::Read,
        &person(&t1, PersonKind::Child, &own),
    );
    assert_eq!(d, Decision::Deny(Denial::NotLinkedToOwnUnit));
    let d = decide(
        &admin,
        Purpose::Administration,
        Action::Create,
        &Subject::Organisation { tenant: &t1 },
    );
    assert_eq!(d, Decision::Allow(Grant::Administration));

    let staff = actor(&[Role::Staff], &["kg-1"]);
    let d = decide(
        &staff,
        Purpose::Administration,
        Action::Create,
        &Subject::Organisation { tenant: &t1 },
    );
    assert_eq!(d, Decision::Deny(Denial::RoleDoesNotAllow));
    let d = decide(
        &staff,
        Purpose::PrivacyReview,
        Action::Read,
        &Subject::AuditLog { tenant: &t1 },
    );
    assert_eq!(d, Decision::Deny(Denial::RoleDoesNotAllow));

    let officer = actor(&[Role::PrivacyOfficer], &[]);
    let d = decide(
        &officer,
        Purpose::PrivacyReview,
        Action::Read,
        &Subject::AuditLog { tenant: &t1 },
    );
    assert_eq!(d, Decision::Allow(Grant::PrivacyReview));
    let d = decide(
        &officer,
        Purpose::PrivacyReview,
        Action::Update,
        &Subject::AuditLog { tenant: &t1 },
    );
    assert_eq!(d, Decision::Deny(Denial::RoleDoesNotAllow));
}
