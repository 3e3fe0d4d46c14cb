use proptest::prelude::*;

use super::super::*;

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths)
}

fn ep(intake: u16, latest: u16) -> EpisodeOutcome {
    EpisodeOutcome {
        intake: t(intake),
        latest: t(latest),
        cutoff: t(250),
    }
}

/// Threshold 5.1, cut-off 25.0: one episode of each category and one that
/// started above the cut-off.
fn five() -> Vec<EpisodeOutcome> {
    vec![
        ep(150, 260), // +11.0, crossed 25.0: recovered
        ep(180, 240), // +6.0, still below: reliably improved
        ep(200, 210), // +1.0: unchanged
        ep(220, 160), // −6.0: deteriorated
        ep(300, 350), // started non-clinical: left out
    ]
}

#[test]
fn wilson_by_hand() {
    // z² = 3.8416. 1 of 4: p = 0.25, 1 + z²/n = 1.9604,
    // centre = (0.25 + 3.8416/8) / 1.9604 = 0.7302 / 1.9604 = 0.37247,
    // half = 1.96/1.9604 · √(0.1875/4 + 3.8416/64) = 0.99980 · 0.32696 = 0.32689,
    // so 0.04559–0.69936, rounded outwards to 45–700 per mille.
    let share = Share::new(1, 4).expect("share");
    assert_eq!((share.lower_permille, share.upper_permille), (45, 700));
    assert_eq!(share.permille(), 250);
    // 0 of 10: lower 0, upper = (z²/10) / (1 + z²/10) = 0.38416/1.38416 = 0.27754.
    let share = Share::new(0, 10).expect("share");
    assert_eq!((share.lower_permille, share.upper_permille), (0, 278));
    // 10 of 10 mirrors it: 1 − 0.27754 = 0.72246.
    let share = Share::new(10, 10).expect("share");
    assert_eq!((share.lower_permille, share.upper_permille), (722, 1000));
    // 5 of 10: 0.5 ± 1.96/1.38416 · √(0.025 + 0.009604) = 0.5 ± 0.26341.
    let share = Share::new(5, 10).expect("share");
    assert_eq!((share.lower_permille, share.upper_permille), (236, 764));
    assert_eq!(Share::new(1, 0), None);
    assert_eq!(Share::new(5, 4), None);
}

#[test]
fn aggregate_by_hand() {
    let aggregate = aggregate(&five(), t(51), 4).expect("four clinical episodes");
    assert_eq!((aggregate.n, aggregate.non_clinical), (4, 1));
    for share in [
        aggregate.recovered,
        aggregate.reliably_improved,
        aggregate.unchanged,
        aggregate.deteriorated,
    ] {
        assert_eq!((share.count, share.n), (1, 4));
        assert_eq!((share.lower_permille, share.upper_permille), (45, 700));
    }
    // Intakes 15.0, 18.0, 20.0, 22.0 (tenths 150, 180, 200, 220): mean 187.5,
    // squared deviations 1406.25 + 56.25 + 156.25 + 1056.25 = 2675, variance
    // 2675/3 = 891.67, SD 29.861. Changes +110, +60, +10, −60: mean 30,
    // squared deviations 6400 + 900 + 400 + 8100 = 15800, variance 5266.67.
    // d = 30 / 29.861 = 1.0047 → 1.00.
    // SE² = 5266.67 / (4 · 891.67) + 1.0047² / (2 · 3) = 1.4766 + 0.1682 = 1.6449,
    // SE = 1.2825; 1.0047 ± 1.96 · 1.2825 = −1.509 … 3.518 → −1.51 … 3.52.
    assert_eq!(
        aggregate.effect_size,
        Some(EffectSize {
            n: 4,
            hundredths: 100,
            lower_hundredths: -151,
            upper_hundredths: 352
        })
    );
}

#[test]
fn small_groups_are_hidden() {
    assert_eq!(aggregate(&five(), t(51), 5), None);
    assert!(aggregate(&five(), t(51), 0).is_some());
    // Nobody started in the clinical range: nothing to show even with no minimum.
    assert_eq!(aggregate(&[ep(300, 350)], t(51), 0), None);
    // Every intake the same: shares, but no SD to divide by.
    let same = aggregate(&[ep(200, 260), ep(200, 150)], t(51), 2).expect("shown");
    assert_eq!(same.effect_size, None);
}

#[test]
fn per_unit_hides_each_small_unit_on_its_own() {
    let mut rows: Vec<(&str, EpisodeOutcome)> = five().into_iter().map(|e| ("a", e)).collect();
    rows.push(("b", ep(100, 200)));
    let by_unit = aggregate_by(&rows, t(51), 3);
    assert_eq!(by_unit.len(), 2);
    assert_eq!(by_unit["a"].map(|a| a.n), Some(4));
    assert_eq!(by_unit["b"], None);
}

fn arb_episode() -> impl Strategy<Value = EpisodeOutcome> {
    (0u16..=400, 0u16..=400, 1u16..=400).prop_map(|(intake, latest, cutoff)| EpisodeOutcome {
        intake: t(intake),
        latest: t(latest),
        cutoff: t(cutoff),
    })
}

proptest! {
    #[test]
    fn wilson_contains_the_share_and_stays_in_bounds(n in 1usize..5000, k in 0usize..5000) {
        let k = k % (n + 1);
        let share = Share::new(k, n).expect("share");
        // lower/1000 ≤ k/n ≤ upper/1000, checked exactly in integers.
        prop_assert!(share.lower_permille as usize * n <= k * 1000);
        prop_assert!(k * 1000 <= share.upper_permille as usize * n);
        prop_assert!(share.upper_permille <= 1000);
        prop_assert!(share.lower_permille < share.upper_permille);
        let (lo, hi) = wilson(k, n).expect("interval");
        prop_assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi) && lo <= hi);
    }

    #[test]
    fn shares_add_up_and_small_groups_hide(
        episodes in prop::collection::vec(arb_episode(), 0..60),
        threshold in 1u16..=100,
        min_n in 0usize..20,
    ) {
        let clinical = episodes.iter().filter(|e| e.intake < e.cutoff).count();
        match aggregate(&episodes, t(threshold), min_n) {
            None => prop_assert!(clinical == 0 || clinical < min_n),
            Some(a) => {
                prop_assert_eq!(a.n, clinical);
                prop_assert!(a.n >= min_n.max(1));
                prop_assert_eq!(a.non_clinical, episodes.len() - clinical);
                let counts = a.recovered.count + a.reliably_improved.count
                    + a.unchanged.count + a.deteriorated.count;
                prop_assert_eq!(counts, a.n);
                if let Some(d) = a.effect_size {
                    prop_assert!(d.lower_hundredths <= d.hundredths);
                    prop_assert!(d.hundredths <= d.upper_hundredths);
                }
            }
        }
    }
}
