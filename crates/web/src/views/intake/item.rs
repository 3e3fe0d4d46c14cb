//! `/intake/{id}`: one item — what came in, its history, and the triage
//! forms (for intake staff) or what the one it went to may do: set the
//! level, start a relay log, close it.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::IntakeItemId;
use ettlag_core::intake::{Assignee, Status, Step};
use ettlag_core::relay::entry::parse_areas;
use ettlag_core::relay::{DevelopmentArea, FamilyInformedDraft, Level};
use ettlag_core::text::{MAX_SHORT, MAX_TEXT, Text};
use ettlag_core::{Coded, NationalId, StaffId, UnitId};
use ettlag_db::{IntakeItem, QueueFilter, now_ms};

use super::Line;
use super::queue::purpose;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done, Fields};
use crate::views::layout::{Chrome, render};
use crate::views::relay::family::{FamilyForm, draft_of, parse_family};
use crate::views::time::moment;

#[derive(Template)]
#[template(path = "intake/item.html")]
struct ItemPage {
    c: Chrome,
    item: IntakeItem,
    line: Line,
    /// The request's own fields, labelled, in the order written.
    request: Vec<(String, String)>,
    history: Vec<(String, String, String)>,
    triage: bool,
    assigned_to_me: bool,
    areas: Vec<Choice>,
    assignees: Vec<Choice>,
    others: Vec<Choice>,
    members: Vec<Choice>,
    levels: Vec<Choice>,
    notice: Option<String>,
    error: Option<String>,
    /// The id of the field the error is about, for the error summary's link;
    /// empty when it is about the page as a whole.
    error_field: &'static str,
    /// The start form's fieldset about the family.
    fam: FamilyForm,
}

/// What the start form sent, shown again when it is refused.
#[derive(Debug, Default)]
struct StartSent {
    /// The field the problem is about.
    field: &'static str,
    family: FamilyInformedDraft,
}

fn request_fields(tr: &Tr, item: &IntakeItem) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let get = |k: &str| {
        item.request
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    if let Some(who) = get("who") {
        let who = ettlag_core::intake::Who::from_code(&who)
            .map(|w| tr.t(&w.message_key()))
            .unwrap_or(who);
        out.push((tr.t("help-who"), who));
    }
    for (key, label) in [
        ("text", "help-text"),
        ("from", "intake-from"),
        ("name", "help-name"),
        ("child_name", "help-child-name"),
        ("child_birth_date", "help-child-birth-date"),
    ] {
        if let Some(v) = get(key).filter(|v| !v.is_empty()) {
            out.push((tr.t(label), v));
        }
    }
    if let Some(ways) = item.request.get("contact").and_then(|c| c.as_array()) {
        for way in ways {
            let by = way.get("by").and_then(|b| b.as_str()).unwrap_or_default();
            let value = way
                .get("value")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let label = if by == "email" {
                "help-email"
            } else {
                "help-phone"
            };
            out.push((tr.t(label), value.to_string()));
        }
    }
    out
}

fn describe(tr: &Tr, step: &Step) -> String {
    match step {
        Step::Received { source } => tr.t_with(
            "intake-step-received",
            &[("source", tr.t(&source.message_key()))],
        ),
        Step::Categorised { areas } => tr.t_with(
            "intake-step-categorised",
            &[("areas", crate::views::relay::areas(tr, areas))],
        ),
        Step::Linked { .. } => tr.t("intake-step-linked"),
        Step::IdentityUncertain { note } => tr.t_with(
            "intake-step-uncertain",
            &[("note", note.as_str().to_string())],
        ),
        Step::MergedInto { .. } => tr.t("intake-step-merged"),
        Step::Assigned { .. } => tr.t("intake-step-assigned"),
        Step::LevelSet { level } => tr.t_with("intake-step-level", &[("level", level.to_string())]),
        Step::LogStarted { .. } => tr.t("intake-step-log"),
        Step::Escalated => tr.t("intake-step-escalated"),
        Step::Closed { note } => {
            tr.t_with("intake-step-closed", &[("note", note.as_str().to_string())])
        }
    }
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &IntakeItemId,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    show_with(state, tr, user, id, notice, error, StartSent::default()).await
}

