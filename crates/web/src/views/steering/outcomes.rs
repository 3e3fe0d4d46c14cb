//! The citizen bottom line's outcome figures: what the families' own answers
//! say changed (the feedback issue's aggregates: effect size and the four
//! outcome shares, each with N and a 95 % interval). Read through the
//! store's feedback aggregates, which hide a group below the minimum N; the
//! unit and service type filters pick the group, the other filters do not
//! apply (the explanation says so).

use ettlag_core::feedback::{Aggregate, Share};
use ettlag_db::{AccessContext, AggregateLevel, DbError, SteeringFilter};

use super::tables::{Row, Table, Value};
use crate::error::AppResult;
use crate::i18n::Tr;

/// The pack and scale whose outcomes the steering view shows: the plain
/// pack every municipality has, as on the feedback aggregates page.
const PACK: &str = "ettlag-plain";
const SCALE: &str = "going";

fn decimal(tr: &Tr, v: i64, per: i64, digits: usize) -> String {
    let sep = if tr.code() == "en" { '.' } else { ',' };
    let sign = if v < 0 { "−" } else { "" };
    let v = v.abs();
    format!("{sign}{}{sep}{:0digits$}", v / per, v % per)
}

fn percent(tr: &Tr, permille: u16) -> String {
    format!("{} %", decimal(tr, i64::from(permille), 10, 1))
}

fn share_row(tr: &Tr, key: &str, s: &Share) -> Row {
    Row {
        label: tr.t(key),
        values: vec![
            Value::Text(s.count.to_string()),
            Value::Text(s.n.to_string()),
            Value::Text(percent(tr, s.permille())),
            Value::Text(format!(
                "{}–{}",
                percent(tr, s.lower_permille),
                percent(tr, s.upper_permille)
            )),
        ],
    }
}

fn rows(tr: &Tr, a: &Aggregate) -> Vec<Row> {
    let effect = match &a.effect_size {
        Some(d) => vec![
            Value::Text(String::new()),
            Value::Text(d.n.to_string()),
            Value::Text(decimal(tr, i64::from(d.hundredths), 100, 2)),
            Value::Text(format!(
                "{}–{}",
                decimal(tr, i64::from(d.lower_hundredths), 100, 2),
                decimal(tr, i64::from(d.upper_hundredths), 100, 2)
            )),
        ],
        None => vec![Value::Number(None, false); 4],
    };
    vec![
        Row {
            label: tr.t("steering-outcome-effect"),
            values: effect,
        },
        share_row(tr, "steering-outcome-recovered", &a.recovered),
        share_row(tr, "steering-outcome-improved", &a.reliably_improved),
        share_row(tr, "steering-outcome-unchanged", &a.unchanged),
        share_row(tr, "steering-outcome-deteriorated", &a.deteriorated),
    ]
}

/// The outcome table for the filter, or `None` when the municipality has no
/// outcome scale to count by.
pub async fn outcome_table(
    tr: &Tr,
    access: &AccessContext,
    f: &SteeringFilter,
) -> AppResult<Option<Table>> {
    let (min_n, lines) = match access.feedback_aggregates(PACK, SCALE).await {
        Ok(found) => found,
        Err(DbError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let level = match (&f.unit, f.service_type) {
        (Some(u), _) => AggregateLevel::Unit(u.clone()),
        (None, Some(t)) => AggregateLevel::Service(t),
        (None, None) => AggregateLevel::Municipality,
    };
    let mut table = Table::new(
        tr,
        "outcomes",
        &[
            "steering-col-figure",
            "steering-col-count",
            "steering-col-n",
            "steering-col-share",
            "steering-col-interval",
        ],
        false,
    );
    table.explain = tr.t_with("steering-explain-outcomes", &[("min", min_n.to_string())]);
    match lines
        .iter()
        .find(|l| l.level == level)
        .and_then(|l| l.aggregate.as_ref())
    {
        Some(a) => table.rows = rows(tr, a),
        // Below the minimum N, or no episode with a change yet: one line
        // that says the figures are hidden, never a number.
        None => {
            table.rows = vec![Row {
                label: tr.t("steering-outcome-all"),
                values: vec![Value::Number(None, true); 4],
            }]
        }
    }
    Ok(Some(table))
}
