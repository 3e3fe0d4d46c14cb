//! Telling the family that something is new in the portal. A notice is put
//! in the durable outbox in the same transaction as what it announces, one
//! row per channel (e-mail, SMS) per family member who gave an address or a
//! number in the portal and whom the citizen policy lets see that part of
//! the child's data. A notice says only *that* something is new and links
//! to the portal: it never names the child or says what happened, because
//! neither e-mail nor SMS is a safe channel for that.

use ettlag_core::policy::citizen::{Citizen, CitizenAction, Section, decide_citizen};
use ettlag_core::relay::Event;
use ettlag_core::{PersonId, TenantId};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::access::portal::facts;
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

/// The outbox kind of a family notice; `params` is a [`FamilyNotice`].
pub const FAMILY_NOTICE: &str = "family_notice";

/// What is new for the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A relay log was opened for the child.
    NewLog,
    LevelChanged,
    /// Someone else holds the baton now (accepted, or returned by the system).
    Handover,
    MeetingInvitation,
    /// The family's request (restriction, correction) was answered.
    RequestAnswered,
}

impl NoticeKind {
    /// The part of the child's data the notice points to: a new holder is
    /// "who follows us up", which parents of a young person who decides
    /// alone may still see; the rest is the details.
    fn section(self) -> Section {
        match self {
            NoticeKind::Handover => Section::WhoFollowsUp,
            _ => Section::Details,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::NewLog => "new_log",
            NoticeKind::LevelChanged => "level_changed",
            NoticeKind::Handover => "handover",
            NoticeKind::MeetingInvitation => "meeting_invitation",
            NoticeKind::RequestAnswered => "request_answered",
        }
    }
}

/// What a family notice in the outbox is made of: the kind only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyNotice {
    pub notice: NoticeKind,
}

/// The notice a relay log event gives the family, if any.
fn kind_of(event: &Event) -> Option<NoticeKind> {
    match event {
        Event::Opened { .. } => Some(NoticeKind::NewLog),
        Event::LevelChanged { .. } => Some(NoticeKind::LevelChanged),
        Event::BatonAccepted | Event::BatonReturned { .. } => Some(NoticeKind::Handover),
        _ => None,
    }
}

/// Notifies the family of a relay log event that concerns them, in the
/// caller's transaction. Called for every event written to a log.
pub(crate) async fn on_log_event(
    tx: &mut Tx,
    tenant: &TenantId,
    log_id: &str,
    event: &Event,
) -> DbResult<()> {
    let Some(kind) = kind_of(event) else {
        return Ok(());
    };
    let row = sqlx::query("SELECT child_id FROM relay_logs WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(log_id)
        .fetch_optional(&mut tx.conn)
        .await?;
    let Some(row) = row else { return Ok(()) };
    let child = PersonId::from_trusted(row.try_get("child_id")?);
    enqueue(tx, tenant, &child, kind).await
}

/// Puts a notice of `kind` about `child` in the outbox for each family
/// member who may see it and gave an address or a number.
pub(crate) async fn enqueue(
    tx: &mut Tx,
    tenant: &TenantId,
    child: &PersonId,
    kind: NoticeKind,
) -> DbResult<()> {
    let params = serde_json::to_string(&FamilyNotice { notice: kind })
        .map_err(|e| DbError::Other(format!("family notice: {e}")))?;
    for person in recipients(tx, tenant, child, kind).await? {
        let row = sqlx::query(
            "SELECT email, phone, language FROM family_contacts \
             WHERE tenant_id = $1 AND person_id = $2",
        )
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_optional(&mut tx.conn)
        .await?;
        let Some(row) = row else { continue };
        let language: Option<String> = row.try_get("language")?;
        for channel in ["email", "phone"] {
            if let Some(to) = row.try_get::<Option<String>, _>(channel)? {
                let channel = if channel == "phone" { "sms" } else { "email" };
                insert(
                    tx,
                    tenant,
                    &person,
                    channel,
                    &to,
                    language.as_deref(),
                    &params,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// The guardians and the child themself, each kept only when the citizen
/// policy lets them see the part of the child's data the notice is about.
async fn recipients(
    tx: &mut Tx,
    tenant: &TenantId,
    child: &PersonId,
    kind: NoticeKind,
) -> DbResult<Vec<PersonId>> {
    let rows = sqlx::query(
        "SELECT person_id FROM relations WHERE tenant_id = $1 AND child_id = $2 \
         AND kind = 'guardian' ORDER BY person_id",
    )
    .bind(tenant.as_str())
    .bind(child.as_str())
    .fetch_all(&mut tx.conn)
    .await?;
    let mut candidates = vec![child.clone()];
    for r in &rows {
        candidates.push(PersonId::from_trusted(r.try_get("person_id")?));
    }
    let mut out = Vec::new();
    for person in candidates {
        let citizen = Citizen {
            tenant: tenant.clone(),
            person,
        };
        let Some(f) = facts::load(&mut tx.conn, &citizen, child).await? else {
            continue;
        };
        if decide_citizen(&citizen, CitizenAction::See, kind.section(), &f.person()).is_allowed() {
            out.push(citizen.person);
        }
    }
    Ok(out)
}

async fn insert(
    tx: &mut Tx,
    tenant: &TenantId,
    person: &PersonId,
    channel: &str,
    to: &str,
    language: Option<&str>,
    params: &str,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO mail_outbox (tenant_id, id, kind, staff_id, person_id, channel, to_address, \
         language, params, created_at) VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8, $9)",
    )
    .bind(tenant.as_str())
    .bind(new_id())
    .bind(FAMILY_NOTICE)
    .bind(person.as_str())
    .bind(channel)
    .bind(to)
    .bind(language.map(str::to_string))
    .bind(params)
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}
