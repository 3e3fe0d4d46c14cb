use proptest::prelude::*;

use super::super::*;
use crate::feedback::trajectory::nearest_rank;

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths)
}

fn episode(totals: &[(u16, u16)]) -> Vec<Measurement> {
    totals
        .iter()
        .map(|&(session, total)| Measurement {
            session,
            total: t(total),
        })
        .collect()
}

#[test]
fn nearest_rank_by_hand() {
    let values = [t(10), t(20), t(30), t(40)];
    // Rank ⌈p · 4 / 100⌉, at least 1: p25 → 1, p50 → 2, p75 → 3, p100 → 4.
    assert_eq!(nearest_rank(&values, 0), Some(t(10)));
    assert_eq!(nearest_rank(&values, 25), Some(t(10)));
    assert_eq!(nearest_rank(&values, 50), Some(t(20)));
    assert_eq!(nearest_rank(&values, 75), Some(t(30)));
    assert_eq!(nearest_rank(&values, 100), Some(t(40)));
    assert_eq!(nearest_rank(&[], 50), None);
}

#[test]
fn band_from_episodes_with_the_same_intake_by_hand() {
    let history = vec![
        episode(&[(1, 200), (2, 220), (3, 250)]),
        episode(&[(1, 210), (2, 230)]),
        // Given out of order: the intake is the lowest session, 19.0.
        episode(&[(2, 200), (1, 190), (3, 260)]),
        // Intake 21.5 is 1.5 points from 20.0: outside the ±1 window.
        episode(&[(1, 215), (2, 300)]),
        episode(&[(1, 300), (2, 320)]),
        episode(&[]),
    ];
    let rule = TrajectoryRule::new(t(10), 3, 25, 75).expect("rule");
    let band = expected_band(&history, t(200), &rule).expect("three episodes");
    assert_eq!(band.episodes, 3);
    // Session 1: [19.0, 20.0, 21.0]; ranks ⌈0.75⌉ = 1, ⌈1.5⌉ = 2, ⌈2.25⌉ = 3.
    // Session 2: [20.0, 22.0, 23.0], the same ranks.
    // Session 3: only two episodes got there, fewer than 3: no point.
    assert_eq!(
        band.points,
        vec![
            BandPoint {
                session: 1,
                n: 3,
                lower: t(190),
                median: t(200),
                upper: t(210)
            },
            BandPoint {
                session: 2,
                n: 3,
                lower: t(200),
                median: t(220),
                upper: t(230)
            },
        ]
    );
    // The window is inclusive: an intake of 21.0 takes in 20.0 and 21.5 (and
    // 21.0), but not 19.0.
    let rule = TrajectoryRule::new(t(10), 3, 25, 75).expect("rule");
    assert_eq!(
        expected_band(&history, t(210), &rule).map(|b| b.episodes),
        Some(3)
    );
    // Until enough episodes exist, there is no band.
    let strict = TrajectoryRule::new(t(10), 4, 25, 75).expect("rule");
    assert_eq!(expected_band(&history, t(200), &strict), None);
}

#[test]
fn a_rule_needs_a_minimum_and_ordered_percentiles() {
    assert_eq!(
        TrajectoryRule::new(t(10), 0, 25, 75),
        Err(TrajectoryRuleError::NoMinimum)
    );
    assert_eq!(
        TrajectoryRule::new(t(10), 5, 80, 20),
        Err(TrajectoryRuleError::Percentiles)
    );
    assert_eq!(
        TrajectoryRule::new(t(10), 5, 20, 101),
        Err(TrajectoryRuleError::Percentiles)
    );
    let default = TrajectoryRule::default();
    assert_eq!((default.window(), default.min_episodes()), (t(10), 30));
}

fn arb_history() -> impl Strategy<Value = Vec<Vec<Measurement>>> {
    prop::collection::vec(
        prop::collection::vec((1u16..=8, 0u16..=400), 0..6).prop_map(|ms| {
            ms.into_iter()
                .map(|(session, total)| Measurement {
                    session,
                    total: t(total),
                })
                .collect()
        }),
        0..40,
    )
}

proptest! {
    #[test]
    fn band_edges_are_ordered_observed_and_well_supported(
        history in arb_history(),
        intake in 0u16..=400,
        min in 1usize..6,
        lower in 0u8..=50,
        upper in 50u8..=100,
    ) {
        let rule = TrajectoryRule::new(t(10), min, lower, upper).expect("rule");
        let matching = history
            .iter()
            .filter(|e| {
                e.iter()
                    .min_by_key(|m| m.session)
                    .is_some_and(|m| m.total.get().abs_diff(intake) <= 10)
            })
            .count();
        match expected_band(&history, t(intake), &rule) {
            None => prop_assert!(matching < min),
            Some(band) => {
                prop_assert_eq!(band.episodes, matching);
                prop_assert!(matching >= min);
                for point in &band.points {
                    prop_assert!(point.n >= min);
                    prop_assert!(point.lower <= point.median && point.median <= point.upper);
                    let seen = |v: Tenths| {
                        history.iter().flatten().any(|m| m.session == point.session && m.total == v)
                    };
                    prop_assert!(seen(point.lower) && seen(point.median) && seen(point.upper));
                }
            }
        }
    }
}
