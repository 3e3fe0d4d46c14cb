//! Recomputes a municipality's counts from the source tables. Used after a
//! change of ladder, after bulk loads, and by the tests that check that the
//! counts kept by the write paths agree with the source.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use sqlx::Row;

use ettlag_core::TenantId;
use ettlag_core::relay::{Event, Recorded};

use super::fold::concern_deltas;
use super::fold::{LogContext, fold_log};
use super::ladder::ladder_of;
use super::tables::{Counter, Table, kept, replace, rolled_up};
use super::track::child_dims;
use super::{Delta, Dims, birth_year, metric, month_of, units_of};
use crate::access::relay::events::event_from_row;
use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

/// Every delta of the municipality's source rows.
async fn all_deltas(tx: &mut Tx, tenant: &TenantId) -> DbResult<Vec<Delta>> {
    let t = tenant.as_str();
    let units = units_of(&mut tx.conn, tenant).await?;
    let ladder = ladder_of(&mut tx.conn, tenant).await?;
    let mut out = Vec::new();

    let mut rows = sqlx::query(
        "SELECT p.birth_date, MIN(e.unit_id) AS unit_id FROM persons p JOIN enrolments e \
         ON e.tenant_id = p.tenant_id AND e.child_id = p.id AND e.to_date IS NULL \
         WHERE p.tenant_id = $1 GROUP BY p.id, p.birth_date",
    )
    .bind(t)
    .fetch(&mut tx.conn);
    while let Some(r) = rows.try_next().await? {
        let birth: Option<String> = r.try_get("birth_date")?;
        let unit: String = r.try_get("unit_id")?;
        out.push(Delta {
            metric: metric::ENROLLED,
            period: String::new(),
            dims: Dims::of_unit(&units, &unit, birth_year(birth.as_deref())),
            key: String::new(),
            n: 1,
        });
    }
    drop(rows);

    let mut rows = sqlx::query(
        "SELECT p.birth_date, c.unit_id, c.raised_at, c.deadline_at, c.decided_at FROM concerns c \
         JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.child_id WHERE c.tenant_id = $1",
    )
    .bind(t)
    .fetch(&mut tx.conn);
    while let Some(r) = rows.try_next().await? {
        let birth: Option<String> = r.try_get("birth_date")?;
        let unit: String = r.try_get("unit_id")?;
        let dims = Dims::of_unit(&units, &unit, birth_year(birth.as_deref()));
        out.extend(concern_deltas(
            dims,
            r.try_get("raised_at")?,
            r.try_get("deadline_at")?,
            r.try_get("decided_at")?,
        ));
    }
    drop(rows);

    // The facts of each log, then all events in one pass, log by log.
    let mut facts: HashMap<String, (i64, Option<i64>)> = HashMap::new();
    let mut rows = sqlx::query(
        "SELECT l.id, p.birth_date, c.raised_at FROM relay_logs l \
         JOIN persons p ON p.tenant_id = l.tenant_id AND p.id = l.child_id \
         LEFT JOIN concerns c ON c.tenant_id = l.tenant_id AND c.id = l.concern_id \
         WHERE l.tenant_id = $1",
    )
    .bind(t)
    .fetch(&mut tx.conn);
    while let Some(r) = rows.try_next().await? {
        let birth: Option<String> = r.try_get("birth_date")?;
        facts.insert(
            r.try_get("id")?,
            (birth_year(birth.as_deref()), r.try_get("raised_at")?),
        );
    }
    drop(rows);
    let fold = |log: &str, events: &[Recorded<Event>], out: &mut Vec<Delta>| -> DbResult<()> {
        let (born, concern_raised_ms) = facts.get(log).copied().unwrap_or((0, None));
        let ctx = LogContext {
            born,
            concern_raised_ms,
            units: &units,
            ladder: &ladder,
        };
        out.extend(
            fold_log(events, 0, &ctx)
                .map_err(|e| DbError::Other(format!("relay log {log} does not replay: {e}")))?,
        );
        Ok(())
    };
    let mut rows = sqlx::query(
        "SELECT seq, id, at_ms, by_staff, supersedes, kind, body, log_id FROM relay_events \
         WHERE tenant_id = $1 ORDER BY log_id, seq",
    )
    .bind(t)
    .fetch(&mut tx.conn);
    let mut current = String::new();
    let mut events: Vec<Recorded<Event>> = Vec::new();
    while let Some(r) = rows.try_next().await? {
        let log: String = r.try_get("log_id")?;
        if log != current {
            fold(&current, &events, &mut out)?;
            events.clear();
            current = log;
        }
        events.push(event_from_row(&r)?.1);
    }
    fold(&current, &events, &mut out)?;
    drop(rows);

    let mut made: Vec<(&'static str, String, i64)> = Vec::new();
    for (m, sql) in [
        (
            metric::PLAN,
            "SELECT person_id AS child_id, created_at AS made_at FROM plans WHERE tenant_id = $1",
        ),
        (
            metric::REPORT,
            "SELECT child_id, submitted_at AS made_at FROM reports WHERE tenant_id = $1",
        ),
    ] {
        for r in sqlx::query(sql).bind(t).fetch_all(&mut tx.conn).await? {
            made.push((m, r.try_get("child_id")?, r.try_get("made_at")?));
        }
    }
    for (m, child, at) in made {
        let dims = child_dims(&mut tx.conn, tenant, &child)
            .await?
            .unwrap_or_default();
        out.push(Delta {
            metric: m,
            period: month_of(at),
            dims,
            key: String::new(),
            n: 1,
        });
    }
    Ok(out)
}

/// The counts as the source tables give them, summed per counter.
pub(crate) async fn recomputed(tx: &mut Tx, tenant: &TenantId) -> DbResult<HashMap<Counter, i64>> {
    let mut sums = HashMap::new();
    for d in all_deltas(tx, tenant).await? {
        *sums
            .entry((d.metric.to_string(), d.period, d.dims, d.key))
            .or_insert(0) += d.n;
    }
    sums.retain(|_, n| *n != 0);
    Ok(sums)
}

/// Replaces the municipality's counts, in every table, with the recomputed ones.
pub(crate) async fn rebuild_in(tx: &mut Tx, tenant: &TenantId) -> DbResult<usize> {
    let sums = recomputed(tx, tenant).await?;
    replace(tx, tenant, &sums).await
}

impl Store {
    /// Recomputes the steering counts of every municipality from the source
    /// tables (`ettlag steering rebuild`). Returns the number of counters.
    pub async fn rebuild_steering(&self) -> DbResult<usize> {
        let tenants: Vec<String> = sqlx::query("SELECT id FROM tenants ORDER BY id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<Result<_, _>>()?;
        let mut total = 0;
        for t in tenants {
            let tenant = TenantId::from_trusted(t);
            total += self
                .writer
                .run(move |tx| Box::pin(async move { rebuild_in(tx, &tenant).await }))
                .await?;
        }
        Ok(total)
    }

    /// Whether the kept counts of every municipality equal the recomputed
    /// ones, in every table; the counters that differ, as
    /// `table metric period unit key: kept ≠ source`.
    pub async fn check_steering(&self) -> DbResult<Vec<String>> {
        self.writer
            .run(|tx| {
                Box::pin(async move {
                    let tenants: Vec<String> = sqlx::query("SELECT id FROM tenants ORDER BY id")
                        .fetch_all(&mut tx.conn)
                        .await?
                        .iter()
                        .map(|r| r.try_get("id"))
                        .collect::<Result<_, _>>()?;
                    let mut diffs = Vec::new();
                    for t in tenants {
                        let tenant = TenantId::from_trusted(t);
                        let source = recomputed(tx, &tenant).await?;
                        for table in Table::ALL {
                            let want = rolled_up(table, &source);
                            let kept = kept(tx, &tenant, table).await?;
                            let name = table.name();
                            for (k, n) in &want {
                                if kept.get(k) != Some(n) {
                                    diffs.push(format!(
                                        "{name} {} {} {} {}: kept {:?} ≠ source {n}",
                                        k.0,
                                        k.1,
                                        k.2.unit,
                                        k.3,
                                        kept.get(k)
                                    ));
                                }
                            }
                            for (k, n) in &kept {
                                if !want.contains_key(k) {
                                    diffs.push(format!(
                                        "{name} {} {} {} {}: kept {n} ≠ source 0",
                                        k.0, k.1, k.2.unit, k.3
                                    ));
                                }
                            }
                        }
                    }
                    diffs.sort();
                    Ok(diffs)
                })
            })
            .await
    }
}
