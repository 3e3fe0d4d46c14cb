//! Field groups inside a case. Access to a relay log is decided for the
//! whole log; inside it, an entry kept in a sensitive category (health or
//! school information) is shown only to those the family's consent lets
//! receive that category. The child's own units and the baton holder are
//! receivers like any other: health information written by the health
//! station reaches the kindergarten only when the family has said so.

use crate::consent::Category;
use crate::ids::{StaffId, UnitId};

use super::{Actor, Decision, Grant};

/// Whether the actor, whose access to the case was `decision`, sees an entry
/// of `category` written by `written_by` from `written_from`.
/// `consented_units` are the units the consents in force let receive the
/// category.
pub fn sees_entry(
    actor: &Actor,
    decision: Decision,
    category: Category,
    written_by: &StaffId,
    written_from: Option<&UnitId>,
    consented_units: &[UnitId],
) -> bool {
    match decision {
        Decision::Deny(_) => false,
        // What everyone in the log shares.
        Decision::Allow(_) if category == Category::RelayLog => true,
        // An emergency needs the whole picture; the privacy officer reviews
        // every use afterwards.
        Decision::Allow(Grant::EmergencyAccess) => true,
        Decision::Allow(_) => {
            written_by == &actor.staff
                || written_from.is_some_and(|u| actor.units.contains(u))
                || consented_units.iter().any(|u| actor.units.contains(u))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::TenantId;
    use crate::org::{Role, RoleSet};
    use crate::policy::Denial;

    fn actor(who: &str, units: &[&str]) -> Actor {
        Actor {
            tenant: TenantId::from_trusted("t1".into()),
            staff: StaffId::from_trusted(who.into()),
            roles: RoleSet::new(vec![Role::Staff]),
            units: units
                .iter()
                .map(|u| UnitId::from_trusted((*u).into()))
                .collect(),
        }
    }

    #[test]
    fn health_entries_reach_only_the_units_the_consent_names() {
        let nurse = StaffId::from_trusted("nurse".into());
        let health_station = UnitId::from_trusted("hs".into());
        let kindergarten_allowed = [UnitId::from_trusted("kg".into())];
        let holder = actor("kari", &["kg"]);
        let teacher = actor("ola", &["school"]);
        let colleague = actor("sina", &["hs"]);
        let by_enrolment = Decision::Allow(Grant::EnrolledInOwnUnit);
        let by_consent = Decision::Allow(Grant::ConsentedToOwnUnit);
        let sees = |a: &Actor, d, c, consented: &[UnitId]| {
            sees_entry(a, d, c, &nurse, Some(&health_station), consented)
        };
        // The relay log category is shared with everyone who sees the log.
        assert!(sees(&teacher, by_consent, Category::RelayLog, &[]));
        // Health: the consent names the kindergarten, not the school.
        assert!(sees(
            &holder,
            by_enrolment,
            Category::Health,
            &kindergarten_allowed
        ));
        assert!(!sees(
            &teacher,
            by_consent,
            Category::Health,
            &kindergarten_allowed
        ));
        assert!(!sees(
            &holder,
            Decision::Allow(Grant::BatonHolder),
            Category::Health,
            &[]
        ));
        // The writer and the unit it was written from always see it.
        assert!(sees(&colleague, by_consent, Category::Health, &[]));
        let author = actor("nurse", &["elsewhere"]);
        assert!(sees(&author, by_consent, Category::Health, &[]));
        // Break-the-glass sees everything; a denial sees nothing.
        assert!(sees(
            &teacher,
            Decision::Allow(Grant::EmergencyAccess),
            Category::Health,
            &[]
        ));
        assert!(!sees(
            &colleague,
            Decision::Deny(Denial::Restricted),
            Category::RelayLog,
            &[]
        ));
    }
}
