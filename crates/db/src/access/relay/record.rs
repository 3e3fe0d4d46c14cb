//! Writing to a relay log: entries, corrections, level changes, the baton,
//! transitions and closing. Every command is decided by the policy and
//! audited, checked against the log's rules by replaying its events, and
//! written as one new event in the same transaction; nothing is ever updated
//! in place except the one-row summary kept for lists.

use ettlag_core::Coded;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::{self, Action, Subject};
use ettlag_core::relay::{Entry, Event, LevelChange, LogState, Recorded};
use ettlag_core::{Day, TenantId, UnitId};
use sha2::{Digest, Sha256};

use super::events::events_of;
use super::fields::{FieldScope, redact};
use super::load::log_row;
use super::view::build_view;
use super::{CaseFacts, LogRow, not_covered};
use crate::access::facts::register::works_in;
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::job_queue::{self, EVALUATION_DUE};
use crate::relay_models::{ArchiveCopy, LogCommand, RelayLogView};
use crate::writer::Tx;

impl AccessContext {
    /// Carries out one command on a log and returns the new event's id. With
    /// `expected_version`, a log changed since the caller read it is `Stale`.
    pub async fn record(
        &self,
        log_id: &RelayLogId,
        command: LogCommand,
        expected_version: Option<i64>,
    ) -> DbResult<String> {
        let ctx = self.write_ctx();
        let log_id = log_id.clone();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(
                    async move { record_in(tx, &ctx, &log_id, command, expected_version).await },
                )
            })
            .await?
    }
}

pub(crate) async fn record_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    log_id: &RelayLogId,
    command: LogCommand,
    expected_version: Option<i64>,
) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.clone();
    let action = match command {
        LogCommand::Entry { .. } => Action::Create,
        _ => Action::Update,
    };
    let Some(row) = log_row(&mut tx.conn, &tenant, log_id).await? else {
        let d = ctx.decide(action, &Subject::Unknown);
        ctx.settle(tx, action, ("relay_log", log_id), d).await?;
        return Ok(Err(DbError::NotFound));
    };
    let facts = CaseFacts::of_log(&mut tx.conn, &tenant, &row).await?;
    let case = Subject::Case(facts.case());
    let decision = ctx.decide(action, &case);
    ctx.settle(tx, action, ("relay_log", log_id), decision)
        .await?;
    if !decision.is_allowed() {
        // Someone who may not even read the log must not learn that it exists.
        let may_read = ctx.decide(Action::Read, &case).is_allowed();
        return Ok(Err(if may_read {
            DbError::Forbidden
        } else {
            DbError::NotFound
        }));
    }
    if expected_version.is_some_and(|v| v != row.version) {
        return Ok(Err(DbError::Stale));
    }
    let stored = events_of(&mut tx.conn, &tenant, log_id).await?;
    let mut state = LogState::replay(stored.into_iter().map(|(_, e)| e).collect())
        .map_err(|e| DbError::Other(format!("relay log {log_id} does not replay: {e}")))?;

    let (body, supersedes) = match event_for(tx, ctx, &facts, &state, command).await? {
        Ok(pair) => pair,
        Err(e) => return Ok(Err(e)),
    };
    let rec = Recorded {
        id: new_id(),
        at_ms: now_ms(),
        by: ctx.actor.staff.clone(),
        supersedes,
        body,
    };
    if let Err(e) = state.apply(rec.clone()) {
        return Ok(Err(DbError::Refused(e.message_key())));
    }
    insert_event(tx, &tenant, log_id, row.events + 1, &rec).await?;
    update_summary(tx, &tenant, &row, &state, &rec).await?;
    let first_new = usize::try_from(row.events).unwrap_or(0);
    crate::steering::track::log_written(tx, &tenant, log_id, first_new).await?;
    reschedule(tx, &tenant, log_id, &state).await?;
    if let Event::Closed { .. } = rec.body {
        archive(tx, &tenant, log_id).await?;
    }
    Ok(Ok(rec.id))
}

/// The unit an entry is written from: the writer's unit that gives them
/// their place in the case.
fn writer_unit(ctx: &WriteCtx, facts: &CaseFacts, state: &LogState) -> Option<UnitId> {
    let mine = |u: &&UnitId| ctx.actor.units.contains(u);
    Some(&facts.home_unit)
        .filter(mine)
        .or_else(|| facts.consented_units.iter().find(mine))
        .or_else(|| Some(&state.baton.holder_unit).filter(mine))
        .or_else(|| ctx.actor.units.first())
        .cloned()
}

