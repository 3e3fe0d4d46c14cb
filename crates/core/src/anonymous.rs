//! Anonymous consultation ("anonym drøfting"): discussing a situation with
//! another service without identifying the child. Nothing identifying may
//! be stored, so the text is checked before it is saved: a national identity
//! number is refused outright, and names of people known in the municipality
//! and dates that look like birth dates are pointed out so the writer can
//! remove them (or confirm that they identify no one).

use crate::nin::NationalId;

/// Something in a text that may identify a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Eleven digits that form a valid national identity number. Refused.
    NationalId(String),
    /// A name of someone in the municipality's register.
    KnownName(String),
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
            Finding::KnownName(_) => "anonymous-found-name",
            Finding::Date(_) => "anonymous-found-date",
        }
    }

    /// The text that was found.
    pub fn text(&self) -> &str {
        match self {
            Finding::NationalId(t) | Finding::KnownName(t) | Finding::Date(t) => t,
        }
    }
}

/// A person's name as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    pub given: String,
    pub family: String,
}

/// Words of a text with their letters only, lower-cased, for name matching.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
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

/// Everything in `text` that may identify someone. Names match as a given
/// and family name together, or as a family name of five letters or more.
pub fn check(text: &str, known: &[KnownName]) -> Vec<Finding> {
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
    let ws = words(text);
    for name in known {
        let (given, family) = (name.given.to_lowercase(), name.family.to_lowercase());
        let full = ws.windows(2).any(|w| w[0] == given && w[1] == family);
        let family_alone = family.chars().count() >= 5 && ws.contains(&family);
        if full || family_alone {
            let shown = if full {
                format!("{} {}", name.given, name.family)
            } else {
                name.family.clone()
            };
            if !found.contains(&Finding::KnownName(shown.clone())) {
                found.push(Finding::KnownName(shown));
            }
        }
    }
    // A family name alone says nothing more when the full name is found.
    let full_names: Vec<String> = found
        .iter()
        .filter_map(|f| match f {
            Finding::KnownName(n) if n.contains(' ') => Some(n.to_lowercase()),
            _ => None,
        })
        .collect();
    found.retain(|f| match f {
        Finding::KnownName(n) if !n.contains(' ') => {
            let family = format!(" {}", n.to_lowercase());
            !full_names.iter().any(|full| full.ends_with(&family))
        }
        _ => true,
    });
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

    fn known() -> Vec<KnownName> {
        vec![
            KnownName {
                given: "Ada".into(),
                family: "Testesen".into(),
            },
            KnownName {
                given: "Bo".into(),
                family: "Li".into(),
            },
            KnownName {
                given: "Gro".into(),
                family: "Testesen".into(),
            },
        ]
    }

    #[test]
    fn a_national_id_blocks_and_names_and_dates_warn() {
        let n = nin();
        let spaced = format!("{} {}", &n[..6], &n[6..]);
        for text in [format!("Gjelder {n}."), format!("Nr. {spaced} i klassen")] {
            let found = check(&text, &known());
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(found[0].blocks());
        }
        let found = check("Ada Testesen (f. 01.03.2015) strever.", &known());
        assert!(found.contains(&Finding::KnownName("Ada Testesen".into())));
        assert!(found.contains(&Finding::Date("01.03.2015".into())));
        assert!(found.iter().all(|f| !f.blocks()));
        assert_eq!(
            check("Familien testesen flyttet", &known()),
            vec![Finding::KnownName("Testesen".into())]
        );
        assert_eq!(
            check("Født 2015-03-01", &known()),
            vec![Finding::Date("2015-03-01".into())]
        );
    }

    #[test]
    fn ordinary_text_passes() {
        let text = "En jente på 8 år i 3. klasse har vært mye borte siden høstferien. \
                    Hun sier at hun har vondt i magen. Hva kan skolen gjøre, og når bør vi melde?";
        assert_eq!(check(text, &known()), vec![]);
        // Short family names alone are too common words to point out.
        assert_eq!(check("Han ligger li ved siden av", &known()), vec![]);
        // Eleven digits that are no valid number are not a national id.
        assert_eq!(check("Ordre 12345678901", &known()), vec![]);
    }
}
