//! Languages. Bokmål first; nynorsk, Danish and English from the same Fluent
//! message ids. The translations are compiled into the binary.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nb",
        // Isolation marks around placeables would end up inside our HTML.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nb,
    Nn,
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Nb, Lang::Nn, Lang::Da, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// The language's own name, shown in the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nb => "Norsk bokmål",
            Lang::Nn => "Norsk nynorsk",
            Lang::Da => "Dansk",
            Lang::En => "English",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nb-no" | "no-no" => Some(Lang::Nb),
            "nn" | "nn-no" => Some(Lang::Nn),
            "da" | "da-dk" => Some(Lang::Da),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first language of an `Accept-Language` header we speak, by weight.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut choices: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it
                    .find_map(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                    })
                    .unwrap_or(1.0);
                let lang =
                    Lang::from_code(tag).or_else(|| Lang::from_code(tag.split('-').next()?))?;
                Some((q, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0));
        choices.first().map(|(_, l)| *l)
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Nb => langid!("nb"),
            Lang::Nn => langid!("nn"),
            Lang::Da => langid!("da"),
            Lang::En => langid!("en"),
        }
    }
}

/// Translates message ids into one language. Templates hold one of these.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The message for `id`; the id itself if no language has it, so that a
    /// missing translation shows up instead of a blank.
    pub fn t(&self, id: &str) -> String {
        LOCALES
            .try_lookup(&self.lang.id(), id)
            .unwrap_or_else(|| id.to_string())
    }

    /// The message for `id` with named arguments.
    pub fn t_with(&self, id: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| {
                // Whole numbers go in as numbers, so that messages can choose
                // the plural form ("1 dag", "3 dager").
                let value = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.clone()),
                };
                (Cow::Owned((*k).to_string()), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.lang.id(), id, &map)
            .unwrap_or_else(|| id.to_string())
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_we_speak() {
        assert_eq!(
            Lang::from_accept_language("da-DK,da;q=0.9,en;q=0.8"),
            Some(Lang::Da)
        );
        assert_eq!(
            Lang::from_accept_language("de;q=1.0, en;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("nn;q=0.4, nb;q=0.9"),
            Some(Lang::Nb)
        );
        assert_eq!(Lang::from_accept_language("fr"), None);
    }

    #[test]
    fn every_language_has_every_message() {
        // Every .ftl file of bokmål has its twin in each language, with the same ids.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let read = |lang: &str, file: &std::ffi::OsStr| {
            std::fs::read_to_string(dir.join(lang).join(file)).unwrap_or_default()
        };
        let files: Vec<_> = std::fs::read_dir(dir.join("nb"))
            .expect("locales/nb")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .filter(|f| f.to_string_lossy().ends_with(".ftl"))
            .collect();
        assert!(files.len() >= 2, "{files:?}");
        let mut all = Vec::new();
        for file in &files {
            let nb = message_ids(&read("nb", file));
            for code in ["nn", "da", "en"] {
                let ids = message_ids(&read(code, file));
                let missing: Vec<_> = nb.iter().filter(|id| !ids.contains(id)).collect();
                assert!(missing.is_empty(), "{code}/{file:?} lacks {missing:?}");
            }
            all.extend(nb);
        }
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count, "a message id is defined twice");
        for lang in Lang::ALL {
            assert_ne!(Tr::new(lang).t("app-name"), "app-name");
            assert_ne!(
                Tr::new(lang).t("baton-error-to-self"),
                "baton-error-to-self"
            );
        }
    }

    #[test]
    fn languages_differ_where_they_should() {
        assert_ne!(
            Tr::new(Lang::Nb).t("nav-children"),
            Tr::new(Lang::En).t("nav-children")
        );
    }

    fn message_ids(ftl: &str) -> Vec<String> {
        ftl.lines()
            .filter_map(|l| {
                let (id, _) = l.split_once(" =")?;
                (!id.starts_with(['#', ' ', '.']) && !id.is_empty()).then(|| id.trim().to_string())
            })
            .collect()
    }
}
