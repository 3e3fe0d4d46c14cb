//! What the public sends without signing in is limited per client address:
//! ten requests for help and sixty feedback answers (or tries at links) in
//! ten minutes. Past that the page answers 429 with `Retry-After`, says in
//! the user's language when to try again and keeps what was written; a
//! refused form is not counted; another address is not affected.

use std::net::Ipv4Addr;

use reqwest::header::RETRY_AFTER;
use serde_json::json;

use crate::world::{World as App, json};

const TEST_PACK: &str = include_str!("../../../../../packs/test.toml");

/// The allowances run per ten-minute window: start well inside one, so
/// that no window ends while a test counts.
async fn fresh_window() {
    let into = ettlag_db::now_ms().rem_euclid(600_000);
    if into > 570_000 {
        let left = u64::try_from(600_000 - into).unwrap_or(0) + 200;
        tokio::time::sleep(std::time::Duration::from_millis(left)).await;
    }
}

/// `Retry-After` in seconds: there, and at most the window's length.
fn retry_after(r: &reqwest::Response) -> u64 {
    let seconds: u64 = r.headers()[RETRY_AFTER]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=600).contains(&seconds), "{seconds}");
    seconds
}

/// How many requests for help the municipality received.
async fn received(app: &App) -> usize {
    app.db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("log")
        .iter()
        .filter(|r| r.event.reason == "self_referral")
        .count()
}

const HELP: [(&str, &str); 5] = [
    ("who", "parent"),
    ("text", "Vi trenger noen å snakke med om sønnen vår."),
    ("name", "Mor Testesen"),
    ("phone", "400 00 000"),
    ("child_name", "Aksel"),
];

#[tokio::test]
async fn one_address_may_ask_for_help_ten_times_in_ten_minutes() {
    let app = App::start().await;
    app.add_intake().await;
    fresh_window().await;
    let home = app.browser();
    for i in 0..10 {
        let r = home
            .post(app.url("/help"))
            .form(&HELP)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 303, "request {i}");
    }
    // A form with a mistake is answered as before, and not counted.
    let r = home
        .post(app.url("/help"))
        .form(&[("who", "parent"), ("text", "Hjelp"), ("name", "Mor")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);

    let r = home
        .post(app.url("/help"))
        .form(&HELP)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 429);
    retry_after(&r);
    let html = r.text().await.expect("body");
    assert!(html.contains("Prøv igjen klokka"), "{html}");
    assert!(html.contains("står fortsatt i skjemaet"), "{html}");
    assert!(
        html.contains("sønnen vår"),
        "what was written is kept: {html}"
    );
    assert!(html.contains("116 111"), "where to call when it is urgent");
    assert_eq!(received(&app).await, 10, "the eleventh was not kept");

    // In the language the browser asks for.
    let english = app.browser_in("en");
    let r = english
        .post(app.url("/help"))
        .form(&HELP)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 429);
    let html = r.text().await.expect("body");
    assert!(html.contains("Please try again at"), "{html}");

    // A burst from another address is its own.
    let elsewhere = app.browser_from(Ipv4Addr::new(127, 0, 0, 2));
    let r = elsewhere
        .post(app.url("/help"))
        .form(&HELP)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(received(&app).await, 11);
    app.stop().await;
}

#[tokio::test]
async fn a_burst_of_requests_for_help_in_parallel_gets_the_allowance_and_no_more() {
    let app = App::start().await;
    app.add_intake().await;
    fresh_window().await;
    let mut sends = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let c = app.browser_from(Ipv4Addr::new(127, 0, 0, 4));
        let url = app.url("/help");
        sends.spawn(async move {
            let r = c.post(url).form(&HELP).send().await.expect("post");
            r.status().as_u16()
        });
    }
    let statuses = sends.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(received(&app).await, 10);
    app.stop().await;
}

#[tokio::test]
async fn one_address_may_post_sixty_feedback_answers_in_ten_minutes() {
    let app = App::start().await;
    app.db
        .store
        .install_pack_for(&app.tenant, TEST_PACK, ettlag_db::PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    // A one-time link, made over the API.
    let t = app.teacher_a.clone();
    let base = format!("/api/v1/children/{}/feedback", app.child_a1);
    let body = json!({"unit_id": app.school_a.as_str(), "pack_id": "test"});
    let (status, made) = json(app.post(&t, &base, &body).await).await;
    assert_eq!(status, 201, "{made}");
    let episode = made["id"].as_str().expect("id").to_string();
    let body = json!({"scale_id": "outcome", "respondent": "parent"});
    let links = format!("/api/v1/feedback/{episode}/links");
    let (status, link) = json(app.post(&t, &links, &body).await).await;
    assert_eq!(status, 201, "{link}");
    let link = link["url"].as_str().expect("url").to_string();

    fresh_window().await;
    let phone = app.browser();
    let made_up = format!("/f/{}", "0".repeat(64));
    for i in 0..60 {
        let r = phone
            .post(app.url(&made_up))
            .form(&[("item-0", "5")])
            .send()
            .await;
        assert_eq!(r.expect("post").status(), 410, "try {i}");
    }
    let r = phone
        .post(app.url(&made_up))
        .form(&[("item-0", "5")])
        .send()
        .await;
    let r = r.expect("post");
    assert_eq!(r.status(), 429);
    retry_after(&r);
    let html = r.text().await.expect("body");
    assert!(html.contains("Vent litt før du sender mer"), "{html}");

    // A real answer from the same address waits too, and keeps its values;
    // one the form refuses is still told what is wrong.
    let answer = [
        ("item-0", "6,5"),
        ("item-1", "7.3"),
        ("item-2", "5"),
        ("item-3", "5,0"),
    ];
    let r = phone.post(app.url(&link)).form(&answer[..3]).send().await;
    assert_eq!(r.expect("post").status(), 422);
    let r = phone
        .post(app.url(&link))
        .form(&answer)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 429);
    retry_after(&r);
    let html = r.text().await.expect("body");
    assert!(html.contains("Svaret ditt er ikke sendt ennå"), "{html}");
    assert!(
        html.contains("value=\"7.3\""),
        "the answers are kept: {html}"
    );

    // The link still answers, from another address.
    let other = app.browser_from(Ipv4Addr::new(127, 0, 0, 3));
    let r = other
        .post(app.url(&link))
        .form(&answer)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("Takk!"));
    app.stop().await;
}