/// Turns a command into the event to write, checking what the log's own
/// rules cannot know: who works where, and what the family's consent covers.
async fn event_for(
    tx: &mut Tx,
    ctx: &WriteCtx,
    facts: &CaseFacts,
    state: &LogState,
    command: LogCommand,
) -> DbResult<DbResult<(Event, Option<String>)>> {
    let tenant = &facts.tenant;
    let case = facts.case();
    Ok(Ok(match command {
        LogCommand::Entry {
            entry,
            supersedes,
            category,
        } => {
            match &entry {
                Entry::Measure {
                    responsible,
                    responsible_unit,
                    measure_type,
                    ..
                } => {
                    if !works_in(&mut tx.conn, tenant, responsible, responsible_unit).await? {
                        return Ok(Err(DbError::Refused("entry-error-responsible")));
                    }
                    // A correction may keep a type since taken out of use.
                    if let Some(code) = measure_type
                        && !crate::steering::measure_type_usable(
                            &mut tx.conn,
                            tenant,
                            code,
                            supersedes.is_some(),
                        )
                        .await?
                    {
                        return Ok(Err(DbError::Refused("measure-type-error-unknown")));
                    }
                    let holder_unit = &state.baton.holder_unit == responsible_unit;
                    let d = policy::may_receive(tenant, responsible_unit, &case);
                    if !holder_unit && let Err(e) = not_covered(d) {
                        // A refused share is audited like the others.
                        ctx.settle(
                            tx,
                            Action::Update,
                            ("relay_log_share", responsible_unit.as_str()),
                            d,
                        )
                        .await?;
                        return Ok(Err(e));
                    }
                }
                Entry::Participant { unit, .. } => {
                    let d = policy::may_receive(tenant, unit, &case);
                    if !d.is_allowed() {
                        ctx.settle(tx, Action::Update, ("relay_log_share", unit.as_str()), d)
                            .await?;
                        return Ok(Err(DbError::Refused("relay-error-not-covered")));
                    }
                }
                _ => {}
            }
            // An evaluation keeps the category of the measure it evaluates,
            // so that it reaches no one who may not see the measure.
            let category = match &entry {
                Entry::Evaluation { measure, .. } => state
                    .category_of(measure)
                    .filter(|c| !c.is_relay_log())
                    .unwrap_or(category),
                _ => category,
            };
            let from_unit = writer_unit(ctx, facts, state);
            (
                Event::Entry {
                    entry,
                    category,
                    from_unit,
                },
                supersedes,
            )
        }
        LogCommand::ChangeLevel {
            to,
            reason,
            family_informed,
        } => {
            let change = match LevelChange::new(state.level, to, &reason) {
                Ok(c) => c,
                Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
            };
            // Each change of level is a decision the family takes part in.
            if family_informed.is_none() {
                return Ok(Err(DbError::Refused("family-error-missing")));
            }
            (
                Event::LevelChanged {
                    change,
                    family_informed,
                },
                None,
            )
        }
        LogCommand::OfferBaton {
            to,
            to_unit,
            family_wish,
            transition,
        } => {
            if !works_in(&mut tx.conn, tenant, &to, &to_unit).await? {
                return Ok(Err(DbError::Refused("baton-error-not-in-unit")));
            }
            // Handing the baton to another unit shares the child's log with
            // it: the family's consent must cover that unit.
            let d = policy::may_receive(tenant, &to_unit, &case);
            if !d.is_allowed() {
                ctx.settle(tx, Action::Update, ("relay_log_share", to_unit.as_str()), d)
                    .await?;
                return Ok(Err(DbError::Refused("relay-error-not-covered")));
            }
            (
                Event::BatonOffered {
                    to,
                    to_unit,
                    family_wish,
                    transition,
                },
                None,
            )
        }
        LogCommand::AcceptBaton => {
            // The family's consent may have changed since the offer: the new
            // holder's unit must still be covered.
            // Only for the one it was offered to; anyone else is refused by
            // the baton's own rule.
            if let Some(offer) = state
                .baton
                .offer
                .as_ref()
                .filter(|o| o.to == ctx.actor.staff)
            {
                let d = policy::may_receive(tenant, &offer.to_unit, &case);
                if !d.is_allowed() {
                    ctx.settle(
                        tx,
                        Action::Update,
                        ("relay_log_share", offer.to_unit.as_str()),
                        d,
                    )
                    .await?;
                    return Ok(Err(DbError::Refused("relay-error-not-covered")));
                }
            }
            (Event::BatonAccepted, None)
        }
        LogCommand::DeclineBaton { reason } => (Event::BatonDeclined { reason }, None),
        LogCommand::WithdrawOffer => (Event::BatonWithdrawn, None),
        LogCommand::Close { reason, note } => (Event::Closed { reason, note }, None),
    }))
}

