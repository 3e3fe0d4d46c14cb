//! "Our next meetings": the meetings about the person's plan that the
//! family is invited to and that have not ended, with who comes from the
//! services and their units. Read through the citizen policy and audited;
//! the meetings themselves are the meeting store's, read here only.

use ettlag_core::PersonId;
use ettlag_core::ids::MeetingId;
use ettlag_core::meeting::{InviteeKind, Meeting};
use ettlag_core::policy::citizen::Section;
use sqlx::Row;

use super::CitizenAccess;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};

/// Someone from the services who is invited.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MeetingStaff {
    pub name: String,
    pub units: Vec<String>,
    pub leads: bool,
}

/// A coming meeting as the family sees it.
#[derive(Debug, Clone)]
pub struct PortalMeeting {
    pub id: MeetingId,
    pub meeting: Meeting,
    pub staff: Vec<MeetingStaff>,
}

impl CitizenAccess {
    /// The meetings about `subject`'s plan that have not ended and invite
    /// someone of the family, soonest first.
    pub async fn next_meetings(&self, subject: &PersonId) -> DbResult<Vec<PortalMeeting>> {
        self.gate_read(Section::Details, "meeting", subject).await?;
        let tenant = self.tenant().as_str();
        let mut conn = self.store.pool.acquire().await?;
        // A meeting lasts at most twelve hours, so one that started more
        // than that ago has ended.
        let rows = sqlx::query(
            "SELECT m.id, m.body FROM meetings m JOIN plans p \
             ON p.tenant_id = m.tenant_id AND p.id = m.plan_id \
             WHERE m.tenant_id = $1 AND p.person_id = $2 AND m.starts_at >= $3 \
             ORDER BY m.starts_at, m.id LIMIT 50",
        )
        .bind(tenant)
        .bind(subject.as_str())
        .bind(now_ms() - 12 * 3_600_000)
        .fetch_all(&mut *conn)
        .await?;
        let now = now_ms();
        let mut out = Vec::new();
        for r in &rows {
            let id: String = r.try_get("id")?;
            let body: String = r.try_get("body")?;
            let meeting: Meeting = serde_json::from_str(&body)
                .map_err(|e| DbError::Other(format!("meeting {id}: {e}")))?;
            let family_invited = meeting
                .invitees
                .iter()
                .any(|i| i.kind != InviteeKind::Staff);
            if meeting.time.end_ms() < now || !family_invited {
                continue;
            }
            let mut staff = Vec::new();
            for invitee in meeting
                .invitees
                .iter()
                .filter(|i| i.kind == InviteeKind::Staff)
            {
                let units = sqlx::query(
                    "SELECT u.name FROM staff_units su JOIN units u ON u.tenant_id = su.tenant_id \
                     AND u.id = su.unit_id WHERE su.tenant_id = $1 AND su.staff_id = $2 ORDER BY u.name",
                )
                .bind(tenant)
                .bind(&invitee.id)
                .fetch_all(&mut *conn)
                .await?;
                staff.push(MeetingStaff {
                    name: invitee.name.to_string(),
                    units: units
                        .iter()
                        .map(|u| u.try_get("name"))
                        .collect::<Result<_, _>>()?,
                    leads: invitee.id == meeting.leader.as_str(),
                });
            }
            out.push(PortalMeeting {
                id: MeetingId::from_trusted(id),
                meeting,
                staff,
            });
        }
        Ok(out)
    }

    /// One coming meeting about `subject`, for its calendar file.
    pub async fn next_meeting(
        &self,
        subject: &PersonId,
        id: &MeetingId,
    ) -> DbResult<PortalMeeting> {
        self.next_meetings(subject)
            .await?
            .into_iter()
            .find(|m| &m.id == id)
            .ok_or(DbError::NotFound)
    }
}
