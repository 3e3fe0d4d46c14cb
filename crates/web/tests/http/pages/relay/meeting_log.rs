//! A collaboration meeting called from a level-2 relay log's page: only the
//! municipality's active templates are offered, staff are found by a search
//! that keeps what was typed (no JavaScript needed), an action item becomes
//! a measure in the log, and the meeting is listed on the log. The
//! coordinating unit's overview page is its alone.

use ettlag_core::Day;
use ettlag_db::now_ms;

use super::support::{Browser, assert_shows, id_after, input_value, open_log, options};
use crate::world::World as App;

const MEETING_NB: &str = include_str!("../../../../locales/nb/meeting.ftl");
const PLAN_NB: &str = include_str!("../../../../locales/nb/plan.ftl");

fn nb_in(file: &str, key: &str) -> String {
    file.lines()
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"))
}

#[tokio::test]
async fn a_collaboration_meeting_is_called_from_a_relay_log_with_active_templates_only() {
    let app = App::start().await;
    let admin = Browser::sign_in(&app, "admin").await;
    let template = [
        ("name", "Gammelt møte"),
        ("purpose", "Slik vi gjorde det før"),
        ("form", "Fysisk"),
        ("leads", "Rektor"),
        ("parts", "1. Runde: Alle sier noe"),
    ];
    admin.post_ok("/admin/meetings", &template).await;
    let html = admin.page("/admin/meetings").await;
    // The municipality's only template: the one id that is not empty.
    let retired = html
        .split("name=\"id\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|id| !id.is_empty())
        .expect("the template has an id")
        .to_string();
    let done = admin
        .post_ok("/admin/meetings", &[("id", &retired), ("active", "no")])
        .await;
    let html = admin.page(&done).await;
    assert_shows(
        &html,
        &nb_in(MEETING_NB, "admin-done-meeting-template-deactivated"),
    );
    assert_shows(&html, &nb_in(MEETING_NB, "meeting-template-inactive"));

    let a = Browser::sign_in(&app, "laerer.a").await;
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let new = format!("{path}/meetings/new");
    assert!(
        !a.page(&path).await.contains(&new),
        "level 1: no meeting yet"
    );
    let version = input_value(&a.page(&path).await, "version");
    a.post_ok(
        &format!("{path}/level"),
        &crate::world::with_told(&[
            ("level", "2"),
            ("reason", "Helsestasjonen inn"),
            ("version", &version),
        ]),
    )
    .await;
    assert!(
        a.page(&path).await.contains(&new),
        "the log offers a meeting"
    );

    let html = a.page(&new).await;
    let offered: Vec<String> = options(&html, "template")
        .into_iter()
        .map(|o| o.0)
        .collect();
    assert!(
        !offered.contains(&retired),
        "an inactive template is not offered"
    );
    assert!(
        html.contains(app.guardian_a.as_str()),
        "the family is offered"
    );
    let staff_box = format!("name=\"staff\" value=\"{}\"", app.staff_b);
    assert!(
        !html.contains(&staff_box),
        "no long list of every colleague"
    );

    // The search button sends the form back with the staff found and
    // everything typed kept.
    let date = Day::from_ms(now_ms()).add_days(1).to_string();
    let typed = [
        ("template", "default"),
        ("date", date.as_str()),
        ("start", "09:00"),
        ("end", "10:00"),
        ("place", "Helsestasjonen"),
        ("leader", app.staff_a.as_str()),
        ("family", app.guardian_a.as_str()),
        ("q", "laerer.b"),
        ("find", "yes"),
    ];
    let r = a.post(&new, &typed).await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    assert!(
        html.contains(&format!("{staff_box}>")),
        "found by name, not yet chosen"
    );
    assert_eq!(input_value(&html, "place"), "Helsestasjonen");

    let mut call: Vec<(&str, &str)> = typed[..7].to_vec();
    call.push(("staff", app.staff_b.as_str()));
    let location = a.post_ok(&new, &call).await;
    let meeting = id_after(&location, "/meetings/");
    let html = a.page(&format!("/meetings/{meeting}")).await;
    assert!(
        html.contains(&format!("href=\"/logs/{log}\"")),
        "back to the log"
    );
    assert_shows(&html, &nb_in(MEETING_NB, "meeting-actions-intro-log"));

    let deadline = Day::from_ms(now_ms()).add_days(30).to_string();
    a.post_ok(
        &format!("/meetings/{meeting}/actions"),
        &[
            ("what", "Samtale med helsesykepleier hver uke"),
            ("responsible", app.staff_a.as_str()),
            ("deadline", &deadline),
        ],
    )
    .await;
    let html = a.page(&path).await;
    assert_shows(&html, "Samtale med helsesykepleier hver uke");
    assert!(
        html.contains(&format!("/meetings/{meeting}")),
        "the log lists its meeting"
    );

    // The overview is the coordinating unit's.
    assert_eq!(a.get("/coordination").await.0, 403);
    app.add_intake().await;
    let intake = Browser::sign_in(&app, "inntak").await;
    let html = intake.page("/coordination").await;
    assert_shows(&html, &nb_in(PLAN_NB, "plan-overview-title"));
}
