//! Reliable change (Jacobson–Truax, reference/fit.md §5) and the outcome
//! category of an episode from its first and latest totals.
//!
//! The categories follow fit.md §1 "Outcome categories":
//! - **recovered**: reliably improved *and* moved from the clinical range
//!   (below the cut-off) to the non-clinical range (at or above it);
//! - **reliably improved**: rose by at least the threshold, but not recovered;
//! - **deteriorated**: fell by at least the threshold;
//! - **unchanged**: everything between.
//!
//! "At least the threshold" rather than Jacobson–Truax's strict "> 1.96":
//! the threshold is itself rounded to a tenth, so the strict/non-strict
//! difference is below what we can resolve, and "a change of N points or
//! more" is how practitioners read a threshold of N.

use serde::Serialize;

use crate::feedback::pack::Scale;
use crate::feedback::score::Tenths;
use crate::org::Coded;

/// An episode's outcome category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    ReliablyImproved,
    Recovered,
    Unchanged,
    Deteriorated,
}

impl Coded for Outcome {
    const ALL: &'static [Self] = &[
        Self::Recovered,
        Self::ReliablyImproved,
        Self::Unchanged,
        Self::Deteriorated,
    ];
    const MESSAGE_PREFIX: &'static str = "feedback-outcome";

    fn code(self) -> &'static str {
        match self {
            Self::ReliablyImproved => "reliably_improved",
            Self::Recovered => "recovered",
            Self::Unchanged => "unchanged",
            Self::Deteriorated => "deteriorated",
        }
    }
}

/// The reliable-change threshold in tenths, `1.96 · SD · √(2(1 − r))`, from
/// the SD in tenths and the reliability in thousandths, rounded to the
/// nearest tenth with halves rounded up.
///
/// Computed exactly in integers so that the loader's consistency check gives
/// the same answer on every machine: with `s` = SD in tenths and `m` = r in
/// thousandths, `T² = 1.96² · s² · 2 · (1000 − m) / 1000`
/// `= 76832 · s² · (1000 − m) / 10⁷`, and the rounded root `t` is the
/// largest integer with `(2t − 1)² · 10⁷ ≤ 4 · 76832 · s² · (1000 − m)`.
pub fn rci_threshold(sd: Tenths, reliability_milli: u16) -> Tenths {
    let one_minus_r = u128::from(1000u16.saturating_sub(reliability_milli));
    let s = u128::from(sd.get());
    let numerator = 76_832 * s * s * one_minus_r;
    let denominator: u128 = 10_000_000;
    // floor(√x) ≤ √x < floor(√x) + 1, so the rounded root is c or c + 1.
    let c = (numerator / denominator).isqrt();
    let t = if (2 * c + 1) * (2 * c + 1) * denominator <= 4 * numerator {
        c + 1
    } else {
        c
    };
    Tenths::new(u16::try_from(t).unwrap_or(u16::MAX))
}

/// The category of an episode whose first total was `first` and latest
/// `latest`, given the scale's reliable-change threshold and the cut-off of
/// the person's age band at intake. A zero threshold is read as one tenth so
/// that "no change" is never reliable change.
pub fn classify(first: Tenths, latest: Tenths, threshold: Tenths, cutoff: Tenths) -> Outcome {
    let threshold = i32::from(threshold.get().max(1));
    let change = latest.change_since(first);
    if change <= -threshold {
        Outcome::Deteriorated
    } else if change >= threshold {
        if first < cutoff && latest >= cutoff {
            Outcome::Recovered
        } else {
            Outcome::ReliablyImproved
        }
    } else {
        Outcome::Unchanged
    }
}

impl Scale {
    /// [`classify`] with this scale's threshold and the cut-off for the age at
    /// intake; `None` for a scale without reliable change (alliance) or an age
    /// no band covers.
    pub fn classify(&self, age_at_intake: u8, first: Tenths, latest: Tenths) -> Option<Outcome> {
        let rc = self.reliable_change()?;
        let band = self.band_for_age(age_at_intake)?;
        Some(classify(first, latest, rc.threshold, band.cutoff))
    }
}
