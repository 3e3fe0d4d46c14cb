//! A consent as staff type it into the form or send it to the API, checked
//! field by field before it reaches the ledger, so that every mistake has its
//! own message id and nothing is stored. The ledger checks the rest: that the
//! right people gave it for the child's age.

use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients, Stance};
use ettlag_core::text::{Text, TextError};
use ettlag_core::{Coded, Day, PersonId, ServiceType, UnitId};

/// The longest purpose, in characters.
pub const MAX_PURPOSE: usize = 1000;

/// The part of a consent a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Grantors,
    Purpose,
    Categories,
    Recipients,
    ValidFrom,
    ValidTo,
    Evidence,
    Stance,
}

impl Field {
    /// The field a refusal of the ledger is about.
    pub fn of_refusal(key: &str) -> Field {
        match key {
            "consent-error-category" => Field::Categories,
            "consent-error-recipient" => Field::Recipients,
            "consent-error-purpose" => Field::Purpose,
            "consent-error-dates" => Field::ValidTo,
            _ => Field::Grantors,
        }
    }
}

/// What was typed or sent, as text.
#[derive(Debug, Clone, Default)]
pub struct ConsentDraft {
    /// Ids of the persons who gave it: guardians, or the child.
    pub grantors: Vec<String>,
    pub purpose: String,
    /// Category codes (`relay_log`, …).
    pub categories: Vec<String>,
    /// Ids of receiving units.
    pub units: Vec<String>,
    /// Codes of the kinds of service whose every unit may receive it.
    pub service_types: Vec<String>,
    /// `YYYY-MM-DD`; blank is today.
    pub valid_from: Option<String>,
    /// `YYYY-MM-DD`; blank is until withdrawn.
    pub valid_to: Option<String>,
    /// Evidence code (`meeting`, …).
    pub evidence: Option<String>,
    /// `grant` (blank) or `refusal`: the family says no to the recipients.
    pub stance: Option<String>,
}

