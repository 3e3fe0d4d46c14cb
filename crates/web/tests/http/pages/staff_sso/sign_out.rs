//! A staff member who came through the municipality's provider signs out
//! there too: our session ends first, the browser goes on to the provider's
//! `end_session_endpoint`, and `/signed-out` tells whether the provider
//! confirmed it (the `state` we sent, taken once). A local sign-in is
//! signed out here only.

use reqwest::StatusCode;

use super::super::portal::oidc::{param, start_idp};
use super::super::portal::oidc_logout::{sign_out_from, text};
use super::{sso, with_sso};
use crate::world::World as App;

#[tokio::test]
async fn a_teacher_who_signs_out_is_signed_out_at_the_provider_too() {
    let app = App::start().await;
    let idp = start_idp().await;
    idp.lock().expect("lock").end_session = true;
    let base = with_sso(&app, &idp, true).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let (status, browser, _) = sso(&app, &idp, &base, "laerer.a", "oid-a", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let children = format!("{base}/children");
    let location = sign_out_from(&browser, &children, &format!("{base}/logout")).await;
    assert_ne!(
        browser.get(&children).send().await.expect("get").status(),
        StatusCode::OK,
        "signed out here before the provider is reached"
    );
    assert!(
        location.starts_with(&format!("{issuer}/endsession?")),
        "{location}"
    );
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(location.split_once('?').expect("query").1).expect("query");
    assert_eq!(
        param(&query, "post_logout_redirect_uri"),
        format!("{base}/signed-out")
    );
    assert!(!param(&query, "id_token_hint").is_empty());

    // The provider sends the browser back; the state counts once.
    let r = browser.get(&location).send().await.expect("endsession");
    let back = r.headers()["location"].to_str().expect("ascii").to_string();
    let (status, html) = text(&browser, &back).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Du er logget ut her og fra kommunens konto."),
        "{html}"
    );
    let (status, html) = text(&browser, &back).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Vi vet ikke om du er logget ut"), "{html}");

    // A local sign-in is signed out here only, as before.
    let local = app.browser();
    let r = local
        .post(format!("{base}/login"))
        .form(&[
            ("username", "laerer.b"),
            ("password", crate::world::PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = sign_out_from(&local, &children, &format!("{base}/logout")).await;
    assert_eq!(to, "/login");
    app.stop().await;
}
