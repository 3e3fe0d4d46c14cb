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
    /// Raising a concern about a child (see [`NewConcern`]).
    NewConcern(NewConcern<'a>),
    /// A child's consent ledger (see `policy::ledger`).
    ConsentLedger(ledger::Ledger<'a>),
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
///
/// A case belongs to the unit where it was raised (its home unit) and that
/// unit's service: the home unit works on it under its own task. Every other
/// unit — one where the child is also enrolled, or another unit of the same
/// kind of service — is a receiver, and receives only while a consent in
/// force names it and the family has not refused it (DESIGN §4, "whose log
/// it is"). Enrolment is deliberately not a fact here: it lets a unit see
/// the child in the register, not another service's follow-up.
#[derive(Debug, Clone)]
pub struct Case<'a> {
    pub tenant: &'a TenantId,
    /// The unit where the concern or the relay log was raised.
    pub home_unit: &'a UnitId,
    /// Units a consent in force lets receive the case's category.
    pub consented_units: &'a [UnitId],
    /// Units the family has said no to: a refusal beats every consent and
    /// every relation but the statutory paths.
    pub refused_units: &'a [UnitId],
    /// The baton holder of a relay log, and the unit they hold it for.
    pub holder: Option<(&'a StaffId, &'a UnitId)>,
    /// The one a waiting baton offer is made to, and the unit it is for.
    pub offered_to: Option<(&'a StaffId, &'a UnitId)>,
    /// Who raised the concern.
    pub author: Option<&'a StaffId>,
    /// Processing of the child's data is restricted (GDPR art. 18).
    pub restricted: bool,
    /// The actor holds an unexpired break-the-glass access to the child.
    pub emergency: bool,
}

impl Case<'_> {
    /// Whether `unit` may receive the case now: its home unit always; any
    /// other unit while a consent in force names it and no refusal does.
    pub fn receives(&self, unit: &UnitId) -> bool {
        unit == self.home_unit
            || (self.consented_units.contains(unit) && !self.refused_units.contains(unit))
    }
}

/// The facts the policy needs to let someone raise a new concern: staff
/// note a concern about a child of their own unit, which becomes its home.
#[derive(Debug, Clone)]
pub struct NewConcern<'a> {
    pub tenant: &'a TenantId,
    /// The units where the child is enrolled now.
    pub child_units: &'a [UnitId],
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
    /// The case was raised in the actor's unit: its own service task.
    HomeUnit,
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
    /// The family has said no to the actor's unit or its kind of service.
    RefusedByFamily,
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
                Grant::HomeUnit => "home_unit",
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
                Denial::RefusedByFamily => "refused_by_family",
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
                | Grant::CoordinatingUnit
                | Grant::HomeUnit => "service_task",
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
                        if *emergency
                            && !action.is_write()
                            && actor.roles.works_with_children() =>
                    {
                        Allow(Grant::EmergencyAccess)
                    }
                    d => d,
                }
            }
        }
        Subject::Case(case) => decide_case(actor, purpose, action, case),
        Subject::NewConcern(new) => decide_new_concern(actor, purpose, action, new),
        Subject::ConsentLedger(l) => ledger::decide_ledger(actor, purpose, action, l),
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
            if *tenant != &actor.tenant {
                Deny(Denial::OtherMunicipality)
            } else if purpose != Purpose::FollowUp {
                Deny(Denial::WrongPurpose)
            } else if actor.roles.works_with_children() {
                Allow(Grant::Colleague)
            } else {
                Deny(Denial::RoleDoesNotAllow)
            }
        }
    }
}

/// Concerns and relay logs. Staff of the home unit read and write them
/// under their own task; a unit the family's consent names (and has not
/// refused) reads and writes while the consent is in force. The holder and
/// the one a baton is offered to act only while their unit may receive the
/// case: when the consent that let it in ends, they lose it on their next
/// request. A baton is offered only to a unit that receives the case, so the
/// one offered reads and answers under that unit's grant.
fn decide_case(actor: &Actor, purpose: Purpose, action: Action, case: &Case<'_>) -> Decision {
    use Decision::{Allow, Deny};
    if let Some(denial) = case_denial(actor, purpose, case) {
        return Deny(denial);
    }
    // The baton is held for a unit: one acts on it while one works there and
    // that unit may still receive the case.
    let holds = case
        .holder
        .is_some_and(|(s, u)| s == &actor.staff && actor.units.contains(u) && case.receives(u));
    if holds {
        return Allow(Grant::BatonHolder);
    }
    if case.author == Some(&actor.staff) && actor.units.contains(case.home_unit) {
        return Allow(Grant::Author);
    }
    if let Some(grant) = unit_grant(actor, case) {
        return Allow(grant);
    }
    // Break-the-glass reads, never writes; it cannot lift a restriction.
    if case.emergency && !action.is_write() {
        return Allow(Grant::EmergencyAccess);
    }
    Deny(case_refusal(actor, case))
}

