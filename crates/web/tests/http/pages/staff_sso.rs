//! Staff single sign-on against the small provider of the portal's tests
//! (the real one, `oidc-provider` over HTTPS, is in the browser tests): a
//! teacher is found by their user name at the first sign-in and linked for
//! good by the provider's subject; the administrator's mapping from groups
//! gives roles and units at the next sign-in; a deactivated account stays
//! locked; someone not linked gets in nowhere; local passwords can be off;
//! a logout from the provider (back-channel) ends the staff session; with
//! the municipality's second-factor setting on, a sign-in whose `amr` shows
//! one password only is refused.

use ettlag_db::LinkedStaff;

mod accounts;
mod sign_out;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::portal::oidc::{CLIENT, Shared, param, sign, start_idp};
use crate::world::{World as App, csrf_of};
use ettlag_web::oidc::{ClientAuth, OidcSettings, StaffSignIn};
use ettlag_web::{AppState, WebConfig};

/// A second server over the same store, with the staff's provider set.
pub(super) async fn with_sso(app: &App, idp: &Shared, local_passwords: bool) -> String {
    with_rules(
        app,
        idp,
        StaffSignIn {
            local_passwords,
            subject_claim: "oid".into(),
            match_claim: Some("preferred_username".into()),
            ..StaffSignIn::default()
        },
    )
    .await
}

/// The same with the sign-in rules given.
pub(super) async fn with_rules(app: &App, idp: &Shared, staff_sign_in: StaffSignIn) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let config = WebConfig {
        staff_oidc: Some(OidcSettings {
            issuer: idp.lock().expect("lock").base.clone(),
            client_id: CLIENT.into(),
            client_auth: ClientAuth::SecretBasic("hemmelig".into()),
            redirect_url: format!("{base}/oidc/callback"),
            acr: None,
            post_logout_url: format!("{base}/signed-out"),
            end_session_url: None,
            scope: "openid".into(),
        }),
        staff_sign_in,
        ..WebConfig::default()
    };
    let router = ettlag_web::router(AppState::new(app.db.store.clone(), config));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    base
}

/// One sign-in through the provider as `who` in `groups`: the callback's
/// status and the browser.
pub(super) async fn sso(
    app: &App,
    idp: &Shared,
    base: &str,
    who: &str,
    oid: &str,
    groups: &[&str],
) -> (StatusCode, reqwest::Client, String) {
    sso_with(app, idp, base, who, oid, groups, &["pwd", "mfa"]).await
}

/// The same, saying how the provider signed them in (`amr`).
async fn sso_with(
    app: &App,
    idp: &Shared,
    base: &str,
    who: &str,
    oid: &str,
    groups: &[&str],
    amr: &[&str],
) -> (StatusCode, reqwest::Client, String) {
    let browser = app.browser();
    let r = browser
        .get(format!("{base}/oidc/start"))
        .send()
        .await
        .expect("start");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let q: Vec<(String, String)> =
        serde_urlencoded::from_str(location.split_once('?').expect("query").1).expect("query");
    assert!(
        param(&q, "acr_values").is_empty(),
        "no level asked of staff"
    );
    let issuer = idp.lock().expect("lock").base.clone();
    let now = ettlag_db::now_ms() / 1000;
    let claims: Value = json!({"iss": issuer, "aud": CLIENT, "exp": now + 120, "iat": now,
        "nonce": param(&q, "nonce"), "sub": format!("pairwise-{oid}"), "oid": oid,
        "preferred_username": who, "groups": groups, "amr": amr,
        "sid": format!("sid-{oid}")});
    idp.lock().expect("lock").token = Some(sign(&claims));
    let query =
        serde_urlencoded::to_string([("code", "c-1"), ("state", param(&q, "state"))]).expect("q");
    let r = browser
        .get(format!("{base}/oidc/callback?{query}"))
        .send()
        .await
        .expect("callback");
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = r.text().await.unwrap_or_default();
    (
        status,
        browser,
        if location.is_empty() { body } else { location },
    )
}

pub(super) async fn units_of(app: &App, issuer: &str, oid: &str) -> Vec<String> {
    let LinkedStaff { tenant, staff, .. } = app
        .db
        .store
        .staff_by_identity(issuer, oid)
        .await
        .expect("read")
        .expect("linked");
    let member = app
        .db
        .store
        .staff_member(&tenant, &staff)
        .await
        .expect("read");
    member
        .map(|m| m.actor.units.iter().map(|u| u.to_string()).collect())
        .unwrap_or_default()
}

