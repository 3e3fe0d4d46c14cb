//! The one door to personal data.
//!
//! Every read and write of personal data goes through an [`AccessContext`]: it
//! asks the core policy about each record, appends an audit record for each
//! decision, and waits until that record is durable before handing anything
//! out. Writes append their audit record in the same transaction as the write.
//! The query functions behind it are private to this module tree, and the web
//! crate does not depend on sqlx, so there is no other way in.

mod api_token_admin;
pub mod audit_view;
pub(crate) mod consent;
pub(crate) mod consultation;
pub(crate) mod context;
pub mod cycle;
mod desk;
pub mod emergency;
mod facts;
pub mod feedback;
pub mod gate;
mod import;
pub mod intake;
pub mod may;
pub mod meeting;
mod org;
mod persons;
pub mod plan;
pub mod portal;
mod register;
pub(crate) mod relay;
pub mod report;
pub(crate) mod restriction;
mod second_factor_reset;
mod sign_in_groups;

pub use context::{AccessContext, UNGUARDED};
pub(crate) use gate::WriteCtx;
pub(crate) use org::insert_staff;

pub(crate) use intake::deadline::intake_deadline;
