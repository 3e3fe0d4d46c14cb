//! Login for families through OpenID Connect against a small local identity
//! provider run by the test: discovery, the code flow with PKCE S256, state
//! and nonce, an RS256-signed ID token with `acr` and `pid`. A good token
//! signs the parent in; a wrong nonce, a too low `acr`, another audience,
//! an expired token, a bad signature, `alg: none`, an HMAC token keyed with
//! the public key, an unknown state, a replayed state, a callback in another
//! browser and a wrong `iss` in the callback are each refused and sign no
//! one in. The real provider (`oidc-provider` over HTTPS) is in the browser
//! tests. The test key below is made for these tests only (`openssl genpkey
//! -algorithm RSA`, then `openssl pkey -traditional -outform DER`: PKCS#1 DER).

use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::world::{World as App, nin};
use ettlag_core::oidc::AcrPolicy;
use ettlag_web::oidc::{ClientAuth, OidcSettings};
use ettlag_web::{AppState, WebConfig};

const KEY: &[u8] = include_bytes!("test_key.der");
const ACR: &str = "idporten-loa-high";
pub(crate) const CLIENT: &str = "ettlag-test";

#[derive(Default)]
pub(crate) struct Idp {
    pub(crate) base: String,
    /// Whether discovery names an `end_session_endpoint` (see `oidc_logout`).
    pub(crate) end_session: bool,
    /// The query of the last sign-out the portal sent here.
    pub(super) logout: Option<Vec<(String, String)>>,
    /// What the token endpoint answers next, and the PKCE challenge the
    /// verifier must match.
    pub(crate) token: Option<String>,
    challenge: String,
    verifier_ok: Option<bool>,
}

pub(crate) type Shared = Arc<Mutex<Idp>>;

fn key() -> EncodingKey {
    EncodingKey::from_rsa_der(KEY)
}

/// The provider's public key as a JWK.
fn public_jwk() -> Value {
    let jwk = Jwk::from_encoding_key(&key(), Algorithm::RS256).expect("public key");
    let mut value = serde_json::to_value(jwk).expect("json");
    value["kid"] = json!("k1");
    value["use"] = json!("sig");
    value
}

pub(crate) fn sign(claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("k1".into());
    encode(&header, claims, &key()).expect("sign")
}

/// A token whose header says `alg`, with the signature the attacker can
/// make: none at all, or an HMAC keyed with the provider's public key.
pub(super) fn forged(alg: &str, claims: &Value) -> String {
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).expect("json"));
    let input = format!("{}.{}", b64(&json!({"alg": alg, "kid": "k1"})), b64(claims));
    if alg == "none" {
        return format!("{input}.");
    }
    let secret = serde_json::to_vec(&public_jwk()).expect("json");
    let key = EncodingKey::from_secret(&secret).expect("an HMAC key");
    let signed = encode(&Header::new(Algorithm::HS256), claims, &key).expect("hmac");
    let sig = signed.rsplit('.').next().unwrap_or_default().to_string();
    format!("{input}.{sig}")
}

pub(crate) async fn start_idp() -> Shared {
    let shared: Shared = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    shared.lock().expect("lock").base = base;
    let router = Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(|State(s): State<Shared>| async move {
                let (base, end_session) = {
                    let idp = s.lock().expect("lock");
                    (idp.base.clone(), idp.end_session)
                };
                let mut d = json!({
                    "issuer": base,
                    "authorization_endpoint": format!("{base}/authorize"),
                    "token_endpoint": format!("{base}/token"),
                    "jwks_uri": format!("{base}/jwks"),
                });
                if end_session {
                    d["end_session_endpoint"] = json!(format!("{base}/endsession"));
                }
                Json(d)
            }),
        )
        .route(
            "/jwks",
            get(|| async { Json(json!({"keys": [public_jwk()]})) }),
        )
        .route(
            "/token",
            post(
                |State(s): State<Shared>, Form(form): Form<Vec<(String, String)>>| async move {
                    let mut idp = s.lock().expect("lock");
                    let verifier = form
                        .iter()
                        .find(|(k, _)| k == "code_verifier")
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    let ok = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
                        == idp.challenge;
                    idp.verifier_ok = Some(ok);
                    Json(json!({"access_token": "a", "token_type": "Bearer",
                        "id_token": idp.token.clone().unwrap_or_default()}))
                },
            ),
        )
        .route(
            "/endsession",
            get(
                |State(s): State<Shared>,
                 axum::extract::Query(q): axum::extract::Query<Vec<(String, String)>>| async move {
                    // Only the ID token this provider issued is a good hint;
                    // the browser goes back to the given address with the state.
                    let hint_ok = {
                        let idp = s.lock().expect("lock");
                        idp.token.as_deref() == Some(param(&q, "id_token_hint"))
                    };
                    s.lock().expect("lock").logout = Some(q.clone());
                    if !hint_ok {
                        return axum::response::Redirect::to("/bad-hint");
                    }
                    let back = serde_urlencoded::to_string([("state", param(&q, "state"))])
                        .expect("query");
                    axum::response::Redirect::to(&format!(
                        "{}?{back}",
                        param(&q, "post_logout_redirect_uri")
                    ))
                },
            ),
        )
        .with_state(shared.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    shared
}

