//! A family's request for correction handled over HTTP: the family sees it
//! waiting, the privacy officer takes it (the family sees it taken), a
//! closing without an outcome or an answer is refused in plain words and
//! changes nothing, the officer closes it with an answer, and the family
//! reads the outcome and the answer. Staff other than the privacy officer
//! cannot handle it. Every step is in the access log.

use reqwest::StatusCode;

use super::{Family, assert_plain, parent_account};
use crate::world::World as App;

#[tokio::test]
async fn the_privacy_officer_answers_a_familys_request_and_the_family_reads_it() {
    let app = App::start().await;
    parent_account(&app).await;
    let f = Family::sign_in(&app).await;
    let child = app.child_a1.as_str();
    let write = format!("/portal/children/{child}/write");
    let (status, html) = f
        .post(
            &write,
            &[("kind", "correction"), ("text", "Adressen vår er feil.")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Det dere har bedt om"));
    assert!(html.contains("Vi har ikke sett på det ennå."));

    let (officer, csrf) = app.sign_in("personvern").await;
    let list = officer
        .get(app.url("/privacy/requests"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(list.contains("Adressen vår er feil."), "{list}");
    let id = list
        .split("action=\"/privacy/requests/")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("a request id")
        .to_string();
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let c = officer.clone();
        let url = app.url(&path);
        async move { c.post(url).form(&form).send().await.expect("post") }
    };
    let r = post(
        format!("/privacy/requests/{id}/take"),
        vec![("csrf", csrf.clone())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = f.page(&write).await;
    assert!(html.contains("Vi ser på det nå."), "{html}");

    // Bad closings change nothing.
    let r = post(
        format!("/privacy/requests/{id}/close"),
        vec![("csrf", csrf.clone()), ("answer", "Rettet.".into())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("Velg et utfall."));
    let r = post(
        format!("/privacy/requests/{id}/close"),
        vec![
            ("csrf", csrf.clone()),
            ("outcome", "granted".into()),
            ("answer", "  ".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Skriv et svar til familien")
    );
    // A teacher is not the privacy officer.
    let (teacher, tcsrf) = app.sign_in("laerer.a").await;
    let r = teacher
        .post(app.url(&format!("/privacy/requests/{id}/close")))
        .form(&[
            ("csrf", tcsrf.as_str()),
            ("outcome", "refused"),
            ("answer", "Nei."),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let html = f.page(&write).await;
    assert!(html.contains("Vi ser på det nå."));

    let r = post(
        format!("/privacy/requests/{id}/close"),
        vec![
            ("csrf", csrf.clone()),
            ("outcome", "granted".into()),
            (
                "answer",
                "Vi har rettet adressen. Takk for at dere sa fra.".into(),
            ),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = f.page(&write).await;
    assert!(html.contains("Ja, vi gjør det dere ba om."), "{html}");
    assert!(html.contains("Vi har rettet adressen. Takk for at dere sa fra."));
    assert_plain("write with an answered request", &html);
    // Closed once: a second closing is refused, and the list no longer has it.
    let r = post(
        format!("/privacy/requests/{id}/close"),
        vec![
            ("csrf", csrf.clone()),
            ("outcome", "refused".into()),
            ("answer", "Nei.".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let list = officer
        .get(app.url("/privacy/requests"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(!list.contains("Adressen vår er feil."));

    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 500)
        .await
        .expect("audit");
    let steps: Vec<_> = audit
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_type == "family_request" && e.resource_id == id)
        .map(|e| (e.actor_role.as_str(), e.outcome.as_str()))
        .collect();
    assert!(
        steps.iter().filter(|(_, o)| *o == "allow").count() >= 2,
        "{steps:?}"
    );
    assert!(steps.iter().any(|(_, o)| *o == "deny"), "{steps:?}");
    app.stop().await;
}
