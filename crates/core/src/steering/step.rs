//! One step of the intervention ladder, 1 (least intrusive) to 6 (most
//! intrusive). The ladder places measure types on steps, and a measure type
//! names its step; both build on this.

/// The number of steps on the ladder.
pub const STEPS: u8 = 6;

/// One step, 1 (least intrusive) to 6 (most intrusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LadderStep(pub(super) u8);

impl LadderStep {
    pub fn new(n: i64) -> Option<LadderStep> {
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=STEPS).contains(n))
            .map(LadderStep)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = LadderStep> {
        (1..=STEPS).map(LadderStep)
    }

    /// The Fluent message id of the default name of this step.
    pub fn message_key(self) -> String {
        format!("steering-step-{}", self.0)
    }
}
