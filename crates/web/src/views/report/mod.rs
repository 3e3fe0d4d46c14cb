//! Reports to child welfare under the duty to report: the form, the
//! reporter's receipt, and child welfare's queue and review.
//!
//! Every page reaches the report through the store's access context, so the
//! policy decides each read and write with the statutory basis and the access
//! log records it: making a report needs no consent, child welfare reads and
//! reviews what it received, the reporter reads only their own receipt.

mod list;
mod new;
mod show;

use axum::Router;
use axum::routing::{get, post};
use ettlag_core::Coded;
use ettlag_core::relay::ConcernClock;
use ettlag_db::Report;

use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::time::moment;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/children/{id}/reports/new", get(new::get).post(new::post))
        .route("/reports", get(list::get))
        .route("/reports/{id}", get(show::get))
        .route("/reports/{id}/acknowledge", post(show::acknowledge))
        .route("/reports/{id}/review", post(show::review))
}

/// A report as the pages show it, in the reader's language.
#[derive(Debug)]
pub(super) struct Shown {
    pub report: Report,
    pub child_name: String,
    pub sent_at: String,
    /// The reporter, with the unit they reported from.
    pub from: String,
    /// (letter, the ground in plain words).
    pub grounds: Vec<(char, String)>,
    /// Where it stands, as a sentence for the receipt.
    pub status: String,
    /// Where it stands, in a word or two for a list.
    pub state: String,
    /// Past the review deadline without a review.
    pub overdue: bool,
    /// Days left of the review clock, or how long it is overdue; empty once
    /// reviewed.
    pub clock: String,
    pub deadline: String,
    pub acknowledged: Option<String>,
    pub reviewed: Option<String>,
}

impl Shown {
    pub fn new(tr: &Tr, report: Report, now_ms: i64) -> Shown {
        let clock = ConcernClock {
            raised_at_ms: report.submitted_at_ms,
            deadline_ms: report.review_due_at_ms,
        };
        let overdue = report.is_overdue(now_ms);
        let days = clock.days_left(now_ms);
        let clock_text = if report.reviewed_at_ms.is_some() {
            String::new()
        } else if overdue {
            tr.t_with(
                "report-clock-overdue",
                &[("days", (-days).max(1).to_string())],
            )
        } else {
            tr.t_with("report-clock-left", &[("days", days.to_string())])
        };
        let outcome = report
            .outcome
            .map(|o| tr.t(&o.message_key()))
            .unwrap_or_default();
        let (status, state) = match (report.reviewed_at_ms, report.acknowledged_at_ms) {
            (Some(at), _) => (
                tr.t_with(
                    "report-status-reviewed",
                    &[("date", moment(at)), ("outcome", outcome)],
                ),
                "report-state-reviewed",
            ),
            (None, Some(at)) => (
                tr.t_with("report-status-acknowledged", &[("date", moment(at))]),
                "report-state-acknowledged",
            ),
            (None, None) => (tr.t("report-status-waiting"), "report-state-waiting"),
        };
        let by = |who: &Option<ettlag_db::StaffRef>, at: Option<i64>| {
            at.map(|at| {
                let name = who.as_ref().map(|s| s.name.as_str()).unwrap_or_default();
                format!("{name}, {}", moment(at))
            })
        };
        Shown {
            child_name: format!("{} {}", report.child.given_name, report.child.family_name),
            sent_at: moment(report.submitted_at_ms),
            from: match &report.reporter_unit {
                Some(unit) => format!("{} ({})", report.reporter.name, unit.name),
                None => report.reporter.name.clone(),
            },
            grounds: report
                .grounds
                .iter()
                .map(|g| (g.letter(), tr.t(&g.message_key())))
                .collect(),
            status,
            state: tr.t(state),
            overdue,
            clock: clock_text,
            deadline: moment(report.review_due_at_ms),
            acknowledged: by(&report.acknowledged_by, report.acknowledged_at_ms),
            reviewed: by(&report.reviewed_by, report.reviewed_at_ms),
            report,
        }
    }
}
