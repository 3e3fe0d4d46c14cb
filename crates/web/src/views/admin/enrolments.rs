//! `POST /admin/enrolments`: a child belongs to a unit from a date.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::{PersonId, UnitId};
use ettlag_db::DbError;

use super::persons::{Forms, show};
use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Fields, check_date, see_other};

pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let mut f = Forms {
        q: fields.get("q"),
        enrol_child: fields.get("child"),
        enrol_unit: fields.get("unit"),
        enrol_from: fields.get("from_date"),
        ..Forms::default()
    };
    let errors = &mut f.enrol_errors;
    let child = PersonId::parse(&f.enrol_child)
        .ok_or_else(|| errors.add("enrol-child", tr.t("admin-error-choose-child")));
    let unit = UnitId::parse(&f.enrol_unit)
        .ok_or_else(|| errors.add("enrol-unit", tr.t("admin-error-choose-unit")));
    let from = check_date(&f.enrol_from).map_err(|key| errors.add("enrol-from", tr.t(key)));
    let (Ok(child), Ok(unit), Ok(from)) = (child, unit, from) else {
        return show(&state, tr, &user, f, None, None).await;
    };
    let done = user
        .access(&state, PURPOSE)
        .enrol(&child, &unit, &from)
        .await;
    let (field, key) = match done {
        Ok(()) => {
            return Ok(see_other(
                "/admin/persons",
                &[("done", "enrolment"), ("q", &f.q)],
            ));
        }
        Err(DbError::Conflict(_)) => ("enrol-child", "error-conflict-enrolment"),
        Err(DbError::NotFound) => ("enrol-child", "admin-error-gone"),
        Err(e) => return Err(e.into()),
    };
    f.enrol_errors.add(field, tr.t(key));
    show(&state, tr, &user, f, None, None).await
}

/// `POST /admin/enrolments/end`: a child's enrolment in a unit ends on a date,
/// from the child's own page.
pub async fn end(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let child = PersonId::parse(&fields.get("child")).ok_or(AppError::NotFound)?;
    let unit = UnitId::parse(&fields.get("unit")).ok_or(AppError::NotFound)?;
    let to = check_date(&fields.get("to_date")).map_err(|key| AppError::BadRequest(key.into()))?;
    match user
        .access(&state, PURPOSE)
        .end_enrolment(&child, &unit, &to)
        .await
    {
        Ok(()) => Ok(see_other(&format!("/children/{child}"), &[])),
        Err(DbError::NotFound) => Err(AppError::BadRequest("admin-error-end-enrolment".into())),
        Err(e) => Err(e.into()),
    }
}
