//! The scenario file format (RON, `format: 1`): parse with located errors, check against a
//! dataset, write, save atomically, and resolve the dataset path the file refers to.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::dataset_file::{check_header, from_ron, to_ron_text};
use super::error::{ErrorKind, LoadError, Location};
use super::outline::outline;
use super::{FORMAT_VERSION, FileKind, load_dataset};
use crate::model::scenario::{ScenarioProblem, view_problems};
use crate::model::{Dataset, Edit, GrowthRule, SavedView, Scenario, apply};

/// The file form of a scenario; field order is the order written.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
struct ScenarioFile {
    format: u32,
    name: String,
    dataset: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    edits: Vec<Edit>,
    #[serde(default)]
    growth: Vec<GrowthRule>,
    #[serde(default)]
    view: Option<SavedView>,
}

impl From<ScenarioFile> for Scenario {
    fn from(file: ScenarioFile) -> Self {
        Scenario {
            name: file.name,
            dataset: file.dataset,
            notes: file.notes,
            edits: file.edits,
            growth: file.growth,
            view: file.view,
        }
    }
}

/// Reads a scenario file (not its dataset). Never panics; every error names the file and,
/// where the problem has one, the line and column.
pub fn load_scenario(path: &Path) -> Result<Scenario, LoadError> {
    load_scenario_text(path).map(|(_, scenario)| scenario)
}

/// Reads a scenario file and also returns its text (for [`check_scenario`] and
/// [`load_scenario_dataset`], which point into it).
pub fn load_scenario_text(path: &Path) -> Result<(String, Scenario), LoadError> {
    let shown = path.display().to_string();
    let text = super::read_input(path, Some(FileKind::Scenario))?;
    let scenario = parse_scenario(&shown, &text)?;
    Ok((text, scenario))
}

/// Parses scenario text; `shown` is the file name used in messages. This checks the file's
/// form only: ids and values are checked against a dataset by [`check_scenario`].
pub fn parse_scenario(shown: &str, text: &str) -> Result<Scenario, LoadError> {
    check_header(shown, text, FileKind::Scenario)?;
    let file: ScenarioFile = from_ron(shown, text)?;
    Ok(file.into())
}

/// Checks `scenario` (parsed from `text`) against `dataset`: every problem [`apply`] finds
/// and every unknown id of the saved view, each located in the file.
pub fn check_scenario(
    shown: &str,
    text: &str,
    scenario: &Scenario,
    dataset: &Dataset,
) -> Result<(), LoadError> {
    let applied = apply(dataset, scenario);
    let mut problems: Vec<ScenarioProblem> = applied.problems().to_vec();
    if let Some(view) = &scenario.view {
        problems.extend(view_problems(view, dataset));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(scenario_problems_error(shown, text, &problems))
}

/// Turns scenario problems into one located diagnostic each.
pub fn scenario_problems_error(shown: &str, text: &str, problems: &[ScenarioProblem]) -> LoadError {
    super::outline::located_error(
        shown,
        text,
        problems.iter().flat_map(|p| {
            let main = super::outline::ListProblem {
                kind: ErrorKind::Scenario(p.kind),
                list: p.list,
                position: p.position,
                field: p.field,
                message: p.to_string(),
            };
            // The other entry of the pair, at its own place.
            let related = p.related.map(|other| super::outline::ListProblem {
                kind: ErrorKind::Scenario(p.kind),
                list: p.list,
                position: other,
                field: None,
                message: format!(
                    "{}[{other}]: the entry {}[{}] overlaps (see above)",
                    p.list, p.list, p.position
                ),
            });
            std::iter::once(main).chain(related)
        }),
    )
}

/// How a scenario made on the bundled dataset names it (no file path exists for it).
pub const BUNDLED_REFERENCE: &str = "bundled:chongqing.ron";

/// What a scenario's `dataset:` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatasetRef {
    /// The dataset compiled into the program ([`BUNDLED_REFERENCE`]).
    Bundled,
    /// A file, resolved against the scenario file's folder when written relative.
    File(PathBuf),
}

/// The one resolver of dataset references, used by every command and the window.
pub fn dataset_ref_of(scenario_path: &Path, scenario: &Scenario) -> DatasetRef {
    if scenario.dataset == BUNDLED_REFERENCE {
        DatasetRef::Bundled
    } else {
        DatasetRef::File(dataset_path_of(scenario_path, scenario))
    }
}

/// Loads the dataset a scenario refers to, `bundled:` included ([`dataset_ref_of`]): the
/// file's path (`None` for the bundled data) and the dataset. Errors as
/// [`load_scenario_dataset`].
pub fn load_referenced_dataset(
    scenario_path: &Path,
    text: &str,
    scenario: &Scenario,
) -> Result<(Option<PathBuf>, Dataset), LoadError> {
    match dataset_ref_of(scenario_path, scenario) {
        DatasetRef::Bundled => crate::bundled_dataset().map(|d| (None, d)),
        DatasetRef::File(_) => {
            load_scenario_dataset(scenario_path, text, scenario).map(|(p, d)| (Some(p), d))
        }
    }
}

