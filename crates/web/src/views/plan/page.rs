//! `GET /plans/{id}` (and `/print`): the plan as it stands, with the
//! person's words first, then goals with the measures serving each and who
//! contributes what, the coordinators, the period, and every revision.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::PlanId;
use ettlag_core::plan::{Contributor, PlanContent};
use ettlag_core::policy::Purpose;
use ettlag_core::{Coded, PersonId};
use ettlag_db::PlanView;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};
use crate::views::time::day;
use crate::views::time::moment;

pub(super) struct GoalView {
    pub number: usize,
    pub master: String,
    pub by: String,
    pub know_by: String,
    pub measures: Vec<MeasureView>,
}

pub(super) struct MeasureView {
    pub what: String,
    pub how: String,
    /// (who, what they contribute)
    pub contributions: Vec<(String, String)>,
    /// For a measure agreed in a meeting: (meeting id, who is responsible
    /// by when).
    pub from_meeting: Option<(String, String)>,
}

pub(super) struct RevisionLine {
    pub number: u32,
    pub when: String,
    pub by: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "plan/plan.html")]
struct PlanPage {
    c: Chrome,
    print: bool,
    id: String,
    person_id: String,
    person_name: String,
    from_log_id: Option<String>,
    what_matters: String,
    needs_and_dreams: String,
    resources: String,
    participants: String,
    cooperation: String,
    consent: String,
    period: String,
    next_revision: String,
    goals: Vec<GoalView>,
    coordinators: Vec<(String, String)>,
    revisions: Vec<RevisionLine>,
    meetings: Vec<super::meetings::MeetingSummary>,
    /// The person's feedback, where the feedback policy lets the reader see it.
    feedback: Option<crate::views::feedback::panel::Panel>,
}

fn goals(
    tr: &Tr,
    plan: &PlanContent,
    unit_names: &[(String, String)],
    staff_names: &std::collections::BTreeMap<String, String>,
) -> Vec<GoalView> {
    let who = |c: &Contributor| match c {
        Contributor::Person => tr.t("plan-contributor-person"),
        Contributor::Relative { name } => name.to_string(),
        Contributor::Unit { unit } => unit_names
            .iter()
            .find(|(id, _)| id == unit.as_str())
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| unit.to_string()),
    };
    plan.goals
        .iter()
        .enumerate()
        .map(|(i, g)| GoalView {
            number: i + 1,
            master: g.master.to_string(),
            by: day(g.by),
            know_by: g.know_by.to_string(),
            measures: plan
                .measures_for(i)
                .map(|m| MeasureView {
                    what: m.what.to_string(),
                    how: m.how.to_string(),
                    contributions: m
                        .contributions
                        .iter()
                        .map(|c| (who(&c.who), c.what.to_string()))
                        .collect(),
                    from_meeting: m.origin.as_ref().map(|o| {
                        let responsible = staff_names
                            .get(o.responsible.as_str())
                            .cloned()
                            .unwrap_or_else(|| o.responsible.to_string());
                        (
                            o.meeting.clone(),
                            tr.t_with(
                                "meeting-measure-origin",
                                &[("who", responsible), ("date", day(o.deadline))],
                            ),
                        )
                    }),
                })
                .collect(),
        })
        .collect()
}

async fn show(
    state: AppState,
    tr: Tr,
    user: CurrentUser,
    id: PlanId,
    print: bool,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let plan: PlanView = access.plan(&id).await?;
    let current = plan.current().ok_or(AppError::NotFound)?;
    let units: Vec<(String, String)> = access
        .units()
        .await?
        .into_iter()
        .map(|u| (u.id.to_string(), u.name))
        .collect();
    let content = &current.content;
    let opt =
        |t: &Option<ettlag_core::text::Text>| t.as_ref().map(|t| t.to_string()).unwrap_or_default();
    let feedback = if print {
        None
    } else {
        crate::views::feedback::panel::panel(
            &state,
            &tr,
            &user,
            &plan.person_id,
            crate::views::feedback::panel::LinkedTo::Plan(&plan.id),
            None,
        )
        .await?
    };
    let page = PlanPage {
        feedback,
        print,
        goals: goals(&tr, content, &units, &plan.staff_names),
        meetings: super::meetings::lines(&tr, &access, &plan.id).await?,
        what_matters: content.what_matters.to_string(),
        needs_and_dreams: content.needs_and_dreams.to_string(),
        resources: opt(&content.resources),
        participants: opt(&content.participants),
        cooperation: opt(&content.cooperation),
        consent: opt(&content.consent),
        period: format!(
            "{} – {}",
            day(content.period.start),
            day(content.period.end)
        ),
        next_revision: day(content.next_revision),
        coordinators: plan
            .coordinators
            .iter()
            .map(|c| (tr.t(&c.kind.message_key()), c.staff_name.clone()))
            .collect(),
        revisions: plan
            .revisions
            .iter()
            .rev()
            .map(|r| RevisionLine {
                number: r.number,
                when: moment(r.at_ms),
                by: plan
                    .staff_names
                    .get(r.by.as_str())
                    .cloned()
                    .unwrap_or_else(|| r.by.to_string()),
                reason: r.reason.to_string(),
            })
            .collect(),
        id: plan.id.to_string(),
        person_id: plan.person_id.to_string(),
        person_name: plan.person_name.clone(),
        from_log_id: plan.from_log_id.clone().map(|id| id.to_string()),
        c: Chrome::for_user(tr, &user, "children"),
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PlanId>,
) -> AppResult<Response> {
    show(state, tr, user, id, false).await
}

pub async fn print(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PlanId>,
) -> AppResult<Response> {
    show(state, tr, user, id, true).await
}

/// `GET /children/{id}/plan`: the person's plan, or the form to make one.
pub async fn of_person(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    Ok(match access.plan_of(&id).await? {
        Some(plan) => Redirect::to(&format!("/plans/{}", plan.id)).into_response(),
        None => Redirect::to(&format!("/children/{id}/plan/new")).into_response(),
    })
}
