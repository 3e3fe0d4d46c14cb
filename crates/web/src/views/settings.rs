//! The user's own settings: the interface language, and the address that
//! reminders are announced at by e-mail.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::layout::{Chrome, page, render};
use super::login::lang_cookie;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    c: Chrome,
    email: String,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    done: String,
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<SettingsQuery>,
) -> AppResult<Response> {
    let email = state
        .store
        .staff_email(&user.actor.tenant, &user.actor.staff)
        .await?
        .unwrap_or_default();
    let notice = (q.done == "email").then(|| tr.t("settings-email-saved"));
    Ok(page(&SettingsPage {
        c: Chrome::for_user(tr, &user, "settings"),
        email,
        notice,
        error: None,
    }))
}

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Sets or (when empty) removes the user's address for reminder e-mails.
pub async fn set_email(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    let typed: String = form.email.trim().chars().take(300).collect();
    let email = if typed.is_empty() {
        None
    } else {
        match crate::mail::parse_address(&typed) {
            Some(address) => Some(address),
            None => {
                let error = Some(tr.t("settings-email-invalid"));
                return Ok(render(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &SettingsPage {
                        c: Chrome::for_user(tr, &user, "settings"),
                        email: typed,
                        notice: None,
                        error,
                    },
                ));
            }
        }
    };
    state
        .store
        .set_staff_email(&user.actor.tenant, &user.actor.staff, email)
        .await?;
    Ok(Redirect::to("/settings?done=email").into_response())
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    lang: String,
}

/// Sets the language. Works signed out too (the login page has the picker);
/// signed in, the choice is also saved in the user's profile.
pub async fn set_language(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let lang = Lang::from_code(&form.lang)
        .ok_or_else(|| AppError::BadRequest("error-unknown-language".into()))?;
    let target = if let Some(user) = &user {
        state
            .store
            .set_language(&user.actor.tenant, &user.actor.staff, lang.code())
            .await?;
        "/settings"
    } else {
        "/login"
    };
    let mut response = Redirect::to(target).into_response();
    if let Ok(v) = HeaderValue::from_str(&lang_cookie(lang)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}
