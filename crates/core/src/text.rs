//! Text people write: the one bounded, trimmed, printable string every domain
//! stores (a concern, a plan's goal, a meeting's minutes, a reason). It lives
//! here, not in one feature, because every feature parses it the same way.

use serde::{Deserialize, Serialize};

/// The longest free text, in characters: a concern, a note, a reason.
pub const MAX_TEXT: usize = 4000;
/// The longest short text: a name, a place, a measure's title.
pub const MAX_SHORT: usize = 200;

/// Text someone wrote: trimmed, not empty, bounded, without control
/// characters other than line breaks and tabs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(String);

/// Why a text was refused; each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("a text field is empty")]
    Empty,
    #[error("a text is too long")]
    TooLong,
    #[error("a text holds control characters")]
    ControlCharacters,
}

impl TextError {
    pub fn message_key(self) -> &'static str {
        match self {
            TextError::Empty => "entry-error-empty",
            TextError::TooLong => "entry-error-too-long",
            TextError::ControlCharacters => "entry-error-control",
        }
    }
}

impl Text {
    pub fn parse(text: &str, max: usize) -> Result<Text, TextError> {
        let t = text.trim().replace("\r\n", "\n");
        if t.is_empty() {
            return Err(TextError::Empty);
        }
        if t.chars().count() > max {
            return Err(TextError::TooLong);
        }
        if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(TextError::ControlCharacters);
        }
        Ok(Text(t))
    }

    /// A text that may be left out: blank input is `None`, anything else must
    /// parse.
    pub fn parse_optional(text: &str, max: usize) -> Result<Option<Text>, TextError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Text::parse(text, max).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A text the program itself supplies (a built-in default), known to be
    /// well-formed.
    pub(crate) fn builtin(text: &'static str) -> Text {
        Text(text.to_string())
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_text_is_trimmed_and_keeps_its_line_breaks() {
        let t = Text::parse("  to linjer\r\nher\t ", MAX_TEXT).expect("a text");
        assert_eq!(t.as_str(), "to linjer\nher");
    }

    #[test]
    fn blank_too_long_and_control_characters_are_refused_with_their_reason() {
        assert_eq!(Text::parse(" \n ", MAX_TEXT), Err(TextError::Empty));
        assert_eq!(Text::parse("abc", 2), Err(TextError::TooLong));
        assert_eq!(
            Text::parse("a\u{7}b", MAX_TEXT),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(Text::parse("ææ", 2).expect("two letters").as_str(), "ææ");
    }

    #[test]
    fn an_optional_text_left_blank_is_none() {
        assert_eq!(Text::parse_optional("  ", MAX_SHORT), Ok(None));
        assert!(
            Text::parse_optional("x", MAX_SHORT)
                .expect("a text")
                .is_some()
        );
    }

    proptest! {
        #[test]
        fn a_parsed_text_is_never_empty_nor_longer_than_allowed(s in "\\PC{0,50}", max in 1usize..40) {
            if let Ok(t) = Text::parse(&s, max) {
                prop_assert!(!t.as_str().is_empty());
                prop_assert!(t.as_str().chars().count() <= max);
            }
        }
    }
}
