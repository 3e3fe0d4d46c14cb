//! `GET /coordination`: the coordinating unit's overview — every plan's
//! status (overdue revisions first, then soon due, then people coordinated
//! without a plan) with its coordinators, and each coordinator's load.
//! Others get 403.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_core::plan::Due;
use ettlag_core::policy::Purpose;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, page};
use crate::views::time::day;

struct Line {
    person_id: String,
    person: String,
    plan_href: String,
    due: String,
    urgent: bool,
    coordinators: String,
}

struct Load {
    name: String,
    people: i64,
    without_plan: i64,
    overdue: i64,
    soon: i64,
}

#[derive(Template)]
#[template(path = "plan/overview.html")]
struct OverviewPage {
    c: Chrome,
    lines: Vec<Line>,
    load: Vec<Load>,
}

pub async fn get(State(state): State<AppState>, tr: Tr, user: CurrentUser) -> AppResult<Response> {
    let o = user
        .access(&state, Purpose::FollowUp)
        .coordination_overview()
        .await?;
    let lines = o
        .lines
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
            coordinators: if l.coordinators.is_empty() {
                tr.t("plan-overview-no-coordinator")
            } else {
                l.coordinators
                    .iter()
                    .map(|c| format!("{} ({})", c.staff_name, tr.t(&c.kind.message_key())))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            person: l.person_name,
            person_id: l.person_id.to_string(),
        })
        .collect();
    let load = o
        .load
        .into_iter()
        .map(|l| Load {
            name: l.staff_name,
            people: l.people,
            without_plan: l.without_plan,
            overdue: l.overdue,
            soon: l.soon,
        })
        .collect();
    Ok(page(&OverviewPage {
        lines,
        load,
        c: Chrome::for_user(tr, &user, "my"),
    }))
}
