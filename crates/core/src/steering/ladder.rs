//! The intervention ladder (Indsatstrappen): six steps from the least to the
//! most intrusive help. A municipality names the steps and says which step
//! each kind of measure belongs to: its own measure types, and for a measure
//! written without a type, the service of the unit responsible for it.

use std::collections::BTreeMap;

use super::measure_type::{MeasureKind, MeasureType, MeasureTypeCode};
use super::step::{LadderStep, STEPS};
use crate::org::{Coded, ServiceType};

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
    /// The municipality's own measure types, in their list order.
    types: Vec<MeasureType>,
    /// The municipality's names for the steps; `None` keeps the default.
    names: [Option<String>; STEPS as usize],
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
        Ladder {
            steps,
            types: Vec::new(),
            names: Default::default(),
        }
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

    /// The step of a measure of this kind.
    pub fn step_of_kind(&self, kind: &MeasureKind) -> LadderStep {
        match kind {
            MeasureKind::Service(t) => self.step_of(*t),
            MeasureKind::Typed(code) => self
                .measure_type(code)
                .map(|t| t.step)
                .unwrap_or(LadderStep(1)),
        }
    }

    /// What a measure counts as: its type when the municipality has that
    /// type, else the service of the unit responsible; `None` without either.
    pub fn kind_of(
        &self,
        measure_type: Option<&MeasureTypeCode>,
        unit_service: Option<ServiceType>,
    ) -> Option<MeasureKind> {
        match measure_type.filter(|c| self.measure_type(c).is_some()) {
            Some(code) => Some(MeasureKind::Typed(code.clone())),
            None => unit_service.map(MeasureKind::Service),
        }
    }

    /// The step of a set of measures: the highest, as a child is as far up
    /// the ladder as its most intrusive measure; `None` with no measure.
    pub fn step_of_all<'a>(
        &self,
        kinds: impl IntoIterator<Item = &'a MeasureKind>,
    ) -> Option<LadderStep> {
        kinds.into_iter().map(|k| self.step_of_kind(k)).max()
    }

    /// The municipality's measure types, in list order.
    pub fn measure_types(&self) -> &[MeasureType] {
        &self.types
    }

    pub fn measure_type(&self, code: &MeasureTypeCode) -> Option<&MeasureType> {
        self.types.iter().find(|t| &t.code == code)
    }

    pub fn with_types(mut self, types: Vec<MeasureType>) -> Ladder {
        self.types = types;
        self
    }

    /// The municipality's name of a step, if it gave one.
    pub fn name_of(&self, step: LadderStep) -> Option<&str> {
        self.names[usize::from(step.0) - 1].as_deref()
    }

    /// Names the steps; a blank name keeps the default.
    pub fn with_names(mut self, names: [Option<String>; STEPS as usize]) -> Ladder {
        self.names = names.map(|n| {
            n.map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|n| !n.is_empty())
        });
        self
    }

    pub fn names(&self) -> &[Option<String>; STEPS as usize] {
        &self.names
    }

    /// The stored form of the names: one line per step, blank for the default.
    pub fn names_to_setting(&self) -> String {
        self.names
            .iter()
            .map(|n| n.as_deref().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn names_from_setting(text: &str) -> [Option<String>; STEPS as usize] {
        let mut out: [Option<String>; STEPS as usize] = Default::default();
        for (slot, line) in out.iter_mut().zip(text.split('\n')) {
            let line = line.trim();
            *slot = (!line.is_empty()).then(|| line.to_string());
        }
        out
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
        let kinds = [
            MeasureKind::Service(ServiceType::School),
            MeasureKind::Service(ServiceType::Ppt),
        ];
        assert_eq!(l.step_of_all(&kinds), LadderStep::new(2));
    }

    #[test]
    fn typed_measures_take_their_types_step_and_unknown_types_fall_back() {
        let foster = MeasureTypeCode::parse("fosterhjem").expect("code");
        let l = Ladder::default().with_types(vec![MeasureType {
            code: foster.clone(),
            name: "Fosterhjem".into(),
            step: LadderStep(5),
            cost: None,
            active: true,
        }]);
        let kind = l.kind_of(Some(&foster), Some(ServiceType::ChildWelfare));
        assert_eq!(kind, Some(MeasureKind::Typed(foster.clone())));
        let school = l.kind_of(None, Some(ServiceType::School));
        let kinds = [kind.expect("typed"), school.clone().expect("service")];
        assert_eq!(l.step_of_all(&kinds), LadderStep::new(5));
        let gone = MeasureTypeCode::parse("borte").expect("code");
        assert_eq!(l.kind_of(Some(&gone), Some(ServiceType::School)), school);
        assert_eq!(l.kind_of(Some(&gone), None), None);
    }

    #[test]
    fn step_names_round_trip_and_blank_keeps_the_default() {
        let l = Ladder::default().with_names([
            Some(" Universell  hjelp ".into()),
            None,
            Some("  ".into()),
            None,
            None,
            Some("Døgn".into()),
        ]);
        assert_eq!(l.name_of(LadderStep(1)), Some("Universell hjelp"));
        assert_eq!(l.name_of(LadderStep(3)), None);
        let back = Ladder::default().with_names(Ladder::names_from_setting(&l.names_to_setting()));
        assert_eq!(back, l);
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
