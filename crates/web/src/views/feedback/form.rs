//! The answering form shared by the meeting and the link page: per item a
//! slider (`<input type=range>` from 0 to 10 in steps of 0.1, with the
//! anchors as labels, usable by keyboard) and a number field that takes
//! "7,3" or "7.3" and works without JavaScript. A typed number wins over
//! the slider, so someone who cannot use the slider types the score.

use ettlag_core::feedback::{Lang, Scale, ScoreError, Tenths};

use crate::i18n::Tr;
use crate::views::admin::form::Fields;

/// One item of the form as the template shows it.
pub struct ItemView {
    pub index: usize,
    pub label: String,
    pub low: String,
    pub high: String,
    /// The slider's value ("5.0") and the typed text as sent back.
    pub slider: String,
    pub typed: String,
    pub invalid: bool,
}

/// A form for one scale.
pub struct FormView {
    pub scale_id: String,
    pub scale_name: String,
    pub items: Vec<ItemView>,
    pub error: Option<String>,
}

impl FormView {
    pub fn new(scale: &Scale, lang: Lang, fields: Option<&Fields>) -> FormView {
        FormView {
            scale_id: scale.id().to_string(),
            scale_name: scale.name(lang).to_string(),
            items: scale
                .items()
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let text = item.text(lang);
                    let slider = fields
                        .map(|f| f.get(&format!("slider-{index}")))
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "5.0".into());
                    ItemView {
                        index,
                        label: text.label.clone(),
                        low: text.low.clone(),
                        high: text.high.clone(),
                        slider,
                        typed: fields
                            .map(|f| f.get(&format!("item-{index}")))
                            .unwrap_or_default(),
                        invalid: false,
                    }
                })
                .collect(),
            error: None,
        }
    }
}

/// The scores sent, one per item: the typed number if any, else the
/// slider. The first bad one is returned with its index.
pub fn parse_items(fields: &Fields, count: usize) -> Result<Vec<Tenths>, (usize, ScoreError)> {
    (0..count)
        .map(|i| {
            let typed = fields.get(&format!("item-{i}"));
            let text = if typed.trim().is_empty() {
                fields.get(&format!("slider-{i}"))
            } else {
                typed
            };
            Tenths::parse_item(&text).map_err(|e| (i, e))
        })
        .collect()
}

/// Marks the bad item and says what is wrong, in the page's language.
pub fn with_error(mut form: FormView, tr: &Tr, (index, error): (usize, ScoreError)) -> FormView {
    let label = form
        .items
        .get(index)
        .map(|i| i.label.clone())
        .unwrap_or_default();
    if let Some(item) = form.items.get_mut(index) {
        item.invalid = true;
    }
    form.error = Some(format!("{label}: {}", tr.t(error.message_key())));
    form
}
