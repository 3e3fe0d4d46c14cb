//! ettlag's domain: types and rules with no I/O. Everything here is pure so that
//! it can be tested exhaustively and reused by every layer above.
#![forbid(unsafe_code)]

pub mod anonymous;
pub mod audit;
pub mod consent;
pub mod csv_cell;
pub mod cycle;
pub mod day;
pub mod feedback;
pub mod ids;
pub mod import;
pub mod intake;
pub mod meeting;
pub mod nin;
pub mod oidc;
pub mod org;
pub mod plan;
pub mod policy;
pub mod portal;
pub mod readability;
pub mod relay;
pub mod report;
pub mod second_factor;
pub mod steering;
pub mod text;

pub use day::Day;
pub use ids::{PersonId, StaffId, TenantId, UnitId};
pub use nin::{NationalId, NinError};
pub use org::{Coded, PersonKind, RelationKind, Role, RoleSet, ServiceType};
pub use text::{Text, TextError};
