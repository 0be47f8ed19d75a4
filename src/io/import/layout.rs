//! Interpreting a [`Grid`] by layout: long (one value a row) or wide (regions down, years
//! across, one indicator a sheet). Both produce [`Entry`]s with the cell each came from.

use crate::model::{Bound, Measure, ObservationKind};

use super::cells::{
    self, Grid, address, clean, is_growth_heading, leading_year, parse_period, parse_value,
    parse_year, split_unit, text_of,
};

/// How a table is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// Tell long from wide by the header.
    #[default]
    Auto,
    /// A header row naming the columns; one value a row.
    Long,
    /// Regions in the first column, years in the header row; one indicator a sheet.
    Wide,
}

/// Where in the input something is: the sheet (workbooks) and the cell, if known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loc {
    /// Sheet name; `None` for CSV.
    pub sheet: Option<String>,
    /// A1-style address.
    pub cell: Option<String>,
}

impl Loc {
    fn at(grid: &Grid, row: usize, col: usize) -> Self {
        Self {
            sheet: grid.sheet.clone(),
            cell: Some(address(row, col)),
        }
    }

    fn sheet(grid: &Grid) -> Self {
        Self {
            sheet: grid.sheet.clone(),
            cell: None,
        }
    }

    /// `Sheet1!C7`, `C7`, `Sheet1` or empty.
    pub fn label(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{s}!{c}"),
            (None, Some(c)) => c.clone(),
            (Some(s), None) => s.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A problem with the input, at a place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct CellProblem {
    /// Where.
    pub at: Loc,
    /// What is wrong.
    pub message: String,
}

/// One value read from a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Region name (NFC, trimmed).
    pub region: String,
    /// Indicator name, without a bracketed unit.
    pub indicator: String,
    /// The unit the table gives for the indicator (header bracket or unit column).
    pub unit: Option<String>,
    /// The unit written after the figure in the cell itself (`500亿元`).
    pub value_unit: Option<String>,
    /// Year.
    pub year: i32,
    /// The months of the year the figure covers (`1—11月`), `None` for the whole year.
    pub months: Option<(u8, u8)>,
    /// The figure.
    pub value: f64,
    /// Exact, or the side of a bound the cell gives ("＞300").
    pub bound: Bound,
    /// A level, or a growth rate on the previous year in % ("增长8.7%", a 增长% column).
    pub measure: Measure,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source title from a source column.
    pub source: Option<String>,
    /// Remark from a note column.
    pub note: Option<String>,
    /// The value's cell.
    pub at: Loc,
}

/// What the command line adds to a table.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// `--indicator`: the indicator of a wide table (or of a long one without the column).
    pub indicator: Option<&'a str>,
    /// The name to use when nothing else names the indicator: the sheet or file name.
    pub fallback_name: &'a str,
    /// Roles chosen by hand for columns of this table (0-based column, role), over what the
    /// header says: the import dialog's "change a column's role".
    pub roles: &'a [(usize, Role)],
}

/// Everything read from tables so far.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Values read.
    pub entries: Vec<Entry>,
    /// Problems found.
    pub problems: Vec<CellProblem>,
    /// Cells marked missing ("—", empty), skipped.
    pub missing: usize,
}

impl Outcome {
    fn problem(&mut self, at: Loc, message: impl Into<String>) {
        self.problems.push(CellProblem {
            at,
            message: message.into(),
        });
    }
}

/// A column of the long layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Region,
    Indicator,
    Year,
    Value,
    Unit,
    Kind,
    Source,
    Note,
}

/// The long-layout column a header names, in Chinese or English.
fn column_of(header: &str) -> Option<Column> {
    let h = header.to_lowercase();
    let col = match h.as_str() {
        "地区" | "区域" | "地区名称" | "区县" | "region" => Column::Region,
        "指标" | "指标名称" | "indicator" => Column::Indicator,
        "年份" | "年度" | "年" | "year" => Column::Year,
        "数值" | "值" | "数据" | "value" => Column::Value,
        "单位" | "计量单位" | "unit" => Column::Unit,
        "类型" | "kind" => Column::Kind,
        "来源" | "资料来源" | "source" => Column::Source,
        "备注" | "note" | "notes" => Column::Note,
        _ => return None,
    };
    Some(col)
}