/// Loads the dataset file a scenario refers to (its path resolved by [`dataset_path_of`];
/// for `bundled:` use [`load_referenced_dataset`]).
///
/// A dataset that cannot be read, or is not a dataset at all (a scenario, the scenario
/// itself), is reported against the scenario file, at its `dataset` value, naming both
/// files. A dataset that can be read but is not valid gives the dataset's own error (its
/// path is the dataset's, its locations are in the dataset file).
pub fn load_scenario_dataset(
    scenario_path: &Path,
    text: &str,
    scenario: &Scenario,
) -> Result<(PathBuf, Dataset), LoadError> {
    let path = dataset_path_of(scenario_path, scenario);
    let at = || {
        outline(text)
            .value_of("dataset")
            .map(|at| Location::of_offset(text, at))
    };
    let shown = scenario_path.display().to_string();
    match load_dataset(&path) {
        Ok(dataset) => Ok((path, dataset)),
        Err(err) if err.kind() == ErrorKind::Io => {
            let reason = err
                .diagnostics
                .first()
                .map_or("cannot read it", |d| d.message.as_str())
                .trim_start_matches("cannot read the file: ")
                .to_owned();
            Err(LoadError::single(
                &shown,
                ErrorKind::Io,
                at(),
                format!(
                    "cannot read the scenario's dataset \"{}\" ({}): {reason}",
                    scenario.dataset,
                    path.display()
                ),
            ))
        }
        Err(err) if err.kind() == ErrorKind::WrongFileKind => {
            let what = if super::sniff_file_kind(&path) == Some(FileKind::Scenario) {
                if same_file(&path, scenario_path) {
                    "is this scenario itself, not a dataset file"
                } else {
                    "is a scenario file, not a dataset file"
                }
            } else {
                "is not a dataset file"
            };
            Err(LoadError::single(
                &shown,
                ErrorKind::WrongFileKind,
                at(),
                format!(
                    "the scenario's `dataset:` \"{}\" ({}) {what}; `dataset:` must name the \
                     dataset file the scenario changes (or \"{BUNDLED_REFERENCE}\")",
                    scenario.dataset,
                    path.display()
                ),
            ))
        }
        Err(err) => Err(err),
    }
}

/// True when two paths name the same existing file (same device and inode on Unix, else the
/// same canonical path).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The scenario as RON text in the documented format: one line per edit and growth rule.
pub fn scenario_to_ron(scenario: &Scenario) -> String {
    let file = ScenarioFile {
        format: FORMAT_VERSION,
        name: scenario.name.clone(),
        dataset: scenario.dataset.clone(),
        notes: scenario.notes.clone(),
        edits: scenario.edits.clone(),
        growth: scenario.growth.clone(),
        view: scenario.view.clone(),
    };
    to_ron_text("Scenario", &file)
}

/// Writes the scenario to `path` atomically: on failure the previous file is untouched.
/// Refused, with nothing written, when `path` is the dataset the scenario refers to, or
/// holds a dataset now ([`super::write_output`] rules otherwise).
pub fn save_scenario(path: &Path, scenario: &Scenario) -> std::io::Result<()> {
    if super::sniff_file_kind(path) == Some(FileKind::Dataset) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "it holds a dataset, which a scenario never replaces; choose another name",
        ));
    }
    let dataset = match dataset_ref_of(path, scenario) {
        DatasetRef::File(dataset) => Some(dataset),
        DatasetRef::Bundled => None,
    };
    let inputs: Vec<&Path> = dataset.iter().map(PathBuf::as_path).collect();
    super::write_output(path, &inputs, scenario_to_ron(scenario).as_bytes())
}

/// The dataset file a scenario refers to: its `dataset` as written, resolved against the
/// scenario file's folder when relative.
pub fn dataset_path_of(scenario_path: &Path, scenario: &Scenario) -> PathBuf {
    let written = Path::new(&scenario.dataset);
    if written.is_absolute() {
        return written.to_path_buf();
    }
    match scenario_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(written),
        _ => written.to_path_buf(),
    }
}

/// How a scenario saved at `scenario_path` should name `dataset_path`: relative to the
/// scenario's folder with `/` separators (`../chongqing.ron`) when the two share more than
/// the file-system root, else absolute. Relative inputs are taken from the current folder;
/// `.` and `..` are resolved by name (symbolic links are not followed).
pub fn relative_dataset_path(scenario_path: &Path, dataset_path: &Path) -> String {
    let dataset = lexical_absolute(dataset_path);
    let dir = lexical_absolute(scenario_path);
    let dir: Vec<Component<'_>> = {
        let mut parts: Vec<Component<'_>> = dir.components().collect();
        parts.pop(); // the scenario's file name
        parts
    };
    let target: Vec<Component<'_>> = dataset.components().collect();
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let shares_a_folder = dir[..common]
        .iter()
        .any(|c| matches!(c, Component::Normal(_)));
    if !shares_a_folder {
        return dataset.display().to_string();
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); dir.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// `path` made absolute against the current folder, with `.` and `..` resolved by name.
fn lexical_absolute(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
