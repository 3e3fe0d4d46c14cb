//! Alerts: a form that should make the worker stop and talk about it with the
//! person before going on (reference/fit.md §1: an alliance total below a
//! cut-off, any item below a level, or a drop since the last session).
//!
//! "Below" is strict and a drop counts from its threshold up, so that a rule
//! of "total below 32" does not fire on exactly 32 and "a drop of 1" fires on
//! a drop of exactly 1, the way such rules are written in practice.

use serde::Serialize;

use crate::feedback::pack::AlertRules;
use crate::feedback::score::{Answer, Tenths};

/// One rule that fired, with the numbers that made it fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Alert {
    TotalBelow {
        total: Tenths,
        threshold: Tenths,
    },
    /// `item` is the index into the scale's items.
    ItemBelow {
        item: usize,
        score: Tenths,
        threshold: Tenths,
    },
    Drop {
        previous: Tenths,
        total: Tenths,
        threshold: Tenths,
    },
}

impl Alert {
    /// The Fluent message id that explains this alert to a worker.
    pub fn message_key(&self) -> &'static str {
        match self {
            Alert::TotalBelow { .. } => "feedback-alert-total-below",
            Alert::ItemBelow { .. } => "feedback-alert-item-below",
            Alert::Drop { .. } => "feedback-alert-drop",
        }
    }
}

/// The alerts an answer raises: total first, then items in order, then the
/// drop. `previous_total` is the total of the same scale at the previous
/// time in the same episode, if any.
pub fn evaluate(rules: &AlertRules, answer: &Answer, previous_total: Option<Tenths>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let total = answer.total();
    if let Some(threshold) = rules.total_below
        && total < threshold
    {
        alerts.push(Alert::TotalBelow { total, threshold });
    }
    if let Some(threshold) = rules.item_below {
        for (item, &score) in answer.items().iter().enumerate() {
            if score < threshold {
                alerts.push(Alert::ItemBelow {
                    item,
                    score,
                    threshold,
                });
            }
        }
    }
    if let (Some(threshold), Some(previous)) = (rules.drop_since_previous, previous_total)
        && previous.change_since(total) >= i32::from(threshold.get().max(1))
    {
        alerts.push(Alert::Drop {
            previous,
            total,
            threshold,
        });
    }
    alerts
}
