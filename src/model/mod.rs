//! The data model: datasets, scenarios and the analysis over them.
//!
//! Nothing here knows about files, charts or egui: every type is plain data with rules.

pub mod analysis;
pub mod cell_value;
pub mod columns;
pub mod compare;
pub mod dataset;
pub mod dataset_history;
pub mod derived_indicators;
pub mod document;
mod english;
pub(crate) mod fasthash;
mod hierarchy;
pub mod latest;
pub mod levels;
pub mod qualifier;
pub mod ranking;
pub mod records;
pub mod scenario;
pub mod search;
mod store;
pub mod synthetic;
pub mod target_rows;
pub mod targets;
pub mod validate;
pub mod values;
pub mod view;

pub use dataset::{
    Better, Dataset, DatasetBuilder, DatasetParts, Indicator, IndicatorIdx, Observation,
    ObservationEntry, ObservationKey, ObservationKind, ObservationRecord, Region, RegionIdx,
    SeriesRecord, Source, SourceIdx,
};
pub use qualifier::{Bound, Measure, format_value, months_label};
pub use records::format_observation;
pub use scenario::{
    Applied, Cell, CellKey, Edit, Effective, GrowthRule, Origin, SavedView, Scenario,
    ScenarioProblem, ScenarioProblemKind, apply,
};
pub use validate::{
    Place, Problem, ProblemKind, YEAR_MAX, YEAR_MIN, clamp_years, months_problem, year_problem,
};
pub use view::{ChartKind, ViewMode};
