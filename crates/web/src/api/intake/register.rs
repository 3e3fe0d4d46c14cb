//! `POST /api/v1/intake`: registering an item — a staff member's request for
//! help about a child they follow, or (intake staff) a referral or a plan
//! notice. Self-referrals come only from the public site.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use ettlag_core::intake::Source;
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_SHORT, MAX_TEXT, Text};
use ettlag_core::{Coded, PersonId};
use ettlag_db::NewIntake;
use serde::Deserialize;
use utoipa::ToSchema;

use super::out::{ApiSource, ReceiptOut};
use super::{bad, purpose, store_error};
use crate::api::json::{ApiError, ApiJson};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// An item registered by staff.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewIntakeItem)]
pub struct NewIntakeIn {
    /// `staff_request`, `referral` or `plan_notice` (`intake-error-source`).
    #[schema(value_type = ApiSource)]
    pub source: String,
    /// What is asked: 1 to 4000 characters (`entry-error-…`).
    #[schema(example = "Vi trenger hjelp fra PPT og helsesykepleier rundt Ada.")]
    pub text: String,
    /// The child it is about; required for `staff_request`
    /// (`intake-error-no-child`).
    #[serde(default)]
    pub person_id: Option<String>,
    /// For a referral: the agency it came from, up to 200 characters.
    #[serde(default)]
    pub from: Option<String>,
}

impl NewIntakeIn {
    fn parse(&self) -> Result<NewIntake, AppError> {
        let source = Source::from_code(self.source.trim())
            .filter(|s| *s != Source::SelfReferral)
            .ok_or_else(|| bad("intake-error-source"))?;
        let text = Text::parse(&self.text, MAX_TEXT).map_err(|e| bad(e.message_key()))?;
        let from = match self.from.as_deref() {
            Some(f) if !f.trim().is_empty() => {
                Some(Text::parse(f, MAX_SHORT).map_err(|e| bad(e.message_key()))?)
            }
            _ => None,
        };
        let person = match self.person_id.as_deref().map(str::trim) {
            // An id that could name no one is the same 404 as a hidden one.
            Some(p) if !p.is_empty() => Some(PersonId::parse(p).ok_or(AppError::NotFound)?),
            _ => None,
        };
        if source == Source::StaffRequest && person.is_none() {
            return Err(bad("intake-error-no-child"));
        }
        Ok(NewIntake {
            source,
            text,
            person,
            from,
        })
    }
}

/// Registers an item and starts its deadline clock. A staff member asks for
/// help about a child they follow (anyone else gets the 404 of a missing
/// child); referrals and plan notices are registered by intake staff (403
/// for others).
#[utoipa::path(
    post,
    operation_id = "registerIntake",
    path = "/api/v1/intake",
    tag = "intake",
    request_body = NewIntakeIn,
    responses(
        (status = 201, description = "Registered; `Location` is the item's path", body = ReceiptOut),
        (status = 400, description = "Bad JSON, source (`intake-error-source`), text or `from` (`entry-error-…`), or a staff request about no child (`intake-error-no-child`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "Only intake staff register referrals and plan notices", body = ApiError),
        (status = 404, description = "No such child, or (a staff request) not one the caller follows", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewIntakeIn>,
) -> AppResult<Response> {
    let new = body.parse()?;
    // A request about a child is follow-up of that child, as on its page.
    let purpose = if new.source == Source::StaffRequest {
        Purpose::FollowUp
    } else {
        purpose(&user)
    };
    let receipt = user
        .access(&state, purpose)
        .register_intake(new)
        .await
        .map_err(store_error)?;
    let location = format!("/api/v1/intake/{}", receipt.id);
    let body = ReceiptOut {
        id: receipt.id.to_string(),
        reference: receipt.reference,
        days: receipt.days,
    };
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(source: &str, text: &str, person: Option<&str>) -> NewIntakeIn {
        NewIntakeIn {
            source: source.into(),
            text: text.into(),
            person_id: person.map(str::to_string),
            from: None,
        }
    }

    #[test]
    fn bad_input_has_its_precise_key() {
        let bad = |key: &str| Err(AppError::BadRequest(key.into()));
        assert_eq!(
            input("self_referral", "x", None).parse().map(|_| ()),
            bad("intake-error-source")
        );
        assert_eq!(
            input("mail", "x", None).parse().map(|_| ()),
            bad("intake-error-source")
        );
        assert_eq!(
            input("staff_request", "x", None).parse().map(|_| ()),
            bad("intake-error-no-child")
        );
        assert_eq!(
            input("referral", " ", None).parse().map(|_| ()),
            bad("entry-error-empty")
        );
        assert_eq!(
            input("referral", "x", Some("../x")).parse().map(|_| ()),
            Err(AppError::NotFound)
        );
        assert!(input("plan_notice", "Trenger plan", None).parse().is_ok());
    }
}
