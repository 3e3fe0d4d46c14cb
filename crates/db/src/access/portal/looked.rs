//! "Who has looked at our information": the access log's records about the
//! family's person and everything that belongs to them (relay logs,
//! concerns, the plan, meetings, feedback forms and answers, consents, the
//! family's messages and requests, the coordinating unit's cases), grouped
//! per day, unit, purpose and kind of thing, with how many times — never
//! free text (Normen faktaark 15; reference/security.md checklist item 8).

use std::collections::{BTreeMap, HashMap};

use ettlag_core::policy::citizen::Section;
use ettlag_core::{Day, PersonId, TenantId};
use sqlx::{AnyConnection, Row};

use super::CitizenAccess;
use crate::error::DbResult;

/// Groups one page of "who has looked" shows.
pub const LOOK_GROUPS_PER_PAGE: usize = 50;

/// Staff actor ids per statement when their units are looked up.
const ACTORS_PER_STATEMENT: usize = 200;

/// Looks of one kind at the family's information by one unit on one day,
/// for one purpose, role and legal basis.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LookGroup {
    /// The day, as the caller's `day_of` gives it (local time in the web).
    pub day: Day,
    /// The units the staff members work in, by name; empty for staff who
    /// belong to no unit (the municipality's own roles).
    pub units: Vec<String>,
    /// `read` (a look or a list), `create`, `update`, or another action code.
    pub verb: String,
    /// What was looked at: `details`, `log`, `concern`, `plan`, `meetings`,
    /// `feedback`, `consents`, `messages`, `intake` or `emergency`.
    pub kind: String,
    pub role: String,
    pub purpose: String,
    pub legal_basis: String,
    /// How many requests looked: one page view counts once, however many
    /// records it listed.
    pub times: i64,
    /// The newest look in the group, to order groups within a day.
    #[serde(skip)]
    pub last_ms: i64,
}

/// One page of groups, newest day first.
#[derive(Debug, Clone)]
pub struct LookPage {
    pub groups: Vec<LookGroup>,
    /// The page shown, from 1; a page past the end shows the last one.
    pub page: usize,
    /// How many pages there are; at least 1.
    pub pages: usize,
}

/// The ids the access log records the person's information under, each with
/// the kind of thing it is, each found through an index on the person (the
/// records of a plan or a log through `IN`, so the plan or log is looked up
/// first rather than every meeting or answer in the municipality). Reports
/// to child welfare are not here: see [`CitizenAccess::who_has_looked`].
const RECORD_IDS: &str = "\
SELECT id, 'details' AS kind FROM persons WHERE tenant_id = $1 AND id = $2 \
UNION ALL SELECT id, 'log' FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
UNION ALL SELECT id, 'concern' FROM concerns WHERE tenant_id = $1 AND child_id = $2 \
UNION ALL SELECT id, 'plan' FROM plans WHERE tenant_id = $1 AND person_id = $2 \
UNION ALL SELECT id, 'consents' FROM consents WHERE tenant_id = $1 AND subject_id = $2 \
UNION ALL SELECT id, 'messages' FROM family_messages WHERE tenant_id = $1 AND subject_id = $2 \
UNION ALL SELECT id, 'meetings' FROM meetings WHERE tenant_id = $1 AND plan_id IN \
    (SELECT id FROM plans WHERE tenant_id = $1 AND person_id = $2) \
UNION ALL SELECT id, 'meetings' FROM meetings WHERE tenant_id = $1 AND log_id IN \
    (SELECT id FROM relay_logs WHERE tenant_id = $1 AND child_id = $2) \
UNION ALL SELECT id, 'feedback' FROM feedback_episodes WHERE tenant_id = $1 AND person_id = $2 \
UNION ALL SELECT id, 'feedback' FROM feedback_answers WHERE tenant_id = $1 AND episode_id IN \
    (SELECT id FROM feedback_episodes WHERE tenant_id = $1 AND person_id = $2) \
UNION ALL SELECT id, 'intake' FROM intake_items WHERE tenant_id = $1 AND person_id = $2 \
UNION ALL SELECT id, 'intake' FROM teams WHERE tenant_id = $1 AND child_id = $2";

/// Resource types that say what was looked at whatever id they carry: the
/// person's own id stands for lists of their plan, consents, feedback and
/// messages. Other types (a reminder about a log, say) take the kind of the
/// record their id belongs to.
const KIND_OF_TYPE: &[(&str, &str)] = &[
    ("person", "details"),
    ("relay_log", "log"),
    ("relay_archive", "log"),
    ("concern", "concern"),
    ("plan", "plan"),
    ("coordinator", "plan"),
    ("consent", "consents"),
    ("family_message", "messages"),
    ("family_request", "messages"),
    ("meeting", "meetings"),
    ("feedback", "feedback"),
    ("feedback_episode", "feedback"),
    ("feedback_answer", "feedback"),
    ("intake_item", "intake"),
    ("team", "intake"),
    ("emergency_access", "emergency"),
];

