//! A share (k of n) with its 95 % confidence interval.
//!
//! We use the Wilson score interval because the groups we report on are
//! small (a unit may have 10–30 episodes) and shares near 0 % or 100 % are
//! common. The textbook Wald interval `p ± 1.96·√(p(1−p)/n)` collapses to a
//! zero-width interval at 0 % and 100 % and can run outside [0, 1] for small
//! n, and its coverage is poor there (Brown, Cai & DasGupta 2001, "Interval
//! estimation for a binomial proportion"). Wilson stays inside [0, 1], is
//! never zero-width, keeps close to the nominal 95 % for small n, and is a
//! closed formula (unlike Clopper–Pearson, which is also more conservative
//! than needed):
//!
//! `centre = (p + z²/2n) / (1 + z²/n)`,
//! `half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²)`, with z = 1.96.

use serde::Serialize;

const Z: f64 = 1.96;

/// `count` of `n`, with the share and its interval in per mille (tenths of a
/// percent). The bounds are rounded outwards, so the interval printed always
/// contains the exact interval and the observed share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub count: usize,
    pub n: usize,
    pub lower_permille: u16,
    pub upper_permille: u16,
}

impl Share {
    /// `count / n` in per mille, rounded half up; `None` if `n` is 0 or
    /// `count > n`.
    pub fn new(count: usize, n: usize) -> Option<Share> {
        let (lower, upper) = wilson(count, n)?;
        let (k, m) = (count as u64, n as u64);
        // The observed share's own floor and ceiling, exact in integers;
        // they guard the float bounds against rounding at k = 0 and k = n.
        let share_floor = k * 1000 / m;
        let share_ceil = (k * 1000).div_ceil(m);
        let lower = ((lower * 1000.0).floor().max(0.0) as u64).min(share_floor);
        let upper = ((upper * 1000.0).ceil().min(1000.0) as u64).max(share_ceil);
        Some(Share {
            count,
            n,
            lower_permille: u16::try_from(lower).unwrap_or(0),
            upper_permille: u16::try_from(upper).unwrap_or(1000),
        })
    }

    /// The observed share in per mille, rounded half up.
    pub fn permille(&self) -> u16 {
        let (k, m) = (self.count as u64, self.n.max(1) as u64);
        u16::try_from((k * 2000 + m) / (2 * m)).unwrap_or(1000)
    }
}

/// The Wilson score interval for `count` successes in `n` trials, as
/// fractions in [0, 1]; `None` if `n` is 0 or `count > n`.
pub fn wilson(count: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 || count > n {
        return None;
    }
    let n = n as f64;
    let p = count as f64 / n;
    let z2 = Z * Z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}
