//! Break-the-glass ("nødtilgang"): a staff member who must act for a child
//! they have no relation to re-enters their password (checked by the web
//! layer), gives a reason, and gets read access to the child for a time the
//! municipality sets. Every use waits in a list for the privacy officer, who
//! sees the reason and every access made under it.

use ettlag_core::ids::EmergencyAccessId;
use ettlag_core::policy::{Action, Decision, Grant, Subject};
use ettlag_core::text::Text;
use ettlag_core::{NationalId, PersonId, StaffId, TenantId};
use sqlx::{AnyConnection, Row};

use super::persons::{linked_units, load_person};
use super::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::settings::{EMERGENCY_MINUTES, setting};
use crate::writer::Tx;

/// One break-the-glass access.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EmergencyAccess {
    pub id: EmergencyAccessId,
    pub staff_id: StaffId,
    pub staff_name: String,
    pub child_id: PersonId,
    pub child_name: String,
    pub reason: String,
    pub granted_at_ms: i64,
    pub expires_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    pub reviewed_at_ms: Option<i64>,
    pub reviewed_by: Option<String>,
    pub review_note: Option<String>,
    /// Accesses made under it, from the access log (filled for review).
    pub uses: i64,
}

impl EmergencyAccess {
    /// Still gives access at `now`.
    pub fn is_active(&self, now_ms: i64) -> bool {
        self.ended_at_ms.is_none() && now_ms < self.expires_at_ms
    }
}

