//! What the family's consents in force say: which units may receive a
//! category of information about a child today, and which the family
//! refused. The policy's facts for consent-scoped sharing, asked by every
//! feature that shares; the consent ledger itself (`access::consent`) writes
//! the consents.

use ettlag_core::consent::{Category, Consent, Recipients, Stance};
use ettlag_core::{Coded, PersonId, TenantId, UnitId};
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

/// What the consents and refusals in force for `child` say about
/// `category` today: named units, and every unit of a named kind of
/// service. A refusal wins: a refused unit is never among the granted.
pub(crate) async fn sharing(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
    category: Category,
) -> DbResult<Sharing> {
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
    let (mut granted, mut refused) = (Recipients::default(), Recipients::default());
    for r in &rows {
        let c = parse(&r.try_get::<String, _>("body")?)?;
        if !c.is_active(day) || !c.categories.contains(&category) {
            continue;
        }
        let into = match c.stance {
            Stance::Grant => &mut granted,
            Stance::Refusal => &mut refused,
        };
        into.units.extend(c.recipients.units.iter().cloned());
        into.service_types
            .extend(c.recipients.service_types.iter().copied());
    }
    let refused = units_of(conn, tenant, refused).await?;
    let granted = units_of(conn, tenant, granted)
        .await?
        .into_iter()
        .filter(|u| !refused.contains(u))
        .collect();
    Ok(Sharing { granted, refused })
}

/// The units recipients name: the units themselves, and every unit of the
/// kinds of service named.
async fn units_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    mut recipients: Recipients,
) -> DbResult<Vec<UnitId>> {
    let mut units = std::mem::take(&mut recipients.units);
    recipients.service_types.sort();
    recipients.service_types.dedup();
    for t in recipients.service_types {
        let rows = sqlx::query("SELECT id FROM units WHERE tenant_id = $1 AND service_type = $2")
            .bind(tenant.as_str())
            .bind(t.code())
            .fetch_all(&mut *conn)
            .await?;
        for r in &rows {
            units.push(UnitId::from_trusted(r.try_get("id")?));
        }
    }
    units.sort();
    units.dedup();
    Ok(units)
}

/// The units that the consents in force for `child` let receive `category`
/// today, less the units the family refused.
pub(crate) async fn consented_units(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    child: &PersonId,
    category: Category,
) -> DbResult<Vec<UnitId>> {
    Ok(sharing(conn, tenant, child, category).await?.granted)
}

pub(crate) fn parse(body: &str) -> DbResult<Consent> {
    serde_json::from_str(body)
        .map_err(|e| DbError::Other(format!("a stored consent does not parse: {e}")))
}