const LONG_COLUMNS: &str = "地区/region, 指标/indicator, 年份/year, 数值/value, 单位/unit, 类型/kind, 来源/source, 备注/note";

fn kind_of(text: &str) -> Option<ObservationKind> {
    match text.to_lowercase().as_str() {
        "" | "实际" | "actual" => Some(ObservationKind::Actual),
        "目标" | "规划" | "target" => Some(ObservationKind::Target),
        "预计" | "估计" | "estimate" => Some(ObservationKind::Estimate),
        _ => None,
    }
}

/// What a column of a table is taken for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Region names (地区/region; the first column of a wide table).
    Region,
    /// Indicator names (long layout).
    Indicator,
    /// Years (long layout).
    Year,
    /// Values (long layout).
    Value,
    /// Units (long layout).
    Unit,
    /// Actual, target or estimate (long layout).
    Kind,
    /// Source titles (long layout).
    Source,
    /// Remarks (long layout).
    Note,
    /// The values of this year (wide layout; part of it when the heading gives months).
    ValuesOf(i32),
    /// Growth rates on the previous year, in %, of this year (wide layout: "增长%").
    GrowthOf(i32),
    /// Not read: an empty heading, or one that is neither a column name nor a year.
    Ignored,
}

/// The long-layout column of a chosen role: `Ok(None)` for ignored, `Err` for a wide role.
fn column_of_role(role: Role) -> Result<Option<Column>, ()> {
    Ok(Some(match role {
        Role::Region => Column::Region,
        Role::Indicator => Column::Indicator,
        Role::Year => Column::Year,
        Role::Value => Column::Value,
        Role::Unit => Column::Unit,
        Role::Kind => Column::Kind,
        Role::Source => Column::Source,
        Role::Note => Column::Note,
        Role::Ignored => return Ok(None),
        Role::ValuesOf(_) | Role::GrowthOf(_) => return Err(()),
    }))
}

fn role_of(c: Column) -> Role {
    match c {
        Column::Region => Role::Region,
        Column::Indicator => Role::Indicator,
        Column::Year => Role::Year,
        Column::Value => Role::Value,
        Column::Unit => Role::Unit,
        Column::Kind => Role::Kind,
        Column::Source => Role::Source,
        Column::Note => Role::Note,
    }
}

/// How a table is laid out, as found before any value is read.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// The title row's text (yearbooks print "工业总产值（亿元）" above the header), if any.
    pub title: Option<String>,
    /// The header row, 0-based.
    pub header: usize,
    /// [`Layout::Long`] or [`Layout::Wide`]: as asked, or as `auto` found it.
    pub layout: Layout,
    /// The role of each column, from A.
    pub roles: Vec<Role>,
}

/// The shape of `grid` read as `layout`, with the roles chosen in `chosen` (column, role)
/// over what the header says; `None` for a blank grid.
pub fn shape(grid: &Grid, layout: Layout, chosen: &[(usize, Role)]) -> Option<Shape> {
    if grid.is_blank() {
        return None;
    }
    let first = (0..grid.rows.len())
        .find(|&r| !grid.row_is_blank(r))
        .unwrap_or(0);
    // A title row above the header (one filled cell, as yearbooks print "工业总产值（亿元）").
    let filled = |r: usize| {
        (0..grid.width())
            .filter(|&c| !cells::is_blank(grid.get(r, c)))
            .count()
    };
    let (title, header) = match (first + 1..grid.rows.len()).find(|&r| !grid.row_is_blank(r)) {
        Some(next) if filled(first) == 1 && filled(next) > 1 => {
            let title = (0..grid.width())
                .map(|c| text_of(grid.get(first, c)))
                .find(|t| !t.is_empty());
            (title, next)
        }
        _ => (None, first),
    };
    let columns: Vec<Option<Column>> = (0..grid.width())
        .map(|c| column_of(&text_of(grid.get(header, c))))
        .collect();
    let long = match layout {
        Layout::Long => true,
        Layout::Wide => false,
        // A wide table's header holds years, never 数值, 年份 or 指标.
        Layout::Auto => columns
            .iter()
            .any(|c| matches!(c, Some(Column::Value | Column::Year | Column::Indicator))),
    };
    let roles = if long {
        columns
            .iter()
            .map(|c| c.map_or(Role::Ignored, role_of))
            .collect()
    } else {
        (0..grid.width())
            .map(|c| match c {
                0 => Role::Region,
                _ => {
                    let heading = text_of(grid.get(header, c));
                    if is_growth_heading(&heading) {
                        leading_year(&heading)
                            .or_else(|| {
                                (1..c).rev().find_map(|left| {
                                    parse_period(grid.get(header, left)).ok().map(|p| p.0)
                                })
                            })
                            .map_or(Role::Ignored, Role::GrowthOf)
                    } else {
                        parse_period(grid.get(header, c))
                            .map_or(Role::Ignored, |p| Role::ValuesOf(p.0))
                    }
                }
            })
            .collect()
    };
    let mut roles: Vec<Role> = roles;
    for &(col, role) in chosen {
        if col >= roles.len() {
            roles.resize(col + 1, Role::Ignored);
        }
        roles[col] = role;
    }
    Some(Shape {
        title,
        header,
        layout: if long { Layout::Long } else { Layout::Wide },
        roles,
    })
}

