//! Feedback where the work happens, over real HTTP: an episode started from
//! the relay log page is linked to the log, the log page then shows a small
//! graph and the alert with a link to the episode, the child's page a
//! one-line summary; a link to another person's log is refused; the
//! coordinator's caseload shows the open alerts as a badge in words, and
//! the plan page shows the panel with a start form linked to the plan.

use ettlag_core::{Role, RoleSet, ServiceType};
use ettlag_db::NewStaff;

use super::support::{Browser, assert_shows, id_after, input_value, options};
use crate::world::{PASSWORD, World as App};

const TEST_PACK: &str = include_str!("../../../../../../packs/test.toml");

#[tokio::test]
async fn feedback_is_started_from_a_log_and_shown_on_the_log_child_caseload_and_plan() {
    let app = App::start().await;
    app.db
        .store
        .install_pack_for(&app.tenant, TEST_PACK, ettlag_db::PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let a = Browser::sign_in(&app, "laerer.a").await;
    let child = app.child_a1.to_string();
    let (_, log) = super::support::open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");

    // The log page offers to start an episode linked to the log, in the holder's unit.
    let html = a.page(&path).await;
    assert_shows(&html, "Ingen forløp ennå.");
    assert_eq!(input_value(&html, "log"), log);
    assert!(
        html.contains(&format!(
            "<option value=\"{}\" selected>",
            app.school_a.as_str()
        )),
        "{html}"
    );
    assert!(options(&html, "pack").iter().any(|(v, _)| v == "test"));

    // A link to a log that is not the child's is refused in words.
    let (status, refused) = a
        .post_refused(
            &format!("/children/{child}/feedback"),
            &[
                ("unit", app.school_a.as_str()),
                ("pack", "test"),
                ("log", "no-such-log"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(
        &refused,
        "Stafettloggen eller planen gjelder ikke denne personen.",
    );

    let location = a
        .post_ok(
            &format!("/children/{child}/feedback"),
            &[
                ("unit", app.school_a.as_str()),
                ("pack", "test"),
                ("log", log.as_str()),
            ],
        )
        .await;
    let episode = id_after(&location, "/feedback/");
    a.post_ok(
        &format!("/feedback/{episode}/answer"),
        &[
            ("scale", "outcome"),
            ("item-0", "1"),
            ("item-1", "2"),
            ("item-2", "2"),
            ("item-3", "2"),
        ],
    )
    .await;

    let html = a.page(&path).await;
    assert!(
        html.contains("class=\"fb-graph fb-graph-compact\""),
        "{html}"
    );
    assert!(html.contains("role=\"img\""));
    assert!(html.contains(&format!("href=\"/feedback/{episode}\"")));
    assert_shows(&html, "Bør snakkes om");

    let html = a.page(&format!("/children/{child}")).await;
    assert_shows(&html, "1 forløp, 1 pågår");
    assert!(html.contains("class=\"badge fb-badge\""), "{html}");

    // A coordinator at the other school sees the alert on the caseload, in words.
    let system = app.db.store.system_access(&app.tenant);
    let unit = system
        .create_unit("Koordinerende enhet", ServiceType::CoordinatingUnit)
        .await
        .expect("unit");
    system
        .create_staff(NewStaff {
            username: "ke".into(),
            display_name: "Kim Koordinerende".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![unit],
            password_hash: Some(ettlag_web::password::hash(PASSWORD).await.expect("hash")),
        })
        .await
        .expect("staff");
    let ke = Browser::sign_in(&app, "ke").await;
    let staff_b = app.staff_b.to_string();
    ke.post_ok(
        &format!("/children/{child}/coordinators"),
        &[("kind", "coordinator"), ("staff", staff_b.as_str())],
    )
    .await;
    let b = Browser::sign_in(&app, "laerer.b").await;
    let caseload = b.page("/my/caseload").await;
    assert!(caseload.contains("class=\"badge fb-badge\""), "{caseload}");
    assert!(caseload.contains(" varsler</span>"), "a badge in words");

    // The plan page shows the panel, its start form linked to the plan.
    let today = ettlag_core::Day::from_ms(ettlag_db::now_ms());
    let plan_form = [
        ("what-matters", "Å spille fotball".to_string()),
        ("needs-and-dreams", "Bli trener".into()),
        ("goal-1-master", "Ada går til trening alene".into()),
        ("goal-1-by", today.add_days(100).to_string()),
        ("goal-1-know-by", "Tre ganger".into()),
        ("measure-1-goal", "1".into()),
        ("measure-1-what", "Følge til trening".into()),
        ("measure-1-how", "To ganger i uka".into()),
        ("measure-1-c1-kind", "relative".into()),
        ("measure-1-c1-name", "Bestemor".into()),
        ("measure-1-c1-what", "Følger".into()),
        ("period-start", today.to_string()),
        ("period-end", today.add_days(365).to_string()),
        ("next-revision", today.add_days(90).to_string()),
        ("reason", "Ny plan".into()),
    ];
    let fields: Vec<(&str, &str)> = plan_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let location = b
        .post_ok(&format!("/children/{child}/plan/new"), &fields)
        .await;
    let plan = id_after(&location, "/plans/");
    let html = b.page(&format!("/plans/{plan}")).await;
    assert_eq!(input_value(&html, "plan"), plan);
    assert!(
        html.contains("class=\"fb-graph fb-graph-compact\""),
        "{html}"
    );
    assert!(
        !b.page(&format!("/plans/{plan}/print"))
            .await
            .contains("fb-panel"),
        "not on the printed plan"
    );
}
