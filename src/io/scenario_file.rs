//! The scenario file format (RON, `format: 1`): parse with located errors, check against a
//! dataset, write, save atomically, and resolve the dataset path the file refers to.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::dataset_file::{check_header, decode_utf8, from_ron, to_ron_text};
use super::error::{ErrorKind, LoadError, Location};
use super::outline::outline;
use super::{FORMAT_VERSION, FileKind, load_dataset, write_atomic};
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
    let shown = path.display().to_string();
    let bytes = read_bytes(&shown, path)?;
    let text = decode_utf8(&shown, &bytes)?;
    parse_scenario(&shown, text)
}

/// Reads a scenario file and also returns its text (for [`check_scenario`] and
/// [`load_scenario_dataset`], which point into it).
pub fn load_scenario_text(path: &Path) -> Result<(String, Scenario), LoadError> {
    let shown = path.display().to_string();
    let bytes = read_bytes(&shown, path)?;
    let text = decode_utf8(&shown, &bytes)?.to_owned();
    let scenario = parse_scenario(&shown, &text)?;
    Ok((text, scenario))
}

fn read_bytes(shown: &str, path: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(path).map_err(|e| {
        LoadError::single(
            shown,
            ErrorKind::Io,
            None,
            format!("cannot read the file: {e}"),
        )
    })
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
        problems.iter().map(|p| super::outline::ListProblem {
            kind: ErrorKind::Scenario(p.kind),
            list: p.list,
            position: p.position,
            field: p.field,
            message: p.to_string(),
        }),
    )
}

/// Loads the dataset a scenario refers to (its path resolved by [`dataset_path_of`]).
///
/// A dataset that cannot be read is reported against the scenario file, at its `dataset`
/// field, naming both files. A dataset that can be read but is not valid gives the dataset's
/// own error (its path is the dataset's, its locations are in the dataset file).
pub fn load_scenario_dataset(
    scenario_path: &Path,
    text: &str,
    scenario: &Scenario,
) -> Result<(PathBuf, Dataset), LoadError> {
    let path = dataset_path_of(scenario_path, scenario);
    match load_dataset(&path) {
        Ok(dataset) => Ok((path, dataset)),
        Err(err) if err.kind() == ErrorKind::Io => {
            let reason = err
                .diagnostics
                .first()
                .map_or("cannot read it", |d| d.message.as_str())
                .trim_start_matches("cannot read the file: ")
                .to_owned();
            let at = outline(text)
                .value_of("dataset")
                .map(|at| Location::of_offset(text, at));
            Err(LoadError::single(
                &scenario_path.display().to_string(),
                ErrorKind::Io,
                at,
                format!(
                    "cannot read the scenario's dataset \"{}\" ({}): {reason}",
                    scenario.dataset,
                    path.display()
                ),
            ))
        }
        Err(err) => Err(err),
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
pub fn save_scenario(path: &Path, scenario: &Scenario) -> std::io::Result<()> {
    write_atomic(path, scenario_to_ron(scenario).as_bytes())
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
