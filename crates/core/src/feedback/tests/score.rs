use proptest::prelude::*;

use super::super::*;

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths)
}

#[test]
fn parses_what_people_type() {
    assert_eq!(Tenths::parse_item("7"), Ok(t(70)));
    assert_eq!(Tenths::parse_item("7,3"), Ok(t(73)));
    assert_eq!(Tenths::parse_item("7.3"), Ok(t(73)));
    assert_eq!(Tenths::parse_item(" 10 "), Ok(t(100)));
    assert_eq!(Tenths::parse_item("10,0"), Ok(t(100)));
    assert_eq!(Tenths::parse_item("0"), Ok(t(0)));
    assert_eq!(Tenths::parse_item("0,0"), Ok(t(0)));
    assert_eq!(Tenths::parse_item("0.5"), Ok(t(5)));
    // Leading zeros and trailing zeros in the decimals change nothing.
    assert_eq!(Tenths::parse_item("07,30"), Ok(t(73)));
}

#[test]
fn refuses_rather_than_rounds() {
    use ScoreError::*;
    let cases = [
        ("", Empty),
        ("   ", Empty),
        ("7,35", TooManyDecimals),
        ("10,1", OutOfRange),
        ("11", OutOfRange),
        ("99999999999999999999999", OutOfRange),
        ("-1", NotANumber),
        ("+3", NotANumber),
        ("7,", NotANumber),
        (",5", NotANumber),
        ("1e1", NotANumber),
        ("7,3,1", NotANumber),
        ("7 3", NotANumber),
        ("sju", NotANumber),
        ("٣", NotANumber),
    ];
    for (text, error) in cases {
        assert_eq!(Tenths::parse_item(text), Err(error), "{text:?}");
    }
    assert_eq!(OutOfRange.message_key(), "feedback-score-out-of-range");
}

#[test]
fn formats_with_the_callers_separator() {
    assert_eq!(t(73).format(','), "7,3");
    assert_eq!(t(100).format(','), "10,0");
    assert_eq!(t(5).format('.'), "0.5");
    assert_eq!(t(227).to_string(), "22.7");
}

#[test]
fn an_answer_has_one_score_per_item_and_sums_them() {
    let pack = load(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packs/test.toml"
    )))
    .expect("test pack");
    let scale = pack.scale("outcome").expect("outcome scale");
    // 7.3 + 5.0 + 10.0 + 0.4 = 22.7, i.e. 73 + 50 + 100 + 4 = 227 tenths.
    let answer = scale
        .answer(vec![t(73), t(50), t(100), t(4)])
        .expect("answer");
    assert_eq!(answer.total(), t(227));
    assert_eq!(
        scale.answer(vec![t(73), t(50), t(100)]),
        Err(ScoreError::ItemCount {
            expected: 4,
            found: 3
        })
    );
    assert_eq!(
        scale.answer(vec![t(73), t(50), t(101), t(4)]),
        Err(ScoreError::OutOfRange)
    );
    assert_eq!(scale.max_total(), t(400));
}

proptest! {
    #[test]
    fn parsing_never_panics(text in any::<String>()) {
        if let Ok(score) = Tenths::parse_item(&text) {
            prop_assert!(score.get() <= ITEM_MAX);
        }
    }

    #[test]
    fn parsing_numberlike_text_never_panics(text in "[0-9,. +-]{0,8}") {
        if let Ok(score) = Tenths::parse_item(&text) {
            prop_assert!(score.get() <= ITEM_MAX);
        }
    }

    #[test]
    fn formatting_and_parsing_round_trip(tenths in 0..=ITEM_MAX, comma in any::<bool>()) {
        let score = t(tenths);
        let text = score.format(if comma { ',' } else { '.' });
        prop_assert_eq!(Tenths::parse_item(&text), Ok(score));
    }

    #[test]
    fn a_total_is_the_exact_sum_within_range(items in prop::collection::vec(0..=ITEM_MAX, 4)) {
        let answer = Answer::new(items.iter().map(|&i| t(i)).collect(), 4).expect("valid");
        let total = answer.total().get();
        prop_assert!(total <= 400);
        prop_assert_eq!(u32::from(total), items.iter().map(|&i| u32::from(i)).sum::<u32>());
    }
}
