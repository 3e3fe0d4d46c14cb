//! `GET /admin/sign-in`: the mapping from the staff's sign-in provider's
//! groups to roles and units (single sign-on). `POST /admin/sign-in/add` and
//! `/admin/sign-in/remove` change one line; each change is in the access log.
//! A staff member gets the roles and units of every line naming one of their
//! groups at their next sign-in; one whose groups match no line keeps the
//! roles an administrator set.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::UnitId;
use ettlag_core::oidc::GroupRole;
use ettlag_core::org::{Coded, Role};
use serde::Deserialize;

use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Fields, notice, see_other};
use crate::views::layout::{Chrome, page};

/// The longest group id or name kept (Entra's are GUIDs, names are short).
const MAX_GROUP: usize = 256;

#[derive(Debug)]
struct Line {
    group: String,
    role_code: &'static str,
    role: String,
    unit_id: String,
    unit: String,
}

#[derive(Template)]
#[template(path = "admin/sign_in.html")]
struct SignInPage {
    c: Chrome,
    section: &'static str,
    notice: Option<String>,
    /// Whether staff sign in through a provider at all.
    sso: bool,
    local: bool,
    lines: Vec<Line>,
    roles: Vec<(&'static str, String)>,
    units: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(query): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let units = user.access(&state, PURPOSE).units().await?;
    let unit_name = |id: &str| {
        units
            .iter()
            .find(|u| u.id.as_str() == id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| tr.t("admin-sign-in-all-units"))
    };
    let lines = state
        .store
        .group_roles(&user.actor.tenant)
        .await?
        .into_iter()
        .map(|l| {
            let unit_id = l.unit.map(|u| u.to_string()).unwrap_or_default();
            Line {
                unit: unit_name(&unit_id),
                unit_id,
                role_code: l.role.code(),
                role: tr.t(&l.role.message_key()),
                group: l.group,
            }
        })
        .collect();
    Ok(page(&SignInPage {
        c: Chrome::for_user(tr, &user, "admin"),
        section: "sign-in",
        notice: notice(&tr, &query.done, &["group-added", "group-removed"]),
        sso: state.staff_idp.is_some(),
        local: state.config.staff_sign_in.local_passwords,
        lines,
        roles: Role::ALL
            .iter()
            .map(|r| (r.code(), tr.t(&r.message_key())))
            .collect(),
        units: units
            .into_iter()
            .map(|u| (u.id.to_string(), u.name))
            .collect(),
    }))
}

/// The line a form names; a bad one is a clear refusal, not a guess.
fn line_of(fields: &Fields) -> AppResult<GroupRole> {
    let group = fields.get("group").trim().to_string();
    if group.is_empty() || group.chars().count() > MAX_GROUP || group.chars().any(char::is_control)
    {
        return Err(AppError::BadRequest("admin-sign-in-error-group".into()));
    }
    let role = Role::from_code(&fields.get("role"))
        .ok_or_else(|| AppError::BadRequest("admin-sign-in-error-role".into()))?;
    let unit = match fields.get("unit").as_str() {
        "" => None,
        id => Some(
            UnitId::parse(id)
                .ok_or_else(|| AppError::BadRequest("admin-sign-in-error-unit".into()))?,
        ),
    };
    Ok(GroupRole { group, role, unit })
}

pub async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let line = line_of(&Fields::parse(&body)?)?;
    let access = user.access(&state, PURPOSE);
    if let Some(unit) = &line.unit
        && !access.units().await?.iter().any(|u| &u.id == unit)
    {
        return Err(AppError::BadRequest("admin-sign-in-error-unit".into()));
    }
    access.add_group_role(&line).await?;
    Ok(see_other("/admin/sign-in", &[("done", "group-added")]))
}

pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let line = line_of(&Fields::parse(&body)?)?;
    user.access(&state, PURPOSE)
        .remove_group_role(&line)
        .await?;
    Ok(see_other("/admin/sign-in", &[("done", "group-removed")]))
}
