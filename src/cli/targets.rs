//! `yardstick targets [--data FILE] [--scenario FILE] [--lang zh|en] [--out FILE.csv]`: every
//! target with its latest value, required and recent growth, status and reason, judged on the
//! baseline and (with `--scenario`) on the scenario; a table on stdout, or CSV. Also the
//! tracker chart export (`yardstick export --chart targets`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::chart::csv::{csv_number, text_cell};
use crate::chart::export::{ExportError, export_to_file_from};
use crate::chart::render::ExportSize;
use crate::chart::render::text::is_wide;
use crate::chart::tracker::build_tracker;
use crate::io::LoadError;
use crate::lang::Lang;
use crate::model::Dataset;
use crate::model::scenario::{Scenario, apply};
use crate::model::targets::{
    ScenarioInput, TargetJudgement, TargetRow, bound_code, bounded, judge_targets, measure_code,
    reason, scenario_label, short_pct, status_counts,
};

use super::inputs::{Inputs, load_inputs};

/// The command line of `yardstick targets`.
#[derive(Clone, Debug, clap::Args)]
pub struct TargetsArgs {
    /// Dataset file (default: the scenario's dataset, else the bundled data).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Scenario file: each target is judged on its values beside the baseline.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Language of names and reasons.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
    /// Write CSV here (UTF-8 with BOM) instead of the table on stdout; must end in .csv.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_code(text).ok_or_else(|| format!("unknown language \"{text}\" (use zh or en)"))
}

/// Why `yardstick targets` did not finish. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum TargetsError {
    /// A file could not be read or is not valid (exit 1).
    #[error("{0}")]
    Load(#[from] LoadError),
    /// The output name does not end in .csv (exit 2).
    #[error("yardstick: {0}: the output of `targets` must end in .csv")]
    NotCsv(String),
    /// The output could not be written, or would replace an input (exit 1).
    #[error("yardstick: cannot write {path}: {source}")]
    Write {
        /// The output file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

impl TargetsError {
    /// The exit code DESIGN.md gives: 2 for a usage error, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::NotCsv(_) => 2,
            Self::Load(_) | Self::Write { .. } => 1,
        }
    }
}

/// Runs `yardstick targets`: the text to print on stdout (the table, or with `--out` a line
/// naming the file written and the counts).
///
/// # Errors
/// See [`TargetsError`].
pub fn run(args: &TargetsArgs) -> Result<String, TargetsError> {
    if let Some(out) = &args.out {
        let is_csv = out
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !is_csv {
            return Err(TargetsError::NotCsv(out.display().to_string()));
        }
    }
    let inputs = load_inputs(args.data.as_deref(), args.scenario.as_deref())?;
    let applied = inputs.scenario.as_ref().map(|s| apply(&inputs.dataset, s));
    let scenario = inputs
        .scenario
        .as_ref()
        .zip(applied.as_ref())
        .map(|(scenario, applied)| ScenarioInput { scenario, applied });
    let rows = judge_targets(&inputs.dataset, scenario);
    let lang = args.lang;
    match &args.out {
        None => Ok(table(
            &inputs.dataset,
            &rows,
            inputs.scenario.as_ref(),
            lang,
        )),
        Some(out) => {
            let csv = to_csv(&inputs.dataset, &rows, inputs.scenario.as_ref(), lang);
            write_csv(out, &inputs, csv.as_bytes())?;
            Ok(format!("{}\n{}", out.display(), summary(&rows, lang)))
        }
    }
}

fn write_csv(out: &Path, inputs: &Inputs, bytes: &[u8]) -> Result<(), TargetsError> {
    let shown = out.display().to_string();
    let write_error = |source| TargetsError::Write {
        path: shown.clone(),
        source,
    };
    if let Some(kind) = crate::io::sniff_file_kind(out) {
        let kind = match kind {
            crate::io::FileKind::Dataset => "dataset",
            crate::io::FileKind::Scenario => "scenario",
        };
        return Err(write_error(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "it holds a Yardstick {kind} file, which an export never replaces; choose another name"
            ),
        )));
    }
    crate::io::write_output(out, &inputs.file_paths(), bytes).map_err(write_error)
}

