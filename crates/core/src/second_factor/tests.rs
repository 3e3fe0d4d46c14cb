//! The second factor against the RFC's own test vectors, and its rules for
//! drift, replay and recovery codes.

use super::recovery;
use super::*;

/// The SHA-1 seed of RFC 6238 Appendix B.
const RFC_SEED: &[u8] = b"12345678901234567890";

fn rfc_secret() -> TotpSecret {
    TotpSecret::from_bytes(RFC_SEED).expect("20 bytes")
}

#[test]
fn codes_match_the_test_vectors_of_rfc_6238() {
    // Appendix B gives eight digits; six digits are the last six of them.
    let secret = rfc_secret();
    for (time, eight) in [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ] {
        assert_eq!(secret.code_at(time), eight[2..], "at {time}");
    }
}

#[test]
fn a_code_is_accepted_one_step_either_side_and_not_two() {
    let secret = rfc_secret();
    let now = 1_234_567_890;
    let step = now / STEP_SECONDS;
    for (offset, accepted) in [(-2i64, false), (-1, true), (0, true), (1, true), (2, false)] {
        let at = now.saturating_add_signed(offset * 30);
        let expected = if accepted {
            CodeCheck::Accepted {
                step: step.saturating_add_signed(offset),
            }
        } else {
            CodeCheck::Wrong
        };
        assert_eq!(secret.check(&secret.code_at(at), now, None), expected);
    }
}

#[test]
fn a_code_for_a_used_step_or_an_earlier_one_is_refused_as_replayed() {
    let secret = rfc_secret();
    let now = 1_234_567_890;
    let step = now / STEP_SECONDS;
    let code = secret.code_at(now);
    assert_eq!(
        secret.check(&code, now, Some(step - 1)),
        CodeCheck::Accepted { step }
    );
    assert_eq!(secret.check(&code, now, Some(step)), CodeCheck::Replayed);
    let earlier = secret.code_at(now - 30);
    assert_eq!(secret.check(&earlier, now, Some(step)), CodeCheck::Replayed);
}

#[test]
fn wrong_or_malformed_codes_are_wrong_and_spaces_do_not_matter() {
    let secret = rfc_secret();
    let now = 59;
    assert_eq!(
        secret.check("287 082", now, None),
        CodeCheck::Accepted { step: 1 }
    );
    for typed in [
        "287083",
        "",
        "28708",
        "2870822",
        "+87082",
        "abcdef",
        "٢٨٧٠٨٢",
    ] {
        assert_eq!(secret.check(typed, now, None), CodeCheck::Wrong, "{typed}");
    }
}

#[test]
fn a_secret_survives_base32_and_short_secrets_are_refused() {
    let secret = rfc_secret();
    assert_eq!(secret.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert_eq!(
        TotpSecret::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"),
        Some(secret.clone())
    );
    assert_eq!(
        secret.to_grouped_base32(),
        "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
    );
    assert_eq!(TotpSecret::from_bytes(&[7; 15]), None);
    assert_eq!(TotpSecret::from_base32("GEZDGNBV"), None);
    assert_eq!(TotpSecret::from_base32("not base32!"), None);
}

#[test]
fn the_otpauth_url_names_the_issuer_and_account_without_colons() {
    let url = rfc_secret()
        .otpauth_url("ettlag: Testvik", "laerer:a")
        .expect("a url");
    assert!(url.starts_with("otpauth://totp/"), "{url}");
    assert!(
        url.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        "{url}"
    );
    assert!(url.contains("issuer=ettlag"), "{url}");
    assert!(url.contains("laerer%20a"), "{url}");
}

#[test]
fn the_second_step_is_a_code_when_enrolled_and_enrolment_only_when_required() {
    assert_eq!(SecondStep::after_password(true, false), SecondStep::Code);
    assert_eq!(SecondStep::after_password(true, true), SecondStep::Code);
    assert_eq!(SecondStep::after_password(false, true), SecondStep::Enrol);
    assert_eq!(SecondStep::after_password(false, false), SecondStep::None);
}

#[test]
fn recovery_codes_have_sixteen_letters_in_four_groups_and_hash_in_any_typing() {
    let code = recovery::format(&[0xff; recovery::CODE_BYTES]);
    assert_eq!(code, "7777-7777-7777-7777");
    let code = recovery::format(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(code.len(), 19);
    let hash = recovery::hash(&code).expect("a code");
    assert_eq!(hash.len(), 64);
    let typed = format!("  {} ", code.to_uppercase().replace('-', " "));
    assert_eq!(recovery::hash(&typed), Some(hash));
    for bad in [
        "",
        "abcd-efgh",
        "0000-0000-0000-0000",
        "abcd-efgh-ijkl-mnopq",
    ] {
        assert_eq!(recovery::hash(bad), None, "{bad}");
    }
}

#[test]
fn six_digits_look_like_an_app_code_and_a_recovery_code_does_not() {
    assert!(recovery::looks_like_app_code("123 456"));
    assert!(!recovery::looks_like_app_code("abcd-efgh-ijkl-mnop"));
    assert!(!recovery::looks_like_app_code("12345"));
}
