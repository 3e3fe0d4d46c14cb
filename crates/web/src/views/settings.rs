//! The user's own settings: the interface language, the address that
//! reminders are announced at by e-mail, and what families see of how to
//! reach them (a phone number, the e-mail, both or neither).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_db::{FamilyContactSetting, ShowToFamily};
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
    family: FamilyPart,
}

/// The part of the page where staff choose what families see.
struct FamilyPart {
    phone: String,
    show: ShowToFamily,
    choices: [ShowToFamily; 4],
    notice: Option<String>,
    error: Option<String>,
}

impl FamilyPart {
    async fn load(state: &AppState, tr: Tr, user: &CurrentUser, done: &str) -> AppResult<Self> {
        let s = state
            .store
            .family_contact_setting(&user.actor.tenant, &user.actor.staff)
            .await?;
        Ok(FamilyPart {
            phone: s.phone.unwrap_or_default(),
            show: s.show,
            choices: ShowToFamily::ALL,
            notice: (done == "family").then(|| tr.t("settings-family-saved")),
            error: None,
        })
    }

    fn label(&self, c: &Chrome, s: &ShowToFamily) -> String {
        c.t(&format!("settings-family-show-{}", s.code()))
    }
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
    let family = FamilyPart::load(&state, tr, &user, &q.done).await?;
    Ok(page(&SettingsPage {
        c: Chrome::for_user(tr, &user, "settings"),
        email,
        notice,
        error: None,
        family,
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
                let family = FamilyPart::load(&state, tr, &user, "").await?;
                return Ok(render(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &SettingsPage {
                        c: Chrome::for_user(tr, &user, "settings"),
                        email: typed,
                        notice: None,
                        error,
                        family,
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
pub struct FamilyContactForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    show: String,
}

/// Sets the phone number families may reach the user at and what they
/// see; a bad number or choice is refused in words and nothing changes.
pub async fn set_family_contact(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<FamilyContactForm>,
) -> AppResult<Response> {
    let typed: String = form.phone.trim().chars().take(40).collect();
    let phone = if typed.is_empty() {
        Ok(None)
    } else {
        crate::sms::parse_phone(&typed).map(Some).ok_or(())
    };
    let show = ShowToFamily::from_code(&form.show);
    let key = if phone.is_err() {
        "settings-family-invalid-phone"
    } else {
        "settings-family-invalid-show"
    };
    let (Ok(phone), Some(show)) = (phone, show) else {
        let email = state
            .store
            .staff_email(&user.actor.tenant, &user.actor.staff)
            .await?
            .unwrap_or_default();
        let mut family = FamilyPart::load(&state, tr, &user, "").await?;
        family.phone = typed;
        family.error = Some(tr.t(key));
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SettingsPage {
                c: Chrome::for_user(tr, &user, "settings"),
                email,
                notice: None,
                error: None,
                family,
            },
        ));
    };
    state
        .store
        .set_family_contact_setting(
            &user.actor.tenant,
            &user.actor.staff,
            FamilyContactSetting { phone, show },
        )
        .await?;
    Ok(Redirect::to("/settings?done=family").into_response())
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
