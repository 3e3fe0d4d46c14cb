//! Bad packs are refused with an error that names the place and the problem.
//! Each case changes one thing in the test pack.

use super::super::*;

const TEST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../packs/test.toml"
));

/// The test pack with the first `from` replaced by `to`, loaded.
fn bad(from: &str, to: &str) -> PackError {
    assert!(TEST.contains(from), "the test pack has {from:?}");
    load(&TEST.replacen(from, to, 1)).expect_err("the changed pack is refused")
}

/// The error's place, key and message.
fn check(error: &PackError, at: Option<&str>, key: &str, words: &[&str]) {
    assert_eq!(error.at(), at, "{error}");
    assert_eq!(error.message_key(), key, "{error}");
    let message = error.to_string();
    for word in words {
        assert!(message.contains(word), "{message:?} lacks {word:?}");
    }
}

#[test]
fn a_missing_language() {
    let e = bad("nn = \"Testpakke\"\n", "");
    check(
        &e,
        Some("name"),
        "feedback-pack-missing-language",
        &["name", "nn"],
    );
    let e = bad(
        "[scales.text.da]\nname = \"Udfald\"",
        "[scales.text.xx]\nname = \"Udfald\"",
    );
    check(
        &e,
        Some("scales.outcome.text"),
        "feedback-pack-unknown-language",
        &["'xx'"],
    );
}

#[test]
fn an_unknown_language() {
    let e = bad(
        "en = \"Test pack\"",
        "en = \"Test pack\"\nsv = \"Testpaket\"",
    );
    check(
        &e,
        Some("name"),
        "feedback-pack-unknown-language",
        &["'sv'"],
    );
}

#[test]
fn overlapping_gapped_reversed_and_absurd_age_bands() {
    let e = bad("from_age = 13, to_age = 130", "from_age = 12, to_age = 130");
    check(
        &e,
        Some("scales.outcome.bands"),
        "feedback-pack-bands-overlap",
        &["0–12", "12–130"],
    );
    let e = bad("from_age = 13, to_age = 130", "from_age = 15, to_age = 130");
    check(
        &e,
        Some("scales.outcome.bands"),
        "feedback-pack-bands-gap",
        &["13–14"],
    );
    let e = bad("from_age = 0, to_age = 12", "from_age = 12, to_age = 0");
    check(
        &e,
        Some("scales.outcome.bands.12-0"),
        "feedback-pack-band-reversed",
        &[],
    );
    let e = bad("to_age = 130", "to_age = 200");
    check(
        &e,
        Some("scales.outcome.bands.13-200"),
        "feedback-pack-age-out-of-range",
        &["200"],
    );
    let e = bad(
        "bands = [\n  { from_age = 0, to_age = 12, cutoff = 30 },\n  { from_age = 13, to_age = 130, cutoff = 26.5 },\n]\n",
        "",
    );
    check(
        &e,
        Some("scales.outcome.bands"),
        "feedback-pack-no-bands",
        &[],
    );
}

#[test]
fn a_cutoff_outside_the_scale() {
    // Four items make 0–40; 41 is impossible, and 265 (tenths by mistake) too.
    let e = bad("cutoff = 26.5", "cutoff = 41");
    check(
        &e,
        Some("scales.outcome.bands.13-130.cutoff"),
        "feedback-pack-out-of-range",
        &["41", "0.1–40.0"],
    );
    let e = bad("cutoff = 26.5", "cutoff = 265");
    check(
        &e,
        Some("scales.outcome.bands.13-130.cutoff"),
        "feedback-pack-out-of-range",
        &["265"],
    );
    let e = bad("cutoff = 26.5", "cutoff = 26.55");
    check(
        &e,
        Some("scales.outcome.bands.13-130.cutoff"),
        "feedback-pack-not-tenths",
        &["26.55"],
    );
}

#[test]
fn item_count_mismatch_between_languages() {
    let e = bad(
        "  { id = \"d\", label = \"Punkt D\", low = \"Lav\", high = \"Høj\" },\n",
        "",
    );
    check(
        &e,
        Some("scales.outcome.text.da.items"),
        "feedback-pack-item-count-mismatch",
        &["da", "3", "4"],
    );
}

#[test]
fn unknown_and_duplicate_items() {
    let e = bad(
        "{ id = \"d\", label = \"Item D\"",
        "{ id = \"e\", label = \"Item D\"",
    );
    check(
        &e,
        Some("scales.outcome.text.en.items"),
        "feedback-pack-unknown-item",
        &["'e'"],
    );
    let e = bad(
        "items = [\"a\", \"b\", \"c\", \"d\"]",
        "items = [\"a\", \"b\", \"c\", \"a\"]",
    );
    check(
        &e,
        Some("scales.outcome.items"),
        "feedback-pack-duplicate-id",
        &["'a'"],
    );
    let e = bad(
        "{ id = \"d\", label = \"Punkt D\"",
        "{ id = \"c\", label = \"Punkt D\"",
    );
    check(
        &e,
        Some("scales.outcome.text.nb.items"),
        "feedback-pack-duplicate-id",
        &["'c'"],
    );
    let e = bad("id = \"alliance\"", "id = \"outcome\"");
    check(
        &e,
        Some("scales"),
        "feedback-pack-duplicate-id",
        &["'outcome'"],
    );
    let e = bad("items = [\"a\", \"b\"]", "items = []");
    check(
        &e,
        Some("scales.alliance.items"),
        "feedback-pack-item-count",
        &["0"],
    );
}