/// The SQL that names the kind of one access log record.
fn kind_case() -> String {
    let mut sql = String::from("CASE a.resource_type");
    for (resource_type, kind) in KIND_OF_TYPE {
        sql.push_str(&format!(" WHEN '{resource_type}' THEN '{kind}'"));
    }
    sql.push_str(" ELSE r.kind END");
    sql
}

/// The access log's looks counted per hour, staff member, verb, kind,
/// purpose and legal basis. Hours, not days, because the day is local and
/// the offset (one or two hours in Norway and Denmark) is the caller's.
/// A list is a look: `list` and `read` count as one verb, and a request that
/// did both counts once. Left out: denials, the family's own looks, the
/// system's own work, and child welfare's handling of a report.
///
/// `CROSS JOIN` with the ids first: SQLite then takes each id and finds its
/// records through the access log's (tenant_id, resource_id) index, instead
/// of reading the municipality's whole log; PostgreSQL plans it as any join.
fn hourly_sql() -> String {
    format!(
        "SELECT a.at_ms / 3600000 AS look_hour, MAX(a.at_ms) AS last_ms, a.actor_id, \
         a.actor_role, CASE a.action WHEN 'list' THEN 'read' ELSE a.action END AS look_verb, \
         {kind} AS look_kind, a.purpose, a.legal_basis, COUNT(DISTINCT a.request_id) AS times \
         FROM ({RECORD_IDS}) r CROSS JOIN audit_log a \
         WHERE a.tenant_id = $1 AND a.resource_id = r.id AND a.outcome = 'allow' \
         AND a.actor_role <> 'citizen' AND a.purpose <> 'system' \
         AND a.legal_basis NOT IN ('duty_to_report', 'child_welfare_review') \
         GROUP BY look_hour, a.actor_id, a.actor_role, look_verb, look_kind, a.purpose, \
         a.legal_basis",
        kind = kind_case()
    )
}

/// One row of [`hourly_sql`], read by column name.
struct Hourly {
    hour: i64,
    last_ms: i64,
    actor: String,
    role: String,
    verb: String,
    kind: String,
    purpose: String,
    legal_basis: String,
    times: i64,
}

impl Hourly {
    fn read(r: &sqlx::any::AnyRow) -> DbResult<Hourly> {
        Ok(Hourly {
            hour: r.try_get("look_hour")?,
            last_ms: r.try_get("last_ms")?,
            actor: r.try_get("actor_id")?,
            role: r.try_get("actor_role")?,
            verb: r.try_get("look_verb")?,
            kind: r.try_get("look_kind")?,
            purpose: r.try_get("purpose")?,
            legal_basis: r.try_get("legal_basis")?,
            times: r.try_get("times")?,
        })
    }
}

async fn hourly(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    subject: &PersonId,
) -> DbResult<Vec<Hourly>> {
    sqlx::query(sqlx::AssertSqlSafe(hourly_sql()))
        .bind(tenant.as_str())
        .bind(subject.as_str())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(Hourly::read)
        .collect()
}

/// The units each staff member works in, by name in name order. The access
/// log names the person; the family is shown the unit.
async fn units_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    actors: &[String],
) -> DbResult<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in actors.chunks(ACTORS_PER_STATEMENT) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT su.staff_id AS staff_id, u.name AS unit_name FROM staff_units su \
             JOIN units u ON u.tenant_id = su.tenant_id AND u.id = su.unit_id \
             WHERE su.tenant_id = $1 AND su.staff_id IN ({}) ORDER BY u.name",
            marks.join(",")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant.as_str());
        for id in chunk {
            q = q.bind(id.as_str());
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.entry(r.try_get("staff_id")?)
                .or_default()
                .push(r.try_get("unit_name")?);
        }
    }
    Ok(out)
}

/// What makes two looks the same line for the family.
type GroupKey = (Day, Vec<String>, String, String, String, String, String);

/// Folds the hourly rows into one group per local day, unit, verb, kind,
/// role, purpose and legal basis; newest day first, and within a day the
/// newest look first.
fn group(
    rows: Vec<Hourly>,
    units: &HashMap<String, Vec<String>>,
    day_of: fn(i64) -> Day,
) -> Vec<LookGroup> {
    let mut groups: BTreeMap<GroupKey, LookGroup> = BTreeMap::new();
    for row in rows {
        let day = day_of(row.hour * 3_600_000);
        let unit_names = units.get(&row.actor).cloned().unwrap_or_default();
        let key = (
            day,
            unit_names.clone(),
            row.verb.clone(),
            row.kind.clone(),
            row.role.clone(),
            row.purpose.clone(),
            row.legal_basis.clone(),
        );
        let entry = groups.entry(key).or_insert_with(|| LookGroup {
            day,
            units: unit_names,
            verb: row.verb,
            kind: row.kind,
            role: row.role,
            purpose: row.purpose,
            legal_basis: row.legal_basis,
            times: 0,
            last_ms: row.last_ms,
        });
        entry.times += row.times;
        entry.last_ms = entry.last_ms.max(row.last_ms);
    }
    let mut out: Vec<LookGroup> = groups.into_values().collect();
    // The map's order breaks ties, so a page holds the same groups each time.
    out.sort_by(|a, b| b.day.cmp(&a.day).then(b.last_ms.cmp(&a.last_ms)));
    out
}

