//! Whether the family has been told, when a relay log starts and each time
//! its level changes: "Ingen beslutning om meg tas uten meg". Either when and
//! how they were told and what they said, or why not yet — and when the
//! reason is suspected violence or abuse, the duty to report applies.
//!
//! Raw input ([`FamilyInformedDraft`]) is parsed once into a
//! [`FamilyInformed`]; past that point every field is known to be well-formed.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::org::Coded;
use crate::text::{MAX_SHORT, MAX_TEXT, Text, TextError};

/// How the family was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Meeting,
    Phone,
    Video,
    /// A message in the municipality's digital mailbox or the family portal.
    DigitalMessage,
    Letter,
}

impl Coded for Channel {
    const ALL: &'static [Self] = &[
        Self::Meeting,
        Self::Phone,
        Self::Video,
        Self::DigitalMessage,
        Self::Letter,
    ];
    const MESSAGE_PREFIX: &'static str = "family-how";

    fn code(self) -> &'static str {
        match self {
            Self::Meeting => "meeting",
            Self::Phone => "phone",
            Self::Video => "video",
            Self::DigitalMessage => "digital_message",
            Self::Letter => "letter",
        }
    }
}

/// Why the family has not been told yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotYetReason {
    /// Telling the family could put the child at risk: the duty to report to
    /// child welfare applies, and child welfare decides when they are told.
    SuspectedViolenceOrAbuse,
    CouldNotReach,
    Other,
}

impl Coded for NotYetReason {
    const ALL: &'static [Self] = &[
        Self::SuspectedViolenceOrAbuse,
        Self::CouldNotReach,
        Self::Other,
    ];
    const MESSAGE_PREFIX: &'static str = "family-reason";

    fn code(self) -> &'static str {
        match self {
            Self::SuspectedViolenceOrAbuse => "suspected_violence_or_abuse",
            Self::CouldNotReach => "could_not_reach",
            Self::Other => "other",
        }
    }
}

/// What was recorded about telling the family, well-formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FamilyInformed {
    /// The family was told: on which day, how, who in the family, and what
    /// they said.
    Told {
        on: Day,
        how: Channel,
        who: Text,
        said: Text,
    },
    /// Not told yet, and why.
    NotYet { reason: NotYetReason, note: Text },
}

impl FamilyInformed {
    /// Whether the duty to report to child welfare applies: the family is not
    /// told because violence or abuse is suspected.
    pub fn duty_to_report(&self) -> bool {
        matches!(
            self,
            FamilyInformed::NotYet {
                reason: NotYetReason::SuspectedViolenceOrAbuse,
                ..
            }
        )
    }
}

/// Why what was written about the family was refused. Each names the form
/// field it concerns, so that the error summary can link to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FamilyError {
    #[error("say whether the family has been told")]
    Missing,
    #[error("the day the family was told is not a valid date")]
    BadDate,
    #[error("the day the family was told is in the future")]
    FutureDate,
    #[error("unknown way of telling the family")]
    UnknownChannel,
    #[error("say who in the family was told")]
    NoWho,
    #[error("say what the family said")]
    NoSaid,
    #[error("unknown reason for not telling the family yet")]
    UnknownReason,
    #[error("say more about why the family has not been told")]
    NoNote,
    #[error("a text about the family is not valid: {error}")]
    Text {
        field: &'static str,
        error: TextError,
    },
}

impl FamilyError {
    pub fn message_key(self) -> &'static str {
        match self {
            FamilyError::Missing => "family-error-missing",
            FamilyError::BadDate => "family-error-date",
            FamilyError::FutureDate => "family-error-future",
            FamilyError::UnknownChannel => "family-error-how",
            FamilyError::NoWho => "family-error-who",
            FamilyError::NoSaid => "family-error-said",
            FamilyError::UnknownReason => "family-error-reason",
            FamilyError::NoNote => "family-error-note",
            FamilyError::Text { error, .. } => error.message_key(),
        }
    }

    /// The id of the form field the problem is in.
    pub fn field(self) -> &'static str {
        match self {
            FamilyError::Missing => "family-told",
            FamilyError::BadDate | FamilyError::FutureDate => "family-on",
            FamilyError::UnknownChannel => "family-how",
            FamilyError::NoWho => "family-who",
            FamilyError::NoSaid => "family-said",
            FamilyError::UnknownReason => "family-reason",
            FamilyError::NoNote => "family-note",
            FamilyError::Text { field, .. } => field,
        }
    }
}

/// What a form or the API sends about the family: every field optional text.
/// `status` is `told` or `not_yet`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyInformedDraft {
    pub status: String,
    pub on: String,
    pub how: String,
    pub who: String,
    pub said: String,
    pub reason: String,
    pub note: String,
}

/// A required text: empty gives `empty`, anything else wrong names the field.
fn required(
    text: &str,
    max: usize,
    field: &'static str,
    empty: FamilyError,
) -> Result<Text, FamilyError> {
    Text::parse(text, max).map_err(|error| match error {
        TextError::Empty => empty,
        error => FamilyError::Text { field, error },
    })
}

impl FamilyInformedDraft {
    /// Parses the draft; `today` is the writer's date, and the family cannot
    /// have been told after it.
    pub fn parse(&self, today: Day) -> Result<FamilyInformed, FamilyError> {
        match self.status.trim() {
            "told" => self.parse_told(today),
            "not_yet" => self.parse_not_yet(),
            _ => Err(FamilyError::Missing),
        }
    }

