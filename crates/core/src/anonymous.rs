//! Anonymous consultation ("anonym drøfting"): discussing a situation with
//! another service without identifying the child. Nothing identifying may
//! be stored, so the text is checked before it is saved: a national identity
//! number is refused outright, and words that look like names and dates that
//! look like birth dates are pointed out so the writer can remove them (or
//! confirm that they identify no one).
//!
//! Names are found by their form, never by looking them up in the register:
//! a warning that came only for registered names would tell any staff member
//! whether someone lives in the municipality.

use crate::nin::NationalId;

/// Something in a text that may identify a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Eleven digits that form a valid national identity number. Refused.
    NationalId(String),
    /// Words that look like a name (capitalised where a sentence does not
    /// begin, or two capitalised words together).
    Name(String),
    /// A full date, which may be a birth date.
    Date(String),
}

impl Finding {
    /// Whether the text cannot be saved while this is in it.
    pub fn blocks(&self) -> bool {
        matches!(self, Finding::NationalId(_))
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            Finding::NationalId(_) => "anonymous-found-nin",
            Finding::Name(_) => "anonymous-found-name",
            Finding::Date(_) => "anonymous-found-date",
        }
    }

    /// The text that was found.
    pub fn text(&self) -> &str {
        match self {
            Finding::NationalId(t) | Finding::Name(t) | Finding::Date(t) => t,
        }
    }
}

/// Words that look like names: a capitalised word where no sentence
/// begins, and a run of capitalised words (a given and a family name) even
/// where one does. A run is shown whole.
fn name_like(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_starts_sentence = false;
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if is_capitalised(word) {
            if run.is_empty() {
                run_starts_sentence = sentence_start;
            }
            run.push(word);
        } else {
            flush(&mut run, run_starts_sentence, &mut found);
        }
        if ends_sentence(raw) {
            flush(&mut run, run_starts_sentence, &mut found);
        }
        sentence_start = ends_sentence(raw) || (sentence_start && word.is_empty());
    }
    flush(&mut run, run_starts_sentence, &mut found);
    found
}

/// A word of letters (and hyphens) whose first letter is a capital.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

fn ends_sentence(raw: &str) -> bool {
    raw.ends_with(['.', '!', '?', ':'])
}

/// Ends a run of capitalised words: one word at a sentence's start is an
/// ordinary first word; anything else looks like a name.
fn flush(run: &mut Vec<&str>, starts_sentence: bool, found: &mut Vec<String>) {
    if run.len() >= 2 || (run.len() == 1 && !starts_sentence) {
        let name = run.join(" ");
        if !found.contains(&name) {
            found.push(name);
        }
    }
    run.clear();
}

/// Runs of digits, where a single space or dot may join two runs (a number
/// written "010120 12345" or a date "01.01.2020").
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let joins = (*c == ' ' || *c == '.')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || joins {
            current.push(*c);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// A date written d.m.yyyy or yyyy-mm-dd.
fn looks_like_date(run: &str) -> bool {
    let parts: Vec<&str> = run.split('.').collect();
    parts.len() == 3
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && parts[2].len() == 4
        && parts.iter().all(|p| !p.is_empty())
}

/// Everything in `text` that may identify someone.
pub fn check(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for run in digit_runs(text) {
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 11 && NationalId::parse(&digits).is_ok() {
            found.push(Finding::NationalId(run.trim().to_string()));
        } else if looks_like_date(&run) {
            found.push(Finding::Date(run));
        }
    }
    // ISO dates are split by '-' into words; find them in the raw text.
    for token in text.split_whitespace() {
        let t = token.trim_matches(|c: char| !c.is_ascii_digit());
        if crate::day::Day::parse(t).is_ok() {
            found.push(Finding::Date(t.to_string()));
        }
    }
    found.extend(name_like(text).into_iter().map(Finding::Name));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nin::BirthDate;

    fn nin() -> String {
        (500..1000)
            .find_map(|i| {
                NationalId::synthetic(
                    BirthDate {
                        year: 2015,
                        month: 3,
                        day: 1,
                    },
                    i,
                )
            })
            .map(|n| n.as_str().to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_national_id_blocks_and_names_and_dates_warn() {
        let n = nin();
        let spaced = format!("{} {}", &n[..6], &n[6..]);
        for text in [format!("Gjelder {n}."), format!("Nr. {spaced} i klassen")] {
            let found = check(&text);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(found[0].blocks());
        }
        let found = check("Ada Testesen (f. 01.03.2015) strever.");
        assert!(found.contains(&Finding::Name("Ada Testesen".into())));
        assert!(found.contains(&Finding::Date("01.03.2015".into())));
        assert!(found.iter().all(|f| !f.blocks()));
        assert_eq!(
            check("Familien Testesen flyttet"),
            vec![Finding::Name("Familien Testesen".into())]
        );
        assert_eq!(
            check("Født 2015-03-01"),
            vec![Finding::Date("2015-03-01".into())]
        );
    }

    #[test]
    fn a_name_warns_the_same_whoever_it_is() {
        // Found by its form alone: there is no register to ask.
        for name in ["Ada", "Zyxwv"] {
            assert_eq!(
                check(&format!("Vi snakket med {name} i dag.")),
                vec![Finding::Name(name.into())]
            );
        }
        // Two capitalised words together are a name even first in a sentence.
        assert_eq!(
            check("Kari Nordmann har vært borte. Hun er lei seg."),
            vec![Finding::Name("Kari Nordmann".into())]
        );
    }

    #[test]
    fn ordinary_text_passes() {
        let text = "En jente på 8 år i 3. klasse har vært mye borte siden høstferien. \
                    Hun sier at hun har vondt i magen. Hva kan skolen gjøre, og når bør vi melde?";
        assert_eq!(check(text), vec![]);
        // A capitalised first word of a sentence is an ordinary word.
        assert_eq!(check("Han ligger ved siden av. Eleven vil ikke."), vec![]);
        // Eleven digits that are no valid number are not a national id.
        assert_eq!(check("Ordre 12345678901"), vec![]);
    }
}
