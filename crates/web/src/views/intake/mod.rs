//! Intake: the public "we need help" form with its receipt, and the
//! coordinating unit's one queue with each item's triage.

mod help;
mod item;
mod queue;
mod register;

use axum::Router;
use axum::routing::{get, post};
use ettlag_core::Coded;
use ettlag_core::intake::{ClockState, IntakeClock, Source};
use ettlag_db::{IntakeItem, Report};

use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::time::moment;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/help", get(help::get).post(help::post))
        .route("/help/sent", get(help::sent))
        .route("/intake", get(queue::get))
        .route("/intake/new", post(register::post))
        .route("/intake/{id}", get(item::get))
        .route("/intake/{id}/triage", post(item::triage))
        .route("/intake/{id}/team", post(item::team))
        .route("/intake/{id}/log", post(item::start_log))
        .route("/children/{id}/help-request", post(queue::request))
}

/// An item as a line in the queue, in the reader's language.
#[derive(Debug)]
pub(super) struct Line {
    /// Where the line leads: the item, or the report in child welfare's pages.
    pub href: String,
    pub reference: String,
    pub source: String,
    pub about: String,
    pub summary: String,
    pub status: String,
    pub received: String,
    /// The clock in words: days left, or how long overdue.
    pub clock: String,
    pub overdue: bool,
    pub near: bool,
    pub escalated: bool,
    /// For sorting lines of both kinds by their deadline.
    pub deadline_ms: i64,
}

impl Line {
    pub fn new(tr: &Tr, item: &IntakeItem, now: i64) -> Line {
        let days = item.clock.days_left(now);
        let state = item.clock.state(now);
        let open = item.status != ettlag_core::intake::Status::Closed;
        let text = item
            .request
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or_default();
        let mut summary: String = text.chars().take(140).collect();
        if text.chars().count() > 140 {
            summary.push('…');
        }
        Line {
            href: format!("/intake/{}", item.id),
            reference: item.reference.clone(),
            source: tr.t(&item.source.message_key()),
            about: item
                .person_name
                .clone()
                .or_else(|| {
                    (item.source == Source::SelfReferral)
                        .then(|| item.request.get("child_name").and_then(|n| n.as_str()))
                        .flatten()
                        .map(|n| tr.t_with("intake-about-unsure", &[("name", n.to_string())]))
                })
                .unwrap_or_else(|| tr.t("intake-about-unknown")),
            summary,
            status: tr.t(&item.status.message_key()),
            received: moment(item.clock.received_at_ms),
            clock: if !open {
                String::new()
            } else if days < 0 {
                tr.t_with("intake-overdue", &[("days", (-days).to_string())])
            } else {
                tr.t_with("intake-days-left", &[("days", days.to_string())])
            },
            overdue: open && state == ClockState::Overdue,
            near: open && state == ClockState::Near,
            escalated: item.escalated,
            deadline_ms: item.clock.deadline_ms,
        }
    }

    /// A report to child welfare as a line of the same queue, for the
    /// caseworkers it was sent to: it came in through the other door (the
    /// duty to report names child welfare as the receiver), but it is work
    /// with a clock like everything else that comes in.
    pub fn from_report(tr: &Tr, report: &Report, now: i64) -> Line {
        let clock = IntakeClock {
            received_at_ms: report.submitted_at_ms,
            deadline_ms: report.review_due_at_ms,
        };
        let open = report.reviewed_at_ms.is_none();
        let days = clock.days_left(now);
        let state = clock.state(now);
        let mut summary: String = report.text.chars().take(140).collect();
        if report.text.chars().count() > 140 {
            summary.push('…');
        }
        let status = match (report.reviewed_at_ms, report.acknowledged_at_ms) {
            (Some(_), _) => "report-state-reviewed",
            (None, Some(_)) => "report-state-acknowledged",
            (None, None) => "report-state-waiting",
        };
        Line {
            href: format!("/reports/{}", report.id),
            reference: report.reference.clone(),
            source: tr.t(REPORT_KIND_KEY),
            about: format!("{} {}", report.child.given_name, report.child.family_name),
            summary,
            status: tr.t(status),
            received: moment(report.submitted_at_ms),
            clock: if !open {
                String::new()
            } else if days < 0 {
                tr.t_with("report-clock-overdue", &[("days", (-days).to_string())])
            } else {
                tr.t_with("report-clock-left", &[("days", days.to_string())])
            },
            overdue: open && state == ClockState::Overdue,
            near: open && state == ClockState::Near,
            escalated: false,
            deadline_ms: report.review_due_at_ms,
        }
    }
}

/// The queue's word for a report to child welfare, also its filter's label.
pub(super) const REPORT_KIND_KEY: &str = "intake-source-report";
/// The filter value that shows only reports to child welfare.
pub(super) const REPORT_KIND: &str = "report";
