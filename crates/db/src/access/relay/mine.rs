//! A staff member's desk: the batons offered to them, the logs they hold
//! (overdue evaluations first), their concerns waiting for a decision, and
//! their reminders.

use ettlag_core::ids::ConcernId;
use ettlag_core::policy::{Action, Decision, Grant, Subject};
use ettlag_core::{Day, PersonId, StaffId, TenantId};
use sqlx::{AnyConnection, Row};

use super::load::{LOG_COLUMNS, log_from_row};
use super::{CaseFacts, LogRow};
use crate::access::AccessContext;
use crate::access::facts::register::{child_units, names};
use crate::clock::{now_ms, today};
use crate::error::DbResult;
use crate::relay_models::{
    ConcernLine, EXPIRING_DAYS, ExpiringConsent, LogLine, MyWork, Notification, StaffRef,
};

/// The most lines of each kind the desk shows.
const MAX_LINES: i64 = 500;

impl AccessContext {
    /// What needs the actor now. Every line is decided and audited.
    pub async fn my_work(&self) -> DbResult<MyWork> {
        let tenant = self.tenant().clone();
        let me = self.actor().staff.clone();
        let mut conn = self.store.pool.acquire().await?;
        let mut events = Vec::new();

        let mut visible_logs = |rows: Vec<LogRow>, facts: Vec<CaseFacts>| {
            let mut shown = Vec::new();
            for (row, facts) in rows.into_iter().zip(facts) {
                let d = self.decide(Action::List, &Subject::Case(facts.case()));
                events.push(self.event(Action::List, "relay_log", &row.id, d));
                if d.is_allowed() {
                    shown.push(row);
                }
            }
            shown
        };
        let offered = logs_where(&mut conn, &tenant, "offered_to", &me).await?;
        let offered_facts = facts_for(&mut conn, &tenant, &offered).await?;
        let offered = visible_logs(offered, offered_facts);
        let held = logs_where(&mut conn, &tenant, "holder_id", &me).await?;
        let held_facts = facts_for(&mut conn, &tenant, &held).await?;
        let held = visible_logs(held, held_facts);

        let rows = sqlx::query(
            "SELECT c.id, c.child_id, c.raised_at, c.deadline_at, p.given_name, p.family_name, \
             c.unit_id FROM concerns c JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.child_id \
             WHERE c.tenant_id = $1 AND c.raised_by = $2 AND c.decided_at IS NULL \
             ORDER BY c.deadline_at LIMIT $3",
        )
        .bind(tenant.as_str())
        .bind(me.as_str())
        .bind(MAX_LINES)
        .fetch_all(&mut *conn)
        .await?;
        let mut concerns = Vec::new();
        for r in &rows {
            let line = ConcernLine {
                id: ConcernId::from_trusted(r.try_get("id")?),
                child_id: PersonId::from_trusted(r.try_get("child_id")?),
                raised_at_ms: r.try_get("raised_at")?,
                deadline_ms: r.try_get("deadline_at")?,
                child_name: format!(
                    "{} {}",
                    r.try_get::<String, _>("given_name")?,
                    r.try_get::<String, _>("family_name")?
                ),
            };
            let unit = ettlag_core::UnitId::from_trusted(r.try_get("unit_id")?);
            let facts =
                CaseFacts::of_concern(&mut conn, &tenant, &line.child_id, &unit, &me).await?;
            let d = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "concern", &line.id, d));
            if d.is_allowed() {
                concerns.push(line);
            }
        }

        let shared = self.shared_with_my_units(&mut conn, &mut events).await?;
        let notifications = self.unread_notifications(&mut conn, &mut events).await?;
        let expiring_consents = expiring(&mut conn, &tenant, &held).await?;
        for c in &expiring_consents {
            // Listed because the actor holds the child's log, which was
            // decided above; the consent is recorded as seen in a list.
            if let Some(row) = held.iter().find(|r| r.child_id == c.child_id) {
                let facts = CaseFacts::of_log(&mut conn, &tenant, row).await?;
                let d = self.decide(Action::List, &Subject::Case(facts.case()));
                events.push(self.event(Action::List, "consent", &c.consent_id, d));
            }
        }
        self.audit_reads(events).await?;

        let offers = lines(&mut conn, &tenant, offered).await?;
        let shared = lines(&mut conn, &tenant, shared).await?;
        let mut logs = lines(&mut conn, &tenant, held).await?;
        let today = Day::parse(&today()).ok();
        // Overdue first, then the nearest evaluation date, then logs with none.
        logs.sort_by_key(|l| {
            let overdue = matches!((l.next_due, today), (Some(d), Some(t)) if d < t);
            (!overdue, l.next_due.is_none(), l.next_due, l.opened_at_ms)
        });
        Ok(MyWork {
            offers,
            logs,
            shared,
            concerns,
            notifications,
            expiring_consents,
        })
    }

    /// Open relay logs the family's consent shares with one of the actor's
    /// units, beyond the children of the actor's own units: how a receiving
    /// unit finds what it may now follow. Only logs the policy opens to the
    /// actor by consent are listed; each decision is audited.
    async fn shared_with_my_units(
        &self,
        conn: &mut AnyConnection,
        events: &mut Vec<crate::access::gate::Record>,
    ) -> DbResult<Vec<LogRow>> {
        let tenant = self.tenant().clone();
        let mut units = Vec::new();
        for unit in &self.actor().units {
            let row =
                sqlx::query("SELECT service_type FROM units WHERE tenant_id = $1 AND id = $2")
                    .bind(tenant.as_str())
                    .bind(unit.as_str())
                    .fetch_optional(&mut *conn)
                    .await?;
            if let Some(service) = row
                .map(|r| r.try_get::<String, _>("service_type"))
                .transpose()?
                .and_then(|s| <ettlag_core::ServiceType as ettlag_core::Coded>::from_code(&s))
            {
                units.push((unit.clone(), service));
            }
        }
        let children = crate::access::consent::shared_children(
            conn,
            &tenant,
            &units,
            ettlag_core::consent::Category::RelayLog,
        )
        .await?;
        let mut shown = Vec::new();
        for child in children.iter().take(MAX_LINES as usize) {
            let sql = format!(
                "SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
                 AND closed_at IS NULL"
            );
            let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(tenant.as_str())
                .bind(child.as_str())
                .fetch_optional(&mut *conn)
                .await?;
            let Some(row) = row.as_ref().map(log_from_row).transpose()? else {
                continue;
            };
            let facts = CaseFacts::of_log(conn, &tenant, &row).await?;
            let d = self.decide(Action::List, &Subject::Case(facts.case()));
            events.push(self.event(Action::List, "relay_log", &row.id, d));
            if d == Decision::Allow(Grant::ConsentedToOwnUnit) {
                shown.push(row);
            }
        }
        Ok(shown)
    }

    async fn unread_notifications(
        &self,
        conn: &mut AnyConnection,
        events: &mut Vec<crate::access::gate::Record>,
    ) -> DbResult<Vec<Notification>> {
        let tenant = self.tenant().clone();
        let rows = sqlx::query(
            "SELECT n.key, n.kind, n.child_id, n.log_id, n.concern_id, n.detail, n.created_at, \
             COALESCE(p.given_name, '') AS given_name, COALESCE(p.family_name, '') AS family_name, \
             n.report_id, n.intake_id, \
             n.plan_id, n.feedback_episode_id FROM notifications n \
             LEFT JOIN persons p ON p.tenant_id = n.tenant_id AND p.id = n.child_id \
             WHERE n.tenant_id = $1 AND n.staff_id = $2 AND n.read_at IS NULL \
             ORDER BY n.created_at DESC LIMIT $3",
        )
        .bind(tenant.as_str())
        .bind(self.actor().staff.as_str())
        .bind(MAX_LINES)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let n = Notification {
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
            };
            // An annual-cycle reminder: shown while the actor leads what it is for.
            if n.kind == crate::staff_notice::CYCLE_DUE {
                let (d, event) = self.decide_cycle_notice(conn, &n.key).await?;
                events.push(event);
                if d.is_allowed() {
                    out.push(n);
                }
                continue;
            }
            // A reminder about an intake item: shown while the actor may see it.
            if let Some(item) = &n.intake_id {
                let d = match crate::access::intake::item_row(conn, &tenant, item).await? {
                    Some(row) => {
                        let facts =
                            crate::access::intake::IntakeFacts::of(conn, &tenant, &row).await?;
                        self.decide(Action::List, &Subject::Intake(facts.subject()))
                    }
                    None => self.decide(Action::List, &Subject::Unknown),
                };
                events.push(self.event(Action::List, "notification", item, d));
                if d.is_allowed() {
                    out.push(n);
                }
                continue;
            }
            // A reminder about a report: shown while the actor may see it.
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
                events.push(self.event(Action::List, "notification", report, d));
                if d.is_allowed() {
                    out.push(n);
                }
                continue;
            }
            // A feedback alert: shown while the actor may see the episode.
            if let Some(episode) = &n.feedback_episode_id {
                let d =
                    crate::access::feedback::decide_list(self, conn, &tenant, &n.child_id).await?;
                events.push(self.event(Action::List, "notification", episode, d));
                if d.is_allowed() {
                    out.push(n);
                }
                continue;
            }
            // A reminder about a plan: shown while the actor may see the plan.
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
                events.push(self.event(Action::List, "notification", plan, d));
                if d.is_allowed() {
                    out.push(n);
                }
                continue;
            }
            // A notice about the reader themself (a baton or an offer they
            // lost) names no child: it is theirs alone.
            if super::reclaim::ABOUT_THE_READER.contains(&n.kind.as_str()) {
                out.push(n);
                continue;
            }
            // A reminder names a child: shown only while the actor may still
            // see the case it is about.
            let facts = match (&n.log_id, &n.concern_id) {
                (Some(id), _) => match super::load::log_row(conn, &tenant, id).await? {
                    Some(log) => Some(CaseFacts::of_log(conn, &tenant, &log).await?),
                    None => None,
                },
                (None, Some(id)) => super::concerns::facts_of_id(conn, &tenant, id).await?,
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
            events.push(self.event(Action::List, "notification", resource, d));
            if d.is_allowed() {
                out.push(n);
            }
        }
        Ok(out)
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

