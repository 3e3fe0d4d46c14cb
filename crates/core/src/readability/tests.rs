//! LIX scores computed by hand.
use super::*;

#[test]
fn an_empty_text_scores_nothing() {
    assert_eq!(Lix::of("   ").score(), 0.0);
    assert_eq!(Lix::of(""), Lix::default());
}

#[test]
fn short_sentences_with_short_words() {
    // 6 words, 2 sentences, no long words: 6/2 + 0 = 3.
    let lix = Lix::of("Vi ser deg. Du er bra.");
    assert_eq!(
        lix,
        Lix {
            words: 6,
            sentences: 2,
            long_words: 0
        }
    );
    assert_eq!(lix.score(), 3.0);
}

#[test]
fn long_words_have_more_than_six_letters() {
    // "Stafettholderen" (15) and "koordinerer" (11) are long; "tiltak" (6)
    // and "skolen" (6) are not. 5 words, 1 sentence, 2 long:
    // 5/1 + 100·2/5 = 45.
    let lix = Lix::of("Stafettholderen koordinerer tiltak i skolen.");
    assert_eq!(lix.words, 5);
    assert_eq!(lix.long_words, 2);
    assert_eq!(lix.sentences, 1);
    assert_eq!(lix.score(), 45.0);
    assert!(!lix.is_plain());
    assert_eq!(lix.rounded(), 45);
}

#[test]
fn headings_and_questions_end_sentences() {
    // "Hvem følger oss opp" (4 words, line break), "Har du spørsmål?"
    // (3 words; "spørsmål" has 8 letters), "Ring oss" (2 words, end).
    // 9 words, 3 sentences, 1 long: 9/3 + 100/9 = 3 + 11.11 = 14.11.
    let lix = Lix::of("Hvem følger oss opp\nHar du spørsmål? Ring oss");
    assert_eq!(
        lix,
        Lix {
            words: 9,
            sentences: 3,
            long_words: 1
        }
    );
    assert!((lix.score() - 14.111).abs() < 0.001);
    assert_eq!(lix.rounded(), 14);
}

#[test]
fn a_hyphenated_compound_is_one_word_and_repeated_stops_one_sentence() {
    // "PP-tjenesten" is one word of 11 letters (the hyphen is not a letter).
    // "Hei!!!" is one sentence. 3 words, 2 sentences, 1 long: 1.5 + 33.33.
    let lix = Lix::of("Hei!!! PP-tjenesten ringer.");
    assert_eq!(lix.words, 3);
    assert_eq!(lix.sentences, 2);
    assert_eq!(lix.long_words, 1);
    assert!((lix.score() - 34.833).abs() < 0.001);
}
