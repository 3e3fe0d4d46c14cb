//! "Everything about us" as one JSON document (GDPR art. 15 and 20): the
//! register entry, who follows the person up, the plan with its revisions,
//! the relay logs with every entry, the consents, the family's own messages
//! and who has looked, grouped as the portal shows it.
//!
//! The relay logs are cut as the family's log page cuts them
//! (`log::for_family`): an entry kept as health, school or other
//! information not written for the family stays in the download as a
//! statement of its category and when it was written, never its text.

use ettlag_core::ids::RelayLogId;
use std::collections::HashMap;

use ettlag_core::consent::Category;
use ettlag_core::policy::citizen::Section;
use ettlag_core::{Coded, Day, PersonId, TenantId};
use serde_json::{Value, json};
use sqlx::{AnyConnection, Row};

use super::CitizenAccess;
use super::log::for_family;
use crate::access::relay::{build_view, log_row};
use crate::error::DbResult;

impl CitizenAccess {
    /// Everything stored about the person, as one JSON document: the
    /// register entry, who follows them up, the plan with its revisions,
    /// the relay logs with every entry, the consents, the family's own
    /// messages and the access log's looks, grouped by the day `day_of` gives
    /// a moment (the caller's local day).
    pub async fn export(&self, subject: &PersonId, day_of: fn(i64) -> Day) -> DbResult<Value> {
        let member = self.member(subject).await?;
        let contacts = self.who_follows_up(subject).await?;
        let consents = self.consents(subject).await?;
        let looks = self.who_has_looked(subject, day_of).await?;
        self.gate_read(Section::Details, "export", subject).await?;
        let tenant = self.tenant().as_str();
        let mut conn = self.store.pool.acquire().await?;
        let person = sqlx::query(
            "SELECT kind, given_name, family_name, birth_date FROM persons WHERE tenant_id = $1 AND id = $2",
        )
        .bind(tenant)
        .bind(subject.as_str())
        .fetch_one(&mut *conn)
        .await?;
        let mut plan_revisions = Vec::new();
        if let Some(r) = sqlx::query("SELECT id FROM plans WHERE tenant_id = $1 AND person_id = $2")
            .bind(tenant)
            .bind(subject.as_str())
            .fetch_optional(&mut *conn)
            .await?
        {
            let plan: String = r.try_get("id")?;
            for rev in crate::access::plan::revisions_of(&mut conn, self.tenant(), &plan).await? {
                plan_revisions.push(json!(rev));
            }
        }
        let logs = relay_logs(&mut conn, self.tenant(), subject).await?;
        let mut messages = Vec::new();
        for m in sqlx::query(
            "SELECT kind, body, created_at FROM family_messages WHERE tenant_id = $1 AND subject_id = $2 ORDER BY created_at",
        )
        .bind(tenant)
        .bind(subject.as_str())
        .fetch_all(&mut *conn)
        .await?
        {
            messages.push(json!({
                "kind": m.try_get::<String, _>("kind")?,
                "text": m.try_get::<String, _>("body")?,
                "at_ms": m.try_get::<i64, _>("created_at")?,
            }));
        }
        Ok(json!({
            "person": {
                "id": member.id.as_str(),
                "kind": person.try_get::<String, _>("kind")?,
                "given_name": person.try_get::<String, _>("given_name")?,
                "family_name": person.try_get::<String, _>("family_name")?,
                "birth_date": person.try_get::<Option<String>, _>("birth_date")?,
            },
            "who_follows_up": contacts,
            "plan_revisions": plan_revisions,
            "relay_logs": logs,
            "consents": consents,
            "messages_from_family": messages,
            "who_has_looked": looks,
        }))
    }
}

/// The child's relay logs, oldest first, each with every entry in the order
/// written; what the family's log page withholds is a statement of its
/// category instead of its content.
async fn relay_logs(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    subject: &PersonId,
) -> DbResult<Vec<Value>> {
    let rows = sqlx::query(
        "SELECT id, level, opened_at, closed_at FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 ORDER BY opened_at",
    )
    .bind(tenant.as_str())
    .bind(subject.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut logs = Vec::new();
    for log in rows {
        let id = RelayLogId::from_trusted(log.try_get("id")?);
        let withheld = withheld_in(conn, tenant, &id).await?;
        let mut entries = Vec::new();
        for e in sqlx::query(
            "SELECT id, at_ms, kind, supersedes, body FROM relay_events WHERE tenant_id = $1 AND log_id = $2 ORDER BY seq",
        )
        .bind(tenant.as_str())
        .bind(id.as_str())
        .fetch_all(&mut *conn)
        .await?
        {
            let mut entry = json!({
                "at_ms": e.try_get::<i64, _>("at_ms")?,
                "kind": e.try_get::<String, _>("kind")?,
                "supersedes": e.try_get::<Option<String>, _>("supersedes")?,
            });
            match withheld.get(&e.try_get::<String, _>("id")?) {
                Some(category) => entry["withheld"] = json!(category.code()),
                None => {
                    let body: String = e.try_get("body")?;
                    entry["content"] =
                        serde_json::from_str::<Value>(&body).unwrap_or(Value::String(body));
                }
            }
            entries.push(entry);
        }
        logs.push(json!({
            "id": id,
            "level": log.try_get::<i64, _>("level")?,
            "opened_at_ms": log.try_get::<i64, _>("opened_at")?,
            "closed_at_ms": log.try_get::<Option<i64>, _>("closed_at")?,
            "entries": entries,
        }));
    }
    Ok(logs)
}

/// The events of log `id` the family's cut withholds, with their category.
async fn withheld_in(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &RelayLogId,
) -> DbResult<HashMap<String, Category>> {
    let Some(row) = log_row(conn, tenant, id).await? else {
        return Ok(HashMap::new());
    };
    let view = for_family(build_view(conn, tenant, &row).await?);
    Ok(view
        .withheld
        .into_iter()
        .map(|w| (w.id, w.category))
        .collect())
}
