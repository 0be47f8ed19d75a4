//! `yardstick import`: a spreadsheet table (CSV, xlsx, xls, ods) into a dataset.
//!
//! Every table first becomes a neutral [`cells::Grid`] (sheet name, A1 addresses), then is
//! read by [`layout`] (long or wide), so CSV and workbooks share every rule. Any problem is
//! reported with file, sheet and cell, and nothing is written.

pub mod args;
pub mod cells;
pub mod csv_table;
pub mod ids;
pub mod layout;
pub mod units;
pub mod workbook;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::io::{dataset_to_ron, parse_dataset, write_atomic};
use crate::model::dataset::DatasetParts;
use crate::model::{
    Dataset, Indicator, Measure, ObservationKind, ObservationRecord, Region, Source,
};

pub use args::{ImportArgs, LayoutArg};
pub use layout::{CellProblem, Layout, Loc, Role, Shape};

/// The largest input file read (a yearbook workbook is a few MB).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;
/// How many problems are listed before "and N more".
pub const MAX_LISTED: usize = 50;

/// What to import and how: the command line's options.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The table: `.csv`/`.tsv`/`.txt`, or a workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`).
    pub input: PathBuf,
    /// Only this sheet of a workbook.
    pub sheet: Option<String>,
    /// Long, wide or auto.
    pub layout: Layout,
    /// Indicator name of a wide table (may carry its unit in brackets).
    pub indicator: Option<String>,
    /// Unit for indicators the table gives none.
    pub unit: Option<String>,
    /// Source title of every value (default: the file name and the date of import).
    pub source: Option<String>,
    /// An existing dataset to add to: names are matched to its regions and indicators
    /// (by name or name_en), new ones are added; it is read, never written.
    pub into: Option<PathBuf>,
    /// Where to write the dataset.
    pub out: PathBuf,
    /// Date of import, `YYYY-MM-DD` (default: today, UTC).
    pub today: Option<String>,
    /// Column roles chosen by hand (the import dialog), over what the headers say.
    pub roles: Vec<RoleChoice>,
}

/// A column role chosen by hand: column `column` (0-based; A is 0) of sheet `sheet` (`None`:
/// the CSV, or every sheet) is read as `role`.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleChoice {
    /// The sheet, or `None` for a CSV / every sheet.
    pub sheet: Option<String>,
    /// The column, 0-based.
    pub column: usize,
    /// What it is read as.
    pub role: Role,
}

impl ImportOptions {
    /// The (column, role) choices that apply to `sheet`.
    fn roles_of(&self, sheet: Option<&str>) -> Vec<(usize, Role)> {
        self.roles
            .iter()
            .filter(|c| c.sheet.is_none() || c.sheet.as_deref() == sheet)
            .map(|c| (c.column, c.role))
            .collect()
    }
}

/// Why an import failed.
#[derive(Debug)]
pub enum ImportError {
    /// The options do not make sense (exit 2).
    Usage(String),
    /// The input cannot be read or has problems; nothing was written (exit 1).
    Input {
        /// The input file as shown in messages.
        file: String,
        /// Every problem found.
        problems: Vec<CellProblem>,
    },
    /// The dataset could not be written (exit 1).
    Write(String),
    /// The `--into` dataset does not load (exit 1).
    Into(String),
}

