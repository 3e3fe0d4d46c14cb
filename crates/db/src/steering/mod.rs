//! Steering counts: kept in the same transaction as the writes that change
//! them (`track`), recomputed from the source tables on demand (`rebuild`),
//! and read by the leaders' views through the policy (`read`). The views
//! read the kept counts only (`tables`: per unit, per service type and area,
//! per municipality); no request scans the rows of each child.

mod figures;
pub(crate) mod fold;
mod ladder;
mod measure_types;
mod national;

mod read;
pub(crate) mod rebuild;
mod settings;
pub(crate) mod tables;
pub(crate) mod track;

use std::collections::HashMap;

use sqlx::AnyConnection;
use sqlx::Row;

use ettlag_core::TenantId;

use crate::error::DbResult;

pub use figures::{Figures, MeasureLine, Sums};
pub(crate) use ladder::{measure_type_usable, types_of};
pub use national::NationalLoad;
pub use read::SteeringFilter;
pub(crate) use tables::apply;

/// The metrics kept in the count tables. Events are counted per month; states
/// ("now") under the period ''.
pub(crate) mod metric {
    /// Children with a current enrolment, by their first unit (now).
    pub const ENROLLED: &str = "enrolled";
    /// Concerns raised (month raised).
    pub const CONCERN: &str = "concern";
    /// Undecided concerns by their deadline in ms, zero-padded (now).
    pub const CONCERN_OPEN: &str = "concern_open";
    /// Concerns decided after their deadline (month decided).
    pub const CLOCK_MISSED: &str = "clock_missed";
    /// Relay logs opened (month opened).
    pub const LOG_OPENED: &str = "log_opened";
    /// Open relay logs by level (now).
    pub const LEVEL: &str = "level";
    /// Level changes `from>to` (month changed).
    pub const LEVEL_MOVE: &str = "level_move";
    /// Logs that reached a level for the first time (month reached).
    pub const REACHED: &str = "reached";
    /// Open relay logs by ladder step of their measures (now).
    pub const STEP: &str = "step";
    /// Moves up or down the ladder (month moved).
    pub const STEP_MOVE: &str = "step_move";
    /// Measures started, by measure type (month written).
    pub const MEASURE: &str = "measure";
    /// Days from the concern to the first measure (month of the measure).
    pub const FIRST_MEASURE: &str = "first_measure";
    /// Open logs by their earliest evaluation date (now).
    pub const DUE: &str = "due";
    /// Individual plans made (month made).
    pub const PLAN: &str = "plan";
    /// Reports to child welfare (month sent).
    pub const REPORT: &str = "report";
}

/// The group a count belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Dims {
    pub unit: String,
    pub service_type: String,
    pub area: String,
    /// Birth year; 0 when unknown.
    pub born: i64,
}

impl Dims {
    /// The group of a child of birth year `born` counted under `unit`, with
    /// the unit's service type and area from `units` (as [`units_of`] reads
    /// them).
    pub(crate) fn of_unit(
        units: &std::collections::HashMap<String, (String, String)>,
        unit: &str,
        born: i64,
    ) -> Dims {
        let (service_type, area) = units.get(unit).cloned().unwrap_or_default();
        Dims {
            unit: unit.to_string(),
            service_type,
            area,
            born,
        }
    }
}

/// One change to one counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Delta {
    pub metric: &'static str,
    pub period: String,
    pub dims: Dims,
    pub key: String,
    pub n: i64,
}

/// The birth year of a `YYYY-MM-DD` date; 0 when unknown.
pub(crate) fn birth_year(date: Option<&str>) -> i64 {
    date.and_then(|d| d.get(0..4))
        .and_then(|y| y.parse().ok())
        .unwrap_or(0)
}

/// The calendar month of a time in ms.
pub(crate) fn month_of(ms: i64) -> String {
    ettlag_core::steering::Period::month_of(ettlag_core::Day::from_ms(ms))
}

/// A time in ms as a key that sorts as text.
pub(crate) fn ms_key(ms: i64) -> String {
    format!("{:015}", ms.max(0))
}

/// Service type and area of each unit of a municipality.
pub(crate) async fn units_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> DbResult<HashMap<String, (String, String)>> {
    let rows = sqlx::query("SELECT id, service_type, area FROM units WHERE tenant_id = $1")
        .bind(tenant.as_str())
        .fetch_all(conn)
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        let area: Option<String> = r.try_get("area")?;
        out.insert(
            r.try_get::<String, _>("id")?,
            (
                r.try_get::<String, _>("service_type")?,
                area.unwrap_or_default(),
            ),
        );
    }
    Ok(out)
}
