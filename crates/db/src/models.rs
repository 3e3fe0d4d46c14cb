//! What the store hands out. Plain data: rendering belongs to the web layer.

use ettlag_core::{
    NationalId, PersonId, PersonKind, RelationKind, RoleSet, ServiceType, StaffId, TenantId, UnitId,
};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub service_type: ServiceType,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaffMember {
    pub id: StaffId,
    pub display_name: String,
    pub username: Option<String>,
    #[serde(serialize_with = "ser_roles")]
    pub roles: RoleSet,
    pub units: Vec<UnitId>,
    pub active: bool,
}

fn ser_roles<S: serde::Serializer>(roles: &RoleSet, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(None)?;
    for r in roles.iter() {
        seq.serialize_element(&r)?;
    }
    seq.end()
}

/// A child as a line in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ChildSummary {
    pub id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    /// Names of the units (of the actor's) where the child is enrolled.
    pub units: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub kind: PersonKind,
    pub national_id: Option<NationalId>,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub version: i64,
    /// Processing is restricted (GDPR art. 18): kept, not used.
    pub restricted: bool,
}

/// Someone related to a person, seen from that person.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    pub person_id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub kind: RelationKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct Enrolment {
    pub unit_id: UnitId,
    pub unit_name: String,
    pub from_date: String,
    pub to_date: Option<String>,
}

/// A person with the people and units around them, as far as the actor may see.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDetail {
    pub person: Person,
    /// For a child: the adults around it. For an adult: the children.
    pub relations: Vec<Relation>,
    pub enrolments: Vec<Enrolment>,
}

/// A new person for the register.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub kind: PersonKind,
    pub national_id: Option<NationalId>,
    pub given_name: String,
    pub family_name: String,
}

#[derive(Debug, Clone)]
pub struct NewStaff {
    pub username: String,
    pub display_name: String,
    pub roles: RoleSet,
    pub units: Vec<UnitId>,
    /// An Argon2id PHC string, or `None` for an account that signs in elsewhere.
    pub password_hash: Option<String>,
}
