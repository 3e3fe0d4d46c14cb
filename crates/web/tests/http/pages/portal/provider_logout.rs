//! A sign-out that starts at the identity provider ends the portal session
//! it names: front-channel (the provider's frame with `iss` and `sid`, the
//! only page the provider's origin may frame) and back-channel (a signed
//! logout token). A wrong issuer, a replayed token, a token with a nonce or
//! without the logout event, and a forged one end nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::oidc::{CLIENT, Forgery, attempt, forged, good, portal_with_oidc, sign, start_idp};
use crate::world::World as App;

/// The good claims with the provider's session id.
fn with_sid(sid: &'static str) -> impl Fn(&str, &str, i64) -> Value {
    move |nonce, iss, now| {
        let mut claims = good(nonce, iss, now);
        claims["sid"] = json!(sid);
        claims
    }
}

async fn signed_in(browser: &reqwest::Client, base: &str) -> bool {
    let r = browser
        .get(format!("{base}/portal"))
        .send()
        .await
        .expect("get");
    r.status() == StatusCode::OK
}

#[tokio::test]
async fn the_providers_front_channel_frame_ends_the_session_it_names() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = portal_with_oidc(&app, &idp).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let (status, browser, _) = attempt(&app, &idp, &base, with_sid("sid-1"), Forgery::Honest).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, other, _) = attempt(&app, &idp, &base, with_sid("sid-2"), Forgery::Honest).await;
    let frame = |iss: &str, sid: &str| {
        let q = serde_urlencoded::to_string([("iss", iss), ("sid", sid)]).expect("query");
        format!("{base}/portal/oidc/frontchannel-logout?{q}")
    };
    let provider = reqwest::Client::new();
    let r = provider
        .get(frame("http://evil.example", "sid-1"))
        .send()
        .await
        .expect("frame");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        signed_in(&browser, &base).await,
        "another issuer ends nothing"
    );

    let r = provider
        .get(frame(&issuer, "sid-1"))
        .send()
        .await
        .expect("frame");
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(csp.contains(&format!("frame-ancestors {issuer}")), "{csp}");
    assert!(r.headers().get("x-frame-options").is_none());
    assert!(
        !signed_in(&browser, &base).await,
        "the session named is over"
    );
    assert!(signed_in(&other, &base).await, "another session is not");
    // Every other page still refuses to be framed.
    let r = other
        .get(format!("{base}/portal"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    app.stop().await;
}

#[tokio::test]
async fn a_signed_logout_token_ends_the_session_once_and_a_bad_one_ends_nothing() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = portal_with_oidc(&app, &idp).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let (status, browser, _) = attempt(&app, &idp, &base, with_sid("sid-3"), Forgery::Honest).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let now = ettlag_db::now_ms() / 1000;
    let logout = |jti: &str| {
        json!({"iss": issuer, "aud": CLIENT, "iat": now, "jti": jti, "sid": "sid-3",
               "events": {"http://schemas.openid.net/event/backchannel-logout": {}}})
    };
    let post = |token: String| {
        let url = format!("{base}/portal/oidc/backchannel-logout");
        async move {
            reqwest::Client::new()
                .post(url)
                .form(&[("logout_token", token)])
                .send()
                .await
                .expect("post")
        }
    };
    let mut with_nonce = logout("j-1");
    with_nonce["nonce"] = json!("n");
    let mut no_event = logout("j-2");
    no_event["events"] = json!({});
    let mut old = logout("j-3");
    old["iat"] = json!(now - 3600);
    let mut other_audience = logout("j-4");
    other_audience["aud"] = json!("someone-else");
    let bad = [
        ("a nonce", sign(&with_nonce)),
        ("no logout event", sign(&no_event)),
        ("issued an hour ago", sign(&old)),
        ("another audience", sign(&other_audience)),
        ("alg none", forged("none", &logout("j-5"))),
        ("HS256 with the public key", forged("HS256", &logout("j-6"))),
        ("not a token", "x.y.z".to_string()),
    ];
    for (what, token) in bad {
        let r = post(token).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{what}");
        let body: Value = r.json().await.expect("json");
        assert_eq!(body["error"], "invalid_request", "{what}");
        assert!(signed_in(&browser, &base).await, "{what} ends nothing");
    }
    let token = sign(&logout("j-7"));
    assert_eq!(post(token.clone()).await.status(), StatusCode::OK);
    assert!(
        !signed_in(&browser, &base).await,
        "the provider's logout ended the session"
    );
    assert_eq!(
        post(token).await.status(),
        StatusCode::BAD_REQUEST,
        "a replay"
    );
    app.stop().await;
}
