//! Break-the-glass over real HTTP: a teacher takes time-limited read access
//! to a child of another school with a reason and their password, ends it,
//! and the privacy officer reviews it. Emergency access has no JSON API: it
//! needs the password typed again, which a bearer token cannot do.

use ettlag_core::PersonId;

use crate::world::{PASSWORD, World as App, nin};

const REASON: &str = "Ada er hos oss etter en brann i Nordli skole; vi må nå de foresatte.";

/// The Norwegian bokmål text of a message (its first line).
fn nb(key: &str) -> String {
    [
        include_str!("../../../locales/nb/emergency.ftl"),
        include_str!("../../../locales/nb/main.ftl"),
    ]
    .iter()
    .flat_map(|file| file.lines())
    .find_map(|line| {
        let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
        Some(value.trim().to_string())
    })
    .unwrap_or_else(|| panic!("no nb message {key}"))
}

/// A signed-in browser that sends its forms with the CSRF token.
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

    /// Posts a form: the status, where it redirects, and the page.
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

    /// Asks for emergency access to the child with this number.
    async fn take(&self, number: &str, reason: &str, password: &str) -> (u16, String, String) {
        let fields = [("nin", number), ("reason", reason), ("password", password)];
        self.post("/emergency", &fields).await
    }
}

/// The value of the first input named `name`.
fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at..];
    let start = rest.find("value=\"")? + 7;
    Some(rest[start..].chars().take_while(|c| *c != '"').collect())
}

/// The number of accesses the review list counts under the first access.
fn uses(html: &str) -> u32 {
    let before = html.split(" oppslag – ").next().expect("a count");
    let digits = before.rsplit('>').next().expect("a number");
    digits
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{digits:?}"))
}

/// Teacher A raises a concern about the child and opens a relay log; its id.
async fn open_log(a: &Browser<'_>, child: &PersonId) -> String {
    let (status, location, _) = a
        .post(
            &format!("/children/{child}/concerns/new"),
            &[("text", "Ada gråter ofte."), ("areas", "social")],
        )
        .await;
    assert_eq!(status, 303);
    let concern = location.trim_start_matches("/concerns/");
    let concern = concern.split('?').next().expect("id").to_string();
    let page = a.page(&format!("/concerns/{concern}")).await;
    let version = input_value(&page, "version").expect("a version");
    let (status, location, _) = a
        .post(
            &format!("/concerns/{concern}/decision"),
            &crate::world::with_told(&[("decision", "level-1"), ("version", &version)]),
        )
        .await;
    assert_eq!(status, 303);
    let log = location.trim_start_matches("/logs/");
    log.split('?').next().expect("id").to_string()
}

