//! Triage: `POST /api/v1/intake/{id}/steps` takes one step, `POST
//! /api/v1/intake/{id}/relay-log` starts a relay log from the item.
//!
//! A step is the core `Step` as JSON, tagged by `step`:
//!
//! | `step`               | fields                                                    |
//! |----------------------|-----------------------------------------------------------|
//! | `identity_uncertain` | `note`                                                    |
//! | `linked`             | `person` (a person id) or `national_id` (intake staff)    |
//! | `categorised`        | `areas` (development area codes, at least one)            |
//! | `merged_into`        | `item` (the item that goes on)                            |
//! | `assigned`           | `to`: `{"kind":"unit","unit"}`, `{"kind":"staff","staff","unit"}` or `{"kind":"team","team"}` |
//! | `level_set`          | `level` (0 to 3; 0 is help without a relay log)           |
//! | `closed`             | `note`                                                    |
//!
//! `received`, `log_started` and `escalated` are the system's own steps.

use axum::extract::State;
use axum::response::Response;
use ettlag_core::NationalId;
use ettlag_core::ids::IntakeItemId;
use ettlag_core::intake::{Assignee, Step};
use ettlag_core::policy::Purpose;
use ettlag_core::relay::Level;
use ettlag_core::relay::entry::parse_areas;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{PersonId, StaffId, UnitId};
use ettlag_db::DbError;
use serde::Deserialize;
use utoipa::ToSchema;

use super::out::IntakeDetail;
use super::{answer, bad, purpose, store_error};
use crate::api::json::{ApiError, ApiJson, created};
use crate::api::relay::IfMatch;
use crate::api::relay::codes::ApiArea;
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// Who an item is assigned to, as the core `Assignee`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntakeAssignee)]
pub struct AssigneeIn {
    /// `unit`, `staff` or `team`.
    pub kind: String,
    /// The unit (`unit`, and the staff member's unit for `staff`).
    #[serde(default)]
    pub unit: Option<String>,
    /// The staff member (`staff`).
    #[serde(default)]
    pub staff: Option<String>,
    /// The team (`team`), from `POST /api/v1/teams`.
    #[serde(default)]
    pub team: Option<String>,
}

impl AssigneeIn {
    fn parse(&self) -> Result<Assignee, AppError> {
        let key = "intake-error-assignee";
        let unit = || {
            self.unit
                .as_deref()
                .and_then(|u| UnitId::parse(u.trim()))
                .ok_or_else(|| bad(key))
        };
        Ok(match self.kind.as_str() {
            "unit" => Assignee::Unit { unit: unit()? },
            "staff" => Assignee::Staff {
                staff: self
                    .staff
                    .as_deref()
                    .and_then(|s| StaffId::parse(s.trim()))
                    .ok_or_else(|| bad(key))?,
                unit: unit()?,
            },
            "team" => Assignee::Team {
                team: self
                    .team
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| ettlag_core::ids::Id::<()>::parse(t).is_some())
                    .ok_or_else(|| bad(key))?
                    .to_string(),
            },
            _ => return Err(bad(key)),
        })
    }
}

/// One triage step, tagged by `step` like the core `Step`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntakeStep)]
pub struct StepIn {
    /// `identity_uncertain`, `linked`, `categorised`, `merged_into`,
    /// `assigned`, `level_set` or `closed` (`intake-error-step`).
    #[schema(example = "assigned")]
    pub step: String,
    /// `identity_uncertain`, `closed`: 1 to 4000 characters (`entry-error-…`).
    #[serde(default)]
    pub note: Option<String>,
    /// `linked`: the child's person id (`intake-error-unknown-person`).
    #[serde(default)]
    pub person: Option<String>,
    /// `linked`, instead of `person`: the child's national identity number,
    /// looked up by intake staff (`nin-error-…`, `intake-error-unknown-person`).
    #[serde(default)]
    pub national_id: Option<String>,
    /// `categorised`: at least one area (`intake-error-area`, `entry-error-area`).
    #[serde(default)]
    #[schema(value_type = Option<Vec<ApiArea>>)]
    pub areas: Option<Vec<String>>,
    /// `merged_into`: the item that goes on (`intake-error-unknown-item`).
    #[serde(default)]
    pub item: Option<String>,
    /// `assigned`: who takes it on (`intake-error-assignee`).
    #[serde(default)]
    pub to: Option<AssigneeIn>,
    /// `level_set`: 0 to 3 (`intake-error-level`).
    #[serde(default)]
    pub level: Option<i64>,
}

