//! Reports to child welfare over real HTTP, driven like a browser: a teacher
//! reports without any consent and gets a receipt, a stranger to the child
//! gets 404, bad input changes nothing, child welfare acknowledges and
//! reviews, the receipt shows the outcome but never child welfare's note, and
//! the access log holds the report with its legal basis.

use ettlag_core::policy::Purpose;
use ettlag_core::relay::Text;

use crate::world::World as App;

const NB: &[&str] = &[
    include_str!("../../../locales/nb/report.ftl"),
    include_str!("../../../locales/nb/relay.ftl"),
    include_str!("../../../locales/nb/main.ftl"),
];

/// The Norwegian bokmål text of a message without arguments, as the
/// templates escape it.
fn nb(key: &str) -> String {
    let text = NB
        .iter()
        .flat_map(|file| file.lines())
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"));
    esc(&text)
}

fn esc(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

const SEEN: &str = "Ada hadde blåmerker på begge armene mandag og sa at hun ikke ville hjem.";
const NOTE: &str = "Familien er kjent fra før; vi tar kontakt med skolen.";

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

    /// Posts a form with the CSRF token: the status, and where it redirects
    /// or the page shown.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
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
        match r.headers().get("location") {
            Some(l) => (status, l.to_str().expect("ascii").to_string()),
            None => (status, r.text().await.expect("body")),
        }
    }
}

/// The value of the first `<input name="…">` on a page.
fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let i = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name}:\n{html}"));
    html[i + marker.len()..]
        .chars()
        .take_while(|c| *c != '"')
        .collect()
}

/// The number of reports in the municipality, straight from the access log's
/// point of view: every successful create is one allowed `report` record.
async fn reports_made(app: &App) -> usize {
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 1_000_000)
        .await
        .expect("log");
    log.iter()
        .filter(|r| {
            r.event.resource_type == "report"
                && r.event.action == "create"
                && r.event.outcome == "allow"
        })
        .count()
}

#[tokio::test]
async fn a_teacher_reports_without_consent_and_child_welfare_reviews_it() {
    let app = App::start().await;
    app.add_child_welfare().await;
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let child = format!("/children/{}", app.child_a1);
    let new = format!("{child}/reports/new");

    // The child's page links to the form; the form explains the duty first.
    let html = teacher.page(&child).await;
    assert!(html.contains(&format!("href=\"{new}\"")), "{html}");
    assert!(html.contains(&nb("case-report")));
    let form = teacher.page(&new).await;
    for key in [
        "report-duty-consent",
        "report-duty-logged",
        "report-duty-parents",
    ] {
        assert!(form.contains(&nb(key)), "{key}:\n{form}");
    }
    assert!(form.contains(&nb("ground-trafficking")) && form.contains("<strong>d)</strong>"));
    assert!(
        form.contains("Barneverntjenesten"),
        "the one receiver is stated"
    );
    assert!(!form.contains("<select"), "nothing to choose between");

    // Bad input: shown again in Norwegian with what was typed, nothing sent.
    let (status, html) = teacher.post(&new, &[("text", SEEN)]).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(&nb("report-error-ground")), "{html}");
    assert!(html.contains(&esc(SEEN)), "the text is kept");
    let (status, html) = teacher
        .post(&new, &[("ground", "serious_behaviour"), ("text", "  ")])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(&nb("report-error-text")), "{html}");
    assert!(
        html.contains("value=\"serious_behaviour\" checked"),
        "the ground stays ticked"
    );
    assert_eq!(reports_made(&app).await, 0);
    assert!(
        teacher
            .page("/reports")
            .await
            .contains(&nb("report-sent-none"))
    );

    // Sent without any consent in the ledger: a receipt.
    let (status, location) = teacher
        .post(
            &new,
            &[
                ("ground", "mistreatment"),
                ("ground", "serious_behaviour"),
                ("text", SEEN),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let id = location
        .strip_prefix("/reports/")
        .and_then(|l| l.strip_suffix("?done=sent"))
        .unwrap_or_else(|| panic!("{location}"))
        .to_string();
    let receipt = teacher.page(&location).await;
    assert!(receipt.contains(&nb("report-done-sent")), "{receipt}");
    assert!(receipt.contains(&nb("report-receipt-title")));
    assert!(receipt.contains("BV-") && receipt.contains("Barneverntjenesten"));
    assert!(receipt.contains(&esc(SEEN)) && receipt.contains(&nb("ground-serious-behaviour")));
    assert!(receipt.contains(&nb("report-status-waiting")));
    assert!(
        !receipt.contains("/acknowledge"),
        "the reporter does not acknowledge"
    );
    let reference = input_text_after(&receipt, "BV-");
    assert_eq!(reports_made(&app).await, 1);

    // A teacher at another school: the form, the receipt and a post are 404.
    let stranger = Browser::sign_in(&app, "laerer.b").await;
    assert_eq!(stranger.get(&new).await.0, 404);
    assert_eq!(stranger.get(&format!("/reports/{id}")).await.0, 404);
    let (status, _) = stranger
        .post(&new, &[("ground", "a"), ("text", SEEN)])
        .await;
    assert_eq!(status, 404);
    assert_eq!(reports_made(&app).await, 1);

    // Child welfare: the queue, the clock, acknowledge, review.
    let cw = Browser::sign_in(&app, "barnevern").await;
    let queue = cw.page("/reports").await;
    assert!(
        queue.contains(&reference) && queue.contains("Ada Testesen"),
        "{queue}"
    );
    assert!(queue.contains(&nb("report-state-waiting")));
    let path = format!("/reports/{id}");
    let html = cw.page(&path).await;
    assert!(
        html.contains("7 dager igjen av fristen for gjennomgang"),
        "{html}"
    );
    let version = input_value(&html, "version");
    let ack = format!("{path}/acknowledge");
    let (status, location) = cw.post(&ack, &[("version", &version)]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{path}?done=acknowledged").as_str())
    );
    let (status, html) = cw.post(&ack, &[("version", &version)]).await;
    assert_eq!(status, 409, "a second click says what happened");
    assert!(html.contains(&nb("report-error-acknowledged")), "{html}");
    assert_eq!(teacher.post(&ack, &[]).await.0, 403);
    let receipt = teacher.page(&path).await;
    assert!(
        receipt.contains("Barnevernet bekreftet mottak"),
        "{receipt}"
    );

    let version = input_value(&cw.page(&path).await, "version");
    let review = format!("{path}/review");
    let (status, html) = cw
        .post(&review, &[("version", &version), ("note", NOTE)])
        .await;
    assert_eq!(status, 422, "an outcome is needed");
    assert!(html.contains(&nb("report-error-outcome")) && html.contains(&esc(NOTE)));
    let fields = [
        ("version", version.as_str()),
        ("outcome", "dismiss"),
        ("note", NOTE),
    ];
    assert_eq!(cw.post(&review, &fields).await.0, 303);
    let html = cw.page(&path).await;
    assert!(
        html.contains(&esc(NOTE)) && !html.contains("/review\""),
        "{html}"
    );

    // The receipt shows the outcome, never the note.
    let receipt = teacher.page(&path).await;
    assert!(receipt.contains(&nb("report-outcome-dismiss")), "{receipt}");
    assert!(!receipt.contains(&esc(NOTE)), "{receipt}");
    let desk = teacher.page("/my").await;
    assert!(desk.contains(&format!("href=\"{path}\"")), "{desk}");
    assert!(desk.contains("Barnevernet har gjennomgått meldingen din om Ada Testesen"));

    // The access log: the report was made under the duty to report.
    let officer = Browser::sign_in(&app, "personvern").await;
    let audit = officer.page(&format!("/audit?resource={id}")).await;
    assert!(
        audit.contains("(duty_to_report)") && audit.contains("Navn laerer.a"),
        "{audit}"
    );
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 1_000_000)
        .await
        .expect("log");
    assert!(log.iter().any(|r| r.event.resource_id == id
        && r.event.action == "create"
        && r.event.reason == "duty_to_report"
        && r.event.legal_basis == "duty_to_report"));
    app.stop().await;
}

