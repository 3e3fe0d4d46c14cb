//! `GET /admin/settings`: the municipality's own numbers, such as the days
//! from a concern to its decision; `POST` changes one.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_db::{DbError, SETTINGS};

use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, Errors, Fields, notice, see_other, status_of};
use crate::views::layout::{Chrome, render};

/// One setting as the form shows it.
#[derive(Debug)]
struct Line {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    min: i64,
    max: i64,
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    c: Chrome,
    section: &'static str,
    lines: Vec<Line>,
    notice: Option<String>,
    errors: Errors,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    errors: Errors,
    typed: Option<(String, String)>,
) -> AppResult<Response> {
    let values = user.access(state, PURPOSE).settings().await?;
    let lines = values
        .iter()
        .map(|v| {
            let key = v.setting.name.replace('_', "-");
            Line {
                name: v.setting.name,
                label: tr.t(&format!("setting-{key}")),
                hint: tr.t_with(
                    "setting-range",
                    &[
                        ("min", v.setting.min.to_string()),
                        ("max", v.setting.max.to_string()),
                        ("default", v.setting.default.to_string()),
                    ],
                ),
                value: match &typed {
                    Some((name, value)) if name == v.setting.name => value.clone(),
                    _ => v.value.to_string(),
                },
                min: v.setting.min,
                max: v.setting.max,
            }
        })
        .collect();
    let status = status_of(&errors);
    Ok(render(
        status,
        &SettingsPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "settings",
            lines,
            notice,
            errors,
        },
    ))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let notice = notice(&tr, &done.done, &["setting"]);
    show(&state, tr, &user, notice, Errors::default(), None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let name = fields.get("name");
    let typed = fields.get("value");
    let mut errors = Errors::default();
    // The field's id is the setting's name; an unknown name is no setting.
    let Some(field) = SETTINGS.iter().map(|s| s.name).find(|n| *n == name) else {
        return Err(AppError::NotFound);
    };
    match typed.parse::<i64>() {
        Ok(value) => match user.access(&state, PURPOSE).set_setting(&name, value).await {
            Ok(()) => return Ok(see_other("/admin/settings", &[("done", "setting")])),
            Err(DbError::Refused(key)) => errors.add(field, tr.t(key)),
            Err(e) => return Err(e.into()),
        },
        Err(_) => errors.add(field, tr.t("setting-error-range")),
    }
    show(&state, tr, &user, None, errors, Some((name, typed))).await
}
