//! The data model: datasets, scenarios and the analysis over them.
//!
//! Nothing here knows about files, charts or egui: every type is plain data with rules.

pub mod analysis;
pub mod cell_value;
pub mod compare;
pub mod dataset;
pub mod document;
pub(crate) mod fasthash;
pub mod ranking;
pub mod scenario;
pub mod synthetic;
pub mod validate;
pub mod view;

pub use dataset::{
    Better, Dataset, Indicator, IndicatorIdx, Observation, ObservationKind, ObservationRecord,
    Region, RegionIdx, Source, SourceIdx,
};
pub use scenario::{
    Applied, Cell, CellKey, Edit, Effective, GrowthRule, Origin, SavedView, Scenario,
    ScenarioProblem, ScenarioProblemKind, apply,
};
pub use validate::{Problem, ProblemKind, YEAR_MAX, YEAR_MIN, clamp_years, year_problem};
pub use view::{ChartKind, ViewMode};
