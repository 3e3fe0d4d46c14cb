//! BTI levels 1–3 of a relay log (level 0 is a concern, before any log) and
//! the rules for moving between them.

use serde::{Deserialize, Serialize};

/// The level of a relay log's collaboration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Level {
    /// Measures inside one service.
    One,
    /// Collaboration with (usually) one more service; each new service needs consent.
    Two,
    /// Several services, including PPT, BUP or child welfare; the holder is
    /// re-assessed and the need for an individual plan is assessed.
    Three,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LevelError {
    #[error("a relay log has level 1, 2 or 3")]
    OutOfRange,
    #[error("the log is already at this level")]
    Unchanged,
    #[error("a level change needs a reason")]
    NoReason,
    #[error("the reason is too long")]
    ReasonTooLong,
}

impl LevelError {
    pub fn message_key(&self) -> &'static str {
        match self {
            LevelError::OutOfRange => "relay-error-level",
            LevelError::Unchanged => "relay-error-level-unchanged",
            LevelError::NoReason => "relay-error-reason",
            LevelError::ReasonTooLong => "entry-error-too-long",
        }
    }
}

impl Level {
    pub fn number(self) -> u8 {
        match self {
            Level::One => 1,
            Level::Two => 2,
            Level::Three => 3,
        }
    }

    /// Whether reaching this level calls for re-assessing the baton holder
    /// and the need for an individual plan (level 3).
    pub fn reassess_holder(self) -> bool {
        self == Level::Three
    }
}

impl TryFrom<u8> for Level {
    type Error = LevelError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(Level::One),
            2 => Ok(Level::Two),
            3 => Ok(Level::Three),
            _ => Err(LevelError::OutOfRange),
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.number()
    }
}

/// A level change as recorded: from, to and why. Levels may go up or down in
/// any step; what matters is that every change is explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChange {
    pub from: Level,
    pub to: Level,
    pub reason: String,
}

impl LevelChange {
    pub fn new(from: Level, to: Level, reason: &str) -> Result<LevelChange, LevelError> {
        if from == to {
            return Err(LevelError::Unchanged);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(LevelError::NoReason);
        }
        if reason.chars().count() > crate::text::MAX_TEXT {
            return Err(LevelError::ReasonTooLong);
        }
        Ok(LevelChange {
            from,
            to,
            reason: reason.to_string(),
        })
    }

    pub fn is_escalation(&self) -> bool {
        self.to > self.from
    }
}

/// Why a relay log was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosingReason {
    GoalsReached,
    ConsentWithdrawn,
    /// The work continues in an individual plan with a coordinator.
    MovedToIndividualPlan,
}

impl crate::org::Coded for ClosingReason {
    const ALL: &'static [Self] = &[
        Self::GoalsReached,
        Self::ConsentWithdrawn,
        Self::MovedToIndividualPlan,
    ];
    const MESSAGE_PREFIX: &'static str = "closing";

    fn code(self) -> &'static str {
        match self {
            Self::GoalsReached => "goals_reached",
            Self::ConsentWithdrawn => "consent_withdrawn",
            Self::MovedToIndividualPlan => "moved_to_individual_plan",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_one_to_three() {
        assert_eq!(Level::try_from(2), Ok(Level::Two));
        assert_eq!(Level::try_from(0), Err(LevelError::OutOfRange));
        assert_eq!(Level::try_from(4), Err(LevelError::OutOfRange));
        assert!(Level::Three.reassess_holder() && !Level::Two.reassess_holder());
    }

    #[test]
    fn every_change_has_a_reason_and_a_direction() {
        let up = LevelChange::new(Level::One, Level::Three, " PPT og BUP trengs ").expect("valid");
        assert!(up.is_escalation());
        assert_eq!(up.reason, "PPT og BUP trengs");
        let down = LevelChange::new(Level::Three, Level::Two, "bedring").expect("valid");
        assert!(!down.is_escalation());
        assert_eq!(
            LevelChange::new(Level::Two, Level::Two, "x"),
            Err(LevelError::Unchanged)
        );
        assert_eq!(
            LevelChange::new(Level::One, Level::Two, "  "),
            Err(LevelError::NoReason)
        );
        assert_eq!(
            LevelChange::new(Level::One, Level::Two, &"x".repeat(4001)),
            Err(LevelError::ReasonTooLong)
        );
    }
}
