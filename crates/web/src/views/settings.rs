//! The user's own settings: for now, the interface language.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::layout::{Chrome, page};
use super::login::lang_cookie;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    c: Chrome,
}

pub async fn get(tr: Tr, user: CurrentUser) -> Response {
    page(&SettingsPage {
        c: Chrome::for_user(tr, &user, "settings"),
    })
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
