//! What the signed checkpoints need from the database: every chain head as
//! it stands, to sign, and a record's stored hash, to compare with a
//! signed one. Signing and the files are the command line's
//! (`ettlag audit checkpoint`, `ettlag audit verify --checkpoints`).

use sqlx::Row;

use crate::error::DbResult;
use crate::store::Store;

/// A municipality's chain head: its last record's number and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub tenant_id: String,
    pub seq: i64,
    pub hash: String,
}

impl Store {
    /// Every chain head, in municipality id order.
    pub async fn audit_heads(&self) -> DbResult<Vec<ChainHead>> {
        let rows = sqlx::query("SELECT tenant_id, seq, hash FROM audit_head ORDER BY tenant_id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ChainHead {
                    tenant_id: r.try_get("tenant_id")?,
                    seq: r.try_get("seq")?,
                    hash: r.try_get("hash")?,
                })
            })
            .collect()
    }

    /// The stored hash of one record, if the record is there.
    pub async fn audit_hash_at(&self, tenant_id: &str, seq: i64) -> DbResult<Option<String>> {
        let row = sqlx::query("SELECT hash FROM audit_log WHERE tenant_id = $1 AND seq = $2")
            .bind(tenant_id)
            .bind(seq)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok(r.try_get("hash")?)).transpose()
    }
}
