//! What a child's consents in force say, for every category at once: the
//! consents and refusals in force today, read in one statement, and the
//! units of any kind of service they name, in one more (only when they name
//! one). A relay log read asks about three categories (the log, health,
//! school); all three are answered from what was read once.

use std::collections::HashMap;

use ettlag_core::consent::{Category, Consent, Stance};
use ettlag_core::{Coded, PersonId, ServiceType, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use crate::clock::today_day;
use crate::error::{DbError, DbResult};

/// What the family's consents in force say about one category today: the
/// units they let receive it (less those refused) and the units refused.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sharing {
    pub granted: Vec<UnitId>,
    pub refused: Vec<UnitId>,
}

/// A child's consents and refusals in force today.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConsentFacts {
    in_force: Vec<Consent>,
    /// The units of each kind of service a consent in force names.
    units_of_service: HashMap<ServiceType, Vec<UnitId>>,
}

pub(crate) fn parse(body: &str) -> DbResult<Consent> {
    serde_json::from_str(body)
        .map_err(|e| DbError::Other(format!("a stored consent does not parse: {e}")))
}

impl ConsentFacts {
    /// Reads what is in force for `child` today. A withdrawal is read by the
    /// very next request: nothing outlives the request that loaded it.
    pub(crate) async fn load(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        child: &PersonId,
    ) -> DbResult<ConsentFacts> {
        let day = today_day();
        let rows = sqlx::query(
            "SELECT body FROM consents WHERE tenant_id = $1 AND subject_id = $2 AND withdrawn_at IS NULL \
             AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3)",
        )
        .bind(tenant.as_str())
        .bind(child.as_str())
        .bind(day.to_string())
        .fetch_all(&mut *conn)
        .await?;
        let mut in_force = Vec::with_capacity(rows.len());
        for r in &rows {
            let c = parse(&r.try_get::<String, _>("body")?)?;
            if c.is_active(day) {
                in_force.push(c);
            }
        }
        let mut services: Vec<ServiceType> = in_force
            .iter()
            .flat_map(|c| c.recipients.service_types.iter().copied())
            .collect();
        services.sort();
        services.dedup();
        let units_of_service = units_of_services(conn, tenant, &services).await?;
        Ok(ConsentFacts {
            in_force,
            units_of_service,
        })
    }

    /// What they say about `category`: named units, and every unit of a
    /// named kind of service. A refusal wins: a refused unit is never among
    /// the granted.
    pub(crate) fn sharing(&self, category: Category) -> Sharing {
        let (mut granted, mut refused) = (Vec::new(), Vec::new());
        for c in self
            .in_force
            .iter()
            .filter(|c| c.categories.contains(&category))
        {
            let into = match c.stance {
                Stance::Grant => &mut granted,
                Stance::Refusal => &mut refused,
            };
            into.extend(c.recipients.units.iter().cloned());
            for t in &c.recipients.service_types {
                into.extend(self.units_of_service.get(t).into_iter().flatten().cloned());
            }
        }
        for units in [&mut granted, &mut refused] {
            units.sort();
            units.dedup();
        }
        granted.retain(|u| !refused.contains(u));
        Sharing { granted, refused }
    }
}

/// The units of each of these kinds of service, in one statement.
async fn units_of_services(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    services: &[ServiceType],
) -> DbResult<HashMap<ServiceType, Vec<UnitId>>> {
    let mut out: HashMap<ServiceType, Vec<UnitId>> = HashMap::new();
    if services.is_empty() {
        return Ok(out);
    }
    let marks: Vec<String> = (0..services.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT id, service_type FROM units WHERE tenant_id = $1 AND service_type IN ({})",
        marks.join(",")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant.as_str());
    for t in services {
        q = q.bind(t.code());
    }
    for r in q.fetch_all(&mut *conn).await? {
        let code: String = r.try_get("service_type")?;
        if let Some(t) = services.iter().find(|t| t.code() == code) {
            out.entry(*t)
                .or_default()
                .push(UnitId::from_trusted(r.try_get("id")?));
        }
    }
    Ok(out)
}
