//! Writing the consent ledger: recording a consent or a refusal the family
//! gave, a guardian joining a consent that waits for them, and withdrawing.
//! Staff and the portal share these steps, so that the rules hold on both
//! paths: who must consent (every guardian with joint responsibility, unless
//! the municipality accepts one), a refusal taking effect at once, and any
//! end of a consent reaching the relay log in the same transaction (the
//! baton goes home; see `relay::reclaim`).

use ettlag_core::consent::{self, AgeRules, Consent, Family, GuardianRule};
use ettlag_core::ids::ConsentId;
use ettlag_core::policy::Action;
use ettlag_core::relay::AccessEnded;
use ettlag_core::text::Text;
use ettlag_core::{Day, PersonId, TenantId};
use sqlx::{AnyConnection, Row};

use super::{LedgerFacts, family, index_recipients, parse};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue;
use crate::settings::{CONSENT_AGE, CONSENT_AGE_HEALTH, CONSENT_ONE_GUARDIAN, setting};
use crate::writer::Tx;

/// A consent has run out: the day after its last day. `ref_id` is the consent.
pub const CONSENT_END: &str = "consent_end";

impl AccessContext {
    /// Records a consent (or a refusal) the family gave in a meeting, on
    /// paper or by phone. The ledger checks that it names a purpose,
    /// recipients and categories, that the right people gave it for the
    /// child's age, and settles whose yes it still waits for.
    pub async fn give_consent(&self, consent: Consent) -> DbResult<ConsentId> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { give_in(tx, &ctx, consent).await }))
            .await?
            .map(ConsentId::from_trusted)
    }

    /// Records that a guardian the consent waits for has given theirs too.
    pub async fn join_consent(&self, id: &ConsentId, guardian: &PersonId) -> DbResult<()> {
        let ctx = self.write_ctx();
        let (id, guardian) = (id.to_string(), guardian.clone());
        self.store
            .writer
            .run(move |tx| Box::pin(async move { join_in(tx, &ctx, &id, &guardian).await }))
            .await?
    }

    /// Withdraws a consent at once: the next request anywhere sees it gone,
    /// and a baton held under it goes back to the home unit.
    pub async fn withdraw_consent(&self, id: &ConsentId, note: Option<Text>) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.to_string();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { withdraw_in(tx, &ctx, &id, note).await }))
            .await?
    }
}

