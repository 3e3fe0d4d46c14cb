//! What the report page tests share: a signed-in browser that posts forms
//! with the CSRF token, the Norwegian texts from the Fluent files, and the
//! number of reports made.

use crate::world::World as App;

const NB: &[&str] = &[
    include_str!("../../../../locales/nb/report.ftl"),
    include_str!("../../../../locales/nb/relay.ftl"),
    include_str!("../../../../locales/nb/main.ftl"),
    include_str!("../../../../locales/nb/intake.ftl"),
];

/// The Norwegian bokmål text of a message without arguments, as the
/// templates escape it.
pub(super) fn nb(key: &str) -> String {
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

pub(super) fn esc(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

pub(super) const SEEN: &str =
    "Ada hadde blåmerker på begge armene mandag og sa at hun ikke ville hjem.";
pub(super) const NOTE: &str = "Familien er kjent fra før; vi tar kontakt med skolen.";

/// A signed-in browser with its CSRF token.
pub(super) struct Browser<'a> {
    app: &'a App,
    c: reqwest::Client,
    csrf: String,
}

impl<'a> Browser<'a> {
    pub(super) async fn sign_in(app: &'a App, user: &str) -> Browser<'a> {
        let (c, csrf) = app.sign_in(user).await;
        Browser { app, c, csrf }
    }

    pub(super) async fn get(&self, path: &str) -> (u16, String) {
        let r = self.c.get(self.app.url(path)).send().await.expect("get");
        (r.status().as_u16(), r.text().await.expect("body"))
    }

    pub(super) async fn page(&self, path: &str) -> String {
        let (status, html) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}:\n{html}");
        html
    }

    /// Posts a form with the CSRF token: the status, and where it redirects
    /// or the page shown.
    pub(super) async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
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
pub(super) fn input_value(html: &str, name: &str) -> String {
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
pub(super) async fn reports_made(app: &App) -> usize {
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

/// The text from `start` to the next tag.
pub(super) fn input_text_after(html: &str, start: &str) -> String {
    let i = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    html[i..].chars().take_while(|c| *c != '<').collect()
}
