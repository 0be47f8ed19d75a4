//! Yardstick: compare development indicators across regions, years and what-if scenarios.
//!
//! `model` is pure data and rules; `io` reads and writes files; `chart` describes charts;
//! `ui` is the egui front end over all of them.

pub mod chart;
pub mod io;
pub mod lang;
pub mod model;
pub mod ui;

/// The bundled default dataset, compiled into the binary so the app works from any folder.
pub const BUNDLED_DATASET: &str = include_str!("../data/chongqing.ron");

/// The file name shown for the bundled dataset.
pub const BUNDLED_NAME: &str = "data/chongqing.ron";

/// Parses the bundled dataset.
pub fn bundled_dataset() -> Result<model::Dataset, io::LoadError> {
    io::parse_dataset(BUNDLED_NAME, BUNDLED_DATASET)
}
