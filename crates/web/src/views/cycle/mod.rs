//! The annual cycle (årshjul) for leaders: `/steering/cycle` shows the year
//! month by month with each occurrence's status, where the leaders it is for
//! mark it done with a note or skip it with a reason; `/admin/cycle` is
//! where the administrator keeps the list of tasks.

mod admin;
mod leader;
mod mark;
mod page;
mod ring;

use axum::Router;
use axum::routing::{get, post};
use ettlag_core::Coded;
use ettlag_core::cycle::{Audience, Recurrence, RecurrenceKind};

use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/steering/cycle", get(page::get))
        .route("/steering/cycle/mark", post(mark::post))
        .route("/steering/cycle/tasks", get(leader::get).post(leader::post))
        .route("/admin/cycle", get(admin::get).post(admin::post))
}

/// Who a task is for, in words; `units` names units by id.
pub(crate) fn audience_text(tr: &Tr, a: &Audience, units: &[(String, String)]) -> String {
    match a {
        Audience::Municipality => tr.t("cycle-for-municipality"),
        Audience::ServiceType(t) => {
            tr.t_with("cycle-for-service", &[("service", tr.t(&t.message_key()))])
        }
        Audience::Unit(u) => {
            let name = units
                .iter()
                .find(|(id, _)| id == u.as_str())
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| u.to_string());
            tr.t_with("cycle-for-unit", &[("unit", name)])
        }
    }
}

/// How often, in words: "Every year on 15 April, reminder 30 days before".
pub(crate) fn recurrence_text(tr: &Tr, r: &Recurrence) -> String {
    let lead = ("lead", r.lead_days().to_string());
    let day = ("day", r.day().to_string());
    match r.kind() {
        RecurrenceKind::Yearly => tr.t_with(
            "cycle-every-yearly-text",
            &[
                day,
                ("month", tr.t(&format!("cycle-month-{}", r.month()))),
                lead,
            ],
        ),
        RecurrenceKind::Quarterly => tr.t_with(
            "cycle-every-quarterly-text",
            &[
                day,
                (
                    "month",
                    tr.t(&format!("cycle-month-{}", (r.month() - 1) % 3 + 1)),
                ),
                lead,
            ],
        ),
        RecurrenceKind::Monthly => tr.t_with("cycle-every-monthly-text", &[day, lead]),
    }
}

/// The kinds of recurrence with their names, for a select.
pub(crate) fn kinds(tr: &Tr) -> Vec<(&'static str, String)> {
    RecurrenceKind::ALL
        .iter()
        .map(|k| (k.code(), tr.t(&k.message_key())))
        .collect()
}
