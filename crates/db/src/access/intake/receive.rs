//! What comes in: a self-referral from the public site, or an item
//! registered by staff (a request for help, a referral, a plan notice).

use ettlag_core::ids::IntakeItemId;
use ettlag_core::intake::{SelfReferral, Source, Step};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::text::Text;
use ettlag_core::{Coded, PersonId, TenantId};

use crate::access::gate::Record;
use crate::access::persons::{linked_units, load_person};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue::{self, INTAKE_DEADLINE};
use crate::settings::{intake_days, setting};
use crate::store::Store;
use crate::writer::Tx;

/// What the one who sent it is told.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IntakeReceipt {
    pub id: IntakeItemId,
    pub reference: String,
    /// Days within which someone will get in touch.
    pub days: i64,
}

/// An item registered by staff.
#[derive(Debug, Clone)]
pub struct NewIntake {
    pub source: Source,
    pub text: Text,
    /// The child it is about; required for a staff member's request.
    pub person: Option<PersonId>,
    /// For a referral: the agency it came from.
    pub from: Option<Text>,
}

pub use crate::access::gate::PUBLIC_ACTOR;

fn reference(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_hexdigit).collect();
    format!(
        "INN-{}",
        hex[hex.len().saturating_sub(8)..].to_ascii_uppercase()
    )
}

/// What a new item is: where from, what was asked, about whom, by whom.
struct Incoming<'a> {
    source: Source,
    request: &'a serde_json::Value,
    person: Option<&'a PersonId>,
    requested_by: Option<&'a str>,
    by: &'a str,
}

/// Inserts an item with its first step and schedules its clock.
async fn insert(
    tx: &mut Tx,
    tenant: &TenantId,
    id: &str,
    incoming: Incoming<'_>,
) -> DbResult<IntakeReceipt> {
    let Incoming {
        source,
        request,
        person,
        requested_by,
        by,
    } = incoming;
    let now = now_ms();
    let days = setting(&mut tx.conn, tenant, intake_days(source)).await?;
    let deadline = now + days * 86_400_000;
    let reference = reference(id);
    sqlx::query(
        "INSERT INTO intake_items (tenant_id, id, reference, source, request, received_at, deadline_at, \
         status, person_id, requested_by, steps) VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, 1)",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(&reference)
    .bind(source.code())
    .bind(request.to_string())
    .bind(now)
    .bind(deadline)
    .bind(person.map(|p| p.as_str()))
    .bind(requested_by)
    .execute(&mut tx.conn)
    .await?;
    let first = serde_json::to_string(&Step::Received { source })
        .map_err(|e| DbError::Other(e.to_string()))?;
    sqlx::query(
        "INSERT INTO intake_steps (tenant_id, item_id, seq, at_ms, by_actor, body) VALUES ($1, $2, 1, $3, $4, $5)",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(now)
    .bind(by)
    .bind(first)
    .execute(&mut tx.conn)
    .await?;
    if let Some(person) = person {
        // A request about a known child starts linked.
        let linked = serde_json::to_string(&Step::Linked {
            person: person.clone(),
        })
        .map_err(|e| DbError::Other(e.to_string()))?;
        sqlx::query(
            "INSERT INTO intake_steps (tenant_id, item_id, seq, at_ms, by_actor, body) VALUES ($1, $2, 2, $3, $4, $5)",
        )
        .bind(tenant.as_str())
        .bind(id)
        .bind(now)
        .bind(by)
        .bind(linked)
        .execute(&mut tx.conn)
        .await?;
        sqlx::query("UPDATE intake_items SET steps = 2 WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(id)
            .execute(&mut tx.conn)
            .await?;
    }
    job_queue::schedule(tx, tenant.as_str(), INTAKE_DEADLINE, id, deadline).await?;
    Ok(IntakeReceipt {
        id: IntakeItemId::from_trusted(id.to_string()),
        reference,
        days,
    })
}

impl Store {
    /// Receives a request for help from the public site. No one is signed
    /// in; the access log records it as the public's own request.
    pub async fn receive_self_referral(
        &self,
        tenant: &TenantId,
        referral: SelfReferral,
    ) -> DbResult<IntakeReceipt> {
        let tenant = tenant.clone();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let exists = sqlx::query("SELECT 1 FROM tenants WHERE id = $1")
                        .bind(tenant.as_str())
                        .fetch_optional(&mut tx.conn)
                        .await?
                        .is_some();
                    if !exists {
                        return Err(DbError::NotFound);
                    }
                    let id = new_id();
                    let request = serde_json::to_value(&referral)
                        .map_err(|e| DbError::Other(e.to_string()))?;
                    let incoming = Incoming {
                        source: Source::SelfReferral,
                        request: &request,
                        person: None,
                        requested_by: None,
                        by: PUBLIC_ACTOR,
                    };
                    let receipt = insert(tx, &tenant, &id, incoming).await?;
                    let event = Record::self_referral(("intake_item", &id));
                    crate::access::gate::seal(tx, &tenant, vec![event]).await?;
                    Ok(receipt)
                })
            })
            .await
    }
}

