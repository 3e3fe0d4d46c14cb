//! Every revision of a plan is kept: each is a full snapshot of the plan's
//! content, with who made it, when and why. A snapshot rather than a list of
//! changes, so that any earlier version reads as it stood without replaying
//! anything, and a later revision can never alter what an earlier one said.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::ids::StaffId;
use crate::text::{MAX_TEXT, Text};

use super::content::{PlanContent, PlanError};

/// One kept revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// 1 for the plan as first made, then one more for each revision.
    pub number: u32,
    pub by: StaffId,
    /// Milliseconds since the epoch.
    pub at_ms: i64,
    pub reason: Text,
    pub content: PlanContent,
}

/// Why a revision was made, parsed from what was typed.
pub fn parse_reason(reason: &str) -> Result<Text, PlanError> {
    if reason.trim().is_empty() {
        return Err(PlanError::NoReason);
    }
    Ok(Text::parse(reason, MAX_TEXT)?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RevisionError {
    #[error("a revision must follow the last one")]
    OutOfOrder,
}

/// The revisions of one plan, oldest first. Only ever appended to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions(Vec<Revision>);

impl Revisions {
    pub fn new() -> Self {
        Revisions(Vec::new())
    }

    /// The number the next revision gets.
    pub fn next_number(&self) -> u32 {
        self.0.last().map_or(1, |r| r.number.saturating_add(1))
    }

    /// Appends a revision; it must carry the next number and not be dated
    /// before the last one, so that history reads in order.
    pub fn push(&mut self, revision: Revision) -> Result<(), RevisionError> {
        let in_order = revision.number == self.next_number()
            && self.0.last().is_none_or(|r| r.at_ms <= revision.at_ms);
        if !in_order {
            return Err(RevisionError::OutOfOrder);
        }
        self.0.push(revision);
        Ok(())
    }

    /// The plan as it stands now.
    pub fn current(&self) -> Option<&Revision> {
        self.0.last()
    }

    /// Every revision, oldest first.
    pub fn all(&self) -> &[Revision] {
        &self.0
    }

    /// Whether the plan is due for revision on `today`.
    pub fn revision_due(&self, today: Day) -> bool {
        self.current()
            .is_some_and(|r| r.content.next_revision <= today)
    }
}