/// The page `page` (from 1) of `groups`; 0 is the first page and a page past
/// the end the last, so a link that has grown old still shows something.
fn page_of(groups: Vec<LookGroup>, page: usize) -> LookPage {
    let pages = groups.len().div_ceil(LOOK_GROUPS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let groups = groups
        .into_iter()
        .skip((page - 1) * LOOK_GROUPS_PER_PAGE)
        .take(LOOK_GROUPS_PER_PAGE)
        .collect();
    LookPage {
        groups,
        page,
        pages,
    }
}

impl CitizenAccess {
    /// Staff's allowed accesses to the person's information as groups,
    /// newest day first, with `day_of` giving a moment's day. The family's
    /// own looks, the system's own work (demo data, imports) and child
    /// welfare's handling of a report are left out: the last has its own
    /// procedure for insight, decided by child welfare.
    pub async fn who_has_looked(
        &self,
        subject: &PersonId,
        day_of: fn(i64) -> Day,
    ) -> DbResult<Vec<LookGroup>> {
        self.gate_read(Section::Details, "audit_log", subject)
            .await?;
        let tenant = self.tenant();
        let mut conn = self.store.pool.acquire().await?;
        let rows = hourly(&mut conn, tenant, subject).await?;
        let mut actors: Vec<String> = rows.iter().map(|r| r.actor.clone()).collect();
        actors.sort();
        actors.dedup();
        let units = units_of(&mut conn, tenant, &actors).await?;
        Ok(group(rows, &units, day_of))
    }

    /// One page of [`Self::who_has_looked`], [`LOOK_GROUPS_PER_PAGE`] groups
    /// a page.
    pub async fn who_has_looked_page(
        &self,
        subject: &PersonId,
        day_of: fn(i64) -> Day,
        page: usize,
    ) -> DbResult<LookPage> {
        Ok(page_of(self.who_has_looked(subject, day_of).await?, page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hourly(hour: i64, actor: &str, verb: &str, kind: &str, times: i64) -> Hourly {
        Hourly {
            hour,
            last_ms: hour * 3_600_000 + 60_000,
            actor: actor.into(),
            role: "staff".into(),
            verb: verb.into(),
            kind: kind.into(),
            purpose: "follow_up".into(),
            legal_basis: "service_task".into(),
            times,
        }
    }

    fn units() -> HashMap<String, Vec<String>> {
        HashMap::from([
            ("a".to_string(), vec!["Nordli skole".to_string()]),
            ("b".to_string(), vec!["Nordli skole".to_string()]),
            ("c".to_string(), vec!["Helsestasjonen".to_string()]),
        ])
    }

    #[test]
    fn two_colleagues_in_one_unit_on_one_day_make_one_line() {
        let rows = vec![
            hourly(10, "a", "read", "log", 2),
            hourly(12, "b", "read", "log", 1),
            hourly(12, "c", "read", "log", 1),
            hourly(13, "a", "read", "meetings", 1),
        ];
        let groups = group(rows, &units(), Day::from_ms);
        assert_eq!(groups.len(), 3);
        let nordli_log = groups
            .iter()
            .find(|g| g.units == ["Nordli skole"] && g.kind == "log")
            .expect("the school's line");
        assert_eq!(nordli_log.times, 3);
        assert_eq!(groups[0].kind, "meetings", "the newest look first");
    }

    #[test]
    fn the_local_day_splits_groups_at_local_midnight() {
        // 23:00 and 00:00 UTC fall on two UTC days, but on one local day
        // where the clock is an hour ahead.
        let rows = vec![
            hourly(23, "a", "read", "log", 1),
            hourly(24, "a", "read", "log", 1),
        ];
        assert_eq!(group(rows, &units(), Day::from_ms).len(), 2);
        let rows = vec![
            hourly(23, "a", "read", "log", 1),
            hourly(24, "a", "read", "log", 1),
        ];
        let local = |ms: i64| Day::from_ms(ms + 3_600_000);
        let groups = group(rows, &units(), local);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].times, 2);
    }

    #[test]
    fn a_page_past_the_end_shows_the_last_and_page_zero_the_first() {
        let rows = (0..(LOOK_GROUPS_PER_PAGE as i64 + 3))
            .map(|h| hourly(h * 24, "a", "read", "log", 1))
            .collect();
        let groups = group(rows, &units(), Day::from_ms);
        let last = page_of(groups.clone(), 99);
        assert_eq!((last.page, last.pages, last.groups.len()), (2, 2, 3));
        let first = page_of(groups, 0);
        assert_eq!((first.page, first.groups.len()), (1, LOOK_GROUPS_PER_PAGE));
        assert_eq!(page_of(Vec::new(), 1).pages, 1);
    }
}
