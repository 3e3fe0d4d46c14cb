//! Finding staff to invite in a large municipality: the invitees already
//! chosen stay on the form, and a search by name or unit adds the matches
//! (at most [`MAX_FOUND`]) instead of one long list of every colleague.

use ettlag_core::{StaffId, UnitId};
use ettlag_db::{StaffMember, Unit};

use crate::views::form::Choice;

/// The most staff a search shows.
pub const MAX_FOUND: usize = 20;

/// The chosen staff (checked) followed by those the search finds, each
/// once, labelled with their units.
pub fn invitees(
    people: &[StaffMember],
    units: &[Unit],
    chosen: &[String],
    query: &str,
) -> Vec<Choice> {
    let unit_names = |ids: &[UnitId]| {
        ids.iter()
            .filter_map(|id| units.iter().find(|u| &u.id == id))
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let label = |s: &StaffMember| {
        let names = unit_names(&s.units);
        if names.is_empty() {
            s.display_name.clone()
        } else {
            format!("{} ({names})", s.display_name)
        }
    };
    let is_chosen = |id: &StaffId| chosen.iter().any(|c| c == id.as_str());
    let mut out: Vec<Choice> = people
        .iter()
        .filter(|s| is_chosen(&s.id))
        .map(|s| Choice::new(s.id.as_str(), label(s), true))
        .collect();
    let words: Vec<String> = query.split_whitespace().map(|w| w.to_lowercase()).collect();
    if words.is_empty() {
        return out;
    }
    let found = people
        .iter()
        .filter(|s| !is_chosen(&s.id))
        .filter(|s| {
            let haystack = format!("{} {}", s.display_name, unit_names(&s.units)).to_lowercase();
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .take(MAX_FOUND)
        .map(|s| Choice::new(s.id.as_str(), label(s), false));
    out.extend(found);
    out
}
