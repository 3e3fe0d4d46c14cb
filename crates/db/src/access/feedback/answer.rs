//! Storing a completed form: the item scores in tenths, the exact total, and
//! the alerts the core engine raises against the previous total of the same
//! scale. Alerts become reminders on the desks of those who follow the
//! person up, in the same transaction.

use ettlag_core::feedback::{Alert, Pack, Respondent, Tenths, evaluate};
use ettlag_core::ids::{AnswerId, EpisodeId};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, TenantId};
use sqlx::Row;

use super::{
    EpisodeRow, OwnedFeedbackFacts, StoredAlert, episode_row, responsible_for, stored_pack,
};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::staff_notice::notify_feedback;
use crate::writer::Tx;

/// What was stored.
#[derive(Debug, Clone)]
pub struct SavedAnswer {
    pub id: AnswerId,
    pub session: u16,
    pub total: Tenths,
    pub alerts: Vec<Alert>,
}

/// Who gave the answer, for the row and the audit.
pub(crate) struct Giver<'a> {
    pub respondent: Respondent,
    pub by_staff: Option<&'a str>,
    pub link_id: Option<&'a str>,
}

impl AccessContext {
    /// Stores an answer given on the staff member's device (in a meeting).
    /// A score count that does not fit the scale is refused with the score
    /// error's message key.
    pub async fn record_feedback_answer(
        &self,
        episode: &EpisodeId,
        scale_id: &str,
        items: Vec<Tenths>,
    ) -> DbResult<SavedAnswer> {
        let ctx = self.write_ctx();
        let episode = episode.to_string();
        let scale_id = scale_id.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move { record_in(tx, &ctx, &episode, &scale_id, items).await })
            })
            .await?
    }
}

async fn record_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    episode: &str,
    scale_id: &str,
    items: Vec<Tenths>,
) -> DbResult<DbResult<SavedAnswer>> {
    let tenant = ctx.actor.tenant.clone();
    let resource = ("feedback_answer", episode);
    let Some(row) = episode_row(&mut tx.conn, &tenant, episode).await? else {
        ctx.pass(tx, Action::Create, resource, &Subject::Unknown)
            .await?;
        return Ok(Err(DbError::NotFound));
    };
    let facts =
        OwnedFeedbackFacts::of(&mut tx.conn, &tenant, &row.person_id, &ctx.actor.staff).await?;
    let subject = match &facts {
        Some(f) => Subject::Feedback(f.facts()),
        None => Subject::Unknown,
    };
    if let Some(e) = ctx.pass(tx, Action::Create, resource, &subject).await? {
        return Ok(Err(e));
    }
    let Some(pack) = stored_pack(&mut tx.conn, &tenant, &row.pack_id, &row.pack_version).await?
    else {
        return Ok(Err(DbError::Refused("feedback-error-pack")));
    };
    let giver = Giver {
        respondent: Respondent::StaffMeeting,
        by_staff: Some(ctx.actor.staff.as_str()),
        link_id: None,
    };
    store_answer(tx, &tenant, &row, &pack, scale_id, items, giver).await
}

/// Checks and stores one answer, after the caller's access decision.
pub(crate) async fn store_answer(
    tx: &mut Tx,
    tenant: &TenantId,
    row: &EpisodeRow,
    pack: &Pack,
    scale_id: &str,
    items: Vec<Tenths>,
    giver: Giver<'_>,
) -> DbResult<DbResult<SavedAnswer>> {
    if row.ended_at.is_some() {
        return Ok(Err(DbError::Refused("feedback-error-ended")));
    }
    let Some(scale) = pack.scale(scale_id) else {
        return Ok(Err(DbError::Refused("feedback-error-scale")));
    };
    let answer = match scale.answer(items) {
        Ok(a) => a,
        Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
    };
    let previous = sqlx::query(
        "SELECT session, total FROM feedback_answers WHERE tenant_id = $1 AND episode_id = $2 \
         AND scale_id = $3 ORDER BY session DESC, at_ms DESC",
    )
    .bind(tenant.as_str())
    .bind(row.id.as_str())
    .bind(scale_id)
    .fetch_optional(&mut tx.conn)
    .await?;
    let (session, previous_total) = match previous {
        Some(r) => {
            let session: i64 = r.try_get("session")?;
            let total: i64 = r.try_get("total")?;
            (session + 1, u16::try_from(total).ok().map(Tenths::new))
        }
        None => (1, None),
    };
    let session = u16::try_from(session).map_err(|_| DbError::Other("session".into()))?;
    let alerts = evaluate(scale.alerts(), &answer, previous_total);
    let stored: Vec<StoredAlert> = alerts.iter().map(StoredAlert::from_alert).collect();
    let alerts_json = serde_json::to_string(&stored).map_err(|e| DbError::Other(e.to_string()))?;
    let id = AnswerId::from_trusted(new_id());
    let now = now_ms();
    sqlx::query(
        "INSERT INTO feedback_answers (tenant_id, id, episode_id, scale_id, session, respondent, \
         by_staff, link_id, at_ms, total, alerts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(tenant.as_str())
    .bind(id.as_str())
    .bind(row.id.as_str())
    .bind(scale_id)
    .bind(i64::from(session))
    .bind(giver.respondent.code())
    .bind(giver.by_staff)
    .bind(giver.link_id)
    .bind(now)
    .bind(i64::from(answer.total().get()))
    .bind(&alerts_json)
    .execute(&mut tx.conn)
    .await?;
    for (position, (item, score)) in scale.items().iter().zip(answer.items()).enumerate() {
        sqlx::query(
            "INSERT INTO feedback_answer_items (tenant_id, answer_id, position, item_id, tenths) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(tenant.as_str())
        .bind(id.as_str())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(item.id())
        .bind(i64::from(score.get()))
        .execute(&mut tx.conn)
        .await?;
    }
    if !alerts.is_empty() {
        for staff in responsible_for(&mut tx.conn, tenant, &row.person_id).await? {
            notify_feedback(
                tx,
                tenant,
                staff.as_str(),
                (&row.person_id, &row.id, &id),
                scale_id,
                now,
            )
            .await?;
        }
    }
    Ok(Ok(SavedAnswer {
        id,
        session,
        total: answer.total(),
        alerts,
    }))
}

impl AccessContext {
    /// One answer with its episode and pack (for the FHIR export). An answer
    /// of an episode the actor may not see answers `NotFound`.
    pub async fn feedback_answer(
        &self,
        id: &AnswerId,
    ) -> DbResult<(super::EpisodeView, Pack, super::AnswerLine)> {
        let tenant = self.tenant().clone();
        let row = {
            let mut conn = self.store.pool.acquire().await?;
            sqlx::query("SELECT episode_id FROM feedback_answers WHERE tenant_id = $1 AND id = $2")
                .bind(tenant.as_str())
                .bind(id.as_str())
                .fetch_optional(&mut *conn)
                .await?
        };
        let Some(row) = row else {
            self.gate_read("feedback_answer", id, &Subject::Unknown)
                .await?;
            return Err(DbError::NotFound);
        };
        let episode = EpisodeId::from_trusted(row.try_get("episode_id")?);
        let (view, pack) = self.feedback_episode(&episode).await?;
        let answer = view
            .answers
            .iter()
            .find(|a| &a.id == id)
            .cloned()
            .ok_or(DbError::NotFound)?;
        Ok((view, pack, answer))
    }
}