impl ImportError {
    /// The process exit code: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            _ => 1,
        }
    }

    fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self::Input {
            file: file.to_owned(),
            problems: vec![CellProblem {
                at: Loc::default(),
                message: message.into(),
            }],
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) | Self::Write(m) | Self::Into(m) => write!(f, "{m}"),
            Self::Input { file, problems } => {
                for (i, p) in problems.iter().take(MAX_LISTED).enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    match p.at.label() {
                        l if l.is_empty() => write!(f, "{file}: {}", p.message)?,
                        l => write!(f, "{file}:{l}: {}", p.message)?,
                    }
                }
                if problems.len() > MAX_LISTED {
                    write!(f, "\n… and {} more problems", problems.len() - MAX_LISTED)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// What an import produced.
#[derive(Debug)]
pub struct ImportSummary {
    /// The dataset made.
    pub dataset: Dataset,
    /// Missing cells skipped ("—", empty).
    pub missing: usize,
    /// Tables (sheets) read.
    pub tables: usize,
}

impl ImportSummary {
    /// One line like `validate`'s: `out.ron: ok — 3 regions, 1 indicators, …`.
    pub fn line(&self, input: &str, out: &str) -> String {
        let d = &self.dataset;
        format!(
            "{input} → {out}: ok — {} tables, {} regions, {} indicators, {} sources, {} observations ({} missing cells skipped)",
            self.tables,
            d.regions().len(),
            d.indicators().len(),
            d.sources().len(),
            d.observations().len(),
            self.missing
        )
    }
}

/// Imports and writes the dataset atomically; nothing is written on any problem.
pub fn run(options: &ImportOptions) -> Result<ImportSummary, ImportError> {
    if let Some(into) = &options.into
        && same_file(into, &options.out)
    {
        return Err(ImportError::Usage(format!(
            "--out {} is the --into dataset; import never writes over its input (write a new file and compare)",
            options.out.display()
        )));
    }
    if same_file(&options.input, &options.out) {
        return Err(ImportError::Usage(format!(
            "--out {} is the input file; import never writes over its input",
            options.out.display()
        )));
    }
    let summary = import(options)?;
    let text = dataset_to_ron(&summary.dataset);
    let out = options.out.display().to_string();
    // What is written must load back: check it as `yardstick validate` would.
    parse_dataset(&out, &text)
        .map_err(|e| ImportError::Write(format!("the imported dataset does not load back: {e}")))?;
    write_atomic(&options.out, text.as_bytes())
        .map_err(|e| ImportError::Write(format!("{out}: cannot write the dataset: {e}")))?;
    Ok(summary)
}

/// Reads the table and builds the dataset, without writing anything.
pub fn import(options: &ImportOptions) -> Result<ImportSummary, ImportError> {
    let file = options.input.display().to_string();
    let grids = read_tables(options, &file)?;
    import_grids(options, &file, &grids, Base::Options)
}

/// As [`import`] with `--into` an already loaded dataset (the window's current one):
/// names are matched to `base`'s regions and indicators exactly as `--into` does, and
/// `options.into` is not read.
pub fn import_into(options: &ImportOptions, base: &Dataset) -> Result<ImportSummary, ImportError> {
    let file = options.input.display().to_string();
    let grids = read_tables(options, &file)?;
    import_grids(options, &file, &grids, Base::Loaded(base))
}

/// The dataset an import adds to.
#[derive(Clone, Copy)]
enum Base<'a> {
    /// `options.into`, loaded from its file (or none).
    Options,
    /// A dataset already loaded.
    Loaded(&'a Dataset),
}

/// How many rows of each table a [`Preview`] holds.
pub const PREVIEW_ROWS: usize = 20;

/// One table (a sheet, or the CSV) as the import dialog shows it.
#[derive(Clone, Debug)]
pub struct TablePreview {
    /// Sheet name; `None` for CSV.
    pub sheet: Option<String>,
    /// The first [`PREVIEW_ROWS`] rows as read, each cell as text (from column A).
    pub rows: Vec<Vec<String>>,
    /// How many rows the table has.
    pub total_rows: usize,
    /// The layout found and the role of each column; `None` for an empty sheet.
    pub shape: Option<Shape>,
}

/// What an import would do, before anything is written: the import dialog's preview.
#[derive(Debug)]
pub struct Preview {
    /// Every table read, in order.
    pub tables: Vec<TablePreview>,
    /// Every problem the import would report (empty when it would succeed), each with its
    /// place (`Sheet1!C7`); [`Loc::label`] gives the text.
    pub problems: Vec<CellProblem>,
    /// The import's result when there are no problems.
    pub result: Option<ImportSummary>,
}

/// Reads the table as [`import`] would and tells what it found and what would go wrong,
/// writing nothing. `Err` only when there is nothing to preview: the options make no sense
/// ([`ImportError::Usage`]), the file cannot be read or is not a table, or `--into` does not
/// load.
pub fn preview(options: &ImportOptions) -> Result<Preview, ImportError> {
    preview_with(options, Base::Options)
}

/// As [`preview`], merging into `base` (already loaded) as [`import_into`] would.
pub fn preview_into(options: &ImportOptions, base: &Dataset) -> Result<Preview, ImportError> {
    preview_with(options, Base::Loaded(base))
}

fn preview_with(options: &ImportOptions, base: Base<'_>) -> Result<Preview, ImportError> {
    let file = options.input.display().to_string();
    let grids = read_tables(options, &file)?;
    let tables = grids
        .iter()
        .map(|g| TablePreview {
            sheet: g.sheet.clone(),
            rows: g
                .rows
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| r.iter().map(cells::text_of).collect())
                .collect(),
            total_rows: g.rows.len(),
            shape: layout::shape(g, options.layout, &options.roles_of(g.sheet.as_deref())),
        })
        .collect();
    match import_grids(options, &file, &grids, base) {
        Ok(summary) => Ok(Preview {
            tables,
            problems: Vec::new(),
            result: Some(summary),
        }),
        Err(ImportError::Input { problems, .. }) => Ok(Preview {
            tables,
            problems,
            result: None,
        }),
        Err(other) => Err(other),
    }
}

