//! `GET /steering/cycle?year=YYYY`: the year of the annual cycle as twelve
//! months, each a list of its occurrences with their status in words
//! (planned, open, overdue by n days, done, skipped) — a list by month, so
//! that it reads the same by screen reader and keyboard, with the year drawn
//! as a wheel above it (`ring`) for those who see it.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::cycle::{Standing, Status, standing};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::Purpose;
use ettlag_core::{Coded, Day};
use ettlag_db::now_ms;
use serde::Deserialize;

use super::audience_text;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};
use crate::views::time::{day, moment};

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub done: String,
}

/// One occurrence as shown.
#[derive(Debug)]
struct Item {
    task_id: CycleTaskId,
    due: String,
    due_text: String,
    title: String,
    description: String,
    audience: String,
    /// The status in words.
    status: String,
    /// `planned`, `open`, `overdue`, `done` or `skipped`, for the style.
    class: &'static str,
    note: String,
    /// "Done by … on …".
    closed: String,
    can_mark: bool,
    /// The message of a refused mark of this occurrence, if any.
    error: String,
}

#[derive(Debug)]
struct Month {
    number: u32,
    name: String,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "cycle/page.html")]
struct CyclePage {
    c: Chrome,
    year: i64,
    months: Vec<Month>,
    ring: Vec<super::ring::Segment>,
    summary: String,
    notice: Option<String>,
    /// Whether the user may edit the list of tasks (the administrator).
    is_admin: bool,
    /// A municipality leader keeps the list of tasks too.
    keeps_tasks: bool,
}

/// A refused mark to show again: task, due date, message and the note typed.
pub(super) struct Refused {
    pub task_id: CycleTaskId,
    pub due: String,
    pub message: String,
}

pub(super) fn year_of(q: &str, now: i64) -> i64 {
    q.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (1900..=2199).contains(y))
        .unwrap_or_else(|| Day::from_ms(now).ymd().0)
}

/// Only leaders work with the cycle.
pub(super) fn require_leader(user: &CurrentUser) -> AppResult<()> {
    if user.offers().annual_cycle {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    require_leader(&user)?;
    let year = year_of(&q.year, now_ms());
    let notice = match q.done.as_str() {
        "done" => Some(tr.t("cycle-marked-done")),
        "skipped" => Some(tr.t("cycle-marked-skipped")),
        _ => None,
    };
    show(&state, tr, &user, year, notice, None).await
}

pub(super) async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    year: i64,
    notice: Option<String>,
    refused: Option<Refused>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::Steering);
    let from = Day::clamped(year, 1, 1);
    let to = Day::clamped(year, 12, 31);
    let occurrences = access.cycle_occurrences(from, to).await?;
    let units: Vec<(String, String)> = access
        .units()
        .await?
        .into_iter()
        .map(|u| (u.id.to_string(), u.name))
        .collect();
    let today = Day::from_ms(now_ms());
    let mut months: Vec<Month> = (1..=12)
        .map(|m| Month {
            number: m,
            name: tr.t(&format!("cycle-month-{m}")),
            items: Vec::new(),
        })
        .collect();
    let (mut open, mut overdue, mut closed) = (0, 0, 0);
    for o in occurrences {
        let (status, class) = match standing(o.status, o.due, today) {
            Standing::Closed => {
                closed += 1;
                (tr.t(&o.status.message_key()), o.status.code())
            }
            Standing::Overdue(days) => {
                overdue += 1;
                (
                    tr.t_with("cycle-overdue", &[("days", days.to_string())]),
                    "overdue",
                )
            }
            Standing::DueIn(days) => {
                if o.status == Status::Open {
                    open += 1;
                }
                let when = tr.t_with("cycle-due-in", &[("days", days.to_string())]);
                (
                    format!("{} – {when}", tr.t(&o.status.message_key())),
                    o.status.code(),
                )
            }
        };
        let closed_text = match (&o.closed_by, o.closed_at_ms) {
            (Some(who), Some(at)) => tr.t_with(
                &format!("cycle-closed-{}", o.status.code()),
                &[("who", who.clone()), ("when", moment(at))],
            ),
            _ => String::new(),
        };
        let error = refused
            .as_ref()
            .filter(|r| r.task_id == o.task_id && r.due == o.due.to_string())
            .map(|r| r.message.clone())
            .unwrap_or_default();
        let item = Item {
            can_mark: matches!(o.status, Status::Planned | Status::Open),
            task_id: o.task_id.clone(),
            due: o.due.to_string(),
            due_text: day(o.due),
            audience: audience_text(&tr, &o.audience, &units),
            title: o.title,
            description: o.description,
            status,
            class,
            note: o.note,
            closed: closed_text,
            error,
        };
        let m = o.due.ymd().1 as usize;
        if let Some(month) = months.get_mut(m.saturating_sub(1)) {
            month.items.push(item);
        }
    }
    let ring = super::ring::segments(
        &months
            .iter()
            .map(|m| {
                let classes = m.items.iter().map(|i| i.class).collect();
                (m.number, m.name.clone(), classes)
            })
            .collect::<Vec<_>>(),
    );
    let summary = tr.t_with(
        "cycle-summary",
        &[
            ("open", open.to_string()),
            ("overdue", overdue.to_string()),
            ("closed", closed.to_string()),
        ],
    );
    let status = if refused.is_some() {
        crate::views::form::INVALID
    } else {
        axum::http::StatusCode::OK
    };
    Ok(render(
        status,
        &CyclePage {
            c: Chrome::for_user(tr, user, "steering"),
            is_admin: user.offers().administer,
            keeps_tasks: user.offers().keep_cycle_tasks,
            year,
            months,
            ring,
            summary,
            notice,
        },
    ))
}
