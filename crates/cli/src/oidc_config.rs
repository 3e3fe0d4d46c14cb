//! The settings of an identity provider, from the TOML file's table (e.g.
//! `[citizen_oidc]`) and the environment (`ETTLAG_OIDC_*`), the environment
//! winning key by key. The client secret comes from the environment only,
//! never from the file; a private key is read from the file it names.

use std::sync::Arc;

use anyhow::Context;
use ettlag_core::oidc::{AcrPolicy, IDPORTEN_LEVELS};
use ettlag_web::oidc::{ClientAuth, OidcSettings, SigningKey};
use serde::Deserialize;

/// A provider's table in the TOML file. Every key is optional here: the
/// environment may give the rest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcFile {
    issuer: Option<String>,
    client_id: Option<String>,
    redirect_url: Option<String>,
    /// `none`, `client_secret_post`, `client_secret_basic` or `private_key_jwt`.
    client_auth: Option<String>,
    client_key_file: Option<String>,
    client_key_id: Option<String>,
    acr: Option<String>,
    acr_levels: Option<Vec<String>>,
    post_logout_url: Option<String>,
    end_session_url: Option<String>,
    scope: Option<String>,
}

/// Reads one key: the environment's `{prefix}_{NAME}`, else the file's.
struct Source<'a> {
    prefix: &'a str,
    file: OidcFile,
}

impl Source<'_> {
    fn env(&self, name: &str) -> Option<String> {
        std::env::var(format!("{}_{name}", self.prefix))
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn get(&self, name: &str, from_file: &Option<String>) -> Option<String> {
        self.env(name)
            .or_else(|| from_file.clone().filter(|v| !v.trim().is_empty()))
    }

    fn name(&self, key: &str) -> String {
        format!("{}_{}", self.prefix, key.to_uppercase())
    }
}

/// The provider named by `prefix` (`ETTLAG_OIDC` for citizens), or none
/// when no issuer is set. `default_acr` is the level asked for when none is
/// configured; without one, the provider's own policy is trusted.
pub fn provider(
    prefix: &str,
    file: Option<OidcFile>,
    default_acr: Option<&str>,
) -> anyhow::Result<Option<OidcSettings>> {
    let src = Source {
        prefix,
        file: file.unwrap_or_default(),
    };
    let f = &src.file;
    let Some(issuer) = src.get("ISSUER", &f.issuer) else {
        return Ok(None);
    };
    anyhow::ensure!(
        issuer.starts_with("https://")
            || issuer.starts_with("http://127.0.0.1")
            || issuer.starts_with("http://localhost"),
        "{} must be an https:// address (plain http only on this machine), not {issuer:?}",
        src.name("issuer")
    );
    let need = |key: &str, value: &Option<String>| {
        src.get(&key.to_uppercase(), value)
            .with_context(|| format!("{} must be set with {}", src.name(key), src.name("issuer")))
    };
    let client_id = need("client_id", &f.client_id)?;
    let redirect_url = need("redirect_url", &f.redirect_url)?;
    let client_auth = client_auth(&src)?;
    let acr = acr_policy(&src, default_acr)?;
    let post_logout_url = src
        .get("POST_LOGOUT_URL", &f.post_logout_url)
        .unwrap_or_else(|| beside(&redirect_url, "signed-out"));
    let scope = src
        .get("SCOPE", &f.scope)
        .unwrap_or_else(|| "openid".to_string());
    anyhow::ensure!(
        scope.split_whitespace().any(|s| s == "openid"),
        "{} must include openid",
        src.name("scope")
    );
    Ok(Some(OidcSettings {
        issuer,
        client_id,
        client_auth,
        redirect_url,
        acr,
        post_logout_url,
        end_session_url: src.get("END_SESSION_URL", &f.end_session_url),
        scope,
    }))
}

/// The page `page` beside the callback (`…/oidc/callback` → `…/page`).
fn beside(redirect_url: &str, page: &str) -> String {
    match redirect_url.rsplit_once("/oidc/") {
        Some((base, _)) => format!("{base}/{page}"),
        None => redirect_url.to_string(),
    }
}

fn client_auth(src: &Source<'_>) -> anyhow::Result<ClientAuth> {
    let f = &src.file;
    let secret = src.env("CLIENT_SECRET");
    let key_file = src.get("CLIENT_KEY_FILE", &f.client_key_file);
    let method = src.get("CLIENT_AUTH", &f.client_auth).unwrap_or_else(|| {
        match (&key_file, &secret) {
            (Some(_), _) => "private_key_jwt",
            (None, Some(_)) => "client_secret_post",
            (None, None) => "none",
        }
        .to_string()
    });
    let secret = |method: &str| {
        secret
            .clone()
            .with_context(|| format!("{} must be set for {method}", src.name("client_secret")))
    };
    Ok(match method.as_str() {
        "none" => ClientAuth::None,
        "client_secret_post" => ClientAuth::SecretPost(secret(&method)?),
        "client_secret_basic" => ClientAuth::SecretBasic(secret(&method)?),
        "private_key_jwt" => {
            let path = key_file.with_context(|| {
                format!(
                    "{} must be set for private_key_jwt",
                    src.name("client_key_file")
                )
            })?;
            let pem = std::fs::read(&path)
                .with_context(|| format!("could not read the client key {path}"))?;
            let kid = src.get("CLIENT_KEY_ID", &f.client_key_id);
            let key =
                SigningKey::from_pem(&pem, kid).map_err(|why| anyhow::anyhow!("{path}: {why}"))?;
            ClientAuth::PrivateKeyJwt(Arc::new(key))
        }
        other => anyhow::bail!(
            "{} must be none, client_secret_post, client_secret_basic or private_key_jwt, not {other:?}",
            src.name("client_auth")
        ),
    })
}

