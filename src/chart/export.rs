//! Export requests shared by the command line and the GUI: resolve ids into a selection,
//! then write SVG, PNG or CSV atomically (nothing is half-written).

use std::path::Path;

use super::render::{ExportSize, render_png, render_svg};
use super::{ChartKind, ChartSpec, Selection, ViewMode, auto_years, csv};
use crate::model::{Dataset, year_problem};

/// A file format an export can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Vector chart, text kept as text.
    Svg,
    /// Raster chart.
    Png,
    /// The data behind the chart.
    Csv,
}

impl ExportFormat {
    /// The format named by a file's extension (`.svg`, `.png`, `.csv`, any case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// Why an export did not happen. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// An id or a year range does not fit the data (exit code 1).
    #[error("{0}")]
    BadRequest(String),
    /// The output name has no known extension (exit code 2).
    #[error("{0}: the output must end in .svg, .png or .csv")]
    UnknownFormat(String),
    /// Drawing failed.
    #[error("cannot draw the chart: {0}")]
    Render(String),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The output file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// What to export, with ids as the user typed them.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// Indicator id.
    pub indicator: String,
    /// Region ids; `None` means every region of the dataset.
    pub regions: Option<Vec<String>>,
    /// First and last year; `None` means automatic (as in the GUI).
    pub years: Option<(i32, i32)>,
    /// Bar or line.
    pub kind: ChartKind,
    /// View mode.
    pub mode: ViewMode,
    /// Logarithmic value axis.
    pub log_scale: bool,
}

fn sorted_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    ids.join(", ")
}

/// Resolves the request's ids against `dataset`; unknown ids name the valid ones.
pub fn resolve(dataset: &Dataset, request: &ExportRequest) -> Result<Selection, ExportError> {
    let indicator = dataset.indicator_by_id(&request.indicator).ok_or_else(|| {
        ExportError::BadRequest(format!(
            "unknown indicator \"{}\"; valid indicators: {}",
            request.indicator,
            sorted_ids(dataset.indicators().iter().map(|i| i.id.as_str()))
        ))
    })?;
    let regions = match &request.regions {
        None => dataset.region_indices().collect(),
        Some(ids) => {
            let mut regions = Vec::new();
            for id in ids {
                let region = dataset.region_by_id(id).ok_or_else(|| {
                    ExportError::BadRequest(format!(
                        "unknown region \"{id}\"; valid regions: {}",
                        sorted_ids(dataset.regions().iter().map(|r| r.id.as_str()))
                    ))
                })?;
                if !regions.contains(&region) {
                    regions.push(region);
                }
            }
            regions
        }
    };
    if regions.is_empty() {
        return Err(ExportError::BadRequest("no region selected".into()));
    }
    let years = match request.years {
        Some((a, b)) if a > b => {
            return Err(ExportError::BadRequest(format!(
                "the year range {a}..{b} runs backwards"
            )));
        }
        Some((a, b)) => {
            if let Some(message) = year_problem(a).or_else(|| year_problem(b)) {
                return Err(ExportError::BadRequest(format!(
                    "the years {a}..{b}: {message}"
                )));
            }
            (a, b)
        }
        None => auto_years(dataset, indicator, &regions, request.kind).ok_or_else(|| {
            ExportError::BadRequest(format!("indicator \"{}\" has no data", request.indicator))
        })?,
    };
    Ok(Selection {
        indicator,
        regions,
        years,
        kind: request.kind,
        mode: request.mode,
        log_scale: request.log_scale,
    })
}

/// A `--year` value: a whole number within `YEAR_MIN..=YEAR_MAX`; the message of an `Err` is
/// for a usage error (exit 2).
pub fn parse_year_arg(text: &str) -> Result<i32, String> {
    let year = text
        .trim()
        .parse::<i64>()
        .map_err(|_| format!("\"{text}\" is not a year"))?;
    let (min, max) = (crate::model::YEAR_MIN, crate::model::YEAR_MAX);
    i32::try_from(year)
        .ok()
        .filter(|y| (min..=max).contains(y))
        .ok_or_else(|| format!("year {year} is outside {min}..{max}"))
}

/// A `--years` value: `A..B` (or `A..=B`), both years as [`parse_year_arg`], A not after B.
pub fn parse_years_arg(text: &str) -> Result<(i32, i32), String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("\"{text}\" is not a year span like 2018..2025"))?;
    let (a, b) = (
        parse_year_arg(a)?,
        parse_year_arg(b.trim_start_matches('='))?,
    );
    if a > b {
        return Err(format!("the year span {a}..{b} runs backwards"));
    }
    Ok((a, b))
}

/// A `--width` / `--height` value: pixels within `MIN_SIZE..=MAX_SIZE` of the renderer.
pub fn parse_size_arg(text: &str) -> Result<u32, String> {
    use super::render::{MAX_SIZE, MIN_SIZE};
    text.trim()
        .parse::<u64>()
        .ok()
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| (MIN_SIZE..=MAX_SIZE).contains(v))
        .ok_or_else(|| format!("\"{text}\" is not a size in pixels from {MIN_SIZE} to {MAX_SIZE}"))
}

/// The file's bytes for `spec` in `format`.
pub fn export_bytes(
    spec: &ChartSpec,
    format: ExportFormat,
    size: ExportSize,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Svg => render_svg(spec, size).map(String::into_bytes),
        ExportFormat::Png => render_png(spec, size),
        ExportFormat::Csv => Ok(csv::to_csv(spec).into_bytes()),
    }
    .map_err(|e| ExportError::Render(e.to_string()))
}

/// Writes `spec` to `path` in the format its extension names, atomically. An empty chart
/// is refused: an export with nothing in it is never what the user wanted. So is an output
/// that holds a Yardstick dataset or scenario now: an export never replaces one.
pub fn export_to_file(
    spec: &ChartSpec,
    path: &Path,
    size: ExportSize,
) -> Result<ExportFormat, ExportError> {
    export_to_file_from(spec, path, size, &[])
}

/// [`export_to_file`], refusing also an output that is one of `inputs` (the files the chart
/// was made from), whatever its name: nothing is written then.
pub fn export_to_file_from(
    spec: &ChartSpec,
    path: &Path,
    size: ExportSize,
    inputs: &[&Path],
) -> Result<ExportFormat, ExportError> {
    let shown = path.display().to_string();
    let format =
        ExportFormat::from_path(path).ok_or_else(|| ExportError::UnknownFormat(shown.clone()))?;
    if spec.is_empty() {
        return Err(ExportError::BadRequest(format!(
            "nothing to export: no data for {} in the selection (no data: {})",
            spec.indicator_id,
            spec.no_data.join(", ")
        )));
    }
    crate::io::atomic::refuse_inputs(path, inputs).map_err(|source| ExportError::Io {
        path: shown.clone(),
        source,
    })?;
    if let Some(kind) = crate::io::sniff_file_kind(path) {
        return Err(ExportError::Io {
            path: shown,
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "it holds a Yardstick {} file, which an export never replaces; choose another name",
                    match kind {
                        crate::io::FileKind::Dataset => "dataset",
                        crate::io::FileKind::Scenario => "scenario",
                    }
                ),
            ),
        });
    }
    let bytes = export_bytes(spec, format, size)?;
    crate::io::write_output(path, inputs, &bytes).map_err(|source| ExportError::Io {
        path: shown,
        source,
    })?;
    Ok(format)
}
