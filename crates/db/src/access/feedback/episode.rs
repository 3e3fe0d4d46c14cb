//! Starting, ending and reading episodes. An episode the actor may not see
//! answers `NotFound`, like one that is missing.

use ettlag_core::feedback::Pack;
use ettlag_core::ids::{EpisodeId, PlanId, RelayLogId};
use ettlag_core::policy::{Action, Decision, Subject};
use ettlag_core::{Day, PersonId, TenantId, UnitId};
use sqlx::{AnyConnection, Row};

use super::{
    EpisodeLine, EpisodeRow, EpisodeView, FeedbackSummary, OwnedFeedbackFacts, answers_of,
    episode_row, episodes_of_person, stored_pack, unit_name,
};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

/// The oldest age a pack's bands reach; an older age is stored as this.
const MAX_AGE: i64 = 130;

/// A new episode as the pages hand it to the store.
#[derive(Debug, Clone)]
pub struct NewEpisode {
    pub person: PersonId,
    pub unit: UnitId,
    pub pack_id: String,
    pub log_id: Option<RelayLogId>,
    pub plan_id: Option<PlanId>,
}

/// The decision on listing a person's feedback (a desk reminder, a badge).
pub(crate) async fn decide_list(
    ctx: &AccessContext,
    conn: &mut AnyConnection,
    person: &PersonId,
) -> DbResult<Decision> {
    let facts = ctx.feedback_facts(conn, person).await?;
    Ok(match &facts {
        Some(f) => ctx.decide(Action::List, &Subject::Feedback(f.facts())),
        None => ctx.decide(Action::List, &Subject::Unknown),
    })
}

/// The newest stored version of a pack id.
pub(super) async fn newest_version(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    pack_id: &str,
) -> DbResult<Option<String>> {
    let row = sqlx::query(
        "SELECT version FROM feedback_packs WHERE tenant_id = $1 AND pack_id = $2 \
         ORDER BY loaded_at DESC, version DESC",
    )
    .bind(tenant.as_str())
    .bind(pack_id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| r.try_get("version").map_err(DbError::from))
        .transpose()
}

