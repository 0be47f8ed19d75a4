//! Files: RON datasets (load, save atomically), error locations, format versions.

pub mod atomic;
pub mod dataset_file;
pub mod error;
pub mod outline;

pub use atomic::write_atomic;
pub use dataset_file::{dataset_to_ron, load_dataset, parse_dataset, save_dataset};
pub use error::{Diagnostic, ErrorKind, LoadError, Location};

/// The newest file format this program reads and writes.
pub const FORMAT_VERSION: u32 = 1;

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
