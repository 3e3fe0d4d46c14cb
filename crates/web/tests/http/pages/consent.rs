//! The consent pages over real HTTP, driven like a browser: a parent's
//! consent recorded on the form lets another school open the child's relay
//! log until it is withdrawn; the form refuses what a consent cannot be and
//! keeps what was typed; only those who follow the child up see the ledger;
//! and every access to it is in the audit log.

use ettlag_core::{Day, PersonId};

use crate::world::World as App;

/// The Fluent files of the texts the pages show in Norwegian bokmål.
const NB: &[&str] = &[
    include_str!("../../../locales/nb/consent.ftl"),
    include_str!("../../../locales/nb/main.ftl"),
];

/// The Norwegian bokmål text of a message without arguments.
fn nb(key: &str) -> String {
    NB.iter()
        .flat_map(|file| file.lines())
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"))
}

#[track_caller]
fn assert_shows(html: &str, text: &str) {
    let escaped = text.replace('&', "&#38;").replace('"', "&#34;");
    assert!(
        html.contains(&escaped),
        "expected {text:?} on the page:\n{html}"
    );
}

fn today() -> Day {
    Day::from_ms(ettlag_db::now_ms())
}

/// A signed-in browser with its CSRF token.
struct Browser<'a> {
    app: &'a App,
    c: reqwest::Client,
    csrf: String,
}

impl<'a> Browser<'a> {
    async fn sign_in(app: &'a App, user: &str) -> Browser<'a> {
        let (c, csrf) = app.sign_in(user).await;
        Browser { app, c, csrf }
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let r = self.c.get(self.app.url(path)).send().await.expect("get");
        (r.status().as_u16(), r.text().await.expect("body"))
    }

    async fn page(&self, path: &str) -> String {
        let (status, html) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}:\n{html}");
        html
    }

    /// Posts a form with the CSRF token: the status, `Location` and body.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut form = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        let r = self
            .c
            .post(self.app.url(path))
            .form(&form)
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().expect("ascii").to_string())
            .unwrap_or_default();
        (status, location, r.text().await.expect("body"))
    }

    async fn post_ok(&self, path: &str, fields: &[(&str, &str)]) -> String {
        let (status, location, body) = self.post(path, fields).await;
        assert_eq!(status, 303, "POST {path} {fields:?}:\n{body}");
        location
    }
}

/// Raises a concern about the child and decides it at level 1: the log's id.
async fn open_log(b: &Browser<'_>, child: &PersonId) -> String {
    let text = [
        ("text", "Ada leker alene i friminuttene."),
        ("areas", "social"),
    ];
    let location = b
        .post_ok(&format!("/children/{child}/concerns/new"), &text)
        .await;
    let concern = location
        .strip_prefix("/concerns/")
        .and_then(|r| r.split('?').next())
        .expect("a concern")
        .to_string();
    let html = b.page(&format!("/concerns/{concern}")).await;
    let version = html
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a version")
        .to_string();
    let decide = crate::world::with_told(&[("decision", "level-1"), ("version", version.as_str())]);
    let location = b
        .post_ok(&format!("/concerns/{concern}/decision"), &decide)
        .await;
    let log = location.strip_prefix("/logs/").expect("a log");
    log.split('?').next().unwrap_or_default().to_string()
}

/// The form fields of a parent's consent for school B, with `extra`.
fn parent_consent<'f>(
    app: &'f App,
    to: &'f str,
    extra: &[(&'f str, &'f str)],
) -> Vec<(&'f str, &'f str)> {
    let mut fields = vec![
        ("grantors", app.guardian_a.as_str()),
        ("purpose", "Nordli og Sorli skole samarbeider om Ada."),
        ("units", app.school_b.as_str()),
        ("valid_from", ""),
        ("valid_to", to),
        ("evidence", "meeting"),
    ];
    fields.extend_from_slice(extra);
    fields
}

/// The id of the consent listed on a child's page whose entry shows `text`.
fn consent_showing(html: &str, text: &str) -> String {
    html.split("<li id=\"consent-")
        .skip(1)
        .find(|item| {
            item.split("</li>")
                .next()
                .unwrap_or_default()
                .contains(text)
        })
        .and_then(|item| item.split('"').next())
        .unwrap_or_else(|| panic!("no consent showing {text:?}:\n{html}"))
        .to_string()
}