async fn logs_where(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    column: &str,
    staff: &StaffId,
) -> DbResult<Vec<LogRow>> {
    let column = if column == "offered_to" {
        "offered_to"
    } else {
        "holder_id"
    };
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM relay_logs WHERE tenant_id = $1 AND {column} = $2 \
         AND closed_at IS NULL ORDER BY opened_at LIMIT {MAX_LINES}"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(staff.as_str())
        .fetch_all(conn)
        .await?;
    rows.iter().map(log_from_row).collect()
}

async fn facts_for(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: &[LogRow],
) -> DbResult<Vec<CaseFacts>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(CaseFacts::of_log(conn, tenant, row).await?);
    }
    Ok(out)
}

/// Lines for a list: the child's and the holder's names with each log.
pub(crate) async fn lines(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: Vec<LogRow>,
) -> DbResult<Vec<LogLine>> {
    let staff: Vec<String> = rows.iter().map(|r| r.holder.to_string()).collect();
    let staff_names = names(conn, tenant, "staff", &staff).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let child = sqlx::query(
            "SELECT given_name, family_name FROM persons WHERE tenant_id = $1 AND id = $2",
        )
        .bind(tenant.as_str())
        .bind(row.child_id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        let child_name = match child {
            Some(r) => format!(
                "{} {}",
                r.try_get::<String, _>("given_name")?,
                r.try_get::<String, _>("family_name")?
            ),
            None => String::new(),
        };
        out.push(LogLine {
            holder: StaffRef {
                name: staff_names
                    .get(row.holder.as_str())
                    .cloned()
                    .unwrap_or_default(),
                id: row.holder,
            },
            id: row.id,
            child_id: row.child_id,
            child_name,
            level: row.level,
            offered_to: row.offered_to,
            opened_at_ms: row.opened_at_ms,
            closed_at_ms: row.closed_at_ms,
            next_due: row.next_due,
        });
    }
    Ok(out)
}