#[test]
fn ids_kinds_and_texts() {
    let e = bad("id = \"test\"", "id = \"Test Pack\"");
    check(&e, Some("id"), "feedback-pack-bad-id", &["'Test Pack'"]);
    let e = bad("kind = \"alliance\"", "kind = \"satisfaction\"");
    check(
        &e,
        Some("scales.alliance.kind"),
        "feedback-pack-unknown-kind",
        &["'satisfaction'"],
    );
    let e = bad("label = \"Punkt A\"", "label = \"  \"");
    check(
        &e,
        Some("scales.outcome.text.nb.items.a.label"),
        "feedback-pack-empty-text",
        &[],
    );
    let long = format!("label = \"{}\"", "x".repeat(301));
    let e = bad("label = \"Item A\"", &long);
    check(
        &e,
        Some("scales.outcome.text.en.items.a.label"),
        "feedback-pack-text-too-long",
        &["300"],
    );
}

#[test]
fn thresholds_out_of_range() {
    let e = bad("item_below = 2,", "item_below = 11,");
    check(
        &e,
        Some("scales.outcome.alerts.item_below"),
        "feedback-pack-out-of-range",
        &["11", "10.0"],
    );
    let e = bad("drop_since_previous = 5 }", "drop_since_previous = 0 }");
    check(
        &e,
        Some("scales.outcome.alerts.drop_since_previous"),
        "feedback-pack-out-of-range",
        &[],
    );
    let e = bad("total_below = 15", "total_below = -1");
    check(
        &e,
        Some("scales.alliance.alerts.total_below"),
        "feedback-pack-out-of-range",
        &["-1"],
    );
}

#[test]
fn reliable_change_must_fit_what_it_assumes() {
    // 1.96 · 7.0 · √(2 · 0.07) = 5.1; a stated 8.0 is 2.9 away.
    let e = bad("threshold = 5.1", "threshold = 8");
    check(
        &e,
        Some("scales.outcome.reliable_change.threshold"),
        "feedback-pack-rci-mismatch",
        &["8.0", "5.1"],
    );
    // Publishers round to whole points: 5 is 0.1 away and accepted, 5.6 is not.
    assert!(load(&TEST.replacen("threshold = 5.1", "threshold = 5", 1)).is_ok());
    let e = bad("threshold = 5.1", "threshold = 5.7");
    assert_eq!(e.message_key(), "feedback-pack-rci-mismatch");
    for r in ["1", "0", "1.5", "0.9305", "\"high\""] {
        let e = bad("reliability = 0.93", &format!("reliability = {r}"));
        let key = if r.starts_with('"') {
            "feedback-pack-syntax"
        } else {
            "feedback-pack-bad-reliability"
        };
        assert_eq!(e.message_key(), key, "{r}: {e}");
    }
    let e = bad(
        "reliable_change = { threshold = 5.1, sd = 7.0, reliability = 0.93 }\n",
        "",
    );
    check(
        &e,
        Some("scales.outcome.reliable_change"),
        "feedback-pack-no-reliable-change",
        &[],
    );
}

#[test]
fn syntax_missing_and_unknown_fields() {
    let e = load("this is not toml").expect_err("refused");
    check(&e, None, "feedback-pack-syntax", &[]);
    let e = bad("placeholder = true\n", "");
    check(&e, None, "feedback-pack-syntax", &["placeholder"]);
    let e = bad("cutoff = 26.5", "cutof = 26.5");
    check(&e, None, "feedback-pack-syntax", &["cutof", "line 21"]);
    // A number in quotes, with a decimal comma, is told how to write it.
    let e = bad("cutoff = 26.5", "cutoff = \"26,5\"");
    check(&e, None, "feedback-pack-syntax", &["\"26,5\"", "24.5"]);
    let e = load("id = \"x\"\nversion = \"1\"\nplaceholder = true\nsource = \"s\"\n[name]\nnb = \"a\"\nnn = \"a\"\nda = \"a\"\nen = \"a\"\n")
        .expect_err("refused");
    check(&e, None, "feedback-pack-no-scales", &[]);
    let huge = "#".repeat(MAX_PACK_BYTES_FOR_TEST + 1);
    assert_eq!(
        load(&huge).map_err(|e| e.message_key()),
        Err("feedback-pack-too-large")
    );
}

const MAX_PACK_BYTES_FOR_TEST: usize = crate::feedback::load::MAX_PACK_BYTES;

mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any text is either a pack or a named error; never a panic.
        #[test]
        fn loading_never_panics(text in any::<String>()) {
            let _ = load(&text);
        }

        /// Cutting the test pack anywhere gives a pack or an error, never a panic.
        #[test]
        fn a_truncated_pack_never_panics(cut in 0usize..TEST.len()) {
            let mut cut = cut;
            while !TEST.is_char_boundary(cut) {
                cut -= 1;
            }
            let _ = load(&TEST[..cut]);
        }
    }
}