impl AccessContext {
    /// Registers an item: a staff member's request for help about a child
    /// they follow, or (intake staff) a referral or a plan notice.
    pub async fn register_intake(&self, new: NewIntake) -> DbResult<IntakeReceipt> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { register_in(tx, &ctx, &new).await }))
            .await?
    }
}

async fn register_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    new: &NewIntake,
) -> DbResult<DbResult<IntakeReceipt>> {
    let tenant = ctx.actor.tenant.clone();
    let id = new_id();
    // Who may register it: anyone who follows the child asks for help about
    // that child; referrals and plan notices are intake staff's to register.
    let decision = match (new.source, &new.person) {
        (Source::StaffRequest, Some(person)) => {
            match load_person(&mut tx.conn, &tenant, person).await? {
                Some(p) => {
                    let linked = linked_units(&mut tx.conn, &tenant, person, p.kind).await?;
                    ctx.decide(
                        Action::Read,
                        &Subject::Person {
                            tenant: &tenant,
                            kind: p.kind,
                            linked_units: &linked,
                            restricted: p.restricted,
                            emergency: false,
                        },
                    )
                }
                None => ctx.decide(Action::Read, &Subject::Unknown),
            }
        }
        (Source::StaffRequest, None) => return Ok(Err(DbError::Refused("intake-error-no-child"))),
        (Source::SelfReferral, _) => return Ok(Err(DbError::Forbidden)),
        (_, _) => ctx.decide(
            Action::Create,
            &Subject::Intake(ettlag_core::policy::Intake {
                tenant: &tenant,
                assigned_units: &[],
                assigned_staff: &[],
                requested_by: None,
            }),
        ),
    };
    ctx.settle(tx, Action::Create, ("intake_item", &id), decision)
        .await?;
    if !decision.is_allowed() {
        return Ok(Err(if new.source == Source::StaffRequest {
            DbError::NotFound
        } else {
            DbError::Forbidden
        }));
    }
    if let Some(person) = &new.person
        && new.source != Source::StaffRequest
    {
        let known = sqlx::query("SELECT 1 FROM persons WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(person.as_str())
            .fetch_optional(&mut tx.conn)
            .await?;
        if known.is_none() {
            return Ok(Err(DbError::NotFound));
        }
    }
    let request = serde_json::json!({
        "text": new.text.as_str(),
        "from": new.from.as_ref().map(|f| f.as_str()),
    });
    let requested_by = (new.source == Source::StaffRequest).then(|| ctx.actor.staff.as_str());
    let incoming = Incoming {
        source: new.source,
        request: &request,
        person: new.person.as_ref(),
        requested_by,
        by: ctx.actor.staff.as_str(),
    };
    let receipt = insert(tx, &tenant, &id, incoming).await?;
    Ok(Ok(receipt))
}
