//! Reports to child welfare under the duty to report ("opplysningsplikt").
//! Everyone in public services must report, without regard to
//! confidentiality, when there is reason to believe that a child (a) is
//! mistreated or seriously neglected, (b) has a serious illness or special
//! needs left untreated, (c) shows serious behavioural problems, or (d) is
//! exploited for trafficking (reference/domain.md §3). Child welfare reviews
//! a report within one week.

use serde::{Deserialize, Serialize};

use crate::org::Coded;
use crate::text::{MAX_TEXT, Text, TextError};

/// Days child welfare has to review a report.
pub const REVIEW_DAYS: i64 = 7;

/// The statutory ground of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// (a) Mistreated at home or other serious neglect.
    Mistreatment,
    /// (b) Serious illness or special needs left untreated.
    UntreatedNeeds,
    /// (c) Serious behavioural problems.
    SeriousBehaviour,
    /// (d) Exploited for trafficking.
    Trafficking,
}

impl Coded for Ground {
    const ALL: &'static [Self] = &[
        Self::Mistreatment,
        Self::UntreatedNeeds,
        Self::SeriousBehaviour,
        Self::Trafficking,
    ];
    const MESSAGE_PREFIX: &'static str = "ground";

    fn code(self) -> &'static str {
        match self {
            Self::Mistreatment => "mistreatment",
            Self::UntreatedNeeds => "untreated_needs",
            Self::SeriousBehaviour => "serious_behaviour",
            Self::Trafficking => "trafficking",
        }
    }
}

impl Ground {
    /// The letter of the ground in the law.
    pub fn letter(self) -> char {
        match self {
            Self::Mistreatment => 'a',
            Self::UntreatedNeeds => 'b',
            Self::SeriousBehaviour => 'c',
            Self::Trafficking => 'd',
        }
    }
}

/// What child welfare decided after its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// An investigation starts (its own three-month deadline).
    Investigate,
    /// Closed after review: no investigation.
    Dismiss,
}

impl Coded for Outcome {
    const ALL: &'static [Self] = &[Self::Investigate, Self::Dismiss];
    const MESSAGE_PREFIX: &'static str = "report-outcome";

    fn code(self) -> &'static str {
        match self {
            Self::Investigate => "investigate",
            Self::Dismiss => "dismiss",
        }
    }
}

/// Why a report could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("a report names at least one of the grounds in the law")]
    NoGround,
    #[error("a ground that is not in the law")]
    UnknownGround,
    #[error("a report says what was seen or heard")]
    NoText,
    #[error("the text is too long")]
    TooLong,
    #[error("the text holds characters that cannot be stored")]
    BadText,
}

impl ReportError {
    pub fn message_key(self) -> &'static str {
        match self {
            ReportError::NoGround => "report-error-ground",
            ReportError::UnknownGround => "report-error-unknown-ground",
            ReportError::NoText => "report-error-text",
            ReportError::TooLong => "report-error-too-long",
            ReportError::BadText => "report-error-bad-text",
        }
    }
}

/// A report parsed from what the reporter wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDraft {
    pub grounds: Vec<Ground>,
    pub text: Text,
}

impl ReportDraft {
    /// Parses the grounds (codes or the letters a–d) and the text.
    pub fn parse(grounds: &[String], text: &str) -> Result<ReportDraft, ReportError> {
        let mut parsed = Vec::new();
        for code in grounds.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            let ground = Ground::from_code(code)
                .or_else(|| {
                    Ground::ALL
                        .iter()
                        .copied()
                        .find(|g| code == g.letter().to_string())
                })
                .ok_or(ReportError::UnknownGround)?;
            if !parsed.contains(&ground) {
                parsed.push(ground);
            }
        }
        if parsed.is_empty() {
            return Err(ReportError::NoGround);
        }
        parsed.sort();
        let text = Text::parse(text, MAX_TEXT).map_err(|e| match e {
            TextError::Empty => ReportError::NoText,
            TextError::TooLong => ReportError::TooLong,
            TextError::ControlCharacters => ReportError::BadText,
        })?;
        Ok(ReportDraft {
            grounds: parsed,
            text,
        })
    }
}

/// Grounds as stored: their codes joined by commas.
pub fn grounds_to_codes(grounds: &[Ground]) -> String {
    grounds
        .iter()
        .map(|g| g.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Grounds from their stored form; unknown codes are skipped.
pub fn grounds_from_codes(codes: &str) -> Vec<Ground> {
    codes.split(',').filter_map(Ground::from_code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_report_needs_a_ground_from_the_law_and_a_text() {
        let ok = ReportDraft::parse(&s(&["c", "mistreatment", "a"]), "  Blåmerker på armene  ")
            .expect("valid");
        assert_eq!(
            ok.grounds,
            vec![Ground::Mistreatment, Ground::SeriousBehaviour]
        );
        assert_eq!(ok.text.as_str(), "Blåmerker på armene");
        assert_eq!(
            ReportDraft::parse(&s(&[]), "tekst"),
            Err(ReportError::NoGround)
        );
        assert_eq!(
            ReportDraft::parse(&s(&["e"]), "tekst"),
            Err(ReportError::UnknownGround)
        );
        assert_eq!(
            ReportDraft::parse(&s(&["a"]), "   "),
            Err(ReportError::NoText)
        );
        assert_eq!(
            ReportDraft::parse(&s(&["a"]), "bad\u{0}text"),
            Err(ReportError::BadText)
        );
    }

    proptest! {
        #[test]
        fn grounds_survive_storage(picks in proptest::collection::vec(0usize..4, 1..6)) {
            let codes: Vec<String> = picks.iter().map(|i| Ground::ALL[*i].code().to_string()).collect();
            let draft = ReportDraft::parse(&codes, "x").expect("valid");
            prop_assert_eq!(grounds_from_codes(&grounds_to_codes(&draft.grounds)), draft.grounds);
        }

        #[test]
        fn parsing_never_panics(grounds in proptest::collection::vec(".{0,12}", 0..4), text in ".{0,40}") {
            let _ = ReportDraft::parse(&grounds, &text);
        }
    }
}