/// Reads one grid by `layout` into `out`.
pub fn interpret(grid: &Grid, layout: Layout, ctx: &Context, out: &mut Outcome) {
    let Some(shape) = shape(grid, layout, ctx.roles) else {
        out.problem(Loc::sheet(grid), "the sheet is empty");
        return;
    };
    let header = shape.header;
    if merged_header(grid, header, out) {
        return;
    }
    if shape.layout == Layout::Long {
        let mut headers: Vec<String> = (0..grid.width())
            .map(|c| text_of(grid.get(header, c)))
            .collect();
        let mut columns: Vec<Option<Column>> = headers.iter().map(|h| column_of(h)).collect();
        for &(col, role) in ctx.roles {
            if col >= columns.len() {
                continue;
            }
            match column_of_role(role) {
                Ok(c) => columns[col] = c,
                Err(()) => {
                    out.problem(
                        Loc::at(grid, header, col),
                        "a long table has no year columns: choose region, indicator, year, value, unit, kind, source, note or ignored",
                    );
                    return;
                }
            }
            if role == Role::Ignored {
                headers[col].clear();
            }
        }
        read_long(grid, header, &headers, &columns, ctx, out);
    } else {
        read_wide(grid, header, shape.title.as_deref(), ctx, out);
    }
}

/// Reports merged cells in the header row, and merged region names in the first column
/// below it: a table read column by column needs a heading over each column and a name in
/// each row. Whether any was found.
fn merged_header(grid: &Grid, header: usize, out: &mut Outcome) -> bool {
    let mut found = false;
    for m in grid.merged.iter().filter(|m| m.first != m.last) {
        let at = Loc::at(grid, m.first.0, m.first.1);
        let label = m.label();
        if m.first.0 <= header && header <= m.last.0 {
            out.problem(
                at,
                format!(
                    "{label} is a merged cell in the header: import needs one heading (a year, or a column name) above each column in one header row; unmerge {label} and write the heading in each column"
                ),
            );
            found = true;
        } else if m.first.0 > header && m.first.1 == 0 {
            out.problem(
                at,
                format!(
                    "{label} is a merged cell: import needs the region's name in every row; unmerge {label} and write the name in each row"
                ),
            );
            found = true;
        }
    }
    found
}

