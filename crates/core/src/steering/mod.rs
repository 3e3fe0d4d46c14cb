//! Steering: the figures leaders see about groups of children, never about a
//! person. The store keeps counts; this module holds the rules that turn
//! counts into figures: the intervention ladder, the five bottom lines, the
//! age bands, small-count suppression and percentiles from a histogram.

mod bands;
mod histogram;
mod ladder;
mod lines;
mod measure_type;
mod step;
mod suppress;

pub use bands::{AgeBand, Period, PeriodError};
pub use histogram::{Histogram, MAX_DAYS};
pub use ladder::{Ladder, LadderError};
pub use lines::BottomLine;
pub use measure_type::{
    MeasureKind, MeasureType, MeasureTypeCode, MeasureTypeDraft, MeasureTypeError,
    MeasureTypeFields, parse_cost, parse_step, suggested,
};
pub use step::{LadderStep, STEPS};
pub use suppress::{Cell, MIN_SHOWN, suppress};
