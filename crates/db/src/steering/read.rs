//! The leaders' figures, read from the kept counts through the policy. A
//! read is audited as one aggregate read that names no person.

use std::collections::{BTreeMap, HashMap};

use sqlx::Row;

use ettlag_core::policy::{Statistics, Subject};
use ettlag_core::steering::{AgeBand, Histogram, Ladder, LadderStep, Period};
use ettlag_core::{Coded, Day, ServiceType, UnitId};

use super::metric;
use super::ms_key;
use super::settings::{costs_of, ladder_of};
use super::tables::Table;
use crate::access::AccessContext;
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

/// Summed counts by (metric, key), after the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sums(pub HashMap<(String, String), i64>);

impl Sums {
    pub fn get(&self, metric: &str, key: &str) -> i64 {
        self.0
            .get(&(metric.to_string(), key.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// The sum over the keys of a metric that `keep` accepts.
    pub fn sum_where(&self, metric: &str, keep: impl Fn(&str) -> bool) -> i64 {
        self.0
            .iter()
            .filter(|((m, k), _)| m == metric && keep(k))
            .map(|(_, n)| *n)
            .sum()
    }

    pub fn keys(&self, metric: &str) -> Vec<String> {
        let mut keys: Vec<String> = self
            .0
            .iter()
            .filter(|((m, _), n)| m == metric && **n != 0)
            .map(|((_, k), _)| k.clone())
            .collect();
        keys.sort();
        keys
    }
}

/// Every figure of the steering views, before small counts are hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Open relay logs by level 1–3, now.
    pub levels: [i64; 3],
    /// Level changes in the period: ((from, to), count).
    pub flows: Vec<((u8, u8), i64)>,
    /// Enrolled now; then in the period: concerns, relay logs opened,
    /// logs reaching level 2, level 3, individual plans, reports.
    pub funnel: [i64; 7],
    /// Days from concern to first measure: the median, the 90th
    /// percentile, and how many first measures in the period.
    pub first_measure: (Option<i64>, Option<i64>, i64),
    /// The histogram behind it, in days.
    pub first_measure_days: Vec<(i64, i64)>,
    /// Open logs whose earliest evaluation date has passed.
    pub overdue_evaluations: i64,
    /// Consents in force that end within 30 days (the whole municipality).
    pub expiring_consents: i64,
    /// What came in and waits past its deadline now (the whole
    /// municipality): intake items not closed, and reports to child welfare
    /// not reviewed within the week.
    pub intake_overdue: i64,
    pub reports_overdue: i64,
    /// Concern clocks missed: decided late in the period, and open past the deadline now.
    pub clocks_missed: (i64, i64),
    /// Per ladder step 1–6: children now, moves up into a higher step and
    /// down in the period (by the step the move left).
    pub ladder: Vec<(LadderStep, i64)>,
    pub ladder_moves: (i64, i64),
    /// Measures started in the period per type, with the cost of one if set.
    pub measures: Vec<(ServiceType, i64, Option<i64>)>,
    /// Spending per step: the measures of the step's types times their cost;
    /// `None` when no type of the step has a cost.
    pub spending: Vec<(LadderStep, Option<i64>)>,
    /// The step of each measure type on the municipality's ladder.
    pub step_types: Vec<(ServiceType, LadderStep)>,
}

/// Figures counted from their own tables through an index at each request,
/// because they depend on the moment asked: what ends or is overdue now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LiveCounts {
    pub expiring_consents: i64,
    pub intake_overdue: i64,
    pub reports_overdue: i64,
}

impl Figures {
    /// Computes the figures from the summed counts. `now_ms` decides which
    /// clocks and evaluation dates have passed.
    pub fn from_sums(
        s: &Sums,
        ladder: &Ladder,
        costs: &BTreeMap<ServiceType, i64>,
        live: LiveCounts,
        now_ms: i64,
    ) -> Figures {
        let today = Day::from_ms(now_ms).to_string();
        let levels = [1, 2, 3].map(|l| s.get(metric::LEVEL, &l.to_string()));
        let mut flows: Vec<((u8, u8), i64)> = s
            .keys(metric::LEVEL_MOVE)
            .iter()
            .filter_map(|k| {
                let (a, b) = k.split_once('>')?;
                Some((
                    (a.parse().ok()?, b.parse().ok()?),
                    s.get(metric::LEVEL_MOVE, k),
                ))
            })
            .collect();
        flows.sort();
        let funnel = [
            s.get(metric::ENROLLED, ""),
            s.get(metric::CONCERN, ""),
            s.get(metric::LOG_OPENED, ""),
            s.get(metric::REACHED, "2"),
            s.get(metric::REACHED, "3"),
            s.get(metric::PLAN, ""),
            s.get(metric::REPORT, ""),
        ];
        let mut hist = Histogram::default();
        let mut days: Vec<(i64, i64)> = Vec::new();
        for k in s.keys(metric::FIRST_MEASURE) {
            if let Ok(d) = k.parse::<i64>() {
                let n = s.get(metric::FIRST_MEASURE, &k);
                hist.add(d, u64::try_from(n).unwrap_or(0));
                days.push((d, n));
            }
        }
        days.sort();
        let measures: Vec<(ServiceType, i64, Option<i64>)> = ServiceType::ALL
            .iter()
            .map(|t| (*t, s.get(metric::MEASURE, t.code()), costs.get(t).copied()))
            .filter(|(_, n, c)| *n != 0 || c.is_some())
            .collect();
        let spending = LadderStep::all()
            .map(|step| {
                let priced: Vec<i64> = ladder
                    .types_of(step)
                    .iter()
                    .filter_map(|t| {
                        costs
                            .get(t)
                            .map(|c| c.saturating_mul(s.get(metric::MEASURE, t.code())))
                    })
                    .collect();
                (step, (!priced.is_empty()).then(|| priced.iter().sum()))
            })
            .collect();
        let now_key = ms_key(now_ms);
        Figures {
            levels,
            flows,
            funnel,
            first_measure: (
                hist.percentile(50),
                hist.percentile(90),
                i64::try_from(hist.total()).unwrap_or(i64::MAX),
            ),
            first_measure_days: days,
            overdue_evaluations: s.sum_where(metric::DUE, |k| k < today.as_str()),
            expiring_consents: live.expiring_consents,
            intake_overdue: live.intake_overdue,
            reports_overdue: live.reports_overdue,
            clocks_missed: (
                s.get(metric::CLOCK_MISSED, "concern"),
                s.sum_where(metric::CONCERN_OPEN, |k| k < now_key.as_str()),
            ),
            ladder: LadderStep::all()
                .map(|st| (st, s.get(metric::STEP, &st.number().to_string())))
                .collect(),
            ladder_moves: (
                s.get(metric::STEP_MOVE, "up"),
                s.get(metric::STEP_MOVE, "down"),
            ),
            measures,
            spending,
            step_types: ServiceType::ALL
                .iter()
                .map(|t| (*t, ladder.step_of(*t)))
                .collect(),
        }
    }
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
            "SELECT COUNT(*) FROM consents WHERE tenant_id = $1 AND valid_to >= $2 \
             AND valid_to <= $3 AND withdrawn_at IS NULL",
        )
        .bind(tenant.as_str())
        .bind(today.to_string())
        .bind(today.add_days(30).to_string())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
        // The queue's own indexes: (tenant, status, deadline) and
        // (tenant, receiving unit, reviewed, review due).
        let intake_overdue: i64 = sqlx::query(
            "SELECT COUNT(*) FROM intake_items WHERE tenant_id = $1 AND status <> 'closed' \
             AND deadline_at < $2",
        )
        .bind(tenant.as_str())
        .bind(now_ms)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
        let reports_overdue: i64 = sqlx::query(
            "SELECT COUNT(*) FROM reports WHERE tenant_id = $1 AND reviewed_at IS NULL \
             AND review_due_at < $2",
        )
        .bind(tenant.as_str())
        .bind(now_ms)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
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
        "SELECT metric, y, k, b, CAST(SUM(n) AS BIGINT) FROM (SELECT metric, {year} AS y, \
         CASE WHEN metric = '{due}' THEN (CASE WHEN key < $4 THEN '{before}' ELSE '{after}' END) \
         WHEN metric = '{open}' THEN (CASE WHEN key < $5 THEN '{before}' ELSE '{after}' END) \
         ELSE key END AS k, {born} AS b, n FROM {name} WHERE tenant_id = $1 \
         AND (period = '' OR (period >= $2 AND period <= $3)){cond}) s GROUP BY metric, y, k, b",
        due = metric::DUE,
        open = metric::CONCERN_OPEN,
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
        let year: String = r.try_get(1)?;
        let born: i64 = r.try_get(3)?;
        if let Some(band) = filter.age {
            let year = year.parse().unwrap_or(this_year);
            if born == 0 || AgeBand::of_age(year - born) != Some(band) {
                continue;
            }
        }
        *sums.0.entry((r.try_get(0)?, r.try_get(2)?)).or_insert(0) += r.try_get::<i64, _>(4)?;
    }
    Ok(sums)
}

/// The keys that stand for every evaluation date or clock deadline that has
/// passed and that has not: they sort before and after both a day
/// (`YYYY-MM-DD`) and a time key (`ms_key`), so `Figures::from_sums` counts
/// them as it counts the real keys.
const PASSED: &str = "0";
const NOT_YET: &str = "~";
