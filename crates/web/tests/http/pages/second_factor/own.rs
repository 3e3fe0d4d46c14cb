//! A staff member's own second factor on their settings page: what it
//! shows, and removing it with a current code.

use super::{code, enrol_on_settings, get, location, logged, now, password, post};
use crate::world::World as App;

#[tokio::test]
async fn the_settings_page_shows_the_factor_and_its_recovery_codes_left() {
    let app = App::start().await;
    let (c, _) = app.sign_in("laerer.a").await;
    let settings = get(&c, &app, "/settings").await.text().await.expect("body");
    assert!(settings.contains("href=\"/settings/second-factor\""));
    let own = get(&c, &app, "/settings/second-factor").await;
    assert_eq!(own.status(), 200);
    let html = own.text().await.expect("body");
    assert!(
        html.contains("Du har ikke satt opp totrinnsinnlogging."),
        "{html}"
    );

    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let own = get(&enrolled.client, &app, "/settings/second-factor").await;
    let html = own.text().await.expect("body");
    assert!(html.contains("Du har 10 reservekoder igjen."), "{html}");
    let again = post(
        &enrolled.client,
        &app,
        "/settings/second-factor/enrol",
        &[("csrf", &enrolled.csrf)],
    )
    .await;
    assert_eq!(
        location(&again),
        "/settings/second-factor",
        "no second enrolment"
    );
    app.stop().await;
}

#[tokio::test]
async fn removing_the_factor_takes_a_current_code() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let (c, csrf) = (&enrolled.client, enrolled.csrf.as_str());
    let path = "/settings/second-factor/remove";
    let wrong = code(&enrolled.secret, now() + 3600);
    let r = post(c, &app, path, &[("csrf", csrf), ("code", &wrong)]).await;
    assert_eq!(r.status(), 401);
    let html = r.text().await.expect("body");
    assert!(html.contains("Koden stemmer ikke."), "{html}");
    assert!(
        html.contains("Du har 10 reservekoder igjen."),
        "still there"
    );

    let right = code(&enrolled.secret, now() + 30);
    let r = post(c, &app, path, &[("csrf", csrf), ("code", &right)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/settings/second-factor?done=removed");
    let html = get(c, &app, "/settings/second-factor?done=removed")
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("Totrinnsinnlogging er fjernet."), "{html}");
    assert!(html.contains("Du har ikke satt opp totrinnsinnlogging."));
    // The password alone signs in again.
    let fresh = app.browser();
    let r = password(&fresh, &app, "laerer.a").await;
    assert_eq!(location(&r), "/children");
    let removals = logged(&app, "second_factor", "delete").await;
    assert_eq!(
        removals,
        [
            ("deny".to_string(), "wrong_code".to_string()),
            ("allow".to_string(), "totp".to_string())
        ]
    );
    app.stop().await;
}
