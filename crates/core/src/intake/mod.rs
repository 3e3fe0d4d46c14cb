//! Intake: the coordinating unit's one queue for everything that comes in —
//! a parent's or young person's own request for help in plain words, a
//! referral from an outside agency, a staff member's request for help or a
//! team, a notice that someone needs an individual plan or a coordinator.
//! Each item is triaged (categorised, linked to the right person, merged
//! with a duplicate, assigned to a unit, a person or a team, given a level)
//! and has a deadline clock; every step is an event in its history.

pub mod clock;
pub mod item;
pub mod self_referral;

pub use clock::{ClockState, IntakeClock};
pub use item::{Assignee, IntakeError, ItemState, Source, Status, Step};
pub use self_referral::{ContactWay, SelfReferral, SelfReferralDraft, Who};
