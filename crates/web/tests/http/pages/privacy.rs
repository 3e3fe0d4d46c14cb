//! The privacy officer restricts processing of a child's data (GDPR art. 18)
//! and lifts it again; staff lose and regain the child at once.

use crate::world::{World as App, nin};

async fn post(
    c: &reqwest::Client,
    app: &App,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    c.post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn the_privacy_officer_restricts_and_lifts() {
    let app = App::start().await;
    let (teacher, _) = app.sign_in("laerer.a").await;
    let child_page = app.url(&format!("/children/{}", app.child_a1.as_str()));
    assert_eq!(
        teacher.get(&child_page).send().await.expect("get").status(),
        200
    );
    assert_eq!(
        teacher
            .get(app.url("/privacy"))
            .send()
            .await
            .expect("get")
            .status(),
        403
    );

    let (officer, csrf) = app.sign_in("personvern").await;
    let html = officer
        .get(app.url("/privacy"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("Begrensning av behandling"));
    let r = post(
        &officer,
        &app,
        "/privacy/find",
        &[("csrf", &csrf), ("nin", "123")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Et fødselsnummer har 11 siffer.")
    );

    let number = nin(2015, 3, 1);
    let r = post(
        &officer,
        &app,
        "/privacy/find",
        &[("csrf", &csrf), ("nin", number.as_str())],
    )
    .await;
    assert_eq!(r.status(), 303);
    let person = r.headers()["location"].to_str().expect("ascii").to_string();
    assert_eq!(
        person,
        format!("/privacy/persons/{}", app.child_a1.as_str())
    );
    assert!(
        !person.contains(number.as_str()),
        "the number never goes in an address"
    );
    let restriction = format!("{person}/restriction");

    let r = post(
        &officer,
        &app,
        &restriction,
        &[("csrf", &csrf), ("action", "restrict"), ("reason", " ")],
    )
    .await;
    assert_eq!(r.status(), 422, "a restriction needs its reason");
    assert_eq!(
        teacher.get(&child_page).send().await.expect("get").status(),
        200
    );

    let r = post(
        &officer,
        &app,
        &restriction,
        &[
            ("csrf", &csrf),
            ("action", "restrict"),
            ("reason", "Foreldrene bestrider opplysningene"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let html = officer
        .get(app.url(r.headers()["location"].to_str().expect("ascii")))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("Behandlingen er begrenset.")
            && html.contains("Foreldrene bestrider opplysningene")
    );

    // The teacher's very next request no longer finds the child.
    assert_eq!(
        teacher.get(&child_page).send().await.expect("get").status(),
        404
    );
    let list = teacher
        .get(app.url("/children"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        !list.contains(app.child_a1.as_str()),
        "the child is not listed"
    );
    let (status, _) = crate::world::json(
        app.get(
            &app.teacher_a,
            &format!("/api/v1/persons/{}", app.child_a1.as_str()),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);

    let r = post(
        &officer,
        &app,
        &restriction,
        &[("csrf", &csrf), ("action", "lift")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        teacher.get(&child_page).send().await.expect("get").status(),
        200
    );
    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 500)
        .await
        .expect("audit");
    assert!(audit.iter().any(|r| r.event.reason == "restricted" && r.event.resource_id == app.child_a1.as_str()));
    assert!(
        audit
            .iter()
            .any(|r| r.event.resource_type == "restriction_lifted")
    );
    app.stop().await;
}