/// What a step needs beyond its own fields: the lookup of a child by
/// national identity number.
enum Parsed {
    Step(Step),
    LinkByNin(NationalId),
}

impl StepIn {
    fn parse(&self) -> Result<Parsed, AppError> {
        let note = || {
            Text::parse(self.note.as_deref().unwrap_or(""), MAX_TEXT)
                .map_err(|e| bad(e.message_key()))
        };
        Ok(Parsed::Step(match self.step.as_str() {
            "identity_uncertain" => Step::IdentityUncertain { note: note()? },
            "closed" => Step::Closed { note: note()? },
            "linked" => {
                let person = self
                    .person
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty());
                let nin = self
                    .national_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty());
                match (person, nin) {
                    (Some(p), None) => Step::Linked {
                        person: PersonId::parse(p)
                            .ok_or_else(|| bad("intake-error-unknown-person"))?,
                    },
                    (None, Some(n)) => {
                        let nin = NationalId::parse(n).map_err(|e| bad(e.message_key()))?;
                        return Ok(Parsed::LinkByNin(nin));
                    }
                    _ => return Err(bad("intake-error-unknown-person")),
                }
            }
            "categorised" => {
                let areas = parse_areas(self.areas.as_deref().unwrap_or_default())
                    .map_err(|e| bad(e.message_key()))?;
                if areas.is_empty() {
                    return Err(bad("intake-error-area"));
                }
                Step::Categorised { areas }
            }
            "merged_into" => Step::MergedInto {
                item: self
                    .item
                    .as_deref()
                    .map(str::trim)
                    .filter(|i| ettlag_core::ids::Id::<()>::parse(i).is_some())
                    .ok_or_else(|| bad("intake-error-unknown-item"))?
                    .to_string(),
            },
            "assigned" => Step::Assigned {
                to: self
                    .to
                    .as_ref()
                    .ok_or_else(|| bad("intake-error-assignee"))?
                    .parse()?,
            },
            "level_set" => Step::LevelSet {
                level: self
                    .level
                    .and_then(|l| u8::try_from(l).ok())
                    .filter(|l| *l <= 3)
                    .ok_or_else(|| bad("intake-error-level"))?,
            },
            _ => return Err(bad("intake-error-step")),
        }))
    }
}

