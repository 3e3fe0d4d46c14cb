//! Feedback-informed work (FIT): the instrument engine. Pure: packs are read
//! from text the caller supplies, and every result is a value.
//!
//! - [`score`]: item scores and totals in integer tenths, parsed from what a
//!   person types ("7,3").
//! - [`pack`] and [`load`]: instrument packs from TOML files, checked, with
//!   errors that name the problem ([`PackError`]).
//! - [`change`]: reliable change and the outcome category of an episode.
//! - [`alert`]: alert rules on one answer given the previous total.
//! - [`trajectory`]: the expected band from the municipality's own history.
//! - [`aggregate`] and [`interval`]: effect size and outcome shares with
//!   Wilson intervals, hidden below a minimum N.
//!
//! No licensed item text or expected-trajectory curve is in this repository
//! (reference/fit.md §1 "Licensing"): our own plain pack lives in `packs/`,
//! its numbers are placeholders, and a municipality with a licence loads its
//! own pack.
//!
//! Fluent message ids used here (translators: each needs a message):
//! `feedback-score-*` ([`ScoreError::message_key`]), `feedback-pack-*`
//! ([`PackError::message_key`]), `feedback-alert-*` ([`Alert::message_key`]),
//! `feedback-outcome-*` (the [`crate::org::Coded`] keys of [`Outcome`]) and
//! `feedback-trajectory-*` ([`TrajectoryRuleError::message_key`]).

pub mod aggregate;
pub mod alert;
pub mod change;
pub mod interval;
pub mod load;
pub mod pack;
pub mod pack_error;
pub mod respondent;
pub mod score;
pub mod trajectory;

pub use aggregate::{Aggregate, EffectSize, EpisodeOutcome, aggregate, aggregate_by};
pub use alert::{Alert, evaluate};
pub use change::{Outcome, classify, rci_threshold};
pub use interval::{Share, wilson};
pub use load::load;
pub use pack::{
    AgeBand, AlertRules, Item, ItemText, Lang, MAX_ITEMS, Pack, PerLang, ReliableChange, Scale,
    ScaleKind,
};
pub use pack_error::PackError;
pub use respondent::Respondent;
pub use score::{Answer, ITEM_MAX, ScoreError, Tenths};
pub use trajectory::{
    BandPoint, Measurement, Trajectory, TrajectoryRule, TrajectoryRuleError, expected_band,
};

#[cfg(test)]
mod tests;
