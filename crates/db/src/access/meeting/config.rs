//! The municipality's meeting templates and values poster: configuration
//! with no personal data, read by every colleague and written by the
//! administrator, each access decided and audited like the organisation.

use ettlag_core::ids::MeetingTemplateId;
use ettlag_core::meeting::{MeetingTemplate, ValuesPoster};
use ettlag_core::policy::{Action, Subject};
use sqlx::{AnyConnection, Row};

use crate::access::AccessContext;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};

/// The id under which the built-in default template is offered while the
/// municipality has none of its own.
pub const BUILTIN_TEMPLATE: &str = "default";

/// A template of the municipality, and whether it is offered for new
/// meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLine {
    pub id: MeetingTemplateId,
    pub template: MeetingTemplate,
    pub active: bool,
}

/// The municipality's templates, by name: every one with `all`, otherwise
/// the active ones; the built-in default when none is active.
pub(crate) async fn templates_of(
    conn: &mut AnyConnection,
    tenant: &str,
    all: bool,
) -> DbResult<Vec<TemplateLine>> {
    let rows = sqlx::query("SELECT id, body, active FROM meeting_templates WHERE tenant_id = $1")
        .bind(tenant)
        .fetch_all(conn)
        .await?;
    let mut out = rows
        .iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let body: String = r.try_get("body")?;
            let template: MeetingTemplate = serde_json::from_str(&body)
                .map_err(|e| DbError::Other(format!("template {id}: {e}")))?;
            Ok(TemplateLine {
                id: MeetingTemplateId::from_trusted(id),
                template,
                active: r.try_get::<i64, _>("active")? != 0,
            })
        })
        .filter(|t: &DbResult<TemplateLine>| all || t.as_ref().map_or(true, |t| t.active))
        .collect::<DbResult<Vec<_>>>()?;
    if !out.iter().any(|t| t.active) {
        out.push(TemplateLine {
            id: MeetingTemplateId::from_trusted(BUILTIN_TEMPLATE.to_string()),
            template: MeetingTemplate::default_template(),
            active: true,
        });
    }
    out.sort_by(|a, b| a.template.name.as_str().cmp(b.template.name.as_str()));
    Ok(out)
}

pub(crate) async fn poster_of(conn: &mut AnyConnection, tenant: &str) -> DbResult<ValuesPoster> {
    let row = sqlx::query("SELECT body FROM values_posters WHERE tenant_id = $1")
        .bind(tenant)
        .fetch_optional(conn)
        .await?;
    match row {
        None => Ok(ValuesPoster::default()),
        Some(r) => serde_json::from_str(&r.try_get::<String, _>("body")?)
            .map_err(|e| DbError::Other(format!("values poster: {e}"))),
    }
}

impl AccessContext {
    /// The municipality's meeting templates offered for new meetings (the
    /// built-in default when none is active), by name.
    pub async fn meeting_templates(&self) -> DbResult<Vec<(MeetingTemplateId, MeetingTemplate)>> {
        Ok(self
            .all_meeting_templates(false)
            .await?
            .into_iter()
            .map(|t| (t.id, t.template))
            .collect())
    }

    /// The municipality's meeting templates, the inactive too with `all`.
    pub async fn all_meeting_templates(&self, all: bool) -> DbResult<Vec<TemplateLine>> {
        let tenant = self.tenant().clone();
        self.gate_org_read(
            "meeting_template",
            &Subject::Organisation { tenant: &tenant },
        )
        .await?;
        let mut conn = self.store.pool.acquire().await?;
        templates_of(&mut conn, tenant.as_str(), all).await
    }

    /// Offers a template for new meetings again, or stops offering it;
    /// meetings called from it keep their copy. Administrators only.
    pub async fn set_meeting_template_active(
        &self,
        id: &MeetingTemplateId,
        active: bool,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let d = ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, Action::Update, ("meeting_template", &id), d)
                        .await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let done = sqlx::query(
                        "UPDATE meeting_templates SET active = $3, updated_at = $4, \
                         updated_by = $5 WHERE tenant_id = $1 AND id = $2",
                    )
                    .bind(tenant.as_str())
                    .bind(id.as_str())
                    .bind(i64::from(active))
                    .bind(now_ms())
                    .bind(ctx.actor.staff.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    if done.rows_affected() == 0 {
                        return Ok(Err(DbError::NotFound));
                    }
                    Ok(Ok(()))
                })
            })
            .await?
    }

    /// The municipality's values poster (empty until configured).
    pub async fn values_poster(&self) -> DbResult<ValuesPoster> {
        let tenant = self.tenant().clone();
        self.gate_org_read("values_poster", &Subject::Organisation { tenant: &tenant })
            .await?;
        let mut conn = self.store.pool.acquire().await?;
        poster_of(&mut conn, tenant.as_str()).await
    }

    /// Saves a template: a new one when `id` is `None` (or names the
    /// built-in default), otherwise replaces the one with that id.
    /// Administrators only. Returns the id.
    pub async fn save_meeting_template(
        &self,
        id: Option<&MeetingTemplateId>,
        template: MeetingTemplate,
    ) -> DbResult<MeetingTemplateId> {
        let ctx = self.write_ctx();
        let id = id.filter(|i| i.as_str() != BUILTIN_TEMPLATE).cloned();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let action = if id.is_some() {
                        Action::Update
                    } else {
                        Action::Create
                    };
                    let id = id.unwrap_or_else(|| MeetingTemplateId::from_trusted(new_id()));
                    let d = ctx.decide(action, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, action, ("meeting_template", &id), d).await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let body = serde_json::to_string(&template)
                        .map_err(|e| DbError::Other(format!("template: {e}")))?;
                    // An edit keeps whether the template is offered.
                    let updated = sqlx::query(
                        "UPDATE meeting_templates SET body = $3, updated_at = $4, \
                         updated_by = $5 WHERE tenant_id = $1 AND id = $2",
                    )
                    .bind(tenant.as_str())
                    .bind(id.as_str())
                    .bind(&body)
                    .bind(now_ms())
                    .bind(ctx.actor.staff.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    if updated.rows_affected() == 0 {
                        sqlx::query(
                            "INSERT INTO meeting_templates (tenant_id, id, body, updated_at, \
                             updated_by, active) VALUES ($1, $2, $3, $4, $5, 1)",
                        )
                        .bind(tenant.as_str())
                        .bind(id.as_str())
                        .bind(body)
                        .bind(now_ms())
                        .bind(ctx.actor.staff.as_str())
                        .execute(&mut tx.conn)
                        .await?;
                    }
                    Ok(Ok(id))
                })
            })
            .await?
    }

    /// Replaces the values poster. Administrators only.
    pub async fn save_values_poster(&self, poster: ValuesPoster) -> DbResult<()> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let d = ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, Action::Update, ("values_poster", ""), d)
                        .await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::Forbidden));
                    }
                    let body = serde_json::to_string(&poster)
                        .map_err(|e| DbError::Other(format!("values poster: {e}")))?;
                    sqlx::query("DELETE FROM values_posters WHERE tenant_id = $1")
                        .bind(tenant.as_str())
                        .execute(&mut tx.conn)
                        .await?;
                    sqlx::query(
                        "INSERT INTO values_posters (tenant_id, body, updated_at, updated_by) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(tenant.as_str())
                    .bind(body)
                    .bind(now_ms())
                    .bind(ctx.actor.staff.as_str())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
