//! The `yardstick` command: the GUI by default, sub-commands for scripted work.
//! Exit codes: 0 success, 1 bad input (the message says where), 2 usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use yardstick::chart::export::{ExportError, ExportRequest, export_to_file_from, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::{ChartKind, ScenarioLayer, ViewMode, build_chart_latest};
use yardstick::io::{FileKind, LoadError, file_kind, load_referenced_dataset, read_input};
use yardstick::lang::Lang;
use yardstick::model::Dataset;
use yardstick::model::scenario::{Scenario, apply};
use yardstick::ui::screenshot::ScreenshotJob;
use yardstick::ui::{AppOptions, View, build_app, load_start};

#[derive(Parser)]
#[command(
    name = "yardstick",
    version,
    about = "Compare development indicators across regions, years and scenarios"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Dataset or scenario file to open (default: the bundled data/chongqing.ron).
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a dataset or scenario file; print a summary, or FILE:LINE:COL: messages and exit 1.
    Validate {
        /// The file to check.
        file: PathBuf,
    },
    /// Export a chart (SVG, PNG) or its data (CSV); the format follows --out's extension.
    Export {
        /// Dataset file (default: the scenario's dataset, else the bundled data).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Scenario file: its values are drawn beside the baseline.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Chart kind.
        #[arg(long, value_enum, default_value_t = ChartArg::Bar)]
        chart: ChartArg,
        /// Indicator id (e.g. industrial_output); for `--chart targets`, only its targets.
        #[arg(long)]
        indicator: Option<String>,
        /// One year (bar charts), 1800–2200; a negative number is read as a year.
        #[arg(long, conflicts_with = "years", allow_negative_numbers = true, value_parser = parse_year)]
        year: Option<i32>,
        /// A span of years, A..B (inclusive), within 1800..2200.
        #[arg(long, allow_hyphen_values = true, value_parser = parse_years)]
        years: Option<(i32, i32)>,
        /// Region ids, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        regions: Option<Vec<String>>,
        /// absolute, index, yoy or target.
        #[arg(long, default_value = "absolute", value_parser = parse_mode)]
        mode: ViewMode,
        /// Logarithmic value axis.
        #[arg(long)]
        log: bool,
        /// Bar charts of one year: each region's latest value up to the year, labelled with
        /// its own year when years differ.
        #[arg(long)]
        latest: bool,
        /// With --latest: how many years back to look (default 5; 0 = the exact year only).
        #[arg(long, requires = "latest")]
        tolerance: Option<u32>,
        /// Language of titles and names.
        #[arg(long, default_value = "zh", value_parser = parse_lang)]
        lang: Lang,
        /// Image width in pixels, 200–10000.
        #[arg(long, default_value_t = 1600, allow_negative_numbers = true, value_parser = parse_size)]
        width: u32,
        /// Image height in pixels, 200–10000.
        #[arg(long, default_value_t = 900, allow_negative_numbers = true, value_parser = parse_size)]
        height: u32,
        /// Output file: .svg, .png or .csv.
        #[arg(long)]
        out: PathBuf,
    },
    /// Open a real window, render, save what it shows as PNG, exit.
    Screenshot {
        /// Dataset or scenario file (default: the bundled data).
        file: Option<PathBuf>,
        /// Where to write the PNG.
        #[arg(long)]
        out: PathBuf,
        /// What the window shows.
        #[arg(long, value_enum, default_value_t = ViewArg::Chart)]
        view: ViewArg,
        /// Chart kind shown (default: bar, or the scenario's saved view).
        #[arg(long, value_enum)]
        chart: Option<ChartArg>,
        /// Language of the UI and the data names.
        #[arg(long, default_value = "zh", value_parser = parse_lang)]
        lang: Lang,
        /// Window width in points.
        #[arg(long, default_value_t = 1280)]
        width: u32,
        /// Window height in points.
        #[arg(long, default_value_t = 800)]
        height: u32,
    },
    /// Turn a spreadsheet table (CSV, xlsx, xls, ods) into a dataset file.
    Import(yardstick::io::import::ImportArgs),
    /// Every target with latest value, required and recent growth, status and reason.
    Targets(yardstick::cli::targets::TargetsArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum ViewArg {
    Chart,
    Table,
    Compare,
    Targets,
    Rankings,
}

#[derive(Clone, Copy, ValueEnum)]
enum ChartArg {
    Bar,
    Line,
    /// The target tracker (export only).
    Targets,
}

impl From<ChartArg> for ChartKind {
    fn from(arg: ChartArg) -> Self {
        match arg {
            ChartArg::Bar | ChartArg::Targets => ChartKind::Bar,
            ChartArg::Line => ChartKind::Line,
        }
    }
}

fn parse_mode(text: &str) -> Result<ViewMode, String> {
    ViewMode::from_code(text)
        .ok_or_else(|| format!("unknown mode \"{text}\" (use absolute, index, yoy or target)"))
}

fn parse_year(text: &str) -> Result<i32, String> {
    yardstick::chart::export::parse_year_arg(text)
}

fn parse_years(text: &str) -> Result<(i32, i32), String> {
    yardstick::chart::export::parse_years_arg(text)
}

fn parse_size(text: &str) -> Result<u32, String> {
    yardstick::chart::export::parse_size_arg(text)
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_code(text).ok_or_else(|| format!("unknown language \"{text}\" (use zh or en)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate { file }) => validate(&file),
        Some(Command::Export {
            data,
            scenario,
            chart,
            indicator,
            year,
            years,
            regions,
            mode,
            log,
            latest,
            tolerance,
            lang,
            width,
            height,
            out,
        }) => {
            if let ChartArg::Targets = chart {
                let request = yardstick::cli::targets::TrackerExport {
                    data,
                    scenario,
                    indicator,
                    regions,
                    lang,
                    size: ExportSize { width, height },
                    out,
                };
                return export_result(
                    yardstick::cli::targets::export_tracker(&request),
                    &request.out,
                );
            }
            let Some(indicator) = indicator else {
                eprintln!("yardstick: export --chart bar|line needs --indicator ID");
                return ExitCode::from(2);
            };
            let one_year = year.is_some() || years.is_none_or(|(a, b)| a == b);
            if latest && (!one_year || matches!(chart, ChartArg::Line)) {
                eprintln!(
                    "yardstick: --latest needs a bar chart of one year (--chart bar --year Y)"
                );
                return ExitCode::from(2);
            }
            let tolerance =
                latest.then(|| tolerance.unwrap_or(yardstick::model::latest::DEFAULT_TOLERANCE));
            let request = ExportRequest {
                indicator,
                regions,
                years: year.map(|y| (y, y)).or(years),
                kind: chart.into(),
                mode,
                log_scale: log,
            };
            export(
                data.as_deref(),
                scenario.as_deref(),
                (&request, tolerance),
                lang,
                ExportSize { width, height },
                &out,
            )
        }
        Some(Command::Screenshot {
            file,
            out,
            view,
            chart,
            lang,
            width,
            height,
        }) => {
            let view = match view {
                ViewArg::Chart => View::Chart,
                ViewArg::Table => View::Table,
                ViewArg::Compare => View::Compare,
                ViewArg::Targets => View::Targets,
                ViewArg::Rankings => View::Rankings,
            };
            screenshot(
                file.as_deref(),
                &out,
                view,
                chart.map(ChartKind::from),
                lang,
                [width, height],
            )
        }
        Some(Command::Import(args)) => import(&args.into()),
        Some(Command::Targets(args)) => match yardstick::cli::targets::run(&args) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{err}");
                ExitCode::from(err.exit_code())
            }
        },
        None => gui(cli.file.as_deref()),
    }
}

