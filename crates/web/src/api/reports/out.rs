//! What the reports API answers with, and its copies of the code sets so
//! that the OpenAPI document lists their values.

use ettlag_core::report::{Ground, Outcome};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::refs::{ChildRef, StaffRef, UnitRef};

/// A statutory ground of a report; requests may also use the letter (`a`–`d`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ReportGround)]
pub enum ApiGround {
    /// (a) Mistreated, or seriously neglected in daily care.
    Mistreatment,
    /// (b) A serious illness, injury or special need left untreated.
    UntreatedNeeds,
    /// (c) Serious behavioural problems.
    SeriousBehaviour,
    /// (d) Exploited for trafficking.
    Trafficking,
}

impl From<Ground> for ApiGround {
    fn from(g: Ground) -> Self {
        match g {
            Ground::Mistreatment => ApiGround::Mistreatment,
            Ground::UntreatedNeeds => ApiGround::UntreatedNeeds,
            Ground::SeriousBehaviour => ApiGround::SeriousBehaviour,
            Ground::Trafficking => ApiGround::Trafficking,
        }
    }
}

/// What child welfare decided after its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ReportOutcome)]
pub enum ApiOutcome {
    /// An investigation starts.
    Investigate,
    /// Closed after review.
    Dismiss,
}

impl From<Outcome> for ApiOutcome {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Investigate => ApiOutcome::Investigate,
            Outcome::Dismiss => ApiOutcome::Dismiss,
        }
    }
}

/// A report to child welfare, as child welfare or the reporter reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    pub id: String,
    /// The short number on the reporter's receipt, `BV-XXXXXXXX`.
    #[schema(example = "BV-1A2B3C4D")]
    pub reference: String,
    pub child: ChildRef,
    pub grounds: Vec<ApiGround>,
    /// What the reporter has seen or heard.
    pub text: String,
    pub reporter: StaffRef,
    /// The unit the reporter reported from.
    pub reporter_unit: Option<UnitRef>,
    /// The child welfare unit it went to.
    pub receiving_unit: UnitRef,
    /// The concern it came from.
    pub concern_id: Option<String>,
    /// Milliseconds since 1970-01-01 UTC.
    pub submitted_at_ms: i64,
    /// When child welfare's week to review it ends.
    pub review_due_at_ms: i64,
    /// Past the review deadline without a review.
    pub overdue: bool,
    pub acknowledged_at_ms: Option<i64>,
    pub acknowledged_by: Option<StaffRef>,
    pub reviewed_at_ms: Option<i64>,
    pub reviewed_by: Option<StaffRef>,
    pub outcome: Option<ApiOutcome>,
    /// Child welfare's own note: always null for the reporter.
    pub review_note: Option<String>,
    /// Whether the caller is child welfare, who acknowledges and reviews.
    pub caller_reviews: bool,
    /// Increases with every change; send it back as `If-Match: "<version>"`.
    pub version: i64,
}

impl Report {
    pub fn of(r: ettlag_db::Report, now_ms: i64) -> Report {
        Report {
            overdue: r.is_overdue(now_ms),
            id: r.id.to_string(),
            reference: r.reference,
            child: r.child.into(),
            grounds: r.grounds.into_iter().map(Into::into).collect(),
            text: r.text,
            reporter: r.reporter.into(),
            reporter_unit: r.reporter_unit.map(Into::into),
            receiving_unit: r.receiving_unit.into(),
            concern_id: r.concern_id.map(|id| id.to_string()),
            submitted_at_ms: r.submitted_at_ms,
            review_due_at_ms: r.review_due_at_ms,
            acknowledged_at_ms: r.acknowledged_at_ms,
            acknowledged_by: r.acknowledged_by.map(Into::into),
            reviewed_at_ms: r.reviewed_at_ms,
            reviewed_by: r.reviewed_by.map(Into::into),
            outcome: r.outcome.map(Into::into),
            review_note: r.review_note.filter(|_| r.reader_reviews),
            caller_reviews: r.reader_reviews,
            version: r.version,
        }
    }
}

/// The reports the caller may see: child welfare's queue and their own
/// receipts.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ReportLists)]
pub struct ListsOut {
    /// Reports to the child welfare units the caller works in: those waiting
    /// for review first, the nearest deadline first. Empty for everyone else.
    pub queue: Vec<Report>,
    /// The reports the caller sent, newest first.
    pub sent: Vec<Report>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ettlag_core::Coded;

    #[test]
    fn codes_match_the_core() {
        for g in Ground::ALL {
            let json = serde_json::to_value(ApiGround::from(*g)).expect("json");
            assert_eq!(json, g.code());
        }
        for o in Outcome::ALL {
            let json = serde_json::to_value(ApiOutcome::from(*o)).expect("json");
            assert_eq!(json, o.code());
        }
    }
}
