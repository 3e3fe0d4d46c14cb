//! Invitations by e-mail: calling a meeting puts one e-mail per invited
//! staff member with an address into the outbox, in the same transaction.
//! What the e-mail is made of names the meeting's time, place, purpose and
//! the staff invited, never the child or the family (e-mail is not a safe
//! channel for that). The register holds no e-mail address for family
//! members, so they are invited in person or through the portal.

use ettlag_core::TenantId;
use ettlag_core::meeting::{InviteeKind, Meeting};
use serde::{Deserialize, Serialize};

use crate::error::{DbError, DbResult};
use crate::outbox::{MEETING_INVITATION, enqueue};
use crate::writer::Tx;

/// What an invitation e-mail and its `.ics` are made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingInvitation {
    pub meeting_id: String,
    pub start_ms: i64,
    pub end_ms: i64,
    pub place: String,
    pub purpose: String,
    /// (name, address) of the one who leads, when they have an address.
    pub organizer: Option<(String, String)>,
    /// (name, address) of each invited staff member with an address.
    pub attendees: Vec<(String, String)>,
}

impl MeetingInvitation {
    pub fn of(meeting_id: &str, meeting: &Meeting) -> MeetingInvitation {
        let staff = || {
            meeting
                .invitees
                .iter()
                .filter(|i| i.kind == InviteeKind::Staff)
        };
        let contact =
            |i: &ettlag_core::meeting::Invitee| Some((i.name.to_string(), i.email.clone()?));
        MeetingInvitation {
            meeting_id: meeting_id.to_string(),
            start_ms: meeting.time.start_ms(),
            end_ms: meeting.time.end_ms(),
            place: meeting.place.to_string(),
            purpose: meeting.template.purpose.to_string(),
            organizer: staff()
                .find(|i| i.id == meeting.leader.as_str())
                .and_then(contact),
            attendees: staff().filter_map(contact).collect(),
        }
    }
}

pub(super) async fn queue_invitations(
    tx: &mut Tx,
    tenant: &TenantId,
    meeting_id: &str,
    meeting: &Meeting,
) -> DbResult<()> {
    let params = serde_json::to_string(&MeetingInvitation::of(meeting_id, meeting))
        .map_err(|e| DbError::Other(format!("invitation: {e}")))?;
    for invitee in meeting
        .invitees
        .iter()
        .filter(|i| i.kind == InviteeKind::Staff && i.email.is_some())
    {
        let staff = ettlag_core::StaffId::from_trusted(invitee.id.clone());
        enqueue(tx, tenant, MEETING_INVITATION, &staff, &params).await?;
    }
    Ok(())
}
