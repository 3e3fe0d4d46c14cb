//! A second factor for local staff accounts, driven like a browser: enrol
//! on one's own settings page or at a sign-in the municipality requires it
//! for, sign in with a code or a recovery code, wrong and replayed codes,
//! removal, new recovery codes, an administrator's reset. The expected
//! codes come from the secret the page shows, computed with `totp-rs` as an
//! authenticator app would.

mod admin_reset;
mod own;
mod renew;
mod sign_in;

use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::Client;
use totp_rs::{Algorithm, Builder, Secret};

use crate::world::{PASSWORD, World as App, csrf_of};

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The app's code for a base32 `secret` at `time` (seconds).
pub fn code(secret: &str, time: u64) -> String {
    let secret = Secret::try_from_base32(secret).expect("base32");
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(secret)
        .build()
        .expect("a valid secret")
        .generate(time)
        .to_string()
}

/// The texts between `open` and the next `close` in a page.
fn between(html: &str, open: &str, close: &str) -> Vec<String> {
    html.split(open)
        .skip(1)
        .filter_map(|rest| rest.split(close).next())
        .map(str::to_string)
        .collect()
}

/// The secret an enrolment page shows for typing by hand, without spaces.
pub fn secret_of(html: &str) -> String {
    let shown = between(html, "<code class=\"hash\">", "</code>");
    let secret = shown.first().expect("the page shows the secret");
    secret.replace(' ', "")
}

/// The recovery codes of the page that shows them once.
pub fn recovery_codes_of(html: &str) -> Vec<String> {
    between(html, "<li><code>", "</code></li>")
}

pub async fn post(c: &Client, app: &App, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    c.post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("post")
}

pub async fn get(c: &Client, app: &App, path: &str) -> reqwest::Response {
    c.get(app.url(path)).send().await.expect("get")
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Types the password in `c`: the answer says where the sign-in goes.
pub async fn password(c: &Client, app: &App, user: &str) -> reqwest::Response {
    post(
        c,
        app,
        "/login",
        &[("username", user), ("password", PASSWORD)],
    )
    .await
}

/// A staff member with a second factor set up on their settings page: the
/// signed-in client, its CSRF token, the secret and the recovery codes.
pub struct Enrolled {
    pub client: Client,
    pub csrf: String,
    pub secret: String,
    pub codes: Vec<String>,
}

pub async fn enrol_on_settings(app: &App, user: &str) -> Enrolled {
    let (client, csrf) = app.sign_in(user).await;
    let started = post(
        &client,
        app,
        "/settings/second-factor/enrol",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(started.status(), 200);
    let html = started.text().await.expect("body");
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "a QR code"
    );
    let secret = secret_of(&html);
    let fields = [("csrf", csrf.as_str()), ("code", &code(&secret, now()))];
    let done = post(&client, app, "/settings/second-factor/enrol", &fields).await;
    assert_eq!(done.status(), 200);
    let codes = recovery_codes_of(&done.text().await.expect("body"));
    assert_eq!(codes.len(), 10);
    Enrolled {
        client,
        csrf,
        secret,
        codes,
    }
}

/// A new browser whose password was right and that now stands on the code
/// page: the client and the page's CSRF token.
pub async fn at_code_page(app: &App, user: &str, lang: &'static str) -> (Client, String) {
    let c = app.browser_in(lang);
    let r = password(&c, app, user).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login/second-factor");
    let page = get(&c, app, "/login/second-factor").await;
    assert_eq!(page.status(), 200);
    let csrf = csrf_of(&page.text().await.expect("body"));
    assert_eq!(csrf.len(), 64);
    (c, csrf)
}

/// The reasons the access log gives for `action` on `resource`.
pub async fn logged(app: &App, resource: &str, action: &str) -> Vec<(String, String)> {
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("log");
    log.iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_type == resource && e.action == action)
        .map(|e| (e.outcome.clone(), e.reason.clone()))
        .collect()
}
