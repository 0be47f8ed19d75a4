//! The `yardstick` command: the GUI by default, sub-commands for scripted work.
//! Exit codes: 0 success, 1 bad input (the message says where), 2 usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use yardstick::chart::export::{ExportError, ExportRequest, export_to_file, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::{ChartKind, ScenarioLayer, ViewMode, build_chart_with};
use yardstick::io::{FileKind, LoadError, file_kind};
use yardstick::lang::Lang;
use yardstick::model::Dataset;
use yardstick::model::scenario::{Scenario, apply};
use yardstick::ui::scenario_files::load_referenced_dataset;
use yardstick::ui::screenshot::ScreenshotJob;
use yardstick::ui::{View, YardstickApp};

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
        /// Indicator id (e.g. industrial_output).
        #[arg(long)]
        indicator: String,
        /// One year (bar charts).
        #[arg(long, conflicts_with = "years")]
        year: Option<i32>,
        /// A span of years, A..B (inclusive).
        #[arg(long, value_parser = parse_years)]
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
        /// Language of titles and names.
        #[arg(long, default_value = "zh", value_parser = parse_lang)]
        lang: Lang,
        /// Image width in pixels.
        #[arg(long, default_value_t = 1600)]
        width: u32,
        /// Image height in pixels.
        #[arg(long, default_value_t = 900)]
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
}

impl From<ChartArg> for ChartKind {
    fn from(arg: ChartArg) -> Self {
        match arg {
            ChartArg::Bar => ChartKind::Bar,
            ChartArg::Line => ChartKind::Line,
        }
    }
}

fn parse_mode(text: &str) -> Result<ViewMode, String> {
    ViewMode::from_code(text)
        .ok_or_else(|| format!("unknown mode \"{text}\" (use absolute, index, yoy or target)"))
}

fn parse_years(text: &str) -> Result<(i32, i32), String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("\"{text}\" is not a year span like 2018..2025"))?;
    let year = |t: &str| {
        t.trim()
            .trim_start_matches('=')
            .parse::<i32>()
            .map_err(|_| format!("\"{t}\" is not a year"))
    };
    Ok((year(a)?, year(b)?))
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
            lang,
            width,
            height,
            out,
        }) => {
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
                &request,
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

/// What the window opens on: a dataset, and a scenario file to open over it.
struct Start {
    dataset: Dataset,
    dataset_path: Option<PathBuf>,
    scenario: Option<PathBuf>,
}

/// Loads the file given to the GUI: a dataset, or a scenario with the dataset it names.
fn load_start(file: Option<&Path>) -> Result<Start, LoadError> {
    let is_scenario = file.is_some_and(|f| {
        std::fs::read(f)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| file_kind(t.trim_start_matches('\u{feff}')))
            == Some(FileKind::Scenario)
    });
    match file {
        Some(path) if is_scenario => {
            let (text, scenario) = yardstick::io::load_scenario_text(path)?;
            let (dataset_path, dataset) = load_referenced_dataset(path, &text, &scenario)?;
            Ok(Start {
                dataset,
                dataset_path,
                scenario: Some(path.to_path_buf()),
            })
        }
        _ => load(file).map(|(dataset, dataset_path)| Start {
            dataset,
            dataset_path,
            scenario: None,
        }),
    }
}

/// The app for `start`, its scenario opened.
fn start_app(start: Start) -> YardstickApp {
    let mut app = YardstickApp::new(start.dataset, start.dataset_path);
    if let Some(scenario) = &start.scenario {
        app.open_scenario(scenario);
    }
    app
}

fn validate(file: &Path) -> ExitCode {
    let shown = file.display().to_string();
    let kind = std::fs::read(file)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| file_kind(&t));
    if kind == Some(FileKind::Scenario) {
        return validate_scenario(file);
    }
    match yardstick::io::load_dataset(file) {
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
fn validate_scenario(file: &Path) -> ExitCode {
    let shown = file.display().to_string();
    let checked = yardstick::io::load_scenario_text(file).and_then(|(text, scenario)| {
        let (dataset_path, dataset) = yardstick::io::load_scenario_dataset(file, &text, &scenario)
            .inspect_err(|err| {
                if err.path != shown {
                    eprintln!("{shown}: its dataset {} is not valid:", err.path);
                }
            })?;
        yardstick::io::check_scenario(&shown, &text, &scenario, &dataset)?;
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
                dataset_path.display(),
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
    request: &ExportRequest,
    lang: Lang,
    size: ExportSize,
    out: &Path,
) -> ExitCode {
    let loaded = match scenario {
        None => load(data).map(|(dataset, _)| (dataset, None)),
        Some(scenario_path) => load_export_scenario(data, scenario_path),
    };
    let (dataset, scenario) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    let applied = scenario
        .as_ref()
        .map(|s| (s.name.clone(), apply(&dataset, s)));
    let result = resolve(&dataset, request).and_then(|selection| {
        let layer = applied
            .as_ref()
            .map(|(name, applied)| ScenarioLayer { name, applied });
        let spec = build_chart_with(&dataset, layer, &selection, lang);
        export_to_file(&spec, out, size)
    });
    match result {
        Ok(_) => {
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
/// against it: an entry that does not fit is an error, as in `validate`.
fn load_export_scenario(
    data: Option<&Path>,
    scenario_path: &Path,
) -> Result<(Dataset, Option<Scenario>), LoadError> {
    let (text, scenario) = yardstick::io::load_scenario_text(scenario_path)?;
    let dataset = match data {
        Some(path) => yardstick::io::load_dataset(path)?,
        None => load_referenced_dataset(scenario_path, &text, &scenario)?.1,
    };
    let shown = scenario_path.display().to_string();
    yardstick::io::check_scenario(&shown, &text, &scenario, &dataset)?;
    Ok((dataset, Some(scenario)))
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
    let start = match load_start(file) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    let result = eframe::run_native(
        "Yardstick",
        native_options([1280, 800]),
        Box::new(move |cc| Ok(Box::new(start_app(start).with_creation_context(cc)))),
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
            let mut app = start_app(start)
                .with_creation_context(cc)
                .with_screenshot(job);
            app.lang = lang;
            app.view = view;
            if let Some(kind) = kind {
                app.picks.kind = kind;
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
