//! What every HTML form shares: reading a form body, checking values, the
//! choices of a select, and the errors and notices shown next to a form.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::{AppError, AppResult};

/// The status of a form shown again with its errors.
pub const INVALID: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// `200 OK` for a form without errors, else [`INVALID`].
pub fn status_of(errors: &Errors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        INVALID
    }
}

/// The most characters of a value kept to show again.
const MAX_ECHO: usize = 200;

/// A URL-encoded form body. Repeated names (a multi-select, checkboxes) keep
/// every value.
#[derive(Debug, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn parse(body: &[u8]) -> AppResult<Fields> {
        serde_urlencoded::from_bytes(body)
            .map(Fields)
            .map_err(|_| AppError::BadRequest("admin-error-bad-form".into()))
    }

    /// The first value of `name`, trimmed and clipped; empty when missing.
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().chars().take(MAX_ECHO).collect())
            .unwrap_or_default()
    }

    /// The value of `name` as sent (a password), or empty.
    pub fn raw(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().chars().take(MAX_ECHO).collect())
            .collect()
    }
}

/// One problem with one field; `field` is the id of its input.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// The problems of one form, shown in an alert next to it with a link to each
/// field, which is marked `aria-invalid`.
#[derive(Debug, Clone, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push(FieldError { field, message });
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One option of a select, a checkbox or a radio button.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: &str, label: String, selected: bool) -> Choice {
        Choice {
            value: value.to_string(),
            label,
            selected,
        }
    }
}

/// A name of 1 to 100 characters without control characters.
pub fn check_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    let len = name.chars().count();
    if (1..=100).contains(&len) && !name.chars().any(char::is_control) {
        Ok(name.to_string())
    } else {
        Err("error-name-length")
    }
}

/// A user name as the CSV import takes it: 3 to 64 of a–z, 0–9 and `._@-`.
pub fn check_username(name: &str) -> Result<String, &'static str> {
    let name = name.trim().to_lowercase();
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._@-".contains(&b);
    if (3..=64).contains(&name.len()) && name.bytes().all(allowed) {
        Ok(name)
    } else {
        Err("admin-error-username")
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn check_date(text: &str) -> Result<String, &'static str> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    match time::Date::parse(text, &format) {
        Ok(_) if shaped => Ok(text.to_string()),
        _ => Err("error-bad-date"),
    }
}

/// After a successful POST: back to the page, which shows the notice `done`.
pub fn see_other(path: &str, query: &[(&str, &str)]) -> Response {
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    let target = if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    };
    Redirect::to(&target).into_response()
}

/// The query of a page that may show a notice after a redirect.
#[derive(Debug, serde::Deserialize)]
pub struct Done {
    #[serde(default)]
    pub done: String,
}

/// The notice for a `done` query value, if it is one of `known`.
pub fn notice(tr: &crate::i18n::Tr, done: &str, known: &[&str]) -> Option<String> {
    known
        .contains(&done)
        .then(|| tr.t(&format!("admin-done-{done}")))
}
