//! `GET /admin/staff` lists the staff (with whether each has a second
//! factor); `POST /admin/staff` creates a staff member with roles, units and
//! a first password.

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::{Coded, Role, RoleSet, UnitId};
use ettlag_db::{DbError, NewStaff};

use super::staff_second_factor::DONE;
use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::password::{self, MIN_LENGTH};
use crate::state::AppState;
use crate::views::form::{
    Choice, Done, Errors, Fields, check_name, check_username, notice, see_other, status_of,
};
use crate::views::layout::{Chrome, render};

/// The longest password accepted; hashing is the expensive part.
const MAX_PASSWORD: usize = 1024;

/// A staff member as a line of the list.
#[derive(Debug)]
struct Line {
    id: String,
    name: String,
    username: String,
    roles: String,
    units: String,
    active: bool,
    /// Has a second factor, which an administrator may reset.
    second_factor: bool,
    /// The administrator themselves: their own factor is reset on their
    /// own page, with a code.
    own: bool,
    /// What a reset does, said before it is confirmed.
    reset_confirm: String,
}

#[derive(Template)]
#[template(path = "admin/staff.html")]
struct StaffPage {
    c: Chrome,
    section: &'static str,
    staff: Vec<Line>,
    notice: Option<String>,
    username: String,
    display_name: String,
    roles: Vec<Choice>,
    units: Vec<Choice>,
    min_password: usize,
    password_help: String,
    errors: Errors,
}

/// What was typed, kept to show again. The password never is.
#[derive(Debug, Default)]
struct StaffForm {
    username: String,
    display_name: String,
    roles: Vec<String>,
    units: Vec<String>,
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let known = ["staff", "staff-activated", "staff-deactivated"];
    let notice = notice(&tr, &q.done, &[&known[..], &DONE[..]].concat());
    let form = StaffForm {
        roles: vec![Role::Staff.code().to_string()],
        ..StaffForm::default()
    };
    show(&state, tr, &user, form, Errors::default(), notice).await
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    form: StaffForm,
    errors: Errors,
    notice: Option<String>,
) -> AppResult<Response> {
    let ctx = user.access(state, PURPOSE);
    let units = ctx.units().await?;
    let names: HashMap<&str, &str> = units
        .iter()
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    let with_factor = ctx.staff_with_second_factor().await?;
    let staff = ctx
        .staff()
        .await?
        .into_iter()
        .map(|s| Line {
            second_factor: with_factor.contains(&s.id),
            own: s.id == user.actor.staff,
            reset_confirm: tr.t_with(
                "admin-staff-second-factor-reset-confirm",
                &[("name", s.display_name.clone())],
            ),
            id: s.id.as_str().to_string(),
            name: s.display_name,
            username: s.username.unwrap_or_default(),
            roles: s
                .roles
                .iter()
                .map(|r| tr.t(&r.message_key()))
                .collect::<Vec<_>>()
                .join(", "),
            units: s
                .units
                .iter()
                .filter_map(|u| names.get(u.as_str()).copied())
                .collect::<Vec<_>>()
                .join(", "),
            active: s.active,
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .map(|r| {
            Choice::new(
                r.code(),
                tr.t(&r.message_key()),
                form.roles.iter().any(|c| c == r.code()),
            )
        })
        .collect();
    let unit_choices = units
        .iter()
        .map(|u| {
            Choice::new(
                u.id.as_str(),
                u.name.clone(),
                form.units.iter().any(|c| c == u.id.as_str()),
            )
        })
        .collect();
    Ok(render(
        status_of(&errors),
        &StaffPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "staff",
            staff,
            notice,
            username: form.username,
            display_name: form.display_name,
            roles,
            units: unit_choices,
            min_password: MIN_LENGTH,
            password_help: tr.t_with(
                "admin-staff-password-help",
                &[("min", MIN_LENGTH.to_string())],
            ),
            errors,
        },
    ))
}

pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let password = fields.raw("password");
    let form = StaffForm {
        username: fields.get("username"),
        display_name: fields.get("display_name"),
        roles: fields.all("roles"),
        units: fields.all("units"),
    };
    let mut errors = Errors::default();
    let username =
        check_username(&form.username).map_err(|key| errors.add("staff-username", tr.t(key)));
    let display_name =
        check_name(&form.display_name).map_err(|key| errors.add("staff-display-name", tr.t(key)));
    let roles: Option<Vec<Role>> = form.roles.iter().map(|r| Role::from_code(r)).collect();
    if roles.is_none() {
        errors.add("staff-role-0", tr.t("admin-error-choose-role"));
    }
    let known = user.access(&state, PURPOSE).units().await?;
    let units: Option<Vec<UnitId>> = form
        .units
        .iter()
        .map(|id| {
            known
                .iter()
                .find(|u| u.id.as_str() == id)
                .map(|u| u.id.clone())
        })
        .collect();
    if units.is_none() {
        errors.add("staff-units", tr.t("admin-error-choose-unit"));
    }
    let length = password.chars().count();
    if !(MIN_LENGTH..=MAX_PASSWORD).contains(&length) {
        let args = [("min", MIN_LENGTH.to_string())];
        errors.add("staff-password", tr.t_with("admin-error-password", &args));
    }
    let (Ok(username), Ok(display_name), Some(roles), Some(units), true) =
        (username, display_name, roles, units, errors.is_empty())
    else {
        return show(&state, tr, &user, form, errors, None).await;
    };
    let hash = password::hash(&password).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })?;
    // As in the CSV import, no role given means the plain staff role.
    let roles = if roles.is_empty() {
        vec![Role::Staff]
    } else {
        roles
    };
    let new = NewStaff {
        username,
        display_name,
        roles: RoleSet::new(roles),
        units,
        password_hash: Some(hash),
    };
    match user.access(&state, PURPOSE).create_staff(new).await {
        Ok(_) => Ok(see_other("/admin/staff", &[("done", "staff")])),
        Err(DbError::Conflict(_)) => {
            errors.add("staff-username", tr.t("error-conflict-username"));
            show(&state, tr, &user, form, errors, None).await
        }
        Err(DbError::NotFound) => {
            errors.add("staff-units", tr.t("admin-error-choose-unit"));
            show(&state, tr, &user, form, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}