/// Whether `staff` holds an unexpired break-the-glass access to `child`.
/// Read on every request, so an expired or ended access stops at once.
pub(crate) async fn active(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    staff: &StaffId,
    child: &PersonId,
) -> DbResult<bool> {
    let row = sqlx::query(
        "SELECT 1 FROM emergency_access WHERE tenant_id = $1 AND staff_id = $2 AND child_id = $3 \
         AND expires_at > $4 AND ended_at IS NULL LIMIT 1",
    )
    .bind(tenant.as_str())
    .bind(staff.as_str())
    .bind(child.as_str())
    .bind(now_ms())
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

const COLUMNS: &str = "e.id, e.staff_id, s.display_name AS staff_name, e.child_id, p.given_name, \
     p.family_name, e.reason, e.granted_at, e.expires_at, e.ended_at, e.reviewed_at, \
     r.display_name AS reviewer_name, e.review_note";

const FROM: &str = "FROM emergency_access e \
     JOIN staff s ON s.tenant_id = e.tenant_id AND s.id = e.staff_id \
     JOIN persons p ON p.tenant_id = e.tenant_id AND p.id = e.child_id \
     LEFT JOIN staff r ON r.tenant_id = e.tenant_id AND r.id = e.reviewed_by";

fn from_row(r: &sqlx::any::AnyRow) -> DbResult<EmergencyAccess> {
    Ok(EmergencyAccess {
        id: EmergencyAccessId::from_trusted(r.try_get("id")?),
        staff_id: StaffId::from_trusted(r.try_get("staff_id")?),
        staff_name: r.try_get("staff_name")?,
        child_id: PersonId::from_trusted(r.try_get("child_id")?),
        child_name: format!(
            "{} {}",
            r.try_get::<String, _>("given_name")?,
            r.try_get::<String, _>("family_name")?
        ),
        reason: r.try_get("reason")?,
        granted_at_ms: r.try_get("granted_at")?,
        expires_at_ms: r.try_get("expires_at")?,
        ended_at_ms: r.try_get("ended_at")?,
        reviewed_at_ms: r.try_get("reviewed_at")?,
        reviewed_by: r.try_get("reviewer_name")?,
        review_note: r.try_get("review_note")?,
        uses: 0,
    })
}

impl AccessContext {
    /// Takes break-the-glass access to the child with this national identity
    /// number. The caller has checked the password again. Refused when the
    /// actor already has access (nothing to break) or may not have it at all
    /// (another role, a restriction); every attempt is in the access log.
    pub async fn take_emergency_access(
        &self,
        nin: &NationalId,
        reason: Text,
    ) -> DbResult<EmergencyAccess> {
        let ctx = self.write_ctx();
        let nin = nin.clone();
        let id = self
            .store
            .writer
            .run(move |tx| Box::pin(async move { take_in(tx, &ctx, &nin, &reason).await }))
            .await??;
        self.my_emergency_access(&id).await
    }

    /// Ends one's own break-the-glass access before it expires.
    pub async fn end_emergency_access(&self, id: &EmergencyAccessId) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let done = sqlx::query(
                        "UPDATE emergency_access SET ended_at = $4 WHERE tenant_id = $1 AND id = $2 \
                         AND staff_id = $3 AND ended_at IS NULL",
                    )
                    .bind(tenant.as_str())
                    .bind(id.as_str())
                    .bind(ctx.actor.staff.as_str())
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?
                    .rows_affected();
                    let d = if done == 1 {
                        Decision::Allow(Grant::EmergencyAccess)
                    } else {
                        ctx.decide(Action::Update, &Subject::Unknown)
                    };
                    ctx.settle(tx, Action::Update, ("emergency_access", &id), d).await?;
                    Ok(if done == 1 { Ok(()) } else { Err(DbError::NotFound) })
                })
            })
            .await?
    }

    /// The actor's own break-the-glass accesses, newest first. Each names a
    /// child: the name is decided and audited like any read of the child, so
    /// once an access is over (and no other relation holds) it is left out.
    pub async fn my_emergency_accesses(&self) -> DbResult<Vec<EmergencyAccess>> {
        let tenant = self.tenant().clone();
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE e.tenant_id = $1 AND e.staff_id = $2 \
             ORDER BY e.granted_at DESC LIMIT 50"
        );
        let mut conn = self.store.pool.acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(self.actor.staff.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let now = now_ms();
        let mut events = Vec::with_capacity(rows.len());
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let mut e = from_row(r)?;
            let d = match load_person(&mut *conn, &tenant, &e.child_id).await? {
                Some(p) => {
                    let linked = linked_units(&mut *conn, &tenant, &e.child_id, p.kind).await?;
                    self.decide(
                        Action::List,
                        &Subject::Person {
                            tenant: &tenant,
                            kind: p.kind,
                            linked_units: &linked,
                            restricted: p.restricted,
                            emergency: e.is_active(now),
                        },
                    )
                }
                None => self.decide(Action::List, &Subject::Unknown),
            };
            events.push(self.event(Action::List, "person", e.child_id.as_str(), d));
            if !d.is_allowed() {
                e.child_name.clear();
            }
            out.push(e);
        }
        self.audit_reads(events).await?;
        Ok(out)
    }

    /// The actor's access to `child` that is in force now, if any: for the
    /// banner on pages the actor has already been allowed to read.
    pub async fn active_emergency_access(
        &self,
        child: &PersonId,
    ) -> DbResult<Option<EmergencyAccess>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE e.tenant_id = $1 AND e.staff_id = $2 AND e.child_id = $3 \
             AND e.expires_at > $4 AND e.ended_at IS NULL ORDER BY e.expires_at DESC LIMIT 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant().as_str())
            .bind(self.actor.staff.as_str())
            .bind(child.as_str())
            .bind(now_ms())
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    async fn my_emergency_access(&self, id: &EmergencyAccessId) -> DbResult<EmergencyAccess> {
        self.my_emergency_accesses()
            .await?
            .into_iter()
            .find(|e| &e.id == id)
            .ok_or(DbError::NotFound)
    }

    /// Break-the-glass accesses for the privacy officer's review: those not
    /// yet reviewed first, each with the number of accesses made under it.
    pub async fn emergency_reviews(&self) -> DbResult<Vec<EmergencyAccess>> {
        let tenant = self.tenant().clone();
        self.gate_read(
            "emergency_access",
            "",
            &Subject::AuditLog { tenant: &tenant },
        )
        .await?;
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE e.tenant_id = $1 \
             ORDER BY CASE WHEN e.reviewed_at IS NULL THEN 0 ELSE 1 END, e.granted_at DESC LIMIT 200"
        );
        let mut conn = self.store.pool.acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let mut e = from_row(r)?;
            let until = e
                .ended_at_ms
                .unwrap_or(e.expires_at_ms)
                .min(e.expires_at_ms);
            // Taking and ending the access are logged under it too; they are
            // not uses of the child's data.
            let uses = sqlx::query(
                // Reads made under it, not the taking or ending of it. Two
                // accesses of one person that overlap in time share their reads.
                "SELECT COUNT(*) AS uses FROM audit_log WHERE tenant_id = $1 AND actor_id = $2 \
                 AND reason = 'emergency_access' AND resource_type <> 'emergency_access' \
                 AND at_ms >= $3 AND at_ms <= $4",
            )
            .bind(tenant.as_str())
            .bind(e.staff_id.as_str())
            .bind(e.granted_at_ms)
            .bind(until)
            .fetch_one(&mut *conn)
            .await?;
            e.uses = uses.try_get("uses")?;
            out.push(e);
        }
        Ok(out)
    }

    /// The privacy officer marks one break-the-glass access as reviewed.
    pub async fn review_emergency_access(
        &self,
        id: &EmergencyAccessId,
        note: Option<Text>,
    ) -> DbResult<()> {
        let ctx = self.write_ctx();
        let id = id.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let d = ctx.decide(Action::Read, &Subject::AuditLog { tenant: &tenant });
                    ctx.settle(tx, Action::Update, ("emergency_access", &id), d).await?;
                    if !d.is_allowed() {
                        return Ok(Err(DbError::NotFound));
                    }
                    let done = sqlx::query(
                        "UPDATE emergency_access SET reviewed_at = $3, reviewed_by = $4, review_note = $5 \
                         WHERE tenant_id = $1 AND id = $2 AND reviewed_at IS NULL",
                    )
                    .bind(tenant.as_str())
                    .bind(id.as_str())
                    .bind(now_ms())
                    .bind(ctx.actor.staff.as_str())
                    .bind(note.map(|n| n.as_str().to_string()))
                    .execute(&mut tx.conn)
                    .await?
                    .rows_affected();
                    Ok(if done == 1 { Ok(()) } else { Err(DbError::NotFound) })
                })
            })
            .await?
    }
}

