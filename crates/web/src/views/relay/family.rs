//! The family's part in starting a log and changing its level, on the pages:
//! the fieldset that asks whether the family was told (shared by the
//! concern's decision, the intake item's start and the log's level change),
//! reading it from a form, and saying in words what was recorded.

use ettlag_core::Coded;
use ettlag_core::relay::{Channel, FamilyError, FamilyInformed, FamilyInformedDraft, NotYetReason};
use ettlag_db::now_ms;

use crate::i18n::Tr;
use crate::views::form::{Choice, Fields};
use crate::views::time::{day, today_local};

/// The fieldset's values: what was typed, to show again, and the choices.
#[derive(Debug, Clone)]
pub struct FamilyForm {
    pub d: FamilyInformedDraft,
    pub hows: Vec<Choice>,
    pub reasons: Vec<Choice>,
    /// Today, the latest day the family can have been told.
    pub today: String,
}

impl FamilyForm {
    pub fn new(tr: &Tr, d: FamilyInformedDraft) -> FamilyForm {
        let choices = |all: Vec<(&str, String)>, chosen: &str| {
            all.into_iter()
                .map(|(code, label)| Choice::new(code, label, code == chosen.trim()))
                .collect()
        };
        let hows = Channel::ALL
            .iter()
            .map(|c| (c.code(), tr.t(&c.message_key())))
            .collect();
        let reasons = NotYetReason::ALL
            .iter()
            .map(|r| (r.code(), tr.t(&r.message_key())))
            .collect();
        FamilyForm {
            hows: choices(hows, &d.how),
            reasons: choices(reasons, &d.reason),
            today: today_local(now_ms()).to_string(),
            d,
        }
    }

    pub fn told(&self) -> bool {
        self.d.status == "told"
    }

    pub fn not_yet(&self) -> bool {
        self.d.status == "not_yet"
    }
}

/// The fieldset's fields as sent.
pub fn draft_of(fields: &Fields) -> FamilyInformedDraft {
    FamilyInformedDraft {
        status: fields.get("family"),
        on: fields.get("family_on"),
        how: fields.get("family_how"),
        who: fields.raw("family_who"),
        said: fields.raw("family_said"),
        reason: fields.get("family_reason"),
        note: fields.raw("family_note"),
    }
}

/// Parses the fieldset against today's local date.
pub fn parse_family(draft: &FamilyInformedDraft) -> Result<FamilyInformed, FamilyError> {
    draft.parse(today_local(now_ms()))
}

/// What was recorded, in plain words: "Mor ble informert i møte 03.12.2026:
/// …" or "Familien er ikke informert ennå: …".
pub fn family_sentence(tr: &Tr, family: &FamilyInformed) -> String {
    match family {
        FamilyInformed::Told { on, how, who, said } => tr.t_with(
            "family-line-told",
            &[
                ("who", who.to_string()),
                (
                    "how",
                    tr.t(&format!("family-by-{}", how.code().replace('_', "-"))),
                ),
                ("on", day(*on)),
                ("said", said.to_string()),
            ],
        ),
        FamilyInformed::NotYet { reason, note } => tr.t_with(
            "family-line-not-yet",
            &[
                ("reason", tr.t(&reason.message_key())),
                ("note", note.to_string()),
            ],
        ),
    }
}
