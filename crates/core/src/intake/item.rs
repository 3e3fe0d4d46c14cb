//! An intake item as a sequence of triage steps. [`ItemState`] replays them
//! and refuses a step that breaks a rule, so that the store asks it before
//! anything is written.

use serde::{Deserialize, Serialize};

use crate::ids::{PersonId, StaffId, UnitId};
use crate::org::Coded;
use crate::relay::{DevelopmentArea, Level};
use crate::text::Text;

/// Where an item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A parent or a young person asked for help themselves.
    SelfReferral,
    /// A staff member asks for help or a team around a child.
    StaffRequest,
    /// Someone needs an individual plan or a coordinator.
    PlanNotice,
    /// A referral from an agency outside the municipality (GP, hospital, police…).
    Referral,
}

impl Coded for Source {
    const ALL: &'static [Self] = &[
        Self::SelfReferral,
        Self::StaffRequest,
        Self::PlanNotice,
        Self::Referral,
    ];
    const MESSAGE_PREFIX: &'static str = "intake-source";

    fn code(self) -> &'static str {
        match self {
            Self::SelfReferral => "self_referral",
            Self::StaffRequest => "staff_request",
            Self::PlanNotice => "plan_notice",
            Self::Referral => "referral",
        }
    }
}

/// Who takes an item on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Assignee {
    Unit {
        unit: UnitId,
    },
    Staff {
        staff: StaffId,
        unit: UnitId,
    },
    /// A cross-service team (innsatsteam) around the child.
    Team {
        team: String,
    },
}

/// One triage step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    Received {
        source: Source,
    },
    Categorised {
        areas: Vec<DevelopmentArea>,
    },
    /// The item is about this person in the register.
    Linked {
        person: PersonId,
    },
    /// Who it is about is not certain yet; what is known and what to check.
    IdentityUncertain {
        note: Text,
    },
    /// The same matter as another item, which goes on.
    MergedInto {
        item: String,
    },
    Assigned {
        to: Assignee,
    },
    /// The level of help: 0 is help without a relay log ("much can be done
    /// without referral, assessment or decision").
    LevelSet {
        level: u8,
    },
    /// A relay log was started for the linked child.
    LogStarted {
        log: String,
    },
    /// The deadline passed without the item being taken on; leaders were told.
    Escalated,
    Closed {
        note: Text,
    },
}

impl Step {
    pub fn code(&self) -> &'static str {
        match self {
            Step::Received { .. } => "received",
            Step::Categorised { .. } => "categorised",
            Step::Linked { .. } => "linked",
            Step::IdentityUncertain { .. } => "identity_uncertain",
            Step::MergedInto { .. } => "merged_into",
            Step::Assigned { .. } => "assigned",
            Step::LevelSet { .. } => "level_set",
            Step::LogStarted { .. } => "log_started",
            Step::Escalated => "escalated",
            Step::Closed { .. } => "closed",
        }
    }
}

/// Where an item is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Waiting for triage.
    New,
    /// Someone has taken it on.
    Assigned,
    Closed,
}

impl Coded for Status {
    const ALL: &'static [Self] = &[Self::New, Self::Assigned, Self::Closed];
    const MESSAGE_PREFIX: &'static str = "intake-status";

    fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Assigned => "assigned",
            Self::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("the item is closed")]
    Closed,
    #[error("an item starts by being received, once")]
    NotReceivedFirst,
    #[error("an item cannot be merged into itself")]
    MergeIntoSelf,
    #[error("link the item to a child before starting a relay log")]
    NotLinked,
    #[error("a level is 0 to 3")]
    BadLevel,
    #[error("the item already has a relay log")]
    LogAlreadyStarted,
    #[error("name at least one area")]
    NoArea,
}

impl IntakeError {
    pub fn message_key(self) -> &'static str {
        match self {
            IntakeError::Closed => "intake-error-closed",
            IntakeError::NotReceivedFirst => "intake-error-order",
            IntakeError::MergeIntoSelf => "intake-error-merge-self",
            IntakeError::NotLinked => "intake-error-not-linked",
            IntakeError::BadLevel => "intake-error-level",
            IntakeError::LogAlreadyStarted => "intake-error-log-started",
            IntakeError::NoArea => "intake-error-area",
        }
    }
}

/// An item's state after its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemState {
    pub id: String,
    pub source: Option<Source>,
    pub areas: Vec<DevelopmentArea>,
    pub person: Option<PersonId>,
    pub identity_uncertain: bool,
    pub merged_into: Option<String>,
    pub assignee: Option<Assignee>,
    pub level: Option<Level>,
    /// Level 0 chosen: help without a relay log.
    pub level_zero: bool,
    pub log: Option<String>,
    pub escalated: bool,
    pub closed: bool,
}

impl ItemState {
    pub fn new(id: &str) -> ItemState {
        ItemState {
            id: id.to_string(),
            source: None,
            areas: Vec::new(),
            person: None,
            identity_uncertain: false,
            merged_into: None,
            assignee: None,
            level: None,
            level_zero: false,
            log: None,
            escalated: false,
            closed: false,
        }
    }

    /// Replays stored steps, checking every rule.
    pub fn replay(id: &str, steps: &[Step]) -> Result<ItemState, IntakeError> {
        let mut s = ItemState::new(id);
        for step in steps {
            s.apply(step)?;
        }
        Ok(s)
    }

    pub fn status(&self) -> Status {
        if self.closed {
            Status::Closed
        } else if self.assignee.is_some() {
            Status::Assigned
        } else {
            Status::New
        }
    }

