//! Meeting templates: a meeting's purpose, its agenda (content), its form and
//! who leads it. A municipality configures its own; until it does, the
//! built-in default follows the three steps of the 1-2-3 model: understand
//! the person, agree on what matters, make it possible.

use serde::{Deserialize, Serialize};

use super::{MAX_ITEMS, MeetingError, text};

use crate::text::{MAX_SHORT, MAX_TEXT, Text};

/// One part of the agenda: a title and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaPart {
    pub title: Text,
    pub content: Text,
}

/// A template, well-formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingTemplate {
    pub name: Text,
    pub purpose: Text,
    /// How the meeting is held: in person, by video, at home…
    pub form: Text,
    /// Who leads it: a role or a person, as the municipality words it.
    pub leads: Text,
    pub parts: Vec<AgendaPart>,
}

impl MeetingTemplate {
    /// The built-in default, in Norwegian bokmål like the municipality's own
    /// texts: the three steps "understand the person → agree on what matters
    /// → make it possible".
    pub fn default_template() -> MeetingTemplate {
        let t = Text::builtin;
        MeetingTemplate {
            name: t("Samarbeidsmøte om planen"),
            purpose: t("Vi blir enige med familien om hva som er viktig og hvem som gjør hva."),
            form: t("Fysisk møte, eller video når familien ønsker det"),
            leads: t("Koordinatoren"),
            parts: vec![
                AgendaPart {
                    title: t("1. Forstå personen"),
                    content: t(
                        "Hva er viktig for deg? Hvordan har det gått siden sist? Barnets stemme.",
                    ),
                },
                AgendaPart {
                    title: t("2. Bli enige om hva som betyr noe"),
                    content: t("Felles bilde av behov og drømmer; mål med personens egne ord."),
                },
                AgendaPart {
                    title: t("3. Gjøre det mulig"),
                    content: t("Beslutninger og tiltak: hvem gjør hva, og innen når."),
                },
            ],
        }
    }
}

/// A template as an administrator types it: the agenda one part per line,
/// `title: what it holds`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDraft {
    pub name: String,
    pub purpose: String,
    pub form: String,
    pub leads: String,
    pub parts: String,
}

impl TemplateDraft {
    pub fn parse(&self) -> Result<MeetingTemplate, MeetingError> {
        let parts = self
            .parts
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (title, content) = line.split_once(':').ok_or(MeetingError::BadTemplate)?;
                Ok(AgendaPart {
                    title: text(title, MAX_SHORT)?,
                    content: text(content, MAX_TEXT)?,
                })
            })
            .collect::<Result<Vec<_>, MeetingError>>()?;
        if parts.is_empty() {
            return Err(MeetingError::BadTemplate);
        }
        if parts.len() > MAX_ITEMS {
            return Err(MeetingError::TooMany);
        }
        Ok(MeetingTemplate {
            name: text(&self.name, MAX_SHORT)?,
            purpose: text(&self.purpose, MAX_TEXT)?,
            form: text(&self.form, MAX_SHORT)?,
            leads: text(&self.leads, MAX_SHORT)?,
            parts,
        })
    }
}

impl From<&MeetingTemplate> for TemplateDraft {
    fn from(t: &MeetingTemplate) -> Self {
        TemplateDraft {
            name: t.name.to_string(),
            purpose: t.purpose.to_string(),
            form: t.form.to_string(),
            leads: t.leads.to_string(),
            parts: t
                .parts
                .iter()
                .map(|p| format!("{}: {}", p.title, p.content))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}
