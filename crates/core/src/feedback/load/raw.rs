//! The pack file as TOML gives it, before any check. Unknown fields are
//! refused so that a misspelt key (`cutof`) is an error, not a silent default.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected, Visitor};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) placeholder: bool,
    pub(super) source: String,
    pub(super) licence: Option<String>,
    pub(super) name: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) scales: Vec<RawScale>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    pub(super) id: String,
    pub(super) kind: String,
    pub(super) items: Vec<String>,
    #[serde(default)]
    pub(super) bands: Vec<RawBand>,
    pub(super) reliable_change: Option<RawReliableChange>,
    #[serde(default)]
    pub(super) alerts: RawAlerts,
    pub(super) text: BTreeMap<String, RawScaleText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScaleText {
    pub(super) name: String,
    pub(super) items: Vec<RawItemText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItemText {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) low: String,
    pub(super) high: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBand {
    pub(super) from_age: i64,
    pub(super) to_age: i64,
    pub(super) cutoff: RawNumber,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReliableChange {
    pub(super) threshold: RawNumber,
    pub(super) sd: RawNumber,
    pub(super) reliability: RawNumber,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlerts {
    pub(super) total_below: Option<RawNumber>,
    pub(super) item_below: Option<RawNumber>,
    pub(super) drop_since_previous: Option<RawNumber>,
}

/// TOML has integers and floats; a pack may write `25` or `24.5`.
#[derive(Clone, Copy)]
pub(super) enum RawNumber {
    Int(i64),
    Float(f64),
}

/// By hand rather than `#[serde(untagged)]`, whose error ("did not match any
/// variant") would not tell the person editing the file what to write.
impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;

        impl Visitor<'_> for NumberVisitor {
            type Value = RawNumber;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number such as 25, 24.5 or 0.90, without quotes")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNumber, E> {
                Ok(RawNumber::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNumber, E> {
                i64::try_from(v)
                    .map(RawNumber::Int)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNumber, E> {
                Ok(RawNumber::Float(v))
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

impl RawNumber {
    pub(super) fn show(self) -> String {
        match self {
            RawNumber::Int(i) => i.to_string(),
            RawNumber::Float(f) => f.to_string(),
        }
    }

    /// Tenths if the number has at most one decimal, whatever its range.
    pub(super) fn tenths(self) -> Option<i64> {
        match self {
            RawNumber::Int(i) => Some(i.saturating_mul(10)),
            RawNumber::Float(f) if f.is_finite() => {
                let x = f * 10.0;
                let rounded = x.round();
                // 7.3 is 72.999… in binary; anything farther from a whole
                // number of tenths than float noise had a second decimal.
                ((x - rounded).abs() < 1e-6).then_some(rounded as i64)
            }
            RawNumber::Float(_) => None,
        }
    }
}
