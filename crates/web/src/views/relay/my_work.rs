//! `GET /my`: the desk of the one who holds batons — offers waiting for an
//! answer, the logs they hold with overdue evaluations first, their concerns
//! that wait for a decision, and reminders.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::Coded;
use ettlag_core::policy::Purpose;
use ettlag_db::now_ms;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;
use crate::views::layout::{Chrome, page};
use crate::views::time::{day, moment, today_local};

/// A log as a line of the desk.
#[derive(Debug)]
struct Line {
    id: String,
    child: String,
    level: u8,
    /// "Evaluation overdue since …", "Next evaluation …", or nothing.
    due: String,
    overdue: bool,
    from: String,
    /// Feedback alerts in the child's open episodes, for a badge.
    feedback_alerts: usize,
}

#[derive(Debug)]
struct ConcernLine {
    id: String,
    child: String,
    status: String,
    overdue: bool,
}

#[derive(Debug)]
struct Reminder {
    key: String,
    text: String,
    href: String,
    when: String,
}

/// A consent that ends soon, as shown.
#[derive(Debug)]
struct Expiring {
    child_id: String,
    text: String,
}

#[derive(Template)]
#[template(path = "relay/my.html")]
struct MyPage {
    c: Chrome,
    offers: Vec<Line>,
    logs: Vec<Line>,
    /// Logs the family's consent shares with my unit.
    shared: Vec<Line>,
    concerns: Vec<ConcernLine>,
    reminders: Vec<Reminder>,
    expiring: Vec<Expiring>,
}

fn lines(tr: &Tr, list: &[ettlag_db::LogLine]) -> Vec<Line> {
    let today = today_local(now_ms());
    list.iter()
        .map(|l| {
            let overdue = l.next_due.is_some_and(|d| d < today);
            let due = match l.next_due {
                Some(d) if overdue => tr.t_with("my-overdue-since", &[("date", day(d))]),
                Some(d) => tr.t_with("my-next-evaluation", &[("date", day(d))]),
                None => String::new(),
            };
            Line {
                id: l.id.to_string(),
                child: l.child_name.clone(),
                level: l.level.number(),
                due,
                overdue,
                from: l.holder.name.clone(),
                feedback_alerts: 0,
            }
        })
        .collect()
}

pub async fn get(State(state): State<AppState>, tr: Tr, user: CurrentUser) -> AppResult<Response> {
    let work = user.access(&state, Purpose::FollowUp).my_work().await?;
    let now = now_ms();
    let concerns = work
        .concerns
        .iter()
        .map(|c| {
            let clock = ettlag_core::relay::ConcernClock {
                raised_at_ms: c.raised_at_ms,
                deadline_ms: c.deadline_ms,
            };
            let days = clock.days_left(now);
            ConcernLine {
                id: c.id.to_string(),
                child: c.child_name.clone(),
                overdue: clock.is_overdue(now),
                status: if clock.is_overdue(now) {
                    tr.t_with("concern-overdue", &[("days", (-days).max(1).to_string())])
                } else {
                    tr.t_with("concern-days-left", &[("days", days.to_string())])
                },
            }
        })
        .collect();
    let reminders = work
        .notifications
        .iter()
        .map(|n| Reminder {
            key: n.key.clone(),
            text: notice_text(&tr, n),
            // The page of what it is about, most specific first.
            href: if n.kind == ettlag_db::CYCLE_DUE {
                "/steering/cycle".to_string()
            } else if n.child_id.as_str().is_empty() && n.log_id.is_none() {
                // A notice about the reader themself: nothing else to open.
                "/my".to_string()
            } else if let Some(item) = &n.intake_id {
                format!("/intake/{item}")
            } else if let Some(episode) = &n.feedback_episode_id {
                format!("/feedback/{episode}")
            } else if let Some(plan) = &n.plan_id {
                format!("/plans/{plan}")
            } else if let Some(report) = &n.report_id {
                format!("/reports/{report}")
            } else if let Some(log) = &n.log_id {
                format!("/logs/{log}")
            } else if let Some(concern) = &n.concern_id {
                format!("/concerns/{concern}")
            } else {
                format!("/children/{}", n.child_id)
            },
            when: moment(n.created_at_ms),
        })
        .collect();
    let expiring = work
        .expiring_consents
        .iter()
        .map(|c| Expiring {
            child_id: c.child_id.to_string(),
            text: tr.t_with(
                "my-consent-ends",
                &[("child", c.child_name.clone()), ("date", day(c.valid_to))],
            ),
        })
        .collect();
    // A badge on the logs I hold whose child has feedback alerts.
    let access = user.access(&state, Purpose::FollowUp);
    let mut logs = lines(&tr, &work.logs);
    for (line, log) in logs.iter_mut().zip(&work.logs) {
        line.feedback_alerts = access.feedback_alert_count(&log.child_id).await?;
    }
    Ok(page(&MyPage {
        expiring,
        offers: lines(&tr, &work.offers),
        logs,
        shared: lines(&tr, &work.shared),
        concerns,
        reminders,
        c: Chrome::for_user(tr, &user, "my"),
    }))
}

/// `POST /my/notifications/read`: a reminder is seen to.
pub async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    user.access(&state, Purpose::FollowUp)
        .mark_notification_read(&fields.raw("key"))
        .await?;
    Ok(Redirect::to("/my").into_response())
}

/// A reminder in words. A date reads as dates do here, a measure's text as
/// written; a notice that a unit lost a log names why (`reason|unit`).
fn notice_text(tr: &Tr, n: &ettlag_db::Notification) -> String {
    let (reason, unit) = n.detail.split_once('|').unwrap_or((&n.detail, ""));
    let reason = ettlag_core::relay::AccessEnded::from_code(reason)
        .map(|r| tr.t(&format!("notice-{}", r.message_key())));
    let detail = match &reason {
        Some(r) => r.clone(),
        None => ettlag_core::Day::parse(&n.detail)
            .map(day)
            .unwrap_or_else(|_| n.detail.clone()),
    };
    tr.t_with(
        &format!("notice-{}", n.kind.replace('_', "-")),
        &[
            ("child", n.child_name.clone()),
            ("detail", detail),
            ("unit", unit.to_string()),
        ],
    )
}