#[tokio::test]
async fn a_teacher_takes_emergency_access_reads_ends_it_and_it_is_reviewed() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let log = open_log(&a, &app.child_a1).await;
    let b = Browser::sign_in(&app, "laerer.b").await;
    let child = format!("/children/{}", app.child_a1);
    let number = nin(2015, 3, 1);
    let guardian = format!("/children/{}", app.guardian_a);
    assert_eq!(b.get(&child).await.0, 404);
    assert_eq!(b.get(&guardian).await.0, 404);
    assert!(b.page("/children").await.contains("href=\"/emergency\""));
    let html = b.page("/emergency").await;
    assert!(html.contains(&nb("emergency-rule-logged")), "{html}");
    assert!(html.contains("autocomplete=\"current-password\""));
    assert!(html.contains(&nb("emergency-none")));

    // A wrong password: nothing granted, and the failure counts.
    let (status, _, html) = b.take(number.as_str(), REASON, "gjetning").await;
    assert_eq!(status, 422);
    assert!(html.contains(&nb("emergency-error-password")), "{html}");
    assert!(
        !html.contains("gjetning"),
        "the password is never shown again"
    );
    assert!(html.contains(REASON), "the reason is kept");
    assert_eq!(b.get(&child).await.0, 404);
    // No reason, or a number that is not one: refused before the password.
    let (status, _, html) = b.take(number.as_str(), "  ", PASSWORD).await;
    assert_eq!(status, 422);
    assert!(html.contains(&nb("emergency-error-reason")), "{html}");
    let (status, _, html) = b.take("123", REASON, PASSWORD).await;
    assert_eq!(status, 422);
    assert!(html.contains(&nb("nin-error-length")), "{html}");
    assert_eq!(b.get(&child).await.0, 404);
    let audit = app
        .db
        .store
        .audit_records(&app.tenant, 500)
        .await
        .expect("audit");
    let reauth: Vec<_> = audit
        .iter()
        .filter(|r| r.event.action == "reauthenticate")
        .collect();
    assert_eq!(reauth.len(), 1, "only the password typed was checked");
    assert_eq!(reauth[0].event.outcome, "deny");
    assert_eq!(reauth[0].event.actor_id, app.staff_b.as_str());

    let (status, location, _) = b.take(number.as_str(), REASON, PASSWORD).await;
    assert_eq!(status, 303);
    assert_eq!(location, child, "the number never goes in an address");
    let html = b.page(&child).await;
    assert!(
        html.contains("Du ser dette barnet med nødtilgang til"),
        "{html}"
    );
    assert!(html.contains(REASON));
    assert!(html.contains("Gro Testesen"), "the guardian is shown");
    assert!(html.contains(&format!("href=\"/logs/{log}\"")), "{html}");
    // The guardian opens too, with the child and no one else.
    let html = b.page(&guardian).await;
    assert!(html.contains(&format!("href=\"{child}\"")), "{html}");

    // The relay log can be read, not written.
    let page = b.page(&format!("/logs/{log}")).await;
    // The page says so and offers no forms to write with.
    assert!(page.contains("id=\"emergency-h\""), "{page}");
    assert!(!page.contains("id=\"write-h\""), "{page}");
    assert!(!page.contains("/correct\""), "{page}");
    let version = input_value(&page, "version").unwrap_or_default();
    let written = "Skrevet under nødtilgang.";
    let (status, _, _) = b
        .post(
            &format!("/logs/{log}/entries"),
            &[
                ("kind", "goal"),
                ("text", written),
                ("areas", "social"),
                ("version", &version),
            ],
        )
        .await;
    assert!(status == 403 || status == 404, "{status}");
    assert!(!a.page(&format!("/logs/{log}")).await.contains(written));

    // The user's list shows the access; "End now" closes the child again.
    let html = b.page("/emergency").await;
    assert!(html.contains(&nb("emergency-status-active")), "{html}");
    let id = html
        .split("action=\"/emergency/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("an end button")
        .to_string();
    let end = format!("/emergency/{id}/end");
    let (status, location, _) = b.post(&end, &[]).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/emergency?done=ended");
    assert_eq!(b.get(&child).await.0, 404);
    assert_eq!(b.get(&format!("/logs/{log}")).await.0, 404);
    assert_eq!(b.get(&guardian).await.0, 404);
    let html = b.page(&location).await;
    assert!(html.contains(&nb("emergency-done-ended")));
    assert!(html.contains(&nb("emergency-status-ended")));
    assert!(!html.contains(&format!("action=\"{end}\"")));
    assert_eq!(b.post(&end, &[]).await.0, 404, "ended already");

    // Another teacher cannot end it or see the review list.
    assert_eq!(a.post(&end, &[]).await.0, 404);
    assert_eq!(a.get("/privacy/emergency").await.0, 404);
    let review = format!("/privacy/emergency/{id}/review");
    assert_eq!(a.post(&review, &[]).await.0, 404);

    // The privacy officer sees who, which child, why and how much was opened.
    let officer = Browser::sign_in(&app, "personvern").await;
    assert!(
        officer
            .page("/privacy")
            .await
            .contains("href=\"/privacy/emergency\"")
    );
    let html = officer.page("/privacy/emergency").await;
    for text in ["Navn laerer.b", "Ada Testesen", REASON] {
        assert!(html.contains(text), "{text}: {html}");
    }
    assert!(html.contains(&format!("href=\"/audit?actor={}\"", app.staff_b)));
    assert!(uses(&html) > 0, "the reads under the access are counted");
    assert!(html.contains(&format!("action=\"{review}\"")));
    let note = "Snakket med rektor; begrunnet.";
    let (status, location, _) = officer.post(&review, &[("note", note)]).await;
    assert_eq!(status, 303);
    let html = officer.page(&location).await;
    assert!(html.contains(&nb("emergency-review-done")));
    assert!(
        html.contains(note) && html.contains("Gjennomgått "),
        "{html}"
    );
    assert!(html.contains(&nb("emergency-review-none-waiting")));
    assert!(!html.contains(&format!("action=\"{review}\"")));
    assert_eq!(officer.post(&review, &[]).await.0, 404, "reviewed once");
    app.stop().await;
}

