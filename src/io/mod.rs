//! Files: RON datasets and scenarios (load, save atomically), error locations, format versions.

pub mod atomic;
pub mod dataset_file;
pub mod error;
pub mod import;
mod observation_scan;
pub mod outline;
pub mod progress;
pub mod read;
pub mod scenario_file;
pub mod series_layout;
mod series_scan;
pub mod tsv;

pub use atomic::{write_atomic, write_output};
pub use dataset_file::{
    ValuesLayout, dataset_to_ron, dataset_to_ron_as, load_dataset, load_dataset_with_progress,
    parse_dataset, save_dataset,
};
pub use error::{Diagnostic, ErrorKind, LoadError, Location};
pub use progress::{Phase, Progress};
pub use read::{MAX_INPUT_BYTES, read_input, sniff_file_kind};
pub use scenario_file::{
    BUNDLED_REFERENCE, DatasetRef, check_scenario, dataset_path_of, dataset_ref_of,
    load_referenced_dataset, load_scenario, load_scenario_dataset, load_scenario_text,
    parse_scenario, relative_dataset_path, same_file, save_scenario, scenario_to_ron,
};

/// The newest scenario file format this program reads and writes (and the dataset format
/// written when no format-2 feature is used).
pub const FORMAT_VERSION: u32 = 1;

/// The newest dataset file format this program reads (DESIGN.md "Dataset format 2").
pub const DATASET_FORMAT: u32 = 2;

/// What a RON file holds, judged by its leading struct name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `Dataset( … )`
    Dataset,
    /// `Scenario( … )`
    Scenario,
}

/// Tells a dataset from a scenario by the first identifier in the text (after comments).
pub fn file_kind(text: &str) -> Option<FileKind> {
    match outline::leading_identifier(text)? {
        "Dataset" => Some(FileKind::Dataset),
        "Scenario" => Some(FileKind::Scenario),
        _ => None,
    }
}
