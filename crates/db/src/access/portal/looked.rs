//! "Who has looked at our information": the access log's records about the
//! family's person and the records that belong to them (relay logs,
//! concerns, the plan, consents, messages), with the date, the unit, the
//! role, the purpose and the legal basis — never free text (Normen
//! faktaark 15; reference/security.md checklist item 8). And the download
//! of everything about the person.

use ettlag_core::PersonId;
use ettlag_core::policy::citizen::Section;
use serde_json::{Value, json};
use sqlx::{AnyConnection, Row};

use super::CitizenAccess;
use crate::error::DbResult;

/// One look at the family's information.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Look {
    pub at_ms: i64,
    pub role: String,
    pub units: Vec<String>,
    pub action: String,
    pub purpose: String,
    pub legal_basis: String,
}

/// The most looks one page shows.
const LOOKS: i64 = 500;

/// The ids the access log records accesses to the person's information under.
async fn record_ids(
    conn: &mut AnyConnection,
    tenant: &str,
    subject: &PersonId,
) -> DbResult<Vec<String>> {
    let mut ids = vec![subject.as_str().to_string()];
    for sql in [
        "SELECT id FROM relay_logs WHERE tenant_id = $1 AND child_id = $2",
        "SELECT id FROM concerns WHERE tenant_id = $1 AND child_id = $2",
        "SELECT id FROM plans WHERE tenant_id = $1 AND person_id = $2",
        "SELECT id FROM consents WHERE tenant_id = $1 AND subject_id = $2",
        "SELECT id FROM family_messages WHERE tenant_id = $1 AND subject_id = $2",
    ] {
        for r in sqlx::query(sql)
            .bind(tenant)
            .bind(subject.as_str())
            .fetch_all(&mut *conn)
            .await?
        {
            ids.push(r.try_get(0)?);
        }
    }
    Ok(ids)
}

impl CitizenAccess {
    /// Staff's allowed accesses to the person's information, newest first.
    /// The family's own looks, the system's own work (demo data, imports)
    /// and child welfare's handling of a report are left out: the last has
    /// its own procedure for insight, decided by child welfare.
    pub async fn who_has_looked(&self, subject: &PersonId) -> DbResult<Vec<Look>> {
        self.gate_read(Section::Details, "audit_log", subject)
            .await?;
        let tenant = self.tenant().as_str();
        let mut conn = self.store.pool.acquire().await?;
        let ids = record_ids(&mut conn, tenant, subject).await?;
        let mut looks = Vec::new();
        for chunk in ids.chunks(200) {
            let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "SELECT at_ms, actor_id, actor_role, action, purpose, legal_basis FROM audit_log \
                 WHERE tenant_id = $1 AND resource_id IN ({}) AND outcome = 'allow' \
                 AND actor_role <> 'citizen' AND purpose <> 'system' \
                 AND legal_basis NOT IN ('duty_to_report', 'child_welfare_review') \
                 ORDER BY seq DESC LIMIT {LOOKS}",
                marks.join(",")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant);
            for id in chunk {
                q = q.bind(id.as_str());
            }
            for r in q.fetch_all(&mut *conn).await? {
                let actor: String = r.try_get(1)?;
                let units = sqlx::query(
                    "SELECT u.name FROM staff_units su JOIN units u ON u.tenant_id = su.tenant_id \
                     AND u.id = su.unit_id WHERE su.tenant_id = $1 AND su.staff_id = $2 ORDER BY u.name",
                )
                .bind(tenant)
                .bind(&actor)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|u| u.try_get(0))
                .collect::<Result<Vec<String>, _>>()?;
                looks.push(Look {
                    at_ms: r.try_get(0)?,
                    role: r.try_get(2)?,
                    units,
                    action: r.try_get(3)?,
                    purpose: r.try_get(4)?,
                    legal_basis: r.try_get(5)?,
                });
            }
        }
        looks.sort_by_key(|l| std::cmp::Reverse(l.at_ms));
        looks.truncate(usize::try_from(LOOKS).unwrap_or(500));
        Ok(looks)
    }

    /// Everything stored about the person, as one JSON document: the
    /// register entry, who follows them up, the plan with its revisions,
    /// the relay logs with every entry, the consents, the family's own
    /// messages and the access log's looks.
    pub async fn export(&self, subject: &PersonId) -> DbResult<Value> {
        let member = self.member(subject).await?;
        let contacts = self.who_follows_up(subject).await?;
        let consents = self.consents(subject).await?;
        let looks = self.who_has_looked(subject).await?;
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
            let plan: String = r.try_get(0)?;
            for rev in crate::access::plan::revisions_of(&mut conn, self.tenant(), &plan).await? {
                plan_revisions.push(json!(rev));
            }
        }
        let mut logs = Vec::new();
        for log in sqlx::query(
            "SELECT id, level, opened_at, closed_at FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 ORDER BY opened_at",
        )
        .bind(tenant)
        .bind(subject.as_str())
        .fetch_all(&mut *conn)
        .await?
        {
            let id: String = log.try_get(0)?;
            let mut entries = Vec::new();
            for e in sqlx::query(
                "SELECT at_ms, kind, supersedes, body FROM relay_events WHERE tenant_id = $1 AND log_id = $2 ORDER BY seq",
            )
            .bind(tenant)
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?
            {
                let body: String = e.try_get(3)?;
                entries.push(json!({
                    "at_ms": e.try_get::<i64, _>(0)?,
                    "kind": e.try_get::<String, _>(1)?,
                    "supersedes": e.try_get::<Option<String>, _>(2)?,
                    "content": serde_json::from_str::<Value>(&body).unwrap_or(Value::String(body)),
                }));
            }
            logs.push(json!({
                "id": id,
                "level": log.try_get::<i64, _>(1)?,
                "opened_at_ms": log.try_get::<i64, _>(2)?,
                "closed_at_ms": log.try_get::<Option<i64>, _>(3)?,
                "entries": entries,
            }));
        }
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
                "kind": m.try_get::<String, _>(0)?,
                "text": m.try_get::<String, _>(1)?,
                "at_ms": m.try_get::<i64, _>(2)?,
            }));
        }
        Ok(json!({
            "person": {
                "id": member.id.as_str(),
                "kind": person.try_get::<String, _>(0)?,
                "given_name": person.try_get::<String, _>(1)?,
                "family_name": person.try_get::<String, _>(2)?,
                "birth_date": person.try_get::<Option<String>, _>(3)?,
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