async fn take_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    nin: &NationalId,
    reason: &Text,
) -> DbResult<DbResult<EmergencyAccessId>> {
    let tenant = ctx.actor.tenant.clone();
    let row = sqlx::query(
        "SELECT id FROM persons WHERE tenant_id = $1 AND national_id = $2 AND kind = 'child'",
    )
    .bind(tenant.as_str())
    .bind(nin.as_str())
    .fetch_optional(&mut tx.conn)
    .await?;
    let Some(row) = row else {
        let d = ctx.decide(Action::Create, &Subject::Unknown);
        ctx.settle(tx, Action::Create, ("emergency_access", ""), d)
            .await?;
        return Ok(Err(DbError::Refused("emergency-error-unknown-child")));
    };
    let child = PersonId::from_trusted(row.try_get("id")?);
    let Some(person) = load_person(&mut tx.conn, &tenant, &child).await? else {
        return Ok(Err(DbError::NotFound));
    };
    let linked = linked_units(&mut tx.conn, &tenant, &child, person.kind).await?;
    let subject = |emergency| Subject::Person {
        tenant: &tenant,
        kind: person.kind,
        linked_units: &linked,
        restricted: person.restricted,
        emergency,
    };
    // Nothing to break when the actor already has access.
    let without = ctx.decide(Action::Read, &subject(false));
    let with = ctx.decide(Action::Read, &subject(true));
    ctx.settle(
        tx,
        Action::Create,
        ("emergency_access", child.as_str()),
        with,
    )
    .await?;
    if without.is_allowed() {
        return Ok(Err(DbError::Refused("emergency-error-not-needed")));
    }
    if with != Decision::Allow(Grant::EmergencyAccess) {
        return Ok(Err(DbError::Refused("emergency-error-not-allowed")));
    }
    let minutes = setting(&mut tx.conn, &tenant, EMERGENCY_MINUTES).await?;
    let now = now_ms();
    let id = EmergencyAccessId::from_trusted(new_id());
    sqlx::query(
        "INSERT INTO emergency_access (tenant_id, id, staff_id, child_id, reason, granted_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant.as_str())
    .bind(id.as_str())
    .bind(ctx.actor.staff.as_str())
    .bind(child.as_str())
    .bind(reason.as_str())
    .bind(now)
    .bind(now + minutes * 60_000)
    .execute(&mut tx.conn)
    .await?;
    Ok(Ok(id))
}
