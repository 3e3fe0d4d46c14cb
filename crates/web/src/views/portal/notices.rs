//! "Hear when there is something new": the e-mail address and mobile
//! number a family member gives (and removes) for notices. A bad address or
//! number is refused in words and nothing is stored.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_db::NoticeContact;
use serde::Deserialize;

use super::{CitizenUser, PortalChrome};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::mail::parse_address;
use crate::sms::parse_phone;
use crate::state::AppState;
use crate::views::layout::render;

#[derive(Template)]
#[template(path = "portal/notices.html")]
struct NoticesPage {
    c: PortalChrome,
    email: String,
    phone: String,
    notice: Option<String>,
    /// (field id, message) of each field refused.
    errors: Vec<(&'static str, String)>,
}

impl NoticesPage {
    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|(f, _)| *f == field)
    }
}

#[derive(Debug, Deserialize)]
pub struct NoticesQuery {
    #[serde(default)]
    done: String,
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    Query(q): Query<NoticesQuery>,
) -> AppResult<Response> {
    let contact = user.access(&state).notice_contact().await?;
    let notice = match q.done.as_str() {
        "saved" => Some(tr.t("portal-notices-saved")),
        "removed" => Some(tr.t("portal-notices-removed")),
        _ => None,
    };
    Ok(render(
        StatusCode::OK,
        &NoticesPage {
            c: PortalChrome::for_citizen(tr, &user),
            email: contact.email.unwrap_or_default(),
            phone: contact.phone.unwrap_or_default(),
            notice,
            errors: Vec::new(),
        },
    ))
}

#[derive(Debug, Deserialize)]
pub struct NoticesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    /// `remove` takes both away, whatever the fields hold.
    #[serde(default)]
    action: String,
}

/// A field's value: empty is `None`, a good one `Some`, a bad one an error.
fn field(typed: &str, parse: fn(&str) -> Option<String>) -> Result<Option<String>, ()> {
    if typed.is_empty() {
        Ok(None)
    } else {
        parse(typed).map(Some).ok_or(())
    }
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    Form(form): Form<NoticesForm>,
) -> AppResult<Response> {
    user.check_csrf(&form.csrf)?;
    let access = user.access(&state);
    if form.action == "remove" {
        access
            .set_notice_contact(NoticeContact::default(), tr.code())
            .await?;
        return Ok(Redirect::to("/portal/notices?done=removed").into_response());
    }
    let email: String = form.email.trim().chars().take(300).collect();
    let phone: String = form.phone.trim().chars().take(40).collect();
    let mut errors = Vec::new();
    let parsed_email = field(&email, parse_address)
        .inspect_err(|()| errors.push(("email", tr.t("portal-notices-bad-email"))));
    let parsed_phone = field(&phone, parse_phone)
        .inspect_err(|()| errors.push(("phone", tr.t("portal-notices-bad-phone"))));
    let (Ok(email_ok), Ok(phone_ok)) = (parsed_email, parsed_phone) else {
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &NoticesPage {
                c: PortalChrome::for_citizen(tr, &user),
                email,
                phone,
                notice: None,
                errors,
            },
        ));
    };
    let contact = NoticeContact {
        email: email_ok,
        phone: phone_ok,
    };
    let done = if contact == NoticeContact::default() {
        "removed"
    } else {
        "saved"
    };
    access.set_notice_contact(contact, tr.code()).await?;
    Ok(Redirect::to(&format!("/portal/notices?done={done}")).into_response())
}
