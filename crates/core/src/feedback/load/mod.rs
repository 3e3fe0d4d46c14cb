//! Reading a pack from its TOML text and checking it. The file format is
//! described in `packs/README.md`; [`load`] either returns a pack that keeps
//! every rule of [`crate::feedback::pack`] or names the first problem.
//!
//! Scores in the file are written in points as the form shows them (a
//! cut-off of `25` or `24.5`), not in tenths: an administrator who means 25
//! points and writes 25 must not get 2.5. A value with more than one decimal
//! is refused, never rounded. Floats exist only while reading the file.

mod numbers;
mod raw;

use std::collections::{BTreeMap, HashSet};

use crate::feedback::pack::{
    AlertRules, Item, ItemText, Lang, MAX_ITEMS, Pack, PerLang, Scale, ScaleKind,
};
use crate::feedback::pack_error::PackError;
use crate::feedback::score::{ITEM_MAX, Tenths};

use numbers::{check_bands, check_reliable_change, points};
use raw::{RawNumber, RawPack, RawScale, RawScaleText};

/// A pack is a few kilobytes; the limit bounds the parser's time and memory.
pub const MAX_PACK_BYTES: usize = 1 << 20;
/// The oldest age a band may reach.
pub const MAX_AGE: u8 = 130;
/// How far a stated reliable-change threshold may be from the one computed
/// from its SD and reliability: half a point, because publishers round
/// thresholds to whole points (5.1 is published as 5).
pub const RCI_TOLERANCE: Tenths = Tenths::new(5);

const MAX_ID_CHARS: usize = 40;
const MAX_NAME_CHARS: usize = 120;
const MAX_LABEL_CHARS: usize = 300;
const MAX_ANCHOR_CHARS: usize = 100;
const MAX_META_CHARS: usize = 1000;
/// Echoed values are clipped so that one absurd value cannot bloat a message.
const MAX_ECHO_CHARS: usize = 64;
/// Reads and checks a pack; the first problem found is returned.
pub fn load(text: &str) -> Result<Pack, PackError> {
    if text.len() > MAX_PACK_BYTES {
        return Err(PackError::TooLarge {
            max: MAX_PACK_BYTES,
        });
    }
    let raw: RawPack = toml::from_str(text).map_err(|e| PackError::Syntax {
        detail: e.to_string(),
    })?;
    let id = check_id("id", raw.id)?;
    let version = check_text("version", raw.version, MAX_ID_CHARS)?;
    let source = check_text("source", raw.source, MAX_META_CHARS)?;
    let licence = raw
        .licence
        .map(|l| check_text("licence", l, MAX_META_CHARS))
        .transpose()?;
    let name = per_lang("name", raw.name, |at, _, n| {
        check_text(at, n, MAX_NAME_CHARS)
    })?;
    if raw.scales.is_empty() {
        return Err(PackError::NoScales);
    }
    let mut seen = HashSet::new();
    let mut scales = Vec::with_capacity(raw.scales.len());
    for raw_scale in raw.scales {
        let scale = load_scale(raw_scale)?;
        if !seen.insert(scale.id.clone()) {
            return Err(PackError::DuplicateId {
                at: "scales".into(),
                id: scale.id,
            });
        }
        scales.push(scale);
    }
    Ok(Pack {
        id,
        version,
        placeholder: raw.placeholder,
        source,
        licence,
        name,
        scales,
    })
}

fn load_scale(raw: RawScale) -> Result<Scale, PackError> {
    let id = check_id("scales", raw.id)?;
    let at = format!("scales.{id}");
    let kind = ScaleKind::from_code(&raw.kind).ok_or_else(|| PackError::UnknownKind {
        at: format!("{at}.kind"),
        kind: clip(&raw.kind),
    })?;
    if raw.items.is_empty() || raw.items.len() > MAX_ITEMS {
        return Err(PackError::ItemCount {
            at: format!("{at}.items"),
            count: raw.items.len(),
            max: MAX_ITEMS,
        });
    }
    let mut item_ids: Vec<String> = Vec::with_capacity(raw.items.len());
    for item in raw.items {
        let item = check_id(&format!("{at}.items"), item)?;
        if item_ids.contains(&item) {
            return Err(PackError::DuplicateId {
                at: format!("{at}.items"),
                id: item,
            });
        }
        item_ids.push(item);
    }
    let texts = per_lang(&format!("{at}.text"), raw.text, |at, lang, text| {
        scale_text(at, lang, text, &item_ids)
    })?;
    let PerLang { nb, nn, da, en } = texts;
    let name = PerLang {
        nb: nb.0,
        nn: nn.0,
        da: da.0,
        en: en.0,
    };
    let items = item_ids
        .into_iter()
        .zip(nb.1)
        .zip(nn.1)
        .zip(da.1)
        .zip(en.1)
        .map(|((((id, nb), nn), da), en)| Item {
            id,
            text: PerLang { nb, nn, da, en },
        })
        .collect::<Vec<_>>();
    let max_total = Tenths::new(u16::try_from(items.len()).unwrap_or(0) * ITEM_MAX);

    let bands = check_bands(&at, raw.bands, max_total)?;
    if kind == ScaleKind::Outcome && bands.is_empty() {
        return Err(PackError::NoBands {
            at: format!("{at}.bands"),
        });
    }
    let reliable_change = raw
        .reliable_change
        .map(|rc| check_reliable_change(&format!("{at}.reliable_change"), rc, max_total))
        .transpose()?;
    if kind == ScaleKind::Outcome && reliable_change.is_none() {
        return Err(PackError::NoReliableChange {
            at: format!("{at}.reliable_change"),
        });
    }
    let one = Tenths::new(1);
    let rule = |name: &str, value: Option<RawNumber>, max: Tenths| {
        value
            .map(|v| points(&format!("{at}.alerts.{name}"), v, one, max))
            .transpose()
    };
    let alerts = AlertRules {
        total_below: rule("total_below", raw.alerts.total_below, max_total)?,
        item_below: rule("item_below", raw.alerts.item_below, Tenths::new(ITEM_MAX))?,
        drop_since_previous: rule(
            "drop_since_previous",
            raw.alerts.drop_since_previous,
            max_total,
        )?,
    };
    Ok(Scale {
        id,
        kind,
        name,
        items,
        bands,
        reliable_change,
        alerts,
    })
}

