//! `GET`/`POST /children/{id}/reports/new`: a report to child welfare. The
//! form explains the duty to report before it asks for anything; a refused
//! report is shown again with the reason and everything typed kept.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::policy::Purpose;
use ettlag_core::report::{Ground, ReportDraft, ReportError};
use ettlag_core::{Coded, PersonId, UnitId};
use ettlag_db::{ChildRef, NewReport};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, render};

/// One ground of the law as a checkbox.
#[derive(Debug)]
struct GroundChoice {
    code: &'static str,
    letter: char,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "report/new.html")]
struct NewReportPage {
    c: Chrome,
    child: ChildRef,
    grounds: Vec<GroundChoice>,
    /// The child welfare units; a choice only when there is more than one.
    receivers: Vec<Choice>,
    text: String,
    concern: String,
    error: Option<String>,
    /// The field the error is about: `grounds`, `text`, `receiver` or empty.
    invalid: &'static str,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    concern: String,
}

/// What the form was filled in with.
#[derive(Debug, Default)]
struct Typed {
    grounds: Vec<String>,
    text: String,
    receiver: String,
    concern: String,
}

impl Typed {
    fn from_fields(fields: &Fields) -> Typed {
        Typed {
            grounds: fields.all("ground"),
            text: fields.raw("text"),
            receiver: fields.get("receiving_unit"),
            concern: fields.get("concern"),
        }
    }
}

/// A concern id as sent, or none when it could name nothing.
fn concern_id(text: &str) -> Option<ettlag_core::ids::ConcernId> {
    ettlag_core::ids::ConcernId::parse(text)
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    child: &PersonId,
    typed: Typed,
    error: Option<(StatusCode, &str)>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    // The child as the duty to report lets the reporter see it: no consent
    // needed, and someone who does not know the child gets a 404.
    let child = access.report_subject(child).await?;
    let receivers = access
        .child_welfare_units()
        .await?
        .into_iter()
        .map(|u| {
            let chosen = typed.receiver == u.id.as_str();
            Choice::new(u.id.as_str(), u.name, chosen)
        })
        .collect();
    let grounds = Ground::ALL
        .iter()
        .map(|g| GroundChoice {
            code: g.code(),
            letter: g.letter(),
            label: tr.t(&g.message_key()),
            checked: typed
                .grounds
                .iter()
                .any(|t| t == g.code() || *t == g.letter().to_string()),
        })
        .collect();
    let invalid = match error.map(|(_, key)| key) {
        Some("report-error-ground" | "report-error-unknown-ground") => "grounds",
        Some("report-error-text" | "report-error-too-long" | "report-error-bad-text") => "text",
        Some("report-error-receiver") => "receiver",
        _ => "",
    };
    let status = error.map_or(StatusCode::OK, |(s, _)| s);
    let page = NewReportPage {
        child,
        grounds,
        receivers,
        text: typed.text,
        concern: concern_id(&typed.concern)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        error: error.map(|(_, key)| tr.t(key)),
        invalid,
        c: Chrome::for_user(tr, user, "reports"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(child): IdPath<PersonId>,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let typed = Typed {
        concern: query.concern,
        ..Typed::default()
    };
    show(&state, tr, &user, &child, typed, None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(child): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let mut typed = Typed::from_fields(&Fields::parse(&body)?);
    let parsed = (|| {
        let draft =
            ReportDraft::parse(&typed.grounds, &typed.text).map_err(ReportError::message_key)?;
        let receiving_unit = match typed.receiver.as_str() {
            "" => None,
            u => Some(UnitId::parse(u).ok_or("report-error-receiver")?),
        };
        Ok::<_, &'static str>(NewReport {
            child: child.clone(),
            draft,
            receiving_unit,
            concern: concern_id(&typed.concern),
        })
    })();
    let new = match parsed {
        Ok(new) => new,
        Err(key) => {
            let error = Some((StatusCode::UNPROCESSABLE_ENTITY, key));
            return show(&state, tr, &user, &child, typed, error).await;
        }
    };
    match user
        .access(&state, Purpose::FollowUp)
        .make_report(new)
        .await
        .map_err(AppError::from)
    {
        Ok(report) => {
            Ok(Redirect::to(&format!("/reports/{}?done=sent", report.id)).into_response())
        }
        Err(AppError::Conflict(key)) => {
            // A concern that is not about this child is not offered again.
            if key == "report-error-concern" {
                typed.concern.clear();
            }
            let error = Some((StatusCode::CONFLICT, key.as_str()));
            show(&state, tr, &user, &child, typed, error).await
        }
        Err(e) => Err(e),
    }
}
