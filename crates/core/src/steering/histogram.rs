//! Percentiles from a histogram of whole days, so that the median and the
//! 90th percentile of "days from a concern to the first measure" come from
//! kept counts instead of the rows of every child.

use std::collections::BTreeMap;

/// Durations from this many days up share the last bucket.
pub const MAX_DAYS: i64 = 365;

/// Counts per whole day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    buckets: BTreeMap<i64, u64>,
    total: u64,
}

impl Histogram {
    /// The bucket a duration in days falls in.
    pub fn bucket(days: i64) -> i64 {
        days.clamp(0, MAX_DAYS)
    }

    pub fn add(&mut self, days: i64, count: u64) {
        if count == 0 {
            return;
        }
        *self.buckets.entry(Histogram::bucket(days)).or_insert(0) += count;
        self.total += count;
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The nearest-rank percentile (`p` from 0 to 100): the smallest number of
    /// days such that at least p % of the durations are at most that long.
    /// `None` without durations.
    pub fn percentile(&self, p: u32) -> Option<i64> {
        if self.total == 0 {
            return None;
        }
        let p = u64::from(p.min(100));
        let rank = (p * self.total).div_ceil(100).max(1);
        let mut seen = 0;
        for (day, n) in &self.buckets {
            seen += n;
            if seen >= rank {
                return Some(*day);
            }
        }
        self.buckets.keys().next_back().copied()
    }

    /// Each bucket with its count, shortest first.
    pub fn buckets(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.buckets.iter().map(|(d, n)| (*d, *n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nearest_rank(sorted: &[i64], p: u32) -> i64 {
        let n = sorted.len() as u64;
        let rank = (u64::from(p) * n).div_ceil(100).max(1);
        sorted[(rank - 1) as usize]
    }

    #[test]
    fn median_and_p90() {
        let mut h = Histogram::default();
        assert_eq!(h.percentile(50), None);
        for d in 1..=10 {
            h.add(d, 1);
        }
        assert_eq!(h.percentile(50), Some(5));
        assert_eq!(h.percentile(90), Some(9));
        assert_eq!(h.percentile(100), Some(10));
        h.add(1000, 1);
        assert_eq!(h.percentile(100), Some(MAX_DAYS));
        h.add(-3, 1);
        assert_eq!(h.percentile(0), Some(0));
    }

    proptest! {
        #[test]
        fn agrees_with_the_sorted_list(days in proptest::collection::vec(0i64..500, 1..200), p in 0u32..=100) {
            let mut h = Histogram::default();
            for d in &days {
                h.add(*d, 1);
            }
            let mut capped: Vec<i64> = days.iter().map(|d| Histogram::bucket(*d)).collect();
            capped.sort_unstable();
            prop_assert_eq!(h.percentile(p), Some(nearest_rank(&capped, p)));
        }
    }
}
