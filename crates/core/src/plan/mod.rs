//! The individual plan (individuell plan): one per person across all
//! services, with the nine content points, every revision kept, and the
//! coordinator and child coordinator the coordinating unit assigns.
//!
//! Pure rules for the store and the pages to call; the access rules are in
//! `policy::plan`.

pub mod content;
pub mod coordinator;
pub mod revision;

#[cfg(test)]
mod tests;

pub use content::{
    Contribution, ContributionDraft, Contributor, Goal, GoalDraft, Measure, MeasureDraft,
    MeasureOrigin, Period, PlanContent, PlanDraft, PlanError,
};
pub use coordinator::{CoordinatorKind, Due};
pub use revision::{Revision, RevisionError, Revisions, parse_reason};
