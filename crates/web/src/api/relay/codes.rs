//! The API's copies of the relay code sets, so that the OpenAPI document lists
//! their values. Responses use them; requests take the codes as text and parse
//! them with the core rules, so that an unknown code gets its precise message
//! id rather than the generic `error-bad-json`.

use ettlag_core::relay::{
    AccessEnded, ChecklistItem, ClosingReason, ConcernDecision, DevelopmentArea, Outcome,
};
use serde::Serialize;
use utoipa::ToSchema;

/// An area of a child's development that a concern or a goal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = DevelopmentArea)]
pub enum ApiArea {
    Language,
    Social,
    Emotional,
    /// Motor skills, health, sleep, food.
    Physical,
    /// Learning and school work.
    Learning,
    /// Attendance at kindergarten or school.
    Attendance,
    /// The family's situation.
    Family,
    Other,
}

impl From<DevelopmentArea> for ApiArea {
    fn from(a: DevelopmentArea) -> Self {
        match a {
            DevelopmentArea::Language => ApiArea::Language,
            DevelopmentArea::Social => ApiArea::Social,
            DevelopmentArea::Emotional => ApiArea::Emotional,
            DevelopmentArea::Physical => ApiArea::Physical,
            DevelopmentArea::Learning => ApiArea::Learning,
            DevelopmentArea::Attendance => ApiArea::Attendance,
            DevelopmentArea::Family => ApiArea::Family,
            DevelopmentArea::Other => ApiArea::Other,
        }
    }
}

/// What an evaluation decides about a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EvaluationOutcome)]
pub enum ApiOutcome {
    Continue,
    Change,
    End,
}

impl From<Outcome> for ApiOutcome {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Continue => ApiOutcome::Continue,
            Outcome::Change => ApiOutcome::Change,
            Outcome::End => ApiOutcome::End,
        }
    }
}

/// The kinds of entry in a relay log (only for the document: requests take
/// the code as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EntryKind)]
#[allow(
    dead_code,
    reason = "only the OpenAPI document and the tests name its values"
)]
pub enum ApiEntryKind {
    Concern,
    Goal,
    Measure,
    Evaluation,
    Agreement,
    Participant,
    Observation,
    FamilyNote,
}

/// Why a relay log was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ClosingReason)]
pub enum ApiClosingReason {
    GoalsReached,
    ConsentWithdrawn,
    /// The work continues in an individual plan with a coordinator.
    MovedToIndividualPlan,
}

impl From<ClosingReason> for ApiClosingReason {
    fn from(r: ClosingReason) -> Self {
        match r {
            ClosingReason::GoalsReached => ApiClosingReason::GoalsReached,
            ClosingReason::ConsentWithdrawn => ApiClosingReason::ConsentWithdrawn,
            ClosingReason::MovedToIndividualPlan => ApiClosingReason::MovedToIndividualPlan,
        }
    }
}

/// Why a unit lost a log it had received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = AccessEnded)]
pub enum ApiAccessEnded {
    /// The family withdrew the consent that named the unit.
    ConsentWithdrawn,
    /// The consent that named the unit ran out.
    ConsentExpired,
    /// The family said no to the unit or its kind of service.
    Refused,
    /// The unit had the log only through the child's enrolment there.
    EnrolmentOnly,
}

impl From<AccessEnded> for ApiAccessEnded {
    fn from(r: AccessEnded) -> Self {
        match r {
            AccessEnded::ConsentWithdrawn => ApiAccessEnded::ConsentWithdrawn,
            AccessEnded::ConsentExpired => ApiAccessEnded::ConsentExpired,
            AccessEnded::Refused => ApiAccessEnded::Refused,
            AccessEnded::EnrolmentOnly => ApiAccessEnded::EnrolmentOnly,
        }
    }
}

/// One thing to see to before a child moves on to another service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ChecklistItem)]
pub enum ApiChecklistItem {
    /// The family knows about the handover and agrees to what is passed on.
    FamilyAgreed,
    /// The child has been heard about the move.
    ChildHeard,
    TransitionMeeting,
    /// Goals and measures are reviewed: what goes on, what ends.
    MeasuresReviewed,
    /// What works for the child is written down for the new service.
    WhatWorksShared,
    /// Aids, adaptations and special needs are ready in the new service.
    AdaptationsReady,
}

impl From<ChecklistItem> for ApiChecklistItem {
    fn from(i: ChecklistItem) -> Self {
        match i {
            ChecklistItem::FamilyAgreed => ApiChecklistItem::FamilyAgreed,
            ChecklistItem::ChildHeard => ApiChecklistItem::ChildHeard,
            ChecklistItem::TransitionMeeting => ApiChecklistItem::TransitionMeeting,
            ChecklistItem::MeasuresReviewed => ApiChecklistItem::MeasuresReviewed,
            ChecklistItem::WhatWorksShared => ApiChecklistItem::WhatWorksShared,
            ChecklistItem::AdaptationsReady => ApiChecklistItem::AdaptationsReady,
        }
    }
}

/// What a concern ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ConcernDecisionCode)]
pub enum ApiDecision {
    /// No need to go on.
    Close,
    /// Start a relay log at a level; the one who decides holds the baton.
    StartLog,
    /// Report to child welfare (the duty to report overrides consent).
    ReportToChildWelfare,
}

impl ApiDecision {
    /// The code and, for a started log, its level.
    pub fn of(d: ConcernDecision) -> (ApiDecision, Option<u8>) {
        match d {
            ConcernDecision::Close => (ApiDecision::Close, None),
            ConcernDecision::StartLog(level) => (ApiDecision::StartLog, Some(level.number())),
            ConcernDecision::ReportToChildWelfare => (ApiDecision::ReportToChildWelfare, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use ettlag_core::Coded;
    use ettlag_core::relay::{EntryKind, Level};

    use super::*;

    fn code_of<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn api_codes_are_the_core_codes() {
        for &a in DevelopmentArea::ALL {
            assert_eq!(code_of(ApiArea::from(a)), a.code());
        }
        for &o in Outcome::ALL {
            assert_eq!(code_of(ApiOutcome::from(o)), o.code());
        }
        for &r in ClosingReason::ALL {
            assert_eq!(code_of(ApiClosingReason::from(r)), r.code());
        }
        for &i in ChecklistItem::ALL {
            assert_eq!(code_of(ApiChecklistItem::from(i)), i.code());
        }
        let kinds = [
            ApiEntryKind::Concern,
            ApiEntryKind::Goal,
            ApiEntryKind::Measure,
            ApiEntryKind::Evaluation,
            ApiEntryKind::Agreement,
            ApiEntryKind::Participant,
            ApiEntryKind::Observation,
            ApiEntryKind::FamilyNote,
        ];
        let codes: Vec<String> = kinds.into_iter().map(code_of).collect();
        let core: Vec<&str> = EntryKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, core);
        for (d, code) in [
            (ConcernDecision::Close, "close"),
            (ConcernDecision::StartLog(Level::Two), "start_log"),
            (
                ConcernDecision::ReportToChildWelfare,
                "report_to_child_welfare",
            ),
        ] {
            assert_eq!(code_of(ApiDecision::of(d).0), code);
        }
        assert_eq!(
            ApiDecision::of(ConcernDecision::StartLog(Level::Two)).1,
            Some(2)
        );
    }
}
