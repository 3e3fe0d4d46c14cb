//! Notices for staff, shown on their own page (`/my`): reminders of dates
//! and deadlines, alerts, and what they lost. A notice names what it is
//! about, so that it is shown only while the reader may still see that.
//! Features and the job runner write them; this module knows neither.

use ettlag_core::TenantId;

use crate::access::gate::Record;
use crate::error::DbResult;
use crate::writer::Tx;

/// The kind of a cycle reminder on the desk: an occurrence of the annual
/// cycle is due, and the notice's key names it.
pub const CYCLE_DUE: &str = "cycle_due";
/// A feedback answer raised an alert (off track, alliance drop). `ref_id`
/// is the answer.
pub const FEEDBACK_ALERT: &str = "feedback_alert";

/// A reminder about an intake item, shown while the reader may see the item.
pub(crate) async fn notify_intake(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &str,
    item: &str,
    kind: &str,
    detail: &str,
    now: i64,
) -> DbResult<()> {
    let notice = Notice {
        staff,
        key: &format!("{kind}:{item}"),
        kind,
        // Until triage links it, an item is about no one in the register.
        child_id: "",
        about: About::Intake(item),
        detail,
    };
    notify(tx, tenant, notice, now).await
}

/// A reminder about a report, shown while the reader may see the report.
pub(crate) async fn notify_report(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &str,
    report_id: &str,
    child: &ettlag_core::PersonId,
    kind: &str,
    now: i64,
) -> DbResult<()> {
    let notice = Notice {
        staff,
        key: &format!("{kind}:{report_id}"),
        kind,
        child_id: child.as_str(),
        about: About::Report(report_id),
        detail: "",
    };
    notify(tx, tenant, notice, now).await
}

/// A feedback alert for a staff member who follows the person up, shown
/// while the reader may see the episode. One reminder per answer.
pub(crate) async fn notify_feedback(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &str,
    (person, episode, answer): (&ettlag_core::PersonId, &str, &str),
    detail: &str,
    now: i64,
) -> DbResult<()> {
    let notice = Notice {
        staff,
        key: &format!("{FEEDBACK_ALERT}:{answer}"),
        kind: FEEDBACK_ALERT,
        child_id: person.as_str(),
        about: About::Feedback(episode),
        detail,
    };
    notify(tx, tenant, notice, now).await
}

/// A reminder of the annual cycle for a leader it is for; `key` names the
/// occurrence, `title` the task. It is about no child.
pub(crate) async fn notify_cycle(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &str,
    key: &str,
    title: &str,
    now: i64,
) -> DbResult<()> {
    let notice = Notice {
        staff,
        key,
        kind: CYCLE_DUE,
        child_id: "",
        about: About::Cycle,
        detail: title,
    };
    notify(tx, tenant, notice, now).await
}

/// A notice about the reader themself that names no child: a baton or an
/// offer they lost when their unit's access to a log ended. `detail` holds
/// the reason code and the home unit's name, separated by `|`.
pub(crate) async fn notify_unnamed(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &str,
    key: &str,
    kind: &str,
    detail: &str,
    now: i64,
) -> DbResult<()> {
    let notice = Notice {
        staff,
        key,
        kind,
        child_id: "",
        about: About::Nothing,
        detail,
    };
    notify(tx, tenant, notice, now).await
}

/// A notice about a relay log, shown while the reader may see the log.
pub(crate) async fn notify_log(
    tx: &mut Tx,
    tenant: &TenantId,
    staff: &str,
    (key, kind): (&str, &str),
    (child, log): (&ettlag_core::PersonId, &str),
    detail: &str,
    now: i64,
) -> DbResult<()> {
    let notice = Notice {
        staff,
        key,
        kind,
        child_id: child.as_str(),
        about: About::Log(log),
        detail,
    };
    notify(tx, tenant, notice, now).await
}

/// What a reminder is about. `/my` shows it only while the reader may still
/// see that (see `unread_notifications`).
pub(crate) enum About<'a> {
    /// An occurrence of the annual cycle, named by the reminder's key.
    Cycle,
    /// Nothing the reader must still be allowed to see: the notice is about
    /// the reader themself (a baton or offer they lost) and names no child.
    Nothing,
    Log(&'a str),
    Concern(&'a str),
    Report(&'a str),
    Intake(&'a str),
    Plan(&'a str),
    Feedback(&'a str),
}

pub(crate) struct Notice<'a> {
    pub(crate) staff: &'a str,
    /// One reminder per staff member and key: a job that runs again adds none.
    pub(crate) key: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) child_id: &'a str,
    pub(crate) about: About<'a>,
    pub(crate) detail: &'a str,
}

pub(crate) async fn notify(
    tx: &mut Tx,
    tenant: &TenantId,
    n: Notice<'_>,
    now: i64,
) -> DbResult<()> {
    // The column of what it is about; the others stay empty.
    let (log, concern, report, intake, plan) = match n.about {
        About::Log(id) => (Some(id), None, None, None, None),
        About::Concern(id) => (None, Some(id), None, None, None),
        About::Report(id) => (None, None, Some(id), None, None),
        About::Intake(id) => (None, None, None, Some(id), None),
        About::Plan(id) => (None, None, None, None, Some(id)),
        About::Feedback(_) | About::Cycle | About::Nothing => (None, None, None, None, None),
    };
    let feedback = match n.about {
        About::Feedback(id) => Some(id),
        _ => None,
    };
    sqlx::query(
        "INSERT INTO notifications (tenant_id, staff_id, key, kind, child_id, log_id, concern_id, \
         report_id, intake_id, plan_id, detail, created_at, feedback_episode_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (tenant_id, staff_id, key) DO NOTHING",
    )
    .bind(tenant.as_str())
    .bind(n.staff)
    .bind(n.key)
    .bind(n.kind)
    .bind(n.child_id)
    .bind(log)
    .bind(concern)
    .bind(report)
    .bind(intake)
    .bind(plan)
    .bind(n.detail)
    .bind(now)
    .bind(feedback)
    .execute(&mut tx.conn)
    .await?;
    Ok(())
}

/// The system read a case to send a reminder: recorded like any access.
pub(crate) async fn audit_reminder(
    tx: &mut Tx,
    tenant: &TenantId,
    resource_type: &str,
    resource_id: &str,
    now: i64,
) -> DbResult<()> {
    let event = Record::system(
        "read",
        (resource_type, resource_id),
        "reminder",
        "jobs",
        now,
    );
    crate::access::gate::seal(tx, tenant, vec![event]).await
}
