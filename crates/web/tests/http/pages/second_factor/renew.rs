//! New recovery codes on one's own page: shown once for a current code,
//! the old ones stop working at once; a wrong, empty or over-long code
//! changes nothing and says why in the user's language.

use super::{code, enrol_on_settings, get, logged, now, post, recovery_codes_of};
use crate::world::World as App;

const PATH: &str = "/settings/second-factor/recovery-codes";

#[tokio::test]
async fn new_recovery_codes_are_shown_once_for_a_current_code_and_the_old_ones_stop_working() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let (c, csrf) = (&enrolled.client, enrolled.csrf.as_str());
    let own = get(c, &app, "/settings/second-factor").await;
    let html = own.text().await.expect("body");
    assert!(html.contains(&format!("action=\"{PATH}\"")), "{html}");

    let right = code(&enrolled.secret, now() + 30);
    let r = post(c, &app, PATH, &[("csrf", csrf), ("code", &right)]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("body");
    assert!(html.contains("Du har fått nye reservekoder."), "{html}");
    let new = recovery_codes_of(&html);
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|n| !enrolled.codes.contains(n)));
    let s = &app.db.store;
    let (tenant, staff) = (&app.tenant, &app.staff_a);
    let old = s.check_second_factor(tenant, staff, &enrolled.codes[0], "t");
    assert!(!old.await.expect("check").accepted(), "old codes are gone");
    let fresh = s.check_second_factor(tenant, staff, &new[0], "t");
    assert!(fresh.await.expect("check").accepted());
    // A recovery code asks for a new set too.
    let r = post(c, &app, PATH, &[("csrf", csrf), ("code", &new[1])]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(recovery_codes_of(&r.text().await.expect("body")).len(), 10);
    assert_eq!(
        logged(&app, "recovery_codes", "create").await,
        [
            ("allow".to_string(), "totp".to_string()),
            ("allow".to_string(), "recovery_code".to_string())
        ]
    );
    app.stop().await;
}

#[tokio::test]
async fn a_wrong_empty_or_over_long_code_changes_nothing_and_says_why_in_the_users_language() {
    let app = App::start().await;
    let enrolled = enrol_on_settings(&app, "laerer.a").await;
    let (c, csrf) = (&enrolled.client, enrolled.csrf.as_str());
    let r = post(c, &app, PATH, &[("csrf", csrf), ("code", "  ")]).await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Skriv en kode fra appen eller en reservekode."),
        "{html}"
    );
    assert!(
        html.contains("href=\"#renew-code\""),
        "the error leads to the field"
    );

    let wrong = code(&enrolled.secret, now() + 3600);
    let long = "7".repeat(100_000);
    for typed in [wrong.as_str(), long.as_str()] {
        let r = post(c, &app, PATH, &[("csrf", csrf), ("code", typed)]).await;
        assert_eq!(r.status(), 401);
        let html = r.text().await.expect("body");
        assert!(html.contains("Koden stemmer ikke."), "{html}");
        assert!(html.contains("Du har 10 reservekoder igjen."), "unchanged");
    }
    let english = c
        .post(app.url(PATH))
        .header(reqwest::header::ACCEPT_LANGUAGE, "en")
        .form(&[("csrf", csrf), ("code", "000000")])
        .send()
        .await
        .expect("post");
    assert_eq!(english.status(), 401);
    let html = english.text().await.expect("body");
    assert!(html.contains("The code is not right."), "{html}");
    let no_token = post(c, &app, PATH, &[("code", &wrong)]).await;
    assert_eq!(no_token.status(), 403);

    let old = app
        .db
        .store
        .check_second_factor(&app.tenant, &app.staff_a, &enrolled.codes[0], "t");
    assert!(
        old.await.expect("check").accepted(),
        "the old codes still work"
    );
    let denied = logged(&app, "recovery_codes", "create").await;
    assert_eq!(denied.len(), 3, "every code checked is recorded");
    assert!(denied.iter().all(|(outcome, _)| outcome == "deny"));
    app.stop().await;
}
