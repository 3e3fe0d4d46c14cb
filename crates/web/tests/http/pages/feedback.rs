//! Feedback pages over real HTTP: starting an episode, answering in a
//! meeting with "7,3" (and a refused "7,35"), the graph and the alert, a
//! one-time link answered without an account that shows only a first name,
//! another school kept out, and a bad pack refused in the user's language.

use crate::world::World as App;

const TEST_PACK: &str = include_str!("../../../../../packs/test.toml");

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn form(c: &reqwest::Client, url: String, fields: &[(&str, &str)]) -> reqwest::Response {
    c.post(url).form(fields).send().await.expect("post")
}

#[tokio::test]
async fn staff_answer_in_a_meeting_and_a_parent_answers_once_through_a_link() {
    let app = App::start().await;
    app.db
        .store
        .install_pack_for(&app.tenant, TEST_PACK, ettlag_db::PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let (c, csrf) = app.sign_in("laerer.a").await;
    let child = app.child_a1.as_str();
    let r = form(
        &c,
        app.url(&format!("/children/{child}/feedback")),
        &[
            ("csrf", &csrf),
            ("unit", app.school_a.as_str()),
            ("pack", "test"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let episode = location(&r);
    assert!(episode.starts_with("/feedback/"), "{episode}");
    let page = c.get(app.url(&episode)).send().await.expect("get");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("type=\"range\" min=\"0\" max=\"10\" step=\"0.1\""));
    assert!(html.contains("inputmode=\"decimal\""));

    let answer = app.url(&format!("{episode}/answer"));
    let bad = form(
        &c,
        answer.clone(),
        &[
            ("csrf", &csrf),
            ("scale", "outcome"),
            ("item-0", "7,35"),
            ("item-1", "8"),
            ("item-2", "8"),
            ("item-3", "8"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.expect("body");
    assert!(html.contains("Bruk høyst én desimal."), "{html}");
    assert!(html.contains("aria-invalid=\"true\""));
    // An untouched slider sends nothing: the answer is refused, every
    // missing item named, the typed "7,3" kept, and nothing stored.
    let missing = form(
        &c,
        answer.clone(),
        &[
            ("csrf", &csrf),
            ("scale", "outcome"),
            ("item-0", "7,3"),
            ("item-1", ""),
            ("slider-1", "8.0"),
            ("slider-2", "8.0"),
        ],
    )
    .await;
    assert_eq!(missing.status(), 422);
    let html = missing.text().await.expect("body");
    for item in ["Punkt B", "Punkt C", "Punkt D"] {
        assert!(
            html.contains(&format!("Du har ikke svart på «{item}»")),
            "{item}: {html}"
        );
    }
    assert!(!html.contains("Du har ikke svart på «Punkt A»"));
    assert!(html.contains("name=\"item-0\" value=\"7,3\""), "{html}");
    assert!(html.contains("Ingen svar ennå."), "nothing was stored");
    let ok = form(
        &c,
        answer.clone(),
        &[
            ("csrf", &csrf),
            ("scale", "outcome"),
            ("item-0", "7,3"),
            ("item-1", "8"),
            ("item-2", "8,0"),
            ("item-3", "8.0"),
        ],
    )
    .await;
    assert_eq!(ok.status(), 303);
    let low = form(
        &c,
        answer,
        &[
            ("csrf", &csrf),
            ("scale", "outcome"),
            ("item-0", "1"),
            ("item-1", "5"),
            ("item-2", "5"),
            ("item-3", "5"),
        ],
    )
    .await;
    assert_eq!(low.status(), 303);
    let html = c
        .get(app.url(&episode))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("role=\"img\""));
    assert!(
        html.contains("<td>31,3</td>"),
        "the first total, 7,3 + 3 × 8"
    );
    assert!(html.contains("Bør snakkes om"));
    let desk = c
        .get(app.url("/my"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        desk.contains("En tilbakemelding fra Ada Testesen bør snakkes om"),
        "{desk}"
    );

    // Another school sees nothing.
    let (other, _) = app.sign_in("laerer.b").await;
    let r = other.get(app.url(&episode)).send().await.expect("get");
    assert_eq!(r.status(), 404);

    let made = form(
        &c,
        app.url(&format!("{episode}/link")),
        &[
            ("csrf", &csrf),
            ("scale", "outcome"),
            ("respondent", "parent"),
        ],
    )
    .await;
    assert_eq!(made.status(), 200);
    let html = made.text().await.expect("body");
    let start = html.find("/f/").expect("a link");
    let link: String = html[start..].chars().take(3 + 64).collect();
    let family = app.browser();
    let page = family.get(app.url(&link)).send().await.expect("get");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("Hvordan går det med Ada?"));
    assert!(!html.contains("Testesen"), "only the first name");
    assert!(!html.contains("Nordli"), "not the school either");
    // A missing item is refused in words and leaves the link unused.
    let refused = form(
        &family,
        app.url(&link),
        &[("item-0", "6,5"), ("item-1", "7.3"), ("item-2", "5")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(html.contains("Du har ikke svart på «Punkt D»"), "{html}");
    assert!(html.contains("value=\"7.3\""), "the values given are kept");
    let sent = form(
        &family,
        app.url(&link),
        &[
            ("item-0", "6,5"),
            ("item-1", "7.3"),
            ("item-2", "5"),
            ("item-3", "5,0"),
        ],
    )
    .await;
    assert_eq!(sent.status(), 200);
    assert!(sent.text().await.expect("body").contains("Takk!"));
    let again = family.get(app.url(&link)).send().await.expect("get");
    assert_eq!(again.status(), 410);
    assert!(
        again
            .text()
            .await
            .expect("body")
            .contains("Lenken er brukt")
    );
    let made_up = family
        .get(app.url(&format!("/f/{}", "0".repeat(64))))
        .send()
        .await
        .expect("get");
    assert_eq!(made_up.status(), 410);
    let html = c
        .get(app.url(&episode))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("<td>Forelder</td><td>23,8</td>"),
        "6,5 + 7,3 + 5 + 5"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_bad_pack_is_refused_in_the_users_language_and_a_good_one_listed() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let bad = TEST_PACK.replace("cutoff = 30", "cutoff = 41");
    let r = form(
        &c,
        app.url("/admin/feedback-packs"),
        &[("csrf", &csrf), ("pack", &bad)],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("scales.outcome.bands.0-12.cutoff: tallet er utenfor skalaen."),
        "{html}"
    );
    let r = form(
        &c,
        app.url("/admin/feedback-packs"),
        &[("csrf", &csrf), ("pack", TEST_PACK)],
    )
    .await;
    assert_eq!(r.status(), 303);
    let html = c
        .get(app.url("/admin/feedback-packs"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("Testpakke (test)"));
    app.stop().await;
}

#[tokio::test]
async fn leaders_see_aggregates_and_a_group_below_the_minimum_is_hidden() {
    use ettlag_core::feedback::Tenths;
    use ettlag_core::{Role, RoleSet};
    let app = App::start().await;
    let s = &app.db.store;
    s.install_pack_for(&app.tenant, TEST_PACK, ettlag_db::PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let system = s.system_access(&app.tenant);
    system
        .set_setting("feedback_aggregate_min_n", 2)
        .await
        .expect("setting");
    let hash = ettlag_web::password::hash(crate::world::PASSWORD)
        .await
        .expect("hash");
    system
        .create_staff(ettlag_db::NewStaff {
            username: "leder".into(),
            display_name: "Leder".into(),
            roles: RoleSet::new(vec![Role::MunicipalityLeader]),
            units: vec![],
            password_hash: Some(hash),
        })
        .await
        .expect("leader");
    let teacher = s
        .actor(&app.tenant, &app.staff_a)
        .await
        .expect("load")
        .expect("actor");
    let a = s.access(teacher, ettlag_core::policy::Purpose::FollowUp, "t");
    // Two episodes from the clinical range: 20,0 → 32,0 (recovered) and
    // 20,0 → 26,0 (reliably improved); d = mean change 9 / SD of intakes 0
    // is undefined, so no effect size is shown.
    for latest in [80u16, 65] {
        let episode = a
            .start_feedback_episode(ettlag_db::NewEpisode {
                person: app.child_a1.clone(),
                unit: app.school_a.clone(),
                pack_id: "test".into(),
                log_id: None,
                plan_id: None,
            })
            .await
            .expect("episode");
        for each in [50u16, latest] {
            a.record_feedback_answer(&episode, "outcome", vec![Tenths::new(each); 4])
                .await
                .expect("answer");
        }
    }
    let (c, _) = app.sign_in("leder").await;
    let r = c
        .get(app.url("/feedback/aggregates?pack=test&scale=outcome"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("body");
    assert!(html.contains("Hele kommunen"), "{html}");
    assert!(
        html.contains("1 / 2 (50,0 %"),
        "one of two recovered: {html}"
    );
    set_min(&system, 3).await;
    let html = c
        .get(app.url("/feedback/aggregates?pack=test&scale=outcome"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("Skjult: for få forløp"));
    assert!(!html.contains("1 / 2"));
    // A teacher sees no figures at all.
    let (t, _) = app.sign_in("laerer.a").await;
    let html = t
        .get(app.url("/feedback/aggregates?pack=test&scale=outcome"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("Ingen tall å vise."));
    app.stop().await;
}

async fn set_min(system: &ettlag_db::AccessContext, n: i64) {
    system
        .set_setting("feedback_aggregate_min_n", n)
        .await
        .expect("setting");
}
