use crate::world::World as App;

#[tokio::test]
async fn a_teacher_sees_exactly_the_children_of_their_unit() {
    let app = App::start().await;
    let (c, _) = app.sign_in("laerer.a").await;
    let list = c
        .get(app.url("/children"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(list.contains(&format!("/children/{}", app.child_a1)));
    assert!(!list.contains(&format!("/children/{}", app.child_b)));
    let child = c
        .get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    assert_eq!(child.status(), 200);
    let html = child.text().await.expect("body");
    assert!(
        html.contains("Ada") && html.contains("Gro"),
        "the child and its guardian"
    );
    app.stop().await;
}

#[tokio::test]
async fn elsewhere_nobody_can_tell_whether_a_child_exists() {
    let app = App::start().await;
    let (c, _) = app.sign_in("laerer.b").await;
    let hidden = c
        .get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    let missing = c
        .get(app.url("/children/0000-no-such-child"))
        .send()
        .await
        .expect("get");
    assert_eq!(hidden.status(), 404);
    assert_eq!(missing.status(), 404);
    let strip = |s: String| {
        s.replace(app.child_a1.as_str(), "")
            .replace("0000-no-such-child", "")
    };
    assert_eq!(
        strip(hidden.text().await.expect("body")),
        strip(missing.text().await.expect("body"))
    );
    let guardian = c
        .get(app.url(&format!("/children/{}", app.guardian_a)))
        .send()
        .await
        .expect("get");
    assert_eq!(guardian.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn every_view_lands_in_the_audit_log() {
    let app = App::start().await;
    let (c, _) = app.sign_in("laerer.a").await;
    let before = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("log")
        .len();
    c.get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("log");
    let read: Vec<_> = log[before..]
        .iter()
        .filter(|r| r.event.action == "read")
        .collect();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].event.resource_id, app.child_a1.as_str());
    assert_eq!(read[0].event.outcome, "allow");
    let reports = app.db.store.verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()));
    app.stop().await;
}

#[tokio::test]
async fn without_an_audit_record_the_page_shows_no_personal_data() {
    let app = App::start().await;
    let (c, _) = app.sign_in("laerer.a").await;
    app.db
        .store
        .execute_raw("DROP TABLE audit_head")
        .await
        .expect("sabotage");
    let r = c
        .get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 500);
    let html = r.text().await.expect("body");
    assert!(
        !html.contains("Ada") && !html.contains("Gro"),
        "no personal data leaves"
    );
    app.stop().await;
}
