//! The jargon glossary: words from the professionals' language ("fagland")
//! with everyday words for them ("borgerland"), per language. The
//! municipality edits it; ettlag seeds it with common entries.

use serde::Serialize;

/// The languages a glossary entry can be in: those staff write to families
/// in. English is a language of the interface only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GlossaryLanguage {
    Nb,
    Nn,
    Da,
}

impl GlossaryLanguage {
    pub const ALL: [GlossaryLanguage; 3] = [
        GlossaryLanguage::Nb,
        GlossaryLanguage::Nn,
        GlossaryLanguage::Da,
    ];

    pub fn code(self) -> &'static str {
        match self {
            GlossaryLanguage::Nb => "nb",
            GlossaryLanguage::Nn => "nn",
            GlossaryLanguage::Da => "da",
        }
    }

    pub fn parse(text: &str) -> Option<GlossaryLanguage> {
        GlossaryLanguage::ALL
            .into_iter()
            .find(|l| l.code() == text.trim())
    }
}

/// Why an entry was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GlossaryError {
    #[error("the word is empty or too long")]
    BadTerm,
    #[error("the everyday words are empty or too long")]
    BadPlain,
    #[error("unknown language")]
    BadLanguage,
}

impl GlossaryError {
    pub fn message_key(self) -> &'static str {
        match self {
            GlossaryError::BadTerm => "plain-error-term",
            GlossaryError::BadPlain => "plain-error-plain",
            GlossaryError::BadLanguage => "plain-error-language",
        }
    }
}

/// A jargon word or phrase: trimmed, lower case, 1–80 characters, letters,
/// spaces and hyphens only, so that it matches whole words in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Term(String);

impl Term {
    pub fn parse(text: &str) -> Result<Term, GlossaryError> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let term = words.join(" ").to_lowercase();
        let ok = !term.is_empty()
            && term.chars().count() <= 80
            && term
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if ok {
            Ok(Term(term))
        } else {
            Err(GlossaryError::BadTerm)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One entry: a term and everyday words for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryEntry {
    pub language: GlossaryLanguage,
    pub term: Term,
    pub plain: String,
}

impl GlossaryEntry {
    pub fn new(language: &str, term: &str, plain: &str) -> Result<GlossaryEntry, GlossaryError> {
        let language = GlossaryLanguage::parse(language).ok_or(GlossaryError::BadLanguage)?;
        let term = Term::parse(term)?;
        let plain = plain.trim();
        if plain.is_empty() || plain.chars().count() > 200 {
            return Err(GlossaryError::BadPlain);
        }
        Ok(GlossaryEntry {
            language,
            term,
            plain: plain.to_string(),
        })
    }
}

/// A suggestion for a text: this term occurs; these words are plainer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub term: String,
    pub plain: String,
}

/// A municipality's glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<GlossaryEntry>,
}

impl Glossary {
    /// The entries of `language` whose term occurs in `text` as whole words,
    /// in the order of the glossary, each once.
    pub fn suggest(&self, language: GlossaryLanguage, text: &str) -> Vec<Suggestion> {
        let words = normalise(text);
        self.entries
            .iter()
            .filter(|e| e.language == language)
            .filter(|e| words.contains(&format!(" {} ", e.term.as_str())))
            .map(|e| Suggestion {
                term: e.term.as_str().to_string(),
                plain: e.plain.clone(),
            })
            .collect()
    }
}

/// The text as lower-case words separated by single spaces, with a space at
/// either end, so that a term matches only whole words.
fn normalise(text: &str) -> String {
    let mut out = String::from(" ");
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
    {
        out.push_str(&word.to_lowercase());
        out.push(' ');
    }
    out
}

/// The entries a new municipality starts with.
pub fn seed() -> Vec<(GlossaryLanguage, &'static str, &'static str)> {
    use GlossaryLanguage::{Da, Nb, Nn};
    vec![
        (Nb, "tiltak", "det vi gjør for å hjelpe"),
        (
            Nb,
            "stafettholder",
            "den som har ansvar for å følge dere opp",
        ),
        (
            Nb,
            "koordinator",
            "den som holder oversikten og er kontakten deres",
        ),
        (Nb, "individuell plan", "planen din"),
        (Nb, "evaluering", "når vi ser på hvordan det har gått"),
        (Nb, "samtykke", "ja til å dele"),
        (Nb, "tverrfaglig", "sammen med andre tjenester"),
        (Nb, "kartlegging", "å finne ut hva som trengs"),
        (Nn, "tiltak", "det vi gjer for å hjelpe"),
        (
            Nn,
            "stafetthaldar",
            "den som har ansvar for å følgje dykk opp",
        ),
        (
            Nn,
            "koordinator",
            "den som held oversikta og er kontakten dykkar",
        ),
        (Nn, "evaluering", "når vi ser på korleis det har gått"),
        (Nn, "samtykke", "ja til å dele"),
        (Da, "indsats", "det vi gør for at hjælpe"),
        (
            Da,
            "koordinator",
            "den der holder overblikket og er jeres kontakt",
        ),
        (Da, "handleplan", "planen for hvad vi gør"),
        (Da, "evaluering", "når vi ser på hvordan det er gået"),
        (Da, "samtykke", "ja til at dele"),
        (Da, "tværfaglig", "sammen med andre fagfolk"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary {
            entries: seed()
                .into_iter()
                .map(|(l, t, p)| GlossaryEntry::new(l.code(), t, p))
                .collect::<Result<_, _>>()
                .unwrap_or_default(),
        }
    }

    #[test]
    fn every_seed_entry_is_valid() {
        assert_eq!(glossary().entries.len(), seed().len());
    }

    #[test]
    fn terms_match_whole_words_in_their_own_language() {
        let g = glossary();
        let found = g.suggest(
            GlossaryLanguage::Nb,
            "Nye tiltak: Individuell  plan og evaluering. Tiltaksplan er ikke et treff.",
        );
        let terms: Vec<&str> = found.iter().map(|s| s.term.as_str()).collect();
        assert_eq!(terms, ["tiltak", "individuell plan", "evaluering"]);
        assert!(g.suggest(GlossaryLanguage::Da, "tiltak").is_empty());
    }

    #[test]
    fn bad_entries_are_refused() {
        assert_eq!(
            GlossaryEntry::new("sv", "tiltak", "x"),
            Err(GlossaryError::BadLanguage)
        );
        assert_eq!(
            GlossaryEntry::new("nb", " ", "x"),
            Err(GlossaryError::BadTerm)
        );
        assert_eq!(
            GlossaryEntry::new("nb", "<b>", "x"),
            Err(GlossaryError::BadTerm)
        );
        assert_eq!(
            GlossaryEntry::new("nb", "tiltak", "  "),
            Err(GlossaryError::BadPlain)
        );
        assert_eq!(
            Term::parse("  Individuell   Plan "),
            Ok(Term("individuell plan".into()))
        );
    }
}
