//! A municipality's measure types: the kinds of help it gives ("samtale med
//! helsesykepleier", "fosterhjem i slekt"), each on one step of the ladder
//! and optionally with a cost. A measure written without a type counts by
//! the service of the unit responsible for it, as it did before the
//! municipality typed its measures, so old logs keep their place on the ladder.

use serde::{Deserialize, Serialize};

use super::step::LadderStep;
use crate::org::{Coded, ServiceType};

/// The longest name of a measure type, in characters.
pub const MAX_NAME: usize = 100;
/// The highest cost of one measure, in whole kroner.
pub const MAX_COST: i64 = 100_000_000;

/// A measure type's stable code: lowercase letters a–z, digits and '-',
/// 1 to 40 characters. Made once from the name; a new name keeps the code,
/// so the counts and the relay log entries keep pointing at the type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MeasureTypeCode(String);

impl MeasureTypeCode {
    pub fn parse(s: &str) -> Option<MeasureTypeCode> {
        let s = s.trim();
        let ok = (1..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-');
        ok.then(|| MeasureTypeCode(s.to_string()))
    }

    /// A code for a new type from its name, not one of `taken`: the name in
    /// plain letters (æ→ae, ø→o, å→a), with a number added when needed.
    pub fn from_name(name: &str, taken: &[MeasureTypeCode]) -> MeasureTypeCode {
        let mut slug = String::new();
        for c in name.to_lowercase().chars() {
            let plain = match c {
                'æ' => "ae",
                'ø' | 'ö' | 'ó' => "o",
                'å' | 'ä' | 'á' | 'à' => "a",
                'é' | 'è' | 'ê' => "e",
                'ü' => "u",
                c if c.is_ascii_alphanumeric() => {
                    slug.push(c);
                    continue;
                }
                _ => "-",
            };
            slug.push_str(plain);
        }
        let mut base: String = slug
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        base.truncate(32);
        let base = base.trim_end_matches('-').to_string();
        let base = if base.is_empty() {
            "tiltak".to_string()
        } else {
            base
        };
        let free = |c: &str| !taken.iter().any(|t| t.0 == c);
        if free(&base) {
            return MeasureTypeCode(base);
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| free(c))
            .map(MeasureTypeCode)
            .unwrap_or_else(|| MeasureTypeCode(base))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MeasureTypeCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        MeasureTypeCode::parse(&s).ok_or_else(|| format!("bad measure type code {s:?}"))
    }
}

impl From<MeasureTypeCode> for String {
    fn from(c: MeasureTypeCode) -> String {
        c.0
    }
}

impl std::fmt::Display for MeasureTypeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One type of measure in a municipality's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureType {
    pub code: MeasureTypeCode,
    pub name: String,
    pub step: LadderStep,
    /// What one measure of the type costs, in whole kroner.
    pub cost: Option<i64>,
    /// A type taken out of use is not offered for new measures; the
    /// measures already written keep it.
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MeasureTypeError {
    #[error("a measure type needs a name of at most 100 characters")]
    Name,
    #[error("a ladder step is a number from 1 to 6")]
    Step,
    #[error("a cost is whole kroner from 0 to 100 000 000")]
    Cost,
}

impl MeasureTypeError {
    pub fn message_key(self) -> &'static str {
        match self {
            MeasureTypeError::Name => "measure-type-error-name",
            MeasureTypeError::Step => "steering-error-step",
            MeasureTypeError::Cost => "steering-error-cost",
        }
    }
}

/// The admin's form for a measure type, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureTypeDraft {
    pub name: String,
    pub step: String,
    /// Whole kroner; spaces and a trailing ",-" are allowed; blank for none.
    pub cost: String,
    pub active: bool,
}

/// A measure type's name, step, cost and whether it is in use, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureTypeFields {
    pub name: String,
    pub step: LadderStep,
    pub cost: Option<i64>,
    pub active: bool,
}

impl MeasureTypeDraft {
    pub fn parse(&self) -> Result<MeasureTypeFields, MeasureTypeError> {
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(MeasureTypeError::Name);
        }
        Ok(MeasureTypeFields {
            name,
            step: parse_step(&self.step)?,
            cost: parse_cost(&self.cost)?,
            active: self.active,
        })
    }
}

/// A ladder step as a form sends it: a number from 1 to 6.
pub fn parse_step(text: &str) -> Result<LadderStep, MeasureTypeError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(LadderStep::new)
        .ok_or(MeasureTypeError::Step)
}

