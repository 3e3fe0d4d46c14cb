//! The five tables that keep the counts, finest first. Every change goes to
//! all of them in the same transaction; a read picks the coarsest table that
//! answers its filter, so a view of the whole municipality sums a few
//! hundred rows and not one per unit and birth year (docs/benchmarks.md).

use std::collections::HashMap;

use sqlx::Row;

use ettlag_core::TenantId;

use super::{Delta, Dims};
use crate::bulk::{Value, insert_rows};
use crate::error::DbResult;
use crate::writer::Tx;

/// A counter's identity within a municipality: metric, period, group, key.
pub(crate) type Counter = (String, String, Dims, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// Per unit (and its service type and area): `stat_counts`.
    Units,
    /// Per service type and area, without the unit: `stat_groups`.
    Groups,
    /// The whole municipality, per birth year: `stat_totals`.
    Totals,
    /// Per service type, without area and birth year: `stat_services`.
    Services,
    /// The whole municipality without birth year: `stat_flat`.
    Flat,
}

impl Table {
    pub const ALL: [Table; 5] = [
        Table::Units,
        Table::Groups,
        Table::Totals,
        Table::Services,
        Table::Flat,
    ];

    /// The table that answers a filter with the fewest rows: the birth year
    /// is kept only where an age band needs it.
    pub fn for_filter(unit: bool, service_type: bool, area: bool, age: bool) -> Table {
        match (unit, service_type, area, age) {
            (true, ..) => Table::Units,
            (false, _, true, _) | (false, true, false, true) => Table::Groups,
            (false, true, false, false) => Table::Services,
            (false, false, false, true) => Table::Totals,
            (false, false, false, false) => Table::Flat,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Units => "stat_counts",
            Table::Groups => "stat_groups",
            Table::Totals => "stat_totals",
            Table::Services => "stat_services",
            Table::Flat => "stat_flat",
        }
    }

    /// The group columns this table keeps, between period and born.
    fn group_columns(self) -> &'static [&'static str] {
        match self {
            Table::Units => &["unit_id", "service_type", "area"],
            Table::Groups => &["service_type", "area"],
            Table::Services => &["service_type"],
            Table::Totals | Table::Flat => &[],
        }
    }

    /// Whether the table keeps the birth year (for the age bands).
    pub fn keeps_born(self) -> bool {
        matches!(self, Table::Units | Table::Groups | Table::Totals)
    }

    fn columns(self) -> String {
        let mut cols = vec!["tenant_id", "metric", "period"];
        cols.extend(self.group_columns());
        if self.keeps_born() {
            cols.push("born");
        }
        cols.push("key");
        cols.join(", ")
    }

    /// The columns of the primary key, as the migration declares them.
    fn key_columns(self) -> &'static str {
        match self {
            Table::Units => "tenant_id, metric, period, unit_id, service_type, area, born, key",
            Table::Groups => "tenant_id, service_type, area, metric, period, born, key",
            Table::Totals => "tenant_id, metric, period, born, key",
            Table::Services => "tenant_id, service_type, metric, period, key",
            Table::Flat => "tenant_id, metric, period, key",
        }
    }

    /// The group as this table keeps it: what it does not keep is blank.
    pub fn coarsen(self, d: &Dims) -> Dims {
        match self {
            Table::Units => d.clone(),
            Table::Groups => Dims {
                unit: String::new(),
                ..d.clone()
            },
            Table::Totals => Dims {
                born: d.born,
                ..Dims::default()
            },
            Table::Services => Dims {
                service_type: d.service_type.clone(),
                ..Dims::default()
            },
            Table::Flat => Dims::default(),
        }
    }

    fn group_values(self, d: &Dims) -> Vec<String> {
        match self {
            Table::Units => vec![d.unit.clone(), d.service_type.clone(), d.area.clone()],
            Table::Groups => vec![d.service_type.clone(), d.area.clone()],
            Table::Services => vec![d.service_type.clone()],
            Table::Totals | Table::Flat => vec![],
        }
    }

    fn row(self, tenant: &TenantId, c: &Counter, n: i64) -> Vec<Value> {
        let mut row = vec![
            Value::Text(tenant.as_str().to_string()),
            Value::Text(c.0.clone()),
            Value::Text(c.1.clone()),
        ];
        row.extend(self.group_values(&c.2).into_iter().map(Value::Text));
        if self.keeps_born() {
            row.push(Value::Int(c.2.born));
        }
        row.push(Value::Text(c.3.clone()));
        row.push(Value::Int(n));
        row
    }
}