/// The administrator's browser on `base`, and the CSRF token of its session.
pub(super) async fn admin(app: &App, base: &str) -> (reqwest::Client, String) {
    let browser = app.browser();
    let r = browser
        .post(format!("{base}/login"))
        .form(&[("username", "admin"), ("password", crate::world::PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser
        .get(format!("{base}/admin/sign-in"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    (browser, csrf_of(&page))
}

#[tokio::test]
async fn a_teacher_signs_in_through_the_provider_with_the_roles_their_groups_map_to() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = with_sso(&app, &idp, true).await;
    let issuer = idp.lock().expect("lock").base.clone();

    // The first sign-in finds laerer.b by user name and links the subject;
    // no line of the mapping names their group, so their unit stays.
    let (status, browser, to) = sso(&app, &idp, &base, "laerer.b", "oid-b", &["g-a"]).await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/children"));
    let r = browser
        .get(format!("{base}/children"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        units_of(&app, &issuer, "oid-b").await,
        vec![app.school_b.to_string()]
    );

    // The administrator maps the group to school A; a bad line is refused.
    let (admin, csrf) = admin(&app, &base).await;
    let add = |fields: Vec<(&'static str, String)>| {
        let (admin, base) = (admin.clone(), base.clone());
        async move {
            admin
                .post(format!("{base}/admin/sign-in/add"))
                .form(&fields)
                .send()
                .await
                .expect("post")
        }
    };
    let bad = add(vec![
        ("csrf", csrf.clone()),
        ("group", " ".into()),
        ("role", "staff".into()),
    ])
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let bad = add(vec![
        ("csrf", csrf.clone()),
        ("group", "g-a".into()),
        ("role", "king".into()),
    ])
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let good = add(vec![
        ("csrf", csrf.clone()),
        ("group", "g-a".into()),
        ("role", "staff".into()),
        ("unit", app.school_a.to_string()),
    ])
    .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    let page = admin
        .get(format!("{base}/admin/sign-in"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("g-a") && page.contains("Nordli skole"),
        "{page}"
    );

    // The next sign-in gives the mapped unit in place of the old one.
    let (status, _, _) = sso(&app, &idp, &base, "laerer.b", "oid-b", &["g-a"]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        units_of(&app, &issuer, "oid-b").await,
        vec![app.school_a.to_string()]
    );
    // Found by the subject now, whatever user name the provider sends.
    let (status, _, _) = sso(&app, &idp, &base, "someone.else", "oid-b", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Someone the register does not know gets in nowhere.
    let (status, _, page) = sso(&app, &idp, &base, "nobody", "oid-x", &["g-a"]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("ikke koblet"), "{page}");

    // A deactivated account stays locked whatever the provider says.
    let r = admin
        .post(format!("{base}/admin/staff/{}/active", app.staff_b))
        .form(&[("csrf", csrf.as_str()), ("active", "0")])
        .send()
        .await
        .expect("deactivate");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _, page) = sso(&app, &idp, &base, "laerer.b", "oid-b", &["g-a"]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("deaktivert"), "{page}");
    app.stop().await;
}

#[tokio::test]
async fn with_local_passwords_off_staff_sign_in_through_the_provider_only() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = with_sso(&app, &idp, false).await;
    let browser = app.browser();
    let page = browser
        .get(format!("{base}/login"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(page.contains("/oidc/start"), "{page}");
    assert!(
        !page.contains("name=\"password\""),
        "no password form: {page}"
    );
    let r = browser
        .post(format!("{base}/login"))
        .form(&[
            ("username", "laerer.a"),
            ("password", crate::world::PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = browser
        .get(format!("{base}/children"))
        .send()
        .await
        .expect("get");
    assert_ne!(r.status(), StatusCode::OK, "not signed in");
    let (status, _, _) = sso(&app, &idp, &base, "laerer.a", "oid-a", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    app.stop().await;
}

#[tokio::test]
async fn a_logout_token_from_the_staffs_provider_ends_their_session() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = with_sso(&app, &idp, true).await;
    let issuer = idp.lock().expect("lock").base.clone();
    let (status, browser, _) = sso(&app, &idp, &base, "laerer.a", "oid-a", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let children = format!("{base}/children");
    assert_eq!(
        browser.get(&children).send().await.expect("get").status(),
        StatusCode::OK
    );
    let now = ettlag_db::now_ms() / 1000;
    let token = sign(
        &json!({"iss": issuer, "aud": CLIENT, "iat": now, "jti": "j-1",
        "sid": "sid-oid-a",
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}}}),
    );
    let r = reqwest::Client::new()
        .post(format!("{base}/oidc/backchannel-logout"))
        .form(&[("logout_token", token)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    assert_ne!(
        browser.get(&children).send().await.expect("get").status(),
        StatusCode::OK,
        "the session is over"
    );
    app.stop().await;
}

#[tokio::test]
async fn with_the_second_factor_required_a_sign_in_by_password_alone_is_refused() {
    let app = App::start().await;
    let idp = start_idp().await;
    let base = with_sso(&app, &idp, true).await;
    let (admin, csrf) = admin(&app, &base).await;
    let r = admin
        .post(format!("{base}/admin/settings"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "second_factor_required"),
            ("value", "1"),
        ])
        .send()
        .await
        .expect("setting");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _, page) = sso_with(&app, &idp, &base, "laerer.a", "oid-a", &[], &["pwd"]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("to faktorer"), "{page}");
    let (status, _, to) =
        sso_with(&app, &idp, &base, "laerer.a", "oid-a", &[], &["pwd", "otp"]).await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/children"));
    app.stop().await;
}
