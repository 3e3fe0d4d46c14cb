//! `/api/v1/plans/{id}/meetings` and `/api/v1/meetings`: meetings about a
//! plan (or, called through `log_meetings`, about a relay log). Call one
//! from a template with staff, the family's adults and the child invited;
//! read it with its record; record attendance, minutes, decisions and
//! action items (which become measures in a new plan revision, or measure
//! entries in the relay log); fetch its iCalendar invitation. A decision that concerns the
//! family without the family present or its confirmation is a 409
//! (`meeting-error-family-absent`), and nothing is written.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::ids::{MeetingId, MeetingTemplateId, PlanId};
use ettlag_core::meeting::{Confirmation, Decision, MeetingError, MeetingEvent, MeetingTime};
use ettlag_core::policy::Purpose;
use ettlag_core::{PersonId, StaffId};
use ettlag_db::{NewActionItem, NewMeeting};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiError, ApiJson, Created, created};
use super::plans::value;
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;

fn bad(e: MeetingError) -> AppError {
    AppError::BadRequest(e.message_key().to_string())
}

/// A meeting as the caller calls it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewMeeting)]
pub struct MeetingIn {
    /// One of the municipality's templates (`default` while it has none).
    pub template_id: String,
    /// Start and end, UTC milliseconds (`meeting-error-time-order`).
    pub start_ms: i64,
    pub end_ms: i64,
    /// Where, or how (`meeting-error-empty`).
    pub place: String,
    pub leader_id: String,
    #[serde(default)]
    pub staff_ids: Vec<String>,
    /// Adults related to the child in the register.
    #[serde(default)]
    pub family_ids: Vec<String>,
    /// Whether the child is invited.
    #[serde(default)]
    pub child: bool,
}

/// A meeting with everything recorded in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Meeting)]
pub struct MeetingOut {
    pub id: String,
    /// The plan the meeting is about, or `null` when it is about
    pub plan_id: Option<String>,
    /// the relay log.
    pub log_id: Option<String>,
    /// Template, time, place, leader and invitees.
    #[schema(value_type = Object)]
    pub meeting: serde_json::Value,
    /// The record in order: attendance, minutes, the child's voice,
    /// decisions and action items, each with who wrote it and when.
    #[schema(value_type = Vec<Object>)]
    pub events: serde_json::Value,
    /// Whether a family member is marked present.
    pub family_present: bool,
}

/// Attendance: positions in the meeting's invitee list.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceIn {
    pub present: Vec<usize>,
}

/// A line of minutes.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinuteIn {
    pub text: String,
}

/// The family's confirmation of a decision made without them.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationIn {
    pub by: String,
    /// `YYYY-MM-DD`, on or after the meeting's day.
    pub on: String,
    pub how: String,
}

/// A decision.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    pub text: String,
    pub concerns_family: bool,
    #[serde(default)]
    pub confirmation: Option<ConfirmationIn>,
}

/// An action item: it becomes a measure under the goal, in a new revision.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItemIn {
    pub what: String,
    pub responsible_id: String,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    /// The goal's number in the plan, counted from 1; left out in a meeting
    /// about a relay log.
    #[serde(default)]
    pub goal: usize,
}