/// The consents listed on a child's page.
fn listed(html: &str) -> usize {
    html.matches("<li id=\"consent-").count()
}

#[tokio::test]
async fn a_parents_consent_opens_the_log_to_another_school_until_it_is_withdrawn() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let b = Browser::sign_in(&app, "laerer.b").await;
    let log = format!("/logs/{}", open_log(&a, &app.child_a1).await);
    assert_eq!(b.get(&log).await.0, 404);

    let child = format!("/children/{}", app.child_a1);
    let new = format!("{child}/consents/new");
    let html = a.page(&child).await;
    assert_shows(&html, &nb("consent-title"));
    assert_shows(&html, &nb("consent-none"));
    assert!(html.contains(&format!("href=\"{new}\"")), "{html}");
    let form = a.page(&new).await;
    assert!(form.contains(&format!("action=\"{new}\"")), "{form}");
    for value in [
        app.guardian_a.as_str(),
        app.child_a1.as_str(),
        app.school_b.as_str(),
    ] {
        assert!(
            form.contains(&format!("value=\"{value}\"")),
            "{value}: {form}"
        );
    }
    assert!(
        form.contains(&format!("value=\"{}\"", today())),
        "from today"
    );
    assert_shows(&form, "Ada Testesen er ");

    // Health information only: school B still cannot open the log.
    let to = today().add_days(365).to_string();
    let health = parent_consent(&app, &to, &[("categories", "health")]);
    let location = a.post_ok(&new, &health).await;
    assert_eq!(location, format!("{child}?done=consent-given"));
    assert_eq!(b.get(&log).await.0, 404);

    let relay_and_plan = [("categories", "relay_log"), ("categories", "plan")];
    a.post_ok(&new, &parent_consent(&app, &to, &relay_and_plan))
        .await;
    assert_eq!(b.get(&log).await.0, 200, "the consent covers school B");

    let html = a.page(&location).await;
    assert_shows(&html, &nb("consent-done-given"));
    assert_eq!(listed(&html), 2);
    for text in [
        "Gro Testesen (foresatte med foreldreansvar)",
        "Nordli og Sorli skole samarbeider om Ada.",
        "Sørli skole",
        "Stafettloggen: bekymringer, mål, tiltak og evalueringer, Individuell plan",
        &nb("evidence-meeting"),
        &nb("consent-status-in-force"),
        "Navn laerer.a",
    ] {
        assert_shows(&html, text);
    }
    let shared = consent_showing(&html, &nb("category-plan"));
    let health = consent_showing(&html, &nb("category-health"));
    let withdraw = format!("/consents/{shared}/withdraw");
    assert!(html.contains(&format!("action=\"{withdraw}\"")), "{html}");

    // Withdrawn: school B's very next request finds nothing.
    let note = "Foreldrene vil ikke dele mer.";
    let fields = [("child", app.child_a1.as_str()), ("note", note)];
    let location = a.post_ok(&withdraw, &fields).await;
    assert_eq!(location, format!("{child}?done=consent-withdrawn"));
    assert_eq!(b.get(&log).await.0, 404);
    let html = a.page(&location).await;
    assert_shows(&html, &nb("consent-done-withdrawn"));
    assert_shows(&html, &nb("consent-status-withdrawn"));
    assert_shows(&html, note);
    assert!(!html.contains(&format!("action=\"{withdraw}\"")), "{html}");
    assert!(html.contains(&format!("action=\"/consents/{health}/withdraw\"")));

    // Once is enough; another school can neither withdraw nor record one.
    let (status, _, html) = a.post(&withdraw, &fields).await;
    assert_eq!(status, 409);
    assert_shows(&html, &nb("consent-error-withdrawn"));
    let other = format!("/consents/{health}/withdraw");
    assert_eq!(b.post(&other, &fields).await.0, 404);
    assert_eq!(b.get(&new).await.0, 404);
    assert_eq!(
        b.post(&new, &parent_consent(&app, &to, &relay_and_plan))
            .await
            .0,
        404
    );
    let html = a.page(&child).await;
    assert_eq!(listed(&html), 2);
    assert!(
        html.contains(&format!("action=\"{other}\"")),
        "still in force"
    );

    // Every access to the ledger is in the audit log, allowed or not.
    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("audit");
    let consent = |actor: &str, action: &str, id: &str, outcome: &str| {
        audit.iter().any(|r| {
            let e = &r.event;
            e.resource_type == "consent"
                && e.actor_id == actor
                && e.action == action
                && (id.is_empty() || e.resource_id == id)
                && e.outcome == outcome
        })
    };
    let (staff_a, staff_b) = (app.staff_a.as_str(), app.staff_b.as_str());
    assert!(consent(staff_a, "create", "", "allow"));
    assert!(consent(staff_a, "list", &shared, "allow"));
    assert!(consent(staff_a, "update", &shared, "allow"));
    assert!(consent(staff_b, "update", &health, "deny"));
    app.stop().await;
}

