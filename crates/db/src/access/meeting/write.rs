//! Calling a meeting and recording in it. Each write is decided and audited
//! in the transaction that makes it; events are appended, never changed. An
//! action item adds a measure to the plan as a new revision (or, in a
//! meeting about a relay log, a measure entry to the log) in the same
//! transaction. Calling a meeting puts its invitations in the mail outbox
//! in the same transaction too.

use ettlag_core::ids::{MeetingId, MeetingTemplateId, PlanId, RelayLogId};
use ettlag_core::meeting::{
    ActionItem, Invitee, InviteeKind, Meeting, MeetingEvent, MeetingOp, MeetingTime,
    add_action_item,
};
use ettlag_core::plan::{PlanContent, parse_reason};
use ettlag_core::{PersonId, StaffId};
use sqlx::Row;

use super::action::{ActionOutcome, NewActionItem};
use super::config::templates_of;
use super::events::append;
use super::{Facts, events_of, facts_of, gate_write, meeting_row};
use crate::access::plan::{PlanWrite, insert_revision, revisions_of};
use crate::access::{AccessContext, WriteCtx};
use crate::clock::{new_id, now_ms};
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

/// A meeting as the pages and the API call it: the invitees by id, their
/// names and addresses looked up in the register.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub template_id: MeetingTemplateId,
    pub time: MeetingTime,
    pub place: String,
    pub leader: StaffId,
    pub staff: Vec<StaffId>,
    /// Relatives of the person the plan is for.
    pub family: Vec<PersonId>,
    /// Whether the person the plan is for is invited.
    pub child: bool,
}

/// What a meeting is about: a plan, or a relay log at level 2 or 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingAbout {
    Plan(PlanId),
    Log(RelayLogId),
}

impl AccessContext {
    /// Calls a meeting about a plan. Returns the meeting's id.
    pub async fn create_meeting(&self, plan_id: &PlanId, new: NewMeeting) -> DbResult<MeetingId> {
        self.call_meeting(MeetingAbout::Plan(plan_id.clone()), new)
            .await
    }

    /// Calls a collaboration meeting about a relay log at level 2 or 3
    /// (`meeting-error-log-level` otherwise). Returns the meeting's id.
    pub async fn create_log_meeting(
        &self,
        log_id: &RelayLogId,
        new: NewMeeting,
    ) -> DbResult<MeetingId> {
        self.call_meeting(MeetingAbout::Log(log_id.clone()), new)
            .await
    }

    async fn call_meeting(&self, about: MeetingAbout, new: NewMeeting) -> DbResult<MeetingId> {
        let ctx = self.write_ctx();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { create_in(tx, &ctx, &about, new).await }))
            .await?
            .map(MeetingId::from_trusted)
    }

    /// Records attendance, a line of minutes, the child's voice or a
    /// decision. A decision that concerns the family is refused
    /// (`meeting-error-family-absent`) unless the family took part or has
    /// confirmed it.
    pub async fn record_in_meeting(
        &self,
        meeting_id: &MeetingId,
        event: MeetingEvent,
    ) -> DbResult<i64> {
        let ctx = self.write_ctx();
        let id = meeting_id.to_string();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { record_in(tx, &ctx, &id, event).await }))
            .await?
    }

    /// Records an action item and adds it to the plan as a measure under
    /// its goal, in a new revision, or to the relay log as a measure entry.
    pub async fn add_meeting_action(
        &self,
        meeting_id: &MeetingId,
        item: NewActionItem,
    ) -> DbResult<ActionOutcome> {
        let ctx = self.write_ctx();
        let id = meeting_id.to_string();
        self.store
            .writer
            .run(move |tx| Box::pin(async move { action_in(tx, &ctx, &id, item).await }))
            .await?
    }
}

/// An active staff member's name and address.
pub(super) async fn staff_contact(
    tx: &mut Tx,
    tenant: &str,
    staff: &StaffId,
) -> DbResult<Option<(String, Option<String>)>> {
    let row = sqlx::query(
        "SELECT display_name, email FROM staff WHERE tenant_id = $1 AND id = $2 AND active = 1",
    )
    .bind(tenant)
    .bind(staff.as_str())
    .fetch_optional(&mut tx.conn)
    .await?;
    row.map(|r| Ok((r.try_get("display_name")?, r.try_get("email")?)))
        .transpose()
}

