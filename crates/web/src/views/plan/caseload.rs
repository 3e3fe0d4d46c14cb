//! `GET /my/caseload`: the coordinator's people with what is due, overdue
//! first. `GET|POST /children/{id}/coordinators`: the coordinating unit
//! assigns a coordinator or child coordinator, with or without a plan.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::plan::{CoordinatorKind, Due};
use ettlag_core::policy::Purpose;
use ettlag_core::{Coded, PersonId, StaffId};

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, page, render};
use crate::views::time::day;

struct Line {
    person_id: String,
    person: String,
    kind: String,
    plan_href: String,
    due: String,
    urgent: bool,
    /// Open feedback alerts of the person (0 when the feedback is not ours to see).
    feedback_alerts: usize,
}

#[derive(Template)]
#[template(path = "plan/caseload.html")]
struct CaseloadPage {
    c: Chrome,
    lines: Vec<Line>,
}

pub async fn get(State(state): State<AppState>, tr: Tr, user: CurrentUser) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let mut lines: Vec<Line> = access
        .caseload()
        .await?
        .into_iter()
        .map(|l| Line {
            plan_href: match &l.plan_id {
                Some(id) => format!("/plans/{id}"),
                None => format!("/children/{}/plan/new", l.person_id),
            },
            due: match (l.due, l.next_revision) {
                (Due::NoPlan, _) | (_, None) => tr.t("plan-due-no-plan"),
                (due, Some(d)) => tr.t_with(
                    &format!("plan-due-{}", due.code().replace('_', "-")),
                    &[("date", day(d))],
                ),
            },
            urgent: l.due == Due::RevisionOverdue,
            kind: tr.t(&l.kind.message_key()),
            person: l.person_name,
            person_id: l.person_id.to_string(),
            feedback_alerts: 0,
        })
        .collect();
    for line in &mut lines {
        if let Some(person) = PersonId::parse(&line.person_id) {
            line.feedback_alerts = access.feedback_alert_count(&person).await?;
        }
    }
    Ok(page(&CaseloadPage {
        lines,
        c: Chrome::for_user(tr, &user, "my"),
    }))
}

#[derive(Template)]
#[template(path = "plan/coordinators.html")]
struct CoordinatorsPage {
    c: Chrome,
    person_id: String,
    person_name: String,
    current: Vec<(String, String)>,
    kinds: Vec<Choice>,
    staff: Vec<Choice>,
    error: Option<String>,
}

async fn coordinators_page(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    person: &PersonId,
    error: Option<String>,
) -> AppResult<CoordinatorsPage> {
    let access = user.access(state, Purpose::FollowUp);
    let (person_name, lines) = access.coordinators(person).await?;
    let current = lines
        .into_iter()
        .map(|c| (tr.t(&c.kind.message_key()), c.staff_name))
        .collect();
    let staff = access
        .staff()
        .await?
        .into_iter()
        .filter(|s| s.active && s.roles.works_with_children())
        .map(|s| Choice::new(s.id.as_str(), s.display_name, false))
        .collect();
    Ok(CoordinatorsPage {
        person_id: person.to_string(),
        person_name,
        current,
        kinds: CoordinatorKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), tr.t(&k.message_key()), false))
            .collect(),
        staff,
        error,
        c: Chrome::for_user(tr, user, "children"),
    })
}

pub async fn coordinators_get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let p = coordinators_page(&state, tr, &user, &id, None).await?;
    Ok(render(StatusCode::OK, &p))
}

pub async fn assign(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let kind = CoordinatorKind::from_code(&f.get("kind"));
    let staff = StaffId::parse(&f.get("staff"));
    let result = match (kind, staff) {
        (Some(kind), Some(staff)) => user
            .access(&state, Purpose::FollowUp)
            .assign_coordinator(&id, kind, &staff)
            .await
            .map_err(AppError::from),
        _ => Err(AppError::Conflict("plan-error-coordinator".into())),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/children/{id}/coordinators")).into_response()),
        Err(AppError::Conflict(key)) => {
            let message = tr.t(&key);
            let p = coordinators_page(&state, tr, &user, &id, Some(message)).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e),
    }
}
