//! The organisation: service types of units, staff roles, and how persons relate
//! to a child. Each enum has a stable code (stored in the database and used in
//! CSV files and the API) and a Fluent message key for its display name.

use serde::{Deserialize, Serialize};

/// A closed set of values with a stable text code (stored in the database, used
/// in CSV files and the API) and a Fluent message id for its display name.
pub trait Coded: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The prefix of the message ids of this set's values.
    const MESSAGE_PREFIX: &'static str;

    /// The stable code of this value.
    fn code(self) -> &'static str;

    /// Parses a stable code; `None` for anything else.
    fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// The Fluent message id of this value's display name.
    fn message_key(self) -> String {
        format!("{}-{}", Self::MESSAGE_PREFIX, self.code().replace('_', "-"))
    }
}

/// The kind of service a unit provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceType {
    Kindergarten,
    School,
    /// Health station and school health service.
    HealthStation,
    /// Educational-psychological service (PPT).
    Ppt,
    ChildWelfare,
    Nav,
    /// Mental health and substance abuse services.
    MentalHealth,
    /// Child and adolescent psychiatry (BUP).
    Bup,
    /// General practitioner.
    Gp,
    /// The coordinating unit (koordinerende enhet).
    CoordinatingUnit,
    Leisure,
}

impl Coded for ServiceType {
    const ALL: &'static [Self] = &[
        Self::Kindergarten,
        Self::School,
        Self::HealthStation,
        Self::Ppt,
        Self::ChildWelfare,
        Self::Nav,
        Self::MentalHealth,
        Self::Bup,
        Self::Gp,
        Self::CoordinatingUnit,
        Self::Leisure,
    ];
    const MESSAGE_PREFIX: &'static str = "service";

    fn code(self) -> &'static str {
        match self {
            Self::Kindergarten => "kindergarten",
            Self::School => "school",
            Self::HealthStation => "health_station",
            Self::Ppt => "ppt",
            Self::ChildWelfare => "child_welfare",
            Self::Nav => "nav",
            Self::MentalHealth => "mental_health",
            Self::Bup => "bup",
            Self::Gp => "gp",
            Self::CoordinatingUnit => "coordinating_unit",
            Self::Leisure => "leisure",
        }
    }
}

/// What a staff member may do beyond their daily work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Staff,
    UnitLeader,
    MunicipalityLeader,
    Intake,
    Admin,
    PrivacyOfficer,
}

impl Coded for Role {
    const ALL: &'static [Self] = &[
        Self::Staff,
        Self::UnitLeader,
        Self::MunicipalityLeader,
        Self::Intake,
        Self::Admin,
        Self::PrivacyOfficer,
    ];
    const MESSAGE_PREFIX: &'static str = "role";

    fn code(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::UnitLeader => "unit_leader",
            Self::MunicipalityLeader => "municipality_leader",
            Self::Intake => "intake",
            Self::Admin => "admin",
            Self::PrivacyOfficer => "privacy_officer",
        }
    }
}

/// How a person relates to a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A parent or guardian with parental responsibility (foreldreansvar).
    Guardian,
    /// A parent without parental responsibility.
    ParentWithoutResponsibility,
    /// Another close person: a grandparent, a foster parent, a neighbour.
    ClosePerson,
}

impl Coded for RelationKind {
    const ALL: &'static [Self] = &[
        Self::Guardian,
        Self::ParentWithoutResponsibility,
        Self::ClosePerson,
    ];
    const MESSAGE_PREFIX: &'static str = "relation";

    fn code(self) -> &'static str {
        match self {
            Self::Guardian => "guardian",
            Self::ParentWithoutResponsibility => "parent_without_responsibility",
            Self::ClosePerson => "close_person",
        }
    }
}

/// Whether a person is registered as a child (the one the work is around) or as
/// an adult around a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    Child,
    Adult,
}

impl Coded for PersonKind {
    const ALL: &'static [Self] = &[Self::Child, Self::Adult];
    const MESSAGE_PREFIX: &'static str = "person-kind";

    fn code(self) -> &'static str {
        match self {
            Self::Child => "child",
            Self::Adult => "adult",
        }
    }
}

/// A set of roles held by one staff member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleSet(Vec<Role>);

impl RoleSet {
    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        RoleSet(roles)
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether the roles meet children and follow them up (staff or unit
    /// leader), as opposed to administering, reviewing or steering.
    pub fn works_with_children(&self) -> bool {
        self.has(Role::Staff) || self.has(Role::UnitLeader)
    }

    /// Whether any of the roles reads personal data about children and
    /// families: every role but the municipality leader's, who sees only
    /// figures. A municipality may require a second factor of these.
    pub fn reads_personal_data(&self) -> bool {
        self.0.iter().any(|r| *r != Role::MunicipalityLeader)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// The codes joined by commas, as stored and shown in CSV.
    pub fn codes(&self) -> String {
        self.0
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Parses a comma- or semicolon-separated list of role codes.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut roles = Vec::new();
        for part in list
            .split([',', ';', '|'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            roles.push(Role::from_code(part).ok_or_else(|| part.to_string())?);
        }
        if roles.is_empty() {
            roles.push(Role::Staff);
        }
        Ok(RoleSet::new(roles))
    }

    /// The most significant role, recorded in the audit log as the role the
    /// actor acted in.
    pub fn primary(&self) -> Role {
        self.0.last().copied().unwrap_or(Role::Staff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_but_the_municipality_leader_reads_personal_data() {
        for role in Role::ALL {
            let reads = RoleSet::new(vec![*role]).reads_personal_data();
            assert_eq!(reads, *role != Role::MunicipalityLeader, "{role:?}");
        }
        let both = RoleSet::new(vec![Role::MunicipalityLeader, Role::UnitLeader]);
        assert!(both.reads_personal_data());
    }

    #[test]
    fn codes_round_trip() {
        for s in ServiceType::ALL {
            assert_eq!(ServiceType::from_code(s.code()), Some(*s));
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r));
        }
        assert_eq!(
            ServiceType::HealthStation.message_key(),
            "service-health-station"
        );
        assert_eq!(ServiceType::from_code("hospital"), None);
    }

    #[test]
    fn role_lists_parse() {
        let set = RoleSet::parse("admin, unit_leader").expect("valid");
        assert!(set.has(Role::Admin) && set.has(Role::UnitLeader) && !set.has(Role::Staff));
        assert_eq!(
            RoleSet::parse("").expect("empty"),
            RoleSet::new(vec![Role::Staff])
        );
        assert_eq!(RoleSet::parse("staff,boss"), Err("boss".to_string()));
    }
}