/// Interprets the grids read from `file` and builds the dataset.
fn import_grids(
    options: &ImportOptions,
    file: &str,
    grids: &[cells::Grid],
    base: Base<'_>,
) -> Result<ImportSummary, ImportError> {
    let file = file.to_owned();
    if options.indicator.is_some() && grids.len() > 1 && options.layout != Layout::Long {
        return Err(ImportError::Usage(format!(
            "--indicator names one indicator but {file} has {} sheets; choose one with --sheet",
            grids.len()
        )));
    }
    let stem = options
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut outcome = layout::Outcome::default();
    for grid in grids {
        let roles = options.roles_of(grid.sheet.as_deref());
        let ctx = layout::Context {
            indicator: options.indicator.as_deref(),
            fallback_name: grid.sheet.as_deref().unwrap_or(&stem),
            roles: &roles,
        };
        layout::interpret(grid, options.layout, &ctx, &mut outcome);
    }
    if outcome.entries.is_empty() && outcome.problems.is_empty() {
        outcome.problems.push(CellProblem {
            at: Loc::default(),
            message: "the table has no values to import".into(),
        });
    }
    let base = match (base, &options.into) {
        (Base::Loaded(dataset), _) => Some(dataset.to_parts()),
        (Base::Options, Some(path)) => Some(
            crate::io::load_dataset(path)
                .map_err(|e| ImportError::Into(e.to_string()))?
                .to_parts(),
        ),
        (Base::Options, None) => None,
    };
    let dataset = build(
        options,
        &stem,
        base,
        &outcome.entries,
        &mut outcome.problems,
    );
    match dataset {
        Some(dataset) if outcome.problems.is_empty() => Ok(ImportSummary {
            dataset,
            missing: outcome.missing,
            tables: grids.len(),
        }),
        _ => Err(ImportError::Input {
            file,
            problems: outcome.problems,
        }),
    }
}

/// The input as grids: one for a CSV, one a sheet for a workbook.
///
/// The file is opened once and read whole within [`MAX_INPUT_BYTES`]
/// ([`crate::io::read::read_bounded`]): a folder, a pipe, a device or a socket is refused
/// before it is opened, and calamine reads the workbook from those bytes, never the path.
fn read_tables(options: &ImportOptions, file: &str) -> Result<Vec<cells::Grid>, ImportError> {
    use crate::io::read::{Pipes, Refusal, read_bounded};
    let refused = |r: Refusal| {
        let message = match r {
            Refusal::Pipe => "cannot read the table: it is a pipe (FIFO), not a saved file; \
                              save the table as a file and import that"
                .to_owned(),
            Refusal::NotRegular => "cannot read the table: it is not a regular file (a device \
                                    or a socket); give a .csv, .xlsx or .ods file"
                .to_owned(),
            Refusal::TooLarge(len) => format!("the file is {len} bytes; {}", too_large()),
            Refusal::Longer => format!("{} (the file grew while it was read)", too_large()),
            other => other.to_string(),
        };
        ImportError::whole_file(file, message)
    };
    let ext = options
        .input
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let workbook = matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods");
    let text = matches!(ext.as_str(), "csv" | "tsv" | "txt");
    if !(workbook || text) {
        // The kind of file first: a device or a folder says so, whatever its name.
        crate::io::read::BoundedFile::open(&options.input, MAX_INPUT_BYTES, Pipes::Refuse)
            .map_err(refused)?;
        return Err(ImportError::Usage(format!(
            "{file}: import reads .csv, .tsv, .txt, .xlsx, .xls, .xlsb and .ods files"
        )));
    }
    if text && options.sheet.is_some() {
        return Err(ImportError::Usage(
            "--sheet applies to workbooks (xlsx, xls, ods), not to CSV".into(),
        ));
    }
    let bytes = read_bounded(&options.input, MAX_INPUT_BYTES, Pipes::Refuse).map_err(refused)?;
    if workbook {
        workbook::read(&bytes, &ext, options.sheet.as_deref()).map_err(|p| ImportError::Input {
            file: file.to_owned(),
            problems: vec![p],
        })
    } else {
        csv_table::read(&bytes)
            .map(|g| vec![g])
            .map_err(|p| ImportError::Input {
                file: file.to_owned(),
                problems: vec![p],
            })
    }
}