/// One language's scale name and item texts, in the scale's item order.
fn scale_text(
    at: &str,
    lang: Lang,
    raw: RawScaleText,
    item_ids: &[String],
) -> Result<(String, Vec<ItemText>), PackError> {
    let name = check_text(&format!("{at}.name"), raw.name, MAX_NAME_CHARS)?;
    let mismatch = |found: usize| PackError::ItemCountMismatch {
        at: format!("{at}.items"),
        lang: lang.code(),
        expected: item_ids.len(),
        found,
    };
    if raw.items.len() != item_ids.len() {
        return Err(mismatch(raw.items.len()));
    }
    let mut slots: Vec<Option<ItemText>> = vec![None; item_ids.len()];
    for item in raw.items {
        let Some(index) = item_ids.iter().position(|i| *i == item.id) else {
            return Err(PackError::UnknownItem {
                at: format!("{at}.items"),
                item: clip(&item.id),
            });
        };
        let item_at = format!("{at}.items.{}", item.id);
        let Some(slot) = slots.get_mut(index) else {
            continue;
        };
        if slot.is_some() {
            return Err(PackError::DuplicateId {
                at: format!("{at}.items"),
                id: item.id,
            });
        }
        *slot = Some(ItemText {
            label: check_text(&format!("{item_at}.label"), item.label, MAX_LABEL_CHARS)?,
            low: check_text(&format!("{item_at}.low"), item.low, MAX_ANCHOR_CHARS)?,
            high: check_text(&format!("{item_at}.high"), item.high, MAX_ANCHOR_CHARS)?,
        });
    }
    // Same count, every id known and none twice: every slot is filled.
    let filled = slots.iter().filter(|s| s.is_some()).count();
    let texts = slots
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| mismatch(filled))?;
    Ok((name, texts))
}

/// One value for each of our languages, no unknown language, none missing.
fn per_lang<T, U>(
    at: &str,
    mut map: BTreeMap<String, T>,
    mut check: impl FnMut(&str, Lang, T) -> Result<U, PackError>,
) -> Result<PerLang<U>, PackError> {
    if let Some(unknown) = map.keys().find(|k| Lang::from_code(k).is_none()) {
        return Err(PackError::UnknownLanguage {
            at: at.into(),
            lang: clip(unknown),
        });
    }
    let mut take = |lang: Lang| {
        let value = map
            .remove(lang.code())
            .ok_or_else(|| PackError::MissingLanguage {
                at: at.into(),
                lang: lang.code(),
            })?;
        check(&format!("{at}.{}", lang.code()), lang, value)
    };
    Ok(PerLang {
        nb: take(Lang::Nb)?,
        nn: take(Lang::Nn)?,
        da: take(Lang::Da)?,
        en: take(Lang::En)?,
    })
}

/// 1–40 of a–z, 0–9, '-' and '_': ids end up in URLs, codes and file names.
fn check_id(at: &str, id: String) -> Result<String, PackError> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(id)
    } else {
        Err(PackError::BadId {
            at: at.into(),
            id: clip(&id),
        })
    }
}

/// Trimmed, not empty, at most `max` characters.
fn check_text(at: &str, text: String, max: usize) -> Result<String, PackError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(PackError::EmptyText { at: at.into() })
    } else if trimmed.chars().count() > max {
        Err(PackError::TextTooLong { at: at.into(), max })
    } else {
        Ok(trimmed.to_owned())
    }
}

fn clip(s: &str) -> String {
    s.chars().take(MAX_ECHO_CHARS).collect()
}
