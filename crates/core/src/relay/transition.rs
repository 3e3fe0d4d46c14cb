//! Transitions between services (kindergarten → school, school → upper
//! secondary): a handover of the baton with a checklist of what goes with the
//! child, so that nothing the child needs is left behind in the old service.

use serde::{Deserialize, Serialize};

use crate::org::Coded;
use crate::text::{MAX_TEXT, Text};

/// One thing to see to before a child moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistItem {
    /// The family knows about the handover and agrees to what is passed on.
    FamilyAgreed,
    /// The child has been heard about the move, in a way that fits the age.
    ChildHeard,
    /// A transition meeting between the old and the new service.
    TransitionMeeting,
    /// Goals and measures are reviewed: what goes on, what ends.
    MeasuresReviewed,
    /// What works for the child is written down for the new service.
    WhatWorksShared,
    /// Aids, adaptations and special needs are ready in the new service.
    AdaptationsReady,
}

impl Coded for ChecklistItem {
    const ALL: &'static [Self] = &[
        Self::FamilyAgreed,
        Self::ChildHeard,
        Self::TransitionMeeting,
        Self::MeasuresReviewed,
        Self::WhatWorksShared,
        Self::AdaptationsReady,
    ];
    const MESSAGE_PREFIX: &'static str = "checklist";

    fn code(self) -> &'static str {
        match self {
            Self::FamilyAgreed => "family_agreed",
            Self::ChildHeard => "child_heard",
            Self::TransitionMeeting => "transition_meeting",
            Self::MeasuresReviewed => "measures_reviewed",
            Self::WhatWorksShared => "what_works_shared",
            Self::AdaptationsReady => "adaptations_ready",
        }
    }
}

/// The checklist of a transition: which items are done, and a note on what
/// goes with the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub done: Vec<ChecklistItem>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("unknown checklist item")]
    UnknownItem,
    #[error("the note is too long or holds control characters")]
    BadNote,
}

impl TransitionError {
    pub fn message_key(self) -> &'static str {
        match self {
            TransitionError::UnknownItem => "transition-error-item",
            TransitionError::BadNote => "transition-error-note",
        }
    }
}

impl Transition {
    /// Parses checked item codes and an optional note.
    pub fn parse(done: &[String], note: &str) -> Result<Transition, TransitionError> {
        let mut items = Vec::new();
        for code in done.iter().filter(|c| !c.trim().is_empty()) {
            let item = ChecklistItem::from_code(code).ok_or(TransitionError::UnknownItem)?;
            if !items.contains(&item) {
                items.push(item);
            }
        }
        items.sort();
        let note = if note.trim().is_empty() {
            None
        } else {
            Some(Text::parse(note, MAX_TEXT).map_err(|_| TransitionError::BadNote)?)
        };
        Ok(Transition { done: items, note })
    }

    /// Items not yet done, in checklist order: shown to both holders.
    pub fn missing(&self) -> Vec<ChecklistItem> {
        ChecklistItem::ALL
            .iter()
            .copied()
            .filter(|i| !self.done.contains(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checklist_codes_parse_and_missing_items_are_listed() {
        let t = Transition::parse(
            &["child_heard".into(), "family_agreed".into(), "".into()],
            "  Trenger fast plass i klasserommet ",
        )
        .expect("valid");
        assert_eq!(
            t.done,
            vec![ChecklistItem::FamilyAgreed, ChecklistItem::ChildHeard]
        );
        assert_eq!(t.missing().len(), ChecklistItem::ALL.len() - 2);
        assert_eq!(
            t.note.as_ref().map(Text::as_str),
            Some("Trenger fast plass i klasserommet")
        );
        assert_eq!(
            Transition::parse(&["bribe".into()], ""),
            Err(TransitionError::UnknownItem)
        );
    }
}
