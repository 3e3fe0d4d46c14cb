//! The expected-trajectory band, computed from the municipality's own
//! history and nothing else: published expected-treatment-response curves
//! are licensed (reference/fit.md §1 "Who owns the curves"), so until enough
//! of our own episodes exist there is no band at all.
//!
//! For a new episode with intake total `s`, the reference group is every
//! earlier episode whose intake total is within `s ± window`; the default
//! window is 1 point of the total (10 tenths), the "same intake score ±1" of
//! fit.md, which is in total points on a 0–40 scale. For each session number
//! the band gives the lower, median and upper percentiles of the reference
//! group's totals at that session.
//!
//! Percentiles use the nearest-rank method (the value at rank ⌈p·n/100⌉ of
//! the sorted values, at least rank 1): it is pure integer arithmetic, and a
//! band edge is always a total somebody actually had, never an interpolated
//! value. A session point is only given when at least `min_episodes` episodes
//! reached that session, because fewer and fewer episodes last long, and a
//! band from a handful of long episodes would be noise.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::feedback::score::Tenths;

/// One measurement in an episode: the session number (1 is the intake) and
/// the total of the outcome scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measurement {
    pub session: u16,
    pub total: Tenths,
}

/// How the band is computed; every value is the municipality's setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TrajectoryRule {
    window: Tenths,
    min_episodes: usize,
    lower_percentile: u8,
    upper_percentile: u8,
}

/// Why a trajectory setting was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TrajectoryRuleError {
    #[error("the minimum number of episodes must be at least 1")]
    NoMinimum,
    #[error("percentiles must satisfy 0 ≤ lower ≤ upper ≤ 100")]
    Percentiles,
}

impl TrajectoryRuleError {
    pub fn message_key(self) -> &'static str {
        match self {
            TrajectoryRuleError::NoMinimum => "feedback-trajectory-no-minimum",
            TrajectoryRuleError::Percentiles => "feedback-trajectory-percentiles",
        }
    }
}

impl Default for TrajectoryRule {
    /// ±1 point, at least 30 episodes, the 25th–75th percentiles. 30 is a
    /// placeholder: enough that one unusual episode moves a quartile little.
    fn default() -> Self {
        TrajectoryRule {
            window: Tenths::new(10),
            min_episodes: 30,
            lower_percentile: 25,
            upper_percentile: 75,
        }
    }
}

impl TrajectoryRule {
    pub fn new(
        window: Tenths,
        min_episodes: usize,
        lower_percentile: u8,
        upper_percentile: u8,
    ) -> Result<Self, TrajectoryRuleError> {
        if min_episodes == 0 {
            return Err(TrajectoryRuleError::NoMinimum);
        }
        if lower_percentile > upper_percentile || upper_percentile > 100 {
            return Err(TrajectoryRuleError::Percentiles);
        }
        Ok(TrajectoryRule {
            window,
            min_episodes,
            lower_percentile,
            upper_percentile,
        })
    }
    pub fn window(&self) -> Tenths {
        self.window
    }
    pub fn min_episodes(&self) -> usize {
        self.min_episodes
    }
}

/// The band at one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BandPoint {
    pub session: u16,
    /// How many reference episodes had a total at this session.
    pub n: usize,
    pub lower: Tenths,
    pub median: Tenths,
    pub upper: Tenths,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trajectory {
    pub intake: Tenths,
    /// How many earlier episodes had an intake within the window.
    pub episodes: usize,
    /// In session order; only sessions reached by at least the minimum.
    pub points: Vec<BandPoint>,
}

/// The expected band for an episode with intake total `intake`, from
/// `history` (earlier episodes, each its measurements), or `None` while fewer
/// than the rule's minimum of episodes started within the window.
///
/// An episode's intake is its measurement with the lowest session number.
/// If an episode has several totals for one session, the last one given
/// counts, as a re-entered score corrects the earlier one.
pub fn expected_band<E: AsRef<[Measurement]>>(
    history: &[E],
    intake: Tenths,
    rule: &TrajectoryRule,
) -> Option<Trajectory> {
    let window = i32::from(rule.window.get());
    let reference: Vec<&[Measurement]> = history
        .iter()
        .map(AsRef::as_ref)
        .filter(|episode| {
            episode
                .iter()
                .min_by_key(|m| m.session)
                .is_some_and(|first| first.total.change_since(intake).abs() <= window)
        })
        .collect();
    if reference.len() < rule.min_episodes {
        return None;
    }
    // Session → one total per reference episode, in one pass, so the cost
    // follows the number of measurements and not the highest session number.
    let mut by_session: BTreeMap<u16, Vec<Tenths>> = BTreeMap::new();
    for episode in &reference {
        let last_given: BTreeMap<u16, Tenths> =
            episode.iter().map(|m| (m.session, m.total)).collect();
        for (session, total) in last_given {
            by_session.entry(session).or_default().push(total);
        }
    }
    let mut points = Vec::new();
    for (session, mut totals) in by_session {
        if totals.len() < rule.min_episodes {
            continue;
        }
        totals.sort_unstable();
        points.push(BandPoint {
            session,
            n: totals.len(),
            lower: nearest_rank(&totals, rule.lower_percentile)?,
            median: nearest_rank(&totals, 50)?,
            upper: nearest_rank(&totals, rule.upper_percentile)?,
        });
    }
    Some(Trajectory {
        intake,
        episodes: reference.len(),
        points,
    })
}

/// The `percentile`th value of sorted `values` by nearest rank.
pub fn nearest_rank(sorted: &[Tenths], percentile: u8) -> Option<Tenths> {
    let n = sorted.len();
    let rank = (usize::from(percentile) * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}
