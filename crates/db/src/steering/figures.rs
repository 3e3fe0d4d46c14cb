//! The figures of the steering views, computed from the summed counts.

use std::collections::{BTreeMap, HashMap};

use ettlag_core::steering::{Histogram, Ladder, LadderStep, MeasureKind, STEPS};
use ettlag_core::{Coded, Day, ServiceType};

use super::{metric, ms_key};

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
    /// The same per month (`YYYY-MM`, up, down), months without a move left out.
    pub ladder_moves_by_month: Vec<(String, i64, i64)>,
    /// Measures started in the period per kind: the municipality's types
    /// first, then measures without a type by service.
    pub measures: Vec<MeasureLine>,
    /// Spending per step: the measures of the step's types times their cost;
    /// `None` when no type of the step has a cost.
    pub spending: Vec<(LadderStep, Option<i64>)>,
    /// The municipality's names of the steps (`None`: the default name).
    pub step_names: [Option<String>; STEPS as usize],
}

/// The measures of one kind started in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureLine {
    pub kind: MeasureKind,
    /// The municipality's name of a measure type; a service is named by
    /// its message.
    pub name: Option<String>,
    pub step: LadderStep,
    pub count: i64,
    /// What one measure costs, if set.
    pub cost: Option<i64>,
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
        // Moves are read per month, as "YYYY-MM up" and "YYYY-MM down".
        let mut by_month: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for k in s.keys(metric::STEP_MOVE) {
            let n = s.get(metric::STEP_MOVE, &k);
            match k.split_once(' ') {
                Some((month, "up")) => by_month.entry(month.to_string()).or_default().0 += n,
                Some((month, "down")) => by_month.entry(month.to_string()).or_default().1 += n,
                _ => {}
            }
        }
        let measures = measure_lines(s, ladder, costs);
        let spending = LadderStep::all()
            .map(|step| {
                let priced: Vec<i64> = measures
                    .iter()
                    .filter(|m| m.step == step)
                    .filter_map(|m| m.cost.map(|c| c.saturating_mul(m.count)))
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
            ladder_moves: by_month
                .values()
                .fold((0, 0), |(u, d), (up, down)| (u + up, d + down)),
            ladder_moves_by_month: by_month
                .into_iter()
                .map(|(m, (up, down))| (m, up, down))
                .collect(),
            measures,
            spending,
            step_names: ladder.names().clone(),
        }
    }
}

/// The municipality's measure types (all of them, in list order), then the
/// services of measures without a type; a kind with no measure and no cost
/// is left out.
fn measure_lines(
    s: &Sums,
    ladder: &Ladder,
    costs: &BTreeMap<ServiceType, i64>,
) -> Vec<MeasureLine> {
    let typed = ladder.measure_types().iter().map(|t| MeasureLine {
        count: s.get(metric::MEASURE, &MeasureKind::Typed(t.code.clone()).key()),
        kind: MeasureKind::Typed(t.code.clone()),
        name: Some(t.name.clone()),
        step: t.step,
        cost: t.cost,
    });
    let services = ServiceType::ALL.iter().map(|t| {
        let kind = MeasureKind::Service(*t);
        MeasureLine {
            count: s.get(metric::MEASURE, &kind.key()),
            step: ladder.step_of(*t),
            kind,
            name: None,
            cost: costs.get(t).copied(),
        }
    });
    typed
        .chain(services)
        .filter(|m| m.count != 0 || m.cost.is_some())
        .collect()
}
