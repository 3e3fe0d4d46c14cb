//! The steering figures as tables: labelled, explained, with small counts
//! hidden. The pages, the charts and the CSV files are all made from these
//! tables, so that nothing hidden on a page can be read from a file.

use ettlag_core::steering::{BottomLine, Cell, LadderStep, MIN_SHOWN, MeasureKind, suppress};
use ettlag_core::{Coded, csv_cell};
use ettlag_db::{Figures, MeasureLine};

use crate::i18n::Tr;

/// One shown value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A count of children or cases, possibly hidden.
    Count(Cell),
    /// A number that is not a count of persons (days, kroner), or hidden
    /// with the count it comes from; `None` when there is nothing to show.
    Number(Option<i64>, bool),
    /// A formatted figure that is not a count (a share, an interval).
    Text(String),
}

impl Value {
    /// The text of the value; hidden values say so in words.
    pub fn text(&self, tr: &Tr) -> String {
        match self {
            Value::Count(Cell::Shown(n)) => n.to_string(),
            Value::Count(Cell::Hidden) | Value::Number(_, true) => tr.t("steering-hidden"),
            Value::Number(Some(n), false) => n.to_string(),
            Value::Number(None, false) => tr.t("steering-none"),
            Value::Text(t) => t.clone(),
        }
    }

    /// The value as a CSV cell: a computed number stays a number (a minus
    /// sign included); anything else is text, made safe for spreadsheets.
    pub fn csv_cell(&self, tr: &Tr) -> String {
        match self {
            Value::Count(Cell::Shown(n)) => n.to_string(),
            Value::Number(Some(n), false) => csv_cell::number(*n),
            _ => csv_cell::text(&self.text(tr)),
        }
    }

