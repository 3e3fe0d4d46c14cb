//! `ettlag audit verify`: every record of the access log checked, not only
//! the ones a well-behaved chain would have. Each municipality's chain from
//! record 1 to its head (no gap, each linked to and hashed over the one
//! before, the head row matching the last); no record outside it (a number
//! below 1, or past the head); a chain head for every municipality, and no
//! empty log for one that has data; and no record under a municipality that
//! does not exist. What it cannot see on its own — a tail cut off with the
//! head moved back, a chain recomputed after a change — needs a copy of the
//! head kept outside the database.

use ettlag_core::audit::{ChainBreak, ChainVerifier};
use sqlx::Row;

use super::{RECORD_COLUMNS, record_from_row};
use crate::error::DbResult;
use crate::store::Store;

/// The outcome of verifying one municipality's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub tenant_id: String,
    pub tenant_name: String,
    pub result: Result<i64, ChainBreak>,
}

/// The name a report gives a municipality id no municipality has.
const UNKNOWN: &str = "(unknown municipality)";

/// Records read per page, so memory stays flat however long the log is.
const PAGE: i64 = 5000;

impl Store {
    /// Verifies every municipality's chain from its first record, and that
    /// nothing lies outside the chains. An operator's tool (`ettlag audit
    /// verify`), not a request path.
    pub async fn verify_audit(&self) -> DbResult<Vec<ChainReport>> {
        let tenants = sqlx::query("SELECT id, name FROM tenants ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        let mut reports = Vec::new();
        for t in tenants {
            let tenant_id: String = t.try_get("id")?;
            let tenant_name: String = t.try_get("name")?;
            let result = self.verify_tenant(&tenant_id).await?;
            reports.push(ChainReport {
                tenant_id,
                tenant_name,
                result,
            });
        }
        for tenant_id in self.unknown_municipalities().await? {
            reports.push(ChainReport {
                tenant_id,
                tenant_name: UNKNOWN.to_string(),
                result: Err(ChainBreak::UnknownMunicipality),
            });
        }
        Ok(reports)
    }

    async fn verify_tenant(&self, tenant_id: &str) -> DbResult<Result<i64, ChainBreak>> {
        // Verify up to the head as read now: the head is committed with its
        // records, so everything up to it must be there, while records that
        // a running server appends meanwhile are left for the next check.
        let Some((head_seq, head_hash)) = self.chain_head(tenant_id).await? else {
            return Ok(Err(ChainBreak::NoHead));
        };
        if let Some(seq) = self.first_record_below_one(tenant_id).await? {
            return Ok(Err(ChainBreak::OutsideChain { seq }));
        }
        if head_seq == 0 && self.has_data(tenant_id).await? {
            // Whoever made a unit, a staff member or a person is in the log.
            return Ok(Err(ChainBreak::Emptied));
        }
        let mut verifier = ChainVerifier::new(tenant_id);
        if let Err(brk) = self.walk(tenant_id, head_seq, &mut verifier).await? {
            return Ok(Err(brk));
        }
        // Records past the head that were there before the head was read
        // would be rows inserted behind the application's back.
        if let Some(last) = self.last_record_after(tenant_id, head_seq).await? {
            let current = self.chain_head(tenant_id).await?.map_or(0, |(seq, _)| seq);
            if last > current {
                return Ok(Err(ChainBreak::Unlinked { seq: current + 1 }));
            }
        }
        Ok(verifier.finish(Some((head_seq, head_hash.as_str()))))
    }

    /// Feeds the records from 1 up to the head to the verifier, a page at a time.
    async fn walk(
        &self,
        tenant_id: &str,
        head_seq: i64,
        verifier: &mut ChainVerifier,
    ) -> DbResult<Result<(), ChainBreak>> {
        let page_sql = format!(
            "SELECT {RECORD_COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 \
             ORDER BY seq LIMIT {PAGE}"
        );
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(sqlx::AssertSqlSafe(page_sql.as_str()))
                .bind(tenant_id)
                .bind(after)
                .bind(head_seq)
                .fetch_all(&self.pool)
                .await?;
            if rows.is_empty() {
                return Ok(Ok(()));
            }
            for row in &rows {
                let record = record_from_row(row)?;
                after = record.seq;
                if let Err(brk) = verifier.push(&record) {
                    return Ok(Err(brk));
                }
            }
        }
    }

    async fn chain_head(&self, tenant_id: &str) -> DbResult<Option<(i64, String)>> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("seq")?, r.try_get("hash")?)))
            .transpose()
    }

    async fn first_record_below_one(&self, tenant_id: &str) -> DbResult<Option<i64>> {
        let row =
            sqlx::query("SELECT MIN(seq) AS first FROM audit_log WHERE tenant_id = $1 AND seq < 1")
                .bind(tenant_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get::<Option<i64>, _>("first")?)
    }

    async fn last_record_after(&self, tenant_id: &str, seq: i64) -> DbResult<Option<i64>> {
        let row =
            sqlx::query("SELECT MAX(seq) AS last FROM audit_log WHERE tenant_id = $1 AND seq > $2")
                .bind(tenant_id)
                .bind(seq)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get::<Option<i64>, _>("last")?)
    }

    /// Whether the municipality has units, staff or persons, each of which
    /// was made through an audited path.
    async fn has_data(&self, tenant_id: &str) -> DbResult<bool> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM units WHERE tenant_id = $1) \
             + (SELECT COUNT(*) FROM staff WHERE tenant_id = $1) \
             + (SELECT COUNT(*) FROM persons WHERE tenant_id = $1) AS n",
        )
        .bind(tenant_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Municipality ids in the log or among the chain heads that no
    /// municipality has.
    async fn unknown_municipalities(&self) -> DbResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT DISTINCT tenant_id FROM audit_log WHERE tenant_id NOT IN (SELECT id FROM tenants) \
             UNION SELECT tenant_id FROM audit_head WHERE tenant_id NOT IN (SELECT id FROM tenants) \
             ORDER BY tenant_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("tenant_id")?)).collect()
    }
}
