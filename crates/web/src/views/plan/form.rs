//! The forms to make a plan (`/children/{id}/plan/new`, also from a level-3
//! relay log with `?log=`) and to revise it (`/plans/{id}/revise`). Goals,
//! measures and contributions are numbered rows; blank rows are dropped, and
//! a refused form comes back with what was typed and why, in the user's
//! language.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::PersonId;
use ettlag_core::ids::{PlanId, RelayLogId};
use ettlag_core::plan::{
    ContributionDraft, GoalDraft, MeasureDraft, PlanDraft, PlanError, parse_reason,
};
use ettlag_core::policy::Purpose;
use ettlag_db::PlanWrite;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, render};

/// The most rows of goals or measures a form carries, and of contributions
/// per measure.
const MAX_ROWS: usize = 20;
const MAX_CONTRIBUTIONS: usize = 6;
/// Blank rows offered for adding.
const SPARE: usize = 2;

#[derive(Template)]
#[template(path = "plan/form.html")]
struct FormPage {
    c: Chrome,
    person_name: String,
    action: String,
    revising: bool,
    log: String,
    version: String,
    draft: PlanDraft,
    reason: String,
    units: Vec<Choice>,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct FromLog {
    #[serde(default)]
    log: String,
}

/// The draft as typed: every numbered row that is on the form.
fn draft_from(f: &Fields) -> PlanDraft {
    let goals = (1..=MAX_ROWS)
        .map(|i| GoalDraft {
            master: f.raw(&format!("goal-{i}-master")),
            by: f.get(&format!("goal-{i}-by")),
            know_by: f.raw(&format!("goal-{i}-know-by")),
        })
        .collect();
    let measures = (1..=MAX_ROWS)
        .map(|i| MeasureDraft {
            goal: f.get(&format!("measure-{i}-goal")),
            what: f.raw(&format!("measure-{i}-what")),
            how: f.raw(&format!("measure-{i}-how")),
            contributions: (1..=MAX_CONTRIBUTIONS)
                .map(|j| ContributionDraft {
                    kind: f.get(&format!("measure-{i}-c{j}-kind")),
                    unit: f.get(&format!("measure-{i}-c{j}-unit")),
                    name: f.raw(&format!("measure-{i}-c{j}-name")),
                    what: f.raw(&format!("measure-{i}-c{j}-what")),
                })
                .filter(|c| !c.is_blank())
                .collect(),
            origin: origin_from(f, i),
        })
        .collect();
    let mut draft = PlanDraft {
        what_matters: f.raw("what-matters"),
        needs_and_dreams: f.raw("needs-and-dreams"),
        resources: f.raw("resources"),
        goals,
        measures,
        participants: f.raw("participants"),
        cooperation: f.raw("cooperation"),
        period_start: f.get("period-start"),
        period_end: f.get("period-end"),
        next_revision: f.get("next-revision"),
        consent: f.raw("consent"),
    };
    trim_rows(&mut draft);
    draft
}

/// A measure that came from a meeting keeps its origin through the form.
fn origin_from(f: &Fields, i: usize) -> Option<ettlag_core::plan::MeasureOrigin> {
    let meeting = f.get(&format!("measure-{i}-origin-meeting"));
    ettlag_core::ids::Id::<()>::parse(&meeting)?;
    Some(ettlag_core::plan::MeasureOrigin {
        meeting,
        responsible: ettlag_core::StaffId::parse(
            &f.get(&format!("measure-{i}-origin-responsible")),
        )?,
        deadline: ettlag_core::Day::parse(&f.get(&format!("measure-{i}-origin-deadline"))).ok()?,
    })
}

/// Drops trailing blank rows, then adds the spare ones the form offers.
fn trim_rows(d: &mut PlanDraft) {
    let goal_blank = |g: &GoalDraft| {
        [&g.master, &g.by, &g.know_by]
            .iter()
            .all(|s| s.trim().is_empty())
    };
    while d.goals.last().is_some_and(goal_blank) {
        d.goals.pop();
    }
    let measure_blank = |m: &MeasureDraft| {
        [&m.what, &m.how].iter().all(|s| s.trim().is_empty()) && m.contributions.is_empty()
    };
    while d.measures.last().is_some_and(measure_blank) {
        d.measures.pop();
    }
    for _ in 0..SPARE {
        if d.goals.len() < MAX_ROWS {
            d.goals.push(GoalDraft::default());
        }
        if d.measures.len() < MAX_ROWS {
            d.measures.push(MeasureDraft::default());
        }
    }
    for m in &mut d.measures {
        while m.contributions.len() < MAX_CONTRIBUTIONS.min(m.contributions.len() + SPARE) {
            m.contributions.push(ContributionDraft::default());
        }
    }
}

fn parsed(tr: &Tr, f: &Fields) -> Result<PlanWrite, String> {
    let draft = draft_from(f);
    let content = draft
        .parse()
        .map_err(|e: PlanError| tr.t(e.message_key()))?;
    let reason = parse_reason(&f.raw("reason")).map_err(|e| tr.t(e.message_key()))?;
    Ok(PlanWrite { content, reason })
}

struct Ctx<'a> {
    person_name: String,
    action: String,
    revising: bool,
    log: String,
    version: String,
    reason: String,
    user: &'a CurrentUser,
}

