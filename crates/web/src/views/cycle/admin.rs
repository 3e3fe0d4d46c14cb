//! `GET/POST /admin/cycle`: the administrator keeps the municipality's list
//! of annual-cycle tasks — title, what to do, who it is for, how often and
//! how many days ahead the reminder goes out — and deactivates a task that
//! is no longer wanted (its marked occurrences stay). The municipality's
//! leaders keep the same list on `/steering/cycle/tasks` (`leader`), with
//! the purpose of steering; the store's policy decides both.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::cycle::{Audience, CycleError, CycleTask, Recurrence, RecurrenceKind};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::{Coded, ServiceType};

use super::{audience_text, kinds, recurrence_text};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::hidden_id;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::admin::require_admin;
use crate::views::form::{Done, Errors, Fields, see_other, status_of};
use crate::views::layout::{Chrome, render};

/// A task's form, as typed.
#[derive(Debug, Clone, Default)]
struct Draft {
    id: String,
    title: String,
    description: String,
    /// `municipality:`, `service_type:<code>` or `unit:<id>`.
    audience: String,
    kind: String,
    month: String,
    day: String,
    lead: String,
    active: bool,
    /// The saved task in words, for the heading.
    summary: String,
}

/// Who keeps the list on a page: where it is, the purpose of the access,
/// and the navigation it sits in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Keeper {
    pub path: &'static str,
    pub purpose: ettlag_core::policy::Purpose,
    /// The main navigation's current item.
    pub nav: &'static str,
    /// Whether the page sits among the administration pages.
    pub admin_nav: bool,
}

pub(super) const ADMIN: Keeper = Keeper {
    path: "/admin/cycle",
    purpose: ettlag_core::policy::Purpose::Administration,
    nav: "admin",
    admin_nav: true,
};

