//! What the relay page tests share: a signed-in browser that posts forms
//! with the CSRF token, reading values out of the HTML, the Norwegian texts
//! from the Fluent files, and the steps that open a log.

use ettlag_core::{Day, PersonId};

use crate::world::World as App;

pub(super) const CONCERN: &str = "Ada trekker seg unna i friminuttene og gråter ofte etter skolen.";
pub(super) const GOAL: &str = "Ada har en venn å være sammen med i friminuttene.";

/// The Fluent files of the texts the pages show in Norwegian bokmål.
const NB: &[&str] = &[
    include_str!("../../../../locales/nb/relay.ftl"),
    include_str!("../../../../locales/nb/relay-errors.ftl"),
    include_str!("../../../../locales/nb/main.ftl"),
    include_str!("../../../../locales/nb/family.ftl"),
];

/// The Norwegian bokmål text of a message without arguments.
pub(super) fn nb(key: &str) -> String {
    NB.iter()
        .flat_map(|file| file.lines())
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"))
}

/// A text as the templates escape it.
pub(super) fn esc(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[track_caller]
pub(super) fn assert_shows(html: &str, text: &str) {
    assert!(
        html.contains(&esc(text)),
        "expected {text:?} on the page:\n{html}"
    );
}

/// A signed-in browser with its CSRF token.
pub(super) struct Browser<'a> {
    pub(super) app: &'a App,
    pub(super) c: reqwest::Client,
    csrf: String,
}

impl<'a> Browser<'a> {
    pub(super) async fn sign_in(app: &'a App, user: &str) -> Browser<'a> {
        let (c, csrf) = app.sign_in(user).await;
        Browser { app, c, csrf }
    }

    /// The status and HTML of a page.
    pub(super) async fn get(&self, path: &str) -> (u16, String) {
        let r = self.c.get(self.app.url(path)).send().await.expect("get");
        (r.status().as_u16(), r.text().await.expect("body"))
    }

    /// A page that must be there.
    pub(super) async fn page(&self, path: &str) -> String {
        let (status, html) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}:\n{html}");
        html
    }

    /// Posts a form with the CSRF token.
    pub(super) async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        self.c
            .post(self.app.url(path))
            .form(&form)
            .send()
            .await
            .expect("post")
    }

    /// Posts a form that must succeed, and returns where it redirects.
    pub(super) async fn post_ok(&self, path: &str, fields: &[(&str, &str)]) -> String {
        let r = self.post(path, fields).await;
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().expect("ascii").to_string())
            .unwrap_or_default();
        let body = r.text().await.unwrap_or_default();
        assert_eq!(status, 303, "POST {path} {fields:?}:\n{body}");
        location
    }

    /// Posts a form that must be refused: the status and the page shown.
    pub(super) async fn post_refused(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let r = self.post(path, fields).await;
        let status = r.status().as_u16();
        assert_ne!(status, 303, "POST {path} {fields:?} was accepted");
        (status, r.text().await.expect("body"))
    }

    /// The version the forms of a page were filled in against.
    pub(super) async fn version(&self, path: &str) -> String {
        input_value(&self.page(path).await, "version")
    }
}

/// The value of an attribute of a tag's text.
pub(super) fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let i = tag.find(&marker)? + marker.len();
    Some(tag[i..].chars().take_while(|c| *c != '"').collect())
}

/// The opening tags `<tag …>` named `name`, and what follows each.
pub(super) fn named<'h>(html: &'h str, tag: &str, name: &str) -> Vec<(&'h str, &'h str)> {
    let open = format!("<{tag} ");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let end = i + rest[i..].find('>').expect("a closed tag");
        let (tag_text, after) = (&rest[i..end], &rest[end + 1..]);
        if attr(tag_text, "name").as_deref() == Some(name) {
            found.push((tag_text, after));
        }
        rest = after;
    }
    found
}

/// The value of the first `<input>` named `name`.
pub(super) fn input_value(html: &str, name: &str) -> String {
    named(html, "input", name)
        .first()
        .and_then(|(tag, _)| attr(tag, "value"))
        .unwrap_or_else(|| panic!("no input {name} on the page:\n{html}"))
}

/// The text of the first `<textarea>` named `name`, as in the HTML.
pub(super) fn textarea(html: &str, name: &str) -> String {
    let (_, after) = named(html, "textarea", name)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no textarea {name} on the page:\n{html}"));
    after.split("</textarea>").next().unwrap_or_default().into()
}

/// The options (value, label) of the first `<select>` named `name`.
pub(super) fn options(html: &str, name: &str) -> Vec<(String, String)> {
    let Some((_, after)) = named(html, "select", name).into_iter().next() else {
        return Vec::new();
    };
    let inside = after.split("</select>").next().unwrap_or_default();
    inside
        .split("<option")
        .skip(1)
        .map(|o| {
            let value = attr(o, "value").unwrap_or_default();
            let label = o
                .split_once('>')
                .map(|(_, l)| l.split("</option>").next().unwrap_or_default())
                .unwrap_or_default();
            (value, label.to_string())
        })
        .collect()
}

/// The part of a page from `start` to the next `end`.
pub(super) fn within<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} on the page:\n{html}"));
    let rest = &html[i..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// An entry form of the log page.
pub(super) fn entry_form<'h>(html: &'h str, kind: &str) -> &'h str {
    within(html, &format!("id=\"form-{kind}\""), "</details>")
}

/// The id in a redirect's path after `prefix`, before any `?` or `#`.
pub(super) fn id_after(location: &str, prefix: &str) -> String {
    let rest = location
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{location} does not start with {prefix}"));
    rest.split(['?', '#']).next().unwrap_or_default().into()
}

/// The id of the entry a redirect after writing points at.
pub(super) fn entry_of(location: &str) -> String {
    location
        .split_once("#e-")
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| panic!("no entry in {location}"))
}

/// How many concerns a child's page lists.
pub(super) fn concerns_listed(html: &str) -> usize {
    html.matches("href=\"/concerns/").count()
}

/// A day as the pages show it.
pub(super) fn shown(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{d:02}.{m:02}.{y:04}")
}

/// Raises a concern about a child through the form; its id.
pub(super) async fn raise(b: &Browser<'_>, child: &PersonId, text: &str) -> String {
    let location = b
        .post_ok(
            &format!("/children/{child}/concerns/new"),
            &[("text", text), ("areas", "social"), ("areas", "emotional")],
        )
        .await;
    let id = id_after(&location, "/concerns/");
    assert_eq!(location, format!("/concerns/{id}?done=raised"));
    id
}

/// Raises a concern and decides it at level 1: the concern's and the log's ids.
pub(super) async fn open_log(b: &Browser<'_>, child: &PersonId) -> (String, String) {
    let concern = raise(b, child, CONCERN).await;
    let version = b.version(&format!("/concerns/{concern}")).await;
    let location = b
        .post_ok(
            &format!("/concerns/{concern}/decision"),
            &crate::world::with_told(&[("decision", "level-1"), ("version", &version)]),
        )
        .await;
    let log = id_after(&location, "/logs/");
    assert_eq!(location, format!("/logs/{log}?done=opened"));
    (concern, log)
}
