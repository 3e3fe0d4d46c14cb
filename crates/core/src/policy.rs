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
    /// Triage of what comes in to the coordinating unit.
    Triage,
    /// Leaders steering by counts about groups of children.
    Steering,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::FollowUp => "follow_up",
            Purpose::Administration => "administration",
            Purpose::PrivacyReview => "privacy_review",
            Purpose::System => "system",
            Purpose::Triage => "triage",
            Purpose::Steering => "steering",
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
        /// The actor holds an unexpired break-the-glass access to this person.
        emergency: bool,
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
    /// A report to child welfare under the duty to report.
    Report(Report<'a>),
    /// An item in the coordinating unit's intake queue.
    Intake(Intake<'a>),
    /// A person's individual plan (see `policy::plan`).
    Plan(PlanFacts<'a>),
    /// Who coordinates a person, with or without a plan.
    Coordination(PlanFacts<'a>),
    /// A person's feedback: episodes, answers, graphs (see `policy::feedback`).
    Feedback(FeedbackFacts<'a>),
    /// Feedback aggregates over some units (none: the whole municipality).
    FeedbackAggregate {
        tenant: &'a TenantId,
        units: &'a [UnitId],
    },
    /// A one-time feedback link; `valid` when unused and unexpired.
    FeedbackLink { tenant: &'a TenantId, valid: bool },
    /// Counts about groups of children for steering (see `policy::statistics`).
    Statistics(Statistics<'a>),
    /// A task of the annual cycle or one of its occurrences (see `policy::cycle`).
    Cycle(cycle::CycleFacts<'a>),
}

/// The facts the policy needs about a report to child welfare.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub tenant: &'a TenantId,
    /// The units where the child is enrolled now.
    pub child_units: &'a [UnitId],
    /// The child welfare unit the report goes to.
    pub receiving_unit: &'a UnitId,
    /// Who made the report; `None` while it is being made.
    pub reporter: Option<&'a StaffId>,
    /// The actor knows the child through a case: they hold its relay log or
    /// raised a concern about it.
    pub knows_child: bool,
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
    /// The actor holds an unexpired break-the-glass access to the child.
    pub emergency: bool,
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
    /// The duty to report to child welfare, without regard to confidentiality.
    DutyToReport,
    /// The one who reported reads their own receipt.
    Reporter,
    /// Child welfare reviews the reports sent to it.
    ChildWelfareReview,
    /// Break-the-glass: time-limited access the actor took with a reason,
    /// reviewed afterwards by the privacy officer.
    EmergencyAccess,
    /// The coordinating unit's intake staff triage what comes in.
    IntakeTriage,
    /// An intake item was assigned to the actor (or a team they are in).
    AssignedToMe,
    /// An intake item was assigned to the actor's unit.
    AssignedToOwnUnit,
    /// The actor is the person's coordinator or child coordinator.
    Coordinator,
    /// The actor works in the coordinating unit.
    CoordinatingUnit,
    /// A leader sees aggregates that name no one: feedback outcomes and
    /// steering counts about groups of children in their scope.
    Statistics,
    /// A family member answers through a one-time link.
    OneTimeLink,
    /// A leader works with the annual cycle's tasks meant for them.
    AnnualCycle,
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
    /// A one-time link that is used, expired or unknown.
    LinkNotValid,
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
                Grant::DutyToReport => "duty_to_report",
                Grant::Reporter => "reporter",
                Grant::ChildWelfareReview => "child_welfare_review",
                Grant::EmergencyAccess => "emergency_access",
                Grant::IntakeTriage => "intake_triage",
                Grant::AssignedToMe => "assigned_to_me",
                Grant::AssignedToOwnUnit => "assigned_to_own_unit",
                Grant::Coordinator => "coordinator",
                Grant::CoordinatingUnit => "coordinating_unit",
                Grant::Statistics => "statistics",
                Grant::OneTimeLink => "one_time_link",
                Grant::AnnualCycle => "annual_cycle",
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
                Denial::LinkNotValid => "link_not_valid",
            },
        }
    }
}

impl Decision {
    /// The legal basis of an allowed access, as a stable code for the audit
    /// log; a denial has none. The grants of daily work rest on the service's
    /// own task towards the child it serves, sharing beyond it on consent,
    /// and the statutory paths carry their own basis.
    pub fn legal_basis(self) -> &'static str {
        match self {
            Decision::Deny(_) => "none",
            Decision::Allow(g) => match g {
                Grant::EnrolledInOwnUnit
                | Grant::RelatedToChildInOwnUnit
                | Grant::LeaderOfUnit
                | Grant::BatonHolder
                | Grant::BatonOffered
                | Grant::Author
                | Grant::Coordinator
                | Grant::CoordinatingUnit => "service_task",
                Grant::ConsentedToOwnUnit => "consent",
                Grant::Administration | Grant::Colleague => "register_maintenance",
                Grant::PrivacyReview => "accountability",
                Grant::System => "system",
                Grant::DutyToReport | Grant::Reporter => "duty_to_report",
                Grant::ChildWelfareReview => "child_welfare_review",
                Grant::EmergencyAccess => "emergency_access",
                // Help the family asked for, or a service's own request.
                Grant::IntakeTriage | Grant::AssignedToMe | Grant::AssignedToOwnUnit => {
                    "service_task"
                }
                Grant::Statistics => "statistics",
                // The family answers about themselves.
                Grant::OneTimeLink => "own_answer",
                Grant::AnnualCycle => "management",
            },
        }
    }
}

fn works_with_children(actor: &Actor) -> bool {
    actor.roles.has(Role::Staff) || actor.roles.has(Role::UnitLeader)
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
            emergency,
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
            } else if purpose == Purpose::Triage {
                // Intake staff look a person up to link an item to the right
                // child: one audited read, not the register to browse.
                if actor.roles.has(Role::Intake) && action == Action::Read && !*restricted {
                    Allow(Grant::IntakeTriage)
                } else {
                    Deny(Denial::RoleDoesNotAllow)
                }
            } else if *restricted && purpose != Purpose::Administration {
                // Kept in the register, but not used in daily work.
                Deny(Denial::Restricted)
            } else {
                match decide_person(actor, purpose, action, tenant, *kind, linked_units) {
                    Deny(Denial::NotLinkedToOwnUnit)
                        if *emergency && !action.is_write() && works_with_children(actor) =>
                    {
                        Allow(Grant::EmergencyAccess)
                    }
                    d => d,
                }
            }
        }
        Subject::Case(case) => decide_case(actor, purpose, action, case),
        Subject::Report(report) => decide_report(actor, purpose, action, report),
        Subject::Intake(item) => intake::decide_intake(actor, purpose, action, item),
        Subject::Plan(facts) => plan::decide_plan(actor, purpose, action, facts),
        Subject::Coordination(facts) => plan::decide_coordination(actor, purpose, action, facts),
        Subject::Feedback(facts) => feedback::decide_feedback(actor, purpose, action, facts),
        Subject::FeedbackAggregate { tenant, units } => {
            feedback::decide_aggregate(actor, action, tenant, units)
        }
        Subject::FeedbackLink { tenant, valid } => {
            feedback::decide_link(actor, action, tenant, *valid)
        }
        Subject::Statistics(stats) => statistics::decide_statistics(actor, purpose, action, stats),
        Subject::Cycle(facts) => cycle::decide_cycle(actor, purpose, action, facts),
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
    // Break-the-glass reads, never writes; it cannot lift a restriction.
    if case.emergency && !action.is_write() {
        return Allow(Grant::EmergencyAccess);
    }
    Deny(Denial::NotLinkedToOwnUnit)
}

