//! The append-only history of a relay log. Nothing is edited or deleted: a
//! correction is a new entry that supersedes an old one, and the timeline
//! keeps showing both.

use std::collections::HashMap;

use serde::Serialize;

use crate::ids::StaffId;

/// One recorded entry with its place in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recorded<E> {
    pub id: String,
    pub at_ms: i64,
    /// Who wrote it.
    pub by: StaffId,
    /// The entry this one corrects, if any.
    pub supersedes: Option<String>,
    pub body: E,
}

/// An entry as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryView<'a, E> {
    pub entry: &'a Recorded<E>,
    /// The id of the entry that corrected this one.
    pub superseded_by: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error("the corrected entry is not in this log")]
    UnknownEntry,
    #[error("that entry has already been corrected; correct the newest version")]
    AlreadySuperseded,
    #[error("an entry with this id is already in the log")]
    DuplicateId,
}

impl HistoryError {
    pub fn message_key(&self) -> &'static str {
        match self {
            HistoryError::UnknownEntry => "relay-error-unknown-entry",
            HistoryError::AlreadySuperseded => "relay-error-already-corrected",
            HistoryError::DuplicateId => "relay-error-duplicate-entry",
        }
    }
}

/// A log's entries in the order they were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<E> {
    entries: Vec<Recorded<E>>,
    /// superseded id → the id of the entry that corrected it.
    corrected: HashMap<String, String>,
}

impl<E> Default for History<E> {
    fn default() -> Self {
        History {
            entries: Vec::new(),
            corrected: HashMap::new(),
        }
    }
}

impl<E> History<E> {
    /// Rebuilds a history from stored entries, checking the same rules as
    /// [`History::append`].
    pub fn from_entries(entries: Vec<Recorded<E>>) -> Result<History<E>, HistoryError> {
        let mut h = History::default();
        for e in entries {
            h.append(e)?;
        }
        Ok(h)
    }

    /// Adds an entry at the end. A correction must name an entry of this log
    /// that nothing has corrected yet, so that corrections form one line.
    pub fn append(&mut self, entry: Recorded<E>) -> Result<(), HistoryError> {
        if self.entries.iter().any(|e| e.id == entry.id) {
            return Err(HistoryError::DuplicateId);
        }
        if let Some(old) = &entry.supersedes {
            if !self.entries.iter().any(|e| &e.id == old) {
                return Err(HistoryError::UnknownEntry);
            }
            if self.corrected.contains_key(old) {
                return Err(HistoryError::AlreadySuperseded);
            }
            self.corrected.insert(old.clone(), entry.id.clone());
        }
        self.entries.push(entry);
        Ok(())
    }

    /// The entries that stand now: everything not corrected by a later entry.
    pub fn current(&self) -> impl Iterator<Item = &Recorded<E>> {
        self.entries
            .iter()
            .filter(|e| !self.corrected.contains_key(&e.id))
    }

    /// Every entry ever written, oldest first, each with what corrected it.
    pub fn timeline(&self) -> Vec<EntryView<'_, E>> {
        self.entries
            .iter()
            .map(|e| EntryView {
                entry: e,
                superseded_by: self.corrected.get(&e.id).map(String::as_str),
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, supersedes: Option<&str>, text: &str) -> Recorded<String> {
        Recorded {
            id: id.into(),
            at_ms: 0,
            by: StaffId::from_trusted("s".into()),
            supersedes: supersedes.map(str::to_string),
            body: text.into(),
        }
    }

    #[test]
    fn a_correction_supersedes_and_the_timeline_keeps_both() {
        let mut h = History::default();
        h.append(entry("1", None, "Mål: lese 20 minutter"))
            .expect("goal");
        h.append(entry("2", None, "Tiltak: leselyst"))
            .expect("measure");
        h.append(entry("3", Some("1"), "Mål: lese 15 minutter"))
            .expect("correction");
        let current: Vec<_> = h.current().map(|e| e.id.as_str()).collect();
        assert_eq!(current, ["2", "3"]);
        let timeline = h.timeline();
        assert_eq!(timeline.len(), 3);
        assert_eq!(timeline[0].superseded_by, Some("3"));
        assert_eq!(
            timeline[0].entry.body, "Mål: lese 20 minutter",
            "the old text stays visible"
        );
    }

    #[test]
    fn corrections_form_one_line() {
        let mut h = History::default();
        h.append(entry("1", None, "a")).expect("a");
        h.append(entry("2", Some("1"), "b")).expect("b");
        assert_eq!(
            h.append(entry("3", Some("1"), "c")),
            Err(HistoryError::AlreadySuperseded)
        );
        assert_eq!(
            h.append(entry("3", Some("9"), "c")),
            Err(HistoryError::UnknownEntry)
        );
        assert_eq!(
            h.append(entry("2", None, "c")),
            Err(HistoryError::DuplicateId)
        );
        h.append(entry("3", Some("2"), "c"))
            .expect("correct the newest");
        assert_eq!(h.current().count(), 1);
        assert_eq!(h.len(), 3, "nothing was removed");
    }

    #[test]
    fn stored_entries_are_checked_when_read_back() {
        let ok = History::from_entries(vec![entry("1", None, "a"), entry("2", Some("1"), "b")]);
        assert!(ok.is_ok());
        let bad = History::from_entries(vec![entry("2", Some("1"), "b"), entry("1", None, "a")]);
        assert_eq!(bad, Err(HistoryError::UnknownEntry));
    }
}
