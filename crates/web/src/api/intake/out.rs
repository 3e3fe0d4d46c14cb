//! What the intake API answers with, and its copies of the code sets so that
//! the OpenAPI document lists their values.

use ettlag_core::intake::{Assignee, ClockState, Source, Status};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::relay::codes::ApiArea;

/// Where an item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = IntakeSource)]
pub enum ApiSource {
    /// A parent or a young person asked for help on the public site.
    SelfReferral,
    /// A staff member asks for help or a team around a child they follow.
    StaffRequest,
    /// Someone needs an individual plan or a coordinator.
    PlanNotice,
    /// A referral from an agency outside the municipality.
    Referral,
}

impl From<Source> for ApiSource {
    fn from(s: Source) -> Self {
        match s {
            Source::SelfReferral => ApiSource::SelfReferral,
            Source::StaffRequest => ApiSource::StaffRequest,
            Source::PlanNotice => ApiSource::PlanNotice,
            Source::Referral => ApiSource::Referral,
        }
    }
}

/// Where an item is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = IntakeStatus)]
pub enum ApiStatus {
    /// Waiting for triage.
    New,
    /// Someone has taken it on.
    Assigned,
    Closed,
}

impl From<Status> for ApiStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::New => ApiStatus::New,
            Status::Assigned => ApiStatus::Assigned,
            Status::Closed => ApiStatus::Closed,
        }
    }
}

/// Where an item stands against its deadline, in the queue's order:
/// overdue first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = IntakeClockState)]
pub enum ApiClock {
    Overdue,
    /// Two days or less left.
    Near,
    InTime,
}

impl From<ClockState> for ApiClock {
    fn from(c: ClockState) -> Self {
        match c {
            ClockState::Overdue => ApiClock::Overdue,
            ClockState::Near => ApiClock::Near,
            ClockState::InTime => ApiClock::InTime,
        }
    }
}

/// An item in the queue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IntakeItem {
    pub id: String,
    /// The short number on the receipt, `INN-XXXXXXXX`.
    #[schema(example = "INN-1A2B3C4D")]
    pub reference: String,
    pub source: ApiSource,
    pub status: ApiStatus,
    /// What was asked, as written.
    pub text: Option<String>,
    /// What came in, as received: for a self-referral who wrote, their name
    /// and how to reach them; for a referral the agency (`from`).
    #[schema(value_type = Object)]
    pub request: serde_json::Value,
    /// Milliseconds since 1970-01-01 UTC.
    pub received_at_ms: i64,
    /// When it must be answered.
    pub deadline_ms: i64,
    pub clock: ApiClock,
    /// Whole days left (negative when overdue).
    pub days_left: i64,
    /// The child it is linked to.
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    pub identity_uncertain: bool,
    pub areas: Vec<ApiArea>,
    /// 0 (help without a relay log) to 3, once set.
    pub level: Option<u8>,
    pub assigned_unit_id: Option<String>,
    pub assigned_staff_id: Option<String>,
    pub team_id: Option<String>,
    /// The staff members of the team it went to.
    pub team_member_ids: Vec<String>,
    /// The staff member who asked for help (`staff_request`).
    pub requested_by: Option<String>,
    /// The item it was merged into.
    pub merged_into: Option<String>,
    /// The relay log started from it.
    pub relay_log_id: Option<String>,
    /// Past its deadline without being taken on; leaders were told.
    pub escalated: bool,
    /// Increases with every step; send it back as `If-Match: "<version>"`.
    pub version: i64,
}

impl IntakeItem {
    pub fn of(i: &ettlag_db::IntakeItem, now_ms: i64) -> IntakeItem {
        let (unit, staff, team) = match &i.state.assignee {
            Some(Assignee::Unit { unit }) => (Some(unit.as_str()), None, None),
            Some(Assignee::Staff { staff, unit }) => {
                (Some(unit.as_str()), Some(staff.as_str()), None)
            }
            Some(Assignee::Team { team }) => (None, None, Some(team.as_str())),
            None => (None, None, None),
        };
        let own = |s: Option<&str>| s.map(str::to_string);
        IntakeItem {
            id: i.id.to_string(),
            reference: i.reference.clone(),
            source: i.source.into(),
            status: i.status.into(),
            text: i.request["text"].as_str().map(str::to_string),
            request: i.request.clone(),
            received_at_ms: i.clock.received_at_ms,
            deadline_ms: i.clock.deadline_ms,
            clock: i.clock.state(now_ms).into(),
            days_left: i.clock.days_left(now_ms),
            person_id: i.person.as_ref().map(|p| p.as_str().to_string()),
            person_name: i.person_name.clone(),
            identity_uncertain: i.state.identity_uncertain,
            areas: i.state.areas.iter().map(|a| (*a).into()).collect(),
            level: if i.state.level_zero {
                Some(0)
            } else {
                i.state.level.map(u8::from)
            },
            assigned_unit_id: i
                .assigned_unit
                .as_ref()
                .map(|u| u.as_str().to_string())
                .or(own(unit)),
            assigned_staff_id: i
                .assigned_staff
                .as_ref()
                .map(|s| s.as_str().to_string())
                .or(own(staff)),
            team_id: i.team.clone().or(own(team)),
            team_member_ids: i
                .team_members
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            requested_by: i.requested_by.as_ref().map(|s| s.as_str().to_string()),
            merged_into: i.state.merged_into.clone(),
            relay_log_id: i.state.log.clone(),
            escalated: i.escalated,
            version: i.version,
        }
    }
}

/// One triage step in an item's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = IntakeStepRecord)]
pub struct StepOut {
    /// Milliseconds since 1970-01-01 UTC.
    pub at_ms: i64,
    /// The staff id of the one who took it (`public` for a self-referral,
    /// `system` for an escalation).
    pub by: String,
    /// The step as stored, tagged by `step` (the shape `POST …/steps`
    /// takes, plus `received`, `log_started` and `escalated`).
    #[schema(value_type = Object)]
    pub step: serde_json::Value,
}

/// An item with its triage steps, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = IntakeItemDetail)]
pub struct IntakeDetail {
    #[serde(flatten)]
    pub item: IntakeItem,
    pub steps: Vec<StepOut>,
}

impl IntakeDetail {
    pub fn of(i: ettlag_db::IntakeItem, now_ms: i64) -> IntakeDetail {
        IntakeDetail {
            item: IntakeItem::of(&i, now_ms),
            steps: i
                .steps
                .into_iter()
                .map(|(at_ms, by, step)| StepOut {
                    at_ms,
                    by,
                    step: serde_json::to_value(step).unwrap_or(serde_json::Value::Null),
                })
                .collect(),
        }
    }
}

/// What the one who registered an item is told.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = IntakeReceipt)]
pub struct ReceiptOut {
    pub id: String,
    #[schema(example = "INN-1A2B3C4D")]
    pub reference: String,
    /// Days within which the coordinating unit answers.
    pub days: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ettlag_core::Coded;

    #[test]
    fn codes_match_the_core() {
        for s in Source::ALL {
            let json = serde_json::to_value(ApiSource::from(*s)).expect("json");
            assert_eq!(json, s.code());
        }
        for s in Status::ALL {
            let json = serde_json::to_value(ApiStatus::from(*s)).expect("json");
            assert_eq!(json, s.code());
        }
        for c in [ClockState::Overdue, ClockState::Near, ClockState::InTime] {
            assert_eq!(
                serde_json::to_value(ApiClock::from(c)).expect("json"),
                serde_json::to_value(c).expect("json")
            );
        }
    }
}