pub(crate) async fn insert_event(
    tx: &mut Tx,
    tenant: &TenantId,
    log_id: &str,
    seq: i64,
    rec: &Recorded<Event>,
) -> DbResult<()> {
    let body = serde_json::to_string(&rec.body).map_err(|e| DbError::Other(e.to_string()))?;
    let kind = match &rec.body {
        Event::Entry { entry, .. } => entry.kind().code(),
        other => other.code(),
    };
    sqlx::query(
        "INSERT INTO relay_events (tenant_id, log_id, seq, id, at_ms, by_staff, supersedes, kind, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(tenant.as_str())
    .bind(log_id)
    .bind(seq)
    .bind(&rec.id)
    .bind(rec.at_ms)
    .bind(rec.by.as_str())
    .bind(rec.supersedes.clone())
    .bind(kind)
    .bind(body)
    .execute(&mut tx.conn)
    .await?;
    crate::family_notice::on_log_event(tx, tenant, log_id, &rec.body).await
}

/// Keeps the one-row summary of the log in step with its events.
pub(crate) async fn update_summary(
    tx: &mut Tx,
    tenant: &TenantId,
    row: &LogRow,
    state: &LogState,
    rec: &Recorded<Event>,
) -> DbResult<()> {
    // The summary is shown in lists to everyone who sees the log: a health
    // or school measure's date stays inside the log, for those who may see it.
    let next_due = state
        .measures()
        .iter()
        .filter(|m| !m.ended)
        .filter(|m| state.category_of(&m.id).is_none_or(|c| c.is_relay_log()))
        .map(|m| m.due)
        .min()
        .map(|d| d.to_string());
    let (closed_at, reason) = match &rec.body {
        Event::Closed { reason, .. } => (Some(rec.at_ms), Some(reason.code())),
        _ => (None, None),
    };
    sqlx::query(
        "UPDATE relay_logs SET level = $3, holder_id = $4, holder_unit_id = $5, offered_to = $6, \
         next_due = $7, closed_at = $8, closing_reason = $9, offered_unit_id = $10, \
         events = events + 1, version = version + 1 \
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(row.id.as_str())
    .bind(i64::from(state.level.number()))
    .bind(state.baton.holder.as_str())
    .bind(state.baton.holder_unit.as_str())
    .bind(state.baton.offer.as_ref().map(|o| o.to.to_string()))
    .bind(if closed_at.is_some() { None } else { next_due })
    .bind(closed_at)
    .bind(reason)
    .bind(state.baton.offer.as_ref().map(|o| o.to_unit.to_string()))
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

/// One reminder per measure that goes on, at its evaluation date; a closed
/// log has none.
async fn reschedule(
    tx: &mut Tx,
    tenant: &TenantId,
    log_id: &str,
    state: &LogState,
) -> DbResult<()> {
    job_queue::cancel_prefix(tx, tenant.as_str(), EVALUATION_DUE, &format!("{log_id}/")).await?;
    if !state.is_open() {
        return Ok(());
    }
    for m in state.measures().iter().filter(|m| !m.ended) {
        let key = format!("{log_id}/{}/{}", m.id, m.due);
        job_queue::schedule(tx, tenant.as_str(), EVALUATION_DUE, &key, due_at(m.due)).await?;
    }
    Ok(())
}

/// When an evaluation date's reminder fires: the start of that day (UTC).
pub(crate) fn due_at(day: Day) -> i64 {
    day.start_ms()
}

/// Freezes the closed log as JSON with its hash, in the closing transaction.
async fn archive(tx: &mut Tx, tenant: &TenantId, log_id: &RelayLogId) -> DbResult<()> {
    let Some(row) = log_row(&mut tx.conn, tenant, log_id).await? else {
        return Err(DbError::NotFound);
    };
    let view = build_view(&mut tx.conn, tenant, &row).await?;
    let json = serde_json::to_string_pretty(&view).map_err(|e| DbError::Other(e.to_string()))?;
    let sha = hex::encode(Sha256::digest(json.as_bytes()));
    sqlx::query(
        "INSERT INTO relay_archives (tenant_id, log_id, created_at, body, sha256) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tenant.as_str())
    .bind(log_id.as_str())
    .bind(now_ms())
    .bind(json)
    .bind(sha)
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

impl AccessContext {
    /// The archive copy of a closed log, as frozen at closing.
    pub async fn relay_archive(&self, log_id: &RelayLogId) -> DbResult<ArchiveCopy> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let Some(row) = log_row(&mut conn, &tenant, log_id).await? else {
            self.gate_read("relay_archive", log_id, &Subject::Unknown)
                .await?;
            return Err(DbError::NotFound);
        };
        let (facts, consents) = self.case_of_log(&mut conn, &row).await?;
        let decision = self.decide(Action::Read, &Subject::Case(facts.case()));
        self.gate_read("relay_archive", log_id, &Subject::Case(facts.case()))
            .await?;
        let found = sqlx::query(
            "SELECT created_at, body, sha256 FROM relay_archives WHERE tenant_id = $1 AND log_id = $2",
        )
        .bind(tenant.as_str())
        .bind(log_id.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(DbError::NotFound)?;
        use sqlx::Row;
        let json: String = found.try_get("body")?;
        let frozen: RelayLogView = serde_json::from_str(&json)
            .map_err(|e| DbError::Other(format!("the archive of {log_id} does not parse: {e}")))?;
        let scope = FieldScope::of_consents(&consents);
        let view = redact(frozen, &self.actor, decision, &scope);
        // The copy as filed, with its hash, only for a reader who may see
        // all of it: the hash of a copy with hidden parts would let a reader
        // test guesses of what is hidden.
        let complete = view.withheld.is_empty();
        let sha256: String = found.try_get("sha256")?;
        Ok(ArchiveCopy {
            log_id: log_id.clone(),
            created_at_ms: found.try_get("created_at")?,
            json: complete.then_some(json),
            sha256: complete.then_some(sha256),
            view,
        })
    }
}