fn read_long(
    grid: &Grid,
    header: usize,
    headers: &[String],
    columns: &[Option<Column>],
    ctx: &Context,
    out: &mut Outcome,
) {
    let found = |want: Column| columns.iter().position(|c| *c == Some(want));
    let (region, indicator, year, value) = (
        found(Column::Region),
        found(Column::Indicator),
        found(Column::Year),
        found(Column::Value),
    );
    let (unit, kind, source, note) = (
        found(Column::Unit),
        found(Column::Kind),
        found(Column::Source),
        found(Column::Note),
    );
    let mut ok = true;
    for (col, (h, c)) in headers.iter().zip(columns).enumerate() {
        if c.is_none() && !h.is_empty() {
            out.problem(
                Loc::at(grid, header, col),
                format!("\"{h}\" is not a column of the long layout (columns: {LONG_COLUMNS})"),
            );
            ok = false;
        } else if let Some(c) = c
            && columns.iter().position(|x| x == &Some(*c)) != Some(col)
        {
            out.problem(
                Loc::at(grid, header, col),
                format!("\"{h}\": this column appears twice in the header"),
            );
            ok = false;
        }
    }
    let header_row = (header + 1).to_string();
    for (col, what) in [
        (region, "地区/region"),
        (year, "年份/year"),
        (value, "数值/value"),
    ] {
        if col.is_none() {
            out.problem(
                Loc::sheet(grid),
                format!("the header (row {header_row}) has no {what} column"),
            );
            ok = false;
        }
    }
    if indicator.is_none() && ctx.indicator.is_none() {
        out.problem(
            Loc::sheet(grid),
            format!(
                "the header (row {header_row}) has no 指标/indicator column (or pass --indicator)"
            ),
        );
        ok = false;
    }
    let (Some(region), Some(year), Some(value), true) = (region, year, value, ok) else {
        return;
    };
    let text =
        |r: usize, c: Option<usize>| c.map(|c| text_of(grid.get(r, c))).filter(|t| !t.is_empty());
    for row in header + 1..grid.rows.len() {
        if grid.row_is_blank(row) {
            continue;
        }
        let number = match parse_value(grid.get(row, value)) {
            Ok(Some(n)) => n,
            Ok(None) => {
                out.missing += 1;
                continue;
            }
            Err(message) => {
                out.problem(Loc::at(grid, row, value), message);
                continue;
            }
        };
        let Some(region_name) = text(row, Some(region)) else {
            out.problem(Loc::at(grid, row, region), "the region is empty");
            continue;
        };
        let (indicator_name, header_unit) =
            match text(row, indicator).or(ctx.indicator.map(str::to_owned)) {
                Some(name) => split_unit(&name),
                None => {
                    out.problem(
                        Loc::at(grid, row, indicator.unwrap_or(0)),
                        "the indicator is empty",
                    );
                    continue;
                }
            };
        let the_year = match parse_year(grid.get(row, year)) {
            Ok(y) => y,
            Err(message) => {
                out.problem(Loc::at(grid, row, year), message);
                continue;
            }
        };
        let the_kind = match text(row, kind) {
            None => ObservationKind::Actual,
            Some(k) => match kind_of(&k) {
                Some(k) => k,
                None => {
                    out.problem(
                        Loc::at(grid, row, kind.unwrap_or(0)),
                        format!("\"{k}\" is not a kind (实际/actual, 目标/target, 预计/estimate)"),
                    );
                    continue;
                }
            },
        };
        out.entries.push(Entry {
            region: region_name,
            indicator: indicator_name,
            unit: text(row, unit).or(header_unit),
            value_unit: number.unit,
            year: the_year,
            months: None,
            value: number.value,
            bound: number.bound,
            measure: if number.growth {
                Measure::GrowthPct
            } else {
                Measure::Level
            },
            kind: the_kind,
            source: text(row, source),
            note: text(row, note),
            at: Loc::at(grid, row, value),
        });
    }
}

/// The period and measure of a wide table's value column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Period {
    year: i32,
    months: Option<(u8, u8)>,
    measure: Measure,
}

impl Period {
    /// ` 1—11月`, ` (growth %)`, or nothing for a whole year's level.
    fn describe(&self) -> String {
        let months = self
            .months
            .map(|m| {
                format!(
                    " {}",
                    crate::model::months_label(Some(m), crate::lang::Lang::Zh)
                )
            })
            .unwrap_or_default();
        match self.measure {
            Measure::Level => months,
            Measure::GrowthPct => format!("{months} (growth %)"),
        }
    }
}

