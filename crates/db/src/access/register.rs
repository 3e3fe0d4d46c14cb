//! The register as administrators maintain it: finding adults to relate to a
//! child, and counts. Every person listed is decided and audited.

use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, NationalId, PersonId, PersonKind};
use sqlx::Row;

use super::AccessContext;
use super::persons::MAX_PAGE;
use crate::error::DbResult;
use crate::models::Person;

impl AccessContext {
    /// Adults in the register whose given or family name starts with
    /// `search`, or with that whole national identity number, by name, for
    /// register maintenance. Each one listed is decided and audited.
    pub async fn register_adults(&self, search: &str) -> DbResult<Vec<Person>> {
        let tenant = self.tenant().clone();
        let gate = Subject::Person {
            tenant: &tenant,
            kind: PersonKind::Adult,
            linked_units: &[],
            restricted: false,
            emergency: false,
        };
        if !self.decide(Action::List, &gate).is_allowed() {
            // Audited as the denial it is; nothing is listed.
            self.gate_read("person", "", &gate).await?;
        }
        let pattern = format!("{}%", search.trim().to_lowercase());
        let nin = NationalId::parse(search)
            .ok()
            .map(|n| n.as_str().to_string());
        let sql = format!(
            "SELECT id, kind, national_id, given_name, family_name, birth_date, version, restricted_at \
             FROM persons WHERE tenant_id = $1 AND kind = 'adult' \
             AND (LOWER(given_name) LIKE $2 OR LOWER(family_name) LIKE $2 OR national_id = $3) \
             ORDER BY family_name, given_name, id LIMIT {MAX_PAGE}"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(pattern)
            .bind(nin)
            .fetch_all(&self.store.pool)
            .await?;
        let mut events = Vec::with_capacity(rows.len());
        let mut shown = Vec::with_capacity(rows.len());
        for r in &rows {
            let nin: Option<String> = r.try_get("national_id")?;
            let person = Person {
                id: PersonId::from_trusted(r.try_get("id")?),
                kind: PersonKind::Adult,
                national_id: nin.and_then(|n| NationalId::parse(&n).ok()),
                given_name: r.try_get("given_name")?,
                family_name: r.try_get("family_name")?,
                birth_date: r.try_get("birth_date")?,
                version: r.try_get("version")?,
                restricted: r.try_get::<Option<i64>, _>("restricted_at")?.is_some(),
            };
            let decision = self.decide(Action::List, &gate);
            events.push(self.event(Action::List, "person", person.id.as_str(), decision));
            if decision.is_allowed() {
                shown.push(person);
            }
        }
        self.audit_reads(events).await?;
        Ok(shown)
    }

    /// How many children and adults the register holds, for register
    /// maintenance: a count, no one in particular, audited as one read.
    pub async fn register_counts(&self) -> DbResult<(i64, i64)> {
        let tenant = self.tenant().clone();
        let subject = Subject::Person {
            tenant: &tenant,
            kind: PersonKind::Child,
            linked_units: &[],
            restricted: false,
            emergency: false,
        };
        self.gate_read("person", "", &subject).await?;
        let rows = sqlx::query(
            "SELECT kind, COUNT(*) AS people FROM persons WHERE tenant_id = $1 GROUP BY kind ORDER BY kind",
        )
        .bind(tenant.as_str())
        .fetch_all(&self.store.pool)
        .await?;
        let (mut children, mut adults) = (0, 0);
        for r in &rows {
            let kind: String = r.try_get("kind")?;
            let count: i64 = r.try_get("people")?;
            match PersonKind::from_code(&kind) {
                Some(PersonKind::Child) => children = count,
                Some(PersonKind::Adult) => adults = count,
                None => {}
            }
        }
        Ok((children, adults))
    }
}
