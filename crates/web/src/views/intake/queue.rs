//! `/intake`: the queue — for intake staff all of it, for others what was
//! assigned to them, their unit or their team; and a staff member's request
//! for help about a child from the child's page.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::intake::{Source, Status};
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Coded, PersonId};
use ettlag_db::{NewIntake, QueueFilter, now_ms};

use super::{Line, REPORT_KIND, REPORT_KIND_KEY};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, render};

/// The purpose of a user's work in the queue.
pub(super) fn purpose(user: &CurrentUser) -> Purpose {
    if user.offers().triage {
        Purpose::Triage
    } else {
        Purpose::FollowUp
    }
}

#[derive(Template)]
#[template(path = "intake/queue.html")]
struct QueuePage {
    c: Chrome,
    lines: Vec<Line>,
    statuses: Vec<Choice>,
    kinds: Vec<Choice>,
    urgent: bool,
    triage: bool,
    /// The kinds intake staff register themselves.
    sources: Vec<Choice>,
    error: Option<String>,
    text: String,
    from: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    urgent: String,
    #[serde(default)]
    kind: String,
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    let filter = QueueFilter {
        status: Status::from_code(&q.status),
        urgent_only: q.urgent == "1",
        source: Source::from_code(&q.kind),
    };
    let only_reports = q.kind == REPORT_KIND;
    show_queue(
        &state,
        tr,
        &user,
        filter,
        only_reports,
        None,
        &Fields::default(),
    )
    .await
}

/// The queue page, with the registration form's error and what was typed.
pub(super) async fn show_queue(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    filter: QueueFilter,
    only_reports: bool,
    error: Option<String>,
    typed: &Fields,
) -> AppResult<Response> {
    let user = user.clone();
    let access = user.access(state, purpose(&user));
    let now = now_ms();
    let mut lines: Vec<Line> = if only_reports {
        Vec::new()
    } else {
        let items = access.intake_queue(&filter).await?;
        items.iter().map(|i| Line::new(&tr, i, now)).collect()
    };
    // Child welfare caseworkers find the reports sent to their unit in the
    // same queue, while they wait for review (the open view only).
    let reports_fit = filter.status.is_none() && (filter.source.is_none() || only_reports);
    if reports_fit && in_child_welfare(state, &user).await? {
        let reports = user.access(state, Purpose::FollowUp).report_queue().await?;
        lines.extend(
            reports
                .iter()
                .filter(|r| r.reviewed_at_ms.is_none())
                .map(|r| Line::from_report(&tr, r, now))
                .filter(|l| !filter.urgent_only || l.overdue || l.near),
        );
    }
    // Past the deadline first, then near it, then the rest by deadline.
    lines.sort_by_key(|l| (!l.overdue, !l.near, l.deadline_ms));
    let statuses = std::iter::once(Choice::new(
        "",
        tr.t("intake-status-open"),
        filter.status.is_none(),
    ))
    .chain(
        Status::ALL
            .iter()
            .map(|s| Choice::new(s.code(), tr.t(&s.message_key()), filter.status == Some(*s))),
    )
    .collect();
    let kinds = std::iter::once(Choice::new(
        "",
        tr.t("intake-kind-all"),
        filter.source.is_none() && !only_reports,
    ))
    .chain(
        Source::ALL
            .iter()
            .map(|s| Choice::new(s.code(), tr.t(&s.message_key()), filter.source == Some(*s))),
    )
    .chain(std::iter::once(Choice::new(
        REPORT_KIND,
        tr.t(REPORT_KIND_KEY),
        only_reports,
    )))
    .collect();
    let sources = [Source::Referral, Source::PlanNotice]
        .iter()
        .map(|s| {
            Choice::new(
                s.code(),
                tr.t(&s.message_key()),
                typed.get("source") == s.code(),
            )
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = QueuePage {
        lines,
        statuses,
        kinds,
        urgent: filter.urgent_only,
        triage: user.offers().triage,
        sources,
        error,
        text: typed.raw("text"),
        from: typed.raw("from"),
        c: Chrome::for_user(tr, &user, "intake"),
    };
    Ok(render(status, &page))
}

/// Whether the user works in a child welfare unit, whose reports share the queue.
async fn in_child_welfare(state: &AppState, user: &CurrentUser) -> AppResult<bool> {
    let units = user
        .access(state, Purpose::FollowUp)
        .child_welfare_units()
        .await?;
    Ok(units.iter().any(|u| user.actor.units.contains(&u.id)))
}

/// `POST /children/{id}/help-request`: a staff member asks the coordinating
/// unit for help or a team around a child they follow.
pub async fn request(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(child): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let text = Text::parse(&fields.raw("text"), MAX_TEXT)
        .map_err(|e| AppError::BadRequest(e.message_key().into()))?;
    let receipt = user
        .access(&state, Purpose::FollowUp)
        .register_intake(NewIntake {
            source: Source::StaffRequest,
            text,
            person: Some(child),
            from: None,
        })
        .await
        .map_err(AppError::from)?;
    let _ = tr;
    Ok(Redirect::to(&format!("/intake/{}?done=asked", receipt.id)).into_response())
}
