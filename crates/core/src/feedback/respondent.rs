//! Who filled in a form: it matters for reading the answer (a parent's view
//! of how things go is not the young person's) and for the audit.

use serde::Serialize;

use crate::org::Coded;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    /// The person answered on the staff member's device in a meeting.
    StaffMeeting,
    /// A parent or guardian, on their own phone.
    Parent,
    /// The young person, on their own phone.
    YoungPerson,
}

impl Coded for Respondent {
    const ALL: &'static [Self] = &[Self::StaffMeeting, Self::Parent, Self::YoungPerson];
    const MESSAGE_PREFIX: &'static str = "feedback-respondent";

    fn code(self) -> &'static str {
        match self {
            Self::StaffMeeting => "staff_meeting",
            Self::Parent => "parent",
            Self::YoungPerson => "young_person",
        }
    }
}
