//! Concerns and relay logs behind the one door. Every read and write gathers
//! the facts the policy needs (where the child is enrolled, who holds the
//! baton, who it is offered to, who raised the concern), asks the policy,
//! and audits the decision before anything is handed out or written.

mod concerns;
pub(crate) mod events;
mod fields;
mod list_lines;
mod load;
mod read;
mod reclaim;
mod record;
mod view;

use ettlag_core::ids::{ConcernId, RelayLogId};
use ettlag_core::policy::{Case, Decision};
use ettlag_core::relay::{Event, Level, Recorded};
use ettlag_core::{PersonId, StaffId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use crate::access::facts::ConsentFacts;
use crate::error::{DbError, DbResult};

pub(crate) use concerns::facts_of_id;
use events::events_of;
pub(crate) use fields::withhold;
pub(crate) use list_lines::lines;
pub(crate) use load::{LOG_COLUMNS, log_from_row, log_row, open_log_of};
pub(crate) use reclaim::{ABOUT_THE_READER, backfill_home_units, reclaim};
pub(crate) use record::record_in;
pub(crate) use view::build_view;

/// What a reminder needs to know about a concern.
#[derive(Debug, Clone)]
pub(crate) struct ConcernForReminder {
    pub child_id: PersonId,
    pub raised_by: StaffId,
    pub deadline_ms: i64,
    pub decided: bool,
}

/// A log and its events for a reminder, or `None` when it is gone or closed.
pub(crate) async fn log_for_reminder(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &RelayLogId,
) -> DbResult<Option<(LogRow, Vec<Recorded<Event>>)>> {
    let Some(row) = log_row(conn, tenant, id).await? else {
        return Ok(None);
    };
    if row.closed_at_ms.is_some() {
        return Ok(None);
    }
    let events = events_of(conn, tenant, id).await?;
    Ok(Some((row, events.into_iter().map(|(_, e)| e).collect())))
}

pub(crate) async fn concern_for_reminder(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<ConcernForReminder>> {
    let row = sqlx::query(
        "SELECT child_id, raised_by, deadline_at, decided_at FROM concerns WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(ConcernForReminder {
            child_id: PersonId::from_trusted(r.try_get("child_id")?),
            raised_by: StaffId::from_trusted(r.try_get("raised_by")?),
            deadline_ms: r.try_get("deadline_at")?,
            decided: r.try_get::<Option<i64>, _>("decided_at")?.is_some(),
        })
    })
    .transpose()
}

/// The stored state of one relay log (the `relay_logs` row).
#[derive(Debug, Clone)]
pub(crate) struct LogRow {
    pub id: RelayLogId,
    pub child_id: PersonId,
    pub level: Level,
    pub holder: StaffId,
    pub holder_unit: UnitId,
    /// The unit where the log was raised, whose own task it is.
    pub home_unit: UnitId,
    pub offered_to: Option<StaffId>,
    /// The unit a waiting offer is for.
    pub offered_unit: Option<UnitId>,
    pub concern_id: Option<ConcernId>,
    pub opened_at_ms: i64,
    pub closed_at_ms: Option<i64>,
    pub events: i64,
    pub version: i64,
    /// The earliest evaluation date of the measures that go on.
    pub next_due: Option<ettlag_core::Day>,
}

/// The facts about a case that the policy reads, owned so that a [`Case`]
/// can borrow them. Built only by [`CaseFacts::of_log`] (or
/// [`CaseFacts::of_log_known`] from a request's loaded facts) and
/// [`CaseFacts::of_concern`], so that every path reads the same facts.
#[derive(Debug, Clone)]
pub(crate) struct CaseFacts {
    pub tenant: TenantId,
    /// The unit where the concern or log was raised.
    pub home_unit: UnitId,
    /// Units a consent in force lets receive the case, less those refused
    /// (relay logs only; a level-0 concern stays in its home unit).
    pub consented_units: Vec<UnitId>,
    /// Units the family has said no to.
    pub refused_units: Vec<UnitId>,
    /// The baton holder and the unit they hold it for.
    pub holder: Option<(StaffId, UnitId)>,
    /// The one a waiting baton offer is made to, and the unit it is for.
    pub offered_to: Option<(StaffId, UnitId)>,
    pub author: Option<StaffId>,
    /// Processing of the child's data is restricted (GDPR art. 18).
    pub restricted: bool,
    /// The actor holds an unexpired break-the-glass access to the child.
    pub emergency: bool,
}

impl CaseFacts {
    pub fn case(&self) -> Case<'_> {
        Case {
            tenant: &self.tenant,
            home_unit: &self.home_unit,
            consented_units: &self.consented_units,
            refused_units: &self.refused_units,
            holder: self.holder.as_ref().map(|(s, u)| (s, u)),
            offered_to: self.offered_to.as_ref().map(|(s, u)| (s, u)),
            author: self.author.as_ref(),
            restricted: self.restricted,
            emergency: self.emergency,
        }
    }

    /// The facts of a relay log: its home unit, the baton, and what the
    /// family's consents and refusals say about the relay log category now.
    pub async fn of_log(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        row: &LogRow,
    ) -> DbResult<CaseFacts> {
        let consents = ConsentFacts::load(conn, tenant, &row.child_id).await?;
        let restricted =
            crate::access::facts::register::is_restricted(conn, tenant, &row.child_id).await?;
        Ok(CaseFacts::of_log_known(tenant, row, &consents, restricted))
    }

    /// The same facts from what a request has loaded already: the child's
    /// consents and whether processing of the child's data is restricted.
    pub fn of_log_known(
        tenant: &TenantId,
        row: &LogRow,
        consents: &ConsentFacts,
        restricted: bool,
    ) -> CaseFacts {
        let sharing = consents.sharing(ettlag_core::consent::Category::RelayLog);
        CaseFacts {
            tenant: tenant.clone(),
            home_unit: row.home_unit.clone(),
            consented_units: sharing.granted,
            refused_units: sharing.refused,
            holder: Some((row.holder.clone(), row.holder_unit.clone())),
            offered_to: row.offered_to.clone().zip(row.offered_unit.clone()),
            author: None,
            restricted,
            emergency: false,
        }
    }

    /// The facts of a level-0 concern raised in `unit` by `author`: it stays
    /// in its home unit until a log is started.
    pub async fn of_concern(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        child: &PersonId,
        unit: &UnitId,
        author: &StaffId,
    ) -> DbResult<CaseFacts> {
        Ok(CaseFacts {
            tenant: tenant.clone(),
            home_unit: unit.clone(),
            consented_units: Vec::new(),
            refused_units: Vec::new(),
            holder: None,
            offered_to: None,
            author: Some(author.clone()),
            restricted: crate::access::facts::register::is_restricted(conn, tenant, child).await?,
            emergency: false,
        })
    }
}

/// The message key of a denied share with another unit.
pub(crate) fn not_covered(decision: Decision) -> DbResult<()> {
    if decision.is_allowed() {
        Ok(())
    } else {
        Err(DbError::Refused("relay-error-not-covered"))
    }
}
