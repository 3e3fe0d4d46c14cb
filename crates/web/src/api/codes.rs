//! The API's own copies of the core code sets, so that the OpenAPI document
//! lists their values. Each maps both ways with exhaustive matches (a new core
//! value does not compile until it is added here) and serialises as the core's
//! stable code (checked by the tests below).

use ettlag_core::{PersonKind, RelationKind, Role, ServiceType};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whether a person is a child or an adult around a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = PersonKind)]
pub enum ApiPersonKind {
    Child,
    Adult,
}

impl From<ApiPersonKind> for PersonKind {
    fn from(k: ApiPersonKind) -> Self {
        match k {
            ApiPersonKind::Child => PersonKind::Child,
            ApiPersonKind::Adult => PersonKind::Adult,
        }
    }
}

impl From<PersonKind> for ApiPersonKind {
    fn from(k: PersonKind) -> Self {
        match k {
            PersonKind::Child => ApiPersonKind::Child,
            PersonKind::Adult => ApiPersonKind::Adult,
        }
    }
}

/// How an adult relates to a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RelationKind)]
pub enum ApiRelationKind {
    /// A parent or guardian with parental responsibility.
    Guardian,
    /// A parent without parental responsibility.
    ParentWithoutResponsibility,
    /// Another close person: a grandparent, a foster parent, a neighbour.
    ClosePerson,
}

impl From<ApiRelationKind> for RelationKind {
    fn from(k: ApiRelationKind) -> Self {
        match k {
            ApiRelationKind::Guardian => RelationKind::Guardian,
            ApiRelationKind::ParentWithoutResponsibility => {
                RelationKind::ParentWithoutResponsibility
            }
            ApiRelationKind::ClosePerson => RelationKind::ClosePerson,
        }
    }
}

impl From<RelationKind> for ApiRelationKind {
    fn from(k: RelationKind) -> Self {
        match k {
            RelationKind::Guardian => ApiRelationKind::Guardian,
            RelationKind::ParentWithoutResponsibility => {
                ApiRelationKind::ParentWithoutResponsibility
            }
            RelationKind::ClosePerson => ApiRelationKind::ClosePerson,
        }
    }
}

/// The kind of service a unit provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ServiceType)]
pub enum ApiServiceType {
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

impl From<ApiServiceType> for ServiceType {
    fn from(s: ApiServiceType) -> Self {
        match s {
            ApiServiceType::Kindergarten => ServiceType::Kindergarten,
            ApiServiceType::School => ServiceType::School,
            ApiServiceType::HealthStation => ServiceType::HealthStation,
            ApiServiceType::Ppt => ServiceType::Ppt,
            ApiServiceType::ChildWelfare => ServiceType::ChildWelfare,
            ApiServiceType::Nav => ServiceType::Nav,
            ApiServiceType::MentalHealth => ServiceType::MentalHealth,
            ApiServiceType::Bup => ServiceType::Bup,
            ApiServiceType::Gp => ServiceType::Gp,
            ApiServiceType::CoordinatingUnit => ServiceType::CoordinatingUnit,
            ApiServiceType::Leisure => ServiceType::Leisure,
        }
    }
}

impl From<ServiceType> for ApiServiceType {
    fn from(s: ServiceType) -> Self {
        match s {
            ServiceType::Kindergarten => ApiServiceType::Kindergarten,
            ServiceType::School => ApiServiceType::School,
            ServiceType::HealthStation => ApiServiceType::HealthStation,
            ServiceType::Ppt => ApiServiceType::Ppt,
            ServiceType::ChildWelfare => ApiServiceType::ChildWelfare,
            ServiceType::Nav => ApiServiceType::Nav,
            ServiceType::MentalHealth => ApiServiceType::MentalHealth,
            ServiceType::Bup => ApiServiceType::Bup,
            ServiceType::Gp => ApiServiceType::Gp,
            ServiceType::CoordinatingUnit => ApiServiceType::CoordinatingUnit,
            ServiceType::Leisure => ApiServiceType::Leisure,
        }
    }
}

/// What a staff member may do beyond their daily work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Role)]
pub enum ApiRole {
    Staff,
    UnitLeader,
    MunicipalityLeader,
    Intake,
    Admin,
    PrivacyOfficer,
}

impl From<Role> for ApiRole {
    fn from(r: Role) -> Self {
        match r {
            Role::Staff => ApiRole::Staff,
            Role::UnitLeader => ApiRole::UnitLeader,
            Role::MunicipalityLeader => ApiRole::MunicipalityLeader,
            Role::Intake => ApiRole::Intake,
            Role::Admin => ApiRole::Admin,
            Role::PrivacyOfficer => ApiRole::PrivacyOfficer,
        }
    }
}

#[cfg(test)]
mod tests {
    use ettlag_core::Coded;

    use super::*;

    fn code_of<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn api_codes_are_the_core_codes() {
        for &k in PersonKind::ALL {
            assert_eq!(code_of(ApiPersonKind::from(k)), k.code());
            assert_eq!(PersonKind::from(ApiPersonKind::from(k)), k);
        }
        for &k in RelationKind::ALL {
            assert_eq!(code_of(ApiRelationKind::from(k)), k.code());
            assert_eq!(RelationKind::from(ApiRelationKind::from(k)), k);
        }
        for &s in ServiceType::ALL {
            assert_eq!(code_of(ApiServiceType::from(s)), s.code());
            assert_eq!(ServiceType::from(ApiServiceType::from(s)), s);
        }
        for &r in Role::ALL {
            assert_eq!(code_of(ApiRole::from(r)), r.code());
        }
    }
}