/// Whole kroner as people write them ("12 500", "12500,-", "kr 800"); blank
/// is no cost.
pub fn parse_cost(text: &str) -> Result<Option<i64>, MeasureTypeError> {
    let t = text.trim();
    let t = t.strip_prefix("kr").unwrap_or(t);
    let t = t.strip_suffix(",-").unwrap_or(t);
    let digits: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '.')
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|c| (0..=MAX_COST).contains(c))
        .map(Some)
        .ok_or(MeasureTypeError::Cost)
}

/// What a measure counts as on the ladder and in the economy: its type, or
/// without one the service of the unit responsible for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeasureKind {
    Typed(MeasureTypeCode),
    Service(ServiceType),
}

impl MeasureKind {
    /// The key the counts keep: a service type's code, or `type:` and the
    /// measure type's code (service codes have no ':', so they never meet).
    pub fn key(&self) -> String {
        match self {
            MeasureKind::Typed(c) => format!("type:{c}"),
            MeasureKind::Service(t) => t.code().to_string(),
        }
    }

    pub fn from_key(key: &str) -> Option<MeasureKind> {
        match key.strip_prefix("type:") {
            Some(code) => MeasureTypeCode::parse(code).map(MeasureKind::Typed),
            None => ServiceType::from_code(key).map(MeasureKind::Service),
        }
    }
}

/// The measure types a municipality starts with when it asks for the
/// suggested list: names in bokmål, the steps of the Danish ladder
/// (Indsatstrappen), no costs.
pub fn suggested() -> Vec<(&'static str, u8)> {
    vec![
        ("Tilrettelegging i barnehage eller skole", 1),
        ("Samtaler med helsesykepleier", 2),
        ("Foreldreveiledning", 2),
        ("Spesialpedagogisk hjelp", 2),
        ("Hjelpetiltak i hjemmet", 3),
        ("Fosterhjem i slekt og nettverk", 4),
        ("Fosterhjem", 5),
        ("Institusjon", 6),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_made_from_names_and_never_repeat() {
        let a = MeasureTypeCode::from_name("Fosterhjem i slekt og nettverk", &[]);
        assert_eq!(a.as_str(), "fosterhjem-i-slekt-og-nettverk");
        let b = MeasureTypeCode::from_name("Hjelpetiltak (hjemme) – små barn", &[]);
        assert_eq!(b.as_str(), "hjelpetiltak-hjemme-sma-barn");
        let c =
            MeasureTypeCode::from_name("Fosterhjem i slekt og nettverk", std::slice::from_ref(&a));
        assert_eq!(c.as_str(), "fosterhjem-i-slekt-og-nettverk-2");
        assert_eq!(MeasureTypeCode::from_name("!!!", &[]).as_str(), "tiltak");
        assert_eq!(
            MeasureTypeCode::from_name("Særskilt ø", &[]).as_str(),
            "saerskilt-o"
        );
        assert!(MeasureTypeCode::parse(a.as_str()).is_some());
        assert!(MeasureTypeCode::parse("Stor").is_none());
        assert!(MeasureTypeCode::parse("-a").is_none());
        assert!(MeasureTypeCode::parse("").is_none());
    }

    #[test]
    fn kinds_round_trip_through_their_keys() {
        for k in [
            MeasureKind::Service(ServiceType::School),
            MeasureKind::Typed(MeasureTypeCode::parse("fosterhjem").expect("code")),
        ] {
            assert_eq!(MeasureKind::from_key(&k.key()), Some(k));
        }
        assert_eq!(MeasureKind::from_key("type:Bad"), None);
        assert_eq!(MeasureKind::from_key("zoo"), None);
    }

    #[test]
    fn drafts_parse_names_steps_and_costs() {
        let d = MeasureTypeDraft {
            name: "  Foreldre   veiledning ".into(),
            step: "2".into(),
            cost: "12 500,-".into(),
            active: true,
        };
        let f = d.parse().expect("valid");
        assert_eq!(f.name, "Foreldre veiledning");
        assert_eq!((f.step.number(), f.cost), (2, Some(12_500)));
        for (name, step, cost, err) in [
            ("", "1", "", MeasureTypeError::Name),
            ("A", "7", "", MeasureTypeError::Step),
            ("A", "x", "", MeasureTypeError::Step),
            ("A", "1", "-5", MeasureTypeError::Cost),
            ("A", "1", "mye", MeasureTypeError::Cost),
            ("A", "1", "100000001", MeasureTypeError::Cost),
        ] {
            let d = MeasureTypeDraft {
                name: name.into(),
                step: step.into(),
                cost: cost.into(),
                active: true,
            };
            assert_eq!(d.parse(), Err(err), "{name} {step} {cost}");
        }
        assert_eq!(parse_cost("kr 800"), Ok(Some(800)));
        assert_eq!(parse_cost(" "), Ok(None));
        assert!(suggested().iter().any(|(_, s)| *s == 6));
    }
}