/// Whole years from the person's birth date to today.
async fn age_today(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &PersonId,
) -> DbResult<Option<i64>> {
    let row = sqlx::query("SELECT birth_date FROM persons WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_optional(conn)
        .await?;
    let birth: Option<String> = match row {
        Some(r) => r.try_get("birth_date")?,
        None => None,
    };
    Ok(birth
        .and_then(|b| Day::parse(&b).ok())
        .map(|b| b.years_until(Day::from_ms(now_ms())).clamp(0, MAX_AGE)))
}

impl AccessContext {
    /// Starts an episode with the newest stored version of a pack. Returns
    /// the episode id.
    pub async fn start_feedback_episode(&self, new: NewEpisode) -> DbResult<EpisodeId> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { start_in(tx, &ctx, new).await }))
            .await?
            .map(EpisodeId::from_trusted)
    }

    /// Ends an episode: no more answers, and it counts in aggregates.
    pub async fn end_feedback_episode(&self, id: &EpisodeId) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let Some(row) = episode_row(&mut tx.conn, &tenant, &id).await? else {
                        ctx.pass(tx, Action::Update, ("feedback_episode", &id), &Subject::Unknown)
                            .await?;
                        return Ok(Err(DbError::NotFound));
                    };
                    let facts =
                        OwnedFeedbackFacts::of(&mut tx.conn, &tenant, &row.person_id, &ctx.actor.staff)
                            .await?;
                    let subject = match &facts {
                        Some(f) => Subject::Feedback(f.facts()),
                        None => Subject::Unknown,
                    };
                    if let Some(e) =
                        ctx.pass(tx, Action::Update, ("feedback_episode", &id), &subject).await?
                    {
                        return Ok(Err(e));
                    }
                    if row.ended_at.is_some() {
                        return Ok(Err(DbError::Refused("feedback-error-ended")));
                    }
                    sqlx::query(
                        "UPDATE feedback_episodes SET ended_at = $3 WHERE tenant_id = $1 AND id = $2",
                    )
                    .bind(tenant.as_str())
                    .bind(&id)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }

    /// One episode with every answer, and the pack it was answered with.
    pub async fn feedback_episode(&self, id: &EpisodeId) -> DbResult<(EpisodeView, Pack)> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = episode_row(&mut conn, &tenant, id).await? else {
            // The facts of no one, loaded as a hidden episode's would be.
            self.feedback_facts(&mut conn, &PersonId::placeholder())
                .await?;
            self.gate_read("feedback_episode", id, &Subject::Unknown)
                .await?;
            return Err(DbError::NotFound);
        };
        let facts = self.feedback_facts(&mut conn, &row.person_id).await?;
        let subject = match &facts {
            Some(f) => Subject::Feedback(f.facts()),
            None => Subject::Unknown,
        };
        self.gate_read("feedback_episode", id, &subject).await?;
        let pack = stored_pack(&mut conn, &tenant, &row.pack_id, &row.pack_version)
            .await?
            .ok_or_else(|| DbError::Other(format!("episode {id}: its pack is missing")))?;
        let mut view = view_of(&mut conn, &tenant, row).await?;
        for scale in pack.scales() {
            let intake = view
                .answers
                .iter()
                .find(|a| a.scale_id == scale.id())
                .map(|a| a.total);
            if scale.reliable_change().is_none() {
                continue;
            }
            if let Some(intake) = intake {
                let key = (view.pack_id.as_str(), scale.id());
                if let Some(band) =
                    super::history::band_for(&mut conn, &tenant, key, &view.id, intake).await?
                {
                    view.expected.insert(scale.id().to_string(), band);
                }
            }
        }
        Ok((view, pack))
    }

    /// A person's episodes, oldest first. A person the actor may not see
    /// answers `NotFound`.
    pub async fn feedback_episodes_of(&self, person: &PersonId) -> DbResult<Vec<EpisodeLine>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let facts = self.feedback_facts(&mut conn, person).await?;
        let subject = match &facts {
            Some(f) => Subject::Feedback(f.facts()),
            None => Subject::Unknown,
        };
        self.gate_read("feedback", person.as_str(), &subject)
            .await?;
        let mut out = Vec::new();
        for row in episodes_of_person(&mut conn, &tenant, person).await? {
            let answers = answers_of(&mut conn, &tenant, &row.id).await?;
            out.push(EpisodeLine {
                unit_name: unit_name(&mut conn, &tenant, &row.unit_id).await?,
                unit_id: row.unit_id.clone(),
                log_id: row.log_id.clone(),
                plan_id: row.plan_id.clone(),
                pack_id: row.pack_id,
                started_at_ms: row.started_at,
                ended_at_ms: row.ended_at,
                alerts: answers.iter().map(|a| a.alerts.len()).sum(),
                answers: answers.len(),
                id: row.id,
            });
        }
        Ok(out)
    }

    /// A person's feedback in numbers for the child's page: episodes, open
    /// episodes and the alerts of the open ones; `None` when the actor may
    /// not see the feedback. Decided and audited as a list read, like the
    /// badge: it shows counts, not answers.
    pub async fn feedback_summary(&self, person: &PersonId) -> DbResult<Option<FeedbackSummary>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let d = decide_list(self, &mut conn, person).await?;
        self.audit_reads(vec![self.event(
            Action::List,
            "feedback",
            person.as_str(),
            d,
        )])
        .await?;
        if !d.is_allowed() {
            return Ok(None);
        }
        let mut summary = FeedbackSummary::default();
        for row in episodes_of_person(&mut conn, &tenant, person).await? {
            summary.episodes += 1;
            if row.ended_at.is_none() {
                summary.open += 1;
                summary.alerts += answers_of(&mut conn, &tenant, &row.id)
                    .await?
                    .iter()
                    .map(|a| a.alerts.len())
                    .sum::<usize>();
            }
        }
        Ok(Some(summary))
    }

    /// How many alerts a person's open episodes carry, for a badge on the
    /// relay log and plan lists; 0 when the actor may not see the feedback.
    /// Decided and audited as a list read.
    pub async fn feedback_alert_count(&self, person: &PersonId) -> DbResult<usize> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let d = decide_list(self, &mut conn, person).await?;
        self.audit_reads(vec![self.event(
            Action::List,
            "feedback",
            person.as_str(),
            d,
        )])
        .await?;
        if !d.is_allowed() {
            return Ok(0);
        }
        let mut count = 0;
        for row in episodes_of_person(&mut conn, &tenant, person).await? {
            if row.ended_at.is_none() {
                count += answers_of(&mut conn, &tenant, &row.id)
                    .await?
                    .iter()
                    .map(|a| a.alerts.len())
                    .sum::<usize>();
            }
        }
        Ok(count)
    }
}

