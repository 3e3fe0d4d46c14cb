//! A whole relay log as the API answers it: its holder, offer, measures,
//! closing, what was withheld, and its timeline.

use ettlag_core::relay::MeasureStatus;
use ettlag_db::RelayLogView;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::ApiClosingReason;
use super::out::{MeasureTypeOut, Names, TransitionOut};
use super::timeline::EventOut;
use crate::api::consents::out::ApiCategory;
use crate::api::refs::{ChildRef, StaffRef, UnitRef};

/// A baton offer waiting for an answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = BatonOffer)]
pub struct OfferOut {
    pub to: StaffRef,
    pub to_unit: UnitRef,
    pub offered_at_ms: i64,
    /// What the family said about who should hold the baton.
    pub family_wish: Option<String>,
    pub transition: Option<TransitionOut>,
}

/// A measure as it stands now.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = MeasureStatus)]
pub struct MeasureOut {
    /// The id of the newest version of the measure entry.
    pub id: String,
    pub what: String,
    pub responsible: StaffRef,
    pub responsible_unit: UnitRef,
    /// The municipality's type of the measure, if it has one.
    pub measure_type: Option<MeasureTypeOut>,
    /// `YYYY-MM-DD`: when it is to be evaluated next.
    pub due: String,
    pub evaluations: u32,
    /// Whether an evaluation has ended it.
    pub ended: bool,
}

impl MeasureOut {
    fn new(m: &MeasureStatus, names: Names<'_>) -> Self {
        MeasureOut {
            id: m.id.clone(),
            what: m.what.to_string(),
            responsible: names.staff(&m.responsible),
            responsible_unit: names.unit(&m.responsible_unit),
            measure_type: m.measure_type.as_ref().map(|c| MeasureTypeOut {
                code: c.to_string(),
                name: names.measure_type(c),
            }),
            due: m.due.to_string(),
            evaluations: u32::try_from(m.evaluations).unwrap_or(u32::MAX),
            ended: m.ended,
        }
    }
}

/// When and why a log was closed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = LogClosed)]
pub struct ClosedOut {
    pub reason: ApiClosingReason,
    pub at_ms: i64,
}

/// A whole relay log: its state now, every event ever written (a corrected
/// entry stays, with `superseded_by`), and its measures with due dates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RelayLog {
    pub id: String,
    pub child: ChildRef,
    #[schema(minimum = 1, maximum = 3)]
    pub level: u8,
    pub holder: StaffRef,
    pub holder_unit: UnitRef,
    /// The waiting baton offer, if any.
    pub offer: Option<OfferOut>,
    /// The concern the log was started from.
    pub concern_id: Option<String>,
    pub opened_at_ms: i64,
    pub closed: Option<ClosedOut>,
    /// Increases with every event; send it back as `If-Match: "<version>"`.
    pub version: i64,
    /// Oldest first.
    pub events: Vec<EventOut>,
    /// The measures that stand now, in the order they were written.
    pub measures: Vec<MeasureOut>,
    /// Entries the caller's unit may not see: health or school information
    /// the family's consent does not let it receive. Only when and what kind.
    pub withheld: Vec<WithheldOut>,
}

/// An entry kept from the caller.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WithheldOut {
    pub id: String,
    pub at_ms: i64,
    pub category: ApiCategory,
}

impl From<&RelayLogView> for RelayLog {
    fn from(v: &RelayLogView) -> Self {
        let names = Names(v);
        RelayLog {
            id: v.id.to_string(),
            child: v.child.clone().into(),
            level: v.level.number(),
            holder: v.holder.clone().into(),
            holder_unit: v.holder_unit.clone().into(),
            offer: v.offer.as_ref().map(|o| OfferOut {
                to: o.to.clone().into(),
                to_unit: o.to_unit.clone().into(),
                offered_at_ms: o.offered_at_ms,
                family_wish: o.family_wish.as_ref().map(|w| w.to_string()),
                transition: o.transition.as_ref().map(Into::into),
            }),
            concern_id: v.concern_id.clone().map(|id| id.to_string()),
            opened_at_ms: v.opened_at_ms,
            closed: v.closed.as_ref().map(|c| ClosedOut {
                reason: c.reason.into(),
                at_ms: c.at_ms,
            }),
            version: v.version,
            events: v.events.iter().map(|e| EventOut::new(e, names)).collect(),
            measures: v
                .measures
                .iter()
                .map(|m| MeasureOut::new(m, names))
                .collect(),
            withheld: v
                .withheld
                .iter()
                .map(|w| WithheldOut {
                    id: w.id.clone(),
                    at_ms: w.at_ms,
                    category: w.category.into(),
                })
                .collect(),
        }
    }
}
