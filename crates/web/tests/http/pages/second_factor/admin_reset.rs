//! An administrator resets a staff member's lost second factor from the
//! staff list: allowed for administrators only, never for their own factor,
//! recorded in the access log, and the next sign-in asks to enrol again.

use super::{enrol_on_settings, get, location, logged, password, post};
use crate::world::World as App;
use ettlag_db::SECOND_FACTOR_REQUIRED;

fn reset_path(staff: &str) -> String {
    format!("/admin/staff/{staff}/second-factor/reset")
}

/// Whether teacher A still has a second factor.
async fn enrolled(app: &App) -> bool {
    let status = app
        .db
        .store
        .second_factor_status(&app.tenant, &app.staff_a)
        .await;
    status.expect("status").enrolled()
}

#[tokio::test]
async fn an_administrator_resets_a_lost_factor_and_the_next_sign_in_asks_to_enrol_again() {
    let app = App::start().await;
    let teacher = enrol_on_settings(&app, "laerer.a").await;
    // Signed in before the setting, which would ask the administrator too.
    let (admin, csrf) = app.sign_in("admin").await;
    app.db
        .store
        .system_access(&app.tenant)
        .set_setting(SECOND_FACTOR_REQUIRED.name, 1)
        .await
        .expect("setting");
    let list = get(&admin, &app, "/admin/staff").await;
    assert_eq!(list.status(), 200);
    let html = list.text().await.expect("body");
    let path = reset_path(app.staff_a.as_str());
    assert!(html.contains(&format!("action=\"{path}\"")), "{html}");
    assert!(html.contains("Satt opp"), "the list shows who has one");
    assert!(
        !html.contains(&format!("action=\"{}\"", reset_path(app.staff_b.as_str()))),
        "no button for one without a factor"
    );

    let r = post(&admin, &app, &path, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/admin/staff?done=second-factor-reset");
    let html = get(&admin, &app, "/admin/staff?done=second-factor-reset")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("Totrinnsinnloggingen er tilbakestilt."),
        "{html}"
    );
    assert!(!enrolled(&app).await);
    // Her open session ended with the factor.
    let r = get(&teacher.client, &app, "/settings").await;
    assert_eq!(location(&r), "/login");
    // The password is right; the municipality requires a factor, which is gone.
    let r = password(&app.browser(), &app, "laerer.a").await;
    assert_eq!(location(&r), "/login/second-factor/enrol");

    let resets = logged(&app, "second_factor_reset", "create").await;
    assert_eq!(
        resets,
        [("allow".to_string(), "administration".to_string())]
    );
    // Again: nothing is left to reset, and the list says so.
    let r = post(&admin, &app, &path, &[("csrf", &csrf)]).await;
    assert_eq!(location(&r), "/admin/staff?done=second-factor-reset-none");
    app.stop().await;
}

#[tokio::test]
async fn a_reset_is_refused_to_others_without_the_token_for_ones_own_and_for_an_unknown_id() {
    let app = App::start().await;
    enrol_on_settings(&app, "laerer.a").await;
    let path = reset_path(app.staff_a.as_str());
    let (teacher, teacher_csrf) = app.sign_in("laerer.b").await;
    let r = post(&teacher, &app, &path, &[("csrf", &teacher_csrf)]).await;
    assert_eq!(r.status(), 403, "the answer of every admin write");

    let mine = enrol_on_settings(&app, "admin").await;
    let (admin, csrf) = (&mine.client, mine.csrf.as_str());
    let forged = post(admin, &app, &path, &[]).await;
    assert_eq!(forged.status(), 403, "no CSRF token");
    let admin_id = app
        .db
        .store
        .account("admin")
        .await
        .expect("account")
        .expect("exists")
        .staff_id;
    let list = get(admin, &app, "/admin/staff").await.text().await;
    let list = list.expect("body");
    assert!(!list.contains(&reset_path(admin_id.as_str())), "{list}");
    let own = post(
        admin,
        &app,
        &reset_path(admin_id.as_str()),
        &[("csrf", csrf)],
    )
    .await;
    assert_eq!(own.status(), 400);
    let html = own.text().await.expect("body");
    assert!(
        html.contains("Du kan ikke tilbakestille din egen totrinnsinnlogging her."),
        "{html}"
    );
    let unknown = reset_path(&"0".repeat(26));
    let r = post(admin, &app, &unknown, &[("csrf", csrf)]).await;
    assert_eq!(r.status(), 404);
    let r = post(admin, &app, &reset_path("not an id"), &[("csrf", csrf)]).await;
    assert_eq!(r.status(), 404);

    assert!(enrolled(&app).await, "nothing changed");
    let reasons: Vec<String> = logged(&app, "second_factor_reset", "create")
        .await
        .into_iter()
        .map(|(outcome, reason)| format!("{outcome} {reason}"))
        .collect();
    assert_eq!(reasons, ["deny own_account", "deny unknown_subject"]);
    // The teacher was stopped at the register's door, and that is recorded.
    let door = logged(&app, "register", "update").await;
    assert!(
        door.contains(&("deny".to_string(), "role_does_not_allow".to_string())),
        "{door:?}"
    );
    app.stop().await;
}