pub(super) async fn view_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    row: EpisodeRow,
) -> DbResult<EpisodeView> {
    Ok(EpisodeView {
        answers: answers_of(conn, tenant, &row.id).await?,
        person_name: crate::access::plan::person_name(conn, tenant, &row.person_id)
            .await?
            .unwrap_or_default(),
        unit_name: unit_name(conn, tenant, &row.unit_id).await?,
        id: row.id,
        person_id: row.person_id,
        unit_id: row.unit_id,
        pack_id: row.pack_id,
        pack_version: row.pack_version,
        log_id: row.log_id,
        plan_id: row.plan_id,
        age_at_start: row.age_at_start,
        started_at_ms: row.started_at,
        started_by: row.started_by,
        ended_at_ms: row.ended_at,
        expected: Default::default(),
    })
}

async fn start_in(tx: &mut Tx, ctx: &WriteCtx, new: NewEpisode) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let facts =
        OwnedFeedbackFacts::of(&mut tx.conn, &tenant, &new.person, &ctx.actor.staff).await?;
    let subject = match &facts {
        Some(f) => Subject::Feedback(f.facts()),
        None => Subject::Unknown,
    };
    let resource = ("feedback_episode", new.person.as_str());
    if let Some(e) = ctx.pass(tx, Action::Create, resource, &subject).await? {
        return Ok(Err(e));
    }
    // The unit is one the actor works in: the episode is their unit's work.
    if !ctx.actor.units.contains(&new.unit) {
        return Ok(Err(DbError::Refused("feedback-error-unit")));
    }
    // A linked relay log or plan must be the same person's, or the
    // episode would show up on someone else's page.
    for (sql, id) in [
        (
            "SELECT 1 FROM relay_logs WHERE tenant_id = $1 AND id = $2 AND child_id = $3",
            new.log_id.as_deref(),
        ),
        (
            "SELECT 1 FROM plans WHERE tenant_id = $1 AND id = $2 AND person_id = $3",
            new.plan_id.as_deref(),
        ),
    ] {
        let Some(id) = id else { continue };
        let found = sqlx::query(sql)
            .bind(tenant.as_str())
            .bind(id)
            .bind(new.person.as_str())
            .fetch_optional(&mut tx.conn)
            .await?;
        if found.is_none() {
            return Ok(Err(DbError::Refused("feedback-error-linked")));
        }
    }
    let Some(version) = newest_version(&mut tx.conn, &tenant, &new.pack_id).await? else {
        return Ok(Err(DbError::Refused("feedback-error-pack")));
    };
    let Some(age) = age_today(&mut tx.conn, &tenant, &new.person).await? else {
        return Ok(Err(DbError::Refused("feedback-error-no-birth-date")));
    };
    let id = new_id();
    sqlx::query(
        "INSERT INTO feedback_episodes (tenant_id, id, person_id, unit_id, pack_id, pack_version, \
         log_id, plan_id, age_at_start, started_at, started_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(new.person.as_str())
    .bind(new.unit.as_str())
    .bind(&new.pack_id)
    .bind(&version)
    .bind(new.log_id.as_deref())
    .bind(new.plan_id.as_deref())
    .bind(age)
    .bind(now_ms())
    .bind(ctx.actor.staff.as_str())
    .execute(&mut tx.conn)
    .await?;
    Ok(Ok(id))
}
