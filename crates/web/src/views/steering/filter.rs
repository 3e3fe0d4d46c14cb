//! The filters of the steering views, parsed from the query string: a bad
//! value is refused with a message in the user's language.

use ettlag_core::steering::{AgeBand, Period};
use ettlag_core::{Coded, Day, ServiceType, UnitId};
use ettlag_db::SteeringFilter;
use serde::Deserialize;

use crate::error::AppError;

/// The query string as sent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FilterQuery {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub age: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl FilterQuery {
    /// The filter; the last twelve months when no period is given.
    pub fn parse(&self, now_ms: i64) -> Result<SteeringFilter, AppError> {
        let bad = |key: &str| AppError::BadRequest(key.to_string());
        let unit = match self.unit.trim() {
            "" => None,
            u => Some(UnitId::parse(u).ok_or_else(|| bad("steering-error-unit"))?),
        };
        let service_type = match self.service.trim() {
            "" => None,
            s => Some(ServiceType::from_code(s).ok_or_else(|| bad("steering-error-service"))?),
        };
        let age = match self.age.trim() {
            "" => None,
            a => Some(AgeBand::from_code(a).ok_or_else(|| bad("steering-error-age"))?),
        };
        let area = Some(self.area.trim().to_string()).filter(|a| !a.is_empty());
        if area.as_ref().is_some_and(|a| a.chars().count() > 100) {
            return Err(bad("steering-error-area"));
        }
        let (y, m, _) = Day::from_ms(now_ms).ymd();
        let default = Period::last_twelve(y, m);
        let period = match (self.from.trim(), self.to.trim()) {
            ("", "") => default,
            (from, to) => Period::parse(
                if from.is_empty() {
                    default.from()
                } else {
                    from
                },
                if to.is_empty() { default.to() } else { to },
            )
            .map_err(|e| bad(e.message_key()))?,
        };
        Ok(SteeringFilter {
            unit,
            service_type,
            area,
            age,
            period,
        })
    }

    /// The same filter as a query string, for links and CSV files.
    pub fn query_string(&self, f: &SteeringFilter) -> String {
        let mut parts = vec![
            format!("from={}", f.period.from()),
            format!("to={}", f.period.to()),
        ];
        if let Some(u) = &f.unit {
            parts.push(format!("unit={}", encode(u.as_str())));
        }
        if let Some(s) = f.service_type {
            parts.push(format!("service={}", s.code()));
        }
        if let Some(a) = &f.area {
            parts.push(format!("area={}", encode(a)));
        }
        if let Some(a) = f.age {
            parts.push(format!("age={}", a.code()));
        }
        parts.join("&")
    }
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_refused_and_good_ones_round_trip() {
        let now = Day::parse("2026-11-25").map(|d| d.start_ms()).unwrap_or(0);
        let q = |f: FilterQuery| f.parse(now);
        assert!(
            matches!(q(FilterQuery { age: "7-9".into(), ..Default::default() }), Err(AppError::BadRequest(k)) if k == "steering-error-age")
        );
        assert!(
            matches!(q(FilterQuery { from: "2026-13".into(), ..Default::default() }), Err(AppError::BadRequest(k)) if k == "steering-error-month")
        );
        assert!(
            matches!(q(FilterQuery { service: "zoo".into(), ..Default::default() }), Err(AppError::BadRequest(k)) if k == "steering-error-service")
        );
        let ok = FilterQuery {
            area: "Nord vest".into(),
            age: "6-12".into(),
            ..Default::default()
        };
        let f = q(ok.clone())
            .map_err(|_| "parse")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.period.from(), "2025-12");
        assert_eq!(
            ok.query_string(&f),
            "from=2025-12&to=2026-11&area=Nord%20vest&age=6-12"
        );
    }
}