    /// Applies one step, or refuses it and changes nothing.
    pub fn apply(&mut self, step: &Step) -> Result<(), IntakeError> {
        let received = self.source.is_some();
        match step {
            Step::Received { .. } if received => return Err(IntakeError::NotReceivedFirst),
            Step::Received { .. } => {}
            _ if !received => return Err(IntakeError::NotReceivedFirst),
            _ if self.closed => return Err(IntakeError::Closed),
            _ => {}
        }
        match step {
            Step::Received { source } => self.source = Some(*source),
            Step::Categorised { areas } => {
                if areas.is_empty() {
                    return Err(IntakeError::NoArea);
                }
                self.areas = areas.clone();
            }
            Step::Linked { person } => {
                self.person = Some(person.clone());
                self.identity_uncertain = false;
            }
            Step::IdentityUncertain { .. } => self.identity_uncertain = true,
            Step::MergedInto { item } => {
                if item == &self.id {
                    return Err(IntakeError::MergeIntoSelf);
                }
                self.merged_into = Some(item.clone());
                self.closed = true;
            }
            Step::Assigned { to } => self.assignee = Some(to.clone()),
            Step::LevelSet { level } => {
                if *level == 0 {
                    self.level = None;
                    self.level_zero = true;
                } else {
                    self.level = Some(Level::try_from(*level).map_err(|_| IntakeError::BadLevel)?);
                    self.level_zero = false;
                }
            }
            Step::LogStarted { log } => {
                if self.person.is_none() {
                    return Err(IntakeError::NotLinked);
                }
                if self.log.is_some() {
                    return Err(IntakeError::LogAlreadyStarted);
                }
                self.log = Some(log.clone());
            }
            Step::Escalated => self.escalated = true,
            Step::Closed { .. } => self.closed = true,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(s: &str) -> Text {
        Text::parse(s, 200).expect("text")
    }

    #[test]
    fn an_item_is_received_triaged_assigned_and_closed() {
        let mut s = ItemState::new("i1");
        assert_eq!(
            s.apply(&Step::Escalated),
            Err(IntakeError::NotReceivedFirst)
        );
        s.apply(&Step::Received {
            source: Source::SelfReferral,
        })
        .expect("received");
        assert_eq!(s.status(), Status::New);
        assert_eq!(
            s.apply(&Step::Received {
                source: Source::Referral
            }),
            Err(IntakeError::NotReceivedFirst)
        );
        assert_eq!(
            s.apply(&Step::LogStarted { log: "l".into() }),
            Err(IntakeError::NotLinked)
        );
        s.apply(&Step::IdentityUncertain {
            note: text("Mor oppga bare fornavn"),
        })
        .expect("uncertain");
        assert!(s.identity_uncertain);
        s.apply(&Step::Linked {
            person: PersonId::from_trusted("p1".into()),
        })
        .expect("linked");
        assert!(!s.identity_uncertain);
        assert_eq!(
            s.apply(&Step::LevelSet { level: 4 }),
            Err(IntakeError::BadLevel)
        );
        s.apply(&Step::LevelSet { level: 0 }).expect("level 0");
        assert!(s.level_zero && s.level.is_none());
        s.apply(&Step::Assigned {
            to: Assignee::Team { team: "t1".into() },
        })
        .expect("assigned");
        assert_eq!(s.status(), Status::Assigned);
        s.apply(&Step::LogStarted { log: "l1".into() })
            .expect("log");
        assert_eq!(
            s.apply(&Step::LogStarted { log: "l2".into() }),
            Err(IntakeError::LogAlreadyStarted)
        );
        s.apply(&Step::Closed {
            note: text("Tatt hånd om"),
        })
        .expect("closed");
        assert_eq!(s.status(), Status::Closed);
        assert_eq!(s.apply(&Step::Escalated), Err(IntakeError::Closed));
    }

    #[test]
    fn a_duplicate_is_merged_into_another_item_and_closes() {
        let mut s = ItemState::new("i2");
        s.apply(&Step::Received {
            source: Source::StaffRequest,
        })
        .expect("received");
        assert_eq!(
            s.apply(&Step::MergedInto { item: "i2".into() }),
            Err(IntakeError::MergeIntoSelf)
        );
        s.apply(&Step::MergedInto { item: "i1".into() })
            .expect("merged");
        assert!(s.closed);
        assert_eq!(s.merged_into.as_deref(), Some("i1"));
    }

    fn arb_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Received {
                source: Source::Referral
            }),
            Just(Step::Escalated),
            (0u8..6).prop_map(|level| Step::LevelSet { level }),
            Just(Step::Linked {
                person: PersonId::from_trusted("p".into())
            }),
            Just(Step::LogStarted { log: "l".into() }),
            Just(Step::MergedInto {
                item: "other".into()
            }),
            Just(Step::Closed {
                note: Text::parse("x", 10).expect("text")
            }),
        ]
    }

    proptest! {
        /// A refused step changes nothing; nothing follows a close.
        #[test]
        fn a_refused_step_changes_nothing(steps in proptest::collection::vec(arb_step(), 0..12)) {
            let mut s = ItemState::new("me");
            for step in &steps {
                let before = s.clone();
                let was_closed = s.closed;
                match s.apply(step) {
                    Ok(()) => prop_assert!(!was_closed),
                    Err(_) => prop_assert_eq!(&s, &before),
                }
            }
        }
    }
}
