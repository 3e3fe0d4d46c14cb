//! The intervention ladder (Indsatstrappen): six steps from the least to the
//! most intrusive help. A municipality names the steps and says which step
//! each kind of measure belongs to. A measure's type is the kind of service
//! of the unit responsible for it (the relay log types measures that way).

use std::collections::BTreeMap;

use crate::org::{Coded, ServiceType};

/// The number of steps on the ladder.
pub const STEPS: u8 = 6;

/// One step, 1 (least intrusive) to 6 (most intrusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LadderStep(u8);

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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LadderError {
    #[error("unknown measure type {0}")]
    UnknownType(String),
    #[error("a ladder step is a number from 1 to 6")]
    BadStep,
}

impl LadderError {
    pub fn message_key(&self) -> &'static str {
        match self {
            LadderError::UnknownType(_) => "steering-error-measure-type",
            LadderError::BadStep => "steering-error-step",
        }
    }
}

/// Which step each measure type belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    steps: BTreeMap<ServiceType, LadderStep>,
}

impl Default for Ladder {
    /// Universal services are early help (1); health station, PPT, NAV and
    /// the coordinating unit give preventive measures (2); mental health, GP
    /// and leisure work at home and around it (3); BUP is specialist help
    /// around the home (3); child welfare measures start at home (3).
    /// Steps 4–6 (kin, foster care, institution) are child welfare's
    /// placements, which a municipality maps when it types them.
    fn default() -> Ladder {
        use ServiceType::*;
        let step = |n| LadderStep(n);
        let steps = [
            (Kindergarten, step(1)),
            (School, step(1)),
            (Leisure, step(1)),
            (HealthStation, step(2)),
            (Ppt, step(2)),
            (Nav, step(2)),
            (CoordinatingUnit, step(2)),
            (Gp, step(2)),
            (MentalHealth, step(3)),
            (Bup, step(3)),
            (ChildWelfare, step(3)),
        ]
        .into_iter()
        .collect();
        Ladder { steps }
    }
}

impl Ladder {
    /// The step of a measure of this type.
    pub fn step_of(&self, measure_type: ServiceType) -> LadderStep {
        self.steps
            .get(&measure_type)
            .copied()
            .unwrap_or(LadderStep(1))
    }

    /// The step of a set of measures: the highest, as a child is as far up
    /// the ladder as its most intrusive measure; `None` with no measure.
    pub fn step_of_all(&self, types: impl IntoIterator<Item = ServiceType>) -> Option<LadderStep> {
        types.into_iter().map(|t| self.step_of(t)).max()
    }

    /// Moves one measure type to another step.
    pub fn set(&mut self, measure_type: ServiceType, step: LadderStep) {
        self.steps.insert(measure_type, step);
    }

    /// Stored form: `type=step` pairs separated by commas.
    pub fn to_setting(&self) -> String {
        self.steps
            .iter()
            .map(|(t, s)| format!("{}={}", t.code(), s.0))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads the stored form over the default, so a missing type keeps its
    /// default step.
    pub fn from_setting(text: &str) -> Result<Ladder, LadderError> {
        let mut ladder = Ladder::default();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (code, step) = pair.split_once('=').ok_or(LadderError::BadStep)?;
            let t = ServiceType::from_code(code)
                .ok_or_else(|| LadderError::UnknownType(code.trim().to_string()))?;
            let n: i64 = step.trim().parse().map_err(|_| LadderError::BadStep)?;
            ladder.set(t, LadderStep::new(n).ok_or(LadderError::BadStep)?);
        }
        Ok(ladder)
    }

    /// The measure types of each step, for the settings page and the
    /// spending per step.
    pub fn types_of(&self, step: LadderStep) -> Vec<ServiceType> {
        ServiceType::ALL
            .iter()
            .copied()
            .filter(|t| self.step_of(*t) == step)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_puts_universal_services_first() {
        let l = Ladder::default();
        assert_eq!(l.step_of(ServiceType::School).number(), 1);
        assert_eq!(l.step_of(ServiceType::ChildWelfare).number(), 3);
        assert_eq!(l.step_of_all([]), None);
        assert_eq!(
            l.step_of_all([ServiceType::School, ServiceType::Ppt]),
            LadderStep::new(2)
        );
    }

    #[test]
    fn setting_round_trips_and_refuses_nonsense() {
        let mut l = Ladder::default();
        l.set(ServiceType::ChildWelfare, LadderStep(5));
        assert_eq!(Ladder::from_setting(&l.to_setting()), Ok(l));
        assert_eq!(
            Ladder::from_setting("child_welfare=4").map(|l| l.step_of(ServiceType::ChildWelfare)),
            Ok(LadderStep(4))
        );
        assert_eq!(Ladder::from_setting("school=7"), Err(LadderError::BadStep));
        assert_eq!(Ladder::from_setting("school"), Err(LadderError::BadStep));
        assert!(matches!(
            Ladder::from_setting("zoo=1"),
            Err(LadderError::UnknownType(_))
        ));
        assert_eq!(LadderStep::new(0), None);
        assert_eq!(LadderStep::all().count(), 6);
    }
}
