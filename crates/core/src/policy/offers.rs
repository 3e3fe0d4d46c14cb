//! What the screens may offer a signed-in staff member: menus, pages and
//! buttons that do not depend on one person. Each answer is a question to
//! [`decide`] with the subject the offered page acts on, so that what the
//! web shows follows the policy rather than a copy of its role rules.

use super::{Action, Actor, Intake, Purpose, Statistics, Subject, cycle, decide};

/// What a staff member's screens may offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Offers {
    /// The register: units, staff, persons, settings.
    pub administer: bool,
    /// The access log and the privacy requests.
    pub review_access_log: bool,
    /// Daily work with children: the desk of logs and concerns, anonymous
    /// consultations, break-the-glass.
    pub follow_up: bool,
    /// Triage of the coordinating unit's intake queue.
    pub triage: bool,
    /// Steering figures for the whole municipality.
    pub steer_municipality: bool,
    /// Steering figures for the units one leads.
    pub steer_own_units: bool,
    /// The annual cycle: seeing it and marking one's occurrences.
    pub annual_cycle: bool,
    /// Keeping the leaders' list of cycle tasks.
    pub keep_cycle_tasks: bool,
}

impl Offers {
    pub fn of(actor: &Actor) -> Offers {
        let tenant = &actor.tenant;
        let may = |purpose, action, subject: Subject<'_>| {
            decide(actor, purpose, action, &subject).is_allowed()
        };
        let cycle_facts = |part, units| {
            Subject::Cycle(cycle::CycleFacts {
                tenant,
                part,
                units,
            })
        };
        let own_units = actor.units.as_slice();
        Offers {
            administer: may(
                Purpose::Administration,
                Action::Update,
                Subject::Organisation { tenant },
            ),
            review_access_log: may(
                Purpose::PrivacyReview,
                Action::Read,
                Subject::AuditLog { tenant },
            ),
            follow_up: may(
                Purpose::FollowUp,
                Action::Create,
                Subject::Consultation { tenant },
            ),
            // An item assigned to no one: only triage may take it.
            triage: may(
                Purpose::Triage,
                Action::Update,
                Subject::Intake(Intake {
                    tenant,
                    assigned_units: &[],
                    assigned_staff: &[],
                    requested_by: None,
                }),
            ),
            steer_municipality: may(
                Purpose::Steering,
                Action::Read,
                Subject::Statistics(Statistics { tenant, units: &[] }),
            ),
            steer_own_units: may(
                Purpose::Steering,
                Action::Read,
                Subject::Statistics(Statistics {
                    tenant,
                    units: own_units,
                }),
            ),
            annual_cycle: may(
                Purpose::Steering,
                Action::Update,
                cycle_facts(cycle::CyclePart::Occurrence, own_units),
            ),
            keep_cycle_tasks: may(
                Purpose::Steering,
                Action::Create,
                cycle_facts(cycle::CyclePart::Task, &[]),
            ),
        }
    }

    /// Any steering figures at all.
    pub fn steer(&self) -> bool {
        self.steer_municipality || self.steer_own_units
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{StaffId, TenantId, UnitId};
    use crate::org::{Role, RoleSet};

    fn actor(roles: &[Role], units: &[&str]) -> Actor {
        Actor {
            tenant: TenantId::from_trusted("t".into()),
            staff: StaffId::from_trusted("s".into()),
            roles: RoleSet::new(roles.to_vec()),
            units: units
                .iter()
                .map(|u| UnitId::from_trusted(u.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_teacher_is_offered_follow_up_work_and_nothing_else() {
        let o = Offers::of(&actor(&[Role::Staff], &["school"]));
        assert_eq!(
            o,
            Offers {
                follow_up: true,
                ..Offers::default()
            }
        );
    }

    #[test]
    fn each_office_is_offered_its_own_pages() {
        assert!(Offers::of(&actor(&[Role::Admin], &[])).administer);
        assert!(Offers::of(&actor(&[Role::PrivacyOfficer], &[])).review_access_log);
        assert!(Offers::of(&actor(&[Role::Intake, Role::Staff], &["k"])).triage);
        let head = Offers::of(&actor(&[Role::UnitLeader], &["school"]));
        assert!(head.steer_own_units && !head.steer_municipality && head.annual_cycle);
        assert!(
            !head.keep_cycle_tasks,
            "unit leaders mark, not keep, the tasks"
        );
        let chief = Offers::of(&actor(&[Role::MunicipalityLeader], &[]));
        assert!(chief.steer_municipality && chief.keep_cycle_tasks && !chief.follow_up);
    }

    #[test]
    fn a_unit_leader_without_a_unit_leads_no_figures() {
        let o = Offers::of(&actor(&[Role::UnitLeader], &[]));
        assert!(!o.steer() && !o.annual_cycle);
    }
}
