//! The municipality's jargon glossary: read by every colleague (it holds no
//! personal data), edited by administrators. A municipality that has not
//! edited it yet uses ettlag's seed entries; the first edit stores them, so
//! an edit never loses the seed.

use ettlag_core::TenantId;
use ettlag_core::policy::{Action, Subject};
use ettlag_core::readability::{Glossary, GlossaryEntry, GlossaryLanguage, Term, seed};
use sqlx::{AnyConnection, Row};

use crate::access::AccessContext;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};

async fn stored(conn: &mut AnyConnection, tenant: &TenantId) -> DbResult<Vec<GlossaryEntry>> {
    let rows = sqlx::query(
        "SELECT language, term, plain FROM glossary WHERE tenant_id = $1 ORDER BY language, term",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let (l, t, p): (String, String, String) = (
                r.try_get("language")?,
                r.try_get("term")?,
                r.try_get("plain")?,
            );
            GlossaryEntry::new(&l, &t, &p)
                .map_err(|e| DbError::Other(format!("a stored glossary entry is bad: {e}")))
        })
        .collect()
}

fn seeded() -> Vec<GlossaryEntry> {
    seed()
        .into_iter()
        .filter_map(|(l, t, p)| GlossaryEntry::new(l.code(), t, p).ok())
        .collect()
}

impl AccessContext {
    /// The glossary in use: the municipality's own, or the seed.
    pub async fn glossary(&self) -> DbResult<Glossary> {
        let tenant = self.tenant().clone();
        if !self
            .decide(Action::Read, &Subject::Organisation { tenant: &tenant })
            .is_allowed()
        {
            return Err(DbError::Forbidden);
        }
        let mut conn = self.store.pool.acquire().await?;
        let mut entries = stored(&mut conn, &tenant).await?;
        if entries.is_empty() {
            entries = seeded();
        }
        Ok(Glossary { entries })
    }

    /// Adds or replaces an entry (administrators), audited.
    pub async fn set_glossary_entry(&self, entry: GlossaryEntry) -> DbResult<()> {
        self.edit_glossary(entry.language, entry.term.clone(), Some(entry.plain))
            .await
    }

    /// Removes an entry (administrators), audited.
    pub async fn remove_glossary_entry(
        &self,
        language: GlossaryLanguage,
        term: Term,
    ) -> DbResult<()> {
        self.edit_glossary(language, term, None).await
    }

    async fn edit_glossary(
        &self,
        language: GlossaryLanguage,
        term: Term,
        plain: Option<String>,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let d = ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    let id = format!("{}:{}", language.code(), term.as_str());
                    ctx.settle(tx, Action::Update, ("glossary", &id), d).await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    if stored(&mut tx.conn, &tenant).await?.is_empty() {
                        for e in seeded() {
                            upsert(&mut tx.conn, &tenant, &e, ctx.actor.staff.as_str()).await?;
                        }
                    }
                    sqlx::query(
                        "DELETE FROM glossary WHERE tenant_id = $1 AND language = $2 AND term = $3",
                    )
                    .bind(tenant.as_str())
                    .bind(language.code())
                    .bind(term.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    if let Some(plain) = plain {
                        let e = GlossaryEntry {
                            language,
                            term,
                            plain,
                        };
                        upsert(&mut tx.conn, &tenant, &e, ctx.actor.staff.as_str()).await?;
                    }
                    Ok(Ok(()))
                })
            })
            .await?
    }
}

async fn upsert(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    e: &GlossaryEntry,
    by: &str,
) -> DbResult<()> {
    sqlx::query("DELETE FROM glossary WHERE tenant_id = $1 AND language = $2 AND term = $3")
        .bind(tenant.as_str())
        .bind(e.language.code())
        .bind(e.term.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO glossary (tenant_id, language, term, plain, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant.as_str())
    .bind(e.language.code())
    .bind(e.term.as_str())
    .bind(&e.plain)
    .bind(by)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
