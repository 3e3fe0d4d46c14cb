//! Signing out at the identity provider (OpenID Connect RP-Initiated Logout
//! 1.0): a parent who signed in through the provider is signed out here
//! and sent to the provider's `end_session_endpoint` with the ID token as
//! `id_token_hint`, our signed-out page and a fresh `state` (through a page
//! that goes on at once, as the CSP stops a form redirect to another origin);
//! the signed-out page takes that state once. Without an `end_session_endpoint` the parent
//! is signed out here and told plainly that the provider did not sign them
//! out. A local-account parent is signed out here only.

use reqwest::StatusCode;

use super::oidc::{Forgery, attempt, good, param, portal_with_oidc, start_idp};
use super::{Family, assert_plain, parent_account};
use crate::world::World as App;

/// The CSRF token of a portal page.
fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a csrf token")
        .to_string()
}

async fn sign_out(browser: &reqwest::Client, base: &str) -> String {
    sign_out_from(
        browser,
        &format!("{base}/portal"),
        &format!("{base}/portal/logout"),
    )
    .await
}

/// Signs out with the form on `home`: where the browser goes next (a
/// redirect here, or the provider's address from the page that goes on).
pub(crate) async fn sign_out_from(browser: &reqwest::Client, home: &str, logout: &str) -> String {
    let home = browser
        .get(home)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let r = browser
        .post(logout)
        .form(&[("csrf", csrf_of(&home))])
        .send()
        .await
        .expect("logout");
    if r.status() == StatusCode::SEE_OTHER {
        return r.headers()["location"].to_str().expect("ascii").to_string();
    }
    // On to the provider through a page: an instant refresh and a link.
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    let href = |after: &str| {
        html.split(after)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(unescape)
            .expect("the provider's address")
    };
    let link = href("class=\"button\" href=\"");
    assert_eq!(
        href("content=\"0;url="),
        link,
        "the refresh goes where the link does"
    );
    assert_plain("signing out at the provider", &html);
    link
}

/// An HTML attribute's text as the browser reads it.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').expect("an entity ends");
        let entity = &tail[1..end];
        let code = match entity {
            "amp" => '&',
            "quot" => '"',
            "lt" => '<',
            "gt" => '>',
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .expect("hex entity"),
            e => e[1..]
                .parse()
                .ok()
                .and_then(char::from_u32)
                .expect("entity"),
        };
        out.push(code);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

async fn signed_in(browser: &reqwest::Client, base: &str) -> bool {
    let r = browser
        .get(format!("{base}/portal"))
        .send()
        .await
        .expect("get");
    r.status() == StatusCode::OK
}

pub(crate) async fn text(browser: &reqwest::Client, url: &str) -> (StatusCode, String) {
    let r = browser.get(url).send().await.expect("get");
    (r.status(), r.text().await.expect("body"))
}

#[tokio::test]
async fn a_parent_who_signed_in_through_the_provider_is_signed_out_there_too() {
    let app = App::start().await;
    let idp = start_idp().await;
    idp.lock().expect("lock").end_session = true;
    let base = portal_with_oidc(&app, &idp).await;
    let issuer = idp.lock().expect("lock").base.clone();

    let (status, browser, _) = attempt(&app, &idp, &base, good, Forgery::Honest).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(signed_in(&browser, &base).await);
    let location = sign_out(&browser, &base).await;
    // Our session is over before the browser reaches the provider.
    assert!(!signed_in(&browser, &base).await, "signed out here");
    assert!(
        location.starts_with(&format!("{issuer}/endsession?")),
        "{location}"
    );
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(location.split_once('?').expect("query").1).expect("query");
    let issued = idp.lock().expect("lock").token.clone().expect("a token");
    assert_eq!(param(&query, "id_token_hint"), issued);
    assert_eq!(
        param(&query, "post_logout_redirect_uri"),
        format!("{base}/portal/signed-out"),
        "{location}"
    );
    assert_eq!(param(&query, "client_id"), "ettlag-test");
    let state = param(&query, "state").to_string();
    assert!(state.len() >= 32, "a fresh state: {state}");

    // The provider sends the browser back with the state.
    let r = browser.get(&location).send().await.expect("endsession");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = r.headers()["location"].to_str().expect("ascii").to_string();
    assert!(back.starts_with(&format!("{base}/portal/signed-out?state=")));
    let (status, html) = text(&browser, &back).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Du er logget ut her og i ID-porten."),
        "{html}"
    );
    assert_plain("signed-out", &html);
    // The state is taken once; one we never sent proves nothing.
    let (status, html) = text(&browser, &back).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Vi vet ikke om du er logget ut av ID-porten"));
    let (status, _) = text(&browser, &format!("{base}/portal/signed-out?state=made-up")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = text(&browser, &format!("{base}/portal/signed-out")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A second sign-in gets a state of its own on sign-out.
    let (_, browser, _) = attempt(&app, &idp, &base, good, Forgery::Honest).await;
    let again = sign_out(&browser, &base).await;
    let q2: Vec<(String, String)> =
        serde_urlencoded::from_str(again.split_once('?').expect("query").1).expect("query");
    assert_ne!(param(&q2, "state"), state);
    app.stop().await;
}

#[tokio::test]
async fn without_an_end_session_endpoint_the_parent_is_told_they_are_signed_out_here_only() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = portal_with_oidc(&app, &idp).await;

    let (status, browser, _) = attempt(&app, &idp, &base, good, Forgery::Honest).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = sign_out(&browser, &base).await;
    assert_eq!(location, "/portal/signed-out?provider=none");
    assert!(!signed_in(&browser, &base).await, "signed out here");
    assert!(
        idp.lock().expect("lock").logout.is_none(),
        "provider not asked"
    );
    let (status, html) = text(&browser, &format!("{base}{location}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Vi fikk ikke logget deg ut av ID-porten."),
        "{html}"
    );
    assert_plain("signed-out here only", &html);

    // A local-account parent just signs out here, as before.
    parent_account(&app).await;
    let f = Family::sign_in(&app).await;
    let r =
        f.c.post(app.url("/portal/logout"))
            .form(&[("csrf", f.csrf.as_str())])
            .send()
            .await
            .expect("logout");
    assert_eq!(r.headers()["location"], "/portal/login");
    app.stop().await;
}
