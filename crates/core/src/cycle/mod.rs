//! The annual cycle (årshjul): recurring evaluation tasks for units and
//! leaders — evaluate the BTI practice in spring, review the steering
//! figures before the budget — each with a recurrence, a lead time for the
//! reminder, and occurrences that are done or skipped with a note. Holds no
//! personal data about children. Pure: the store keeps the rows, this
//! module computes when each occurrence falls.

mod recurrence;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::ids::UnitId;
use crate::org::{Coded, ServiceType};

pub use recurrence::{Recurrence, RecurrenceKind};

/// Why cycle input was refused; each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CycleError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("a text is too long")]
    TooLong,
    #[error("a text holds control characters")]
    ControlCharacters,
    #[error("the day or month of the recurrence is not valid")]
    BadRecurrence,
    #[error("the lead time is not between 0 and 180 days")]
    BadLeadTime,
    #[error("the task is not for anyone")]
    BadAudience,
    #[error("a note says what was evaluated or why it was skipped")]
    EmptyNote,
    #[error("no such occurrence of the task")]
    NoSuchOccurrence,
}

impl CycleError {
    pub fn message_key(self) -> &'static str {
        match self {
            CycleError::EmptyTitle => "cycle-error-title",
            CycleError::TooLong => "cycle-error-too-long",
            CycleError::ControlCharacters => "cycle-error-control",
            CycleError::BadRecurrence => "cycle-error-recurrence",
            CycleError::BadLeadTime => "cycle-error-lead",
            CycleError::BadAudience => "cycle-error-audience",
            CycleError::EmptyNote => "cycle-error-note",
            CycleError::NoSuchOccurrence => "cycle-error-occurrence",
        }
    }
}

/// A checked text: trimmed, within `max` characters, no control characters
/// but line breaks.
fn text(raw: &str, max: usize, required: bool) -> Result<String, CycleError> {
    let t = raw.trim();
    if t.is_empty() && required {
        return Err(CycleError::EmptyTitle);
    }
    if t.chars().count() > max {
        return Err(CycleError::TooLong);
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(CycleError::ControlCharacters);
    }
    Ok(t.replace("\r\n", "\n"))
}

/// Who a task is for: whose desk its reminder lands on and who marks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "ref", rename_all = "snake_case")]
pub enum Audience {
    /// The leaders of one unit.
    Unit(UnitId),
    /// The leaders of every unit of a service type.
    ServiceType(ServiceType),
    /// The municipality's leaders.
    Municipality,
}

impl Audience {
    /// The stored form: (kind, reference).
    pub fn to_parts(&self) -> (&'static str, String) {
        match self {
            Audience::Unit(u) => ("unit", u.to_string()),
            Audience::ServiceType(s) => ("service_type", s.code().to_string()),
            Audience::Municipality => ("municipality", String::new()),
        }
    }

    pub fn from_parts(kind: &str, reference: &str) -> Result<Audience, CycleError> {
        match kind {
            "unit" => UnitId::parse(reference.trim())
                .map(Audience::Unit)
                .ok_or(CycleError::BadAudience),
            "service_type" => ServiceType::from_code(reference.trim())
                .map(Audience::ServiceType)
                .ok_or(CycleError::BadAudience),
            "municipality" => Ok(Audience::Municipality),
            _ => Err(CycleError::BadAudience),
        }
    }
}

/// A recurring task as the municipality defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleTask {
    pub title: String,
    pub description: String,
    pub audience: Audience,
    pub recurrence: Recurrence,
}

/// The longest title and description.
pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 2000;
/// The longest note on a done or skipped occurrence.
pub const NOTE_MAX: usize = 4000;

impl CycleTask {
    /// A task from what was typed.
    pub fn new(
        title: &str,
        description: &str,
        audience: Audience,
        recurrence: Recurrence,
    ) -> Result<CycleTask, CycleError> {
        Ok(CycleTask {
            title: text(title, TITLE_MAX, true)?,
            description: text(description, DESCRIPTION_MAX, false)?,
            audience,
            recurrence,
        })
    }
}

/// What became of an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not yet in its reminder window.
    Planned,
    /// Its reminder has gone out; waiting to be done.
    Open,
    Done,
    Skipped,
}

impl Coded for Status {
    const ALL: &'static [Self] = &[Self::Planned, Self::Open, Self::Done, Self::Skipped];
    const MESSAGE_PREFIX: &'static str = "cycle-status";

    fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Open => "open",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }
}

/// How an occurrence was closed: done with what was evaluated or learned,
/// or skipped with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub note: String,
}

impl Outcome {
    pub fn done(note: &str) -> Result<Outcome, CycleError> {
        Outcome::new(Status::Done, note)
    }

    pub fn skipped(reason: &str) -> Result<Outcome, CycleError> {
        Outcome::new(Status::Skipped, reason)
    }

    fn new(status: Status, note: &str) -> Result<Outcome, CycleError> {
        let note = text(note, NOTE_MAX, true).map_err(|e| match e {
            CycleError::EmptyTitle => CycleError::EmptyNote,
            other => other,
        })?;
        Ok(Outcome { status, note })
    }
}

/// Where an occurrence stands on `today`, for words like "overdue by 3 days".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Done or skipped.
    Closed,
    /// Due in this many days (0: today).
    DueIn(i64),
    /// Overdue by this many days (at least 1).
    Overdue(i64),
}

/// The standing of an occurrence due on `due` with `status`, on `today`.
pub fn standing(status: Status, due: crate::Day, today: crate::Day) -> Standing {
    match status {
        Status::Done | Status::Skipped => Standing::Closed,
        Status::Planned | Status::Open => {
            let days = today.days_until(due);
            if days < 0 {
                Standing::Overdue(-days)
            } else {
                Standing::DueIn(days)
            }
        }
    }
}
