//! The child's consents as the child's page shows them: whether each is in
//! force, who gave it, for what, who may receive which information, for how
//! long, on what evidence and who recorded it; and the notice after a
//! change to the ledger.

use std::collections::HashMap;

use ettlag_core::consent::{AgeBasis, Consent};
use ettlag_core::{Coded, Day, RelationKind};
use ettlag_db::{AccessContext, ConsentRecord, PersonDetail};

use crate::consent_input::today;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::views::time::{day, moment};

/// Where a consent stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentState {
    /// It waits for a guardian with parental responsibility.
    Draft,
    InForce,
    /// It starts on a later day.
    Upcoming,
    /// Its last day has passed.
    Ended,
    Withdrawn,
}

impl ConsentState {
    pub fn of(c: &Consent, today: Day) -> ConsentState {
        if c.withdrawn_at_ms.is_some() {
            ConsentState::Withdrawn
        } else if c.is_draft() {
            ConsentState::Draft
        } else if c.valid_to.is_some_and(|to| to < today) {
            ConsentState::Ended
        } else if c.valid_from > today {
            ConsentState::Upcoming
        } else {
            ConsentState::InForce
        }
    }

    /// A stable code (`draft`, `in_force`, `upcoming`, `ended`, `withdrawn`).
    pub fn code(self) -> &'static str {
        match self {
            ConsentState::Draft => "draft",
            ConsentState::InForce => "in_force",
            ConsentState::Upcoming => "upcoming",
            ConsentState::Ended => "ended",
            ConsentState::Withdrawn => "withdrawn",
        }
    }

    /// Whether it can still be withdrawn: it is, will be or may come to be
    /// in force.
    pub fn can_withdraw(self) -> bool {
        matches!(
            self,
            ConsentState::Draft | ConsentState::InForce | ConsentState::Upcoming
        )
    }
}

/// One consent as shown.
#[derive(Debug, Clone)]
pub struct ConsentLine {
    pub id: String,
    /// The state's code, for styling.
    pub state: &'static str,
    pub state_label: String,
    pub grantors: String,
    pub basis: String,
    pub purpose: String,
    pub categories: String,
    pub recipients: String,
    pub period: String,
    pub evidence: String,
    pub recorded: String,
    pub withdrawn: Option<String>,
    pub withdrawn_note: Option<String>,
    pub can_withdraw: bool,
    /// A "no" to the recipients rather than a consent.
    pub refusal: bool,
    /// The guardians it still waits for: (person id, name).
    pub awaiting: Vec<(String, String)>,
    /// Given by one guardian under the municipality's setting.
    pub one_guardian: bool,
}

/// The consents section of a child's page.
#[derive(Debug, Clone, Default)]
pub struct ConsentSection {
    pub lines: Vec<ConsentLine>,
    /// Why the last withdrawal was refused.
    pub error: Option<String>,
}

impl ConsentSection {
    /// The child's consents, each read through the ledger (decided and audited).
    pub async fn load(
        access: &AccessContext,
        tr: &Tr,
        detail: &PersonDetail,
        error: Option<String>,
    ) -> AppResult<ConsentSection> {
        let records = access.consents_of(&detail.person.id).await?;
        let units: HashMap<String, String> = if records
            .iter()
            .any(|r| !r.consent.recipients.units.is_empty())
        {
            access
                .units()
                .await?
                .into_iter()
                .map(|u| (u.id.into_string(), u.name))
                .collect()
        } else {
            HashMap::new()
        };
        let mut people: HashMap<String, String> = detail
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Guardian)
            .map(|r| {
                (
                    r.person_id.to_string(),
                    full_name(&r.given_name, &r.family_name),
                )
            })
            .collect();
        people.insert(
            detail.person.id.to_string(),
            full_name(&detail.person.given_name, &detail.person.family_name),
        );
        let today = today();
        let lines = records
            .iter()
            .map(|r| line(tr, r, &people, &units, today))
            .collect();
        Ok(ConsentSection { lines, error })
    }
}

fn full_name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}

fn join(parts: impl IntoIterator<Item = String>) -> String {
    parts.into_iter().collect::<Vec<_>>().join(", ")
}