/// A second server over the same store, with the identity provider set.
pub(super) async fn portal_with_oidc(app: &App, idp: &Shared) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let config = WebConfig {
        oidc: Some(OidcSettings {
            issuer: idp.lock().expect("lock").base.clone(),
            client_id: CLIENT.into(),
            client_auth: ClientAuth::SecretPost("hemmelig".into()),
            redirect_url: format!("{base}/portal/oidc/callback"),
            acr: Some(AcrPolicy::idporten(ACR).expect("a level")),
            post_logout_url: format!("{base}/portal/signed-out"),
            end_session_url: None,
            scope: "openid".into(),
        }),
        ..WebConfig::default()
    };
    let router = ettlag_web::router(AppState::new(app.db.store.clone(), config));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    base
}

/// The query parameters of the redirect to the provider.
async fn begin(browser: &reqwest::Client, base: &str) -> Vec<(String, String)> {
    let r = browser
        .get(format!("{base}/portal/oidc/start"))
        .send()
        .await
        .expect("start");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let query = location.split_once('?').expect("a query").1;
    serde_urlencoded::from_str(query).expect("query")
}

pub(crate) fn param<'a>(q: &'a [(String, String)], name: &str) -> &'a str {
    q.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// One login where `claims` (given the nonce) makes the token; the status of
/// the callback.
pub(super) async fn attempt(
    app: &App,
    idp: &Shared,
    base: &str,
    claims: impl Fn(&str, &str, i64) -> Value,
    forgery: Forgery,
) -> (StatusCode, reqwest::Client, String) {
    let browser = app.browser();
    let q = begin(&browser, base).await;
    assert_eq!(param(&q, "code_challenge_method"), "S256");
    assert_eq!(param(&q, "acr_values"), ACR);
    assert_eq!(param(&q, "client_id"), CLIENT);
    let issuer = idp.lock().expect("lock").base.clone();
    let now = ettlag_db::now_ms() / 1000;
    let claims = claims(param(&q, "nonce"), &issuer, now);
    let mut token = match forgery {
        Forgery::AlgNone => forged("none", &claims),
        Forgery::HmacWithPublicKey => forged("HS256", &claims),
        Forgery::Honest | Forgery::Payload => sign(&claims),
    };
    if forgery == Forgery::Payload {
        // Another pid in the payload, the old signature kept.
        let parts: Vec<&str> = token.split('.').collect();
        let mut payload: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
        payload["pid"] = json!(nin(1990, 1, 1).as_str());
        let forged = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&payload).expect("json"));
        token = format!("{}.{forged}.{}", parts[0], parts[2]);
    }
    {
        let mut i = idp.lock().expect("lock");
        i.token = Some(token);
        i.challenge = param(&q, "code_challenge").to_string();
    }
    let state = param(&q, "state").to_string();
    let r = browser
        .get(callback_url(base, &state))
        .send()
        .await
        .expect("callback");
    (r.status(), browser, state)
}

/// How the token the provider hands out was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Forgery {
    Honest,
    /// Another `pid` in the payload, the old signature kept.
    Payload,
    AlgNone,
    HmacWithPublicKey,
}

fn callback_url(base: &str, state: &str) -> String {
    let query = serde_urlencoded::to_string([("code", "c-1"), ("state", state)]).expect("query");
    format!("{base}/portal/oidc/callback?{query}")
}

pub(super) fn good(nonce: &str, iss: &str, now: i64) -> Value {
    json!({"iss": iss, "aud": CLIENT, "exp": now + 120, "iat": now, "nonce": nonce,
           "acr": ACR, "pid": nin(1985, 6, 7).as_str(), "sub": "x"})
}