/// Consents in force that end within [`EXPIRING_DAYS`], for these logs' children.
async fn expiring(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    logs: &[LogRow],
) -> DbResult<Vec<ExpiringConsent>> {
    let today = Day::parse(&today()).unwrap_or(Day::from_ms(now_ms()));
    let until = today.add_days(EXPIRING_DAYS);
    let mut out = Vec::new();
    for log in logs {
        let rows = sqlx::query(
            "SELECT c.id, c.valid_to, p.given_name, p.family_name FROM consents c \
             JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.subject_id \
             WHERE c.tenant_id = $1 AND c.subject_id = $2 AND c.withdrawn_at IS NULL \
             AND c.valid_to IS NOT NULL AND c.valid_to >= $3 AND c.valid_to <= $4 \
             AND c.valid_from <= $3 ORDER BY c.valid_to",
        )
        .bind(tenant.as_str())
        .bind(log.child_id.as_str())
        .bind(today.to_string())
        .bind(until.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            let Ok(valid_to) = Day::parse(&r.try_get::<String, _>("valid_to")?) else {
                continue;
            };
            out.push(ExpiringConsent {
                consent_id: r.try_get("id")?,
                child_id: log.child_id.clone(),
                child_name: format!(
                    "{} {}",
                    r.try_get::<String, _>("given_name")?,
                    r.try_get::<String, _>("family_name")?
                ),
                valid_to,
            });
        }
    }
    out.sort_by_key(|c| c.valid_to);
    Ok(out)
}

/// An id column that may be empty, typed as what it names.
fn optional_id<T>(
    r: &sqlx::any::AnyRow,
    column: &str,
) -> DbResult<Option<ettlag_core::ids::Id<T>>> {
    Ok(r.try_get::<Option<String>, _>(column)?
        .map(ettlag_core::ids::Id::from_trusted))
}