fn too_large() -> String {
    format!(
        "import reads tables up to 64 MiB ({MAX_INPUT_BYTES} bytes); split the table or save it as .xlsx (compressed)"
    )
}

/// Whether `a` and `b` name the same file (`b` need not exist).
fn same_file(a: &Path, b: &Path) -> bool {
    let full = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            Some(parent.canonicalize().ok()?.join(p.file_name()?))
        })
    };
    a == b || matches!((full(a), full(b)), (Some(x), Some(y)) if x == y)
}

/// The dataset of `entries`, or `None` with the reasons added to `problems`.
fn build(
    options: &ImportOptions,
    stem: &str,
    base: Option<DatasetParts>,
    entries: &[layout::Entry],
    problems: &mut Vec<CellProblem>,
) -> Option<Dataset> {
    let file_name = options
        .input
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let today = options.today.clone().unwrap_or_else(today_utc);
    let default_source = options
        .source
        .clone()
        .unwrap_or_else(|| format!("{file_name}（{today} 导入）"));

    // Names → index in `regions` / `sources` (ids are cloned once per observation only).
    let mut region_ids: HashMap<String, usize> = HashMap::new();
    let mut regions = Vec::new();
    let mut taken = HashSet::new();
    // Indicator name → (index in `indicators`, where its unit was first given).
    let mut indicator_of: HashMap<String, (usize, Option<Loc>)> = HashMap::new();
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut indicator_taken = HashSet::new();
    let mut source_ids: HashMap<String, usize> = HashMap::new();
    let mut sources = Vec::new();
    let mut source_taken = HashSet::new();
    // (region, indicator, year, months, measure, kind) → the entry that gave it first
    // (`None`: the --into dataset).
    type Key = (
        usize,
        usize,
        i32,
        Option<(u8, u8)>,
        Measure,
        ObservationKind,
    );
    let mut first_at: HashMap<Key, Option<usize>> = HashMap::new();
    let mut observations = Vec::new();
    let mut title = (stem.to_owned(), stem.to_owned(), None);
    if let Some(base) = base {
        // Names first, then English names, so a name always wins.
        for (i, r) in base.regions.iter().enumerate() {
            region_ids.insert(r.name.clone(), i);
            taken.insert(r.id.clone());
        }
        for (i, r) in base.regions.iter().enumerate() {
            region_ids.entry(r.name_en.clone()).or_insert(i);
        }
        for (i, ind) in base.indicators.iter().enumerate() {
            indicator_of.insert(ind.name.clone(), (i, Some(Loc::default())));
            indicator_taken.insert(ind.id.clone());
        }
        for (i, ind) in base.indicators.iter().enumerate() {
            indicator_of
                .entry(ind.name_en.clone())
                .or_insert((i, Some(Loc::default())));
        }
        for (i, src) in base.sources.iter().enumerate() {
            source_ids.insert(src.title.clone(), i);
            source_taken.insert(src.id.clone());
        }
        let region_at: HashMap<&str, usize> = base
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let indicator_at: HashMap<&str, usize> = base
            .indicators
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        for o in &base.observations {
            // The base loaded, so its ids resolve.
            if let (Some(&r), Some(&i)) = (
                region_at.get(o.region.as_str()),
                indicator_at.get(o.indicator.as_str()),
            ) {
                first_at.insert((r, i, o.year, o.months, o.measure, o.kind), None);
            }
        }
        (regions, indicators, sources, observations) = (
            base.regions,
            base.indicators,
            base.sources,
            base.observations,
        );
        title = (base.title, base.title_en, base.notes);
    }

    // First pass: every region, indicator (with the first unit the table gives) and source.
    let mut keys = Vec::with_capacity(entries.len());
    for e in entries {
        let region = match region_ids.get(&e.region) {
            Some(&r) => r,
            None => {
                let id = ids::unique_id(&e.region, "region", &mut taken);
                regions.push(Region {
                    id,
                    name: e.region.clone(),
                    name_en: e.region.clone(),
                    note: None,
                    parent: None,
                });
                region_ids.insert(e.region.clone(), regions.len() - 1);
                regions.len() - 1
            }
        };
        let (idx, unit_at) = match indicator_of.get_mut(&e.indicator) {
            Some(found) => found,
            None => {
                let id = ids::unique_id(&e.indicator, "indicator", &mut indicator_taken);
                indicators.push(Indicator {
                    id,
                    name: e.indicator.clone(),
                    name_en: e.indicator.clone(),
                    unit: String::new(),
                    unit_en: String::new(),
                    better: Default::default(),
                    min: None,
                    max: None,
                });
                indicator_of
                    .entry(e.indicator.clone())
                    .or_insert((indicators.len() - 1, None))
            }
        };
        let idx = *idx;
        if let (Some(unit), None) = (&e.unit, &unit_at) {
            indicators[idx].unit = unit.clone();
            indicators[idx].unit_en = unit.clone();
            *unit_at = Some(e.at.clone());
        }
        let source_title = e.source.as_ref().unwrap_or(&default_source);
        let source = match source_ids.get(source_title) {
            Some(&i) => i,
            None => {
                let id = ids::unique_id(source_title, "source", &mut source_taken);
                sources.push(Source {
                    id,
                    title: source_title.clone(),
                    publisher: None,
                    url: None,
                    published: None,
                });
                source_ids.insert(source_title.clone(), sources.len() - 1);
                sources.len() - 1
            }
        };
        keys.push((region, idx, source));
    }

    // Units: the table's, else --unit, else an error asking for one.
    for (name, (idx, unit_at)) in &mut indicator_of {
        if unit_at.is_none() {
            match &options.unit {
                Some(unit) => {
                    indicators[*idx].unit = unit.clone();
                    indicators[*idx].unit_en = unit.clone();
                    *unit_at = Some(Loc::default());
                }
                None => problems.push(CellProblem {
                    at: entries
                        .iter()
                        .find(|e| &e.indicator == name)
                        .map(|e| Loc { sheet: e.at.sheet.clone(), cell: None })
                        .unwrap_or_default(),
                    message: format!(
                        "indicator \"{name}\" has no unit: write it in brackets in the name (\"{name}（亿元）\"), add a 单位/unit column, or pass --unit"
                    ),
                }),
            }
        }
    }

    // Second pass: the observations, each in its indicator's unit (converted by a listed
    // factor, said in the note) and never twice.
    let mut unit_problems: HashMap<(usize, String), usize> = HashMap::new();
    for (n, (e, (region, idx, source))) in entries.iter().zip(keys).enumerate() {
        let key = (region, idx, e.year, e.months, e.measure, e.kind);
        if let Some(&first) = first_at.get(&key) {
            let first = first.map(|i| entries[i].at.clone()).unwrap_or_default();
            let what = match (e.months, e.measure) {
                (None, Measure::Level) => String::new(),
                (months, measure) => format!(
                    " / {}{}",
                    crate::model::months_label(months, crate::lang::Lang::Zh),
                    if measure == Measure::GrowthPct {
                        " growth %"
                    } else {
                        ""
                    }
                ),
            };
            problems.push(CellProblem {
                at: e.at.clone(),
                message: format!(
                    "a second value for {} / {} / {}{what} / {:?} ({})",
                    e.region,
                    e.indicator,
                    e.year,
                    e.kind,
                    where_first(&first)
                ),
            });
            continue;
        }
        first_at.insert(key, Some(n));
        let expected = indicators[idx].unit.clone();
        let given = e
            .value_unit
            .as_ref()
            .or(e.unit.as_ref())
            .or(options.unit.as_ref());
        let (value, converted) = match given {
            // A growth rate is in %, whatever the indicator's unit: never converted.
            _ if e.measure == Measure::GrowthPct => (e.value, None),
            Some(unit) if !expected.is_empty() && *unit != expected => {
                match units::factor(unit, &expected) {
                    Some(f) => (
                        f.apply(e.value),
                        Some(format!(
                            "converted from {} {unit} {}",
                            cells::format_number(e.value),
                            f.describe()
                        )),
                    ),
                    None => {
                        let count = unit_problems.entry((idx, unit.clone())).or_insert(0);
                        *count += 1;
                        if *count == 1 {
                            let whose = if e.value_unit.is_some() {
                                "the cell's unit"
                            } else {
                                "the table's unit"
                            };
                            let first = indicator_of
                                .get(&indicators[idx].name)
                                .and_then(|(_, at)| at.as_ref())
                                .map(where_unit_is)
                                .unwrap_or_default();
                            problems.push(CellProblem {
                                at: e.at.clone(),
                                message: format!(
                                    "{whose} \"{unit}\" is not the unit \"{expected}\" of indicator \"{}\"{first}, and import has no listed factor between them (it converts {}); correct the unit or import into another indicator",
                                    indicators[idx].name,
                                    units::listed_like(&expected)
                                ),
                            });
                        }
                        continue;
                    }
                }
            }
            _ => (e.value, None),
        };
        let note = match (e.note.clone(), converted) {
            (Some(n), Some(c)) => Some(format!("{n}; {c}")),
            (n, c) => n.or(c),
        };
        observations.push(ObservationRecord {
            region: regions[region].id.clone(),
            indicator: indicators[idx].id.clone(),
            year: e.year,
            value,
            kind: e.kind,
            source: sources[source].id.clone(),
            note,
            quote: None,
            months: e.months,
            measure: e.measure,
            bound: e.bound,
        });
    }
    sort_problems(problems);
    if !problems.is_empty() {
        return None;
    }
    let parts = DatasetParts {
        title: title.0,
        title_en: title.1,
        notes: title.2.or_else(|| {
            Some(format!(
                "Imported from {file_name} on {today} by yardstick import."
            ))
        }),
        regions,
        indicators,
        sources,
        observations,
        series: Vec::new(),
    };
    match Dataset::build(parts) {
        Ok(d) => Some(d),
        Err(model_problems) => {
            problems.extend(model_problems.into_iter().map(|p| CellProblem {
                at: Loc::default(),
                message: p.to_string(),
            }));
            None
        }
    }
}

