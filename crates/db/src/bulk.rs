//! Multi-row statements for loading many rows in one transaction: the demo
//! and CSV imports. Callers are writer jobs that have already decided and
//! audited what they store.

use std::collections::HashMap;

use sqlx::Row;

use crate::error::DbResult;
use crate::writer::Tx;

/// Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535
/// bound parameters.
pub(crate) const ROWS_PER_STATEMENT: usize = 500;

/// Which of `keys` the database has, looked up in chunks: `select_in` is a
/// query whose columns are named `key`, `id` and (optionally) `extra`, ending
/// in `IN` (the list is added), with `$1` bound to `first` when given. The
/// `id` and `extra` of each key found come back.
pub(crate) async fn existing(
    tx: &mut Tx,
    select_in: &str,
    first: Option<&str>,
    keys: &[String],
) -> DbResult<HashMap<String, (String, Option<String>)>> {
    let mut out = HashMap::new();
    let offset = usize::from(first.is_some());
    for chunk in keys.chunks(ROWS_PER_STATEMENT) {
        let list: Vec<String> = (1..=chunk.len())
            .map(|i| format!("${}", i + offset))
            .collect();
        let sql = format!("{select_in} ({})", list.join(","));
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(first) = first {
            q = q.bind(first.to_string());
        }
        for key in chunk {
            q = q.bind(key.clone());
        }
        for r in q.fetch_all(&mut tx.conn).await? {
            let key: String = r.try_get("key")?;
            let id: String = r.try_get("id")?;
            let extra: Option<String> = if r.len() > 2 {
                r.try_get("extra")?
            } else {
                None
            };
            out.insert(key, (id, extra));
        }
    }
    Ok(out)
}

/// One value of a multi-row insert.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
}

pub(crate) async fn insert_rows(
    tx: &mut Tx,
    table_and_columns: &str,
    rows: Vec<Vec<Value>>,
) -> DbResult<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let width = chunk.first().map(Vec::len).unwrap_or(0);
        let mut sql = format!("INSERT INTO {table_and_columns} VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            let marks: Vec<String> = (1..=width).map(|k| format!("${}", i * width + k)).collect();
            sql.push('(');
            sql.push_str(&marks.join(","));
            sql.push(')');
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                q = match v {
                    Value::Text(s) => q.bind(s.clone()),
                    Value::OptText(s) => q.bind(s.clone()),
                    Value::Int(i) => q.bind(*i),
                    Value::OptInt(i) => q.bind(*i),
                };
            }
        }
        q.execute(&mut tx.conn).await?;
    }
    Ok(())
}
