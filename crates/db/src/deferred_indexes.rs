//! Secondary indexes set aside during a bulk load and built again after it.
//! Inserting a million rows whose keys arrive in random order (names,
//! identity numbers) touches a random page of every secondary index per
//! row; building the index once from the loaded table sorts instead. The
//! definitions are read from the database's own catalogue, so the
//! migrations stay the one place an index is declared, and kept in
//! `deferred_indexes` until they are built again.

use sqlx::Row;

use crate::backend::Backend;
use crate::error::DbResult;
use crate::identifier::plain_identifier;
use crate::store::Store;
use crate::writer::Tx;

/// The indexes of `table` that a bulk load may drop: not those behind a
/// primary key or a UNIQUE constraint, which check the rows as they come.
fn droppable_sql(backend: Backend) -> &'static str {
    match backend {
        // SQLite's constraint indexes are `sqlite_autoindex_…` with no SQL.
        Backend::Sqlite => {
            "SELECT name, sql AS definition FROM sqlite_master \
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = $1 ORDER BY name"
        }
        // The catalogue's `name` type is cast: sqlx's Any driver reads text.
        Backend::Postgres => {
            "SELECT CAST(i.indexname AS TEXT) AS name, i.indexdef AS definition FROM pg_indexes i \
             WHERE i.schemaname = current_schema() AND i.tablename = $1 \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) \
             ORDER BY i.indexname"
        }
    }
}

async fn defer(tx: &mut Tx, tables: &[&str]) -> DbResult<usize> {
    let mut count = 0;
    for table in tables {
        let rows = sqlx::query(droppable_sql(tx.backend))
            .bind(plain_identifier(table)?.to_string())
            .fetch_all(&mut tx.conn)
            .await?;
        for row in rows {
            let name: String = row.try_get("name")?;
            let definition: String = row.try_get("definition")?;
            sqlx::query("INSERT INTO deferred_indexes (name, definition) VALUES ($1, $2)")
                .bind(&name)
                .bind(&definition)
                .execute(&mut tx.conn)
                .await?;
            let drop = format!("DROP INDEX {}", plain_identifier(&name)?);
            sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&mut tx.conn)
                .await?;
            count += 1;
        }
    }
    Ok(count)
}

async fn build(tx: &mut Tx) -> DbResult<usize> {
    let rows = sqlx::query("SELECT name, definition FROM deferred_indexes ORDER BY name")
        .fetch_all(&mut tx.conn)
        .await?;
    for row in &rows {
        let name: String = row.try_get("name")?;
        let definition: String = row.try_get("definition")?;
        sqlx::query(sqlx::AssertSqlSafe(definition))
            .execute(&mut tx.conn)
            .await?;
        sqlx::query("DELETE FROM deferred_indexes WHERE name = $1")
            .bind(&name)
            .execute(&mut tx.conn)
            .await?;
    }
    Ok(rows.len())
}

impl Store {
    /// Drops the secondary indexes of `tables` for a bulk load, keeping
    /// their definitions. Answers how many were set aside. Call
    /// [`Store::build_deferred_indexes`] when the load is done.
    pub async fn defer_indexes(&self, tables: &'static [&'static str]) -> DbResult<usize> {
        self.writer.run(move |tx| Box::pin(defer(tx, tables))).await
    }

    /// Builds every index set aside by [`Store::defer_indexes`] and forgets
    /// it; answers how many. Also runs at start-up, for a load that stopped
    /// before it could.
    pub async fn build_deferred_indexes(&self) -> DbResult<usize> {
        self.writer.run(|tx| Box::pin(build(tx))).await
    }
}
