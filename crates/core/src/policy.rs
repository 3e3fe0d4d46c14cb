//! The access policy: one pure function that decides every read and write of
//! personal data, with a reason either way. The store gathers the facts (who
//! the actor is, where the subject belongs), this module decides, and the store
//! audits the decision in the same transaction as the access.

use serde::Serialize;

use crate::ids::{StaffId, TenantId, UnitId};
use crate::org::{PersonKind, Role, RoleSet};

/// Who is acting: a signed-in staff member, as the store knows them now.
#[derive(Debug, Clone)]
pub struct Actor {
    pub tenant: TenantId,
    pub staff: StaffId,
    pub roles: RoleSet,
    /// The units the staff member works in.
    pub units: Vec<UnitId>,
}

/// Why the actor is looking, recorded in the audit log and shown to the family
/// later ("who looked at our data, and why").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Daily work with the child and family.
    FollowUp,
    /// Maintaining the register of units, staff and persons.
    Administration,
    /// Reviewing the access log.
    PrivacyReview,
    /// The system itself: demo data, imports run from the command line.
    System,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::FollowUp => "follow_up",
            Purpose::Administration => "administration",
            Purpose::PrivacyReview => "privacy_review",
            Purpose::System => "system",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Seeing one record.
    Read,
    /// Seeing a record as a line in a list.
    List,
    Create,
    Update,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::List => "list",
            Action::Create => "create",
            Action::Update => "update",
        }
    }

    fn is_write(self) -> bool {
        matches!(self, Action::Create | Action::Update)
    }
}

/// What is being accessed, with the facts the policy needs about it.
#[derive(Debug, Clone)]
pub enum Subject<'a> {
    /// A child or an adult, and the units the person is linked to: for a child
    /// the units where it is enrolled now; for an adult the units where a
    /// related child is enrolled now.
    Person {
        tenant: &'a TenantId,
        kind: PersonKind,
        linked_units: &'a [UnitId],
        /// Processing is restricted (GDPR art. 18): kept, not used or shared.
        restricted: bool,
    },
    /// A person id that names nobody in the actor's municipality. Decided like
    /// any other denial, so that the answer does not reveal whether it exists.
    Unknown,
    /// Units and staff: the municipality's organisation.
    Organisation { tenant: &'a TenantId },
    /// The access log.
    AuditLog { tenant: &'a TenantId },
    /// A child's case: a concern (level 0) or a relay log, and the facts
    /// about who stands in which relation to it.
    Case(Case<'a>),
    /// An anonymous consultation: about a situation, identifying no one.
    Consultation { tenant: &'a TenantId },
}

/// The facts the policy needs about a concern or a relay log.
#[derive(Debug, Clone)]
pub struct Case<'a> {
    pub tenant: &'a TenantId,
    /// The units where the child is enrolled now.
    pub child_units: &'a [UnitId],
    /// Units the family's consent lets receive the case. Filled from the
    /// consent ledger; until it exists, no unit beyond the child's own.
    pub consented_units: &'a [UnitId],
    /// The baton holder of a relay log.
    pub holder: Option<&'a StaffId>,
    /// The one a waiting baton offer is made to, and the unit it is for.
    pub offered_to: Option<(&'a StaffId, &'a UnitId)>,
    /// Who raised the concern.
    pub author: Option<&'a StaffId>,
    /// Processing of the child's data is restricted (GDPR art. 18).
    pub restricted: bool,
}

/// Why access was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grant {
    /// The child is enrolled in a unit the actor works in.
    EnrolledInOwnUnit,
    /// The adult is related to a child enrolled in a unit the actor works in.
    RelatedToChildInOwnUnit,
    /// The actor leads a unit the person is linked to.
    LeaderOfUnit,
    /// The actor maintains the register.
    Administration,
    /// Colleagues in a municipality see its organisation.
    Colleague,
    /// The privacy officer reviews the access log.
    PrivacyReview,
    /// The system acting on its own behalf (demo, command-line imports).
    System,
    /// The actor holds the baton of the relay log.
    BatonHolder,
    /// The baton is offered to the actor, who reads the log to answer.
    BatonOffered,
    /// The actor raised the concern.
    Author,
    /// The family's consent covers the actor's unit.
    ConsentedToOwnUnit,
}

/// Why access was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denial {
    /// The subject belongs to another municipality.
    OtherMunicipality,
    /// The person is not linked to any unit the actor works in.
    NotLinkedToOwnUnit,
    /// The role only sees aggregates, not persons.
    AggregatesOnly,
    /// The actor's roles do not allow this action.
    RoleDoesNotAllow,
    /// No such subject in the actor's municipality.
    UnknownSubject,
    /// The purpose given does not fit this access.
    WrongPurpose,
    /// Neither the child's enrolment nor the family's consent covers the unit.
    NotCoveredByConsent,
    /// Processing of the person's data is restricted (GDPR art. 18).
    Restricted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow(Grant),
    Deny(Denial),
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        matches!(self, Decision::Allow(_))
    }

    /// The reason as a stable code for the audit log.
    pub fn reason_code(self) -> &'static str {
        match self {
            Decision::Allow(g) => match g {
                Grant::EnrolledInOwnUnit => "enrolled_in_own_unit",
                Grant::RelatedToChildInOwnUnit => "related_to_child_in_own_unit",
                Grant::LeaderOfUnit => "leader_of_unit",
                Grant::Administration => "administration",
                Grant::Colleague => "colleague",
                Grant::PrivacyReview => "privacy_review",
                Grant::System => "system",
                Grant::BatonHolder => "baton_holder",
                Grant::BatonOffered => "baton_offered",
                Grant::Author => "author",
                Grant::ConsentedToOwnUnit => "consented_to_own_unit",
            },
            Decision::Deny(d) => match d {
                Denial::OtherMunicipality => "other_municipality",
                Denial::NotLinkedToOwnUnit => "not_linked_to_own_unit",
                Denial::AggregatesOnly => "aggregates_only",
                Denial::RoleDoesNotAllow => "role_does_not_allow",
                Denial::UnknownSubject => "unknown_subject",
                Denial::WrongPurpose => "wrong_purpose",
                Denial::NotCoveredByConsent => "not_covered_by_consent",
                Denial::Restricted => "restricted",
            },
        }
    }
}

