//! Instrument packs: the shipped ones from the project's `packs/` directory
//! and a municipality's own, uploaded on the admin page or read from its own
//! directory at start-up. A pack is checked by the core loader before it is
//! stored; a bad pack is refused with the loader's error and stores nothing.
//! A stored version never changes: loading different text under the same id
//! and version is refused, so old answers keep the pack they were given with.

use std::path::Path;

use ettlag_core::feedback::{PackError, load};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, TenantId};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::access::AccessContext;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::store::Store;

/// Where a pack came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PackOrigin {
    /// The project's own `packs/` directory.
    Shipped,
    /// The municipality's own file.
    Uploaded,
}

impl Coded for PackOrigin {
    const ALL: &'static [Self] = &[Self::Shipped, Self::Uploaded];
    const MESSAGE_PREFIX: &'static str = "feedback-origin";
    fn code(self) -> &'static str {
        match self {
            Self::Shipped => "shipped",
            Self::Uploaded => "uploaded",
        }
    }
}

/// A stored pack version.
#[derive(Debug, Clone, Serialize)]
pub struct StoredPack {
    pub pack_id: String,
    pub version: String,
    pub sha256: String,
    pub origin: PackOrigin,
    pub loaded_at_ms: i64,
    /// The pack's name in nb, for lists.
    pub name_nb: String,
    pub placeholder: bool,
}

impl AccessContext {
    /// Checks and stores a pack. `Ok(Err(_))` is the loader's refusal (or
    /// `DuplicateId` when this id and version is already stored with other
    /// text); nothing is stored then.
    pub async fn install_pack(
        &self,
        text: &str,
        origin: PackOrigin,
    ) -> DbResult<Result<StoredPack, PackError>> {
        let pack = match load(text) {
            Ok(p) => p,
            Err(e) => {
                // The refusal is an administrative act: audit it as denied.
                self.gate_org_write_refused("feedback_pack").await?;
                return Ok(Err(e));
            }
        };
        let sha = hex::encode(Sha256::digest(text.as_bytes()));
        let ctx = self.write_ctx();
        let text = text.to_string();
        let stored = StoredPack {
            pack_id: pack.id().to_string(),
            version: pack.version().to_string(),
            sha256: sha,
            origin,
            loaded_at_ms: now_ms(),
            name_nb: pack.name(ettlag_core::feedback::Lang::Nb).to_string(),
            placeholder: pack.placeholder(),
        };
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let subject = Subject::Organisation { tenant: &tenant };
                    let d = ctx.decide(Action::Create, &subject);
                    let resource = format!("{}@{}", stored.pack_id, stored.version);
                    ctx.settle(tx, Action::Create, ("feedback_pack", &resource), d)
                        .await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let existing = sqlx::query(
                        "SELECT sha256 FROM feedback_packs WHERE tenant_id = $1 AND pack_id = $2 \
                         AND version = $3",
                    )
                    .bind(tenant.as_str())
                    .bind(&stored.pack_id)
                    .bind(&stored.version)
                    .fetch_optional(&mut tx.conn)
                    .await?;
                    if let Some(row) = existing {
                        let sha: String = row.try_get("sha256")?;
                        return Ok(Ok(if sha == stored.sha256 {
                            Ok(stored)
                        } else {
                            Err(PackError::DuplicateId {
                                at: "version".into(),
                                id: format!("{}@{}", stored.pack_id, stored.version),
                            })
                        }));
                    }
                    sqlx::query(
                        "INSERT INTO feedback_packs (tenant_id, pack_id, version, sha256, body, \
                         origin, loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(tenant.as_str())
                    .bind(&stored.pack_id)
                    .bind(&stored.version)
                    .bind(&stored.sha256)
                    .bind(&text)
                    .bind(origin.code())
                    .bind(stored.loaded_at_ms)
                    .bind(ctx.actor.staff.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(Ok(stored)))
                })
            })
            .await?
    }

    async fn gate_org_write_refused(&self, resource: &str) -> DbResult<()> {
        let tenant = self.tenant().clone();
        let ctx = self.write_ctx();
        let resource = resource.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let d = ctx.decide(Action::Create, &Subject::Organisation { tenant: &tenant });
                    crate::access::gate::seal(
                        tx,
                        &tenant,
                        vec![ctx.event(Action::Create, &resource, "refused", d)],
                    )
                    .await
                })
            })
            .await
    }

    /// The packs stored in the municipality, newest version of each id last.
    pub async fn packs(&self) -> DbResult<Vec<StoredPack>> {
        let tenant = self.tenant().clone();
        self.gate_org_read("feedback_pack", &Subject::Organisation { tenant: &tenant })
            .await?;
        let mut conn = self.store.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT pack_id, version, sha256, origin, loaded_at, body FROM feedback_packs \
             WHERE tenant_id = $1 ORDER BY pack_id, loaded_at",
        )
        .bind(tenant.as_str())
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|r| {
                let origin: String = r.try_get("origin")?;
                let body: String = r.try_get("body")?;
                let pack = load(&body).map_err(|e| DbError::Other(e.to_string()))?;
                Ok(StoredPack {
                    pack_id: r.try_get("pack_id")?,
                    version: r.try_get("version")?,
                    sha256: r.try_get("sha256")?,
                    origin: PackOrigin::from_code(&origin)
                        .ok_or_else(|| DbError::Other("pack origin".into()))?,
                    loaded_at_ms: r.try_get("loaded_at")?,
                    name_nb: pack.name(ettlag_core::feedback::Lang::Nb).to_string(),
                    placeholder: pack.placeholder(),
                })
            })
            .collect()
    }
}

impl Store {
    /// Loads every `*.toml` pack in `dir` into every municipality (at
    /// start-up: the shipped `packs/` and a municipality's own directory).
    /// A file that is not a valid pack is reported and skipped, so one bad
    /// file does not stop the server; the others are loaded.
    pub async fn install_pack_dir(
        &self,
        dir: &Path,
        origin: PackOrigin,
    ) -> DbResult<Vec<(String, Result<StoredPack, PackError>)>> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| DbError::Other(format!("{}: {e}", dir.display())))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut out = Vec::new();
        for tenant in self.tenants().await? {
            for file in &files {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| DbError::Other(format!("{}: {e}", file.display())))?;
                let result = self
                    .system_access(&tenant.id)
                    .install_pack(&text, origin)
                    .await?;
                out.push((file.display().to_string(), result));
            }
        }
        Ok(out)
    }

    /// Loads one pack text into one municipality as the system (tests, the
    /// command line).
    pub async fn install_pack_for(
        &self,
        tenant: &TenantId,
        text: &str,
        origin: PackOrigin,
    ) -> DbResult<Result<StoredPack, PackError>> {
        self.system_access(tenant).install_pack(text, origin).await
    }
}

impl AccessContext {
    /// The newest stored version of a pack, read as organisation data.
    pub async fn feedback_pack(&self, pack_id: &str) -> DbResult<ettlag_core::feedback::Pack> {
        let tenant = self.tenant().clone();
        self.gate_org_read("feedback_pack", &Subject::Organisation { tenant: &tenant })
            .await?;
        let mut conn = self.store.pool.acquire().await?;
        let Some(version) = super::episode::newest_version(&mut conn, &tenant, pack_id).await?
        else {
            return Err(DbError::NotFound);
        };
        super::stored_pack(&mut conn, &tenant, pack_id, &version)
            .await?
            .ok_or(DbError::NotFound)
    }
}