#[tokio::test]
async fn a_parent_signs_in_through_the_identity_provider_and_bad_tokens_are_refused() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = portal_with_oidc(&app, &idp).await;

    let (status, browser, state) = attempt(&app, &idp, &base, good, Forgery::Honest).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        idp.lock().expect("lock").verifier_ok,
        Some(true),
        "PKCE verifier sent"
    );
    let home = browser
        .get(format!("{base}/portal"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(home.contains("Ada Testesen"), "{home}");

    // The same state again: used once, so refused.
    let r = browser
        .get(callback_url(&base, &state))
        .send()
        .await
        .expect("replay");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    type Claims = fn(&str, &str, i64) -> Value;
    let bad: Vec<(&str, Claims, Forgery)> = vec![
        (
            "wrong nonce",
            |_, iss, now| json!({"iss": iss, "aud": CLIENT, "exp": now + 120, "nonce": "other", "acr": ACR, "pid": nin(1985, 6, 7).as_str()}),
            Forgery::Honest,
        ),
        (
            "acr too low",
            |n, iss, now| json!({"iss": iss, "aud": CLIENT, "exp": now + 120, "nonce": n, "acr": "idporten-loa-substantial", "pid": nin(1985, 6, 7).as_str()}),
            Forgery::Honest,
        ),
        (
            "another audience",
            |n, iss, now| json!({"iss": iss, "aud": "someone-else", "exp": now + 120, "nonce": n, "acr": ACR, "pid": nin(1985, 6, 7).as_str()}),
            Forgery::Honest,
        ),
        (
            "expired",
            |n, iss, now| json!({"iss": iss, "aud": CLIENT, "exp": now - 600, "nonce": n, "acr": ACR, "pid": nin(1985, 6, 7).as_str()}),
            Forgery::Honest,
        ),
        (
            "another issuer",
            |n, _, now| json!({"iss": "http://evil.example", "aud": CLIENT, "exp": now + 120, "nonce": n, "acr": ACR, "pid": nin(1985, 6, 7).as_str()}),
            Forgery::Honest,
        ),
        (
            "no pid",
            |n, iss, now| json!({"iss": iss, "aud": CLIENT, "exp": now + 120, "nonce": n, "acr": ACR}),
            Forgery::Honest,
        ),
        ("forged payload", good, Forgery::Payload),
        ("alg none", good, Forgery::AlgNone),
        (
            "HS256 keyed with the public key",
            good,
            Forgery::HmacWithPublicKey,
        ),
    ];
    for (what, claims, forgery) in bad {
        let (status, browser, _) = attempt(&app, &idp, &base, claims, forgery).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what} must be refused");
        let r = browser
            .get(format!("{base}/portal"))
            .send()
            .await
            .expect("get");
        assert_eq!(
            r.headers()["location"],
            "/portal/login",
            "{what} signs no one in"
        );
    }
    // A state this server never sent.
    let r = app
        .browser()
        .get(callback_url(&base, "made-up"))
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test]
async fn a_callback_opened_in_another_browser_signs_no_one_in() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = portal_with_oidc(&app, &idp).await;
    // The attacker starts a sign-in and gets the callback address ...
    let attacker = app.browser();
    let q = begin(&attacker, &base).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let now = ettlag_db::now_ms() / 1000;
    idp.lock().expect("lock").token = Some(sign(&good(param(&q, "nonce"), &issuer, now)));
    // ... and has the victim's browser open it.
    let victim = app.browser();
    let r = victim
        .get(callback_url(&base, param(&q, "state")))
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let page = r.text().await.expect("body");
    assert!(page.contains("annen nettleser"), "{page}");
    let r = victim
        .get(format!("{base}/portal"))
        .send()
        .await
        .expect("get");
    assert_eq!(
        r.headers()["location"],
        "/portal/login",
        "the victim is not signed in"
    );
    // The sign-in is burnt: the attacker's own browser cannot finish it either.
    let r = attacker
        .get(callback_url(&base, param(&q, "state")))
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test]
async fn a_callback_naming_another_issuer_is_refused() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = portal_with_oidc(&app, &idp).await;
    let browser = app.browser();
    let q = begin(&browser, &base).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let now = ettlag_db::now_ms() / 1000;
    idp.lock().expect("lock").token = Some(sign(&good(param(&q, "nonce"), &issuer, now)));
    let query = serde_urlencoded::to_string([
        ("code", "c-1"),
        ("state", param(&q, "state")),
        ("iss", "https://evil.example"),
    ])
    .expect("query");
    let r = browser
        .get(format!("{base}/portal/oidc/callback?{query}"))
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = browser
        .get(format!("{base}/portal"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.headers()["location"], "/portal/login");
    app.stop().await;
}
