//! `GET /admin/units` lists the units; `POST /admin/units` creates one.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::{Coded, ServiceType};
use ettlag_db::DbError;

use super::{PURPOSE, require_admin};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done, Errors, Fields, check_name, notice, see_other, status_of};
use crate::views::layout::{Chrome, render};

/// A unit as a line of the list.
#[derive(Debug)]
struct Line {
    name: String,
    service: String,
}

#[derive(Template)]
#[template(path = "admin/units.html")]
struct UnitsPage {
    c: Chrome,
    section: &'static str,
    units: Vec<Line>,
    notice: Option<String>,
    name: String,
    services: Vec<Choice>,
    errors: Errors,
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let notice = notice(&tr, &q.done, &["unit"]);
    let form = UnitForm::default();
    show(&state, tr, &user, form, Errors::default(), notice).await
}

#[derive(Debug, Default)]
struct UnitForm {
    name: String,
    service: String,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    form: UnitForm,
    errors: Errors,
    notice: Option<String>,
) -> AppResult<Response> {
    let units = user
        .access(state, PURPOSE)
        .units()
        .await?
        .into_iter()
        .map(|u| Line {
            name: u.name,
            service: tr.t(&u.service_type.message_key()),
        })
        .collect();
    let services = ServiceType::ALL
        .iter()
        .map(|s| Choice::new(s.code(), tr.t(&s.message_key()), s.code() == form.service))
        .collect();
    let status = status_of(&errors);
    Ok(render(
        status,
        &UnitsPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "units",
            units,
            notice,
            name: form.name,
            services,
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
    let form = UnitForm {
        name: fields.get("name"),
        service: fields.get("service_type"),
    };
    let mut errors = Errors::default();
    let name = check_name(&form.name).map_err(|key| errors.add("unit-name", tr.t(key)));
    let service = ServiceType::from_code(&form.service)
        .ok_or_else(|| errors.add("unit-service", tr.t("admin-error-choose-service")));
    let (Ok(name), Ok(service)) = (name, service) else {
        return show(&state, tr, &user, form, errors, None).await;
    };
    match user
        .access(&state, PURPOSE)
        .create_unit(&name, service)
        .await
    {
        Ok(_) => Ok(see_other("/admin/units", &[("done", "unit")])),
        Err(DbError::Conflict(_)) => {
            errors.add("unit-name", tr.t("error-conflict-unit-name"));
            show(&state, tr, &user, form, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}