/// Calls a meeting about a plan.
#[utoipa::path(
    post,
    operation_id = "createMeeting",
    path = "/api/v1/plans/{id}/meetings",
    tag = "meetings",
    params(("id" = String, Path, description = "The plan's id")),
    request_body = MeetingIn,
    responses(
        (status = 201, description = "Called; `Location` is the meeting's path", body = Created),
        (status = 400, description = "Bad JSON, time or place (`meeting-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such plan, or not one the caller may read", body = ApiError),
        (status = 409, description = "Unknown template, leader or invitee (`meeting-error-template`, `meeting-error-leader`, `meeting-error-invitee`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<PlanId>,
    ApiJson(body): ApiJson<MeetingIn>,
) -> AppResult<Response> {
    let meeting = user
        .access(&state, Purpose::FollowUp)
        .create_meeting(&id, body.parse()?)
        .await?;
    Ok(created(&meeting, &format!("/api/v1/meetings/{meeting}")))
}

impl MeetingIn {
    pub(super) fn parse(&self) -> AppResult<NewMeeting> {
        let time = MeetingTime::new(self.start_ms, self.end_ms).map_err(bad)?;
        let staff = |s: &String| StaffId::parse(s.trim()).ok_or(bad(MeetingError::UnknownInvitee));
        Ok(NewMeeting {
            template_id: MeetingTemplateId::parse(self.template_id.trim())
                .ok_or(bad(MeetingError::BadTemplate))?,
            time,
            place: self.place.clone(),
            leader: staff(&self.leader_id)?,
            staff: self.staff_ids.iter().map(staff).collect::<AppResult<_>>()?,
            family: self
                .family_ids
                .iter()
                .map(|p| PersonId::parse(p.trim()).ok_or(bad(MeetingError::UnknownInvitee)))
                .collect::<AppResult<_>>()?,
            child: self.child,
        })
    }
}

/// Reads a meeting with its record.
#[utoipa::path(
    get,
    operation_id = "getMeeting",
    path = "/api/v1/meetings/{id}",
    tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses(
        (status = 200, description = "The meeting", body = MeetingOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such meeting, or not one the caller may read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<MeetingId>,
) -> AppResult<Json<MeetingOut>> {
    let view = user.access(&state, Purpose::FollowUp).meeting(&id).await?;
    let record = view.record();
    Ok(Json(MeetingOut {
        family_present: view.meeting.family_attended(&record),
        meeting: value(&view.meeting),
        events: value(&view.events),
        plan_id: view.plan_id.map(|id| id.to_string()),
        log_id: view.log_id.map(|id| id.to_string()),
        id: view.id.to_string(),
    }))
}

async fn record(
    state: &AppState,
    user: &ApiUser,
    id: &MeetingId,
    event: MeetingEvent,
) -> AppResult<Response> {
    let seq = user
        .access(state, Purpose::FollowUp)
        .record_in_meeting(id, event)
        .await?;
    Ok(created(&seq.to_string(), &format!("/api/v1/meetings/{id}")))
}

/// Records who is present (a later record replaces an earlier one; both are kept).
#[utoipa::path(
    post,
    operation_id = "recordAttendance",
    path = "/api/v1/meetings/{id}/attendance",
    tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    request_body = AttendanceIn,
    responses(
        (status = 201, description = "Recorded; the id is the record's number", body = Created),
        (status = 400, description = "Bad JSON", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such meeting, or not one the caller may read", body = ApiError),
        (status = 409, description = "A position not on the invitee list (`meeting-error-invitee`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn attendance(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<MeetingId>,
    ApiJson(body): ApiJson<AttendanceIn>,
) -> AppResult<Response> {
    let event = MeetingEvent::Attendance {
        present: body.present,
    };
    record(&state, &user, &id, event).await
}

/// Adds a line to the minutes.
#[utoipa::path(
    post,
    operation_id = "addMinute",
    path = "/api/v1/meetings/{id}/minutes",
    tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    request_body = MinuteIn,
    responses(
        (status = 201, description = "Recorded; the id is the record's number", body = Created),
        (status = 400, description = "Bad JSON or text (`meeting-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such meeting, or not one the caller may read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn minute(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<MeetingId>,
    ApiJson(body): ApiJson<MinuteIn>,
) -> AppResult<Response> {
    let event = MeetingEvent::minute(&body.text).map_err(bad)?;
    record(&state, &user, &id, event).await
}

/// Records a decision.
#[utoipa::path(
    post,
    operation_id = "recordDecision",
    path = "/api/v1/meetings/{id}/decisions",
    tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    request_body = DecisionIn,
    responses(
        (status = 201, description = "Recorded; the id is the record's number", body = Created),
        (status = 400, description = "Bad JSON, text or confirmation (`meeting-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such meeting, or not one the caller may read", body = ApiError),
        (status = 409, description = "The decision concerns the family, which neither took part nor confirmed it (`meeting-error-family-absent`), or the confirmation predates the meeting (`meeting-error-time`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn decision(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<MeetingId>,
    ApiJson(body): ApiJson<DecisionIn>,
) -> AppResult<Response> {
    let confirmation = match &body.confirmation {
        Some(c) => Confirmation::parse(&c.by, &c.on, &c.how).map_err(bad)?,
        None => None,
    };
    let d = Decision::parse(&body.text, body.concerns_family, confirmation).map_err(bad)?;
    record(&state, &user, &id, MeetingEvent::Decision(d)).await
}

/// Agrees an action item: a measure under its goal, in a new plan revision,
/// or a measure entry in the relay log the meeting is about.
#[utoipa::path(
    post,
    operation_id = "addActionItem",
    path = "/api/v1/meetings/{id}/action-items",
    tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    request_body = ActionItemIn,
    responses(
        (status = 201, description = "Added; the id is the plan revision's number, or the relay log entry's id", body = Created),
        (status = 400, description = "Bad JSON or responsible id", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the plan but not revise it", body = ApiError),
        (status = 404, description = "No such meeting, or not one the caller may read", body = ApiError),
        (status = 409, description = "Unknown goal, responsible person or date (`meeting-error-goal`, `meeting-error-responsible`, `meeting-error-time`), or a log measure the family's consent does not let the responsible unit see (`relay-error-not-covered`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn action_item(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<MeetingId>,
    ApiJson(body): ApiJson<ActionItemIn>,
) -> AppResult<Response> {
    let responsible =
        StaffId::parse(body.responsible_id.trim()).ok_or(bad(MeetingError::BadResponsible))?;
    let outcome = user
        .access(&state, Purpose::FollowUp)
        .add_meeting_action(
            &id,
            NewActionItem {
                what: body.what,
                responsible,
                deadline: body.deadline,
                goal: body.goal.to_string(),
            },
        )
        .await?;
    Ok(created(&outcome.id(), &format!("/api/v1/meetings/{id}")))
}

/// The meeting's iCalendar invitation (RFC 5545), without the child's name.
#[utoipa::path(
    get,
    operation_id = "getMeetingInvitation",
    path = "/api/v1/meetings/{id}/invitation.ics",
    tag = "meetings",
    params(("id" = String, Path, description = "The meeting's id")),
    responses(
        (status = 200, description = "`text/calendar`: one VEVENT", content_type = "text/calendar", body = String),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such meeting, or not one the caller may read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn invitation(
    State(state): State<AppState>,
    tr: Tr,
    user: ApiUser,
    IdPath(id): IdPath<MeetingId>,
) -> AppResult<Response> {
    let view = user.access(&state, Purpose::FollowUp).meeting(&id).await?;
    Ok(crate::views::meeting::calendar(&tr, &view))
}
