use proptest::prelude::*;

use super::super::*;

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths)
}

fn test_pack() -> Pack {
    load(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packs/test.toml"
    )))
    .expect("test pack")
}

#[test]
fn every_rule_fires_with_its_numbers() {
    let pack = test_pack();
    let scale = pack.scale("outcome").expect("outcome");
    // Rules: total below 20.0, any item below 2.0, a drop of 5.0 or more.
    // 1.9 + 5.0 + 5.0 + 5.0 = 16.9 < 20.0; item 0 is 1.9 < 2.0;
    // 22.0 − 16.9 = 5.1 ≥ 5.0.
    let answer = scale
        .answer(vec![t(19), t(50), t(50), t(50)])
        .expect("answer");
    let alerts = evaluate(scale.alerts(), &answer, Some(t(220)));
    assert_eq!(
        alerts,
        vec![
            Alert::TotalBelow {
                total: t(169),
                threshold: t(200)
            },
            Alert::ItemBelow {
                item: 0,
                score: t(19),
                threshold: t(20)
            },
            Alert::Drop {
                previous: t(220),
                total: t(169),
                threshold: t(50)
            },
        ]
    );
    assert_eq!(alerts[2].message_key(), "feedback-alert-drop");
}

#[test]
fn below_is_strict_and_a_drop_counts_from_its_threshold() {
    let pack = test_pack();
    let scale = pack.scale("outcome").expect("outcome");
    // 2.0 + 5.0 + 5.0 + 8.0 = 20.0: neither the total nor the item is below.
    let answer = scale
        .answer(vec![t(20), t(50), t(50), t(80)])
        .expect("answer");
    assert_eq!(evaluate(scale.alerts(), &answer, None), vec![]);
    // 25.0 − 20.0 = 5.0: exactly the drop threshold fires.
    assert_eq!(evaluate(scale.alerts(), &answer, Some(t(250))).len(), 1);
    // 24.9 − 20.0 = 4.9 does not; nor does a rise.
    assert_eq!(evaluate(scale.alerts(), &answer, Some(t(249))), vec![]);
    assert_eq!(evaluate(scale.alerts(), &answer, Some(t(100))), vec![]);
}

#[test]
fn a_decimal_item_threshold() {
    let pack = test_pack();
    let scale = pack.scale("alliance").expect("alliance");
    // Any item below 7.5: 7.4 fires, 7.5 does not; 7.4 + 10.0 = 17.4 ≥ 15.0.
    let answer = scale.answer(vec![t(74), t(100)]).expect("answer");
    assert_eq!(
        evaluate(scale.alerts(), &answer, None),
        vec![Alert::ItemBelow {
            item: 0,
            score: t(74),
            threshold: t(75)
        }]
    );
    let answer = scale.answer(vec![t(75), t(100)]).expect("answer");
    assert_eq!(evaluate(scale.alerts(), &answer, None), vec![]);
}

proptest! {
    #[test]
    fn no_rules_no_alerts(items in prop::collection::vec(0..=ITEM_MAX, 4), previous in 0u16..=400) {
        let answer = Answer::new(items.into_iter().map(t).collect(), 4).expect("valid");
        prop_assert!(evaluate(&AlertRules::default(), &answer, Some(t(previous))).is_empty());
    }

    #[test]
    fn the_total_rule_fires_exactly_below(
        items in prop::collection::vec(0..=ITEM_MAX, 4), threshold in 1u16..=400,
    ) {
        let answer = Answer::new(items.into_iter().map(t).collect(), 4).expect("valid");
        let rules = AlertRules { total_below: Some(t(threshold)), ..AlertRules::default() };
        let fired = !evaluate(&rules, &answer, None).is_empty();
        prop_assert_eq!(fired, answer.total().get() < threshold);
    }
}
