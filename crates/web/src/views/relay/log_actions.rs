//! What the holder does with a log — change its level, offer the baton (as
//! a transition with its checklist, or not), take an offer back, close it —
//! and how the one offered the baton answers.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::{ClosingReason, FamilyInformedDraft, Level, Transition};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Coded, StaffId, UnitId};
use ettlag_db::LogCommand;

use super::family::{draft_of, parse_family};
use super::log_entries::version_of;
use super::log_page::{Problem, render_log};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;

/// An optional free text: empty is none.
fn optional_text(text: &str) -> Result<Option<Text>, AppError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        Text::parse(text, MAX_TEXT)
            .map(Some)
            .map_err(|e| AppError::BadRequest(e.message_key().into()))
    }
}

/// The free texts of a form, kept to show again.
fn typed(fields: &Fields, names: &[&str]) -> Vec<(String, String)> {
    names
        .iter()
        .map(|n| (n.to_string(), fields.raw(n)))
        .collect()
}

fn bad(key: &str) -> AppError {
    AppError::BadRequest(key.into())
}

/// A command from one of the log page's forms.
struct Step<'a> {
    /// The form, to show a problem next to it.
    form: &'a str,
    /// The notice after success.
    done: &'a str,
    command: Result<LogCommand, AppError>,
    version: Option<i64>,
    /// The free texts of the form, shown again if it is refused.
    typed: Vec<(String, String)>,
    /// The id of the field a refusal is about, if it is known before the store.
    field: &'static str,
    /// What the level form sent about the family.
    family: FamilyInformedDraft,
}

/// Runs one command from a form, then back to the log with a notice, or the
/// log again with the problem next to the form.
async fn run(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &RelayLogId,
    step: Step<'_>,
) -> AppResult<Response> {
    let Step {
        form,
        done,
        command,
        version,
        typed,
        field,
        family,
    } = step;
    let result = match command {
        Ok(command) => user
            .access(state, Purpose::FollowUp)
            .record(id, command, version)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/logs/{id}?done={done}")).into_response()),
        Err(e @ (AppError::BadRequest(_) | AppError::Conflict(_) | AppError::Stale)) => {
            let problem = Problem {
                form: form.to_string(),
                message: tr.t(&e.message_key()),
                status: Some(if e == AppError::Stale {
                    StatusCode::PRECONDITION_FAILED
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                }),
                typed,
                field: problem_field(&e, field).to_string(),
                family,
                ..Problem::default()
            };
            render_log(state, tr, user, id, None, problem).await
        }
        Err(e) => Err(e),
    }
}

/// The field a refusal links to: the one found when parsing, or for the
/// store's refusal of a change without the family, the family's fieldset.
fn problem_field(e: &AppError, parsed: &'static str) -> &'static str {
    match e {
        AppError::Conflict(key) if key.starts_with("family-error-") => "family-told",
        _ => parsed,
    }
}

pub async fn level(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let family = draft_of(&fields);
    let parsed = parse_family(&family);
    let field = parsed.as_ref().err().map_or("", |e| e.field());
    let command = fields
        .get("level")
        .parse::<u8>()
        .ok()
        .and_then(|l| Level::try_from(l).ok())
        .ok_or_else(|| bad("relay-error-level"))
        .and_then(|to| {
            Ok(LogCommand::ChangeLevel {
                to,
                reason: fields.raw("reason"),
                family_informed: Some(parsed.map_err(|e| bad(e.message_key()))?),
            })
        });
    let version = version_of(&fields);
    run(
        &state,
        tr,
        &user,
        &id,
        Step {
            form: "level",
            done: "level",
            command,
            version,
            typed: typed(&fields, &["reason"]),
            field,
            family,
        },
    )
    .await
}

pub async fn offer(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let command = (|| {
        let to = fields.get("to");
        let (staff, unit) = to
            .split_once('|')
            .ok_or_else(|| bad("baton-error-not-in-unit"))?;
        let to = StaffId::parse(staff).ok_or_else(|| bad("baton-error-not-in-unit"))?;
        let to_unit = UnitId::parse(unit).ok_or_else(|| bad("baton-error-not-in-unit"))?;
        let transition = if fields.get("transition") == "yes" {
            Some(
                Transition::parse(&fields.all("done"), &fields.raw("note"))
                    .map_err(|e| bad(e.message_key()))?,
            )
        } else {
            None
        };
        Ok(LogCommand::OfferBaton {
            to,
            to_unit,
            family_wish: optional_text(&fields.raw("family_wish"))?,
            transition,
        })
    })();
    let version = version_of(&fields);
    run(
        &state,
        tr,
        &user,
        &id,
        Step {
            form: "offer",
            done: "offered",
            command,
            version,
            typed: typed(&fields, &["family_wish", "note"]),
            field: "",
            family: FamilyInformedDraft::default(),
        },
    )
    .await
}

pub async fn answer(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let (command, done) = match fields.get("answer").as_str() {
        "accept" => (Ok(LogCommand::AcceptBaton), "accepted"),
        "decline" => (
            optional_text(&fields.raw("reason")).map(|reason| LogCommand::DeclineBaton { reason }),
            "declined",
        ),
        _ => (Err(bad("baton-error-no-offer")), ""),
    };
    let version = version_of(&fields);
    run(
        &state,
        tr,
        &user,
        &id,
        Step {
            form: "answer",
            done,
            command,
            version,
            typed: typed(&fields, &["reason"]),
            field: "",
            family: FamilyInformedDraft::default(),
        },
    )
    .await
}

pub async fn withdraw(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let version = version_of(&fields);
    let step = Step {
        form: "offer",
        done: "withdrawn",
        command: Ok(LogCommand::WithdrawOffer),
        version,
        typed: Vec::new(),
        field: "",
        family: FamilyInformedDraft::default(),
    };
    run(&state, tr, &user, &id, step).await
}

pub async fn close(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let command = ClosingReason::from_code(&fields.get("reason"))
        .ok_or_else(|| bad("close-error-reason"))
        .and_then(|reason| {
            Ok(LogCommand::Close {
                reason,
                note: optional_text(&fields.raw("note"))?,
            })
        });
    let version = version_of(&fields);
    run(
        &state,
        tr,
        &user,
        &id,
        Step {
            form: "close",
            done: "closed",
            command,
            version,
            typed: typed(&fields, &["note"]),
            field: "",
            family: FamilyInformedDraft::default(),
        },
    )
    .await
}
