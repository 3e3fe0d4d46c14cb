//! Each claim check refuses on its own.
use std::sync::LazyLock;

use super::*;
use crate::nin::BirthDate;

static HIGH: LazyLock<AcrPolicy> =
    LazyLock::new(|| AcrPolicy::idporten("idporten-loa-high").unwrap_or_else(|e| panic!("{e}")));
static SUBSTANTIAL: LazyLock<AcrPolicy> = LazyLock::new(|| {
    AcrPolicy::idporten("idporten-loa-substantial").unwrap_or_else(|e| panic!("{e}"))
});

fn pid() -> String {
    (0..1000)
        .find_map(|i| {
            NationalId::synthetic(
                BirthDate {
                    year: 1985,
                    month: 3,
                    day: 14,
                },
                i,
            )
        })
        .map(|n| n.as_str().to_string())
        .unwrap_or_default()
}

fn good() -> IdTokenClaims {
    IdTokenClaims {
        iss: "http://idp.test".into(),
        aud: Audience::One("ettlag".into()),
        exp: 1_000_100,
        iat: Some(1_000_000),
        nonce: Some("n-1".into()),
        acr: Some("idporten-loa-high".into()),
        pid: Some(pid()),
        sub: Some("subject-1".into()),
        sid: None,
        amr: None,
        other: serde_json::Map::new(),
    }
}

fn expected() -> Expected<'static> {
    Expected {
        issuer: "http://idp.test",
        client_id: "ettlag",
        nonce: "n-1",
        acr: Some(&HIGH),
        now_s: 1_000_050,
        leeway_s: 30,
    }
}

#[test]
fn good_claims_give_the_national_id() {
    let id = check_claims(&good(), &expected());
    assert_eq!(id.map(|n| n.as_str().to_string()), Ok(pid()));
}

#[test]
fn each_bad_claim_is_refused() {
    let cases: Vec<(IdTokenClaims, LoginRefused)> = vec![
        (
            IdTokenClaims {
                iss: "http://evil".into(),
                ..good()
            },
            LoginRefused::Issuer,
        ),
        (
            IdTokenClaims {
                aud: Audience::Many(vec!["other".into()]),
                ..good()
            },
            LoginRefused::Audience,
        ),
        (
            IdTokenClaims {
                exp: 1_000_019,
                ..good()
            },
            LoginRefused::Expired,
        ),
        (
            IdTokenClaims {
                iat: Some(1_000_200),
                ..good()
            },
            LoginRefused::NotYetValid,
        ),
        (
            IdTokenClaims {
                nonce: Some("n-2".into()),
                ..good()
            },
            LoginRefused::Nonce,
        ),
        (
            IdTokenClaims {
                nonce: None,
                ..good()
            },
            LoginRefused::Nonce,
        ),
        (
            IdTokenClaims {
                acr: Some("idporten-loa-substantial".into()),
                ..good()
            },
            LoginRefused::Acr,
        ),
        (
            IdTokenClaims {
                pid: Some("12345678901".into()),
                ..good()
            },
            LoginRefused::Pid,
        ),
        (
            IdTokenClaims {
                pid: None,
                ..good()
            },
            LoginRefused::Pid,
        ),
    ];
    for (claims, why) in cases {
        assert_eq!(
            check_claims(&claims, &expected()).err(),
            Some(why),
            "{claims:?}"
        );
    }
}

#[test]
fn several_audiences_may_include_ours() {
    let claims = IdTokenClaims {
        aud: Audience::Many(vec!["other".into(), "ettlag".into()]),
        ..good()
    };
    assert!(check_claims(&claims, &expected()).is_ok());
}

#[test]
fn a_higher_level_than_asked_is_let_in_and_a_missing_one_is_not() {
    let substantial = Expected {
        acr: Some(&SUBSTANTIAL),
        ..expected()
    };
    assert!(check_claims(&good(), &substantial).is_ok());
    let none = IdTokenClaims {
        acr: None,
        ..good()
    };
    assert_eq!(
        check_claims(&none, &substantial).err(),
        Some(LoginRefused::Acr)
    );
}