/// `yardstick import`: the work is the library's; here only the summary and the exit code.
fn import(options: &yardstick::io::import::ImportOptions) -> ExitCode {
    match yardstick::io::import::run(options) {
        Ok(summary) => {
            let (input, out) = (options.input.display(), options.out.display());
            println!("{}", summary.line(&input.to_string(), &out.to_string()));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(err.exit_code())
        }
    }
}

/// Loads `file`, or the bundled data when `None`.
fn load(file: Option<&Path>) -> Result<(Dataset, Option<PathBuf>), LoadError> {
    match file {
        Some(path) => yardstick::io::load_dataset(path).map(|d| (d, Some(path.to_path_buf()))),
        None => yardstick::bundled_dataset().map(|d| (d, None)),
    }
}

fn validate(file: &Path) -> ExitCode {
    let shown = file.display().to_string();
    // Read once: a pipe (`<(…)`, /dev/stdin) cannot be read twice.
    let text = match read_input(file, None) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    if file_kind(&text) == Some(FileKind::Scenario) {
        return validate_scenario(file, &text);
    }
    match yardstick::io::parse_dataset(&shown, &text) {
        Ok(d) => {
            let targets = d
                .observations()
                .iter()
                .filter(|o| o.kind == yardstick::model::ObservationKind::Target)
                .count();
            println!(
                "{shown}: ok — {} regions, {} indicators, {} sources, {} observations ({targets} targets)",
                d.regions().len(),
                d.indicators().len(),
                d.sources().len(),
                d.observations().len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}

/// Validates a scenario file: its form, its dataset, and every entry against that dataset.
fn validate_scenario(file: &Path, text: &str) -> ExitCode {
    let shown = file.display().to_string();
    let checked = yardstick::io::parse_scenario(&shown, text).and_then(|scenario| {
        let (dataset_path, dataset) =
            load_referenced_dataset(file, text, &scenario).inspect_err(|err| {
                if err.path != shown {
                    eprintln!("{shown}: its dataset {} is not valid:", err.path);
                }
            })?;
        yardstick::io::check_scenario(&shown, text, &scenario, &dataset)?;
        let dataset_path = dataset_path.map_or_else(
            || yardstick::io::BUNDLED_REFERENCE.to_owned(),
            |p| p.display().to_string(),
        );
        Ok((scenario, dataset_path, dataset))
    });
    match checked {
        Ok((scenario, dataset_path, d)) => {
            let count = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            println!(
                "{shown}: scenario \"{}\": {}, {} on {} ({} regions, {} indicators, {} observations)",
                scenario.name,
                count(scenario.edits.len(), "edit", "edits"),
                count(scenario.growth.len(), "growth rule", "growth rules"),
                dataset_path,
                d.regions().len(),
                d.indicators().len(),
                d.observations().len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}

fn export(
    data: Option<&Path>,
    scenario: Option<&Path>,
    (request, tolerance): (&ExportRequest, Option<u32>),
    lang: Lang,
    size: ExportSize,
    out: &Path,
) -> ExitCode {
    let loaded = match scenario {
        None => load(data).map(|(dataset, path)| (dataset, None, path.into_iter().collect())),
        Some(scenario_path) => load_export_scenario(data, scenario_path),
    };
    let (dataset, scenario, inputs): (Dataset, Option<Scenario>, Vec<PathBuf>) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    // A derived indicator (gdp_per_capita) is computed for the export, never stored.
    let dataset = yardstick::model::derived_indicators::with_derived(&dataset, &request.indicator)
        .unwrap_or(dataset);
    let applied = scenario
        .as_ref()
        .map(|s| (s.name.clone(), apply(&dataset, s)));
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let result = resolve(&dataset, request).and_then(|selection| {
        let layer = applied
            .as_ref()
            .map(|(name, applied)| ScenarioLayer { name, applied });
        let spec = build_chart_latest(&dataset, layer, &selection, tolerance, lang);
        export_to_file_from(&spec, out, size, &inputs).map(|_| ())
    });
    export_result(result, out)
}

/// The message and exit code of an export: 2 for an unknown output format, else 1.
fn export_result(result: Result<(), ExportError>, out: &Path) -> ExitCode {
    match result {
        Ok(()) => {
            println!("{}", out.display());
            ExitCode::SUCCESS
        }
        Err(err @ ExportError::UnknownFormat(_)) => {
            eprintln!("yardstick: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("yardstick: {err}");
            ExitCode::from(1)
        }
    }
}

/// The dataset (`--data`, else the one the scenario names) and the scenario, checked
/// against it: an entry that does not fit is an error, as in `validate`. Also the files read,
/// which the export must not write over.
fn load_export_scenario(
    data: Option<&Path>,
    scenario_path: &Path,
) -> Result<(Dataset, Option<Scenario>, Vec<PathBuf>), LoadError> {
    let (text, scenario) = yardstick::io::load_scenario_text(scenario_path)?;
    let mut inputs = vec![scenario_path.to_path_buf()];
    let dataset = match data {
        Some(path) => {
            inputs.push(path.to_path_buf());
            // The dataset the scenario names is the user's too, even when not read.
            if let yardstick::io::DatasetRef::File(named) =
                yardstick::io::dataset_ref_of(scenario_path, &scenario)
            {
                inputs.push(named);
            }
            yardstick::io::load_dataset(path)?
        }
        None => {
            let (path, dataset) = load_referenced_dataset(scenario_path, &text, &scenario)?;
            inputs.extend(path);
            dataset
        }
    };
    let shown = scenario_path.display().to_string();
    yardstick::io::check_scenario(&shown, &text, &scenario, &dataset)?;
    Ok((dataset, Some(scenario), inputs))
}

fn native_options(size: [u32; 2]) -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([size[0] as f32, size[1] as f32])
            .with_min_inner_size([640.0, 400.0])
            .with_title("Yardstick")
            .with_app_id("yardstick"),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    }
}

fn gui(file: Option<&Path>) -> ExitCode {
    // A big dataset file does not keep the window from showing: it opens on the bundled data
    // and loads the file in the background, with its progress (a national file takes ~10 s).
    let background = file
        .filter(|p| yardstick::io::sniff_file_kind(p) != Some(yardstick::io::FileKind::Scenario))
        .filter(|p| yardstick::ui::loading::loads_in_background(p))
        .map(Path::to_path_buf);
    let start = match load_start(if background.is_some() { None } else { file }) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    let result = eframe::run_native(
        "Yardstick",
        native_options([1280, 800]),
        Box::new(move |cc| {
            let mut app = build_app(start, Some(cc), &AppOptions::from_env());
            if let Some(path) = &background {
                app.open_path(path);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("yardstick: cannot open a window: {err}");
            ExitCode::from(1)
        }
    }
}

fn screenshot(
    file: Option<&Path>,
    out: &Path,
    view: View,
    kind: Option<ChartKind>,
    lang: Lang,
    size: [u32; 2],
) -> ExitCode {
    // The PNG must not replace the file shown.
    if let Some(file) = file
        && let Err(err) = yardstick::io::atomic::refuse_inputs(out, &[file])
    {
        eprintln!("yardstick: cannot write {}: {err}", out.display());
        return ExitCode::from(1);
    }
    let start = match load_start(file) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    let (job, result) = ScreenshotJob::new(out.to_path_buf());
    let mut options = native_options(size);
    options.persist_window = false;
    let run = eframe::run_native(
        "Yardstick",
        options,
        Box::new(move |cc| {
            // The same window as `yardstick` opens, without recovery copies: a screenshot
            // neither writes nor offers them.
            let options = AppOptions {
                data_dir: None,
                lang: Some(lang),
            };
            let mut app = build_app(start, Some(cc), &options).with_screenshot(job);
            app.state.view = view;
            if let Some(kind) = kind {
                app.state.picks.kind = kind;
            }
            Ok(Box::new(app))
        }),
    );
    if let Err(err) = run {
        eprintln!("yardstick: cannot open a window: {err}");
        return ExitCode::from(1);
    }
    let outcome = result.lock().ok().and_then(|r| r.clone());
    match outcome {
        Some(Ok((w, h))) => {
            println!("{}: {w}×{h} PNG", out.display());
            ExitCode::SUCCESS
        }
        Some(Err(err)) => {
            eprintln!("yardstick: {err}");
            ExitCode::from(1)
        }
        None => {
            eprintln!("yardstick: the window closed before the screenshot was taken");
            ExitCode::from(1)
        }
    }
}
