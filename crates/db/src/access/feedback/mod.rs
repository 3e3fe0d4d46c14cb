//! Feedback (FIT) behind the one door: instrument packs, episodes, answers
//! in integer tenths, one-time links, graphs' data and leaders' aggregates.
//! Every read and write of a person's feedback gathers the facts the
//! feedback policy needs, asks it, and audits the decision in the same
//! transaction as the access.

mod aggregate;
mod answer;
mod episode;
mod history;
mod link;
mod packs;

use ettlag_core::ids::{AnswerId, EpisodeId, PlanId, RelayLogId};
use std::collections::BTreeMap;

use ettlag_core::consent::Category;
use ettlag_core::feedback::{Alert, Pack, Respondent, Tenths, Trajectory};
use ettlag_core::policy::FeedbackFacts;
use ettlag_core::{Coded, PersonId, PersonKind, StaffId, TenantId, UnitId};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::access::emergency;
use crate::access::facts::register::{child_units, is_restricted};
use crate::error::{DbError, DbResult};

pub use aggregate::{AggregateLevel, AggregateLine};
pub use answer::SavedAnswer;
// The portal stores a family's answer through the same code as staff's.
pub(crate) use answer::{Giver, store_answer};
pub use episode::NewEpisode;
pub(crate) use episode::decide_list;
pub use link::{LinkForm, LinkState, NewLink};
pub use packs::{PackOrigin, StoredPack};

/// An episode with every answer, for the graph and the episode page.
#[derive(Debug, Clone, Serialize)]
pub struct EpisodeView {
    pub id: EpisodeId,
    pub person_id: PersonId,
    pub person_name: String,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub pack_id: String,
    pub pack_version: String,
    pub log_id: Option<RelayLogId>,
    pub plan_id: Option<PlanId>,
    pub age_at_start: u8,
    pub started_at_ms: i64,
    pub started_by: StaffId,
    pub ended_at_ms: Option<i64>,
    /// Oldest first.
    pub answers: Vec<AnswerLine>,
    /// The expected band per outcome scale from the municipality's own
    /// history, where enough episodes with the same intake exist.
    pub expected: BTreeMap<String, Trajectory>,
}

/// One stored answer.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerLine {
    pub id: AnswerId,
    pub scale_id: String,
    pub session: u16,
    pub respondent: Respondent,
    pub at_ms: i64,
    pub items: Vec<Tenths>,
    pub total: Tenths,
    pub alerts: Vec<Alert>,
}

/// One episode as a line in a person's list.
#[derive(Debug, Clone, Serialize)]
pub struct EpisodeLine {
    pub id: EpisodeId,
    pub unit_id: UnitId,
    pub unit_name: String,
    /// The relay log or plan the episode was started from, if any.
    pub log_id: Option<RelayLogId>,
    pub plan_id: Option<PlanId>,
    pub pack_id: String,
    pub started_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    pub answers: usize,
    /// Alerts raised by any answer of the episode.
    pub alerts: usize,
}

/// A person's feedback in numbers, for a summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FeedbackSummary {
    pub episodes: usize,
    pub open: usize,
    /// Alerts of the open episodes.
    pub alerts: usize,
}

/// The facts the feedback policy reads, owned so that [`FeedbackFacts`] can
/// borrow.
#[derive(Debug, Clone)]
pub(crate) struct OwnedFeedbackFacts {
    pub tenant: TenantId,
    pub person_units: Vec<UnitId>,
    pub consented_units: Vec<UnitId>,
    pub refused_units: Vec<UnitId>,
    pub responsible: Vec<StaffId>,
    pub restricted: bool,
    pub emergency: bool,
}

impl OwnedFeedbackFacts {
    pub fn facts(&self) -> FeedbackFacts<'_> {
        FeedbackFacts {
            tenant: &self.tenant,
            person_units: &self.person_units,
            consented_units: &self.consented_units,
            refused_units: &self.refused_units,
            responsible: &self.responsible,
            restricted: self.restricted,
            emergency: self.emergency,
        }
    }

    /// The facts about `person` for `staff`, or `None` when no such person
    /// is in the municipality.
    pub async fn of(
        conn: &mut AnyConnection,
        tenant: &TenantId,
        person: &PersonId,
        staff: &StaffId,
    ) -> DbResult<Option<OwnedFeedbackFacts>> {
        if crate::access::plan::person_name(conn, tenant, person)
            .await?
            .is_none()
        {
            return Ok(None);
        }
        let sharing = crate::access::facts::ConsentFacts::load(conn, tenant, person)
            .await?
            .sharing(Category::Feedback);
        Ok(Some(OwnedFeedbackFacts {
            tenant: tenant.clone(),
            person_units: child_units(conn, tenant, person).await?,
            consented_units: sharing.granted,
            refused_units: sharing.refused,
            responsible: responsible_for(conn, tenant, person).await?,
            restricted: is_restricted(conn, tenant, person).await?,
            emergency: emergency::active(conn, tenant, staff, person).await?,
        }))
    }
}