/// Decides one access. Deny wins over allow: every denial is checked first.
pub fn decide(actor: &Actor, purpose: Purpose, action: Action, subject: &Subject<'_>) -> Decision {
    use Decision::{Allow, Deny};
    match subject {
        Subject::Unknown => Deny(Denial::UnknownSubject),
        Subject::Organisation { tenant } => {
            if *tenant != &actor.tenant {
                Deny(Denial::OtherMunicipality)
            } else if !action.is_write() {
                Allow(Grant::Colleague)
            } else if actor.roles.has(Role::Admin) && purpose == Purpose::Administration {
                Allow(Grant::Administration)
            } else {
                Deny(Denial::RoleDoesNotAllow)
            }
        }
        Subject::AuditLog { tenant } => {
            if *tenant != &actor.tenant {
                Deny(Denial::OtherMunicipality)
            } else if action.is_write() {
                // The log is written only by the store itself, never through a request.
                Deny(Denial::RoleDoesNotAllow)
            } else if actor.roles.has(Role::PrivacyOfficer) && purpose == Purpose::PrivacyReview {
                Allow(Grant::PrivacyReview)
            } else {
                Deny(Denial::RoleDoesNotAllow)
            }
        }
        Subject::Person {
            tenant,
            kind,
            linked_units,
            restricted,
        } => {
            if *tenant != &actor.tenant {
                Deny(Denial::OtherMunicipality)
            } else if purpose == Purpose::PrivacyReview {
                // The privacy officer handles the person's requests (restriction,
                // access): they look the person up and mark the restriction.
                if actor.roles.has(Role::PrivacyOfficer) && action != Action::Create {
                    Allow(Grant::PrivacyReview)
                } else {
                    Deny(Denial::RoleDoesNotAllow)
                }
            } else if *restricted && purpose != Purpose::Administration {
                // Kept in the register, but not used in daily work.
                Deny(Denial::Restricted)
            } else {
                decide_person(actor, purpose, action, tenant, *kind, linked_units)
            }
        }
        Subject::Case(case) => decide_case(actor, purpose, action, case),
        Subject::Consultation { tenant } => {
            let works_with_children =
                actor.roles.has(Role::Staff) || actor.roles.has(Role::UnitLeader);
            if *tenant != &actor.tenant {
                Deny(Denial::OtherMunicipality)
            } else if purpose != Purpose::FollowUp {
                Deny(Denial::WrongPurpose)
            } else if works_with_children {
                Allow(Grant::Colleague)
            } else {
                Deny(Denial::RoleDoesNotAllow)
            }
        }
    }
}

