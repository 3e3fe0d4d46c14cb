//! Plain language ("borgerland"): the LIX readability score and a glossary of
//! jargon with everyday words, for staff who write what families read.
//!
//! LIX (Björnsson 1968) = words / sentences + 100 × long words / words, where
//! a long word has more than six letters. Under 30 is very easy, 30–40 easy
//! (everyday reading), 40–50 middling, above 50 hard. ettlag asks for 40 or
//! less on every page a family sees.

mod glossary;

pub use glossary::{
    Glossary, GlossaryEntry, GlossaryError, GlossaryLanguage, Suggestion, Term, seed,
};

/// The counts behind a LIX score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lix {
    pub words: usize,
    pub sentences: usize,
    pub long_words: usize,
}

/// A word longer than this many letters counts as long.
const LONG_WORD: usize = 6;

impl Lix {
    /// Counts the words, sentences and long words of a text. A word is a run
    /// of letters or digits (a hyphenated compound counts as one word). A
    /// sentence ends at `.`, `!`, `?` or `:` after a word, or at a line break
    /// after a word — headings, list items and buttons end without a full
    /// stop but are read as sentences of their own.
    pub fn of(text: &str) -> Lix {
        let mut lix = Lix::default();
        let mut letters = 0usize;
        // Whether a word has come since the last sentence end.
        let mut open = false;
        let finish_word = |letters: &mut usize, lix: &mut Lix, open: &mut bool| {
            if *letters > 0 {
                lix.words += 1;
                if *letters > LONG_WORD {
                    lix.long_words += 1;
                }
                *letters = 0;
                *open = true;
            }
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                letters += 1;
            } else if c == '-' && letters > 0 {
                // A hyphen inside a compound keeps the word going.
            } else {
                finish_word(&mut letters, &mut lix, &mut open);
                if matches!(c, '.' | '!' | '?' | ':' | '\n') && open {
                    lix.sentences += 1;
                    open = false;
                }
            }
        }
        finish_word(&mut letters, &mut lix, &mut open);
        if open {
            lix.sentences += 1;
        }
        lix
    }

    /// The score, or 0 for a text without words.
    pub fn score(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        words / self.sentences as f64 + 100.0 * self.long_words as f64 / words
    }

    /// The score rounded to a whole number, as shown to staff.
    pub fn rounded(&self) -> u32 {
        // Scores are small positive numbers; the cast cannot overflow.
        self.score().round().max(0.0) as u32
    }

    /// Whether a family will find the text easy to read (LIX ≤ 40).
    pub fn is_plain(&self) -> bool {
        self.score() <= PLAIN_LIMIT
    }
}

/// The highest LIX a page or text for families may have.
pub const PLAIN_LIMIT: f64 = 40.0;

#[cfg(test)]
mod tests;
