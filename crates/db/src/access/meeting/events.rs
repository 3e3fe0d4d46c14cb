//! A meeting's events as stored: appending the next one. Every write of a
//! meeting, whether about a plan or a relay log, appends through here.

use ettlag_core::meeting::MeetingEvent;
use sqlx::Row;

use crate::access::WriteCtx;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

pub(super) async fn append(
    tx: &mut Tx,
    ctx: &WriteCtx,
    meeting_id: &str,
    event: &MeetingEvent,
) -> DbResult<i64> {
    let tenant = ctx.actor.tenant.as_str();
    let next: i64 = sqlx::query(
        "SELECT COALESCE(MAX(seq), 0) + 1 AS next_seq FROM meeting_events WHERE tenant_id = $1 AND meeting_id = $2",
    )
    .bind(tenant)
    .bind(meeting_id)
    .fetch_one(&mut tx.conn)
    .await?
    .try_get("next_seq")?;
    let body =
        serde_json::to_string(event).map_err(|e| DbError::Other(format!("meeting event: {e}")))?;
    sqlx::query(
        "INSERT INTO meeting_events (tenant_id, meeting_id, seq, kind, body, by_staff, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant)
    .bind(meeting_id)
    .bind(next)
    .bind(event.code())
    .bind(body)
    .bind(ctx.actor.staff.as_str())
    .bind(now_ms())
    .execute(&mut tx.conn)
    .await?;
    Ok(next)
}
