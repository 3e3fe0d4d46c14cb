//! `/privacy/emergency`: the privacy officer's review of every
//! break-the-glass access — who, which child, why, for how long, how much
//! was opened under it — with a link to the staff member's access log and a
//! form to mark it reviewed. The store decides and logs the review list like
//! any other access, so a refused attempt is in the access log too.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::StaffId;
use ettlag_core::ids::EmergencyAccessId;
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_db::{EmergencyAccess, now_ms};

use super::status_key;
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, Fields};
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

const PURPOSE: Purpose = Purpose::PrivacyReview;

/// One access as the officer reads it.
#[derive(Debug)]
struct Item {
    id: EmergencyAccessId,
    staff_id: StaffId,
    staff_name: String,
    child_name: String,
    reason: String,
    granted: String,
    until: String,
    status: String,
    /// When it was ended before it expired, or "no".
    ended_early: String,
    uses: String,
    /// The link text to the staff member's access log.
    see_log: String,
    reviewed: Option<String>,
    review_note: Option<String>,
    /// What went wrong with this item's form, and what was typed.
    error: Option<String>,
    note: String,
}

#[derive(Template)]
#[template(path = "emergency/review.html")]
struct ReviewPage {
    c: Chrome,
    waiting: Vec<Item>,
    done: Vec<Item>,
    notice: Option<String>,
}

fn item(tr: &Tr, e: EmergencyAccess, now: i64) -> Item {
    let ended_early = match e.ended_at_ms {
        Some(end) if end < e.expires_at_ms => moment(end),
        _ => tr.t("emergency-review-not-ended-early"),
    };
    let reviewed = e.reviewed_at_ms.map(|at| {
        tr.t_with(
            "emergency-review-reviewed",
            &[
                ("when", moment(at)),
                ("name", e.reviewed_by.clone().unwrap_or_default()),
            ],
        )
    });
    Item {
        status: tr.t(status_key(&e, now)),
        granted: moment(e.granted_at_ms),
        until: moment(e.expires_at_ms),
        uses: tr.t_with(
            "emergency-review-uses-count",
            &[("count", e.uses.to_string())],
        ),
        see_log: tr.t_with(
            "emergency-review-see-log",
            &[("name", e.staff_name.clone())],
        ),
        ended_early,
        reviewed,
        id: e.id,
        staff_id: e.staff_id,
        staff_name: e.staff_name,
        child_name: e.child_name,
        reason: e.reason,
        review_note: e.review_note,
        error: None,
        note: String::new(),
    }
}

/// The page; `problem` is a refused review form (id, message, typed note).
async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    problem: Option<(EmergencyAccessId, String, String)>,
) -> AppResult<Response> {
    let now = now_ms();
    let all = user.access(state, PURPOSE).emergency_reviews().await?;
    let (mut waiting, mut done) = (Vec::new(), Vec::new());
    for e in all {
        let mut i = item(&tr, e, now);
        if let Some((id, message, note)) = &problem
            && *id == i.id
        {
            i.error = Some(message.clone());
            i.note = note.clone();
        }
        if i.reviewed.is_some() {
            done.push(i);
        } else {
            waiting.push(i);
        }
    }
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ReviewPage {
        waiting,
        done,
        notice,
        c: Chrome::for_user(tr, user, "privacy"),
    };
    Ok(render(status, &page))
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = (done.done == "reviewed").then(|| tr.t("emergency-review-done"));
    show(&state, tr, &user, notice, None).await
}

/// `POST /privacy/emergency/{id}/review`, with an optional note.
pub async fn review(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<EmergencyAccessId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let typed = fields.raw("note");
    let note = match typed.trim() {
        "" => None,
        t => match Text::parse(t, MAX_TEXT) {
            Ok(note) => Some(note),
            Err(e) => {
                let typed: String = typed.chars().take(MAX_TEXT).collect();
                let problem = (id, tr.t(e.message_key()), typed);
                return show(&state, tr, &user, None, Some(problem)).await;
            }
        },
    };
    user.access(&state, PURPOSE)
        .review_emergency_access(&id, note)
        .await?;
    Ok(Redirect::to("/privacy/emergency?done=reviewed").into_response())
}
