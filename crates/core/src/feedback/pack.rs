//! An instrument pack: the scales a municipality uses, their item texts in
//! every language, age bands with cut-offs, the reliable-change threshold and
//! the alert rules. A pack exists only as the result of
//! [`crate::feedback::load`], which checks every rule below, so the fields are
//! read through methods and cannot be changed afterwards.
//!
//! Every scale is a set of 0–10 visual analogue items where low is on the
//! left and higher is better (reference/fit.md §1); a total below the age
//! band's cut-off is in the clinical range.

use serde::Serialize;

use crate::feedback::score::{Answer, ITEM_MAX, ScoreError, Tenths};

/// The most items one scale may have: enough for any brief feedback form,
/// small enough that a total fits in a `u16` of tenths with room to spare.
pub const MAX_ITEMS: usize = 20;

/// The languages every text of a pack must be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Norwegian bokmål, first because most municipalities use it.
    Nb,
    /// Norwegian nynorsk.
    Nn,
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Nb, Lang::Nn, Lang::Da, Lang::En];

    /// The code used as a key in pack files and as the Fluent locale.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// One value per language; a pack has no holes, so lookup cannot fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PerLang<T> {
    pub nb: T,
    pub nn: T,
    pub da: T,
    pub en: T,
}

impl<T> PerLang<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Nb => &self.nb,
            Lang::Nn => &self.nn,
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

/// What a scale measures, which decides how its scores are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// How things are going in the person's life (given at the start of a
    /// session); has cut-offs and reliable change, feeds aggregates.
    Outcome,
    /// How the conversation went (given at the end); feeds alerts only.
    Alliance,
}

impl ScaleKind {
    pub fn code(self) -> &'static str {
        match self {
            ScaleKind::Outcome => "outcome",
            ScaleKind::Alliance => "alliance",
        }
    }

    pub fn from_code(code: &str) -> Option<ScaleKind> {
        [ScaleKind::Outcome, ScaleKind::Alliance]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pack {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) placeholder: bool,
    pub(super) source: String,
    pub(super) licence: Option<String>,
    pub(super) name: PerLang<String>,
    pub(super) scales: Vec<Scale>,
}

impl Pack {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn version(&self) -> &str {
        &self.version
    }
    /// True when the pack's numbers are not validated and must not be
    /// presented as clinical norms (our own plain pack).
    pub fn placeholder(&self) -> bool {
        self.placeholder
    }
    /// Where the numbers come from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Who licensed the item texts, for a licensed pack.
    pub fn licence(&self) -> Option<&str> {
        self.licence.as_deref()
    }
    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
    pub fn scales(&self) -> &[Scale] {
        &self.scales
    }
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub(super) id: String,
    pub(super) kind: ScaleKind,
    pub(super) name: PerLang<String>,
    pub(super) items: Vec<Item>,
    pub(super) bands: Vec<AgeBand>,
    pub(super) reliable_change: Option<ReliableChange>,
    pub(super) alerts: AlertRules,
}

impl Scale {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn kind(&self) -> ScaleKind {
        self.kind
    }
    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
    /// In the order they are shown.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
    /// The highest possible total: 10.0 per item.
    pub fn max_total(&self) -> Tenths {
        // At most MAX_ITEMS * 100 = 2000 tenths, far below u16::MAX.
        Tenths::new(u16::try_from(self.items.len()).unwrap_or(0) * ITEM_MAX)
    }
    /// Contiguous and in age order; empty only for an alliance scale.
    pub fn bands(&self) -> &[AgeBand] {
        &self.bands
    }
    /// The band an age (whole years, at intake) falls in, if the pack covers it.
    pub fn band_for_age(&self, age_years: u8) -> Option<&AgeBand> {
        self.bands
            .iter()
            .find(|b| (b.from_age..=b.to_age).contains(&age_years))
    }
    /// Always present for an outcome scale.
    pub fn reliable_change(&self) -> Option<&ReliableChange> {
        self.reliable_change.as_ref()
    }
    pub fn alerts(&self) -> &AlertRules {
        &self.alerts
    }
    /// Checks a completed form against this scale: one score per item.
    pub fn answer(&self, items: Vec<Tenths>) -> Result<Answer, ScoreError> {
        Answer::new(items, self.items.len())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub(super) id: String,
    pub(super) text: PerLang<ItemText>,
}

impl Item {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn text(&self, lang: Lang) -> &ItemText {
        self.text.get(lang)
    }
}

/// What the person reads: the question and the words at each end of the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemText {
    pub label: String,
    /// At the left end, 0.
    pub low: String,
    /// At the right end, 10.
    pub high: String,
}

/// Ages `from_age..=to_age` in whole years; a total below `cutoff` is in the
/// clinical range, `cutoff` itself and above is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeBand {
    pub from_age: u8,
    pub to_age: u8,
    pub cutoff: Tenths,
}

impl AgeBand {
    pub fn is_clinical(&self, total: Tenths) -> bool {
        total < self.cutoff
    }
}

/// The smallest change of the total counted as reliable, with the standard
/// deviation and reliability it was computed from (Jacobson–Truax), so that a
/// reader can see what the threshold assumes and check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReliableChange {
    pub threshold: Tenths,
    /// The standard deviation of intake totals in the reference sample.
    pub sd: Tenths,
    /// The reliability coefficient in thousandths (0.90 is 900).
    pub reliability_milli: u16,
}

/// When a form should make the worker stop and talk about it. Each rule is
/// optional; a rule fires on "below" strictly and on a drop of at least the
/// given size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AlertRules {
    pub total_below: Option<Tenths>,
    pub item_below: Option<Tenths>,
    pub drop_since_previous: Option<Tenths>,
}