impl crate::access::AccessContext {
    /// The feedback facts about `person` for a read. A child's units,
    /// restriction, break-the-glass and consents come from what the request
    /// has loaded already; an adult's (who has no units of their own) are
    /// loaded here.
    pub(crate) async fn feedback_facts(
        &self,
        conn: &mut AnyConnection,
        person: &PersonId,
    ) -> DbResult<Option<OwnedFeedbackFacts>> {
        let tenant = self.tenant();
        match self.person_fact(conn, person).await? {
            None => {
                // The statements a child's facts take, so that a missing
                // person costs what a hidden child does.
                self.consent_facts(conn, person).await?;
                responsible_for(conn, tenant, person).await?;
                Ok(None)
            }
            Some(p) if p.kind == PersonKind::Child => {
                let sharing = self
                    .consent_facts(conn, person)
                    .await?
                    .sharing(Category::Feedback);
                Ok(Some(OwnedFeedbackFacts {
                    tenant: tenant.clone(),
                    person_units: p.linked_units,
                    consented_units: sharing.granted,
                    refused_units: sharing.refused,
                    responsible: responsible_for(conn, tenant, person).await?,
                    restricted: p.restricted,
                    emergency: p.emergency,
                }))
            }
            Some(_) => OwnedFeedbackFacts::of(conn, tenant, person, &self.actor().staff).await,
        }
    }
}

