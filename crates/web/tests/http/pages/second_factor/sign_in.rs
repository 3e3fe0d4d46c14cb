//! Signing in with a second factor: the code page, wrong, replayed and
//! recovery codes, the limit on attempts, and enrolment forced by the
//! municipality's setting. Until the second step passes there is no
//! session.

use super::{
    at_code_page, code, enrol_on_settings, get, location, logged, now, password, post,
    recovery_codes_of, secret_of,
};
use crate::world::{World as App, csrf_of};

#[tokio::test]
async fn an_enrolled_account_signs_in_with_the_password_and_a_code_from_the_app() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let (c, csrf) = at_code_page(&app, "laerer.a", "nb").await;
    // The password alone opens nothing: no page, no session.
    let children = get(&c, &app, "/children").await;
    assert_eq!(children.status(), 303);
    assert_eq!(location(&children), "/login");
    // A form without this sign-in's own token is refused.
    let forged = post(&c, &app, "/login/second-factor", &[("code", "123456")]).await;
    assert_eq!(forged.status(), 403);

    let next = code(&enrolled.secret, now() + 30);
    let done = post(
        &c,
        &app,
        "/login/second-factor",
        &[("csrf", &csrf), ("code", &next)],
    )
    .await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), "/children");
    assert_eq!(get(&c, &app, "/children").await.status(), 200);
    // The half-done sign-in is over: its page sends back to the sign-in.
    assert_eq!(
        location(&get(&c, &app, "/login/second-factor").await),
        "/login"
    );

    let sessions = logged(&app, "session", "sign_in").await;
    assert!(
        sessions.contains(&("allow".into(), "password+totp".into())),
        "{sessions:?}"
    );
    let steps = logged(&app, "session", "sign_in_step").await;
    assert_eq!(steps, [("allow".to_string(), "password".to_string())]);
    let checks = logged(&app, "second_factor", "sign_in").await;
    assert_eq!(checks, [("allow".to_string(), "totp".to_string())]);
    app.stop().await;
}

#[tokio::test]
async fn a_wrong_code_is_refused_in_the_users_language_and_five_end_the_sign_in() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let (c, csrf) = at_code_page(&app, "laerer.a", "en").await;
    let wrong = code(&enrolled.secret, now() + 3600);
    for attempt in 1..=5 {
        let r = post(
            &c,
            &app,
            "/login/second-factor",
            &[("csrf", &csrf), ("code", &wrong)],
        )
        .await;
        assert_eq!(r.status(), 401, "attempt {attempt}");
        let html = r.text().await.expect("body");
        if attempt < 5 {
            assert!(html.contains("The code is not right."), "{html}");
            assert!(html.contains("aria-invalid=\"true\""));
        } else {
            assert!(
                html.contains("Too many wrong codes. Sign in again."),
                "{html}"
            );
        }
    }
    assert_eq!(
        location(&get(&c, &app, "/login/second-factor").await),
        "/login"
    );
    assert_eq!(location(&get(&c, &app, "/children").await), "/login");
    let checks = logged(&app, "second_factor", "sign_in").await;
    assert_eq!(checks.len(), 5);
    assert!(checks.iter().all(|(o, r)| o == "deny" && r == "wrong_code"));
    // The wrong codes count in the user name's throttle: with the password
    // that started the sign-in they have used its allowance and locked it,
    // so the next attempt, even with the right password, waits.
    let c2 = app.browser();
    assert_eq!(password(&c2, &app, "laerer.a").await.status(), 429);
    app.stop().await;
}

#[tokio::test]
async fn a_code_already_used_is_refused_as_used() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let (c, csrf) = at_code_page(&app, "laerer.a", "nb").await;
    // The code that confirmed the enrolment (this step or the one before).
    let used = code(&enrolled.secret, now());
    let r = post(
        &c,
        &app,
        "/login/second-factor",
        &[("csrf", &csrf), ("code", &used)],
    )
    .await;
    assert_eq!(r.status(), 401);
    let html = r.text().await.expect("body");
    assert!(html.contains("Denne koden er allerede brukt."), "{html}");
    let next = code(&enrolled.secret, now() + 30);
    let r = post(
        &c,
        &app,
        "/login/second-factor",
        &[("csrf", &csrf), ("code", &next)],
    )
    .await;
    assert_eq!(r.status(), 303);
    let checks = logged(&app, "second_factor", "sign_in").await;
    assert_eq!(checks[0], ("deny".to_string(), "replayed_code".to_string()));
    app.stop().await;
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let recovery = enrolled.codes[2].to_uppercase();
    let (c, csrf) = at_code_page(&app, "laerer.a", "nb").await;
    let r = post(
        &c,
        &app,
        "/login/second-factor",
        &[("csrf", &csrf), ("code", &recovery)],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(get(&c, &app, "/children").await.status(), 200);
    let sessions = logged(&app, "session", "sign_in").await;
    assert!(sessions.contains(&("allow".into(), "password+recovery_code".into())));

    let (c, csrf) = at_code_page(&app, "laerer.a", "nb").await;
    let r = post(
        &c,
        &app,
        "/login/second-factor",
        &[("csrf", &csrf), ("code", &recovery)],
    )
    .await;
    assert_eq!(r.status(), 401);
    let own = get(&enrolled.client, &app, "/settings/second-factor").await;
    let html = own.text().await.expect("body");
    assert!(html.contains("Du har 9 reservekoder igjen."), "{html}");
    app.stop().await;
}

#[tokio::test]
async fn the_setting_sends_staff_who_read_personal_data_to_enrol_before_anything_else() {
    let app = App::start().await;
    let (admin, csrf) = app.sign_in("admin").await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("name", "second_factor_required"),
        ("value", "1"),
    ];
    assert_eq!(
        post(&admin, &app, "/admin/settings", &fields)
            .await
            .status(),
        303
    );

    let c = app.browser();
    let r = password(&c, &app, "laerer.b").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login/second-factor/enrol");
    for path in ["/children", "/settings", "/settings/second-factor"] {
        assert_eq!(location(&get(&c, &app, path).await), "/login", "{path}");
    }
    assert_eq!(
        location(&get(&c, &app, "/login/second-factor").await),
        "/login/second-factor/enrol"
    );
    let page = get(&c, &app, "/login/second-factor/enrol").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("Kommunen krever totrinnsinnlogging for deg."));
    assert!(html.contains("<svg") && html.contains("aria-labelledby=\"qr-label\""));
    let (secret, csrf) = (secret_of(&html), csrf_of(&html));
    let path = "/login/second-factor/enrol";
    let wrong = code(&secret, now() + 3600);
    let r = post(&c, &app, path, &[("csrf", &csrf), ("code", &wrong)]).await;
    assert_eq!(r.status(), 401);
    assert_eq!(
        secret_of(&r.text().await.expect("body")),
        secret,
        "the same secret"
    );

    let r = post(
        &c,
        &app,
        path,
        &[("csrf", &csrf), ("code", &code(&secret, now()))],
    )
    .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("body");
    assert_eq!(recovery_codes_of(&html).len(), 10);
    assert_eq!(get(&c, &app, "/children").await.status(), 200);
    let enrolments = logged(&app, "second_factor", "create").await;
    assert_eq!(
        enrolments.last(),
        Some(&("allow".to_string(), "totp".to_string()))
    );
    app.stop().await;
}
