//! Why a pack was refused. Every error says where (`at`, a dotted path in the
//! pack file's own terms such as `scales.going.text.nn.items.me.label`, with
//! scales and items named by id, not by position) and what is wrong, so that
//! whoever edits the file can find the spot; [`PackError::message_key`] gives
//! the Fluent message id for showing it in the user's language later.

use crate::feedback::score::Tenths;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("the pack is larger than {max} bytes")]
    TooLarge { max: usize },
    /// Not TOML, a field of the wrong type, a missing or an unknown field;
    /// `detail` is the parser's message with line and column.
    #[error("the pack file could not be read: {detail}")]
    Syntax { detail: String },
    #[error("{at}: '{id}' is not a valid id (1 to 40 of a–z, 0–9, '-', '_')")]
    BadId { at: String, id: String },
    #[error("{at}: the id '{id}' is used more than once")]
    DuplicateId { at: String, id: String },
    #[error("{at}: the text in language {lang} is missing")]
    MissingLanguage { at: String, lang: &'static str },
    #[error("{at}: '{lang}' is not a language of ours (nb, nn, da, en)")]
    UnknownLanguage { at: String, lang: String },
    #[error("{at}: the text is empty")]
    EmptyText { at: String },
    #[error("{at}: the text is longer than {max} characters")]
    TextTooLong { at: String, max: usize },
    #[error("{at}: '{kind}' is not a kind of scale (outcome, alliance)")]
    UnknownKind { at: String, kind: String },
    #[error("the pack has no scales")]
    NoScales,
    #[error("{at}: a scale has 1 to {max} items, this one has {count}")]
    ItemCount {
        at: String,
        count: usize,
        max: usize,
    },
    #[error("{at}: language {lang} has {found} item(s), but the scale has {expected}")]
    ItemCountMismatch {
        at: String,
        lang: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("{at}: '{item}' is not one of the scale's items")]
    UnknownItem { at: String, item: String },
    #[error("{at}: an outcome scale needs at least one age band with a cut-off")]
    NoBands { at: String },
    #[error("{at}: an outcome scale needs a reliable-change threshold")]
    NoReliableChange { at: String },
    #[error("{at}: age {age} is outside 0–{max}")]
    AgeOutOfRange { at: String, age: i64, max: u8 },
    #[error("{at}: the band ends (age {to_age}) before it starts (age {from_age})")]
    BandReversed {
        at: String,
        from_age: u8,
        to_age: u8,
    },
    #[error("{at}: the bands {first} and {second} overlap")]
    BandsOverlap {
        at: String,
        first: String,
        second: String,
    },
    #[error("{at}: no band covers ages {from_age}–{to_age}")]
    BandsGap {
        at: String,
        from_age: u8,
        to_age: u8,
    },
    #[error("{at}: {value} is not a number of points with at most one decimal")]
    NotTenths { at: String, value: String },
    #[error("{at}: {value} is outside {min}–{max}")]
    OutOfRange {
        at: String,
        /// As written in the file.
        value: String,
        min: Tenths,
        max: Tenths,
    },
    #[error("{at}: {value} is not a reliability above 0 and below 1 with at most three decimals")]
    BadReliability { at: String, value: String },
    #[error(
        "{at}: the threshold {stated} does not match 1.96 · SD · √(2(1 − r)) = {computed}; \
         it may differ by at most 0.5 for rounding"
    )]
    RciMismatch {
        at: String,
        stated: Tenths,
        computed: Tenths,
    },
}

impl PackError {
    /// The Fluent message id that explains this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            PackError::TooLarge { .. } => "feedback-pack-too-large",
            PackError::Syntax { .. } => "feedback-pack-syntax",
            PackError::BadId { .. } => "feedback-pack-bad-id",
            PackError::DuplicateId { .. } => "feedback-pack-duplicate-id",
            PackError::MissingLanguage { .. } => "feedback-pack-missing-language",
            PackError::UnknownLanguage { .. } => "feedback-pack-unknown-language",
            PackError::EmptyText { .. } => "feedback-pack-empty-text",
            PackError::TextTooLong { .. } => "feedback-pack-text-too-long",
            PackError::UnknownKind { .. } => "feedback-pack-unknown-kind",
            PackError::NoScales => "feedback-pack-no-scales",
            PackError::ItemCount { .. } => "feedback-pack-item-count",
            PackError::ItemCountMismatch { .. } => "feedback-pack-item-count-mismatch",
            PackError::UnknownItem { .. } => "feedback-pack-unknown-item",
            PackError::NoBands { .. } => "feedback-pack-no-bands",
            PackError::NoReliableChange { .. } => "feedback-pack-no-reliable-change",
            PackError::AgeOutOfRange { .. } => "feedback-pack-age-out-of-range",
            PackError::BandReversed { .. } => "feedback-pack-band-reversed",
            PackError::BandsOverlap { .. } => "feedback-pack-bands-overlap",
            PackError::BandsGap { .. } => "feedback-pack-bands-gap",
            PackError::NotTenths { .. } => "feedback-pack-not-tenths",
            PackError::OutOfRange { .. } => "feedback-pack-out-of-range",
            PackError::BadReliability { .. } => "feedback-pack-bad-reliability",
            PackError::RciMismatch { .. } => "feedback-pack-rci-mismatch",
        }
    }

    /// Where in the pack the problem is, as a dotted path; `None` when it is
    /// the file as a whole (the parser's detail then carries line and column).
    pub fn at(&self) -> Option<&str> {
        match self {
            PackError::TooLarge { .. } | PackError::Syntax { .. } | PackError::NoScales => None,
            PackError::BadId { at, .. }
            | PackError::DuplicateId { at, .. }
            | PackError::MissingLanguage { at, .. }
            | PackError::UnknownLanguage { at, .. }
            | PackError::EmptyText { at }
            | PackError::TextTooLong { at, .. }
            | PackError::UnknownKind { at, .. }
            | PackError::ItemCount { at, .. }
            | PackError::ItemCountMismatch { at, .. }
            | PackError::UnknownItem { at, .. }
            | PackError::NoBands { at }
            | PackError::NoReliableChange { at }
            | PackError::AgeOutOfRange { at, .. }
            | PackError::BandReversed { at, .. }
            | PackError::BandsOverlap { at, .. }
            | PackError::BandsGap { at, .. }
            | PackError::NotTenths { at, .. }
            | PackError::OutOfRange { at, .. }
            | PackError::BadReliability { at, .. }
            | PackError::RciMismatch { at, .. } => Some(at),
        }
    }
}
