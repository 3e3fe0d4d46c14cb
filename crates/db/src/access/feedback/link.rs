//! One-time links: a family member answers one form on their own phone
//! without an account. The token is random (256 bits) and only its SHA-256
//! is stored; the link is bound to one episode, one scale and one kind of
//! respondent, expires after the municipality's setting, and is used once.
//!
//! The page behind a link shows the person's given name and the form,
//! nothing else: whoever holds the link (a forwarded SMS, a shared phone)
//! learns that this first name gets help, not from whom or why.

use ettlag_core::feedback::{Respondent, Scale, Tenths};
use ettlag_core::ids::EpisodeId;
use ettlag_core::policy::{self, Action, Actor, Purpose, Subject};
use ettlag_core::{Coded, RoleSet, StaffId, TenantId};
use sqlx::Row;

use super::answer::{Giver, SavedAnswer, store_answer};
use super::{OwnedFeedbackFacts, episode_row, given_name, stored_pack};
use crate::access::gate::{Record, seal, seal_now};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, new_token, now_ms, token_hash};
use crate::error::{DbError, DbResult};
use crate::settings::{FEEDBACK_LINK_HOURS, setting};
use crate::store::Store;
use crate::writer::Tx;

/// A link to make.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub episode: EpisodeId,
    pub scale_id: String,
    /// A parent or the young person; a meeting needs no link.
    pub respondent: Respondent,
}

/// What the public page may show for a valid link.
#[derive(Debug, Clone)]
pub struct LinkForm {
    pub given_name: String,
    pub scale: Scale,
    pub respondent: Respondent,
    pub expires_at_ms: i64,
}

/// The state of a link as its page sees it.
#[derive(Debug, Clone)]
pub enum LinkState {
    Valid(Box<LinkForm>),
    /// Used already: the answer was received.
    Used,
    /// Expired, or no such link (the page does not tell them apart).
    Expired,
}

/// A link row.
struct LinkRow {
    tenant: TenantId,
    id: String,
    episode_id: String,
    scale_id: String,
    respondent: Respondent,
    expires_at: i64,
    used_at: Option<i64>,
}

async fn link_row(conn: &mut sqlx::AnyConnection, token: &str) -> DbResult<Option<LinkRow>> {
    let row = sqlx::query(
        "SELECT tenant_id, id, episode_id, scale_id, respondent, expires_at, used_at \
         FROM feedback_links WHERE token_hash = $1",
    )
    .bind(token_hash(token))
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let respondent: String = r.try_get("respondent")?;
    Ok(Some(LinkRow {
        tenant: TenantId::from_trusted(r.try_get("tenant_id")?),
        id: r.try_get("id")?,
        episode_id: r.try_get("episode_id")?,
        scale_id: r.try_get("scale_id")?,
        respondent: Respondent::from_code(&respondent)
            .ok_or_else(|| DbError::Other("link respondent".into()))?,
        expires_at: r.try_get("expires_at")?,
        used_at: r.try_get("used_at")?,
    }))
}

/// The actor a link acts as: nobody's account, named by the link in the
/// audit log.
fn link_actor(tenant: &TenantId, link_id: &str) -> Actor {
    Actor {
        tenant: tenant.clone(),
        staff: StaffId::from_trusted(format!("link:{link_id}")),
        roles: RoleSet::new(Vec::new()),
        units: Vec::new(),
    }
}

/// A token is 64 hex digits; anything else is not looked up.
fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

impl AccessContext {
    /// Makes a one-time link; returns the token (shown once, never stored)
    /// and when it expires.
    pub async fn create_feedback_link(&self, new: NewLink) -> DbResult<(String, i64)> {
        if new.respondent == Respondent::StaffMeeting {
            return Err(DbError::Refused("feedback-error-respondent"));
        }
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { create_in(tx, &ctx, new).await }))
            .await?
    }
}

