//! `POST /steering/cycle/mark`: a leader marks an occurrence done with what
//! was evaluated or learned, or skips it with a reason. An empty note is
//! refused with a message next to the occurrence, and nothing changes.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::Day;
use ettlag_core::cycle::Outcome;
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::Purpose;
use ettlag_db::DbError;

use super::page::{Refused, require_leader, show, year_of};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::hidden_id;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Fields, see_other};

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_leader(&user)?;
    let f = Fields::parse(&body)?;
    let task_id: CycleTaskId = hidden_id(&f.get("task"))?.ok_or(AppError::NotFound)?;
    let due_text = f.get("due");
    let due = Day::parse(&due_text).map_err(|e| AppError::BadRequest(e.message_key().into()))?;
    let year = year_of(&f.get("year"), due.start_ms());
    let skip = f.get("action") == "skip";
    let note = f.raw("note");
    let outcome = if skip {
        Outcome::skipped(&note)
    } else {
        Outcome::done(&note)
    };
    let refuse = |key: &str| Refused {
        task_id: task_id.clone(),
        due: due_text.clone(),
        message: tr.t(key),
    };
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            let refused = refuse(e.message_key());
            return show(&state, tr, &user, year, None, Some(refused)).await;
        }
    };
    match user
        .access(&state, Purpose::Steering)
        .mark_cycle_occurrence(&task_id, due, outcome)
        .await
    {
        Ok(()) => {}
        Err(DbError::Refused(key)) => {
            let refused = refuse(key);
            return show(&state, tr, &user, year, None, Some(refused)).await;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(
        "/steering/cycle",
        &[
            ("year", &year.to_string()),
            ("done", if skip { "skipped" } else { "done" }),
        ],
    ))
}
