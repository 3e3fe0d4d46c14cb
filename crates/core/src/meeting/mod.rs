//! Meetings with the family around an individual plan: held from one of the
//! municipality's templates (the built-in default follows "understand the
//! person → agree on what matters → make it possible"), opened with the
//! municipality's values poster, recorded as an append-only log of
//! attendance, minutes, the child's voice, decisions and action items. An
//! action item becomes a measure in the plan (a new revision, so nothing is
//! overwritten), and a decision that concerns the family is recorded only
//! when the family took part or has confirmed it afterwards.
//!
//! Pure rules; the store keeps the records and the access rules are those of
//! the plan (`access`).

pub mod access;
pub mod ics;
pub mod record;
pub mod template;
pub mod values;

#[cfg(test)]
mod tests;

pub use access::{MeetingOp, decide_log_meeting, decide_meeting};
pub use record::{
    ActionItem, Confirmation, Decision, Invitee, InviteeKind, Meeting, MeetingEvent, MeetingTime,
    action_item_log_measure, add_action_item,
};
pub use template::{AgendaPart, MeetingTemplate, TemplateDraft};
pub use values::{Value, ValuesPoster};

use crate::text::TextError;

/// The most invitees, agenda parts, values, norms or taboos.
pub const MAX_ITEMS: usize = 30;

/// Why meeting input was refused; each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    #[error("a required text is empty")]
    Empty,
    #[error("a text is too long")]
    TooLong,
    #[error("a text holds control characters")]
    ControlCharacters,
    #[error("a date or time is not valid")]
    BadTime,
    #[error("the meeting ends before it starts or lasts too long")]
    TimeBackwards,
    #[error("the meeting is not between the years 2000 and 2100")]
    TimeOutOfRange,
    #[error("too many items")]
    TooMany,
    #[error("nobody from the family is invited")]
    NoFamilyInvited,
    #[error("a decision that concerns the family needs the family present or its confirmation")]
    FamilyAbsent,
    #[error("an invitee is not on the list")]
    UnknownInvitee,
    #[error("the action item serves a goal that is not in the plan")]
    UnknownGoal,
    #[error("the responsible person cannot be chosen")]
    BadResponsible,
    #[error("the template is not well-formed")]
    BadTemplate,
    #[error("the values poster is not well-formed")]
    BadPoster,
}

impl MeetingError {
    pub fn message_key(self) -> &'static str {
        match self {
            MeetingError::Empty => "meeting-error-empty",
            MeetingError::TooLong => "meeting-error-too-long",
            MeetingError::ControlCharacters => "meeting-error-control",
            MeetingError::BadTime => "meeting-error-time",
            MeetingError::TimeBackwards => "meeting-error-time-order",
            MeetingError::TimeOutOfRange => "meeting-error-time-range",
            MeetingError::TooMany => "meeting-error-too-many",
            MeetingError::NoFamilyInvited => "meeting-error-no-family",
            MeetingError::FamilyAbsent => "meeting-error-family-absent",
            MeetingError::UnknownInvitee => "meeting-error-invitee",
            MeetingError::UnknownGoal => "meeting-error-goal",
            MeetingError::BadResponsible => "meeting-error-responsible",
            MeetingError::BadTemplate => "meeting-error-template",
            MeetingError::BadPoster => "meeting-error-poster",
        }
    }
}

impl From<TextError> for MeetingError {
    fn from(e: TextError) -> Self {
        match e {
            TextError::Empty => MeetingError::Empty,
            TextError::TooLong => MeetingError::TooLong,
            TextError::ControlCharacters => MeetingError::ControlCharacters,
        }
    }
}

pub(crate) fn text(s: &str, max: usize) -> Result<crate::text::Text, MeetingError> {
    Ok(crate::text::Text::parse(s, max)?)
}