/// Who follows a person up: the workers who started an open episode, the
/// baton holder of an open relay log, and the coordinators. They receive the
/// alerts and keep access wherever they work.
pub(crate) async fn responsible_for(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<Vec<StaffId>> {
    let mut out: Vec<StaffId> = Vec::new();
    let rows = sqlx::query(
        "SELECT started_by FROM feedback_episodes WHERE tenant_id = $1 AND person_id = $2 \
         AND ended_at IS NULL \
         UNION SELECT holder_id FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
         AND closed_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(person.as_str())
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        out.push(StaffId::from_trusted(r.try_get("started_by")?));
    }
    for c in crate::access::plan::coordinators_of(conn, tenant, person).await? {
        out.push(c.staff_id);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The stored row of an episode.
#[derive(Debug, Clone)]
pub(crate) struct EpisodeRow {
    pub id: EpisodeId,
    pub person_id: PersonId,
    pub unit_id: UnitId,
    pub pack_id: String,
    pub pack_version: String,
    pub log_id: Option<RelayLogId>,
    pub plan_id: Option<PlanId>,
    pub age_at_start: u8,
    pub started_at: i64,
    pub started_by: StaffId,
    pub ended_at: Option<i64>,
}

const EPISODE_COLUMNS: &str = "id, person_id, unit_id, pack_id, pack_version, log_id, plan_id, \
     age_at_start, started_at, started_by, ended_at";

fn episode_from_row(r: &sqlx::any::AnyRow) -> DbResult<EpisodeRow> {
    let age: i64 = r.try_get("age_at_start")?;
    Ok(EpisodeRow {
        id: EpisodeId::from_trusted(r.try_get("id")?),
        person_id: PersonId::from_trusted(r.try_get("person_id")?),
        unit_id: UnitId::from_trusted(r.try_get("unit_id")?),
        pack_id: r.try_get("pack_id")?,
        pack_version: r.try_get("pack_version")?,
        log_id: crate::rows::optional_id(r, "log_id")?,
        plan_id: crate::rows::optional_id(r, "plan_id")?,
        age_at_start: u8::try_from(age).map_err(|_| DbError::Other("episode age".into()))?,
        started_at: r.try_get("started_at")?,
        started_by: StaffId::from_trusted(r.try_get("started_by")?),
        ended_at: r.try_get("ended_at")?,
    })
}

pub(crate) async fn episode_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<EpisodeRow>> {
    let sql =
        format!("SELECT {EPISODE_COLUMNS} FROM feedback_episodes WHERE tenant_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(episode_from_row).transpose()
}

pub(crate) async fn episodes_of_person(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<Vec<EpisodeRow>> {
    let sql = format!(
        "SELECT {EPISODE_COLUMNS} FROM feedback_episodes WHERE tenant_id = $1 AND person_id = $2 \
         ORDER BY started_at, id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_all(conn)
        .await?;
    rows.iter().map(episode_from_row).collect()
}

/// Every answer of an episode, oldest first, with its items.
pub(crate) async fn answers_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    episode: &str,
) -> DbResult<Vec<AnswerLine>> {
    let rows = sqlx::query(
        "SELECT id, scale_id, session, respondent, at_ms, total, alerts FROM feedback_answers \
         WHERE tenant_id = $1 AND episode_id = $2 ORDER BY at_ms, session, id",
    )
    .bind(tenant.as_str())
    .bind(episode)
    .fetch_all(&mut *conn)
    .await?;
    let items = sqlx::query(
        "SELECT i.answer_id, i.tenths FROM feedback_answer_items i \
         JOIN feedback_answers a ON a.tenant_id = i.tenant_id AND a.id = i.answer_id \
         WHERE a.tenant_id = $1 AND a.episode_id = $2 ORDER BY i.answer_id, i.position",
    )
    .bind(tenant.as_str())
    .bind(episode)
    .fetch_all(&mut *conn)
    .await?;
    let bad = |what: &str| DbError::Other(format!("feedback episode {episode}: {what}"));
    let mut by_answer: BTreeMap<String, Vec<Tenths>> = BTreeMap::new();
    for r in &items {
        let tenths: i64 = r.try_get("tenths")?;
        let tenths = u16::try_from(tenths).map_err(|_| bad("item"))?;
        by_answer
            .entry(r.try_get("answer_id")?)
            .or_default()
            .push(Tenths::item(tenths).map_err(|_| bad("item"))?);
    }
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let respondent: String = r.try_get("respondent")?;
            let session: i64 = r.try_get("session")?;
            let total: i64 = r.try_get("total")?;
            let alerts: String = r.try_get("alerts")?;
            Ok(AnswerLine {
                items: by_answer.remove(&id).unwrap_or_default(),
                id: AnswerId::from_trusted(id),
                scale_id: r.try_get("scale_id")?,
                session: u16::try_from(session).map_err(|_| bad("session"))?,
                respondent: Respondent::from_code(&respondent).ok_or_else(|| bad("respondent"))?,
                at_ms: r.try_get("at_ms")?,
                total: Tenths::new(u16::try_from(total).map_err(|_| bad("total"))?),
                alerts: serde_json::from_str::<Vec<StoredAlert>>(&alerts)
                    .map_err(|e| bad(&e.to_string()))?
                    .into_iter()
                    .map(StoredAlert::into_alert)
                    .collect(),
            })
        })
        .collect()
}

/// An alert as stored: the core's `Alert` serialises with a `rule` tag, and
/// reads back through this mirror so the core type needs no `Deserialize`.
#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub(crate) enum StoredAlert {
    TotalBelow {
        total: Tenths,
        threshold: Tenths,
    },
    ItemBelow {
        item: usize,
        score: Tenths,
        threshold: Tenths,
    },
    Drop {
        previous: Tenths,
        total: Tenths,
        threshold: Tenths,
    },
}

impl StoredAlert {
    pub fn from_alert(a: &Alert) -> StoredAlert {
        match *a {
            Alert::TotalBelow { total, threshold } => StoredAlert::TotalBelow { total, threshold },
            Alert::ItemBelow {
                item,
                score,
                threshold,
            } => StoredAlert::ItemBelow {
                item,
                score,
                threshold,
            },
            Alert::Drop {
                previous,
                total,
                threshold,
            } => StoredAlert::Drop {
                previous,
                total,
                threshold,
            },
        }
    }

    fn into_alert(self) -> Alert {
        match self {
            StoredAlert::TotalBelow { total, threshold } => Alert::TotalBelow { total, threshold },
            StoredAlert::ItemBelow {
                item,
                score,
                threshold,
            } => Alert::ItemBelow {
                item,
                score,
                threshold,
            },
            StoredAlert::Drop {
                previous,
                total,
                threshold,
            } => Alert::Drop {
                previous,
                total,
                threshold,
            },
        }
    }
}

/// The pack an episode was answered with, read back from its stored text.
pub(crate) async fn stored_pack(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    pack_id: &str,
    version: &str,
) -> DbResult<Option<Pack>> {
    let row = sqlx::query(
        "SELECT body FROM feedback_packs WHERE tenant_id = $1 AND pack_id = $2 AND version = $3",
    )
    .bind(tenant.as_str())
    .bind(pack_id)
    .bind(version)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let body: String = row.try_get("body")?;
    ettlag_core::feedback::load(&body)
        .map(Some)
        .map_err(|e| DbError::Other(format!("stored pack {pack_id} {version}: {e}")))
}

/// A person's given name, the only thing a link page shows about them.
pub(crate) async fn given_name(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<String> {
    let row = sqlx::query("SELECT given_name FROM persons WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get("given_name")?,
        None => String::new(),
    })
}

/// A unit's name.
pub(crate) async fn unit_name(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    unit: &UnitId,
) -> DbResult<String> {
    let row = sqlx::query("SELECT name FROM units WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(unit.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get("name")?,
        None => String::new(),
    })
}
