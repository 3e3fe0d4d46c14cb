//! Leaders' outcome aggregates per unit, service type and municipality: the
//! core engine's effect size and outcome shares over the municipality's
//! episodes, each group hidden below the minimum N (a setting). A unit
//! leader sees the units they lead; a municipality leader sees every level.
//!
//! An episode counts with the total of its first answer (the intake) and of
//! its latest answer of the scale; one with only an intake has no change
//! and is left out. The cut-off is the one of the person's age band at the
//! start, in the pack version the episode was answered with.

use std::collections::BTreeMap;

use ettlag_core::feedback::{Aggregate, EpisodeOutcome, Tenths, aggregate};
use ettlag_core::policy::{Action, Subject};
use ettlag_core::{Coded, ServiceType, UnitId};
use serde::Serialize;
use sqlx::Row;

use super::episode::newest_version;
use super::stored_pack;
use crate::access::AccessContext;
use crate::error::{DbError, DbResult};
use crate::settings::{FEEDBACK_AGGREGATE_MIN_N, setting};

/// Which group a line is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "level", content = "id", rename_all = "snake_case")]
pub enum AggregateLevel {
    Municipality,
    Service(ServiceType),
    Unit(UnitId),
}

/// One group's aggregate; `aggregate` is `None` when hidden (below min N).
#[derive(Debug, Clone, Serialize)]
pub struct AggregateLine {
    pub level: AggregateLevel,
    /// The unit's name; empty for the other levels.
    pub name: String,
    pub aggregate: Option<Aggregate>,
}

struct Counted {
    unit: UnitId,
    unit_name: String,
    service: ServiceType,
    outcome: EpisodeOutcome,
}

impl AccessContext {
    /// Aggregates of one outcome scale of one pack, for the groups the actor
    /// may see, municipality first, then service types, then units. Each
    /// line is decided and audited as a list read. `min_n` is the setting.
    pub async fn feedback_aggregates(
        &self,
        pack_id: &str,
        scale_id: &str,
    ) -> DbResult<(usize, Vec<AggregateLine>)> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let min_n = usize::try_from(setting(&mut conn, &tenant, FEEDBACK_AGGREGATE_MIN_N).await?)
            .unwrap_or(usize::MAX);
        let Some(version) = newest_version(&mut conn, &tenant, pack_id).await? else {
            self.gate_read("feedback_aggregate", pack_id, &Subject::Unknown)
                .await?;
            return Err(DbError::NotFound);
        };
        let threshold = stored_pack(&mut conn, &tenant, pack_id, &version)
            .await?
            .and_then(|p| p.scale(scale_id).and_then(|s| s.reliable_change().copied()))
            .map(|rc| rc.threshold)
            .ok_or(DbError::NotFound)?;
        let rows = sqlx::query(
            "SELECT e.id, e.unit_id, u.name, u.service_type, e.pack_version, e.age_at_start, \
             a.session, a.total FROM feedback_episodes e \
             JOIN units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id \
             JOIN feedback_answers a ON a.tenant_id = e.tenant_id AND a.episode_id = e.id \
             WHERE e.tenant_id = $1 AND e.pack_id = $2 AND a.scale_id = $3 \
             ORDER BY e.id, a.session, a.at_ms",
        )
        .bind(tenant.as_str())
        .bind(pack_id)
        .bind(scale_id)
        .fetch_all(&mut *conn)
        .await?;
        // Episode → (unit, name, service, version, age, totals by session).
        type Acc = (String, String, String, String, i64, Vec<Tenths>);
        let mut episodes: BTreeMap<String, Acc> = BTreeMap::new();
        for r in &rows {
            let total: i64 = r.try_get("total")?;
            let total =
                Tenths::new(u16::try_from(total).map_err(|_| DbError::Other("total".into()))?);
            episodes
                .entry(r.try_get("id")?)
                .or_insert((
                    r.try_get("unit_id")?,
                    r.try_get("name")?,
                    r.try_get("service_type")?,
                    r.try_get("pack_version")?,
                    r.try_get("age_at_start")?,
                    Vec::new(),
                ))
                .5
                .push(total);
        }
        let mut packs = BTreeMap::new();
        let mut counted = Vec::new();
        for (unit, unit_name, service, version, age, totals) in episodes.into_values() {
            let (Some(&intake), Some(&latest)) = (totals.first(), totals.last()) else {
                continue;
            };
            if totals.len() < 2 {
                continue;
            }
            if !packs.contains_key(&version) {
                let pack = stored_pack(&mut conn, &tenant, pack_id, &version).await?;
                packs.insert(version.clone(), pack);
            }
            let cutoff = packs
                .get(&version)
                .and_then(Option::as_ref)
                .and_then(|p| p.scale(scale_id))
                .and_then(|s| s.band_for_age(u8::try_from(age).unwrap_or(u8::MAX)))
                .map(|b| b.cutoff);
            let (Some(cutoff), Some(service)) = (cutoff, ServiceType::from_code(&service)) else {
                continue;
            };
            counted.push(Counted {
                unit: UnitId::from_trusted(unit),
                unit_name,
                service,
                outcome: EpisodeOutcome {
                    intake,
                    latest,
                    cutoff,
                },
            });
        }
        let mut groups: BTreeMap<AggregateLevel, (String, Vec<UnitId>, Vec<EpisodeOutcome>)> =
            BTreeMap::new();
        for c in &counted {
            for (level, name) in [
                (AggregateLevel::Municipality, String::new()),
                (AggregateLevel::Service(c.service), String::new()),
                (AggregateLevel::Unit(c.unit.clone()), c.unit_name.clone()),
            ] {
                let g = groups
                    .entry(level)
                    .or_insert((name, Vec::new(), Vec::new()));
                if !g.1.contains(&c.unit) {
                    g.1.push(c.unit.clone());
                }
                g.2.push(c.outcome);
            }
        }
        let mut events = Vec::new();
        let mut out = Vec::new();
        for (level, (name, units, outcomes)) in groups {
            let scope: &[UnitId] = match level {
                AggregateLevel::Municipality => &[],
                _ => &units,
            };
            let d = self.decide(
                Action::List,
                &Subject::FeedbackAggregate {
                    tenant: &tenant,
                    units: scope,
                },
            );
            let resource = match &level {
                AggregateLevel::Municipality => "municipality".to_string(),
                AggregateLevel::Service(s) => s.code().to_string(),
                AggregateLevel::Unit(u) => u.to_string(),
            };
            events.push(self.event(Action::List, "feedback_aggregate", &resource, d));
            if d.is_allowed() {
                out.push(AggregateLine {
                    aggregate: aggregate(&outcomes, threshold, min_n),
                    level,
                    name,
                });
            }
        }
        self.audit_reads(events).await?;
        Ok((min_n, out))
    }
}