    /// The count to draw as a bar, if shown.
    pub fn bar(&self) -> Option<u64> {
        match self {
            Value::Count(Cell::Shown(n)) => Some(*n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub values: Vec<Value>,
}

/// A table of one figure.
#[derive(Debug, Clone)]
pub struct Table {
    /// Stable id: the anchor, the CSV file name and the message ids.
    pub id: &'static str,
    pub title: String,
    /// How the figure is computed, in a sentence or two.
    pub explain: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Drawn as bars (one count column).
    pub chart: bool,
}

impl Table {
    pub(super) fn new(tr: &Tr, id: &'static str, columns: &[&str], chart: bool) -> Table {
        Table {
            id,
            title: tr.t(&format!("steering-table-{id}")),
            explain: tr.t(&format!("steering-explain-{id}")),
            columns: columns.iter().map(|c| tr.t(c)).collect(),
            rows: Vec::new(),
            chart,
        }
    }

    /// The largest shown bar, for scaling the chart.
    pub fn max_bar(&self) -> u64 {
        self.rows
            .iter()
            .filter_map(|r| r.values.first().and_then(Value::bar))
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// A table of one count column with a total row; suppression covers both.
fn counted(tr: &Tr, mut table: Table, rows: Vec<(String, i64)>, total: bool) -> Table {
    let values: Vec<u64> = rows.iter().map(|(_, n)| count(*n)).collect();
    let sum = total.then(|| values.iter().sum());
    let (cells, total_cell) = suppress(&values, sum);
    for ((label, _), cell) in rows.into_iter().zip(cells) {
        table.rows.push(Row {
            label,
            values: vec![Value::Count(cell)],
        });
    }
    if let Some(cell) = total_cell {
        table.rows.push(Row {
            label: tr.t("steering-total"),
            values: vec![Value::Count(cell)],
        });
    }
    table
}

fn level_name(tr: &Tr, n: u8) -> String {
    tr.t_with("steering-level", &[("level", n.to_string())])
}

/// A step by the municipality's name, or the default name.
fn step_name(tr: &Tr, f: &Figures, s: LadderStep) -> String {
    let own = f.step_names[usize::from(s.number()) - 1].clone();
    format!(
        "{}. {}",
        s.number(),
        own.unwrap_or_else(|| tr.t(&s.message_key()))
    )
}

/// A kind of measure by the municipality's name of its type, or its service.
fn measure_name(tr: &Tr, m: &MeasureLine) -> String {
    match (&m.name, &m.kind) {
        (Some(name), _) => name.clone(),
        (None, MeasureKind::Service(t)) => tr.t(&t.message_key()),
        (None, MeasureKind::Typed(code)) => code.to_string(),
    }
}

/// The tables of one bottom line.
pub fn tables(tr: &Tr, line: BottomLine, f: &Figures) -> Vec<Table> {
    let col = "steering-col-count";
    match line {
        BottomLine::Citizen => vec![
            counted(
                tr,
                Table::new(tr, "levels", &["steering-col-level", col], true),
                (1..=3)
                    .map(|l| (level_name(tr, l), f.levels[usize::from(l) - 1]))
                    .collect(),
                true,
            ),
            counted(
                tr,
                Table::new(tr, "funnel", &["steering-col-stage", col], true),
                [
                    "enrolled", "concerns", "logs", "level2", "level3", "plans", "reports",
                ]
                .iter()
                .zip(f.funnel)
                .map(|(k, n)| (tr.t(&format!("steering-funnel-{k}")), n))
                .collect(),
                false,
            ),
        ],
        BottomLine::Quality => {
            let (median, p90, n) = f.first_measure;
            // A percentile of fewer than five children would point at them.
            let few = n > 0 && count(n) < MIN_SHOWN;
            let mut time = Table::new(
                tr,
                "first-measure",
                &["steering-col-figure", "steering-col-days"],
                false,
            );
            time.rows = vec![
                Row {
                    label: tr.t("steering-median"),
                    values: vec![Value::Number(median, few)],
                },
                Row {
                    label: tr.t("steering-p90"),
                    values: vec![Value::Number(p90, few)],
                },
                Row {
                    label: tr.t("steering-first-measures"),
                    values: vec![Value::Count(suppress(&[count(n)], None).0[0])],
                },
            ];
            let bands: [(i64, i64, &str); 6] = [
                (0, 7, "0–7"),
                (8, 14, "8–14"),
                (15, 30, "15–30"),
                (31, 60, "31–60"),
                (61, 90, "61–90"),
                (91, i64::MAX, "91+"),
            ];
            let days = bands
                .iter()
                .map(|(lo, hi, label)| {
                    let n = f
                        .first_measure_days
                        .iter()
                        .filter(|(d, _)| d >= lo && d <= hi)
                        .map(|(_, n)| n)
                        .sum();
                    (
                        tr.t_with("steering-days", &[("days", (*label).to_string())]),
                        n,
                    )
                })
                .collect();
            vec![
                time,
                counted(
                    tr,
                    Table::new(tr, "first-measure-days", &["steering-col-days", col], true),
                    days,
                    true,
                ),
                counted(
                    tr,
                    Table::new(tr, "flows", &["steering-col-move", col], false),
                    f.flows
                        .iter()
                        .map(|((a, b), n)| {
                            (
                                format!("{} → {}", level_name(tr, *a), level_name(tr, *b)),
                                *n,
                            )
                        })
                        .collect(),
                    false,
                ),
                counted(
                    tr,
                    Table::new(tr, "ladder", &["steering-col-step", col], true),
                    f.ladder
                        .iter()
                        .map(|(s, n)| (step_name(tr, f, *s), *n))
                        .collect(),
                    true,
                ),
                counted(
                    tr,
                    Table::new(tr, "ladder-moves", &["steering-col-move", col], false),
                    vec![
                        (tr.t("steering-move-up"), f.ladder_moves.0),
                        (tr.t("steering-move-down"), f.ladder_moves.1),
                    ],
                    false,
                ),
                moves_by_month(tr, f),
            ]
        }
        BottomLine::Workplace => vec![
            counted(
                tr,
                Table::new(tr, "measures", &["steering-col-type", col], true),
                f.measures
                    .iter()
                    .map(|m| (measure_name(tr, m), m.count))
                    .collect(),
                true,
            ),
            counted(
                tr,
                Table::new(tr, "overdue", &["steering-col-figure", col], false),
                vec![(tr.t("steering-overdue"), f.overdue_evaluations)],
                false,
            ),
        ],
        BottomLine::Economy => economy(tr, f),
        BottomLine::Law => vec![
            counted(
                tr,
                Table::new(tr, "clocks", &["steering-col-figure", col], false),
                vec![
                    (tr.t("steering-clock-late"), f.clocks_missed.0),
                    (tr.t("steering-clock-open"), f.clocks_missed.1),
                    (tr.t("steering-clock-intake"), f.intake_overdue),
                    (tr.t("steering-clock-reports"), f.reports_overdue),
                ],
                true,
            ),
            counted(
                tr,
                Table::new(tr, "consents", &["steering-col-figure", col], false),
                vec![(tr.t("steering-consents-expiring"), f.expiring_consents)],
                false,
            ),
            counted(
                tr,
                Table::new(tr, "reports", &["steering-col-figure", col], false),
                vec![(tr.t("steering-funnel-reports"), f.funnel[6])],
                false,
            ),
        ],
    }
}

/// The moves up and down the ladder month by month. Each column is
/// suppressed against its total, which the table of moves shows.
fn moves_by_month(tr: &Tr, f: &Figures) -> Table {
    let mut table = Table::new(
        tr,
        "ladder-months",
        &[
            "steering-col-month",
            "steering-move-up",
            "steering-move-down",
        ],
        false,
    );
    let column = |pick: fn(&(String, i64, i64)) -> i64, total: i64| {
        let values: Vec<u64> = f
            .ladder_moves_by_month
            .iter()
            .map(|m| count(pick(m)))
            .collect();
        suppress(&values, Some(count(total))).0
    };
    let ups = column(|m| m.1, f.ladder_moves.0);
    let downs = column(|m| m.2, f.ladder_moves.1);
    for ((month, _, _), (up, down)) in f
        .ladder_moves_by_month
        .iter()
        .zip(ups.into_iter().zip(downs))
    {
        table.rows.push(Row {
            label: month.clone(),
            values: vec![Value::Count(up), Value::Count(down)],
        });
    }
    table
}

/// Costs per measure type and spending per step. A spending made from a
/// hidden count is hidden too.
fn economy(tr: &Tr, f: &Figures) -> Vec<Table> {
    let mut costs = Table::new(
        tr,
        "costs",
        &[
            "steering-col-type",
            "steering-col-count",
            "steering-col-cost",
            "steering-col-spending",
        ],
        false,
    );
    let counts: Vec<u64> = f.measures.iter().map(|m| count(m.count)).collect();
    let (cells, _) = suppress(&counts, None);
    for (m, cell) in f.measures.iter().zip(&cells) {
        let hidden = *cell == Cell::Hidden;
        costs.rows.push(Row {
            label: measure_name(tr, m),
            values: vec![
                Value::Count(*cell),
                Value::Number(m.cost, false),
                Value::Number(m.cost.map(|c| c.saturating_mul(m.count)), hidden),
            ],
        });
    }
    let mut spending = Table::new(
        tr,
        "spending",
        &["steering-col-step", "steering-col-spending"],
        false,
    );
    for (step, amount) in &f.spending {
        // A spending made from a hidden count of one of the step's kinds is hidden.
        let behind_hidden = f
            .measures
            .iter()
            .zip(&cells)
            .any(|(m, c)| m.step == *step && m.cost.is_some() && *c == Cell::Hidden);
        spending.rows.push(Row {
            label: step_name(tr, f, *step),
            values: vec![Value::Number(*amount, behind_hidden && amount.is_some())],
        });
    }
    vec![costs, spending]
}

/// The table as CSV: a header row, then the rows; hidden values say so.
/// Every cell goes through [`csv_cell`], so that a name a user typed cannot
/// be read as a formula by a spreadsheet.
pub fn csv(tr: &Tr, table: &Table) -> String {
    let mut out = csv_cell::record(table.columns.iter().map(|c| csv_cell::text(c)));
    for row in &table.rows {
        let values = row.values.iter().map(|v| v.csv_cell(tr));
        out.push_str(&csv_cell::record(
            std::iter::once(csv_cell::text(&row.label)).chain(values),
        ));
    }
    out
}