async fn create_in(tx: &mut Tx, ctx: &WriteCtx, new: NewLink) -> DbResult<DbResult<(String, i64)>> {
    let tenant = ctx.actor.tenant.clone();
    let resource = ("feedback_link", new.episode.as_str());
    let Some(row) = episode_row(&mut tx.conn, &tenant, &new.episode).await? else {
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
    if row.ended_at.is_some() {
        return Ok(Err(DbError::Refused("feedback-error-ended")));
    }
    let Some(pack) = stored_pack(&mut tx.conn, &tenant, &row.pack_id, &row.pack_version).await?
    else {
        return Ok(Err(DbError::Refused("feedback-error-pack")));
    };
    if pack.scale(&new.scale_id).is_none() {
        return Ok(Err(DbError::Refused("feedback-error-scale")));
    }
    let hours = setting(&mut tx.conn, &tenant, FEEDBACK_LINK_HOURS).await?;
    let now = now_ms();
    let expires_at = now + hours * 3_600_000;
    let token = new_token();
    sqlx::query(
        "INSERT INTO feedback_links (tenant_id, id, token_hash, episode_id, scale_id, respondent, \
         created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(tenant.as_str())
    .bind(new_id())
    .bind(token_hash(&token))
    .bind(row.id.as_str())
    .bind(&new.scale_id)
    .bind(new.respondent.code())
    .bind(ctx.actor.staff.as_str())
    .bind(now)
    .bind(expires_at)
    .execute(&mut tx.conn)
    .await?;
    Ok(Ok((token, expires_at)))
}

impl Store {
    /// The public page of a link: the form to answer, or why not. Reading a
    /// valid link is audited in its municipality as the link.
    pub async fn feedback_link(&self, token: &str) -> DbResult<LinkState> {
        if !plausible(token) {
            return Ok(LinkState::Expired);
        }
        let mut conn = self.pool.acquire().await?;
        let Some(link) = link_row(&mut conn, token).await? else {
            return Ok(LinkState::Expired);
        };
        if link.used_at.is_some() {
            return Ok(LinkState::Used);
        }
        let valid = link.expires_at > now_ms();
        let actor = link_actor(&link.tenant, &link.id);
        let subject = Subject::FeedbackLink {
            tenant: &link.tenant,
            valid,
        };
        let d = policy::decide(&actor, Purpose::System, Action::Read, &subject);
        let record = Record::link(&actor, Action::Read, ("feedback_link", &link.id), d);
        seal_now(self, &link.tenant, vec![record]).await?;
        if !d.is_allowed() {
            return Ok(LinkState::Expired);
        }
        let Some(row) = episode_row(&mut conn, &link.tenant, &link.episode_id).await? else {
            return Ok(LinkState::Expired);
        };
        let Some(pack) =
            stored_pack(&mut conn, &link.tenant, &row.pack_id, &row.pack_version).await?
        else {
            return Ok(LinkState::Expired);
        };
        let Some(scale) = pack.scale(&link.scale_id).cloned() else {
            return Ok(LinkState::Expired);
        };
        Ok(LinkState::Valid(Box::new(LinkForm {
            given_name: given_name(&mut conn, &link.tenant, &row.person_id).await?,
            scale,
            respondent: link.respondent,
            expires_at_ms: link.expires_at,
        })))
    }

    /// Stores the answer given through a link and uses the link up, in one
    /// transaction: a second submit finds it used. An expired, used or
    /// unknown link is `NotFound`; bad scores are refused with their key.
    pub async fn answer_feedback_link(
        &self,
        token: &str,
        items: Vec<Tenths>,
    ) -> DbResult<SavedAnswer> {
        if !plausible(token) {
            return Err(DbError::NotFound);
        }
        let token = token.to_string();
        self.writer
            .run(move |tx| Box::pin(async move { answer_in(tx, &token, items).await }))
            .await?
    }
}

async fn answer_in(
    tx: &mut Tx,
    token: &str,
    items: Vec<Tenths>,
) -> DbResult<DbResult<SavedAnswer>> {
    let Some(link) = link_row(&mut tx.conn, token).await? else {
        return Ok(Err(DbError::NotFound));
    };
    let now = now_ms();
    let valid = link.used_at.is_none() && link.expires_at > now;
    let actor = link_actor(&link.tenant, &link.id);
    let d = policy::decide(
        &actor,
        Purpose::System,
        Action::Create,
        &Subject::FeedbackLink {
            tenant: &link.tenant,
            valid,
        },
    );
    let record = Record::link(
        &actor,
        Action::Create,
        ("feedback_answer", &link.episode_id),
        d,
    );
    seal(tx, &link.tenant, vec![record]).await?;
    if !d.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    let Some(row) = episode_row(&mut tx.conn, &link.tenant, &link.episode_id).await? else {
        return Ok(Err(DbError::NotFound));
    };
    let Some(pack) =
        stored_pack(&mut tx.conn, &link.tenant, &row.pack_id, &row.pack_version).await?
    else {
        return Ok(Err(DbError::NotFound));
    };
    let giver = Giver {
        respondent: link.respondent,
        by_staff: None,
        link_id: Some(&link.id),
    };
    let saved = store_answer(tx, &link.tenant, &row, &pack, &link.scale_id, items, giver).await?;
    if saved.is_ok() {
        sqlx::query("UPDATE feedback_links SET used_at = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(link.tenant.as_str())
            .bind(&link.id)
            .bind(now)
            .execute(&mut tx.conn)
            .await?;
    }
    Ok(saved)
}