/// Sums counters at the grain of `table`, dropping the zeros.
pub(crate) fn rolled_up(table: Table, sums: &HashMap<Counter, i64>) -> HashMap<Counter, i64> {
    let mut out: HashMap<Counter, i64> = HashMap::new();
    for ((m, p, d, k), n) in sums {
        *out.entry((m.clone(), p.clone(), table.coarsen(d), k.clone()))
            .or_insert(0) += n;
    }
    out.retain(|_, n| *n != 0);
    out
}

/// Adds the deltas to the counters of every table, one statement per
/// distinct counter and table.
pub(crate) async fn apply(tx: &mut Tx, tenant: &TenantId, deltas: &[Delta]) -> DbResult<()> {
    let mut merged: HashMap<Counter, i64> = HashMap::new();
    for d in deltas {
        *merged
            .entry((
                d.metric.to_string(),
                d.period.clone(),
                d.dims.clone(),
                d.key.clone(),
            ))
            .or_insert(0) += d.n;
    }
    for table in Table::ALL {
        let columns = table.columns();
        let width = table.group_columns().len() + 5 + usize::from(table.keeps_born());
        let marks: Vec<String> = (1..=width).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {name} ({columns}, n) VALUES ({marks}) ON CONFLICT ({key}) \
             DO UPDATE SET n = {name}.n + excluded.n",
            name = table.name(),
            marks = marks.join(", "),
            key = table.key_columns(),
        );
        for (counter, n) in rolled_up(table, &merged) {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for v in table.row(tenant, &counter, n) {
                q = match v {
                    Value::Int(i) => q.bind(i),
                    Value::Text(s) => q.bind(s),
                    Value::OptText(s) => q.bind(s),
                    Value::OptInt(i) => q.bind(i),
                };
            }
            q.execute(&mut tx.conn).await?;
        }
    }
    Ok(())
}

/// Replaces the municipality's counters in every table. Returns the number
/// of counters at the finest grain.
pub(crate) async fn replace(
    tx: &mut Tx,
    tenant: &TenantId,
    sums: &HashMap<Counter, i64>,
) -> DbResult<usize> {
    for table in Table::ALL {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {} WHERE tenant_id = $1",
            table.name()
        )))
        .bind(tenant.as_str())
        .execute(&mut tx.conn)
        .await?;
        let rows: Vec<Vec<Value>> = rolled_up(table, sums)
            .iter()
            .map(|(c, n)| table.row(tenant, c, *n))
            .collect();
        insert_rows(
            tx,
            &format!("{} ({}, n)", table.name(), table.columns()),
            rows,
        )
        .await?;
    }
    Ok(sums.values().filter(|n| **n != 0).count())
}

/// The counters a table keeps for the municipality (zeros left out).
pub(crate) async fn kept(
    tx: &mut Tx,
    tenant: &TenantId,
    table: Table,
) -> DbResult<HashMap<Counter, i64>> {
    let groups = table.group_columns();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {}, n FROM {} WHERE tenant_id = $1 AND n <> 0",
        table.columns(),
        table.name()
    )))
    .bind(tenant.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        let g = |name: &str| -> DbResult<String> {
            if groups.contains(&name) {
                Ok(r.try_get(name)?)
            } else {
                Ok(String::new())
            }
        };
        let born = if table.keeps_born() {
            r.try_get("born")?
        } else {
            0
        };
        let dims = Dims {
            unit: g("unit_id")?,
            service_type: g("service_type")?,
            area: g("area")?,
            born,
        };
        out.insert(
            (
                r.try_get("metric")?,
                r.try_get("period")?,
                dims,
                r.try_get("key")?,
            ),
            r.try_get("n")?,
        );
    }
    Ok(out)
}
