//! Field groups inside a relay log: what the reader's unit may see of the
//! entries kept in a sensitive category. The policy decides per entry
//! ([`policy::sees_entry`]); this module gathers what the consents in force
//! let each unit receive and takes out what the reader may not see.

use std::collections::HashSet;

use ettlag_core::UnitId;
use ettlag_core::consent::Category;
use ettlag_core::policy::{self, Actor, Decision};
use ettlag_core::relay::Event;

use crate::access::facts::ConsentFacts;
use crate::relay_models::{EventView, RelayLogView, WithheldView};

/// For each sensitive category, the units the consents in force for the
/// child let receive it.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldScope {
    by_category: Vec<(Category, Vec<UnitId>)>,
}

impl FieldScope {
    /// What the child's consents in force let each unit receive.
    pub fn of_consents(consents: &ConsentFacts) -> FieldScope {
        let by_category = [Category::Health, Category::School]
            .into_iter()
            .map(|category| (category, consents.sharing(category).granted))
            .collect();
        FieldScope { by_category }
    }

    fn units(&self, category: Category) -> &[UnitId] {
        self.by_category
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, u)| u.as_slice())
            .unwrap_or(&[])
    }
}

/// Takes the entries the reader may not see out of a log's view: out of
/// the timeline and the measures, into the list of withheld entries.
pub(crate) fn redact(
    view: RelayLogView,
    actor: &Actor,
    decision: Decision,
    scope: &FieldScope,
) -> RelayLogView {
    withhold(view, |e| match &e.event {
        Event::Entry {
            category,
            from_unit,
            ..
        } => policy::sees_entry(
            actor,
            decision,
            *category,
            &e.by.id,
            from_unit.as_ref(),
            scope.units(*category),
        ),
        _ => true,
    })
}

/// Moves every event `visible` refuses out of the timeline and the
/// measures into the list of withheld entries, named by category only. The
/// staff's redaction and the family's view share it.
pub(crate) fn withhold(
    mut view: RelayLogView,
    visible: impl Fn(&EventView) -> bool,
) -> RelayLogView {
    let mut hidden: HashSet<String> = HashSet::new();
    let mut kept = Vec::with_capacity(view.events.len());
    for e in view.events {
        if visible(&e) {
            kept.push(e);
        } else {
            let category = match &e.event {
                Event::Entry { category, .. } => *category,
                _ => Category::RelayLog,
            };
            hidden.insert(e.id.clone());
            view.withheld.push(WithheldView {
                id: e.id,
                at_ms: e.at_ms,
                category,
            });
        }
    }
    view.events = kept;
    view.measures.retain(|m| !hidden.contains(&m.id));
    view
}
