use crate::world::World as App;

#[tokio::test]
async fn the_privacy_officer_reads_the_log_and_others_cannot() {
    let app = App::start().await;
    let (teacher, _) = app.sign_in("laerer.b").await;
    // A denied look at another school's child, to find in the log.
    let denied = teacher
        .get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    assert_eq!(denied.status(), 404);
    assert_eq!(
        teacher
            .get(app.url("/audit"))
            .send()
            .await
            .expect("get")
            .status(),
        403
    );

    let (officer, _) = app.sign_in("personvern").await;
    let page = officer
        .get(app.url(&format!("/audit?resource={}&denied=1", app.child_a1)))
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("Navn laerer.b"), "the denied reader is named");
    assert!(html.contains("Avvist"));
    assert!(!html.contains("Tillatt"), "only denials were asked for");
    // Every code the log holds has a name in the page's language: a message id
    // showing through means a resource, purpose or basis lacks its text.
    let all = officer
        .get(app.url("/audit"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    for prefix in [
        "audit-resource-",
        "audit-action-",
        "audit-purpose-",
        "audit-basis-",
    ] {
        assert!(!all.contains(prefix), "untranslated {prefix}… on /audit");
    }
    // Reading the log is itself in the log.
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("log");
    assert!(
        log.iter()
            .any(|r| r.event.resource_type == "audit_log" && r.event.outcome == "allow")
    );
    assert!(
        log.iter()
            .any(|r| r.event.resource_type == "audit_log" && r.event.outcome == "deny")
    );
    app.stop().await;
}
