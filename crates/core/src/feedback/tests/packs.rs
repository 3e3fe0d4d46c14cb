//! The packs shipped in `packs/` load, and say what they should.

use super::super::*;

const PLAIN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../packs/ettlag-plain.toml"
));
const TEST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../packs/test.toml"
));

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths)
}

#[test]
fn the_plain_pack_loads_with_both_scales_in_every_language() {
    let pack = load(PLAIN).expect("the plain pack loads");
    assert_eq!(pack.id(), "ettlag-plain");
    // Our numbers are placeholders, and the pack says so.
    assert!(pack.placeholder());
    assert_eq!(pack.licence(), None);

    let going = pack.scale("going").expect("how are things going");
    assert_eq!(going.kind(), ScaleKind::Outcome);
    assert_eq!(going.name(Lang::Nb), "Hvordan går det?");
    assert_eq!(going.name(Lang::Nn), "Korleis går det?");
    assert_eq!(going.items().len(), 4);
    assert_eq!(going.max_total(), t(400));
    let cutoffs: Vec<_> = going
        .bands()
        .iter()
        .map(|b| (b.from_age, b.to_age, b.cutoff))
        .collect();
    assert_eq!(
        cutoffs,
        vec![(0, 12, t(300)), (13, 17, t(270)), (18, 130, t(240))]
    );
    assert_eq!(
        going.reliable_change(),
        Some(&ReliableChange {
            threshold: t(61),
            sd: t(70),
            reliability_milli: 900
        })
    );

    let talk = pack.scale("talk").expect("how was our conversation");
    assert_eq!(talk.kind(), ScaleKind::Alliance);
    assert_eq!(talk.items().len(), 4);
    assert!(talk.bands().is_empty());
    assert_eq!(talk.alerts().total_below, Some(t(320)));
    let first = &talk.items()[0];
    assert_eq!(first.id(), "listened");
    assert_eq!(first.text(Lang::Nb).label, "Lyttet vi til deg?");
    assert_eq!(first.text(Lang::En).high, "Yes, all the time");

    for scale in pack.scales() {
        for lang in Lang::ALL {
            assert!(!scale.name(lang).is_empty());
            for item in scale.items() {
                let text = item.text(lang);
                assert!(!text.label.is_empty() && !text.low.is_empty() && !text.high.is_empty());
            }
        }
    }
}

#[test]
fn the_test_pack_loads() {
    let pack = load(TEST).expect("the test pack loads");
    assert_eq!(pack.id(), "test");
    assert_eq!(pack.name(Lang::En), "Test pack");
    let outcome = pack.scale("outcome").expect("outcome");
    assert_eq!(outcome.band_for_age(12).map(|b| b.cutoff), Some(t(300)));
    assert_eq!(outcome.band_for_age(13).map(|b| b.cutoff), Some(t(265)));
    assert_eq!(outcome.band_for_age(131), None);
    let alliance = pack.scale("alliance").expect("alliance");
    assert_eq!(alliance.max_total(), t(200));
    assert_eq!(alliance.alerts().item_below, Some(t(75)));
    assert_eq!(alliance.reliable_change(), None);
}

#[test]
fn no_licensed_wording_in_the_plain_pack() {
    // A guard against someone pasting published ORS/SRS/CORS/CSRS item text
    // into our pack: their characteristic labels must not appear.
    let lower = PLAIN.to_lowercase();
    for phrase in [
        "individually",
        "interpersonally",
        "socially",
        "å bli hørt",
        "goals and topics",
        "approach or method",
    ] {
        assert!(!lower.contains(phrase), "{phrase}");
    }
}