/// Each problem with the field it is about and its message id.
pub type Problems = Vec<(Field, &'static str)>;

/// Today as the ledger counts it: the consents in force are those of this day.
pub fn today() -> Day {
    Day::parse(&ettlag_db::today()).unwrap_or_else(|_| Day::from_ms(ettlag_db::now_ms()))
}

fn blank(text: Option<&String>) -> Option<&str> {
    text.map(|t| t.trim()).filter(|t| !t.is_empty())
}

/// Parses every code of a list, or the first problem; duplicates are dropped.
fn codes<T: Coded + Ord>(values: &[String], unknown: &'static str) -> Result<Vec<T>, &'static str> {
    let mut out = values
        .iter()
        .map(|v| T::from_code(v).ok_or(unknown))
        .collect::<Result<Vec<T>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

impl ConsentDraft {
    /// The consent about `child`, or every problem found. `units` are the
    /// municipality's units; the consent starts `today` unless it says when.
    pub fn parse(
        &self,
        child: &PersonId,
        units: &[UnitId],
        today: Day,
    ) -> Result<Consent, Problems> {
        let mut problems = Problems::new();
        let mut grantors: Vec<PersonId> = Vec::new();
        for g in &self.grantors {
            match PersonId::parse(g.trim()) {
                Some(id) if grantors.contains(&id) => {}
                Some(id) => grantors.push(id),
                None => {
                    problems.push((Field::Grantors, "consent-error-grantor-unknown"));
                    break;
                }
            }
        }
        if self.grantors.is_empty() {
            problems.push((Field::Grantors, "consent-error-grantor"));
        }
        let purpose = match Text::parse(&self.purpose, MAX_PURPOSE) {
            Ok(p) => p.to_string(),
            Err(e) => {
                let key = match e {
                    TextError::Empty => "consent-error-purpose",
                    TextError::TooLong => "consent-error-purpose-long",
                    TextError::ControlCharacters => e.message_key(),
                };
                problems.push((Field::Purpose, key));
                String::new()
            }
        };
        let categories = codes::<Category>(&self.categories, "consent-error-category-unknown")
            .and_then(|c| {
                if c.is_empty() {
                    Err("consent-error-category")
                } else {
                    Ok(c)
                }
            })
            .unwrap_or_else(|key| {
                problems.push((Field::Categories, key));
                Vec::new()
            });
        let recipients = self.recipients(units).unwrap_or_else(|key| {
            problems.push((Field::Recipients, key));
            Recipients::default()
        });
        let valid_from = match blank(self.valid_from.as_ref()) {
            None => Some(today),
            Some(t) => Day::parse(t).ok(),
        };
        if valid_from.is_none() {
            problems.push((Field::ValidFrom, "error-bad-date"));
        }
        let valid_to = blank(self.valid_to.as_ref()).map(Day::parse).transpose();
        match (valid_from, &valid_to) {
            (_, Err(_)) => problems.push((Field::ValidTo, "error-bad-date")),
            (Some(from), Ok(Some(to))) if *to < from => {
                problems.push((Field::ValidTo, "consent-error-dates"));
            }
            _ => {}
        }
        let evidence = blank(self.evidence.as_ref()).and_then(Evidence::from_code);
        if evidence.is_none() {
            problems.push((Field::Evidence, "consent-error-evidence"));
        }
        let stance = match blank(self.stance.as_ref()) {
            None => Stance::Grant,
            Some(code) => Stance::from_code(code).unwrap_or_else(|| {
                problems.push((Field::Stance, "consent-error-stance"));
                Stance::Grant
            }),
        };
        match (valid_from, valid_to, evidence) {
            (Some(valid_from), Ok(valid_to), Some(evidence)) if problems.is_empty() => {
                let basis = if grantors.contains(child) {
                    AgeBasis::YoungPerson
                } else {
                    AgeBasis::Guardians
                };
                Ok(Consent {
                    id: String::new(),
                    subject: child.clone(),
                    grantors,
                    basis,
                    purpose,
                    recipients,
                    categories,
                    valid_from,
                    valid_to,
                    evidence,
                    withdrawn_at_ms: None,
                    stance,
                    awaiting: Vec::new(),
                    one_guardian_accepted: false,
                })
            }
            _ => Err(problems),
        }
    }

    fn recipients(&self, known: &[UnitId]) -> Result<Recipients, &'static str> {
        let mut units: Vec<UnitId> = Vec::new();
        for u in &self.units {
            let id = UnitId::parse(u.trim())
                .filter(|id| known.contains(id))
                .ok_or("consent-error-unit-unknown")?;
            if !units.contains(&id) {
                units.push(id);
            }
        }
        let service_types =
            codes::<ServiceType>(&self.service_types, "consent-error-service-unknown")?;
        let recipients = Recipients {
            units,
            service_types,
        };
        if recipients.is_empty() {
            Err("consent-error-recipient")
        } else {
            Ok(recipients)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ConsentDraft {
        ConsentDraft {
            grantors: vec!["mor".into()],
            purpose: " Samarbeid med Sørli skole ".into(),
            categories: vec!["plan".into(), "relay_log".into(), "plan".into()],
            units: vec!["sorli".into()],
            service_types: vec![],
            valid_from: None,
            valid_to: Some("2030-01-01".into()),
            evidence: Some("meeting".into()),
            stance: None,
        }
    }

    fn ids() -> (PersonId, Vec<UnitId>, Day) {
        let child = PersonId::parse("barn").expect("id");
        let units = vec![UnitId::parse("sorli").expect("id")];
        (child, units, Day::parse("2026-03-01").expect("day"))
    }

    #[test]
    fn a_good_draft_is_a_consent_of_the_guardians_from_today() {
        let (child, units, today) = ids();
        let c = draft().parse(&child, &units, today).expect("valid");
        assert_eq!(c.basis, AgeBasis::Guardians);
        assert_eq!(c.purpose, "Samarbeid med Sørli skole");
        assert_eq!(c.categories, vec![Category::RelayLog, Category::Plan]);
        assert_eq!(c.valid_from, today);
        assert_eq!(c.evidence, Evidence::Meeting);
        let mut own = draft();
        own.grantors = vec!["barn".into()];
        let c = own.parse(&child, &units, today).expect("valid");
        assert_eq!(c.basis, AgeBasis::YoungPerson);
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        let (child, units, today) = ids();
        let empty = ConsentDraft::default();
        let problems = empty.parse(&child, &units, today).expect_err("invalid");
        assert_eq!(
            problems,
            vec![
                (Field::Grantors, "consent-error-grantor"),
                (Field::Purpose, "consent-error-purpose"),
                (Field::Categories, "consent-error-category"),
                (Field::Recipients, "consent-error-recipient"),
                (Field::Evidence, "consent-error-evidence"),
            ]
        );
        let bad = ConsentDraft {
            grantors: vec!["mor far".into()],
            purpose: "x".repeat(MAX_PURPOSE + 1),
            categories: vec!["diary".into()],
            units: vec!["nordli".into()],
            valid_from: Some("2026-02-30".into()),
            valid_to: Some("i morgen".into()),
            evidence: Some("rumour".into()),
            stance: Some("maybe".into()),
            ..ConsentDraft::default()
        };
        let keys: Vec<_> = bad
            .parse(&child, &units, today)
            .expect_err("invalid")
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        assert_eq!(
            keys,
            [
                "consent-error-grantor-unknown",
                "consent-error-purpose-long",
                "consent-error-category-unknown",
                "consent-error-unit-unknown",
                "error-bad-date",
                "error-bad-date",
                "consent-error-evidence",
                "consent-error-stance",
            ]
        );
        let mut no = draft();
        no.stance = Some("refusal".into());
        let refusal = no.parse(&child, &units, today).expect("a refusal");
        assert_eq!(refusal.stance, Stance::Refusal);
        let mut reversed = draft();
        reversed.valid_from = Some("2030-01-02".into());
        assert_eq!(
            reversed.parse(&child, &units, today).expect_err("invalid"),
            vec![(Field::ValidTo, "consent-error-dates")]
        );
        let mut service = draft();
        service.units.clear();
        service.service_types = vec!["hospital".into()];
        assert_eq!(
            service.parse(&child, &units, today).expect_err("invalid"),
            vec![(Field::Recipients, "consent-error-service-unknown")]
        );
    }
}
