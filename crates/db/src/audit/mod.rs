//! Writing and reading the access log (its verification is in `verify`). Appends happen only inside the writer's
//! transaction ([`Tx::append_to_chain`], called only by the gate in `access::gate`), next to the access they record.

mod checkpoint;
mod guard;
mod verify;

pub use checkpoint::ChainHead;
pub use verify::ChainReport;

use ettlag_core::audit::{AuditEvent, AuditRecord, GENESIS_HASH, seal};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

impl Tx {
    /// Appends events to a municipality's chain. The first append of a
    /// transaction locks the municipality's chain head row (a no-op UPDATE
    /// takes the row lock on PostgreSQL and the write lock on SQLite), so
    /// processes sharing a database append one after the other.
    pub(crate) async fn append_to_chain(
        &mut self,
        tenant_id: &str,
        events: Vec<AuditEvent>,
    ) -> DbResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        let (mut seq, mut hash) = match self.heads.get(tenant_id) {
            Some(head) => head.clone(),
            None => {
                let row = sqlx::query(
                    "UPDATE audit_head SET seq = seq WHERE tenant_id = $1 RETURNING seq, hash",
                )
                .bind(tenant_id)
                .fetch_optional(&mut self.conn)
                .await?;
                match row {
                    Some(row) => (
                        row.try_get::<i64, _>("seq")?,
                        row.try_get::<String, _>("hash")?,
                    ),
                    None => {
                        return Err(DbError::Other(format!(
                            "municipality {tenant_id} has no audit chain head"
                        )));
                    }
                }
            }
        };
        // 256 records of 15 values stay under both engines' limits on bound
        // values (32,766 for SQLite, 65,535 for PostgreSQL).
        for chunk in events.chunks(256) {
            let mut sql = String::from(
                "INSERT INTO audit_log (tenant_id, seq, at_ms, actor_id, actor_role, action, \
                 resource_type, resource_id, purpose, outcome, reason, request_id, prev_hash, hash, \
                 legal_basis) VALUES ",
            );
            let mut records = Vec::with_capacity(chunk.len());
            for (i, event) in chunk.iter().enumerate() {
                let record = seal(tenant_id, Some((seq, &hash)), event.clone());
                seq = record.seq;
                hash = record.hash.clone();
                if i > 0 {
                    sql.push(',');
                }
                let b = i * 15;
                sql.push('(');
                for k in 1..=15 {
                    if k > 1 {
                        sql.push(',');
                    }
                    sql.push_str(&format!("${}", b + k));
                }
                sql.push(')');
                records.push(record);
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in records {
                let e = r.event;
                q = q
                    .bind(r.tenant_id)
                    .bind(r.seq)
                    .bind(e.at_ms)
                    .bind(e.actor_id)
                    .bind(e.actor_role)
                    .bind(e.action)
                    .bind(e.resource_type)
                    .bind(e.resource_id)
                    .bind(e.purpose)
                    .bind(e.outcome)
                    .bind(e.reason)
                    .bind(e.request_id)
                    .bind(r.prev_hash)
                    .bind(r.hash)
                    .bind(e.legal_basis);
            }
            q.execute(&mut self.conn).await?;
        }
        sqlx::query("UPDATE audit_head SET seq = $2, hash = $3 WHERE tenant_id = $1")
            .bind(tenant_id)
            .bind(seq)
            .bind(&hash)
            .execute(&mut self.conn)
            .await?;
        self.heads.insert(tenant_id.to_string(), (seq, hash));
        Ok(())
    }

    /// Starts a municipality's chain. Called when the municipality is created.
    pub(crate) async fn start_audit_chain(&mut self, tenant_id: &str) -> DbResult<()> {
        sqlx::query("INSERT INTO audit_head (tenant_id, seq, hash) VALUES ($1, 0, $2)")
            .bind(tenant_id)
            .bind(GENESIS_HASH)
            .execute(&mut self.conn)
            .await?;
        Ok(())
    }
}

pub(crate) const RECORD_COLUMNS: &str = "tenant_id, seq, at_ms, actor_id, actor_role, action, resource_type, \
     resource_id, purpose, outcome, reason, request_id, prev_hash, hash, legal_basis";

pub(crate) fn record_from_row(row: &AnyRow) -> DbResult<AuditRecord> {
    Ok(AuditRecord {
        tenant_id: row.try_get("tenant_id")?,
        seq: row.try_get("seq")?,
        event: AuditEvent {
            at_ms: row.try_get("at_ms")?,
            actor_id: row.try_get("actor_id")?,
            actor_role: row.try_get("actor_role")?,
            action: row.try_get("action")?,
            resource_type: row.try_get("resource_type")?,
            resource_id: row.try_get("resource_id")?,
            purpose: row.try_get("purpose")?,
            outcome: row.try_get("outcome")?,
            reason: row.try_get("reason")?,
            request_id: row.try_get("request_id")?,
            legal_basis: row.try_get("legal_basis")?,
        },
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

impl Store {
    /// The newest records of a municipality, newest last. Reading the log is
    /// itself an access: the privacy officer's view goes through
    /// [`crate::AccessContext::audit_log`]; this is for the command line and tests.
    pub async fn audit_records(
        &self,
        tenant: &ettlag_core::TenantId,
        limit: i64,
    ) -> DbResult<Vec<AuditRecord>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut out = rows
            .iter()
            .map(record_from_row)
            .collect::<DbResult<Vec<_>>>()?;
        out.reverse();
        Ok(out)
    }
}