#[tokio::test]
async fn the_form_refuses_what_a_consent_cannot_be_and_keeps_what_was_typed() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let child = format!("/children/{}", app.child_a1);
    let new = format!("{child}/consents/new");

    // Ada is 11: she cannot consent alone.
    let fields = [
        ("grantors", app.child_a1.as_str()),
        ("purpose", "Ada vil at helsesykepleier skal vite."),
        ("categories", "school"),
        ("services", "health_station"),
        ("valid_from", ""),
        ("valid_to", ""),
        ("evidence", "paper_scanned"),
    ];
    let (status, _, html) = a.post(&new, &fields).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("consent-error-guardian"));
    assert_shows(&html, "Ada vil at helsesykepleier skal vite.");
    for value in [
        app.child_a1.as_str(),
        "school",
        "health_station",
        "paper_scanned",
    ] {
        assert!(
            html.contains(&format!("value=\"{value}\" checked")),
            "{value}: {html}"
        );
    }
    assert!(!html.contains(&format!("value=\"{}\" checked", app.guardian_a)));

    // Nothing chosen, and an end before the start: every problem is named.
    let (status, _, html) = a
        .post(
            &new,
            &[
                ("purpose", "  "),
                ("valid_from", "2030-05-01"),
                ("valid_to", "2030-04-30"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    for key in [
        "consent-error-grantor",
        "consent-error-purpose",
        "consent-error-category",
        "consent-error-recipient",
        "consent-error-dates",
        "consent-error-evidence",
    ] {
        assert_shows(&html, &nb(key));
    }
    assert!(html.contains("value=\"2030-04-30\""), "{html}");
    assert!(
        html.contains("id=\"consent-purpose\" name=\"purpose\""),
        "{html}"
    );
    assert!(html.contains("href=\"#consent-grantor-0\""), "{html}");
    let (status, _, html) = a
        .post(
            &new,
            &[("valid_to", "31.12.2030"), ("units", "no-such-unit")],
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("error-bad-date"));
    assert_shows(&html, &nb("consent-error-unit-unknown"));

    let html = a.page(&child).await;
    assert_eq!(listed(&html), 0, "nothing was stored");
    assert_shows(&html, &nb("consent-none"));
    app.stop().await;
}

#[tokio::test]
async fn only_those_who_follow_the_child_up_see_its_consents() {
    let app = App::start().await;
    let admin = Browser::sign_in(&app, "admin").await;
    let html = admin.page(&format!("/children/{}", app.child_a1)).await;
    assert!(!html.contains("id=\"consents-h\""), "{html}");
    let new = format!("/children/{}/consents/new", app.child_a1);
    assert_eq!(admin.get(&new).await.0, 404);
    let a = Browser::sign_in(&app, "laerer.a").await;
    // An adult has no consents of their own here.
    let adult = format!("/children/{}", app.guardian_a);
    let html = a.get(&adult).await.1;
    assert!(!html.contains("id=\"consents-h\""), "{html}");
    assert_eq!(a.get(&format!("{adult}/consents/new")).await.0, 404);

    let anonymous = app.browser();
    let r = anonymous.get(app.url(&new)).send().await.expect("get");
    assert_eq!(r.status(), 303);
    // A form without the CSRF token records nothing.
    let r =
        a.c.post(app.url(&new))
            .form(&parent_consent(&app, "", &[("categories", "plan")]))
            .send()
            .await
            .expect("post");
    assert_eq!(r.status(), 403);
    assert_eq!(
        listed(&a.page(&format!("/children/{}", app.child_a1)).await),
        0
    );
    app.stop().await;
}
