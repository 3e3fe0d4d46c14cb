//! Outcome aggregates for a unit, a service or the municipality: the pre–post
//! effect size and the shares of the four outcome categories, each with N and
//! a 95 % confidence interval, hidden below a minimum N.
//!
//! Only episodes that started in the clinical range count (reference/fit.md
//! §5 and design inference 4): a person who started above the cut-off cannot
//! recover and has little room to improve, so mixing them in would make a
//! unit that serves milder cases look worse. The caller groups episodes (by
//! unit, service or municipality, one scale of one pack at a time) and leaves
//! out episodes with only an intake, which have no change to count.
//!
//! Hiding a small group keeps a team of three from being ranked on noise and
//! keeps a single child's result from being read off a table. (Hiding a group
//! does not stop subtraction from a larger total; the page that shows several
//! levels must handle that.)

use std::collections::BTreeMap;

use serde::Serialize;

use crate::feedback::change::{Outcome, classify};
use crate::feedback::interval::Share;
use crate::feedback::score::Tenths;

const Z: f64 = 1.96;

/// What one episode contributes: the total at intake and at the latest
/// measurement, and the cut-off of the person's age band at intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeOutcome {
    pub intake: Tenths,
    pub latest: Tenths,
    pub cutoff: Tenths,
}

/// The pre–post effect size `d = mean(latest − intake) / SD(intake)` with a
/// 95 % interval, in hundredths (0.80 is 80).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EffectSize {
    pub n: usize,
    pub hundredths: i32,
    pub lower_hundredths: i32,
    pub upper_hundredths: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Aggregate {
    /// Episodes that started in the clinical range; every share is out of n.
    pub n: usize,
    /// Episodes left out because they started at or above the cut-off.
    pub non_clinical: usize,
    /// `None` when every intake was the same (no SD to divide by).
    pub effect_size: Option<EffectSize>,
    pub recovered: Share,
    pub reliably_improved: Share,
    pub unchanged: Share,
    pub deteriorated: Share,
}

/// The aggregate of `episodes`, or `None` (hidden) when fewer than `min_n`
/// of them started in the clinical range (and always when none did).
pub fn aggregate(
    episodes: &[EpisodeOutcome],
    threshold: Tenths,
    min_n: usize,
) -> Option<Aggregate> {
    let clinical: Vec<&EpisodeOutcome> = episodes.iter().filter(|e| e.intake < e.cutoff).collect();
    let n = clinical.len();
    if n == 0 || n < min_n {
        return None;
    }
    let count = |outcome: Outcome| {
        clinical
            .iter()
            .filter(|e| classify(e.intake, e.latest, threshold, e.cutoff) == outcome)
            .count()
    };
    Some(Aggregate {
        n,
        non_clinical: episodes.len() - n,
        effect_size: effect_size(&clinical),
        recovered: Share::new(count(Outcome::Recovered), n)?,
        reliably_improved: Share::new(count(Outcome::ReliablyImproved), n)?,
        unchanged: Share::new(count(Outcome::Unchanged), n)?,
        deteriorated: Share::new(count(Outcome::Deteriorated), n)?,
    })
}

/// [`aggregate`] for each group key (a unit, a service type, …).
pub fn aggregate_by<K: Ord + Clone>(
    episodes: &[(K, EpisodeOutcome)],
    threshold: Tenths,
    min_n: usize,
) -> BTreeMap<K, Option<Aggregate>> {
    let mut groups: BTreeMap<K, Vec<EpisodeOutcome>> = BTreeMap::new();
    for (key, episode) in episodes {
        groups.entry(key.clone()).or_default().push(*episode);
    }
    groups
        .into_iter()
        .map(|(key, group)| (key, aggregate(&group, threshold, min_n)))
        .collect()
}

/// `d = mean change / SD of intake` (sample SDs, n − 1), with a 95 % normal
/// interval from the delta method: `SE² = s_change² / (n · s_intake²) +
/// d² / (2(n − 1))`. The first term is the uncertainty of the mean change,
/// the second that of the SD we divide by; under normality the sample mean
/// and the sample SDs are independent, so there is no cross term. With equal
/// SDs before and after this is Becker's (1988) variance of the standardised
/// mean change. Floats stay inside this function; the result is in hundredths.
fn effect_size(episodes: &[&EpisodeOutcome]) -> Option<EffectSize> {
    let n = episodes.len();
    if n < 2 {
        return None;
    }
    let count = n as f64;
    let intakes: Vec<f64> = episodes.iter().map(|e| f64::from(e.intake.get())).collect();
    let changes: Vec<f64> = episodes
        .iter()
        .map(|e| f64::from(e.latest.change_since(e.intake)))
        .collect();
    let (_, var_intake) = mean_and_variance(&intakes);
    let (mean_change, var_change) = mean_and_variance(&changes);
    if var_intake <= 0.0 {
        return None;
    }
    let d = mean_change / var_intake.sqrt();
    let se = (var_change / (count * var_intake) + d * d / (2.0 * (count - 1.0))).sqrt();
    let hundredths = |x: f64| x.is_finite().then(|| (x * 100.0).round() as i32);
    Some(EffectSize {
        n,
        hundredths: hundredths(d)?,
        lower_hundredths: hundredths(d - Z * se)?,
        upper_hundredths: hundredths(d + Z * se)?,
    })
}

/// The mean and the sample variance (n − 1); needs at least two values.
fn mean_and_variance(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let squares = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>();
    (mean, squares / (n - 1.0))
}