#[derive(Template)]
#[template(path = "cycle/admin.html")]
struct AdminPage {
    c: Chrome,
    section: &'static str,
    path: &'static str,
    admin_nav: bool,
    drafts: Vec<Draft>,
    audiences: Vec<(String, String)>,
    kinds: Vec<(&'static str, String)>,
    months: Vec<(u32, String)>,
    notice: Option<String>,
    errors: Errors,
    /// The draft the errors belong to.
    error_id: String,
}

fn draft_of(tr: &Tr, id: &str, t: &CycleTask, active: bool, units: &[(String, String)]) -> Draft {
    let (kind, reference) = t.audience.to_parts();
    let r = &t.recurrence;
    Draft {
        id: id.to_string(),
        title: t.title.clone(),
        description: t.description.clone(),
        audience: format!("{kind}:{reference}"),
        kind: r.kind().code().to_string(),
        month: r.month().to_string(),
        day: r.day().to_string(),
        lead: r.lead_days().to_string(),
        active,
        summary: format!(
            "{} · {}",
            audience_text(tr, &t.audience, units),
            recurrence_text(tr, r)
        ),
    }
}

async fn show(
    keeper: Keeper,
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    errors: Errors,
    typed: Option<Draft>,
) -> AppResult<Response> {
    let access = user.access(state, keeper.purpose);
    let units: Vec<(String, String)> = access
        .units()
        .await?
        .into_iter()
        .map(|u| (u.id.to_string(), u.name))
        .collect();
    let mut drafts: Vec<Draft> = access
        .cycle_tasks()
        .await?
        .iter()
        .map(|t| draft_of(&tr, &t.id, &t.task, t.active, &units))
        .collect();
    drafts.push(Draft {
        kind: "yearly".into(),
        month: "1".into(),
        day: "1".into(),
        lead: "14".into(),
        audience: "municipality:".into(),
        active: true,
        ..Draft::default()
    });
    let error_id = typed.as_ref().map(|d| d.id.clone()).unwrap_or_default();
    if let Some(typed) = typed
        && let Some(slot) = drafts.iter_mut().find(|d| d.id == typed.id)
    {
        let summary = std::mem::take(&mut slot.summary);
        *slot = Draft { summary, ..typed };
    }
    let mut audiences = vec![("municipality:".to_string(), tr.t("cycle-for-municipality"))];
    audiences.extend(ServiceType::ALL.iter().map(|t| {
        (
            format!("service_type:{}", t.code()),
            audience_text(&tr, &Audience::ServiceType(*t), &[]),
        )
    }));
    audiences.extend(units.iter().map(|(id, name)| {
        (
            format!("unit:{id}"),
            tr.t_with("cycle-for-unit", &[("unit", name.clone())]),
        )
    }));
    Ok(render(
        status_of(&errors),
        &AdminPage {
            section: "cycle",
            kinds: kinds(&tr),
            months: (1..=12)
                .map(|m| (m, tr.t(&format!("cycle-month-{m}"))))
                .collect(),
            c: Chrome::for_user(tr, user, keeper.nav),
            path: keeper.path,
            admin_nav: keeper.admin_nav,
            drafts,
            audiences,
            notice,
            errors,
            error_id,
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
    page(ADMIN, &state, tr, &user, &done).await
}

/// The list with a notice after a save.
pub(super) async fn page(
    keeper: Keeper,
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    done: &Done,
) -> AppResult<Response> {
    let notice = (done.done == "cycle-task-saved").then(|| tr.t("cycle-task-saved"));
    show(keeper, state, tr, user, notice, Errors::default(), None).await
}

/// The task a draft describes, or the field that is wrong and why.
fn parse(d: &Draft) -> Result<CycleTask, (&'static str, CycleError)> {
    let num = |s: &str| s.trim().parse::<u32>().ok();
    let kind = RecurrenceKind::from_code(&d.kind).ok_or(("kind", CycleError::BadRecurrence))?;
    let month = match kind {
        RecurrenceKind::Monthly => Some(1),
        _ => num(&d.month),
    };
    let recurrence = Recurrence::new(
        kind,
        month.unwrap_or(0),
        num(&d.day).unwrap_or(0),
        num(&d.lead).unwrap_or(u32::MAX),
    )
    .map_err(|e| {
        (
            if e == CycleError::BadLeadTime {
                "lead"
            } else {
                "day"
            },
            e,
        )
    })?;
    let (kind, reference) = d.audience.split_once(':').unwrap_or(("", ""));
    let audience = Audience::from_parts(kind, reference).map_err(|e| ("audience", e))?;
    CycleTask::new(&d.title, &d.description, audience, recurrence).map_err(|e| {
        (
            if e == CycleError::EmptyTitle {
                "title"
            } else {
                "description"
            },
            e,
        )
    })
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    save(ADMIN, &state, tr, &user, &body).await
}

/// Saves the task of a posted form, or shows the form again with its error.
pub(super) async fn save(
    keeper: Keeper,
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    body: &[u8],
) -> AppResult<Response> {
    let f = Fields::parse(body)?;
    let draft = Draft {
        id: f.get("id"),
        title: f.raw("title"),
        description: f.raw("description"),
        audience: f.get("audience"),
        kind: f.get("kind"),
        month: f.get("month"),
        day: f.get("day"),
        lead: f.get("lead"),
        active: f.get("active") == "on",
        summary: String::new(),
    };
    match parse(&draft) {
        Ok(task) => {
            let id: Option<CycleTaskId> = hidden_id(&draft.id)?;
            user.access(state, keeper.purpose)
                .save_cycle_task(id.as_ref(), task, draft.active)
                .await?;
            Ok(see_other(keeper.path, &[("done", "cycle-task-saved")]))
        }
        Err((field, e)) => {
            let mut errors = Errors::default();
            errors.add(field, tr.t(e.message_key()));
            show(keeper, state, tr, user, None, errors, Some(draft)).await
        }
    }
}