/// Whose yes the municipality needs with joint parental responsibility.
pub(crate) async fn guardian_rule(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> DbResult<GuardianRule> {
    Ok(if setting(conn, tenant, CONSENT_ONE_GUARDIAN).await? == 1 {
        GuardianRule::One
    } else {
        GuardianRule::All
    })
}

/// The ages at which a young person consents alone, as the municipality set them.
pub(crate) async fn age_rules(conn: &mut AnyConnection, tenant: &TenantId) -> DbResult<AgeRules> {
    Ok(AgeRules {
        alone_from: u8::try_from(setting(conn, tenant, CONSENT_AGE).await?).unwrap_or(15),
        health_alone_from: u8::try_from(setting(conn, tenant, CONSENT_AGE_HEALTH).await?)
            .unwrap_or(16),
    })
}

/// Settles and stores a checked consent for `family`, recorded by
/// `recorded_by` (a staff id, or a family member as `citizen:<id>`).
/// Returns the refusal key of a consent the rules refuse.
pub(crate) async fn store_consent(
    tx: &mut Tx,
    tenant: &TenantId,
    consent: Consent,
    family: &Family,
    recorded_by: &str,
) -> DbResult<DbResult<String>> {
    let rules = age_rules(&mut tx.conn, tenant).await?;
    let guardians = guardian_rule(&mut tx.conn, tenant).await?;
    let consent = match consent::settle(consent, family, rules, guardians) {
        Ok(c) => c,
        Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
    };
    let body = serde_json::to_string(&consent).map_err(|e| DbError::Other(e.to_string()))?;
    let now = now_ms();
    sqlx::query(
        "INSERT INTO consents (tenant_id, id, subject_id, body, valid_from, valid_to, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant.as_str())
    .bind(&consent.id)
    .bind(consent.subject.as_str())
    .bind(body)
    .bind(consent.valid_from.to_string())
    .bind(consent.valid_to.map(|d| d.to_string()))
    .bind(recorded_by)
    .bind(now)
    .execute(&mut tx.conn)
    .await?;
    index_recipients(&mut tx.conn, tenant, &consent).await?;
    schedule_end(tx, tenant, &consent).await?;
    if !consent.stance.is_grant() {
        crate::access::relay::reclaim(tx, tenant, &consent.subject, AccessEnded::Refused, now)
            .await?;
    }
    Ok(Ok(consent.id))
}

/// When a consent with an end date runs out, the job brings the child's log
/// in step (the policy already shuts the unit out from that day on).
async fn schedule_end(tx: &mut Tx, tenant: &TenantId, consent: &Consent) -> DbResult<()> {
    if let Some(to) = consent.valid_to {
        let after = Day::from_ms(to.start_ms() + 86_400_000);
        job_queue::schedule(
            tx,
            tenant.as_str(),
            CONSENT_END,
            &consent.id,
            after.start_ms(),
        )
        .await?;
    }
    Ok(())
}

/// The job for [`CONSENT_END`].
pub(crate) async fn consent_ended(
    tx: &mut Tx,
    tenant: &TenantId,
    id: &str,
    now: i64,
) -> DbResult<()> {
    let row = sqlx::query("SELECT subject_id FROM consents WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(id)
        .fetch_optional(&mut tx.conn)
        .await?;
    let Some(row) = row else { return Ok(()) };
    let child = PersonId::from_trusted(row.try_get("subject_id")?);
    crate::access::relay::reclaim(tx, tenant, &child, AccessEnded::ConsentExpired, now).await
}

/// Ends every effect of a withdrawn consent on the child's open log.
pub(crate) async fn ended_for_child(
    tx: &mut Tx,
    tenant: &TenantId,
    child: &PersonId,
    consent_id: &str,
) -> DbResult<()> {
    job_queue::cancel(tx, tenant.as_str(), CONSENT_END, consent_id).await?;
    let now = now_ms();
    crate::access::relay::reclaim(tx, tenant, child, AccessEnded::ConsentWithdrawn, now).await
}

async fn give_in(tx: &mut Tx, ctx: &WriteCtx, mut consent: Consent) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let id = new_id();
    let Some(family) = family(&mut tx.conn, &tenant, &consent.subject).await? else {
        let d = ctx.decide(Action::Create, &ettlag_core::policy::Subject::Unknown);
        ctx.settle(tx, Action::Create, ("consent", &id), d).await?;
        return Ok(Err(DbError::NotFound));
    };
    let facts = LedgerFacts::of_child(&mut tx.conn, &tenant, &consent.subject).await?;
    let d = ctx.decide(Action::Create, &facts.subject());
    ctx.settle(tx, Action::Create, ("consent", &id), d).await?;
    if !d.is_allowed() {
        return Ok(Err(DbError::NotFound));
    }
    consent.id = id;
    consent.withdrawn_at_ms = None;
    let by = ctx.actor.staff.to_string();
    store_consent(tx, &tenant, consent, &family, &by).await
}

/// A stored consent and its child, or `None`.
pub(crate) async fn consent_row(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> DbResult<Option<Consent>> {
    let row =
        sqlx::query("SELECT body, withdrawn_at FROM consents WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let mut consent = parse(&row.try_get::<String, _>("body")?)?;
    consent.withdrawn_at_ms = row.try_get("withdrawn_at")?;
    Ok(Some(consent))
}

/// Adds a waited-for guardian to a consent, checked against the family as
/// it is now: only a guardian with parental responsibility joins.
pub(crate) async fn join_stored(
    tx: &mut Tx,
    tenant: &TenantId,
    mut consent: Consent,
    guardian: &PersonId,
) -> DbResult<DbResult<()>> {
    if let Err(e) = consent.join(guardian) {
        return Ok(Err(DbError::Refused(e.message_key())));
    }
    let body = serde_json::to_string(&consent).map_err(|e| DbError::Other(e.to_string()))?;
    sqlx::query("UPDATE consents SET body = $3 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(&consent.id)
        .bind(body)
        .execute(&mut tx.conn)
        .await?;
    Ok(Ok(()))
}

/// The stored consent `id` when the actor may change the child's ledger,
/// decided and audited as an update; a missing one and a refused one are
/// the same `NotFound`.
async fn consent_to_change(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
) -> DbResult<Result<Consent, DbError>> {
    let tenant = ctx.actor.tenant.clone();
    let found = consent_row(&mut tx.conn, &tenant, id).await?;
    let d = match &found {
        Some(consent) => {
            let facts = LedgerFacts::of_child(&mut tx.conn, &tenant, &consent.subject).await?;
            ctx.decide(Action::Update, &facts.subject())
        }
        None => ctx.decide(Action::Update, &ettlag_core::policy::Subject::Unknown),
    };
    ctx.settle(tx, Action::Update, ("consent", id), d).await?;
    Ok(match found {
        Some(consent) if d.is_allowed() => Ok(consent),
        _ => Err(DbError::NotFound),
    })
}

async fn join_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
    guardian: &PersonId,
) -> DbResult<DbResult<()>> {
    match consent_to_change(tx, ctx, id).await? {
        Ok(consent) => join_stored(tx, &ctx.actor.tenant, consent, guardian).await,
        Err(e) => Ok(Err(e)),
    }
}

/// Marks a consent withdrawn by `by` and ends its effects. Refused when it
/// was withdrawn already.
pub(crate) async fn withdraw_stored(
    tx: &mut Tx,
    tenant: &TenantId,
    consent: &Consent,
    by: &str,
    note: Option<&str>,
) -> DbResult<DbResult<()>> {
    if consent.withdrawn_at_ms.is_some() {
        return Ok(Err(DbError::Refused("consent-error-withdrawn")));
    }
    sqlx::query(
        "UPDATE consents SET withdrawn_at = $3, withdrawn_by = $4, withdrawn_note = $5 \
         WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(&consent.id)
    .bind(now_ms())
    .bind(by)
    .bind(note)
    .execute(&mut tx.conn)
    .await?;
    ended_for_child(tx, tenant, &consent.subject, &consent.id).await?;
    Ok(Ok(()))
}

async fn withdraw_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    id: &str,
    note: Option<Text>,
) -> DbResult<DbResult<()>> {
    let consent = match consent_to_change(tx, ctx, id).await? {
        Ok(consent) => consent,
        Err(e) => return Ok(Err(e)),
    };
    let by = ctx.actor.staff.to_string();
    let note = note.as_ref().map(|n| n.as_str());
    withdraw_stored(tx, &ctx.actor.tenant, &consent, &by, note).await
}
