//! The relay log (stafettlogg) and its rules: BTI levels, the level-0 clock,
//! the baton that is handed over by offer and acceptance, and an append-only
//! history where a correction supersedes an entry without erasing it.
//!
//! Pure rules for the store and the pages to call; see DESIGN.md §4.

pub mod baton;
pub mod concern;
pub mod entry;
pub mod family;
pub mod history;
pub mod level;
pub mod log;
pub mod transition;

pub use baton::{Baton, BatonError, Offer};
pub use concern::{ConcernClock, ConcernDecision};
pub use entry::{DevelopmentArea, Entry, EntryDraft, EntryError, EntryKind, Outcome};
pub use family::{Channel, FamilyError, FamilyInformed, FamilyInformedDraft, NotYetReason};
pub use history::{EntryView, History, HistoryError, Recorded};
pub use level::{ClosingReason, Level, LevelChange, LevelError};
pub use log::{AccessEnded, Event, LogState, MeasureStatus, RelayError};
pub use transition::{ChecklistItem, Transition, TransitionError};
