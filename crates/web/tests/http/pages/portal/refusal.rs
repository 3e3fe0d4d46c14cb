//! A family says no in the portal: a guardian refuses school B on the
//! consent page, in plain words; the refusal shows in the school's consent
//! ledger; and school B's staff get the 404 of a missing log on their very
//! next request, although the other guardian's yes is still in force.

use ettlag_core::{PersonKind, RelationKind};
use ettlag_db::NewPerson;
use reqwest::StatusCode;
use serde_json::json;

use super::{Family, assert_plain, open_log, parent_account};
use crate::world::{World as App, json, nin};

/// Per, the other guardian, whose yes alone opens the log to school B: the
/// municipality accepts one guardian's consent.
async fn yes_from_the_other_guardian(app: &App) {
    let admin = app.db.store.system_access(&app.tenant);
    let father = admin
        .create_person(NewPerson {
            kind: PersonKind::Adult,
            national_id: Some(nin(1983, 2, 9)),
            given_name: "Per".into(),
            family_name: "Testesen".into(),
        })
        .await
        .expect("father");
    admin
        .add_relation(&app.child_a1, &father, RelationKind::Guardian)
        .await
        .expect("relation");
    admin
        .set_setting("consent_one_guardian", 1)
        .await
        .expect("setting");
    let body = json!({
        "grantors": [father.as_str()],
        "purpose": "Skolene snakker sammen",
        "categories": ["relay_log"],
        "units": [app.school_b.as_str()],
        "evidence": "meeting",
        "stance": "grant",
    });
    let path = format!("/api/v1/children/{}/consents", app.child_a1);
    let (status, created) = json(app.post(&app.teacher_a, &path, &body).await).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
}

#[tokio::test]
async fn a_guardian_refuses_a_unit_in_the_portal_and_it_loses_the_log_despite_the_other_yes() {
    let app = App::start().await;
    parent_account(&app).await;
    let log = open_log(&app).await;
    yes_from_the_other_guardian(&app).await;
    let log_path = format!("/api/v1/relay-logs/{log}");
    assert_eq!(app.get(&app.teacher_b, &log_path).await.status(), 200);

    let f = Family::sign_in(&app).await;
    let child = app.child_a1.as_str();
    let path = format!("/portal/children/{child}/consents");
    let page = f.page(&path).await;
    for choice in [
        "value=\"grant\"",
        "value=\"refusal\"",
        "Nei, de skal ikke få det",
    ] {
        assert!(page.contains(choice), "{choice:?} is missing:\n{page}");
    }
    assert_plain("consents with a choice", &page);
    let refusal = [
        ("stance", "refusal"),
        ("purpose", "Vi vil ikke at Sørli skole får vite om Ada."),
        ("unit", app.school_b.as_str()),
        ("category", "relay_log"),
    ];
    // Yes or no is never assumed.
    let (status, html) = f.post(&path, &refusal[1..]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Velg ja eller nei."), "{html}");
    assert_eq!(app.get(&app.teacher_b, &log_path).await.status(), 200);

    let (status, html) = f.post(&path, &refusal).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Fra i dag får de ikke noe av dette."),
        "{html}"
    );
    assert!(html.contains("Dere har sagt nei."), "{html}");
    assert_plain("consents after a no", &html);

    // The school's ledger shows the refusal beside the father's yes.
    let (teacher, _) = app.sign_in("laerer.a").await;
    let ledger = teacher
        .get(app.url(&format!("/children/{child}")))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(ledger.contains("Nei gjelder nå"), "{ledger}");
    assert!(ledger.contains("Gjelder nå"), "the yes is still there");

    // School B's next request: the log does not exist for it.
    let missing = app
        .get(&app.teacher_b, "/api/v1/relay-logs/no-such-log")
        .await;
    let read = app.get(&app.teacher_b, &log_path).await;
    assert_eq!(read.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        read.text().await.expect("body"),
        missing.text().await.expect("body"),
        "the answer of a log that does not exist"
    );
    app.stop().await;
}
