//! Meetings about a plan over real HTTP: the administrator's values poster,
//! a meeting called with the family, the poster shown when it opens, a
//! decision about the family refused until the parent is marked present, two
//! action items that become measures on the plan, the printable plan with
//! the decision, the calendar invitation without the child's name, and
//! another school kept out.

use ettlag_core::Day;
use ettlag_db::now_ms;

use super::support::{Browser, assert_shows, id_after};
use crate::world::World as App;

const MEETING_NB: &str = include_str!("../../../../locales/nb/meeting.ftl");

fn nb_meeting(key: &str) -> String {
    MEETING_NB
        .lines()
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"))
}

fn today() -> Day {
    Day::from_ms(now_ms())
}

async fn make_plan(a: &Browser<'_>, child: &str) -> String {
    let t = today();
    let (by, end, next) = (
        t.add_days(100).to_string(),
        t.add_days(365).to_string(),
        t.add_days(90).to_string(),
    );
    let start = t.to_string();
    let location = a
        .post_ok(
            &format!("/children/{child}/plan/new"),
            &[
                ("what-matters", "Å lese for lillebror"),
                ("needs-and-dreams", "Bli forfatter"),
                ("goal-1-master", "Lese en bok selv"),
                ("goal-1-by", &by),
                ("goal-1-know-by", "Hun forteller om boka"),
                ("period-start", &start),
                ("period-end", &end),
                ("next-revision", &next),
                ("reason", "Ny plan"),
            ],
        )
        .await;
    id_after(&location, "/plans/")
}

#[tokio::test]
async fn a_meeting_with_the_family_turns_action_items_into_measures() {
    let app = App::start().await;
    let admin = Browser::sign_in(&app, "admin").await;
    admin
        .post_ok(
            "/admin/meetings",
            &[
                ("what", "poster"),
                (
                    "poster",
                    "Respekt\n+ Vi lytter til barnet først\n- Å bestemme uten familien",
                ),
            ],
        )
        .await;
    let (status, html) = admin
        .post_refused(
            "/admin/meetings",
            &[("what", "poster"), ("poster", "Respekt\nuten tegn")],
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb_meeting("meeting-error-poster"));

    let a = Browser::sign_in(&app, "laerer.a").await;
    let child = app.child_a1.to_string();
    let plan = make_plan(&a, &child).await;
    let html = a.page(&format!("/plans/{plan}")).await;
    assert_shows(&html, &nb_meeting("meeting-none"));
    let html = a.page(&format!("/plans/{plan}/meetings/new")).await;
    assert!(
        html.contains(app.guardian_a.as_str()),
        "the guardian is offered"
    );

    let date = today().add_days(1).to_string();
    let (status, html) = a
        .post_refused(
            &format!("/plans/{plan}/meetings/new"),
            &[
                ("template", "default"),
                ("date", &date),
                ("start", "10:00"),
                ("end", "09:00"),
                ("place", "Skolen"),
                ("leader", app.staff_a.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb_meeting("meeting-error-time-order"));
    for year in ["1999-12-31", "2100-01-01", "2150-06-01"] {
        let (status, html) = a
            .post_refused(
                &format!("/plans/{plan}/meetings/new"),
                &[
                    ("template", "default"),
                    ("date", year),
                    ("start", "09:00"),
                    ("end", "10:00"),
                    ("place", "Skolen"),
                    ("leader", app.staff_a.as_str()),
                ],
            )
            .await;
        assert_eq!(status, 422, "{year}");
        assert_shows(&html, &nb_meeting("meeting-error-time-range"));
    }
    let html = a.page(&format!("/plans/{plan}")).await;
    assert_shows(&html, &nb_meeting("meeting-none"));
    let location = a
        .post_ok(
            &format!("/plans/{plan}/meetings/new"),
            &[
                ("template", "default"),
                ("date", &date),
                ("start", "09:00"),
                ("end", "10:00"),
                ("place", "Skolen, møterom 2"),
                ("leader", app.staff_a.as_str()),
                ("family", app.guardian_a.as_str()),
                ("child", "yes"),
            ],
        )
        .await;
    let meeting = id_after(&location, "/meetings/");
    let html = a.page(&format!("/meetings/{meeting}")).await;
    assert_shows(&html, "Vi lytter til barnet først");
    assert_shows(&html, "1. Forstå personen");

    // Another school cannot tell the meeting exists.
    let b = Browser::sign_in(&app, "laerer.b").await;
    assert_eq!(b.get(&format!("/meetings/{meeting}")).await.0, 404);

    let path = |p: &str| format!("/meetings/{meeting}/{p}");
    let decision = [
        ("text", "Ada får leksehjelp to dager i uka"),
        ("concerns-family", "yes"),
    ];
    let (status, html) = a.post_refused(&path("decisions"), &decision).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb_meeting("meeting-error-family-absent"));
    // Leader first, then the guardian, then the child.
    a.post_ok(&path("attendance"), &[("present", "0"), ("present", "1")])
        .await;
    a.post_ok(
        &path("minutes"),
        &[("text", "Vi startet med det som er viktig for Ada")],
    )
    .await;
    a.post_ok(
        &path("voice"),
        &[("how", "Samtale før møtet"), ("words", "Jeg vil lese selv")],
    )
    .await;
    a.post_ok(&path("decisions"), &decision).await;
    let deadline = today().add_days(30).to_string();
    for what in ["Leksehjelp tirsdag", "Lesestund med mor"] {
        a.post_ok(
            &path("actions"),
            &[
                ("what", what),
                ("goal", "1"),
                ("responsible", app.staff_a.as_str()),
                ("deadline", &deadline),
            ],
        )
        .await;
    }
    let html = a.page(&format!("/meetings/{meeting}")).await;
    assert_shows(&html, "Jeg vil lese selv");
    assert_shows(&html, &nb_meeting("meeting-family-present"));

    let html = a.page(&format!("/plans/{plan}")).await;
    assert_shows(&html, "Leksehjelp tirsdag");
    assert_shows(&html, "Lesestund med mor");
    assert_eq!(html.matches(&format!("/meetings/{meeting}\"")).count(), 3);
    let print = a.page(&format!("/plans/{plan}/print")).await;
    assert_shows(&print, "Ada får leksehjelp to dager i uka");

    let r =
        a.c.get(app.url(&format!("/meetings/{meeting}/invitation.ics")))
            .send()
            .await
            .expect("ics");
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/calendar")
    );
    let ics = r.text().await.expect("body");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("SUMMARY:Møte om planen\r\n"));
    assert!(!ics.contains("Ada"), "no child's name in an invitation");
}