/// Reports to child welfare: a statutory path. Anyone who works with
/// children and knows the child through their work may report without
/// consent, even when processing is restricted; child welfare reads and
/// reviews what it received; the reporter reads their own receipt.
fn decide_report(actor: &Actor, purpose: Purpose, action: Action, report: &Report<'_>) -> Decision {
    use Decision::{Allow, Deny};
    if report.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
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
    let in_child_welfare = actor.units.contains(report.receiving_unit);
    if action == Action::Create {
        let knows_child = report.knows_child
            || report.child_units.iter().any(|u| actor.units.contains(u))
            || in_child_welfare;
        return if knows_child {
            Allow(Grant::DutyToReport)
        } else {
            Deny(Denial::NotLinkedToOwnUnit)
        };
    }
    if in_child_welfare {
        Allow(Grant::ChildWelfareReview)
    } else if report.reporter == Some(&actor.staff) && !action.is_write() {
        Allow(Grant::Reporter)
    } else {
        Deny(Denial::NotLinkedToOwnUnit)
    }
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

mod fields;
mod intake;
pub use fields::sees_entry;
pub use intake::Intake;

pub mod cycle;
mod statistics;
pub use statistics::Statistics;
mod plan;
pub use plan::{PlanFacts, may_coordinate};
mod feedback;
pub use feedback::FeedbackFacts;
#[cfg(test)]
mod feedback_tests;

#[cfg(test)]
mod plan_tests;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod case_tests;

#[cfg(test)]
mod statutory_tests;

pub mod citizen;
#[cfg(test)]
mod citizen_tests;