/// Concerns and relay logs. Staff of a unit where the child is enrolled, or
/// a unit the family's consent covers, read and write them; the holder keeps
/// access wherever the child goes until the baton is handed on; the one a
/// baton is offered to may read the log and answer, but not write in it.
fn decide_case(actor: &Actor, purpose: Purpose, action: Action, case: &Case<'_>) -> Decision {
    use Decision::{Allow, Deny};
    if case.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if case.restricted {
        return Deny(Denial::Restricted);
    }
    if purpose != Purpose::FollowUp {
        return Deny(Denial::WrongPurpose);
    }
    let works_with_children = actor.roles.has(Role::Staff) || actor.roles.has(Role::UnitLeader);
    if !works_with_children {
        return Deny(if actor.roles.has(Role::MunicipalityLeader) {
            Denial::AggregatesOnly
        } else {
            Denial::RoleDoesNotAllow
        });
    }
    if case.holder == Some(&actor.staff) {
        return Allow(Grant::BatonHolder);
    }
    if case.author == Some(&actor.staff) {
        return Allow(Grant::Author);
    }
    if let Some(grant) = unit_grant(actor, case) {
        return Allow(grant);
    }
    // The one offered reads and answers only while the unit the baton would
    // go to may still receive the case: a withdrawn consent cuts them off.
    let offered = case.offered_to.is_some_and(|(to, unit)| {
        to == &actor.staff
            && (case.child_units.contains(unit) || case.consented_units.contains(unit))
    });
    if offered && action != Action::Create {
        return Allow(Grant::BatonOffered);
    }
    Deny(Denial::NotLinkedToOwnUnit)
}

/// What the actor's units give: the child's own unit first, then consent.
fn unit_grant(actor: &Actor, case: &Case<'_>) -> Option<Grant> {
    let mine = |units: &[UnitId]| units.iter().any(|u| actor.units.contains(u));
    if mine(case.child_units) {
        Some(if actor.roles.has(Role::UnitLeader) {
            Grant::LeaderOfUnit
        } else {
            Grant::EnrolledInOwnUnit
        })
    } else if mine(case.consented_units) {
        Some(Grant::ConsentedToOwnUnit)
    } else {
        None
    }
}

/// Whether a unit may receive a child's case: take the baton, or take part
/// as a service. Only the child's own units and the units the family's
/// consent covers may; the actor's own relation to the case does not count.
pub fn may_receive(tenant: &TenantId, unit: &UnitId, case: &Case<'_>) -> Decision {
    if case.tenant != tenant {
        Decision::Deny(Denial::OtherMunicipality)
    } else if case.child_units.contains(unit) {
        Decision::Allow(Grant::EnrolledInOwnUnit)
    } else if case.consented_units.contains(unit) {
        Decision::Allow(Grant::ConsentedToOwnUnit)
    } else {
        Decision::Deny(Denial::NotCoveredByConsent)
    }
}

fn decide_person(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    tenant: &TenantId,
    kind: PersonKind,
    linked_units: &[UnitId],
) -> Decision {
    use Decision::{Allow, Deny};
    if tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if purpose == Purpose::Administration {
        return if actor.roles.has(Role::Admin) {
            Allow(Grant::Administration)
        } else {
            Deny(Denial::WrongPurpose)
        };
    }
    if purpose != Purpose::FollowUp {
        return Deny(Denial::WrongPurpose);
    }
    if action.is_write() {
        // Daily work writes through the relay log and plans, not the register.
        return Deny(Denial::RoleDoesNotAllow);
    }
    let in_own_unit = linked_units.iter().any(|u| actor.units.contains(u));
    let works_with_children = actor.roles.has(Role::Staff) || actor.roles.has(Role::UnitLeader);
    if in_own_unit && works_with_children {
        return Allow(if actor.roles.has(Role::UnitLeader) {
            Grant::LeaderOfUnit
        } else if kind == PersonKind::Child {
            Grant::EnrolledInOwnUnit
        } else {
            Grant::RelatedToChildInOwnUnit
        });
    }
    if actor.roles.has(Role::MunicipalityLeader) && !works_with_children {
        return Deny(Denial::AggregatesOnly);
    }
    Deny(Denial::NotLinkedToOwnUnit)
}

#[cfg(test)]
mod tests {
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
}

#[cfg(test)]
mod case_tests;
