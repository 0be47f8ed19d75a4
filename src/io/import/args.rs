//! The command line of `yardstick import`, kept beside the code it drives.

use std::path::PathBuf;

use super::{ImportOptions, Layout};

/// `yardstick import TABLE [--sheet NAME] [--layout auto|long|wide] … --out DATASET.ron`
#[derive(Clone, Debug, clap::Args)]
pub struct ImportArgs {
    /// The table: .csv/.tsv/.txt (UTF-8 or GBK; comma, tab or semicolon), .xlsx, .xls or .ods.
    pub table: PathBuf,
    /// Only this sheet of a workbook (default: every sheet).
    #[arg(long)]
    pub sheet: Option<String>,
    /// long (a header naming 地区/指标/年份/数值), wide (regions down, years across), or auto.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,
    /// Indicator of a wide table, e.g. "工业总产值（亿元）" (default: the title row or sheet name).
    #[arg(long)]
    pub indicator: Option<String>,
    /// Unit of indicators the table gives none for.
    #[arg(long)]
    pub unit: Option<String>,
    /// Source title of every value (default: the file name and the date of import).
    #[arg(long)]
    pub source: Option<String>,
    /// An existing dataset to add to (matched by name or name_en; read, never written).
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// The dataset file to write (never the input).
    #[arg(long)]
    pub out: PathBuf,
}

/// `--layout` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutArg {
    /// Tell long from wide by the header.
    Auto,
    /// One value a row.
    Long,
    /// Regions down, years across.
    Wide,
}

impl From<ImportArgs> for ImportOptions {
    fn from(a: ImportArgs) -> Self {
        Self {
            input: a.table,
            sheet: a.sheet,
            layout: match a.layout {
                LayoutArg::Auto => Layout::Auto,
                LayoutArg::Long => Layout::Long,
                LayoutArg::Wide => Layout::Wide,
            },
            indicator: a.indicator,
            unit: a.unit,
            source: a.source,
            into: a.into,
            out: a.out,
            today: None,
            roles: Vec::new(),
        }
    }
}
