//! How the privacy officer closes a family's request for restriction or
//! correction: the outcome, and an answer in plain words the family reads.

use serde::Serialize;

use crate::text::Text;

/// The longest answer to a family.
pub const MAX_ANSWER: usize = 4000;

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestOutcome {
    Granted,
    Partly,
    Refused,
}

impl RequestOutcome {
    pub const ALL: [RequestOutcome; 3] = [
        RequestOutcome::Granted,
        RequestOutcome::Partly,
        RequestOutcome::Refused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestOutcome::Granted => "granted",
            RequestOutcome::Partly => "partly",
            RequestOutcome::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<RequestOutcome> {
        RequestOutcome::ALL.into_iter().find(|o| o.code() == text)
    }
}

/// Why a closing was refused; each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosingError {
    /// No outcome chosen, or an unknown one.
    Outcome,
    /// The answer (with the reason) is empty, too long or holds control
    /// characters.
    Answer,
}

impl ClosingError {
    pub fn message_key(self) -> &'static str {
        match self {
            ClosingError::Outcome => "privacy-request-error-outcome",
            ClosingError::Answer => "privacy-request-error-answer",
        }
    }
}

/// A closing as the privacy officer writes it: the outcome and the answer
/// with its reason, which the family reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestClosing {
    pub outcome: RequestOutcome,
    pub answer: Text,
}

impl RequestClosing {
    pub fn parse(outcome: &str, answer: &str) -> Result<RequestClosing, ClosingError> {
        let outcome = RequestOutcome::parse(outcome.trim()).ok_or(ClosingError::Outcome)?;
        let answer = Text::parse(answer, MAX_ANSWER).map_err(|_| ClosingError::Answer)?;
        Ok(RequestClosing { outcome, answer })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_needs_an_outcome_and_an_answer() {
        let ok = RequestClosing::parse("partly", "Vi har rettet adressen.").expect("ok");
        assert_eq!(ok.outcome, RequestOutcome::Partly);
        assert_eq!(
            RequestClosing::parse("maybe", "Tekst"),
            Err(ClosingError::Outcome)
        );
        assert_eq!(
            RequestClosing::parse("granted", "   "),
            Err(ClosingError::Answer)
        );
        assert_eq!(
            RequestClosing::parse("refused", &"x".repeat(MAX_ANSWER + 1)),
            Err(ClosingError::Answer)
        );
        for o in RequestOutcome::ALL {
            assert_eq!(RequestOutcome::parse(o.code()), Some(o));
        }
    }
}
