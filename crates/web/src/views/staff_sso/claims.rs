//! What the staff sign-in reads from the provider's claims: one claim as
//! text, the groups, and the account a newcomer gets (user name, name and
//! e-mail as the provider gives them).

use ettlag_core::oidc::{FromGroups, IdTokenClaims};
use ettlag_db::{NewFromProvider, NewStaff};

/// The longest claim value taken; a longer one is not a name we keep.
const MAX_CLAIM: usize = 256;

/// A claim as text: `sub`, or one of the other claims.
pub(super) fn claim(claims: &IdTokenClaims, name: &str) -> Option<String> {
    let value = match name {
        "sub" => claims.sub.clone(),
        other => claims
            .other
            .get(other)
            .and_then(|v| v.as_str())
            .map(str::to_string),
    };
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= MAX_CLAIM)
}

/// The groups the provider lists (an array of names or ids).
pub(super) fn groups(claims: &IdTokenClaims, name: &str) -> Vec<String> {
    claims
        .other
        .get(name)
        .and_then(|v| v.as_array())
        .map(|all| {
            all.iter()
                .filter_map(|g| g.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The account a newcomer gets: their user name from `preferred_username`,
/// `upn` or `email` (else the subject), their name from `name` (else given
/// and family name, else the user name), no local password.
pub(super) fn new_account(
    claims: &IdTokenClaims,
    issuer: &str,
    subject: &str,
    given: FromGroups,
) -> NewFromProvider {
    let email = claim(claims, "email").filter(|e| e.contains('@'));
    let username = ["preferred_username", "upn"]
        .iter()
        .find_map(|c| claim(claims, c))
        .or_else(|| email.clone())
        .unwrap_or_else(|| subject.to_string())
        .to_lowercase();
    let full = [claim(claims, "given_name"), claim(claims, "family_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let display_name = claim(claims, "name")
        .or((!full.is_empty()).then_some(full))
        .unwrap_or_else(|| username.clone());
    NewFromProvider {
        issuer: issuer.to_string(),
        subject: subject.to_string(),
        email,
        account: NewStaff {
            username,
            display_name,
            roles: given.roles,
            units: given.units,
            password_hash: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ettlag_core::org::RoleSet;
    use serde_json::json;

    fn claims(value: serde_json::Value) -> IdTokenClaims {
        serde_json::from_value(value).expect("claims")
    }

    fn given() -> FromGroups {
        FromGroups {
            roles: RoleSet::parse("staff").expect("roles"),
            units: vec![],
        }
    }

    #[test]
    fn a_newcomer_is_named_as_the_provider_names_them() {
        let c = claims(json!({"iss": "i", "aud": "a", "exp": 1, "iat": 1,
            "preferred_username": "Kari.Nordmann@Kommune.no", "name": "Kari Nordmann",
            "email": "kari@kommune.no"}));
        let new = new_account(&c, "i", "s-1", given());
        assert_eq!(new.account.username, "kari.nordmann@kommune.no");
        assert_eq!(new.account.display_name, "Kari Nordmann");
        assert_eq!(new.email.as_deref(), Some("kari@kommune.no"));
        assert!(new.account.password_hash.is_none(), "no local password");
    }

    #[test]
    fn without_a_name_claim_the_given_and_family_names_or_the_subject_serve() {
        let c = claims(json!({"iss": "i", "aud": "a", "exp": 1, "iat": 1,
            "given_name": "Per", "family_name": "Hansen", "email": "ikke-en-adresse"}));
        let new = new_account(&c, "i", "S-2", given());
        assert_eq!(new.account.display_name, "Per Hansen");
        assert_eq!(new.account.username, "s-2");
        assert_eq!(new.email, None, "what is not an address is not kept");
    }

    #[test]
    fn blank_or_overlong_claims_are_not_taken() {
        let long = "x".repeat(MAX_CLAIM + 1);
        let c = claims(json!({"iss": "i", "aud": "a", "exp": 1, "iat": 1,
            "name": "  ", "oid": long}));
        assert_eq!(claim(&c, "name"), None);
        assert_eq!(claim(&c, "oid"), None);
    }
}