/// What stops every access to a case, whoever asks.
fn case_denial(actor: &Actor, purpose: Purpose, case: &Case<'_>) -> Option<Denial> {
    if case.tenant != &actor.tenant {
        return Some(Denial::OtherMunicipality);
    }
    if case.restricted {
        return Some(Denial::Restricted);
    }
    if purpose != Purpose::FollowUp {
        return Some(Denial::WrongPurpose);
    }
    if !actor.roles.works_with_children() {
        return Some(if actor.roles.has(Role::MunicipalityLeader) {
            Denial::AggregatesOnly
        } else {
            Denial::RoleDoesNotAllow
        });
    }
    None
}

/// Why someone with no way in is denied: the family's no when it names one
/// of their units, otherwise no link at all.
fn refused_or_unlinked(actor: &Actor, refused: &[UnitId]) -> Denial {
    if refused.iter().any(|u| actor.units.contains(u)) {
        Denial::RefusedByFamily
    } else {
        Denial::NotLinkedToOwnUnit
    }
}

/// Why a staff member without a grant is refused, as precisely as the
/// access log needs it: a refusal by the family, a consent that no longer
/// covers the unit they held or were offered the baton for, or no relation.
fn case_refusal(actor: &Actor, case: &Case<'_>) -> Denial {
    let mine = |u: &UnitId| actor.units.contains(u);
    if case.refused_units.iter().any(mine) {
        return Denial::RefusedByFamily;
    }
    let lost = |who: Option<(&StaffId, &UnitId)>| who.is_some_and(|(s, _)| s == &actor.staff);
    if lost(case.holder) || lost(case.offered_to) {
        return Denial::NotCoveredByConsent;
    }
    Denial::NotLinkedToOwnUnit
}

/// Raising a concern: staff (and leaders) of a unit where the child is
/// enrolled note what they see; that unit becomes the concern's home.
fn decide_new_concern(
    actor: &Actor,
    purpose: Purpose,
    action: Action,
    new: &NewConcern<'_>,
) -> Decision {
    use Decision::{Allow, Deny};
    if new.tenant != &actor.tenant {
        return Deny(Denial::OtherMunicipality);
    }
    if new.restricted {
        return Deny(Denial::Restricted);
    }
    if purpose != Purpose::FollowUp {
        return Deny(Denial::WrongPurpose);
    }
    if action != Action::Create || !actor.roles.works_with_children() {
        return Deny(Denial::RoleDoesNotAllow);
    }
    if new.child_units.iter().any(|u| actor.units.contains(u)) {
        Allow(Grant::EnrolledInOwnUnit)
    } else {
        Deny(Denial::NotLinkedToOwnUnit)
    }
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
    let works_with_children = actor.roles.works_with_children();
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

/// What the actor's units give: the home unit first, then consent. A unit
/// the family refused gets nothing from a consent that also names it.
fn unit_grant(actor: &Actor, case: &Case<'_>) -> Option<Grant> {
    if actor.units.contains(case.home_unit) {
        return Some(if actor.roles.has(Role::UnitLeader) {
            Grant::LeaderOfUnit
        } else {
            Grant::HomeUnit
        });
    }
    let consented = |u: &UnitId| actor.units.contains(u) && case.receives(u);
    case.consented_units
        .iter()
        .any(consented)
        .then_some(Grant::ConsentedToOwnUnit)
}

/// Whether a unit may receive a child's case: take the baton, be offered
/// it, be responsible for a measure or take part as a service. Only the
/// home unit and the units the family's consent covers (and that it has
/// not refused) may; the actor's own relation to the case does not count.
pub fn may_receive(tenant: &TenantId, unit: &UnitId, case: &Case<'_>) -> Decision {
    if case.tenant != tenant {
        Decision::Deny(Denial::OtherMunicipality)
    } else if unit == case.home_unit {
        Decision::Allow(Grant::HomeUnit)
    } else if case.refused_units.contains(unit) {
        Decision::Deny(Denial::RefusedByFamily)
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
    let works_with_children = actor.roles.works_with_children();
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
mod ledger;
pub use fields::sees_entry;
pub use intake::{Intake, may_join_team};
pub use ledger::Ledger;

pub mod cycle;
mod statistics;
pub use statistics::Statistics;
mod offers;
pub use offers::Offers;
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
