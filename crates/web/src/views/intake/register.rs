//! `POST /intake/new`: intake staff register what came in another way — a
//! referral from an outside agency (a GP, a hospital, the police) or a
//! notice that someone needs an individual plan or a coordinator —
//! optionally linked at once to the child it is about.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::intake::Source;
use ettlag_core::text::{MAX_SHORT, MAX_TEXT, Text};
use ettlag_core::{Coded, NationalId};
use ettlag_db::NewIntake;

use super::queue::{purpose, show_queue};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let access = user.access(&state, purpose(&user));
    let parsed = async {
        let source = match Source::from_code(&fields.get("source")) {
            Some(s @ (Source::Referral | Source::PlanNotice)) => s,
            _ => return Err("intake-error-source"),
        };
        let text = Text::parse(&fields.raw("text"), MAX_TEXT).map_err(|e| e.message_key())?;
        let from = match fields.raw("from").trim() {
            "" => None,
            f => Some(Text::parse(f, MAX_SHORT).map_err(|e| e.message_key())?),
        };
        let person = match fields.get("nin").as_str() {
            "" => None,
            nin => {
                let nin = NationalId::parse(nin).map_err(|e| e.message_key())?;
                Some(
                    access
                        .find_child_for_triage(&nin)
                        .await
                        .map_err(|_| "intake-error-unknown-person")?,
                )
            }
        };
        Ok(NewIntake {
            source,
            text,
            person,
            from,
        })
    }
    .await;
    let new = match parsed {
        Ok(new) => new,
        Err(key) => {
            let error = Some(tr.t(key));
            return show_queue(&state, tr, &user, Default::default(), false, error, &fields).await;
        }
    };
    match access.register_intake(new).await.map_err(AppError::from) {
        Ok(receipt) => {
            Ok(Redirect::to(&format!("/intake/{}?done=registered", receipt.id)).into_response())
        }
        Err(AppError::Forbidden) => Err(AppError::Forbidden),
        Err(AppError::Conflict(key)) => {
            let error = Some(tr.t(&key));
            show_queue(&state, tr, &user, Default::default(), false, error, &fields).await
        }
        Err(e) => Err(e),
    }
}
