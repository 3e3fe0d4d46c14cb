//! `/consultations`: anonymous consultation ("anonym drøfting") — ask
//! another service about a situation without identifying the child. The text
//! is checked before it is saved; see `ettlag_core::anonymous`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::UnitId;
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_db::{Consultation, NewConsultation};

use super::layout::{Chrome, render};
use super::time::moment;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done, Fields};

#[derive(Template)]
#[template(path = "consultation.html")]
struct ConsultationPage {
    c: Chrome,
    units: Vec<Choice>,
    mine: Vec<(Consultation, String)>,
    question: String,
    advice: String,
    /// What in the text may identify someone, as sentences.
    warnings: Vec<String>,
    error: Option<String>,
    notice: Option<String>,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    fields: &Fields,
    warnings: Vec<String>,
    error: Option<String>,
    notice: Option<String>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    let chosen = fields.get("with_unit");
    let units = access
        .units()
        .await?
        .into_iter()
        .filter(|u| !user.actor.units.contains(&u.id))
        .map(|u| Choice::new(u.id.as_str(), u.name, chosen == u.id.as_str()))
        .collect();
    let mine = access
        .my_consultations()
        .await?
        .into_iter()
        .map(|c| {
            let when = moment(c.created_at_ms);
            (c, when)
        })
        .collect();
    let status = if error.is_some() || !warnings.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ConsultationPage {
        units,
        mine,
        question: fields.raw("question"),
        advice: fields.raw("advice"),
        warnings,
        error,
        notice,
        c: Chrome::for_user(tr, user, "my"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = (done.done == "saved").then(|| tr.t("consultation-saved"));
    show(
        &state,
        tr,
        &user,
        &Fields::default(),
        Vec::new(),
        None,
        notice,
    )
    .await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let parsed = (|| {
        let with_unit = UnitId::parse(&fields.get("with_unit")).ok_or("entry-error-unit")?;
        let question =
            Text::parse(&fields.raw("question"), MAX_TEXT).map_err(|e| e.message_key())?;
        let advice = match fields.raw("advice").trim() {
            "" => None,
            a => Some(Text::parse(a, MAX_TEXT).map_err(|e| e.message_key())?),
        };
        Ok::<_, &'static str>(NewConsultation {
            with_unit,
            question,
            advice,
            confirmed: fields.get("confirmed") == "yes",
        })
    })();
    let new = match parsed {
        Ok(new) => new,
        Err(key) => {
            let error = Some(tr.t(key));
            return show(&state, tr, &user, &fields, Vec::new(), error, None).await;
        }
    };
    match user
        .access(&state, Purpose::FollowUp)
        .record_consultation(new)
        .await
        .map_err(AppError::from)
    {
        Ok(Ok(_)) => Ok(Redirect::to("/consultations?done=saved").into_response()),
        Ok(Err(findings)) => {
            let warnings = findings
                .iter()
                .map(|f| tr.t_with(f.message_key(), &[("text", f.text().to_string())]))
                .collect();
            show(&state, tr, &user, &fields, warnings, None, None).await
        }
        Err(AppError::Conflict(key)) => {
            let error = Some(tr.t(&key));
            show(&state, tr, &user, &fields, Vec::new(), error, None).await
        }
        Err(e) => Err(e),
    }
}
