//! `GET /admin/ladder`: the intervention ladder as the municipality keeps
//! it — the names of its six steps, its measure types (each on a step, with
//! an optional cost), and the step and cost of measures written without a
//! type, by the service of the unit responsible. The forms post to
//! `ladder_write`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::steering::{Ladder, LadderStep};
use ettlag_core::{Coded, ServiceType};

use super::{PURPOSE, require_admin};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done, Errors, notice, status_of};
use crate::views::layout::{Chrome, render};

/// One step's name field.
#[derive(Debug)]
struct StepLine {
    number: u8,
    default_name: String,
    value: String,
}

/// A measure type or a service as an editable row.
#[derive(Debug)]
pub(super) struct KindLine {
    /// The code in the form's address.
    pub code: String,
    /// The id prefix of the row's fields.
    pub id: String,
    pub name: String,
    pub steps: Vec<Choice>,
    pub cost: String,
    pub active: bool,
}

/// What was typed into the form that failed, to show it again.
#[derive(Debug, Default)]
pub(super) struct Typed {
    /// The code of the row, `new` for the add form, or `steps`.
    pub form: String,
    pub name: String,
    pub step: String,
    pub cost: String,
    pub active: bool,
    pub step_names: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/ladder.html")]
struct LadderPage {
    c: Chrome,
    section: &'static str,
    notice: Option<String>,
    errors: Errors,
    step_lines: Vec<StepLine>,
    types: Vec<KindLine>,
    services: Vec<KindLine>,
    new_type: KindLine,
}

fn step_choices(tr: &Tr, ladder: &Ladder, selected: &str) -> Vec<Choice> {
    LadderStep::all()
        .map(|s| {
            let n = s.number().to_string();
            let name = ladder
                .name_of(s)
                .map(str::to_string)
                .unwrap_or_else(|| tr.t(&s.message_key()));
            Choice::new(&n, format!("{n}. {name}"), n == selected)
        })
        .collect()
}

pub(super) async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    errors: Errors,
    typed: Typed,
) -> AppResult<Response> {
    let access = user.access(state, PURPOSE);
    // The ladder comes with the municipality's types and step names.
    let (ladder, costs) = access.steering_settings().await?;
    let is = |form: &str| typed.form == form;
    let step_lines = LadderStep::all()
        .map(|s| {
            let i = usize::from(s.number()) - 1;
            StepLine {
                number: s.number(),
                default_name: tr.t(&s.message_key()),
                value: if is("steps") {
                    typed.step_names.get(i).cloned().unwrap_or_default()
                } else {
                    ladder.name_of(s).unwrap_or_default().to_string()
                },
            }
        })
        .collect();
    let types = ladder
        .measure_types()
        .iter()
        .map(|t| {
            let mine = is(t.code.as_str());
            let step = if mine {
                typed.step.clone()
            } else {
                t.step.number().to_string()
            };
            KindLine {
                code: t.code.to_string(),
                id: format!("type-{}", t.code),
                name: if mine {
                    typed.name.clone()
                } else {
                    t.name.clone()
                },
                steps: step_choices(&tr, &ladder, &step),
                cost: if mine {
                    typed.cost.clone()
                } else {
                    t.cost.map(|c| c.to_string()).unwrap_or_default()
                },
                active: if mine { typed.active } else { t.active },
            }
        })
        .collect();
    let services = ServiceType::ALL
        .iter()
        .map(|t| {
            let mine = is(t.code());
            let step = if mine {
                typed.step.clone()
            } else {
                ladder.step_of(*t).number().to_string()
            };
            KindLine {
                code: t.code().to_string(),
                id: format!("service-{}", t.code()),
                name: tr.t(&t.message_key()),
                steps: step_choices(&tr, &ladder, &step),
                cost: if mine {
                    typed.cost.clone()
                } else {
                    costs.get(t).map(|c| c.to_string()).unwrap_or_default()
                },
                active: true,
            }
        })
        .collect();
    let new_type = KindLine {
        code: String::new(),
        id: "new-type".into(),
        name: if is("new") {
            typed.name.clone()
        } else {
            String::new()
        },
        steps: step_choices(&tr, &ladder, if is("new") { &typed.step } else { "1" }),
        cost: if is("new") {
            typed.cost.clone()
        } else {
            String::new()
        },
        active: true,
    };
    let status = status_of(&errors);
    Ok(render(
        status,
        &LadderPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "ladder",
            notice,
            errors,
            step_lines,
            types,
            services,
            new_type,
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
    let notice = notice(
        &tr,
        &done.done,
        &[
            "ladder-steps",
            "measure-type",
            "measure-types",
            "ladder-service",
        ],
    );
    show(
        &state,
        tr,
        &user,
        notice,
        Errors::default(),
        Typed::default(),
    )
    .await
}
