//! Live plain-language help on staff forms that families read: the htmx
//! endpoint returns the LIX box with glossary suggestions for the field
//! staff type in, and the "check the language" button (no JavaScript)
//! shows the named fields' text on the full check page.

use reqwest::StatusCode;

use crate::world::World as App;

#[tokio::test]
async fn staff_see_the_lix_of_a_field_as_they_type_and_without_javascript() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("laerer.a").await;
    let hard = "Stafettholderen koordinerer tiltak i skolen.";
    let r = c
        .post(app.url("/plain/live?field=what-matters"))
        .header("x-csrf-token", &csrf)
        .header("hx-request", "true")
        .form(&[("what-matters", hard), ("needs-and-dreams", "Ja.")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("LIX: 45"), "{html}");
    assert!(html.contains("Teksten er tung å lese."));
    assert!(html.contains("det vi gjør for å hjelpe"), "{html}");
    assert!(!html.contains("<html"), "a fragment, not a page");
    // An empty field gives an empty box.
    let r = c
        .post(app.url("/plain/live?field=what-matters"))
        .header("x-csrf-token", &csrf)
        .form(&[("what-matters", "  ")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!r.text().await.expect("body").contains("LIX"));

    let r = c
        .post(app.url("/plain/check?field=what-matters,needs-and-dreams"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("what-matters", "Vi leker ute."),
            ("needs-and-dreams", "Hun vil ha en venn."),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("Vi leker ute.") && html.contains("Hun vil ha en venn."));
    assert!(html.contains("Teksten er lett å lese."), "{html}");
    // Without a session the endpoints are closed.
    let r = app
        .browser()
        .post(app.url("/plain/live?field=x"))
        .form(&[("x", hard)])
        .send()
        .await
        .expect("post");
    assert_ne!(r.status(), StatusCode::OK);
    app.stop().await;
}
