//! The relay log as the family reads it in the portal. It is built by the
//! staff's own view builder (`relay::build_view`) and cut by the same
//! `relay::withhold` as staff's field groups, then reduced to what the
//! family needs, read through the citizen gate (`Section::Details`) and
//! audited like every other portal read.
//!
//! What the family sees of each field group, and why:
//! - **Level, opened, closed**: yes. It says how many services work with
//!   them, which they have a right to know (and most often agreed to).
//! - **Who holds the baton**: name, unit and only the contact details the
//!   staff member chose to show families (`profile::ShowToFamily`). A baton
//!   offered but not yet accepted is not shown: it may still be declined,
//!   and the holder stays responsible until it is accepted.
//! - **Goals, measures (what, who is responsible, next evaluation),
//!   evaluations (outcome, what was learned), agreements, services taking
//!   part, "lysglimt", the family's own notes and the concern as written**:
//!   yes. The log is about them and "no decision about me without me";
//!   hiding what the download (art. 15) gives them anyway would only make
//!   the portal less honest. Only the newest version of a corrected entry
//!   is shown; the history of corrections is staff's accountability and is
//!   in the download.
//! - **Entries kept as health or school information**: withheld, named by
//!   category only ("there is health information not shown here"), never
//!   their text. They were written under that service's own duty of
//!   confidentiality for the units the consent names; the family reads them
//!   with that service, which can explain them.
//! - **Who wrote each entry, and the family's wish at a handover**: not
//!   shown. The holder is the family's contact; a wish is already theirs.

use ettlag_core::ids::RelayLogId;
use std::collections::{BTreeMap, BTreeSet};

use ettlag_core::consent::Category;
use ettlag_core::policy::citizen::Section;
use ettlag_core::relay::{Entry, EntryKind, Event, Level, Outcome};
use ettlag_core::{Day, PersonId};
use sqlx::Row;

use super::CitizenAccess;
use super::read::{Contact, ContactRole};
use crate::access::relay::{build_view, log_row, withhold};
use crate::error::DbResult;
use crate::profile::family_contact_of;
use crate::relay_models::RelayLogView;

/// A written entry as the family reads it.
#[derive(Debug, Clone)]
pub struct FamilyEntry {
    pub kind: EntryKind,
    pub at_ms: i64,
    pub text: String,
}

/// A measure: what is done, who answers for it and when it is looked at.
#[derive(Debug, Clone)]
pub struct FamilyMeasure {
    pub what: String,
    pub responsible: String,
    pub unit: String,
    pub evaluate_by: Day,
    pub ended: bool,
}

/// What an evaluation of a measure decided and learned.
#[derive(Debug, Clone)]
pub struct FamilyEvaluation {
    pub at_ms: i64,
    pub measure: String,
    pub outcome: Outcome,
    pub learned: String,
    pub next: Option<Day>,
}

/// The child's relay log as the family reads it.
#[derive(Debug, Clone)]
pub struct FamilyLog {
    pub level: Level,
    pub opened_at_ms: i64,
    pub closed_at_ms: Option<i64>,
    pub holder: Option<Contact>,
    pub goals: Vec<FamilyEntry>,
    pub measures: Vec<FamilyMeasure>,
    pub evaluations: Vec<FamilyEvaluation>,
    /// Agreements, services taking part, lysglimt, the family's notes and
    /// the concern, oldest first.
    pub entries: Vec<FamilyEntry>,
    /// The categories of the entries not shown, each once.
    pub withheld: Vec<Category>,
}

impl CitizenAccess {
    /// The child's open relay log (or the newest closed one) as the family
    /// reads it, or `None` when there is none.
    pub async fn family_log(&self, subject: &PersonId) -> DbResult<Option<FamilyLog>> {
        self.gate_read(Section::Details, "relay_log", subject)
            .await?;
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let newest = sqlx::query(
            "SELECT id FROM relay_logs WHERE tenant_id = $1 AND child_id = $2 \
             ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, opened_at DESC LIMIT 1",
        )
        .bind(tenant.as_str())
        .bind(subject.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        let Some(newest) = newest else {
            return Ok(None);
        };
        let id = RelayLogId::from_trusted(newest.try_get("id")?);
        let Some(row) = log_row(&mut conn, &tenant, &id).await? else {
            return Ok(None);
        };
        let view = build_view(&mut conn, &tenant, &row).await?;
        let view = for_family(view);
        let holder = match family_contact_of(&mut conn, &tenant, view.holder.id.as_str()).await? {
            Some(c) => Some(Contact {
                role: ContactRole::BatonHolder,
                name: c.name,
                units: vec![view.holder_unit.name.clone()],
                email: c.email,
                phone: c.phone,
            }),
            None => None,
        };
        Ok(Some(shape(view, holder)))
    }
}

/// The family's cut of a log: an entry kept as anything but relay-log
/// information (health, school, entries not written for the family) is
/// withheld and named by its category only. The log page and the download
/// both cut by it, so the download never says more than the page.
pub(super) fn for_family(view: RelayLogView) -> RelayLogView {
    withhold(view, |e| match &e.event {
        Event::Entry { category, .. } => *category == Category::RelayLog,
        _ => true,
    })
}

/// Reduces the staff's view to what the family reads.
fn shape(view: RelayLogView, holder: Option<Contact>) -> FamilyLog {
    let mut measure_names: BTreeMap<&str, String> = BTreeMap::new();
    for e in &view.events {
        if let Some(Entry::Measure { what, .. }) = e.entry() {
            measure_names.insert(&e.id, what.to_string());
        }
    }
    let (mut goals, mut evaluations, mut entries) = (Vec::new(), Vec::new(), Vec::new());
    for e in view.events.iter().filter(|e| e.superseded_by.is_none()) {
        let Some(entry) = e.entry() else { continue };
        let line = |text: String| FamilyEntry {
            kind: entry.kind(),
            at_ms: e.at_ms,
            text,
        };
        match entry {
            Entry::Goal { text, .. } => goals.push(line(text.to_string())),
            Entry::Evaluation {
                measure,
                outcome,
                learned,
                next_evaluation,
            } => evaluations.push(FamilyEvaluation {
                at_ms: e.at_ms,
                measure: measure_names
                    .get(measure.as_str())
                    .cloned()
                    .unwrap_or_default(),
                outcome: *outcome,
                learned: learned.to_string(),
                next: *next_evaluation,
            }),
            Entry::Measure { .. } => {}
            Entry::Participant { unit, task } => {
                entries.push(line(format!("{}: {task}", view.unit_name(unit))));
            }
            Entry::Concern { text, .. }
            | Entry::Agreement { text }
            | Entry::Observation { text }
            | Entry::FamilyNote { text, .. } => entries.push(line(text.to_string())),
        }
    }
    let measures = view
        .measures
        .iter()
        .map(|m| FamilyMeasure {
            what: m.what.to_string(),
            responsible: view.staff_name(&m.responsible),
            unit: view.unit_name(&m.responsible_unit),
            evaluate_by: m.due,
            ended: m.ended,
        })
        .collect();
    let withheld: BTreeSet<Category> = view.withheld.iter().map(|w| w.category).collect();
    FamilyLog {
        level: view.level,
        opened_at_ms: view.opened_at_ms,
        closed_at_ms: view.closed.as_ref().map(|c| c.at_ms),
        holder,
        goals,
        measures,
        evaluations,
        entries,
        withheld: withheld.into_iter().collect(),
    }
}
