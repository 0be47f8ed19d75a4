//! The data model: datasets, scenarios and the analysis over them.
//!
//! Nothing here knows about files, charts or egui: every type is plain data with rules.

pub mod dataset;
pub mod validate;

pub use dataset::{
    Better, Dataset, Indicator, IndicatorIdx, Observation, ObservationKind, ObservationRecord,
    Region, RegionIdx, Source, SourceIdx,
};
pub use validate::{Problem, ProblemKind};