#[tokio::test]
async fn emergency_access_is_refused_where_it_does_not_belong() {
    let app = App::start().await;
    let b = Browser::sign_in(&app, "laerer.b").await;
    let a = Browser::sign_in(&app, "laerer.a").await;

    // A teacher who already has the child needs nothing broken.
    let own = nin(2016, 1, 20);
    let (status, _, html) = a.take(own.as_str(), REASON, PASSWORD).await;
    assert_eq!(status, 409);
    assert!(html.contains(&nb("emergency-error-not-needed")), "{html}");
    // A number that belongs to no child here.
    let nobody = nin(2013, 4, 4);
    let (status, _, html) = b.take(nobody.as_str(), REASON, PASSWORD).await;
    assert_eq!(status, 409);
    assert!(
        html.contains(&nb("emergency-error-unknown-child")),
        "{html}"
    );

    // A restriction (GDPR art. 18) wins over break-the-glass.
    let officer = Browser::sign_in(&app, "personvern").await;
    let person = format!("/privacy/persons/{}/restriction", app.child_a1);
    let fields = [("action", "restrict"), ("reason", "Bestridt")];
    assert_eq!(officer.post(&person, &fields).await.0, 303);
    let number = nin(2015, 3, 1);
    let (status, _, html) = b.take(number.as_str(), REASON, PASSWORD).await;
    assert_eq!(status, 409);
    assert!(html.contains(&nb("emergency-error-not-allowed")), "{html}");
    assert_eq!(b.get(&format!("/children/{}", app.child_a1)).await.0, 404);
    assert!(b.page("/emergency").await.contains(&nb("emergency-none")));

    // Those who do not work with children are not offered it at all.
    let admin = Browser::sign_in(&app, "admin").await;
    assert_eq!(admin.get("/emergency").await.0, 403);
    assert_eq!(admin.take(number.as_str(), REASON, PASSWORD).await.0, 403);
    assert_eq!(officer.get("/emergency").await.0, 403);
    app.stop().await;
}

#[tokio::test]
async fn typing_the_password_again_cannot_be_used_to_guess_it() {
    let app = App::start().await;
    let b = Browser::sign_in(&app, "laerer.b").await;
    let number = nin(2015, 3, 1);
    // Five free failures, as at sign-in; the sixth locks the user name.
    for _ in 0..6 {
        assert_eq!(b.take(number.as_str(), REASON, "feil").await.0, 422);
    }
    let (status, _, html) = b.take(number.as_str(), REASON, PASSWORD).await;
    assert_eq!(status, 429);
    assert!(html.contains(&nb("emergency-error-locked")), "{html}");
    assert_eq!(b.get(&format!("/children/{}", app.child_a1)).await.0, 404);
    // The same lock holds at the sign-in page.
    let r = app
        .browser()
        .post(app.url("/login"))
        .form(&[("username", "laerer.b"), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 429);
    app.stop().await;
}