/// Takes one triage step. Intake staff triage; the unit, person or team the
/// item went to may set its level and close it (others who may see it get
/// 403). The step is checked against the item's rules by replaying it
/// before anything is written.
#[utoipa::path(
    post,
    operation_id = "takeIntakeStep",
    path = "/api/v1/intake/{id}/steps",
    tag = "intake",
    params(
        ("id" = String, Path, description = "The item's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the item as read"),
    ),
    request_body = StepIn,
    responses(
        (status = 200, description = "Taken: the item as it is now", body = IntakeDetail,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Bad JSON, step (`intake-error-step`), note (`entry-error-…`), person (`intake-error-unknown-person`, `nin-error-…`), areas (`intake-error-area`, `entry-error-area`), item (`intake-error-unknown-item`, `intake-error-merge-self`), assignee (`intake-error-assignee`) or level (`intake-error-level`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the item but not take this step", body = ApiError),
        (status = 404, description = "No such item, or not one the caller may see", body = ApiError),
        (status = 409, description = "The item's rules: closed (`intake-error-closed`), or a step out of order (`intake-error-order`, `intake-error-step`)", body = ApiError),
        (status = 412, description = "The item changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn step(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<IntakeItemId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<StepIn>,
) -> AppResult<Response> {
    let parsed = body.parse()?;
    let access = user.access(&state, purpose(&user));
    let step = match parsed {
        Parsed::Step(step) => step,
        Parsed::LinkByNin(nin) => {
            // Only those who may see the item look anyone up for it.
            access.intake_item(&id).await?;
            // No such child, or one the caller may not look up: the same
            // refusal of the number given.
            let person = access
                .find_child_for_triage(&nin)
                .await
                .map_err(|e| match e {
                    DbError::NotFound | DbError::Forbidden => bad("intake-error-unknown-person"),
                    other => other.into(),
                })?;
            Step::Linked { person }
        }
    };
    access
        .triage_intake(&id, step, expected.0)
        .await
        .map_err(store_error)?;
    Ok(answer(access.intake_item(&id).await?))
}

/// The level of the relay log to start.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewIntakeRelayLog)]
pub struct RelayLogIn {
    /// 1 to 3 (`intake-error-level`).
    pub level: Option<i64>,
    /// Whether and how the family was told (required).
    pub family_informed: Option<crate::api::relay::family::FamilyInformedIn>,
}

/// The one the item went to starts a relay log for the linked child: a
/// concern with the item's text, decided at `level`, linked back to the
/// item.
#[utoipa::path(
    post,
    operation_id = "startRelayLogFromIntake",
    path = "/api/v1/intake/{id}/relay-log",
    tag = "intake",
    params(("id" = String, Path, description = "The item's id")),
    request_body = RelayLogIn,
    responses(
        (status = 201, description = "Started; `Location` is the relay log's path, the body its id", body = crate::api::json::Created),
        (status = 400, description = "Bad JSON, level (`intake-error-level`), or a missing or bad `family_informed` (`family-error-…`); nothing is written", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the item (they asked for help) but it did not go to them; nothing is written", body = ApiError),
        (status = 404, description = "No such item, or not one the caller may see; or the child is not one the caller follows", body = ApiError),
        (status = 409, description = "Not linked to a child (`intake-error-not-linked`), a log already started (`intake-error-log-started`) or the item closed (`intake-error-closed`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn relay_log(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<IntakeItemId>,
    ApiJson(body): ApiJson<RelayLogIn>,
) -> AppResult<Response> {
    let level = body
        .level
        .and_then(|l| u8::try_from(l).ok())
        .and_then(|l| Level::try_from(l).ok())
        .ok_or_else(|| bad("intake-error-level"))?;
    let family = crate::api::relay::family::parse_family(
        body.family_informed.as_ref(),
        ettlag_db::now_ms(),
    )?;
    let log = user
        .access(&state, Purpose::FollowUp)
        .start_log_from_intake(&id, level, Some(family))
        .await
        .map_err(store_error)?;
    Ok(created(&log, &format!("/api/v1/relay-logs/{log}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: serde_json::Value) -> Result<Step, AppError> {
        let input: StepIn = serde_json::from_value(json).map_err(|_| bad("error-bad-json"))?;
        match input.parse()? {
            Parsed::Step(s) => Ok(s),
            Parsed::LinkByNin(_) => Err(bad("nin")),
        }
    }

    #[test]
    fn steps_parse_like_the_core_serde() {
        use serde_json::json;
        let unit = "0195f3a2-7c1e-7d3b-9a41-5b2f8e0c6d17";
        let body = json!({"step": "assigned", "to": {"kind": "unit", "unit": unit}});
        let core: Step = serde_json::from_value(body.clone()).expect("core");
        assert_eq!(parse(body), Ok(core));
        let body = json!({"step": "level_set", "level": 0});
        assert_eq!(
            parse(body.clone()),
            Ok(serde_json::from_value(body).expect("core"))
        );
        let body = json!({"step": "categorised", "areas": ["language", "social"]});
        assert_eq!(
            parse(body.clone()),
            Ok(serde_json::from_value(body).expect("core"))
        );
        let bad = |key: &str| Err(AppError::BadRequest(key.into()));
        assert_eq!(
            parse(json!({"step": "escalated"})),
            bad("intake-error-step")
        );
        assert_eq!(parse(json!({"step": "received"})), bad("intake-error-step"));
        assert_eq!(
            parse(json!({"step": "level_set", "level": 4})),
            bad("intake-error-level")
        );
        assert_eq!(
            parse(json!({"step": "level_set"})),
            bad("intake-error-level")
        );
        assert_eq!(
            parse(json!({"step": "categorised", "areas": []})),
            bad("intake-error-area")
        );
        assert_eq!(
            parse(json!({"step": "categorised", "areas": ["x"]})),
            bad("entry-error-area")
        );
        assert_eq!(parse(json!({"step": "closed"})), bad("entry-error-empty"));
        assert_eq!(
            parse(json!({"step": "linked"})),
            bad("intake-error-unknown-person")
        );
        assert_eq!(
            parse(json!({"step": "merged_into", "item": "../x"})),
            bad("intake-error-unknown-item")
        );
        assert_eq!(
            parse(json!({"step": "assigned", "to": {"kind": "staff", "unit": unit}})),
            bad("intake-error-assignee")
        );
        assert_eq!(
            parse(json!({"step": "assigned", "to": {"kind": "desk"}})),
            bad("intake-error-assignee")
        );
        assert_eq!(
            parse(json!({"step": "closed", "extra": 1})),
            bad("error-bad-json")
        );
    }
}