async fn form(
    state: &AppState,
    tr: Tr,
    ctx: Ctx<'_>,
    draft: PlanDraft,
    error: Option<String>,
) -> AppResult<FormPage> {
    let access = ctx.user.access(state, Purpose::FollowUp);
    let units = access
        .units()
        .await?
        .into_iter()
        .map(|u| Choice::new(u.id.as_str(), u.name, false))
        .collect();
    Ok(FormPage {
        person_name: ctx.person_name,
        action: ctx.action,
        revising: ctx.revising,
        log: ctx.log,
        version: ctx.version,
        reason: ctx.reason,
        draft,
        units,
        error,
        c: Chrome::for_user(tr, ctx.user, "children"),
    })
}

/// A relay log's goals and the measures that go on, as the plan's starting
/// point: each goal in the log's words (the person's own words are added in
/// the plan), each measure under the goal it served in the log (the first
/// goal when it served none), naming its service.
async fn from_log(
    state: &AppState,
    user: &CurrentUser,
    log: &RelayLogId,
) -> AppResult<(Vec<GoalDraft>, Vec<MeasureDraft>)> {
    use ettlag_core::relay::{Entry, Event};
    let view = user.access(state, Purpose::FollowUp).relay_log(log).await?;
    let current = || view.events.iter().filter(|e| e.superseded_by.is_none());
    let goal_ids: Vec<&str> = current()
        .filter(|e| {
            matches!(
                &e.event,
                Event::Entry {
                    entry: Entry::Goal { .. },
                    ..
                }
            )
        })
        .map(|e| e.id.as_str())
        .take(MAX_ROWS)
        .collect();
    let goals = current()
        .filter_map(|e| match &e.event {
            Event::Entry {
                entry: Entry::Goal { text, .. },
                ..
            } if goal_ids.contains(&e.id.as_str()) => Some(GoalDraft {
                master: text.to_string(),
                ..Default::default()
            }),
            _ => None,
        })
        .collect();
    let served = |measure: &str| -> String {
        let goal = view.events.iter().find_map(|e| match &e.event {
            Event::Entry {
                entry: Entry::Measure { goal, .. },
                ..
            } if e.id == measure => goal.clone(),
            _ => None,
        });
        goal.and_then(|g| goal_ids.iter().position(|id| *id == g))
            .map(|i| (i + 1).to_string())
            .unwrap_or_else(|| "1".into())
    };
    let measures = view
        .measures
        .iter()
        .filter(|m| !m.ended)
        .take(MAX_ROWS)
        .map(|m| MeasureDraft {
            goal: served(&m.id),
            what: m.what.to_string(),
            how: String::new(),
            contributions: vec![ContributionDraft {
                kind: "unit".into(),
                unit: m.responsible_unit.to_string(),
                ..Default::default()
            }],
            origin: None,
        })
        .collect();
    Ok((goals, measures))
}