/// A relative of `person` by the register's relations, with their name.
async fn relative_name(
    tx: &mut Tx,
    tenant: &str,
    person: &PersonId,
    relative: &PersonId,
) -> DbResult<Option<String>> {
    let row = sqlx::query(
        "SELECT p.given_name, p.family_name FROM relations r \
         JOIN persons p ON p.tenant_id = r.tenant_id AND p.id = r.person_id \
         WHERE r.tenant_id = $1 AND r.child_id = $2 AND r.person_id = $3",
    )
    .bind(tenant)
    .bind(person.as_str())
    .bind(relative.as_str())
    .fetch_optional(&mut tx.conn)
    .await?;
    row.map(|r| {
        Ok(format!(
            "{} {}",
            r.try_get::<String, _>("given_name")?,
            r.try_get::<String, _>("family_name")?
        ))
    })
    .transpose()
}

pub(super) fn name(s: &str) -> DbResult<ettlag_core::text::Text> {
    ettlag_core::text::Text::parse(s, ettlag_core::text::MAX_SHORT)
        .map_err(|_| DbError::Other("a name in the register is not a text".into()))
}

async fn create_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    about: &MeetingAbout,
    new: NewMeeting,
) -> DbResult<DbResult<String>> {
    let tenant = ctx.actor.tenant.as_str().to_string();
    let (plan_id, log_id) = match about {
        MeetingAbout::Plan(id) => (Some(id.as_str()), None),
        MeetingAbout::Log(id) => (None, Some(id.as_str())),
    };
    let subject_id = plan_id.or(log_id).unwrap_or_default();
    let found = facts_of(&mut tx.conn, &ctx.actor, about).await?;
    if let Some(e) = gate_write(tx, ctx, MeetingOp::Record, subject_id, found.as_ref()).await? {
        return Ok(Err(e));
    }
    let Some(found) = found else {
        return Ok(Err(DbError::NotFound));
    };
    if let Facts::Log(row, _) = &found
        && (row.level < ettlag_core::relay::Level::Two || row.closed_at_ms.is_some())
    {
        return Ok(Err(DbError::Refused("meeting-error-log-level")));
    }
    let person = found.person().clone();
    let Some(template) = templates_of(&mut tx.conn, &tenant, false)
        .await?
        .into_iter()
        .find(|t| t.id == new.template_id)
        .map(|t| t.template)
    else {
        return Ok(Err(DbError::Refused("meeting-error-template")));
    };
    if staff_contact(tx, &tenant, &new.leader).await?.is_none() {
        return Ok(Err(DbError::Refused("meeting-error-leader")));
    }
    let mut invitees = Vec::new();
    let mut staff = new.staff.clone();
    if !staff.contains(&new.leader) {
        staff.insert(0, new.leader.clone());
    }
    for s in &staff {
        let Some((display, email)) = staff_contact(tx, &tenant, s).await? else {
            return Ok(Err(DbError::Refused("meeting-error-invitee")));
        };
        invitees.push(Invitee {
            kind: InviteeKind::Staff,
            id: s.to_string(),
            name: name(&display)?,
            email,
        });
    }
    for p in &new.family {
        let Some(n) = relative_name(tx, &tenant, &person, p).await? else {
            return Ok(Err(DbError::Refused("meeting-error-invitee")));
        };
        invitees.push(Invitee {
            kind: InviteeKind::Family,
            id: p.to_string(),
            name: name(&n)?,
            email: None,
        });
    }
    if new.child {
        let n = crate::access::plan::person_name(&mut tx.conn, &ctx.actor.tenant, &person)
            .await?
            .unwrap_or_default();
        invitees.push(Invitee {
            kind: InviteeKind::Child,
            id: person.to_string(),
            name: name(&n)?,
            email: None,
        });
    }
    let meeting = match Meeting::new(template, new.time, &new.place, new.leader, invitees) {
        Ok(m) => m,
        Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
    };
    let body =
        serde_json::to_string(&meeting).map_err(|e| DbError::Other(format!("meeting: {e}")))?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO meetings (tenant_id, id, plan_id, log_id, starts_at, body, created_at, \
         created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&tenant)
    .bind(&id)
    .bind(plan_id)
    .bind(log_id)
    .bind(meeting.time.start_ms())
    .bind(body)
    .bind(now_ms())
    .bind(ctx.actor.staff.as_str())
    .execute(&mut tx.conn)
    .await?;
    super::invite::queue_invitations(tx, &ctx.actor.tenant, &id, &meeting).await?;
    if meeting
        .invitees
        .iter()
        .any(|i| i.kind != InviteeKind::Staff)
    {
        let notice = crate::family_notice::NoticeKind::MeetingInvitation;
        crate::family_notice::enqueue(tx, &ctx.actor.tenant, &person, notice).await?;
    }
    Ok(Ok(id))
}