/// The level asked for among the ordered levels (ID-porten's by default).
fn acr_policy(src: &Source<'_>, default_acr: Option<&str>) -> anyhow::Result<Option<AcrPolicy>> {
    let f = &src.file;
    let levels: Vec<String> = match src.env("ACR_LEVELS") {
        Some(list) => list.split(',').map(|l| l.trim().to_string()).collect(),
        None => f
            .acr_levels
            .clone()
            .unwrap_or_else(|| IDPORTEN_LEVELS.iter().map(|l| l.to_string()).collect()),
    };
    let Some(required) = src
        .get("ACR", &f.acr)
        .or_else(|| default_acr.map(str::to_string))
    else {
        return Ok(None);
    };
    AcrPolicy::new(&levels, &required)
        .map(Some)
        .map_err(|why| anyhow::anyhow!("{} and {}: {why}", src.name("acr"), src.name("acr_levels")))
}

/// `[staff_sign_in]`: how staff sign in, beside their provider.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffSignInFile {
    local_passwords: Option<bool>,
    subject_claim: Option<String>,
    groups_claim: Option<String>,
    /// `email`, `preferred_username`, `upn` or `none`.
    match_claim: Option<String>,
    /// The short name of the municipality newcomers get an account in.
    create_accounts_in: Option<String>,
}

/// The staff's sign-in rules from the file and the environment
/// (`ETTLAG_STAFF_*`). Local passwords cannot be turned off without a
/// provider to sign in with instead.
pub fn staff_sign_in(
    file: Option<StaffSignInFile>,
    has_provider: bool,
) -> anyhow::Result<ettlag_web::oidc::StaffSignIn> {
    let f = file.unwrap_or_default();
    let env = |name: &str| {
        std::env::var(format!("ETTLAG_STAFF_{name}"))
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut rules = ettlag_web::oidc::StaffSignIn::default();
    let local = match env("LOCAL_PASSWORDS") {
        Some(v) => match v.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            other => {
                anyhow::bail!("ETTLAG_STAFF_LOCAL_PASSWORDS must be true or false, not {other:?}")
            }
        },
        None => f.local_passwords,
    };
    if let Some(local) = local {
        rules.local_passwords = local;
    }
    anyhow::ensure!(
        rules.local_passwords || has_provider,
        "local passwords for staff cannot be turned off without a staff identity provider (ETTLAG_STAFF_OIDC_ISSUER)"
    );
    if let Some(claim) = env("SUBJECT_CLAIM").or(f.subject_claim) {
        rules.subject_claim = claim;
    }
    if let Some(claim) = env("GROUPS_CLAIM").or(f.groups_claim) {
        rules.groups_claim = claim;
    }
    if let Some(claim) = env("MATCH_CLAIM").or(f.match_claim) {
        anyhow::ensure!(
            ["email", "preferred_username", "upn", "none"].contains(&claim.as_str()),
            "the staff match claim must be email, preferred_username, upn or none, not {claim:?}"
        );
        rules.match_claim = (claim != "none").then_some(claim);
    }
    rules.create_accounts_in = env("CREATE_ACCOUNTS_IN").or(f.create_accounts_in);
    anyhow::ensure!(
        rules.create_accounts_in.is_none() || has_provider,
        "staff accounts can only be created at sign-in with a staff identity provider (ETTLAG_STAFF_OIDC_ISSUER)"
    );
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signed_out_page_is_found_beside_the_callback() {
        assert_eq!(
            beside("https://kommune.example/portal/oidc/callback", "signed-out"),
            "https://kommune.example/portal/signed-out"
        );
    }

    #[test]
    fn a_staff_callback_signs_out_to_the_sign_in_pages_signed_out_address() {
        assert_eq!(
            beside("https://kommune.example/oidc/callback", "signed-out"),
            "https://kommune.example/signed-out"
        );
    }

    fn rules(toml: &str) -> StaffSignInFile {
        toml::from_str(toml).expect("the table")
    }

    #[test]
    fn accounts_are_made_at_sign_in_only_with_a_staff_provider() {
        let file = || rules("create_accounts_in = \"demo\"");
        let refused = staff_sign_in(Some(file()), false).expect_err("no provider");
        assert!(refused.to_string().contains("ETTLAG_STAFF_OIDC_ISSUER"));
        let rules = staff_sign_in(Some(file()), true).expect("with a provider");
        assert_eq!(rules.create_accounts_in.as_deref(), Some("demo"));
    }

    #[test]
    fn an_unknown_match_claim_or_key_is_refused_with_its_name() {
        let refused = staff_sign_in(Some(rules("match_claim = \"phone\"")), true)
            .expect_err("not a claim we match by");
        assert!(refused.to_string().contains("phone"));
        let unknown = toml::from_str::<StaffSignInFile>("create_account_in = \"demo\"");
        assert!(unknown.is_err(), "a misspelt key is an error, not ignored");
    }
}
