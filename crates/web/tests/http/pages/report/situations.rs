//! Reports in particular situations: no child welfare unit yet, a concern
//! decided "report", a restricted child, two child welfare units to choose
//! between, and a report past its review deadline.

use ettlag_core::policy::Purpose;
use ettlag_core::text::Text;

use super::support::{Browser, SEEN, esc, input_value, nb};
use crate::world::World as App;

#[tokio::test]
async fn a_restricted_child_can_still_be_reported_from_the_decided_concern() {
    let app = App::start().await;
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let new = format!("/children/{}/reports/new", app.child_a1);
    // No child welfare unit yet: the form says so instead of a dead end.
    let form = teacher.page(&new).await;
    assert!(form.contains(&nb("report-error-no-child-welfare")) && !form.contains("<textarea"));
    let cw = app.add_child_welfare().await;

    // A concern decided "report to child welfare" links to the form.
    let (status, location) = teacher
        .post(
            &format!("/children/{}/concerns/new", app.child_a1),
            &[("text", SEEN), ("areas", "family")],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let concern = location
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let version = input_value(&teacher.page(&concern).await, "version");
    let decided = teacher
        .post(
            &format!("{concern}/decision"),
            &[("decision", "report"), ("version", &version)],
        )
        .await;
    assert_eq!(decided.0, 303, "{}", decided.1);
    let html = teacher.page(&concern).await;
    let concern_id = concern.trim_start_matches("/concerns/");
    let link = format!("{new}?concern={concern_id}");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");

    // Processing is restricted: no one reads the child in daily work, but
    // the duty to report still applies.
    let store = &app.db.store;
    let officer = store
        .account("personvern")
        .await
        .expect("account")
        .expect("officer");
    let officer = store
        .actor(&app.tenant, &officer.staff_id)
        .await
        .expect("actor")
        .expect("active");
    store
        .access(officer, Purpose::PrivacyReview, "test")
        .set_restriction(
            &app.child_a1,
            Some(Text::parse("Bestridt", 100).expect("text")),
        )
        .await
        .expect("restrict");
    assert_eq!(
        teacher.get(&format!("/children/{}", app.child_a1)).await.0,
        404
    );
    let form = teacher.page(&link).await;
    assert!(
        form.contains(&format!("name=\"concern\" value=\"{concern_id}\"")),
        "{form}"
    );
    let (status, location) = teacher
        .post(
            &new,
            &[("ground", "a"), ("text", SEEN), ("concern", concern_id)],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let id = location
        .trim_start_matches("/reports/")
        .split('?')
        .next()
        .unwrap_or_default();
    let path = format!("/api/v1/reports/{id}");
    let (status, report) = crate::world::json(app.get(&cw.token, &path).await).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["concern_id"], concern_id);
    app.stop().await;
}

#[tokio::test]
async fn an_overdue_report_is_marked_in_words_and_child_welfare_is_reminded() {
    let app = App::start().await;
    app.add_child_welfare().await;
    // A second child welfare unit: the reporter must choose.
    app.db
        .store
        .system_access(&app.tenant)
        .create_unit("Barnevernvakten", ettlag_core::ServiceType::ChildWelfare)
        .await
        .expect("unit");
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let new = format!("/children/{}/reports/new", app.child_a1);
    let form = teacher.page(&new).await;
    assert!(
        form.contains("<select id=\"report-receiver\" name=\"receiving_unit\""),
        "{form}"
    );
    let (status, html) = teacher.post(&new, &[("ground", "b"), ("text", SEEN)]).await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains(&nb("report-error-receiver")) && html.contains(&esc(SEEN)));
    assert!(html.contains("value=\"untreated_needs\" checked"), "{html}");
    let unit = form
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains(">Barneverntjenesten<"))
        .and_then(|o| o.split('"').next())
        .expect("the unit's option")
        .to_string();
    let (status, location) = teacher
        .post(
            &new,
            &[("ground", "b"), ("text", SEEN), ("receiving_unit", &unit)],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let id = location
        .trim_start_matches("/reports/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();

    // Half a day past the week, not reviewed.
    let day = 86_400_000;
    let past = ettlag_db::now_ms() - day / 2;
    app.db
        .store
        .execute_raw(&format!(
            "UPDATE reports SET review_due_at = {past} WHERE id = '{id}'"
        ))
        .await
        .expect("update");
    app.db
        .store
        .run_due_jobs(ettlag_db::now_ms() + 8 * day)
        .await
        .expect("jobs");
    let cw = Browser::sign_in(&app, "barnevern").await;
    let queue = cw.page("/reports").await;
    assert!(
        queue.contains("<strong class=\"overdue\">Over fristen: skulle vært gjennomgått for 1 dag siden</strong>"),
        "{queue}"
    );
    assert!(
        queue.contains("skulle vært gjennomgått for 1 dag siden"),
        "{queue}"
    );
    let html = cw.page(&format!("/reports/{id}")).await;
    assert!(
        html.contains("skulle vært gjennomgått for 1 dag siden"),
        "{html}"
    );
    let desk = cw.page("/my").await;
    assert!(desk.contains("Bekymringsmeldingen om Ada Testesen er ikke gjennomgått innen fristen"));
    assert!(desk.contains(&format!("href=\"/reports/{id}\"")), "{desk}");
    // The reporter's receipt shows no clock: that is child welfare's.
    let receipt = teacher.page(&format!("/reports/{id}")).await;
    assert!(!receipt.contains("skulle vært gjennomgått"), "{receipt}");
    app.stop().await;
}
