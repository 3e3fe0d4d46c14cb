//! How the API refers to a staff member, a unit or a child: by id and name.
//! Every part of the API that names one answers with these.

use serde::Serialize;
use utoipa::ToSchema;

/// A staff member, by id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffRef {
    pub id: String,
    pub name: String,
}

impl From<ettlag_db::StaffRef> for StaffRef {
    fn from(s: ettlag_db::StaffRef) -> Self {
        StaffRef {
            id: s.id.into_string(),
            name: s.name,
        }
    }
}

/// A unit, by id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
}

impl From<ettlag_db::UnitRef> for UnitRef {
    fn from(u: ettlag_db::UnitRef) -> Self {
        UnitRef {
            id: u.id.into_string(),
            name: u.name,
        }
    }
}

/// The child a case is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildRef {
    pub id: String,
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`, when known.
    pub birth_date: Option<String>,
}

impl From<ettlag_db::ChildRef> for ChildRef {
    fn from(c: ettlag_db::ChildRef) -> Self {
        ChildRef {
            id: c.id.into_string(),
            given_name: c.given_name,
            family_name: c.family_name,
            birth_date: c.birth_date,
        }
    }
}
