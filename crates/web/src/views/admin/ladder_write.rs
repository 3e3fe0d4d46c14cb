//! The forms of `/admin/ladder`: `POST /admin/ladder/steps` names the steps,
//! `POST /admin/ladder/types` adds a measure type, `POST
//! /admin/ladder/types/{code}` changes one, `POST /admin/ladder/suggested`
//! adds the suggested list, and `POST /admin/ladder/services/{code}` sets
//! the step and cost of measures without a type by service. A refused form
//! is shown again with what was typed, and changes nothing.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use ettlag_core::steering::{
    MeasureTypeCode, MeasureTypeDraft, MeasureTypeError, STEPS, parse_cost, parse_step,
};
use ettlag_core::{Coded, ServiceType};
use ettlag_db::DbError;

use super::ladder::{Typed, show};
use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Errors, Fields, see_other};

const PAGE: &str = "/admin/ladder";

fn draft(fields: &Fields) -> MeasureTypeDraft {
    MeasureTypeDraft {
        name: fields.get("name"),
        step: fields.get("step"),
        cost: fields.get("cost"),
        active: !fields.get("active").is_empty(),
    }
}

fn typed(form: &str, d: &MeasureTypeDraft) -> Typed {
    Typed {
        form: form.to_string(),
        name: d.name.clone(),
        step: d.step.clone(),
        cost: d.cost.clone(),
        active: d.active,
        step_names: Vec::new(),
    }
}

/// Where a measure type error points: the field on the add form, the
/// section heading for a row (its fields have ids made from its code).
fn field_of(e: MeasureTypeError, new: bool) -> &'static str {
    match (e, new) {
        (MeasureTypeError::Name, true) => "new-type-name",
        (MeasureTypeError::Step, true) => "new-type-step",
        (MeasureTypeError::Cost, true) => "new-type-cost",
        (_, false) => "measure-types-h",
    }
}

pub async fn steps(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let typed_names: Vec<String> = (1..=STEPS)
        .map(|n| fields.get(&format!("step_{n}")))
        .collect();
    let mut names: [Option<String>; STEPS as usize] = Default::default();
    for (slot, n) in names.iter_mut().zip(&typed_names) {
        *slot = Some(n.clone()).filter(|n| !n.is_empty());
    }
    match user.access(&state, PURPOSE).set_step_names(names).await {
        Ok(()) => Ok(see_other(PAGE, &[("done", "ladder-steps")])),
        Err(DbError::Refused(key)) => {
            let mut errors = Errors::default();
            errors.add("step-1", tr.t(key));
            let typed = Typed {
                form: "steps".into(),
                step_names: typed_names,
                ..Typed::default()
            };
            show(&state, tr, &user, None, errors, typed).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let mut d = draft(&Fields::parse(&body)?);
    // A new type is in use; the checkbox is only on the rows.
    d.active = true;
    match d.parse() {
        Ok(fields) => {
            user.access(&state, PURPOSE)
                .add_measure_type(fields)
                .await?;
            Ok(see_other(PAGE, &[("done", "measure-type")]))
        }
        Err(e) => {
            let mut errors = Errors::default();
            errors.add(field_of(e, true), tr.t(e.message_key()));
            show(&state, tr, &user, None, errors, typed("new", &d)).await
        }
    }
}

pub async fn update(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path(code): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let code = MeasureTypeCode::parse(&code).ok_or(AppError::NotFound)?;
    let d = draft(&Fields::parse(&body)?);
    let refused = match d.parse() {
        Ok(fields) => {
            match user
                .access(&state, PURPOSE)
                .update_measure_type(&code, fields)
                .await
            {
                Ok(()) => return Ok(see_other(PAGE, &[("done", "measure-type")])),
                Err(DbError::NotFound) => return Err(AppError::NotFound),
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) => e,
    };
    let mut errors = Errors::default();
    errors.add(field_of(refused, false), tr.t(refused.message_key()));
    show(&state, tr, &user, None, errors, typed(code.as_str(), &d)).await
}

pub async fn suggested(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    user.access(&state, PURPOSE)
        .add_suggested_measure_types()
        .await?;
    Ok(see_other(PAGE, &[("done", "measure-types")]))
}

pub async fn service(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path(code): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let service = ServiceType::from_code(&code).ok_or(AppError::NotFound)?;
    let fields = Fields::parse(&body)?;
    let d = MeasureTypeDraft {
        name: String::new(),
        step: fields.get("step"),
        cost: fields.get("cost"),
        active: true,
    };
    let (step, cost) = match parse_step(&d.step).and_then(|s| Ok((s, parse_cost(&d.cost)?))) {
        Ok(v) => v,
        Err(e) => {
            let mut errors = Errors::default();
            errors.add("services-h", tr.t(e.message_key()));
            return show(&state, tr, &user, None, errors, typed(service.code(), &d)).await;
        }
    };
    let access = user.access(&state, PURPOSE);
    let (mut ladder, costs) = access.steering_settings().await?;
    // Only a new step recounts the ladder; a new cost alone does not.
    if ladder.step_of(service) != step {
        ladder.set(service, step);
        access.set_ladder(ladder).await?;
    }
    if costs.get(&service).copied() != cost {
        access.set_measure_cost(service, cost).await?;
    }
    Ok(see_other(PAGE, &[("done", "ladder-service")]))
}
