//! Reading a meeting, a plan's or a relay log's meetings and whom a meeting
//! may invite. A meeting the actor may not see answers `NotFound`, like one
//! that is missing.

use ettlag_core::PersonId;
use ettlag_core::ids::{MeetingId, PlanId, RelayLogId};
use ettlag_core::meeting::{MeetingEvent, MeetingOp};
use sqlx::Row;

use super::config::poster_of;
use super::{
    Facts, MeetingAbout, MeetingCandidates, MeetingLine, MeetingView, events_of, facts_of,
    meeting_row,
};
use crate::access::AccessContext;
use crate::access::plan::{person_name, revisions_of};
use crate::error::{DbError, DbResult};

/// The most meetings a plan lists.
const MAX_MEETINGS: i64 = 200;

impl AccessContext {
    /// One meeting with its record, the values poster and the plan's goals.
    pub async fn meeting(&self, id: &MeetingId) -> DbResult<MeetingView> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let row = meeting_row(&mut conn, tenant.as_str(), id).await?;
        let found = match &row {
            Some(r) => facts_of(&mut conn, &self.actor, &r.about).await?,
            None => None,
        };
        self.gate_meeting_read(MeetingOp::Read, id, found.as_ref())
            .await?;
        let (Some(row), Some(found)) = (row, found) else {
            return Err(DbError::NotFound);
        };
        let events = events_of(&mut conn, tenant.as_str(), id).await?;
        let goals = match &row.about {
            MeetingAbout::Plan(plan_id) => revisions_of(&mut conn, &tenant, plan_id)
                .await?
                .last()
                .map(|r| {
                    r.content
                        .goals
                        .iter()
                        .enumerate()
                        .map(|(i, g)| (i + 1, g.master.to_string()))
                        .collect()
                })
                .unwrap_or_default(),
            MeetingAbout::Log(_) => Vec::new(),
        };
        let (plan_id, log_id) = match row.about {
            MeetingAbout::Plan(p) => (Some(p), None),
            MeetingAbout::Log(l) => (None, Some(l)),
        };
        let person = found.person().clone();
        let mut staff: Vec<String> = vec![row.meeting.leader.to_string()];
        for e in &events {
            staff.push(e.by.to_string());
            if let MeetingEvent::ActionItem(a) = &e.event {
                staff.push(a.responsible.to_string());
            }
        }
        staff.sort();
        staff.dedup();
        Ok(MeetingView {
            staff_names: crate::access::facts::register::names(&mut conn, &tenant, "staff", &staff)
                .await?,
            poster: poster_of(&mut conn, tenant.as_str()).await?,
            person_name: person_name(&mut conn, &tenant, &person)
                .await?
                .unwrap_or_default(),
            person_id: person,
            plan_id,
            log_id,
            meeting: row.meeting,
            id: id.clone(),
            events,
            goals,
        })
    }

    /// A plan's meetings, the latest first, each with its decisions. Each
    /// is decided and audited as a list read.
    pub async fn plan_meetings(&self, plan_id: &PlanId) -> DbResult<Vec<MeetingLine>> {
        self.meetings_about(&MeetingAbout::Plan(plan_id.clone()))
            .await
    }

    /// A relay log's meetings, the latest first, like a plan's.
    pub async fn log_meetings(&self, log_id: &RelayLogId) -> DbResult<Vec<MeetingLine>> {
        self.meetings_about(&MeetingAbout::Log(log_id.clone()))
            .await
    }

    async fn meetings_about(&self, about: &MeetingAbout) -> DbResult<Vec<MeetingLine>> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let found = facts_of(&mut conn, &self.actor, about).await?;
        let op = MeetingOp::List;
        let (decision, action) = match &found {
            Some(f) => (f.decide(&self.actor, self.purpose, op), f.action(op)),
            None => (
                self.decide(op.action(), &ettlag_core::policy::Subject::Unknown),
                op.action(),
            ),
        };
        let (column, subject_id) = match about {
            MeetingAbout::Plan(id) => ("plan_id", id.as_str()),
            MeetingAbout::Log(id) => ("log_id", id.as_str()),
        };
        let sql = format!(
            "SELECT id FROM meetings WHERE tenant_id = $1 AND {column} = $2 \
             ORDER BY starts_at DESC LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(subject_id)
            .bind(MAX_MEETINGS)
            .fetch_all(&mut *conn)
            .await?;
        let ids = rows
            .iter()
            .map(|r| r.try_get::<String, _>("id").map(MeetingId::from_trusted))
            .collect::<Result<Vec<_>, _>>()?;
        let events = if ids.is_empty() {
            vec![self.event(action, "meeting", subject_id, decision)]
        } else {
            ids.iter()
                .map(|id| self.event(action, "meeting", id, decision))
                .collect()
        };
        self.audit_reads(events).await?;
        if !decision.is_allowed() {
            return Err(DbError::NotFound);
        }
        let mut out = Vec::new();
        for id in ids {
            let Some(row) = meeting_row(&mut conn, tenant.as_str(), &id).await? else {
                continue;
            };
            let decisions = events_of(&mut conn, tenant.as_str(), &id)
                .await?
                .into_iter()
                .filter_map(|e| match e.event {
                    MeetingEvent::Decision(d) => Some(d),
                    _ => None,
                })
                .collect();
            out.push(MeetingLine {
                id,
                start_ms: row.meeting.time.start_ms(),
                end_ms: row.meeting.time.end_ms(),
                place: row.meeting.place.to_string(),
                template_name: row.meeting.template.name.to_string(),
                decisions,
            });
        }
        Ok(out)
    }

    /// Whom a meeting about the plan may invite from the family: the
    /// person and their relatives in the register.
    pub async fn meeting_candidates(&self, plan_id: &PlanId) -> DbResult<MeetingCandidates> {
        self.meeting_candidates_about(&MeetingAbout::Plan(plan_id.clone()))
            .await
    }

    /// Whom a meeting about the plan or relay log may invite from the
    /// family.
    pub async fn meeting_candidates_about(
        &self,
        about: &MeetingAbout,
    ) -> DbResult<MeetingCandidates> {
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let found = facts_of(&mut conn, &self.actor, about).await?;
        let subject_id = match about {
            MeetingAbout::Plan(id) => id.as_str(),
            MeetingAbout::Log(id) => id.as_str(),
        };
        self.gate_meeting_read(MeetingOp::Read, subject_id, found.as_ref())
            .await?;
        let Some(found) = found else {
            return Err(DbError::NotFound);
        };
        let person: PersonId = match &found {
            Facts::Plan(row, _) => row.person_id.clone(),
            Facts::Log(row, _) => row.child_id.clone(),
        };
        let rows = sqlx::query(
            "SELECT p.id, p.given_name, p.family_name FROM relations r \
             JOIN persons p ON p.tenant_id = r.tenant_id AND p.id = r.person_id \
             WHERE r.tenant_id = $1 AND r.child_id = $2 ORDER BY p.given_name, p.family_name",
        )
        .bind(tenant.as_str())
        .bind(person.as_str())
        .fetch_all(&mut *conn)
        .await?;
        let relatives = rows
            .iter()
            .map(|r| {
                Ok((
                    PersonId::from_trusted(r.try_get("id")?),
                    format!(
                        "{} {}",
                        r.try_get::<String, _>("given_name")?,
                        r.try_get::<String, _>("family_name")?
                    ),
                ))
            })
            .collect::<DbResult<Vec<_>>>()?;
        let name = person_name(&mut conn, &tenant, &person)
            .await?
            .unwrap_or_default();
        Ok(MeetingCandidates {
            person: (person, name),
            relatives,
        })
    }
}
