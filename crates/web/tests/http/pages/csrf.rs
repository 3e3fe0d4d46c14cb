//! The CSRF check has no side doors: a request that names a bearer token
//! is never signed in by the browser's cookie as well, and a body's token is
//! read by the body's real content type (a form or a multipart upload)
//! before any handler parses it; any other body needs the header.

use reqwest::StatusCode;

use super::admin::multipart;
use crate::world::World as App;

/// Whether teacher B is still active, as the store says.
async fn teacher_b_active(app: &App) -> bool {
    app.db
        .store
        .account("laerer.b")
        .await
        .expect("read")
        .expect("account")
        .active
}

#[tokio::test]
async fn a_junk_bearer_header_does_not_let_a_cookie_through_the_check() {
    let app = App::start().await;
    let (admin, _) = app.sign_in("admin").await;
    let deactivate = app.url(&format!("/admin/staff/{}/active", app.staff_b));
    let r = admin
        .post(&deactivate)
        .header("authorization", "Bearer not-a-token")
        .header("origin", "https://evil.example")
        .form(&[("active", "0")])
        .send()
        .await
        .expect("post");
    // Not signed in: sent to the sign-in page.
    let to = r.headers().get("location").and_then(|v| v.to_str().ok());
    assert_eq!((r.status(), to), (StatusCode::SEE_OTHER, Some("/login")));
    assert!(teacher_b_active(&app).await, "nothing changed");
    // The same browser without the header still has its session.
    let r = admin
        .get(app.url("/admin/staff"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn a_body_that_says_multipart_needs_its_token_as_every_form_does() {
    let app = App::start().await;
    let (admin, token) = app.sign_in("admin").await;
    let deactivate = app.url(&format!("/admin/staff/{}/active", app.staff_b));
    let post = |content_type: String, body: Vec<u8>| {
        admin
            .post(&deactivate)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    // A form body that claims to be multipart, without a token part.
    let r = post(
        "multipart/form-data; boundary=x".into(),
        b"active=0".to_vec(),
    )
    .await
    .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Real multipart with a wrong token, or none.
    let (ct, body) = multipart(&[("csrf", None, "0"), ("active", None, "0")]);
    assert_eq!(
        post(ct, body).await.expect("post").status(),
        StatusCode::FORBIDDEN
    );
    let (ct, body) = multipart(&[("active", None, "0")]);
    assert_eq!(
        post(ct, body).await.expect("post").status(),
        StatusCode::FORBIDDEN
    );
    // Neither a form nor multipart: only the header will do.
    let r = post("text/plain".into(), b"active=0".to_vec())
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(teacher_b_active(&app).await, "nothing changed");
    // With its token, a multipart body passes the check.
    let (ct, body) = multipart(&[("csrf", None, token.as_str()), ("active", None, "0")]);
    let r = post(ct, body).await.expect("post");
    assert_ne!(r.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}