    fn parse_told(&self, today: Day) -> Result<FamilyInformed, FamilyError> {
        let on = Day::parse(&self.on).map_err(|_| FamilyError::BadDate)?;
        if on > today {
            return Err(FamilyError::FutureDate);
        }
        let how = Channel::from_code(&self.how).ok_or(FamilyError::UnknownChannel)?;
        let who = required(&self.who, MAX_SHORT, "family-who", FamilyError::NoWho)?;
        let said = required(&self.said, MAX_TEXT, "family-said", FamilyError::NoSaid)?;
        Ok(FamilyInformed::Told { on, how, who, said })
    }

    fn parse_not_yet(&self) -> Result<FamilyInformed, FamilyError> {
        let reason = NotYetReason::from_code(&self.reason).ok_or(FamilyError::UnknownReason)?;
        let note = required(&self.note, MAX_TEXT, "family-note", FamilyError::NoNote)?;
        Ok(FamilyInformed::NotYet { reason, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Day {
        Day::parse("2026-12-07").expect("date")
    }

    fn told() -> FamilyInformedDraft {
        FamilyInformedDraft {
            status: "told".into(),
            on: "2026-12-03".into(),
            how: "meeting".into(),
            who: " Mor ".into(),
            said: "Hun er glad for at barnehagen følger opp.".into(),
            ..FamilyInformedDraft::default()
        }
    }

    fn not_yet(reason: &str) -> FamilyInformedDraft {
        FamilyInformedDraft {
            status: "not_yet".into(),
            reason: reason.into(),
            note: "Barnevernet er kontaktet.".into(),
            ..FamilyInformedDraft::default()
        }
    }

    #[test]
    fn a_family_told_in_a_meeting_is_recorded_with_who_and_what_they_said() {
        let parsed = told().parse(today()).expect("valid");
        let FamilyInformed::Told { on, how, who, said } = &parsed else {
            panic!("told, got {parsed:?}");
        };
        assert_eq!(*on, Day::parse("2026-12-03").expect("date"));
        assert_eq!(*how, Channel::Meeting);
        assert_eq!(who.as_str(), "Mor");
        assert!(said.as_str().starts_with("Hun er glad"));
        assert!(!parsed.duty_to_report());
    }

    #[test]
    fn nothing_chosen_is_refused_as_missing() {
        assert_eq!(
            FamilyInformedDraft::default().parse(today()),
            Err(FamilyError::Missing)
        );
        let odd = FamilyInformedDraft {
            status: "maybe".into(),
            ..told()
        };
        assert_eq!(odd.parse(today()), Err(FamilyError::Missing));
        assert_eq!(FamilyError::Missing.field(), "family-told");
    }

    #[test]
    fn a_day_after_today_is_refused_and_today_is_accepted() {
        let tomorrow = FamilyInformedDraft {
            on: "2026-12-08".into(),
            ..told()
        };
        assert_eq!(tomorrow.parse(today()), Err(FamilyError::FutureDate));
        let on_the_day = FamilyInformedDraft {
            on: "2026-12-07".into(),
            ..told()
        };
        assert!(on_the_day.parse(today()).is_ok());
        let nonsense = FamilyInformedDraft {
            on: "3. desember".into(),
            ..told()
        };
        assert_eq!(nonsense.parse(today()), Err(FamilyError::BadDate));
    }

    #[test]
    fn told_needs_a_known_way_who_and_what_they_said() {
        let cases = [
            (
                FamilyInformedDraft {
                    how: "pigeon".into(),
                    ..told()
                },
                FamilyError::UnknownChannel,
            ),
            (
                FamilyInformedDraft {
                    who: "  ".into(),
                    ..told()
                },
                FamilyError::NoWho,
            ),
            (
                FamilyInformedDraft {
                    said: String::new(),
                    ..told()
                },
                FamilyError::NoSaid,
            ),
            (
                FamilyInformedDraft {
                    who: "x".repeat(MAX_SHORT + 1),
                    ..told()
                },
                FamilyError::Text {
                    field: "family-who",
                    error: TextError::TooLong,
                },
            ),
        ];
        for (draft, error) in cases {
            assert_eq!(draft.parse(today()), Err(error));
        }
    }

    #[test]
    fn not_yet_because_of_suspected_violence_means_the_duty_to_report_applies() {
        let parsed = not_yet("suspected_violence_or_abuse")
            .parse(today())
            .expect("valid");
        assert!(parsed.duty_to_report());
        let unreachable = not_yet("could_not_reach").parse(today()).expect("valid");
        assert!(!unreachable.duty_to_report());
    }

    #[test]
    fn not_yet_needs_a_known_reason_and_a_note() {
        assert_eq!(
            not_yet("forgot").parse(today()),
            Err(FamilyError::UnknownReason)
        );
        let silent = FamilyInformedDraft {
            note: " ".into(),
            ..not_yet("other")
        };
        assert_eq!(silent.parse(today()), Err(FamilyError::NoNote));
        assert_eq!(FamilyError::NoNote.field(), "family-note");
    }

    #[test]
    fn what_was_recorded_is_stored_with_its_status_and_reads_back_the_same() {
        let parsed = told().parse(today()).expect("valid");
        let json = serde_json::to_string(&parsed).expect("serialises");
        assert!(json.contains(r#""status":"told""#) && json.contains(r#""how":"meeting""#));
        let again: FamilyInformed = serde_json::from_str(&json).expect("parses");
        assert_eq!(again, parsed);
        let later = not_yet("suspected_violence_or_abuse")
            .parse(today())
            .expect("valid");
        let json = serde_json::to_string(&later).expect("serialises");
        assert!(json.contains(r#""reason":"suspected_violence_or_abuse""#));
    }
}