/// The meeting, its plan's facts and the gate, shared by the writes in a
/// meeting.
async fn open(
    tx: &mut Tx,
    ctx: &WriteCtx,
    meeting_id: &str,
    op: MeetingOp,
) -> DbResult<DbResult<(MeetingAbout, Meeting, Vec<MeetingEvent>)>> {
    let tenant = ctx.actor.tenant.as_str().to_string();
    let row = meeting_row(&mut tx.conn, &tenant, meeting_id).await?;
    let found = match &row {
        Some(r) => facts_of(&mut tx.conn, &ctx.actor, &r.about).await?,
        None => None,
    };
    if let Some(e) = gate_write(tx, ctx, op, meeting_id, found.as_ref()).await? {
        return Ok(Err(e));
    }
    let Some(row) = row else {
        return Ok(Err(DbError::NotFound));
    };
    let events = events_of(&mut tx.conn, &tenant, meeting_id)
        .await?
        .into_iter()
        .map(|e| e.event)
        .collect();
    Ok(Ok((row.about, row.meeting, events)))
}

async fn record_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    meeting_id: &str,
    event: MeetingEvent,
) -> DbResult<DbResult<i64>> {
    if matches!(event, MeetingEvent::ActionItem(_)) {
        // An action item changes the plan: only through `add_meeting_action`.
        return Ok(Err(DbError::Refused("meeting-error-goal")));
    }
    let (_, meeting, events) = match open(tx, ctx, meeting_id, MeetingOp::Record).await? {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let checked = match &event {
        MeetingEvent::Decision(d) => meeting.check_decision(&events, d),
        MeetingEvent::Attendance { present } => meeting.attendance(present.clone()).map(|_| ()),
        _ => Ok(()),
    };
    if let Err(e) = checked {
        return Ok(Err(DbError::Refused(e.message_key())));
    }
    Ok(Ok(append(tx, ctx, meeting_id, &event).await?))
}

async fn action_in(
    tx: &mut Tx,
    ctx: &WriteCtx,
    meeting_id: &str,
    item: NewActionItem,
) -> DbResult<DbResult<ActionOutcome>> {
    let tenant = ctx.actor.tenant.as_str().to_string();
    let (about, _, _) = match open(tx, ctx, meeting_id, MeetingOp::ReviseThePlan).await? {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    if staff_contact(tx, &tenant, &item.responsible)
        .await?
        .is_none()
    {
        return Ok(Err(DbError::Refused("meeting-error-responsible")));
    }
    let plan_id = match about {
        MeetingAbout::Plan(id) => id,
        MeetingAbout::Log(log_id) => {
            return super::log::action_in_log(tx, ctx, meeting_id, &log_id, item).await;
        }
    };
    let revisions = revisions_of(&mut tx.conn, &ctx.actor.tenant, &plan_id).await?;
    let Some(current) = revisions.last() else {
        return Ok(Err(DbError::NotFound));
    };
    let content: &PlanContent = &current.content;
    let parsed = ActionItem::parse(
        &item.what,
        item.responsible.clone(),
        &item.deadline,
        &item.goal,
        content,
    )
    .and_then(|a| add_action_item(content, &a, meeting_id).map(|c| (a, c)));
    let (mut action, next) = match parsed {
        Ok(v) => v,
        Err(e) => return Ok(Err(DbError::Refused(e.message_key()))),
    };
    let number = current.number.saturating_add(1);
    action.revision = number;
    let reason = parse_reason("Tiltak avtalt i møte")
        .map_err(|_| DbError::Other("the revision reason".into()))?;
    let write = PlanWrite {
        content: next,
        reason,
    };
    insert_revision(tx, ctx, &plan_id, number, now_ms(), &write).await?;
    append(tx, ctx, meeting_id, &MeetingEvent::ActionItem(action)).await?;
    Ok(Ok(ActionOutcome::PlanRevision(number)))
}
