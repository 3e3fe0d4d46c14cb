//! Scores in tenths of a point. A visual analogue item is a 10 cm line and the
//! mark is read to the millimetre, so an item scores 0.0–10.0 in steps of 0.1.
//! We store that as an integer number of tenths (0–100, which is also the mark
//! in millimetres, the unit a FHIR integer slider uses): binary floats cannot
//! hold 7.3 exactly, and sums and comparisons of stored scores must be exact.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The highest score of one item: 10.0 points.
pub const ITEM_MAX: u16 = 100;

/// A score or a difference-free quantity in tenths of a point: an item
/// (0–100), a total (0–400 for a four-item scale), a cut-off or a threshold.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Tenths(u16);

/// Why a text is not an item score. Each has a Fluent message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("no score was given")]
    Empty,
    #[error("a score is a number such as 7, 7,3 or 7.3")]
    NotANumber,
    #[error("a score has at most one decimal")]
    TooManyDecimals,
    #[error("a score is between 0 and 10")]
    OutOfRange,
    #[error("the answer has {found} item(s), the scale has {expected}")]
    ItemCount { expected: usize, found: usize },
}

impl ScoreError {
    /// The Fluent message id that explains this error to a user.
    pub fn message_key(self) -> &'static str {
        match self {
            ScoreError::Empty => "feedback-score-empty",
            ScoreError::NotANumber => "feedback-score-not-a-number",
            ScoreError::TooManyDecimals => "feedback-score-too-many-decimals",
            ScoreError::OutOfRange => "feedback-score-out-of-range",
            ScoreError::ItemCount { .. } => "feedback-score-item-count",
        }
    }
}

impl Tenths {
    pub const ZERO: Tenths = Tenths(0);

    /// Any quantity in tenths; totals and thresholds are not bounded by
    /// [`ITEM_MAX`]. Use [`Tenths::item`] for an item.
    pub const fn new(tenths: u16) -> Self {
        Tenths(tenths)
    }

    /// Whole points, e.g. a cut-off of 25 points.
    pub const fn points(points: u8) -> Self {
        Tenths(points as u16 * 10)
    }

    /// One item's score, checked to be within 0.0–10.0.
    pub fn item(tenths: u16) -> Result<Self, ScoreError> {
        if tenths > ITEM_MAX {
            Err(ScoreError::OutOfRange)
        } else {
            Ok(Tenths(tenths))
        }
    }

    /// The number of tenths.
    pub const fn get(self) -> u16 {
        self.0
    }

    /// Parses an item score as a person types it: "7", "7,3" (Norwegian and
    /// Danish decimal comma) or "7.3", with surrounding blanks. A sign, an
    /// exponent, a second decimal or a lone separator is refused rather than
    /// rounded, because a silently changed answer is worse than asking again.
    pub fn parse_item(text: &str) -> Result<Self, ScoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ScoreError::Empty);
        }
        let (whole, fraction) = match text.find([',', '.']) {
            Some(at) => (&text[..at], Some(&text[at + 1..])),
            None => (text, None),
        };
        let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !is_digits(whole) {
            return Err(ScoreError::NotANumber);
        }
        let tenth = match fraction {
            None => 0,
            Some(f) if !is_digits(f) => return Err(ScoreError::NotANumber),
            Some(f) if f.len() > 1 => {
                // "7,30" is still one decimal; "7,35" is not.
                if f.bytes().skip(1).all(|b| b == b'0') {
                    u16::from(f.as_bytes()[0] - b'0')
                } else {
                    return Err(ScoreError::TooManyDecimals);
                }
            }
            Some(f) => u16::from(f.as_bytes()[0] - b'0'),
        };
        // Leading zeros are harmless ("07"), but a long run of digits is out of
        // range whatever it says, so do not let it overflow.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 2 {
            return Err(ScoreError::OutOfRange);
        }
        let whole: u16 = whole
            .bytes()
            .fold(0, |acc, b| acc * 10 + u16::from(b - b'0'));
        Tenths::item(whole * 10 + tenth)
    }

    /// The score with one decimal and the given decimal separator: the
    /// caller passes ',' for nb, nn and da and '.' for en.
    pub fn format(self, decimal_separator: char) -> String {
        format!("{}{}{}", self.0 / 10, decimal_separator, self.0 % 10)
    }

    /// `self − earlier` in tenths: positive is a rise.
    pub fn change_since(self, earlier: Tenths) -> i32 {
        i32::from(self.0) - i32::from(earlier.0)
    }
}

/// With a decimal point, e.g. "7.3"; user-facing text uses [`Tenths::format`].
impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// One completed form: a score for every item of a scale, in the scale's
/// item order. Made by [`crate::feedback::Scale::answer`], which checks the
/// item count, so the total can never exceed the scale's maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    items: Vec<Tenths>,
}

impl Answer {
    /// Checks that there are `expected` items, each 0.0–10.0.
    pub(crate) fn new(items: Vec<Tenths>, expected: usize) -> Result<Self, ScoreError> {
        if items.len() != expected {
            return Err(ScoreError::ItemCount {
                expected,
                found: items.len(),
            });
        }
        if items.iter().any(|i| i.get() > ITEM_MAX) {
            return Err(ScoreError::OutOfRange);
        }
        Ok(Answer { items })
    }

    pub fn items(&self) -> &[Tenths] {
        &self.items
    }

    /// The sum of the items. A scale has at most
    /// [`crate::feedback::MAX_ITEMS`] items of at most 100 tenths, so the sum
    /// fits in a `u16` by construction.
    pub fn total(&self) -> Tenths {
        let sum: u32 = self.items.iter().map(|i| u32::from(i.get())).sum();
        Tenths(u16::try_from(sum).unwrap_or(u16::MAX))
    }
}
