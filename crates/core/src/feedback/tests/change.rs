use proptest::prelude::*;

use super::super::*;
use crate::org::Coded;

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths)
}

#[test]
fn rci_threshold_by_hand() {
    // 1.96 · 7.0 · √(2 · 0.07) = 13.72 · 0.37417 = 5.134 → 5.1 (fit.md's ≈ 5.1).
    assert_eq!(rci_threshold(t(70), 930), t(51));
    // 1.96 · 7.0 · √(2 · 0.10) = 13.72 · 0.44721 = 6.136 → 6.1 (our plain pack).
    assert_eq!(rci_threshold(t(70), 900), t(61));
    // 1.96 · 7.0 · √(2 · 0.20) = 13.72 · 0.63246 = 8.677 → 8.7 (test–retest-like r).
    assert_eq!(rci_threshold(t(70), 800), t(87));
    // 1.96 · 10.0 · √(2 · 0.5) = 19.6 exactly.
    assert_eq!(rci_threshold(t(100), 500), t(196));
    // 1.96 · 2.5 · √(2 · 0.125) = 4.9 · 0.5 = 2.45 exactly: a half, rounded up
    // to 2.5, which floating point could get either way.
    assert_eq!(rci_threshold(t(25), 875), t(25));
}

#[test]
fn classify_by_hand() {
    use Outcome::*;
    let (rc, cut) = (t(51), t(250));
    // 18.0 → 24.0: +6.0 ≥ 5.1 but still below 25.0.
    assert_eq!(classify(t(180), t(240), rc, cut), ReliablyImproved);
    // 18.0 → 26.0: +8.0 and crossed 25.0.
    assert_eq!(classify(t(180), t(260), rc, cut), Recovered);
    // 24.0 → 26.0: crossed, but +2.0 is not reliable.
    assert_eq!(classify(t(240), t(260), rc, cut), Unchanged);
    // Exactly the threshold counts: +5.1.
    assert_eq!(classify(t(180), t(231), rc, cut), ReliablyImproved);
    assert_eq!(classify(t(180), t(230), rc, cut), Unchanged);
    // Landing exactly on the cut-off is non-clinical: 19.9 → 25.0 is +5.1.
    assert_eq!(classify(t(199), t(250), rc, cut), Recovered);
    // Started non-clinical: can improve, cannot recover.
    assert_eq!(classify(t(260), t(320), rc, cut), ReliablyImproved);
    // 30.0 → 24.9: −5.1.
    assert_eq!(classify(t(300), t(249), rc, cut), Deteriorated);
    assert_eq!(classify(t(300), t(250), rc, cut), Unchanged);
    assert_eq!(Recovered.message_key(), "feedback-outcome-recovered");
    assert_eq!(
        Outcome::from_code("reliably_improved"),
        Some(ReliablyImproved)
    );
}

#[test]
fn a_scale_uses_the_band_of_the_age_at_intake() {
    let pack = load(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packs/test.toml"
    )))
    .expect("test pack");
    let outcome = pack.scale("outcome").expect("outcome");
    // Age 10: cut-off 30.0; 20.0 → 31.0 is +11.0 and crosses it.
    assert_eq!(
        outcome.classify(10, t(200), t(310)),
        Some(Outcome::Recovered)
    );
    // Age 15: cut-off 26.5; 20.0 → 26.0 is +6.0 but stays below it.
    assert_eq!(
        outcome.classify(15, t(200), t(260)),
        Some(Outcome::ReliablyImproved)
    );
    // No band covers 131, and an alliance scale has no reliable change.
    assert_eq!(outcome.classify(131, t(200), t(310)), None);
    let alliance = pack.scale("alliance").expect("alliance");
    assert_eq!(alliance.classify(10, t(100), t(200)), None);
}

proptest! {
    #[test]
    fn swapping_first_and_latest_mirrors_the_category(
        first in 0u16..=400, latest in 0u16..=400, rc in 0u16..=200, cut in 1u16..=400,
    ) {
        let forward = classify(t(first), t(latest), t(rc), t(cut));
        let backward = classify(t(latest), t(first), t(rc), t(cut));
        let improved = matches!(forward, Outcome::ReliablyImproved | Outcome::Recovered);
        prop_assert_eq!(improved, backward == Outcome::Deteriorated);
        prop_assert_eq!(forward == Outcome::Unchanged, backward == Outcome::Unchanged);
        if forward == Outcome::Recovered {
            prop_assert!(first < cut && latest >= cut);
        }
    }

    #[test]
    fn no_change_is_never_reliable(score in 0u16..=400, rc in 0u16..=200, cut in 1u16..=400) {
        prop_assert_eq!(classify(t(score), t(score), t(rc), t(cut)), Outcome::Unchanged);
    }

    #[test]
    fn the_threshold_grows_with_sd_and_shrinks_with_reliability(
        sd in 1u16..=400, r in 1u16..=998,
    ) {
        prop_assert!(rci_threshold(t(sd), r) <= rci_threshold(t(sd + 1), r));
        prop_assert!(rci_threshold(t(sd), r + 1) <= rci_threshold(t(sd), r));
        // Within a tenth of the float formula (which only rounding separates).
        let exact = 1.96 * f64::from(sd) * (2.0 * (1.0 - f64::from(r) / 1000.0)).sqrt();
        prop_assert!((f64::from(rci_threshold(t(sd), r).get()) - exact).abs() <= 0.5 + 1e-9);
    }
}
