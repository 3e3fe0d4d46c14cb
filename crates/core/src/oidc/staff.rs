//! Staff single sign-on: which roles and units the provider's groups give,
//! and whether a sign-in used a second factor. The mapping from groups is
//! the administrator's; a sign-in whose groups match none of it keeps the
//! roles the administrator set by hand.

use crate::ids::UnitId;
use crate::org::{Role, RoleSet};

/// One line of the mapping: members of `group` get `role`, in `unit` when
/// one is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRole {
    pub group: String,
    pub role: Role,
    pub unit: Option<UnitId>,
}

/// The roles and units a sign-in's groups give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromGroups {
    pub roles: RoleSet,
    pub units: Vec<UnitId>,
}

/// The roles and units of someone in `groups`; none when no line of the
/// mapping names one of their groups.
pub fn roles_from_groups(groups: &[String], mapping: &[GroupRole]) -> Option<FromGroups> {
    let lines: Vec<&GroupRole> = mapping
        .iter()
        .filter(|line| groups.iter().any(|g| g == &line.group))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let roles = RoleSet::new(lines.iter().map(|line| line.role).collect());
    let mut units: Vec<UnitId> = lines.iter().filter_map(|line| line.unit.clone()).collect();
    units.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    units.dedup();
    Some(FromGroups { roles, units })
}

/// The authentication methods (RFC 8176) that are a second factor, or say
/// that more than one factor was used.
const SECOND_FACTOR: [&str; 11] = [
    "mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "sc", "pop",
];

/// Whether a sign-in's `amr` shows a second factor. Entra ID, Ansattporten
/// and most providers say `mfa`; some name the factor itself.
pub fn has_second_factor(amr: Option<&[String]>) -> bool {
    amr.is_some_and(|methods| {
        methods
            .iter()
            .any(|m| SECOND_FACTOR.contains(&m.to_ascii_lowercase().as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str) -> Option<UnitId> {
        UnitId::parse(id)
    }

    fn mapping() -> Vec<GroupRole> {
        vec![
            GroupRole {
                group: "g-school".into(),
                role: Role::Staff,
                unit: unit("school-1"),
            },
            GroupRole {
                group: "g-leaders".into(),
                role: Role::UnitLeader,
                unit: unit("school-1"),
            },
            GroupRole {
                group: "g-admins".into(),
                role: Role::Admin,
                unit: None,
            },
        ]
    }

    #[test]
    fn the_groups_give_every_role_and_unit_their_lines_name() {
        let groups = vec!["g-school".to_string(), "g-leaders".into(), "other".into()];
        let given = roles_from_groups(&groups, &mapping()).expect("mapped");
        assert!(given.roles.has(Role::Staff) && given.roles.has(Role::UnitLeader));
        assert!(!given.roles.has(Role::Admin));
        assert_eq!(given.units, vec![UnitId::parse("school-1").expect("id")]);
    }

    #[test]
    fn groups_no_line_names_leave_the_roles_as_they_are() {
        assert_eq!(roles_from_groups(&["other".into()], &mapping()), None);
        assert_eq!(roles_from_groups(&[], &mapping()), None);
    }

    #[test]
    fn only_a_method_beyond_the_password_is_a_second_factor() {
        let amr = |m: &[&str]| m.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(has_second_factor(Some(&amr(&["pwd", "mfa"]))));
        assert!(has_second_factor(Some(&amr(&["OTP"]))));
        assert!(!has_second_factor(Some(&amr(&["pwd"]))));
        assert!(!has_second_factor(Some(&[])));
        assert!(!has_second_factor(None));
    }
}