async fn person_name(state: &AppState, user: &CurrentUser, id: &PersonId) -> AppResult<String> {
    Ok(user
        .access(state, Purpose::FollowUp)
        .plan_person_name(id)
        .await?)
}

pub async fn new_get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    Query(q): Query<FromLog>,
) -> AppResult<Response> {
    let ctx = Ctx {
        person_name: person_name(&state, &user, &id).await?,
        action: format!("/children/{id}/plan/new"),
        revising: false,
        log: q.log,
        version: String::new(),
        reason: tr.t("plan-first-reason"),
        user: &user,
    };
    let mut draft = PlanDraft::default();
    if !ctx.log.is_empty() {
        let log = RelayLogId::parse(&ctx.log).ok_or(AppError::NotFound)?;
        (draft.goals, draft.measures) = from_log(&state, &user, &log).await?;
    }
    trim_rows(&mut draft);
    let page = form(&state, tr, ctx, draft, None).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn new_post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let log = f.get("log");
    let access = user.access(&state, Purpose::FollowUp);
    let result = match parsed(&tr, &f) {
        Ok(plan) => {
            let from = match log.as_str() {
                "" => None,
                text => Some(RelayLogId::parse(text).ok_or(AppError::NotFound)?),
            };
            match access
                .create_plan(&id, from.as_ref(), plan)
                .await
                .map_err(AppError::from)
            {
                Ok(plan_id) => {
                    return Ok(Redirect::to(&format!("/plans/{plan_id}")).into_response());
                }
                Err(AppError::Conflict(key)) => tr.t(&key),
                Err(e) => return Err(e),
            }
        }
        Err(message) => message,
    };
    let ctx = Ctx {
        person_name: person_name(&state, &user, &id).await?,
        action: format!("/children/{id}/plan/new"),
        revising: false,
        log,
        version: String::new(),
        reason: f.raw("reason"),
        user: &user,
    };
    let page = form(&state, tr, ctx, draft_from(&f), Some(result)).await?;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

pub async fn revise_get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PlanId>,
) -> AppResult<Response> {
    let plan = user.access(&state, Purpose::FollowUp).plan(&id).await?;
    let current = plan.current().ok_or(AppError::NotFound)?;
    let mut draft = PlanDraft::from(&current.content);
    trim_rows(&mut draft);
    let ctx = Ctx {
        person_name: plan.person_name.clone(),
        action: format!("/plans/{id}/revise"),
        revising: true,
        log: String::new(),
        version: plan.revisions.len().to_string(),
        reason: String::new(),
        user: &user,
    };
    let page = form(&state, tr, ctx, draft, None).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn revise_post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PlanId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let access = user.access(&state, Purpose::FollowUp);
    let version = f.get("version").parse::<i64>().ok();
    let message = match parsed(&tr, &f) {
        Ok(plan) => match access
            .revise_plan(&id, plan, version)
            .await
            .map_err(AppError::from)
        {
            Ok(_) => return Ok(Redirect::to(&format!("/plans/{id}")).into_response()),
            Err(AppError::Conflict(key)) => tr.t(&key),
            Err(AppError::Stale) => tr.t("error-stale"),
            Err(e) => return Err(e),
        },
        Err(message) => message,
    };
    let plan = access.plan(&id).await?;
    let ctx = Ctx {
        person_name: plan.person_name.clone(),
        action: format!("/plans/{id}/revise"),
        revising: true,
        log: String::new(),
        version: plan.revisions.len().to_string(),
        reason: f.raw("reason"),
        user: &user,
    };
    let page = form(&state, tr, ctx, draft_from(&f), Some(message)).await?;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
