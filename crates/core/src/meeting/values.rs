//! The municipality's values poster (verdiplakat): each value with the norms
//! that show it and the taboos that break it, shown when a meeting opens.
//!
//! An administrator types it as blocks separated by a blank line: the
//! value's name on the first line, then `+ norm` and `- taboo` lines.

use serde::{Deserialize, Serialize};

use super::{MAX_ITEMS, MeetingError, text};

use crate::text::{MAX_SHORT, MAX_TEXT, Text};

/// One value with its norms and taboos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Value {
    pub name: Text,
    pub norms: Vec<Text>,
    pub taboos: Vec<Text>,
}

/// The poster, well-formed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValuesPoster {
    pub values: Vec<Value>,
}

impl ValuesPoster {
    /// Parses the typed form; an empty text is an empty poster.
    pub fn parse(typed: &str) -> Result<ValuesPoster, MeetingError> {
        let normalised = typed.replace("\r\n", "\n");
        let mut values = Vec::new();
        for block in normalised.split("\n\n").filter(|b| !b.trim().is_empty()) {
            let mut lines = block.lines().map(str::trim).filter(|l| !l.is_empty());
            let name = lines.next().ok_or(MeetingError::BadPoster)?;
            if name.starts_with('+') || name.starts_with('-') {
                return Err(MeetingError::BadPoster);
            }
            let mut value = Value {
                name: text(name, MAX_SHORT)?,
                norms: Vec::new(),
                taboos: Vec::new(),
            };
            for line in lines {
                if let Some(norm) = line.strip_prefix('+') {
                    value.norms.push(text(norm, MAX_TEXT)?);
                } else if let Some(taboo) = line.strip_prefix('-') {
                    value.taboos.push(text(taboo, MAX_TEXT)?);
                } else {
                    return Err(MeetingError::BadPoster);
                }
            }
            if value.norms.len() > MAX_ITEMS || value.taboos.len() > MAX_ITEMS {
                return Err(MeetingError::TooMany);
            }
            values.push(value);
        }
        if values.len() > MAX_ITEMS {
            return Err(MeetingError::TooMany);
        }
        Ok(ValuesPoster { values })
    }

    /// The typed form of the poster, for the admin form.
    pub fn typed(&self) -> String {
        self.values
            .iter()
            .map(|v| {
                let mut lines = vec![v.name.to_string()];
                lines.extend(v.norms.iter().map(|n| format!("+ {n}")));
                lines.extend(v.taboos.iter().map(|t| format!("- {t}")));
                lines.join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// A sample poster for the demo municipality.
    pub fn sample() -> &'static str {
        "Respekt\n+ Vi lytter til barnet og familien først\n+ Vi snakker med familien, ikke om den\n- Å ta beslutninger om familien uten familien\n\n\
         Åpenhet\n+ Vi sier hva vi vet og hva vi ikke vet\n- Å dele mer enn familien har sagt ja til\n\n\
         Ansvar\n+ Hvert tiltak har en som er ansvarlig og en frist\n- Å love noe vi ikke kan holde"
    }
}
