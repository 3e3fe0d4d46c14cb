//! The leaders' figures, read from the kept counts through the policy. A
//! read is audited as one aggregate read that names no person.

use sqlx::Row;

use ettlag_core::policy::{Statistics, Subject};
use ettlag_core::steering::{AgeBand, Period};
use ettlag_core::{Coded, Day, ServiceType, UnitId};

use super::figures::{Figures, LiveCounts, Sums};
use super::ladder::{costs_of, ladder_of};
use super::metric;
use super::ms_key;
use super::tables::Table;
use crate::access::context::AccessContext;
use crate::error::DbResult;

/// What the leader narrows the figures to.
#[derive(Debug, Clone)]
pub struct SteeringFilter {
    pub unit: Option<UnitId>,
    pub service_type: Option<ServiceType>,
    pub area: Option<String>,
    pub age: Option<AgeBand>,
    pub period: Period,
}

impl AccessContext {
    /// The steering figures for the filter, as of `now_ms`. Unit leaders must
    /// name one of their units; municipality leaders may see everything.
    pub async fn steering(&self, filter: &SteeringFilter, now_ms: i64) -> DbResult<Figures> {
        let tenant = self.actor().tenant.clone();
        let units: Vec<UnitId> = filter.unit.iter().cloned().collect();
        self.gate_org_read(
            "statistics",
            &Subject::Statistics(Statistics {
                tenant: &tenant,
                units: &units,
            }),
        )
        .await?;
        let mut conn = self.store().pool.acquire().await?;
        let sums = sums_for(&mut conn, &tenant, filter, now_ms).await?;
        let today = Day::from_ms(now_ms);
        let expiring: i64 = sqlx::query(
            "SELECT COUNT(*) AS expiring FROM consents WHERE tenant_id = $1 AND valid_to >= $2 \
             AND valid_to <= $3 AND withdrawn_at IS NULL",
        )
        .bind(tenant.as_str())
        .bind(today.to_string())
        .bind(today.add_days(30).to_string())
        .fetch_one(&mut *conn)
        .await?
        .try_get("expiring")?;
        // The queue's own indexes: (tenant, status, deadline) and
        // (tenant, receiving unit, reviewed, review due).
        let intake_overdue: i64 = sqlx::query(
            "SELECT COUNT(*) AS intake_overdue FROM intake_items WHERE tenant_id = $1 AND status <> 'closed' \
             AND deadline_at < $2",
        )
        .bind(tenant.as_str())
        .bind(now_ms)
        .fetch_one(&mut *conn)
        .await?
        .try_get("intake_overdue")?;
        let reports_overdue: i64 = sqlx::query(
            "SELECT COUNT(*) AS reports_overdue FROM reports WHERE tenant_id = $1 AND reviewed_at IS NULL \
             AND review_due_at < $2",
        )
        .bind(tenant.as_str())
        .bind(now_ms)
        .fetch_one(&mut *conn)
        .await?
        .try_get("reports_overdue")?;
        let live = LiveCounts {
            expiring_consents: expiring,
            intake_overdue,
            reports_overdue,
        };
        let ladder = ladder_of(&mut conn, &tenant).await?;
        let costs = costs_of(&mut conn, &tenant).await?;
        Ok(Figures::from_sums(&sums, &ladder, &costs, live, now_ms))
    }
}

/// The kept counts summed for the filter, from the coarsest table that
/// answers it. The database does the summing: the open clocks and
/// evaluation dates are folded into "passed" and "not yet" (as keys that
/// sort before and after `now`), and the birth year and the year of the
/// period come back only when an age band asks for them, so a view of the
/// whole municipality returns a few hundred rows.
async fn sums_for(
    conn: &mut sqlx::AnyConnection,
    tenant: &ettlag_core::TenantId,
    filter: &SteeringFilter,
    now_ms: i64,
) -> DbResult<Sums> {
    let table = Table::for_filter(
        filter.unit.is_some(),
        filter.service_type.is_some(),
        filter.area.is_some(),
        filter.age.is_some(),
    );
    let mut binds: Vec<String> = Vec::new();
    let mut cond = String::new();
    let mut add = |column: &str, value: String, cond: &mut String| {
        binds.push(value);
        cond.push_str(&format!(" AND {column} = ${}", binds.len() + 5));
    };
    if let Some(u) = &filter.unit {
        add("unit_id", u.as_str().to_string(), &mut cond);
    }
    match (filter.service_type, table) {
        (Some(t), _) => add("service_type", t.code().to_string(), &mut cond),
        // An area alone reads one range of `stat_groups` per service type.
        (None, Table::Groups) => {
            let mut codes: Vec<String> = vec![String::new()];
            codes.extend(ServiceType::ALL.iter().map(|t| t.code().to_string()));
            let marks: Vec<String> = codes
                .into_iter()
                .map(|c| {
                    binds.push(c);
                    format!("${}", binds.len() + 5)
                })
                .collect();
            cond.push_str(&format!(" AND service_type IN ({})", marks.join(", ")));
        }
        _ => {}
    }
    if let Some(a) = &filter.area {
        binds.push(a.clone());
        cond.push_str(&format!(" AND area = ${}", binds.len() + 5));
    }
    let (year, born) = if filter.age.is_some() {
        (
            "CASE WHEN period = '' THEN '' ELSE SUBSTR(period, 1, 4) END",
            "born",
        )
    } else {
        ("''", "CAST(0 AS BIGINT)")
    };
    let sql = format!(
        "SELECT metric, y, k, b, CAST(SUM(n) AS BIGINT) AS total FROM (SELECT metric, {year} AS y, \
         CASE WHEN metric = '{due}' THEN (CASE WHEN key < $4 THEN '{before}' ELSE '{after}' END) \
         WHEN metric = '{open}' THEN (CASE WHEN key < $5 THEN '{before}' ELSE '{after}' END) \
         WHEN metric = '{moved}' THEN period || ' ' || key \
         ELSE key END AS k, {born} AS b, n FROM {name} WHERE tenant_id = $1 \
         AND (period = '' OR (period >= $2 AND period <= $3)){cond}) s GROUP BY metric, y, k, b",
        due = metric::DUE,
        open = metric::CONCERN_OPEN,
        moved = metric::STEP_MOVE,
        before = PASSED,
        after = NOT_YET,
        name = table.name(),
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(filter.period.from())
        .bind(filter.period.to())
        .bind(Day::from_ms(now_ms).to_string())
        .bind(ms_key(now_ms));
    for b in binds {
        q = q.bind(b);
    }
    let this_year = Day::from_ms(now_ms).ymd().0;
    let mut sums = Sums::default();
    for r in q.fetch_all(&mut *conn).await? {
        let year: String = r.try_get("y")?;
        let born: i64 = r.try_get("b")?;
        if let Some(band) = filter.age {
            let year = year.parse().unwrap_or(this_year);
            if born == 0 || AgeBand::of_age(year - born) != Some(band) {
                continue;
            }
        }
        *sums
            .0
            .entry((r.try_get("metric")?, r.try_get("k")?))
            .or_insert(0) += r.try_get::<i64, _>("total")?;
    }
    Ok(sums)
}

/// The keys that stand for every evaluation date or clock deadline that has
/// passed and that has not: they sort before and after both a day
/// (`YYYY-MM-DD`) and a time key (`ms_key`), so `Figures::from_sums` counts
/// them as it counts the real keys.
const PASSED: &str = "0";
const NOT_YET: &str = "~";