/// Where an indicator's unit was given: ` (from A1)`, ` (from --unit)`, ` (in the dataset)`.
fn where_unit_is(at: &Loc) -> String {
    match at.label() {
        l if l.is_empty() => " (from the --into dataset or --unit)".to_owned(),
        _ => String::new(),
    }
}

/// Where the first of two was: a cell of the table, or the `--into` dataset.
fn where_first(first: &Loc) -> String {
    match first.label() {
        l if l.is_empty() => "already in the dataset".to_owned(),
        l => format!("first at {l}"),
    }
}

/// Problems in sheet order as found, then by row and column within a sheet.
fn sort_problems(problems: &mut [CellProblem]) {
    let key = |p: &CellProblem| {
        let cell = p.at.cell.as_deref().unwrap_or("");
        let col: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
        let row: usize = cell[col.len()..].parse().unwrap_or(0);
        (row, col.len(), col)
    };
    let mut sheets: Vec<Option<String>> = Vec::new();
    for p in problems.iter() {
        if !sheets.contains(&p.at.sheet) {
            sheets.push(p.at.sheet.clone());
        }
    }
    problems.sort_by_cached_key(|p| {
        let sheet = sheets.iter().position(|s| *s == p.at.sheet).unwrap_or(0);
        (sheet, key(p))
    });
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 as (year, month, day) (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_423), (2025, 12, 1));
    }
}
