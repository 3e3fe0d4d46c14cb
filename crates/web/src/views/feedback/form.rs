//! The answering form, in one place for every page that asks for answers
//! (the meeting form on the episode page, the one-time link page, and the
//! family portal): the view of the items (`templates/feedback/items.html`)
//! and the parser of what was sent.
//!
//! Per item there is a slider (0 to 10 in steps of 0.1, usable by touch and
//! keyboard) and a number field that takes "7,3" or "7.3". The number field
//! is what the form sends: `static/feedback.js` writes the slider's value
//! into it when the slider is moved, so an untouched slider sends nothing
//! and the item counts as not answered. Without JavaScript the slider stays
//! hidden and the number fields are the form.

use ettlag_core::feedback::{Lang, Scale, ScoreError, Tenths};

use crate::i18n::Tr;
use crate::views::form::Fields;

/// One item of the form as the template shows it.
pub struct ItemView {
    pub index: usize,
    pub label: String,
    pub low: String,
    pub high: String,
    /// Where the slider stands ("7.3"); the middle while nothing is chosen.
    pub slider: String,
    /// The number as typed or sent back.
    pub typed: String,
    /// Whether a valid score is already given (the slider is then shown as chosen).
    pub chosen: bool,
    pub invalid: bool,
}

/// A form for one scale.
pub struct FormView {
    pub scale_id: String,
    pub scale_name: String,
    pub items: Vec<ItemView>,
    /// What is wrong, one line per refused item, naming the item.
    pub errors: Vec<String>,
}

/// The form field of item `index`.
fn field(index: usize) -> String {
    format!("item-{index}")
}

impl FormView {
    /// The form empty, or with the values sent back when they were refused.
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
                    let typed = fields.map(|f| f.get(&field(index))).unwrap_or_default();
                    let given = Tenths::parse_item(&typed).ok();
                    ItemView {
                        index,
                        label: text.label.clone(),
                        low: text.low.clone(),
                        high: text.high.clone(),
                        slider: given.map_or_else(|| "5".into(), |t| t.format('.')),
                        typed,
                        chosen: given.is_some(),
                        invalid: false,
                    }
                })
                .collect(),
            errors: Vec::new(),
        }
    }
}

/// One refused item: its index and why.
pub type ItemProblem = (usize, ScoreError);

/// The scores sent, one per item, from the number fields. An item left
/// empty (an untouched slider) is refused like a bad number: every refused
/// item is returned, so the page can name them all at once.
pub fn parse_items(fields: &Fields, count: usize) -> Result<Vec<Tenths>, Vec<ItemProblem>> {
    let mut scores = Vec::with_capacity(count);
    let mut problems = Vec::new();
    for i in 0..count {
        match Tenths::parse_item(&fields.get(&field(i))) {
            Ok(t) => scores.push(t),
            Err(e) => problems.push((i, e)),
        }
    }
    if problems.is_empty() {
        Ok(scores)
    } else {
        Err(problems)
    }
}

/// What is wrong with one item, naming it, in the caller's language: the
/// pages and the JSON API say the same.
pub(crate) fn problem_message(tr: &Tr, label: &str, error: &ScoreError) -> String {
    match error {
        ScoreError::Empty => tr.t_with("feedback-score-missing", &[("item", label.to_string())]),
        other => format!("{label}: {}", tr.t(other.message_key())),
    }
}

/// Marks the refused items and says what is wrong with each, naming the
/// item, in the page's language.
pub fn with_errors(mut form: FormView, tr: &Tr, problems: &[ItemProblem]) -> FormView {
    for (index, error) in problems {
        let Some(item) = form.items.get_mut(*index) else {
            continue;
        };
        item.invalid = true;
        item.chosen = false;
        form.errors.push(problem_message(tr, &item.label, error));
    }
    form
}

/// Reads one scale's answer from a submitted form: the scores, or the form
/// to show again with the values kept and every refused item named. Every
/// answering page calls this, so they all refuse the same things.
pub fn read(scale: &Scale, tr: &Tr, fields: &Fields) -> Result<Vec<Tenths>, FormView> {
    parse_items(fields, scale.items().len()).map_err(|problems| {
        with_errors(
            FormView::new(scale, super::pack_lang(tr), Some(fields)),
            tr,
            &problems,
        )
    })
}