/// The item, with what the start form sent when it was refused.
async fn show_with(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &IntakeItemId,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
    sent: StartSent,
) -> AppResult<Response> {
    let access = user.access(state, purpose(user));
    let item = access.intake_item(id).await?;
    let now = now_ms();
    let triage = user.offers().triage;
    let assigned_to_me = item.assigned_staff.as_ref() == Some(&user.actor.staff)
        || item.team_members.contains(&user.actor.staff)
        || item
            .assigned_unit
            .as_ref()
            .is_some_and(|u| user.actor.units.contains(u));
    let (assignees, members, others) = if triage && item.status != Status::Closed {
        let units = access.units().await?;
        let staff = access.staff().await?;
        let unit_name = |u: &UnitId| {
            units
                .iter()
                .find(|x| &x.id == u)
                .map(|x| x.name.clone())
                .unwrap_or_default()
        };
        let mut assignees: Vec<Choice> = units
            .iter()
            .map(|u| Choice::new(&format!("unit|{}", u.id), u.name.clone(), false))
            .collect();
        let mut members = Vec::new();
        for s in staff
            .iter()
            .filter(|s| s.active && s.roles.works_with_children())
        {
            for u in &s.units {
                let label = format!("{} ({})", s.display_name, unit_name(u));
                assignees.push(Choice::new(
                    &format!("staff|{}|{}", s.id, u),
                    label.clone(),
                    false,
                ));
                members.push(Choice::new(&format!("{}|{}", s.id, u), label, false));
            }
        }
        let others = access
            .intake_queue(&QueueFilter::default())
            .await?
            .into_iter()
            .filter(|o| o.id != item.id)
            .map(|o| {
                let label = format!("{} – {}", o.reference, Line::new(&tr, &o, now).summary);
                Choice::new(&o.id, label, false)
            })
            .collect();
        (assignees, members, others)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let areas = DevelopmentArea::ALL
        .iter()
        .map(|a| {
            Choice::new(
                a.code(),
                tr.t(&a.message_key()),
                item.state.areas.contains(a),
            )
        })
        .collect();
    let levels = (0u8..=3)
        .map(|l| Choice::new(&l.to_string(), tr.t(&format!("intake-level-{l}")), false))
        .collect();
    let history = item
        .steps
        .iter()
        .map(|(at, by, step)| (moment(*at), by.clone(), describe(&tr, step)))
        .collect();
    let (status, error) = match error {
        Some((s, e)) => (s, Some(e)),
        None => (StatusCode::OK, None),
    };
    let page = ItemPage {
        line: Line::new(&tr, &item, now),
        request: request_fields(&tr, &item),
        history,
        triage,
        assigned_to_me,
        areas,
        assignees,
        others,
        members,
        levels,
        notice,
        error,
        error_field: sent.field,
        fam: FamilyForm::new(&tr, sent.family),
        item,
        c: Chrome::for_user(tr, user, "intake"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<IntakeItemId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = (!done.done.is_empty()).then(|| tr.t(&format!("intake-done-{}", done.done)));
    show(&state, tr, &user, &id, notice, None).await
}

/// Reads the step a triage form asks for.
async fn step_from(
    state: &AppState,
    user: &CurrentUser,
    fields: &Fields,
) -> Result<Step, &'static str> {
    let text = |name: &str, max| Text::parse(&fields.raw(name), max).map_err(|e| e.message_key());
    Ok(match fields.get("step").as_str() {
        "uncertain" => Step::IdentityUncertain {
            note: text("note", MAX_TEXT)?,
        },
        "link" => {
            let nin = NationalId::parse(&fields.get("nin")).map_err(|e| e.message_key())?;
            let person = user
                .access(state, purpose(user))
                .find_child_for_triage(&nin)
                .await
                .map_err(|_| "intake-error-unknown-person")?;
            Step::Linked { person }
        }
        "categorise" => Step::Categorised {
            areas: parse_areas(&fields.all("areas")).map_err(|e| e.message_key())?,
        },
        "merge" => Step::MergedInto {
            item: fields.get("item"),
        },
        "assign" => {
            let value = fields.get("to");
            let parts: Vec<&str> = value.split('|').collect();
            let to = match parts.as_slice() {
                ["unit", u] => Assignee::Unit {
                    unit: UnitId::parse(u).ok_or("intake-error-assignee")?,
                },
                ["staff", s, u] => Assignee::Staff {
                    staff: StaffId::parse(s).ok_or("intake-error-assignee")?,
                    unit: UnitId::parse(u).ok_or("intake-error-assignee")?,
                },
                ["team", t] => Assignee::Team {
                    team: (*t).to_string(),
                },
                _ => return Err("intake-error-assignee"),
            };
            Step::Assigned { to }
        }
        "level" => Step::LevelSet {
            level: fields
                .get("level")
                .parse()
                .map_err(|_| "intake-error-level")?,
        },
        "close" => Step::Closed {
            note: text("note", MAX_TEXT)?,
        },
        _ => return Err("intake-error-step"),
    })
}

pub async fn triage(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<IntakeItemId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let step = match step_from(&state, &user, &fields).await {
        Ok(step) => step,
        Err(key) => {
            let e = tr.t(key);
            return show(
                &state,
                tr,
                &user,
                &id,
                None,
                Some((StatusCode::UNPROCESSABLE_ENTITY, e)),
            )
            .await;
        }
    };
    let version = fields.get("version").parse().ok();
    let done = step.code();
    match user
        .access(&state, purpose(&user))
        .triage_intake(&id, step, version)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(Redirect::to(&format!("/intake/{id}?done={done}")).into_response()),
        Err(e @ (AppError::Conflict(_) | AppError::Stale)) => {
            let status = if e == AppError::Stale {
                StatusCode::PRECONDITION_FAILED
            } else {
                StatusCode::CONFLICT
            };
            let message = tr.t(&e.message_key());
            show(&state, tr, &user, &id, None, Some((status, message))).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /intake/{id}/team`: intake staff form a team around the child the
/// item is about and assign the item to it.
pub async fn team(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<IntakeItemId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let access = user.access(&state, purpose(&user));
    let item = access.intake_item(&id).await?;
    let refuse = |key: &str| (StatusCode::UNPROCESSABLE_ENTITY, tr.t(key));
    let Some(child) = item.person.clone() else {
        let e = refuse("intake-error-not-linked");
        return show(&state, tr, &user, &id, None, Some(e)).await;
    };
    let name = match Text::parse(&fields.raw("name"), MAX_SHORT) {
        Ok(n) => n,
        Err(e) => {
            let e = refuse(e.message_key());
            return show(&state, tr, &user, &id, None, Some(e)).await;
        }
    };
    let members: Option<Vec<(StaffId, UnitId)>> = fields
        .all("members")
        .iter()
        .map(|m| {
            let (s, u) = m.split_once('|')?;
            Some((StaffId::parse(s)?, UnitId::parse(u)?))
        })
        .collect();
    let Some(members) = members else {
        let e = refuse("team-error-members");
        return show(&state, tr, &user, &id, None, Some(e)).await;
    };
    let team = match access
        .create_team(&child, name, members)
        .await
        .map_err(AppError::from)
    {
        Ok(team) => team,
        Err(AppError::Conflict(key)) => {
            let e = (StatusCode::CONFLICT, tr.t(&key));
            return show(&state, tr, &user, &id, None, Some(e)).await;
        }
        Err(e) => return Err(e),
    };
    access
        .triage_intake(
            &id,
            Step::Assigned {
                to: Assignee::Team { team },
            },
            None,
        )
        .await?;
    Ok(Redirect::to(&format!("/intake/{id}?done=team")).into_response())
}

/// `POST /intake/{id}/log`: the one the item went to starts a relay log.
pub async fn start_log(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<IntakeItemId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let level = fields
        .get("level")
        .parse::<u8>()
        .ok()
        .and_then(|l| Level::try_from(l).ok());
    let Some(level) = level else {
        let e = (StatusCode::UNPROCESSABLE_ENTITY, tr.t("intake-error-level"));
        return show(&state, tr, &user, &id, None, Some(e)).await;
    };
    let family = draft_of(&fields);
    let told = match parse_family(&family) {
        Ok(told) => told,
        Err(e) => {
            let error = (StatusCode::UNPROCESSABLE_ENTITY, tr.t(e.message_key()));
            let sent = StartSent {
                field: e.field(),
                family,
            };
            return show_with(&state, tr, &user, &id, None, Some(error), sent).await;
        }
    };
    match user
        .access(&state, ettlag_core::policy::Purpose::FollowUp)
        .start_log_from_intake(&id, level, Some(told))
        .await
        .map_err(AppError::from)
    {
        Ok(log) => Ok(Redirect::to(&format!("/logs/{log}?done=opened")).into_response()),
        Err(AppError::Conflict(key)) => {
            let e = (StatusCode::CONFLICT, tr.t(&key));
            show(&state, tr, &user, &id, None, Some(e)).await
        }
        Err(e) => Err(e),
    }
}
