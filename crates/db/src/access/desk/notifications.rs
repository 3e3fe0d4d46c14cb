//! The actor's unread reminders. Each names something (an intake item, a
//! report, a feedback episode, a plan, a log or a concern) and is shown only
//! while the actor may still see what it names; every decision is audited.

use ettlag_core::PersonId;
use ettlag_core::policy::{Action, Decision, Subject};
use sqlx::{AnyConnection, Row};

use super::MAX_LINES;
use crate::access::AccessContext;
use crate::access::facts::register::child_units;
use crate::access::gate::Record;
use crate::access::relay::{ABOUT_THE_READER, CaseFacts, facts_of_id, log_row};
use crate::clock::now_ms;
use crate::error::DbResult;
use crate::relay_models::Notification;
use crate::rows::optional_id;

impl AccessContext {
    pub(super) async fn unread_notifications(
        &self,
        conn: &mut AnyConnection,
        events: &mut Vec<Record>,
    ) -> DbResult<Vec<Notification>> {
        let rows = sqlx::query(
            "SELECT n.key, n.kind, n.child_id, n.log_id, n.concern_id, n.detail, n.created_at, \
             COALESCE(p.given_name, '') AS given_name, COALESCE(p.family_name, '') AS family_name, \
             n.report_id, n.intake_id, \
             n.plan_id, n.feedback_episode_id FROM notifications n \
             LEFT JOIN persons p ON p.tenant_id = n.tenant_id AND p.id = n.child_id \
             WHERE n.tenant_id = $1 AND n.staff_id = $2 AND n.read_at IS NULL \
             ORDER BY n.created_at DESC LIMIT $3",
        )
        .bind(self.tenant().as_str())
        .bind(self.actor().staff.as_str())
        .bind(MAX_LINES)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let n = notification(r)?;
            let shown = match self.decide_notification(conn, &n).await? {
                Some((decision, event)) => {
                    events.push(event);
                    decision.is_allowed()
                }
                // A notice about the reader themself names no child.
                None => true,
            };
            if shown {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// Whether the actor may see what a reminder names, with the audit
    /// record of that decision; `None` for a notice about the reader
    /// themself (a baton or an offer they lost), which is theirs alone.
    async fn decide_notification(
        &self,
        conn: &mut AnyConnection,
        n: &Notification,
    ) -> DbResult<Option<(Decision, Record)>> {
        let tenant = self.tenant().clone();
        let listed = |d: Decision, resource: &str| {
            Some((d, self.event(Action::List, "notification", resource, d)))
        };
        // An annual-cycle reminder: shown while the actor leads what it is for.
        if n.kind == crate::staff_notice::CYCLE_DUE {
            return Ok(Some(self.decide_cycle_notice(conn, &n.key).await?));
        }
        if let Some(item) = &n.intake_id {
            let d = match crate::access::intake::item_row(conn, &tenant, item).await? {
                Some(row) => {
                    let facts = crate::access::intake::IntakeFacts::of(conn, &tenant, &row).await?;
                    self.decide(Action::List, &Subject::Intake(facts.subject()))
                }
                None => self.decide(Action::List, &Subject::Unknown),
            };
            return Ok(listed(d, item));
        }
        if let Some(report) = &n.report_id {
            let d = match crate::access::report::report_row(conn, &tenant, report).await? {
                Some(row) => {
                    let units = child_units(conn, &tenant, &row.child_id).await?;
                    crate::access::report::decide_on(
                        self.actor(),
                        self.purpose(),
                        Action::List,
                        &tenant,
                        &row,
                        &units,
                    )
                }
                None => self.decide(Action::List, &Subject::Unknown),
            };
            return Ok(listed(d, report));
        }
        if let Some(episode) = &n.feedback_episode_id {
            let d = crate::access::feedback::decide_list(self, conn, &n.child_id).await?;
            return Ok(listed(d, episode));
        }
        if let Some(plan) = &n.plan_id {
            let facts = crate::access::plan::OwnedPlanFacts::of(
                conn,
                &tenant,
                &n.child_id,
                &self.actor().staff,
            )
            .await?;
            let d = match &facts {
                Some(f) => self.decide(Action::List, &Subject::Plan(f.facts())),
                None => self.decide(Action::List, &Subject::Unknown),
            };
            return Ok(listed(d, plan));
        }
        if ABOUT_THE_READER.contains(&n.kind.as_str()) {
            return Ok(None);
        }
        // A reminder about a log or a concern: shown only while the actor
        // may still see the case it is about.
        let facts = match (&n.log_id, &n.concern_id) {
            (Some(id), _) => match log_row(conn, &tenant, id).await? {
                Some(log) => Some(CaseFacts::of_log(conn, &tenant, &log).await?),
                None => None,
            },
            (None, Some(id)) => facts_of_id(conn, &tenant, id).await?,
            (None, None) => None,
        };
        let d = match &facts {
            Some(f) => self.decide(Action::List, &Subject::Case(f.case())),
            None => self.decide(Action::List, &Subject::Unknown),
        };
        let resource = n
            .log_id
            .as_deref()
            .or(n.concern_id.as_deref())
            .unwrap_or_default();
        Ok(listed(d, resource))
    }

    /// Marks one of the actor's reminders as read.
    pub async fn mark_notification_read(&self, key: &str) -> DbResult<()> {
        let tenant = self.tenant().as_str().to_string();
        let me = self.actor().staff.to_string();
        let key = key.to_string();
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "UPDATE notifications SET read_at = $4 WHERE tenant_id = $1 AND staff_id = $2 \
                         AND key = $3 AND read_at IS NULL",
                    )
                    .bind(&tenant)
                    .bind(&me)
                    .bind(&key)
                    .bind(now_ms())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(())
                })
            })
            .await
    }
}

/// One row of `notifications`, with the child's name.
fn notification(r: &sqlx::any::AnyRow) -> DbResult<Notification> {
    Ok(Notification {
        key: r.try_get("key")?,
        kind: r.try_get("kind")?,
        child_id: PersonId::from_trusted(r.try_get("child_id")?),
        log_id: optional_id(r, "log_id")?,
        concern_id: optional_id(r, "concern_id")?,
        detail: r.try_get("detail")?,
        created_at_ms: r.try_get("created_at")?,
        report_id: optional_id(r, "report_id")?,
        intake_id: optional_id(r, "intake_id")?,
        plan_id: optional_id(r, "plan_id")?,
        feedback_episode_id: r.try_get("feedback_episode_id")?,
        child_name: format!(
            "{} {}",
            r.try_get::<String, _>("given_name")?,
            r.try_get::<String, _>("family_name")?
        ),
    })
}