fn read_wide(grid: &Grid, header: usize, title: Option<&str>, ctx: &Context, out: &mut Outcome) {
    let name = ctx.indicator.or(title).unwrap_or(ctx.fallback_name);
    let (indicator, unit) = split_unit(name);
    let width = grid.width();
    let column_has_values =
        |col: usize| (header + 1..grid.rows.len()).any(|r| !cells::is_blank(grid.get(r, col)));
    // The period and measure of each value column; `None` where the column is skipped.
    let mut periods: Vec<Option<Period>> = vec![None; width];
    let mut first_of: Vec<(Period, usize)> = Vec::new();
    let problems_before = out.problems.len();
    for col in 1..width {
        let cell = grid.get(header, col);
        if let Some(&(_, role)) = ctx.roles.iter().rev().find(|(c, _)| *c == col) {
            let measure = match role {
                Role::ValuesOf(_) => Measure::Level,
                Role::GrowthOf(_) => Measure::GrowthPct,
                Role::Ignored => continue,
                _ => {
                    out.problem(
                        Loc::at(grid, header, col),
                        "a wide table has its regions in column A and a year over each other column: choose a year, a growth year or ignored",
                    );
                    continue;
                }
            };
            let (Role::ValuesOf(year) | Role::GrowthOf(year)) = role else {
                continue;
            };
            let period = Period {
                year,
                months: None,
                measure,
            };
            first_of.push((period, col));
            periods[col] = Some(period);
            continue;
        }
        if cells::is_blank(cell) {
            if column_has_values(col) {
                out.problem(
                    Loc::at(grid, header, col),
                    "this column has values but no year in the header",
                );
            }
            continue;
        }
        let heading = text_of(cell);
        let found = if is_growth_heading(&heading) {
            // "增长%" after a year's column is that year's growth; "2022年增长%" says its year.
            let year = leading_year(&heading).map(|y| (y, None)).or_else(|| {
                periods[..col]
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .map(|p| (p.year, p.months))
            });
            match year {
                Some((year, months)) => Ok(Period {
                    year,
                    months,
                    measure: Measure::GrowthPct,
                }),
                None => Err(format!(
                    "\"{heading}\" is a growth column with no year: write the year in it (\"2022年增长%\") or put it after the year's column"
                )),
            }
        } else {
            parse_period(cell)
                .map(|(year, months)| Period {
                    year,
                    months,
                    measure: Measure::Level,
                })
                .map_err(|message| {
                    format!(
                        "{message} (the header row of a wide table holds years such as 2021 or 2021年)"
                    )
                })
        };
        match found {
            Ok(period) => {
                if let Some(&(_, c)) = first_of.iter().find(|(p, _)| *p == period) {
                    out.problem(
                        Loc::at(grid, header, col),
                        format!(
                            "year {}{} appears twice in the header (first at {})",
                            period.year,
                            period.describe(),
                            address(header, c)
                        ),
                    );
                } else {
                    first_of.push((period, col));
                    periods[col] = Some(period);
                }
            }
            Err(message) => out.problem(Loc::at(grid, header, col), message),
        }
    }
    if first_of.is_empty() && out.problems.len() == problems_before {
        out.problem(
            Loc::sheet(grid),
            format!(
                "no year columns in the header (row {}); a long table needs 地区/region, 年份/year and 数值/value columns",
                header + 1
            ),
        );
        return;
    }
    let mut seen_regions: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for row in header + 1..grid.rows.len() {
        let has_values = (1..width).any(|c| !cells::is_blank(grid.get(row, c)));
        if !has_values {
            continue;
        }
        let region = clean(&text_of(grid.get(row, 0)));
        if region.is_empty() {
            out.problem(
                Loc::at(grid, row, 0),
                "this row has values but no region name",
            );
            continue;
        }
        if let Some(&first) = seen_regions.get(&region) {
            out.problem(
                Loc::at(grid, row, 0),
                format!(
                    "region \"{region}\" appears twice in this sheet (first at {})",
                    address(first, 0)
                ),
            );
            continue;
        }
        seen_regions.insert(region.clone(), row);
        for (col, period) in periods.iter().enumerate() {
            let Some(period) = *period else { continue };
            match parse_value(grid.get(row, col)) {
                Ok(Some(n)) => {
                    let growth = n.growth || period.measure == Measure::GrowthPct;
                    // A growth rate is in %, whatever the indicator's unit.
                    let value_unit = match n.unit {
                        Some(u) if growth && u == "%" => None,
                        other => other,
                    };
                    out.entries.push(Entry {
                        region: region.clone(),
                        indicator: indicator.clone(),
                        unit: unit.clone(),
                        value_unit,
                        year: period.year,
                        months: period.months,
                        value: n.value,
                        bound: n.bound,
                        measure: if growth {
                            Measure::GrowthPct
                        } else {
                            Measure::Level
                        },
                        kind: ObservationKind::Actual,
                        source: None,
                        note: None,
                        at: Loc::at(grid, row, col),
                    })
                }
                Ok(None) => out.missing += 1,
                Err(message) => out.problem(Loc::at(grid, row, col), message),
            }
        }
    }
}
