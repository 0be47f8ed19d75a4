//! The inputs of a command: a dataset (`--data`, else the scenario's, else the bundled one)
//! and an optional scenario checked against it, with every file read, which no output may
//! replace.

use std::path::{Path, PathBuf};

use crate::io::{DatasetRef, LoadError};
use crate::model::Dataset;
use crate::model::scenario::Scenario;

/// What a command reads.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The dataset.
    pub dataset: Dataset,
    /// The scenario, when one was given.
    pub scenario: Option<Scenario>,
    /// The files read (and the dataset a scenario names even when `--data` replaces it):
    /// an output must be none of them.
    pub files: Vec<PathBuf>,
}

impl Inputs {
    /// The files read, as paths.
    pub fn file_paths(&self) -> Vec<&Path> {
        self.files.iter().map(PathBuf::as_path).collect()
    }
}

/// Loads the dataset and the scenario. A scenario entry that does not fit the dataset is an
/// error, as in `yardstick validate`.
///
/// # Errors
/// The [`LoadError`] of the first file that cannot be read or is not valid.
pub fn load_inputs(data: Option<&Path>, scenario: Option<&Path>) -> Result<Inputs, LoadError> {
    let Some(scenario_path) = scenario else {
        let (dataset, files) = match data {
            Some(path) => (crate::io::load_dataset(path)?, vec![path.to_path_buf()]),
            None => (crate::bundled_dataset()?, Vec::new()),
        };
        return Ok(Inputs {
            dataset,
            scenario: None,
            files,
        });
    };
    let (text, scenario) = crate::io::load_scenario_text(scenario_path)?;
    let mut files = vec![scenario_path.to_path_buf()];
    let dataset = match data {
        Some(path) => {
            files.push(path.to_path_buf());
            if let DatasetRef::File(named) = crate::io::dataset_ref_of(scenario_path, &scenario) {
                files.push(named);
            }
            crate::io::load_dataset(path)?
        }
        None => {
            let (path, dataset) =
                crate::io::load_referenced_dataset(scenario_path, &text, &scenario)?;
            files.extend(path);
            dataset
        }
    };
    let shown = scenario_path.display().to_string();
    crate::io::check_scenario(&shown, &text, &scenario, &dataset)?;
    Ok(Inputs {
        dataset,
        scenario: Some(scenario),
        files,
    })
}
