use crate::world::{PASSWORD, World as App};

#[tokio::test]
async fn sign_in_sets_a_safe_session_cookie_and_sign_out_ends_it() {
    let app = App::start().await;
    let c = app.browser();
    assert_eq!(
        c.get(app.url("/children"))
            .send()
            .await
            .expect("get")
            .status(),
        303
    );
    let r = c
        .post(app.url("/login"))
        .form(&[("username", "LAERER.A"), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/children");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let page = c.get(app.url("/children")).send().await.expect("get");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    let html = page.text().await.expect("body");
    let token = crate::world::csrf_of(&html);
    assert_eq!(token.len(), 64);

    let out = c
        .post(app.url("/logout"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(out.status(), 303);
    assert_eq!(
        c.get(app.url("/children"))
            .send()
            .await
            .expect("get")
            .status(),
        303
    );
    app.stop().await;
}

#[tokio::test]
async fn each_sign_in_gets_a_new_session_id() {
    let app = App::start().await;
    let cookie_of = |r: &reqwest::Response| {
        r.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .to_string()
    };
    let c = app.browser();
    let form = [("username", "laerer.a"), ("password", PASSWORD)];
    let first = cookie_of(
        &c.post(app.url("/login"))
            .form(&form)
            .send()
            .await
            .expect("login"),
    );
    let second = cookie_of(
        &c.post(app.url("/login"))
            .form(&form)
            .send()
            .await
            .expect("login"),
    );
    assert_ne!(first, second);
    app.stop().await;
}

#[tokio::test]
async fn wrong_passwords_are_refused_alike_and_then_throttled() {
    let app = App::start().await;
    let c = app.browser();
    let known = c
        .post(app.url("/login"))
        .form(&[("username", "laerer.a"), ("password", "wrong")])
        .send()
        .await
        .expect("login");
    assert_eq!(known.status(), 401);
    let known = known.text().await.expect("body");
    assert!(known.contains("role=\"alert\""));
    let unknown = c
        .post(app.url("/login"))
        .form(&[("username", "nobody"), ("password", "wrong")])
        .send()
        .await
        .expect("login")
        .text()
        .await
        .expect("body");
    assert_eq!(known.replace("laerer.a", ""), unknown.replace("nobody", ""));
    for _ in 0..5 {
        c.post(app.url("/login"))
            .form(&[("username", "laerer.a"), ("password", "wrong")])
            .send()
            .await
            .expect("login");
    }
    let locked = c
        .post(app.url("/login"))
        .form(&[("username", "laerer.a"), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(
        locked.status(),
        429,
        "even the right password waits out the lock"
    );
    app.stop().await;
}

#[tokio::test]
async fn state_changes_need_the_csrf_token_and_our_origin() {
    let app = App::start().await;
    let (c, token) = app.sign_in("laerer.a").await;
    let no_token = c
        .post(app.url("/settings/language"))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(no_token.status(), 403);
    let wrong = c
        .post(app.url("/settings/language"))
        .form(&[("lang", "en"), ("csrf", "0")])
        .send()
        .await
        .expect("post");
    assert_eq!(wrong.status(), 403);
    let cross = c
        .post(app.url("/settings/language"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("lang", "en"), ("csrf", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(cross.status(), 403);
    let htmx = c
        .post(app.url("/settings/language"))
        .header("x-csrf-token", token.as_str())
        .form(&[("lang", "da")])
        .send()
        .await
        .expect("post");
    assert_eq!(htmx.status(), 303);
    let ok = c
        .post(app.url("/settings/language"))
        .form(&[("lang", "en"), ("csrf", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(ok.status(), 303);
    let page = c
        .get(app.url("/children"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("<html lang=\"en\""),
        "the chosen language applies"
    );
    app.stop().await;
}

#[tokio::test]
async fn language_follows_accept_language_when_not_chosen() {
    let app = App::start().await;
    let c = app.browser();
    let da = c
        .get(app.url("/login"))
        .header("accept-language", "da-DK,da;q=0.9")
        .send()
        .await
        .expect("get");
    assert!(da.text().await.expect("body").contains("<html lang=\"da\""));
    let nb = c
        .get(app.url("/login"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(nb.contains("<html lang=\"nb\""));
    app.stop().await;
}

#[tokio::test]
async fn health_and_metrics_answer() {
    let app = App::start().await;
    let c = app.browser();
    assert_eq!(
        c.get(app.url("/healthz"))
            .send()
            .await
            .expect("get")
            .status(),
        200
    );
    let metrics = c
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(metrics.contains("ettlag_http_requests_total"));
    let missing = c.get(app.url("/no/such/page")).send().await.expect("get");
    assert_eq!(missing.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_gets_the_allowance_and_the_right_one_then_waits() {
    let app = App::start().await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let c = app.browser();
        let url = app.url("/login");
        attempts.spawn(async move {
            c.post(url)
                .form(&[("username", "laerer.a"), ("password", "feil")])
                .send()
                .await
                .expect("post")
                .status()
        });
    }
    let statuses = attempts.join_all().await;
    let checked = statuses.iter().filter(|s| s.as_u16() == 401).count();
    let waited = statuses.iter().filter(|s| s.as_u16() == 429).count();
    assert_eq!(checked, 6, "five free attempts and the one that locks");
    assert_eq!(checked + waited, 100, "{statuses:?}");
    let r = app
        .browser()
        .post(app.url("/login"))
        .form(&[("username", "laerer.a"), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 429, "the right password waits too");
    app.stop().await;
}