/// The text from `start` to the next tag.
fn input_text_after(html: &str, start: &str) -> String {
    let i = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    html[i..].chars().take_while(|c| *c != '<').collect()
}

#[tokio::test]
async fn a_restricted_child_can_still_be_reported_from_the_decided_concern() {
    let app = App::start().await;
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let new = format!("/children/{}/reports/new", app.child_a1);
    // No child welfare unit yet: the form says so instead of a dead end.
    let form = teacher.page(&new).await;
    assert!(form.contains(&nb("report-error-no-child-welfare")) && !form.contains("<textarea"));
    let cw = app.add_child_welfare().await;

    // A concern decided "report to child welfare" links to the form.
    let (status, location) = teacher
        .post(
            &format!("/children/{}/concerns/new", app.child_a1),
            &[("text", SEEN), ("areas", "family")],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let concern = location
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let version = input_value(&teacher.page(&concern).await, "version");
    let decided = teacher
        .post(
            &format!("{concern}/decision"),
            &[("decision", "report"), ("version", &version)],
        )
        .await;
    assert_eq!(decided.0, 303, "{}", decided.1);
    let html = teacher.page(&concern).await;
    let concern_id = concern.trim_start_matches("/concerns/");
    let link = format!("{new}?concern={concern_id}");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");

    // Processing is restricted: no one reads the child in daily work, but
    // the duty to report still applies.
    let store = &app.db.store;
    let officer = store
        .account("personvern")
        .await
        .expect("account")
        .expect("officer");
    let officer = store
        .actor(&app.tenant, &officer.staff_id)
        .await
        .expect("actor")
        .expect("active");
    store
        .access(officer, Purpose::PrivacyReview, "test")
        .set_restriction(
            &app.child_a1,
            Some(Text::parse("Bestridt", 100).expect("text")),
        )
        .await
        .expect("restrict");
    assert_eq!(
        teacher.get(&format!("/children/{}", app.child_a1)).await.0,
        404
    );
    let form = teacher.page(&link).await;
    assert!(
        form.contains(&format!("name=\"concern\" value=\"{concern_id}\"")),
        "{form}"
    );
    let (status, location) = teacher
        .post(
            &new,
            &[("ground", "a"), ("text", SEEN), ("concern", concern_id)],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let id = location
        .trim_start_matches("/reports/")
        .split('?')
        .next()
        .unwrap_or_default();
    let path = format!("/api/v1/reports/{id}");
    let (status, report) = crate::world::json(app.get(&cw.token, &path).await).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["concern_id"], concern_id);
    app.stop().await;
}
