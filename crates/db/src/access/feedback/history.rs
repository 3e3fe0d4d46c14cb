//! The municipality's own history for the expected-trajectory band: every
//! other episode's totals of one scale of one pack, by session. Only numbers
//! leave this module, never whose they are.

use std::collections::BTreeMap;

use ettlag_core::TenantId;
use ettlag_core::feedback::{Measurement, Tenths, Trajectory, TrajectoryRule, expected_band};
use sqlx::{AnyConnection, Row};

use crate::error::{DbError, DbResult};
use crate::settings::{FEEDBACK_TRAJECTORY_MIN, setting};

/// The expected band for an episode whose intake total is `intake`, from
/// the other episodes of the same pack and scale, or `None` while fewer than
/// the municipality's minimum exist.
pub(super) async fn band_for(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    (pack_id, scale_id): (&str, &str),
    episode: &str,
    intake: Tenths,
) -> DbResult<Option<Trajectory>> {
    let min = setting(conn, tenant, FEEDBACK_TRAJECTORY_MIN).await?;
    let rule = TrajectoryRule::new(
        Tenths::new(10),
        usize::try_from(min).unwrap_or(usize::MAX),
        25,
        75,
    )
    .map_err(|e| DbError::Other(e.to_string()))?;
    let rows = sqlx::query(
        "SELECT a.episode_id, a.session, a.total FROM feedback_answers a \
         JOIN feedback_episodes e ON e.tenant_id = a.tenant_id AND e.id = a.episode_id \
         WHERE a.tenant_id = $1 AND e.pack_id = $2 AND a.scale_id = $3 AND a.episode_id <> $4 \
         ORDER BY a.episode_id, a.at_ms",
    )
    .bind(tenant.as_str())
    .bind(pack_id)
    .bind(scale_id)
    .bind(episode)
    .fetch_all(conn)
    .await?;
    let mut history: BTreeMap<String, Vec<Measurement>> = BTreeMap::new();
    for r in &rows {
        let session: i64 = r.try_get("session")?;
        let total: i64 = r.try_get("total")?;
        let (Ok(session), Ok(total)) = (u16::try_from(session), u16::try_from(total)) else {
            return Err(DbError::Other("a stored session or total".into()));
        };
        history
            .entry(r.try_get("episode_id")?)
            .or_default()
            .push(Measurement {
                session,
                total: Tenths::new(total),
            });
    }
    let history: Vec<Vec<Measurement>> = history.into_values().collect();
    Ok(expected_band(&history, intake, &rule))
}
