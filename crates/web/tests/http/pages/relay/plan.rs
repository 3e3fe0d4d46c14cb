//! The individual plan pages over real HTTP: making a plan with the
//! person's words first, a refused form that keeps what was typed, a
//! revision that keeps the first, another school kept out, and the
//! coordinating unit assigning a coordinator whose caseload shows what is due.

use ettlag_core::{Day, Role, RoleSet, ServiceType};
use ettlag_db::{NewStaff, now_ms};

use super::support::{Browser, assert_shows, id_after};
use crate::world::{PASSWORD, World as App};

const PLAN_NB: &str = include_str!("../../../../locales/nb/plan.ftl");

fn nb_plan(key: &str) -> String {
    PLAN_NB
        .lines()
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"))
}

const WHAT_MATTERS: &str = "Å spille fotball med vennene mine";
const GOAL: &str = "Ada går til trening alene";

fn form(goal: &str, reason: &str) -> Vec<(&'static str, String)> {
    let today = Day::from_ms(now_ms());
    vec![
        ("what-matters", WHAT_MATTERS.into()),
        ("needs-and-dreams", "Bli trener".into()),
        ("goal-1-master", goal.into()),
        ("goal-1-by", today.add_days(100).to_string()),
        ("goal-1-know-by", "Hun har gått alene tre ganger".into()),
        ("measure-1-goal", "1".into()),
        ("measure-1-what", "Følge til trening".into()),
        ("measure-1-how", "To ganger i uka".into()),
        ("measure-1-c1-kind", "relative".into()),
        ("measure-1-c1-name", "Bestemor".into()),
        ("measure-1-c1-what", "Følger på tirsdager".into()),
        ("period-start", today.to_string()),
        ("period-end", today.add_days(365).to_string()),
        ("next-revision", today.add_days(90).to_string()),
        ("reason", reason.into()),
    ]
}

fn fields<'a>(f: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    f.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_plan_is_made_revised_and_kept_from_other_schools() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let child = app.child_a1.to_string();
    let (status, _) = a.get(&format!("/children/{child}/plan")).await;
    assert_eq!(status, 303);
    let html = a.page(&format!("/children/{child}/plan/new")).await;
    assert_shows(&html, &nb_plan("plan-what-matters"));

    // Without a goal the form comes back with what was typed and why.
    let mut no_goal = form("", "Ny plan");
    no_goal.retain(|(k, _)| !k.starts_with("goal-") && !k.starts_with("measure-"));
    let (status, html) = a
        .post_refused(&format!("/children/{child}/plan/new"), &fields(&no_goal))
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb_plan("plan-error-no-goal"));
    assert_shows(&html, WHAT_MATTERS);

    let location = a
        .post_ok(
            &format!("/children/{child}/plan/new"),
            &fields(&form(GOAL, "Ny plan")),
        )
        .await;
    let id = id_after(&location, "/plans/");
    let html = a.page(&format!("/plans/{id}")).await;
    let words = html
        .find(&super::support::esc(WHAT_MATTERS))
        .expect("own words");
    let goal = html.find(&super::support::esc(GOAL)).expect("goal");
    assert!(words < goal, "the person's words come first");
    assert_shows(&html, "Bestemor");

    // A revision keeps the first; a stale form is refused.
    let mut revised = form("Ada går til trening og kamp alene", "Evaluert");
    revised.push(("version", "1".into()));
    a.post_ok(&format!("/plans/{id}/revise"), &fields(&revised))
        .await;
    let stale = a
        .post(&format!("/plans/{id}/revise"), &fields(&revised))
        .await;
    assert_eq!(stale.status().as_u16(), 422, "a stale form is refused");
    let html = a.page(&format!("/plans/{id}")).await;
    assert_shows(&html, "Evaluert");
    assert_shows(&html, "Ny plan");
    assert_shows(&html, "Navn laerer.a");
    assert_shows(&html, "Ada går til trening og kamp alene");
    assert!(
        a.page(&format!("/plans/{id}/print"))
            .await
            .contains(&super::support::esc(WHAT_MATTERS))
    );

    // Another school cannot tell the plan exists.
    let b = Browser::sign_in(&app, "laerer.b").await;
    assert_eq!(b.get(&format!("/plans/{id}")).await.0, 404);
    assert_eq!(b.get(&format!("/plans/{id}/revise")).await.0, 404);
}

#[tokio::test]
async fn the_coordinating_unit_assigns_and_the_caseload_shows_what_is_due() {
    let app = App::start().await;
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
    let child = app.child_a1.to_string();
    let staff_b = app.staff_b.to_string();
    ke.page(&format!("/children/{child}/coordinators")).await;
    ke.post_ok(
        &format!("/children/{child}/coordinators"),
        &[("kind", "coordinator"), ("staff", staff_b.as_str())],
    )
    .await;
    // A teacher of the child's school may not assign.
    let a = Browser::sign_in(&app, "laerer.a").await;
    let r = a
        .post(
            &format!("/children/{child}/coordinators"),
            &[("kind", "coordinator"), ("staff", staff_b.as_str())],
        )
        .await;
    assert_eq!(r.status().as_u16(), 404);

    let b = Browser::sign_in(&app, "laerer.b").await;
    let html = b.page("/my/caseload").await;
    assert_shows(&html, "Ada");
    assert_shows(&html, &nb_plan("plan-due-no-plan"));
    // The coordinator, at another school, makes the plan.
    let location = b
        .post_ok(
            &format!("/children/{child}/plan/new"),
            &fields(&form(GOAL, "Ny plan")),
        )
        .await;
    let id = id_after(&location, "/plans/");
    let html = b.page(&format!("/plans/{id}")).await;
    assert_shows(&html, "Navn");
    assert!(
        b.page("/my/caseload")
            .await
            .contains(&format!("/plans/{id}"))
    );
}

#[tokio::test]
async fn a_plan_made_from_a_relay_log_starts_from_the_logs_goals() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let (_, log) = super::support::open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let goal = "Ada har en venn å leke med i storefri.";
    let version = a.version(&path).await;
    a.post_ok(
        &format!("{path}/entries"),
        &[
            ("kind", "goal"),
            ("text", goal),
            ("areas", "social"),
            ("version", &version),
        ],
    )
    .await;
    let form = a
        .page(&format!("/children/{}/plan/new?log={log}", app.child_a1))
        .await;
    assert_eq!(
        super::support::textarea(&form, "goal-1-master"),
        super::support::esc(goal),
        "the log's goal is the plan's first goal: {form}"
    );
    // Someone who may not read the log gets nothing from it.
    let b = Browser::sign_in(&app, "laerer.b").await;
    let (status, _) = b
        .get(&format!("/children/{}/plan/new?log={log}", app.child_a1))
        .await;
    assert_eq!(status, 404);
    app.stop().await;
}
