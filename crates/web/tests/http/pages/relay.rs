//! The relay log pages over real HTTP, driven like a browser: raising and
//! deciding a concern and the holder's desk here; writing in the log,
//! corrections, levels and stale forms in `log`; the handover to another
//! school, closing with the archive copy and the audit trail in `handover`.

mod feedback;
mod handover;
mod ladder;
mod log;
mod meeting;
mod meeting_log;
mod plan;
mod sharing;
mod support;

use support::{
    Browser, CONCERN, assert_shows, concerns_listed, id_after, nb, open_log, raise, within,
};

use crate::world::World as App;

#[tokio::test]
async fn a_teacher_raises_a_concern_that_only_the_childs_school_sees() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let child = format!("/children/{}", app.child_a1);
    let new = format!("{child}/concerns/new");
    let html = a.page(&child).await;
    assert!(html.contains(&format!("href=\"{new}\"")), "{html}");
    assert_shows(&html, "Noter en undring");
    assert_shows(&html, &nb("case-no-log"));
    let form = a.page(&new).await;
    assert!(form.contains(&format!("action=\"{new}\"")), "{form}");

    // Nothing written: refused with the areas still ticked, nothing stored.
    let (status, html) = a
        .post_refused(&new, &[("text", "  \r\n "), ("areas", "social")])
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("entry-error-empty"));
    assert!(html.contains("value=\"social\" checked"), "{html}");
    assert!(!html.contains("value=\"emotional\" checked"), "{html}");
    assert_eq!(concerns_listed(&a.page(&child).await), 0);

    let id = raise(&a, &app.child_a1, CONCERN).await;
    let html = a.page(&format!("/concerns/{id}?done=raised")).await;
    assert_shows(&html, &nb("concern-done-raised"));
    assert_shows(&html, CONCERN);
    assert_shows(&html, "14 dager igjen til fristen");
    assert_shows(&html, "Sosialt samspill, Følelser og trivsel");
    assert_shows(&html, "Navn laerer.a (Nordli skole)");
    assert!(html.contains(&format!("action=\"/concerns/{id}/decision\"")));
    let html = a.page(&child).await;
    assert_eq!(concerns_listed(&html), 1);
    assert_shows(&html, "14 dager igjen til fristen");
    let desk = a.page("/my").await;
    assert!(desk.contains(&format!("href=\"/concerns/{id}\"")), "{desk}");

    // What is typed is shown as text, never as markup.
    let other = raise(&a, &app.child_a2, "<script>alert(1)</script> & mer").await;
    let html = a.page(&format!("/concerns/{other}")).await;
    assert_shows(&html, "<script>alert(1)</script> & mer");
    assert!(!html.contains("<script>alert"));

    // Another school's teacher cannot tell the concern or the form exists.
    let b = Browser::sign_in(&app, "laerer.b").await;
    assert_eq!(b.get(&format!("/concerns/{id}")).await.0, 404);
    assert_eq!(b.get(&new).await.0, 404);
    let (status, _) = b.post_refused(&new, &[("text", "Forsøk")]).await;
    assert_eq!(status, 404);
    assert_eq!(concerns_listed(&a.page(&child).await), 1);
    app.stop().await;
}

#[tokio::test]
async fn deciding_a_concern_opens_a_relay_log_once() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let concern = raise(&a, &app.child_a1, CONCERN).await;
    let page = format!("/concerns/{concern}");
    let decide = format!("{page}/decision");
    let version = a.version(&page).await;

    let (status, html) = a.post_refused(&decide, &[("version", &version)]).await;
    assert_eq!(status, 422, "no decision chosen");
    assert_shows(&html, &nb("concern-error-choose"));

    // A start without whether the family was told is refused in words, with
    // a link to the fieldset, and writes nothing.
    let fields = [
        ("decision", "level-1"),
        ("note", "Snakket med foreldrene."),
        ("version", &version),
    ];
    let (status, html) = a.post_refused(&decide, &fields).await;
    assert_eq!(status, 422, "the family is not recorded");
    assert_shows(&html, &nb("family-error-missing"));
    assert!(html.contains("href=\"#family-told\""), "{html}");
    assert!(html.contains("Snakket med foreldrene."), "the note is kept");
    let told_but_silent = [
        ("decision", "level-1"),
        ("family", "told"),
        ("family_on", "2026-01-05"),
        ("family_how", "phone"),
        ("family_who", "Far"),
        ("version", &version),
    ];
    let (status, html) = a.post_refused(&decide, &told_but_silent).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("family-error-said"));
    assert!(html.contains("href=\"#family-said\""), "{html}");
    assert_eq!(
        a.version(&page).await,
        version,
        "a refused start changes nothing"
    );
    let fields = crate::world::with_told(&fields);
    let location = a.post_ok(&decide, &fields).await;
    let log = id_after(&location, "/logs/");
    assert_eq!(location, format!("/logs/{log}?done=opened"));
    let html = a.page(&location).await;
    assert_shows(&html, &nb("log-done-opened"));
    assert_shows(&html, "Nivå 1");
    assert_shows(&html, "Navn laerer.a (Nordli skole)");
    assert_shows(&html, "Stafettloggen ble startet på nivå 1");
    let timeline = within(&html, "id=\"timeline-h\"", "</ol>");
    assert_shows(timeline, CONCERN);

    // The same form again: the concern is decided already.
    let (status, html) = a.post_refused(&decide, &fields).await;
    assert!(status == 409 || status == 422, "{status}");
    assert_shows(&html, &nb("concern-error-decided"));
    let html = a.page(&page).await;
    assert_shows(&html, "Stafettlogg startet på nivå 1");
    assert_shows(&html, "Snakket med foreldrene.");
    assert!(html.contains(&format!("href=\"/logs/{log}\"")), "{html}");
    assert!(!html.contains(&format!("action=\"{decide}\"")), "{html}");
    let child = a.page(&format!("/children/{}", app.child_a1)).await;
    assert!(child.contains(&format!("href=\"/logs/{log}\"")), "{child}");

    let b = Browser::sign_in(&app, "laerer.b").await;
    assert_eq!(b.get(&format!("/logs/{log}")).await.0, 404);
    assert_eq!(b.get(&format!("/logs/{log}/print")).await.0, 404);
    app.stop().await;
}

#[tokio::test]
async fn the_desk_lists_what_waits_and_pages_need_a_session() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let html = a.page("/my").await;
    assert_shows(&html, &nb("my-no-logs"));
    assert_shows(&html, &nb("my-no-concerns"));
    let (concern, log) = open_log(&a, &app.child_a1).await;
    let html = a.page("/my").await;
    let held = within(&html, "id=\"logs-h\"", "</section>");
    assert!(held.contains(&format!("href=\"/logs/{log}\"")), "{held}");
    assert_shows(held, "Ada Testesen");
    assert_shows(&html, &nb("my-no-concerns"));

    let anonymous = app.browser();
    for path in [
        "/my".to_string(),
        format!("/logs/{log}"),
        format!("/concerns/{concern}"),
        format!("/children/{}/concerns/new", app.child_a1),
    ] {
        let r = anonymous.get(app.url(&path)).send().await.expect("get");
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
    }
    // A form without the CSRF token changes nothing.
    let r =
        a.c.post(app.url(&format!("/logs/{log}/entries")))
            .form(&[("kind", "observation"), ("text", "Uten token")])
            .send()
            .await
            .expect("post");
    assert_eq!(r.status(), 403);
    assert!(!a.page(&format!("/logs/{log}")).await.contains("Uten token"));
    app.stop().await;
}