fn line(
    tr: &Tr,
    r: &ConsentRecord,
    people: &HashMap<String, String>,
    units: &HashMap<String, String>,
    today: Day,
) -> ConsentLine {
    let c = &r.consent;
    let state = ConsentState::of(c, today);
    let state_key = if c.stance.is_grant() {
        format!("consent-status-{}", state.code().replace('_', "-"))
    } else {
        format!("consent-refusal-status-{}", state.code().replace('_', "-"))
    };
    let name = |g: &ettlag_core::PersonId| {
        people
            .get(g.as_str())
            .cloned()
            .unwrap_or_else(|| tr.t("consent-unknown-person"))
    };
    let grantors = join(c.grantors.iter().map(name));
    let basis = tr.t(match c.basis {
        AgeBasis::Guardians => "consent-basis-guardians",
        AgeBasis::YoungPerson => "consent-basis-young-person",
    });
    let mut recipients: Vec<String> = c
        .recipients
        .units
        .iter()
        .map(|u| {
            units
                .get(u.as_str())
                .cloned()
                .unwrap_or_else(|| u.to_string())
        })
        .collect();
    if !c.recipients.service_types.is_empty() {
        let kinds = join(
            c.recipients
                .service_types
                .iter()
                .map(|s| tr.t(&s.message_key())),
        );
        recipients.push(format!("{}: {kinds}", tr.t("consent-services")));
    }
    let from = day(c.valid_from);
    let period = match c.valid_to {
        Some(to) => tr.t_with("consent-period-from-to", &[("from", from), ("to", day(to))]),
        None => tr.t_with("consent-period-open", &[("from", from)]),
    };
    ConsentLine {
        id: c.id.clone(),
        state: state.code(),
        state_label: tr.t(&state_key),
        grantors,
        basis,
        purpose: c.purpose.clone(),
        categories: join(c.categories.iter().map(|k| tr.t(&k.message_key()))),
        recipients: recipients.join("; "),
        period,
        evidence: tr.t(&c.evidence.message_key()),
        recorded: format!("{}, {}", r.recorded_by.name, moment(r.recorded_at_ms)),
        withdrawn: c.withdrawn_at_ms.map(|at| match &r.withdrawn_by {
            Some(by) if by.id.as_str().starts_with(ettlag_db::CITIZEN) => format!(
                "{}, {}, {}",
                by.name,
                tr.t("consent-withdrawn-in-portal"),
                moment(at)
            ),
            Some(by) => format!("{}, {}", by.name, moment(at)),
            None => moment(at),
        }),
        // The portal writes its own name as the note; the line above says it.
        withdrawn_note: r.withdrawn_note.clone().filter(|n| {
            !(n == "portal"
                && r.withdrawn_by
                    .as_ref()
                    .is_some_and(|b| b.id.as_str().starts_with(ettlag_db::CITIZEN)))
        }),
        can_withdraw: state.can_withdraw(),
        refusal: !c.stance.is_grant(),
        awaiting: c
            .awaiting
            .iter()
            .map(|g| (g.to_string(), name(g)))
            .collect(),
        one_guardian: c.one_guardian_accepted,
    }
}

/// The notice on the child's page after a consent was given or withdrawn.
pub fn notice(tr: &Tr, done: &str) -> Option<String> {
    match done {
        "consent-given" => Some(tr.t("consent-done-given")),
        "consent-withdrawn" => Some(tr.t("consent-done-withdrawn")),
        "consent-joined" => Some(tr.t("consent-done-joined")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use ettlag_core::consent::{Category, Evidence, Recipients};
    use ettlag_core::{PersonId, ServiceType};

    use super::*;

    #[test]
    fn a_consent_is_in_force_between_its_days_until_withdrawn() {
        let day = |s: &str| Day::parse(s).expect("day");
        let mut c = Consent {
            id: "k".into(),
            subject: PersonId::parse("barn").expect("id"),
            grantors: vec![],
            basis: AgeBasis::Guardians,
            purpose: "Samarbeid".into(),
            recipients: Recipients {
                units: vec![],
                service_types: vec![ServiceType::School],
            },
            categories: vec![Category::Plan],
            valid_from: day("2026-03-01"),
            valid_to: Some(day("2026-06-30")),
            evidence: Evidence::Meeting,
            withdrawn_at_ms: None,
            stance: Default::default(),
            awaiting: Vec::new(),
            one_guardian_accepted: false,
        };
        assert_eq!(
            ConsentState::of(&c, day("2026-02-28")),
            ConsentState::Upcoming
        );
        assert_eq!(
            ConsentState::of(&c, day("2026-03-01")),
            ConsentState::InForce
        );
        assert_eq!(
            ConsentState::of(&c, day("2026-06-30")),
            ConsentState::InForce
        );
        assert_eq!(ConsentState::of(&c, day("2026-07-01")), ConsentState::Ended);
        c.withdrawn_at_ms = Some(1);
        assert_eq!(
            ConsentState::of(&c, day("2026-03-02")),
            ConsentState::Withdrawn
        );
        assert!(!ConsentState::Withdrawn.can_withdraw());
        assert!(ConsentState::Upcoming.can_withdraw());
    }
}