/// "6 个目标：达成 1，按计划 0，有风险 0，落后 2，无法判断 3" / "6 targets: 1 achieved, …".
pub fn summary(rows: &[TargetRow], lang: Lang) -> String {
    let counts = status_counts(rows);
    match lang {
        Lang::Zh => format!(
            "{} 个目标：{}",
            rows.len(),
            counts
                .iter()
                .map(|(s, n)| format!("{} {n}", s.label(lang)))
                .collect::<Vec<_>>()
                .join("，")
        ),
        Lang::En => format!(
            "{} targets: {}",
            rows.len(),
            counts
                .iter()
                .map(|(s, n)| format!("{n} {}", s.label(lang)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The figure a row reports as "latest" ([`TargetJudgement::latest_figure`]).
fn latest_of(j: &TargetJudgement) -> Option<crate::model::targets::Figure> {
    j.latest_figure()
}

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), short_pct)
}

/// The table printed on stdout: one line per target, and under it the scenario's judgement
/// where that differs from the baseline's.
pub fn table(
    dataset: &Dataset,
    rows: &[TargetRow],
    scenario: Option<&Scenario>,
    lang: Lang,
) -> String {
    let header: Vec<String> = match lang {
        Lang::Zh => [
            "地区", "指标", "年", "目标", "最新", "需/年", "近/年", "状态", "原因",
        ],
        Lang::En => [
            "region",
            "indicator",
            "year",
            "target",
            "latest",
            "needs/yr",
            "recent/yr",
            "status",
            "reason",
        ],
    }
    .map(str::to_owned)
    .to_vec();
    let mut lines: Vec<Vec<String>> = vec![header];
    for row in rows {
        let t = &row.baseline.target;
        let cells = |j: &TargetJudgement, region: String, indicator: String| {
            let latest = latest_of(j).map_or_else(
                || "—".to_owned(),
                |f| format!("{} ({})", bounded(f.value, f.bound, t.measure), f.year),
            );
            vec![
                region,
                indicator,
                t.year.to_string(),
                bounded(t.value, t.bound, t.measure),
                latest,
                pct(j.required_pct),
                pct(j.recent_pct),
                j.status.label(lang).to_owned(),
                reason(j, lang),
            ]
        };
        lines.push(cells(
            &row.baseline,
            dataset.region(t.region).display_name(lang).to_owned(),
            dataset.indicator(t.indicator).display_name(lang).to_owned(),
        ));
        // The scenario's line where it judges the target otherwise (the CSV has every one).
        if let (Some(j), Some(s)) = (&row.scenario, scenario)
            && *j != row.baseline
        {
            let label = format!("  ↳ {}", scenario_label(s, dataset, t, lang));
            lines.push(cells(j, label, String::new()));
        }
    }
    let columns = lines[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            lines
                .iter()
                .map(|l| display_width(&l[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for line in &lines {
        let mut text = String::new();
        for (c, cell) in line.iter().enumerate() {
            text.push_str(cell);
            if c + 1 < columns {
                let pad = widths[c] - display_width(cell) + 2;
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    out.push_str(&summary(rows, lang));
    out.push('\n');
    out
}

/// Columns a terminal gives `text`: 2 for a wide (CJK) character, else 1.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// The CSV columns, in order; the `scenario_*` columns only with a scenario.
pub const COLUMNS: [&str; 15] = [
    "region_id",
    "indicator_id",
    "target_year",
    "target_value",
    "measure",
    "bound",
    "latest_year",
    "latest_value",
    "latest_bound",
    "required_pct",
    "recent_pct",
    "recent_years",
    "status",
    "reason",
    "region",
];

/// The scenario's CSV columns, after [`COLUMNS`].
pub const SCENARIO_COLUMNS: [&str; 8] = [
    "scenario",
    "scenario_latest_year",
    "scenario_latest_value",
    "scenario_required_pct",
    "scenario_recent_pct",
    "scenario_status",
    "scenario_reason",
    "scenario_label",
];

/// The CSV of `yardstick targets --out`: UTF-8 with a byte-order mark, cells safe against
/// formula injection and numbers at full precision, as the chart CSV.
pub fn to_csv(
    dataset: &Dataset,
    rows: &[TargetRow],
    scenario: Option<&Scenario>,
    lang: Lang,
) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if scenario.is_some() {
        header.extend(SCENARIO_COLUMNS);
    }
    let mut ok = writer.write_record(&header).is_ok();
    let num = |v: Option<f64>| v.map(csv_number).unwrap_or_default();
    for row in rows {
        let b = &row.baseline;
        let t = &b.target;
        let latest = latest_of(b);
        let mut record: Vec<String> = vec![
            text_cell(&dataset.region(t.region).id).into_owned(),
            text_cell(&dataset.indicator(t.indicator).id).into_owned(),
            t.year.to_string(),
            csv_number(t.value),
            measure_code(t.measure).to_owned(),
            bound_code(t.bound).to_owned(),
            latest.map(|f| f.year.to_string()).unwrap_or_default(),
            num(latest.map(|f| f.value)),
            latest
                .map(|f| bound_code(f.bound).to_owned())
                .unwrap_or_default(),
            num(b.required_pct),
            num(b.recent_pct),
            b.recent_span.map(|s| s.to_string()).unwrap_or_default(),
            b.status.code().to_owned(),
            text_cell(&reason(b, lang)).into_owned(),
            text_cell(dataset.region(t.region).display_name(lang)).into_owned(),
        ];
        if let Some(s) = scenario {
            let j = row.scenario.as_ref();
            let latest = j.and_then(latest_of);
            record.extend([
                text_cell(&s.name).into_owned(),
                latest.map(|f| f.year.to_string()).unwrap_or_default(),
                num(latest.map(|f| f.value)),
                num(j.and_then(|j| j.required_pct)),
                num(j.and_then(|j| j.recent_pct)),
                j.map(|j| j.status.code().to_owned()).unwrap_or_default(),
                j.map(|j| text_cell(&reason(j, lang)).into_owned())
                    .unwrap_or_default(),
                text_cell(&scenario_label(s, dataset, t, lang)).into_owned(),
            ]);
        }
        ok &= writer.write_record(&record).is_ok();
    }
    debug_assert!(ok, "writing CSV into memory failed");
    let body = writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}

/// What `yardstick export --chart targets` writes.
#[derive(Clone, Debug)]
pub struct TrackerExport {
    /// Dataset file.
    pub data: Option<PathBuf>,
    /// Scenario file.
    pub scenario: Option<PathBuf>,
    /// Only the targets of this indicator, when given.
    pub indicator: Option<String>,
    /// Only the targets of these regions, when given.
    pub regions: Option<Vec<String>>,
    /// Language.
    pub lang: Lang,
    /// Image size.
    pub size: ExportSize,
    /// Output: .svg, .png or .csv.
    pub out: PathBuf,
}

/// Writes the target tracker chart (`export --chart targets`).
///
/// # Errors
/// A load error (exit 1) as [`ExportError::BadRequest`] with the located message, an unknown
/// id likewise, an unknown output extension as [`ExportError::UnknownFormat`] (exit 2).
pub fn export_tracker(request: &TrackerExport) -> Result<(), ExportError> {
    let inputs = load_inputs(request.data.as_deref(), request.scenario.as_deref())
        .map_err(|e| ExportError::BadRequest(e.to_string()))?;
    let d = &inputs.dataset;
    let indicator = match &request.indicator {
        None => None,
        Some(id) => Some(
            d.indicator_by_id(id)
                .ok_or_else(|| ExportError::BadRequest(format!("unknown indicator \"{id}\"")))?,
        ),
    };
    let regions = match &request.regions {
        None => None,
        Some(ids) => Some(
            ids.iter()
                .map(|id| {
                    d.region_by_id(id)
                        .ok_or_else(|| ExportError::BadRequest(format!("unknown region \"{id}\"")))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let applied = inputs.scenario.as_ref().map(|s| apply(d, s));
    let scenario = inputs
        .scenario
        .as_ref()
        .zip(applied.as_ref())
        .map(|(scenario, applied)| ScenarioInput { scenario, applied });
    let spec = build_tracker(d, scenario, regions.as_deref(), indicator, request.lang);
    export_to_file_from(&spec, &request.out, request.size, &inputs.file_paths()).map(|_| ())
}
