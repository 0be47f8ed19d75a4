//! Workbooks (xlsx, xlsm, xls, xlsb, ods) read with calamine from bytes already read (the
//! file is opened once, by [`crate::io::read::read_bounded`]), each sheet a [`Grid`].
//!
//! Memory is bounded by [`MAX_CELLS`]: an xlsx sheet is streamed cell by cell and refused at
//! the first cell past the limit, so a sheet reaching row 1,048,576 or a zip that unpacks to
//! gigabytes of XML stops there instead of being held whole.

use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Range, Reader, Xls, Xlsb, Xlsx, XlsxError};

use super::cells::{Cell, Grid, Merge, address};
use super::layout::{CellProblem, Loc};

/// The most cells import holds, over all sheets of one table: a row counts up to its last
/// filled cell. 3,000 regions × 30 years × 40 sheets (3.7 M) fit; 1,048,576 rows × 5 do not.
pub const MAX_CELLS: usize = 5_000_000;
/// The most cells scanned, filled or not (formatted empty cells cost time, not memory).
pub const MAX_SCANNED: usize = 10 * MAX_CELLS;
/// Excel's last row and column (1,048,576 and XFD): a cell beyond them is not a spreadsheet's.
const ROWS: u32 = 1 << 20;
const COLUMNS: u32 = 1 << 14;

/// Cells held and scanned so far, against [`MAX_CELLS`] and [`MAX_SCANNED`].
#[derive(Debug, Default)]
pub struct Budget {
    held: usize,
    scanned: usize,
}

/// Every sheet of the workbook in `bytes` (its file name ending in `ext`), in workbook order,
/// or only `only`. An unreadable workbook, a missing `only`, or a sheet past the cell limit is
/// `Err` with the place (sheet and cell, where there is one).
pub fn read(bytes: &[u8], ext: &str, only: Option<&str>) -> Result<Vec<Grid>, CellProblem> {
    let whole = |message: String| CellProblem {
        at: Loc::default(),
        message,
    };
    let mut budget = Budget::default();
    let cursor = Cursor::new(bytes);
    match ext {
        "xlsx" | "xlsm" => {
            let mut book = Xlsx::new(cursor).map_err(|e| whole(xlsx_open_error(&e)))?;
            let names = chosen(&book.sheet_names(), only).map_err(whole)?;
            let mut grids = Vec::new();
            for name in names {
                let mut grid = stream_xlsx(&mut book, &name, &mut budget)?;
                grid.merged = book
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| whole(format!("cannot read sheet \"{name}\": {e}")))?
                    .iter()
                    .map(|d| Merge {
                        first: (d.start.0 as usize, d.start.1 as usize),
                        last: (d.end.0 as usize, d.end.1 as usize),
                    })
                    .collect();
                grids.push(grid);
            }
            Ok(grids)
        }
        "xls" => {
            let mut book: Xls<_> = Xls::new(cursor).map_err(|e| whole(open_error(&e)))?;
            let names = chosen(&book.sheet_names(), only).map_err(whole)?;
            let mut grids = Vec::new();
            for name in names {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| sheet_error(&name, &e))?;
                let mut grid = grid_of_range(&name, &range, &mut budget)?;
                grid.merged = book
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| sheet_error(&name, &e))?
                    .iter()
                    .map(|d| Merge {
                        first: (d.start.0 as usize, d.start.1 as usize),
                        last: (d.end.0 as usize, d.end.1 as usize),
                    })
                    .collect();
                grids.push(grid);
            }
            Ok(grids)
        }
        "xlsb" => {
            let mut book: Xlsb<_> = Xlsb::new(cursor).map_err(|e| whole(open_error(&e)))?;
            ranges(&mut book, only, &mut budget)
        }
        _ => {
            let mut book: Ods<_> = Ods::new(cursor).map_err(|e| whole(open_error(&e)))?;
            ranges(&mut book, only, &mut budget)
        }
    }
}

/// The sheets to read: all, or `only` if it is there.
fn chosen(names: &[String], only: Option<&str>) -> Result<Vec<String>, String> {
    match only {
        None => Ok(names.to_vec()),
        Some(wanted) if names.iter().any(|n| n == wanted) => Ok(vec![wanted.to_owned()]),
        Some(wanted) => Err(format!(
            "there is no sheet \"{wanted}\" (sheets: {})",
            names.join(", ")
        )),
    }
}

fn xlsx_open_error(e: &XlsxError) -> String {
    match e {
        XlsxError::Password => "the workbook is password-protected (encrypted); save a copy \
                                without a password and import that"
            .to_owned(),
        other => open_error(other),
    }
}

fn open_error(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        return "the workbook is password-protected (encrypted); save a copy without a \
                password and import that"
            .to_owned();
    }
    format!("cannot read the workbook (is it a valid xlsx/xls/ods file?): {text}")
}

fn sheet_error(name: &str, e: &dyn std::fmt::Display) -> CellProblem {
    CellProblem {
        at: Loc {
            sheet: Some(name.to_owned()),
            cell: None,
        },
        message: format!("cannot read the sheet: {e}"),
    }
}

/// Every chosen sheet of a workbook calamine reads whole (xlsb, ods).
fn ranges<'a, R>(
    book: &mut R,
    only: Option<&str>,
    budget: &mut Budget,
) -> Result<Vec<Grid>, CellProblem>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let names = chosen(&book.sheet_names(), only).map_err(|message| CellProblem {
        at: Loc::default(),
        message,
    })?;
    let mut grids = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| sheet_error(&name, &e))?;
        grids.push(grid_of_range(&name, &range, budget)?);
    }
    Ok(grids)
}

/// Reads one xlsx sheet cell by cell into a grid, within the budget.
fn stream_xlsx(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Grid, CellProblem> {
    let mut grid = Grid {
        sheet: Some(name.to_owned()),
        ..Grid::default()
    };
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|e| sheet_error(name, &e))?;
    while let Some(cell) = cells.next_cell().map_err(|e| sheet_error(name, &e))? {
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty => Cell::Empty,
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::Error(e) => Cell::Error(e.to_string()),
            DataRef::DateTime(d) => Cell::Date(date_text(d)),
            DataRef::DateTimeIso(d) | DataRef::DurationIso(d) => Cell::Date(d.clone()),
        };
        put(&mut grid, row, col, value, budget)?;
    }
    Ok(grid)
}

/// A sheet calamine read whole, as a grid, within the budget.
fn grid_of_range(
    name: &str,
    range: &Range<Data>,
    budget: &mut Budget,
) -> Result<Grid, CellProblem> {
    let mut grid = Grid {
        sheet: Some(name.to_owned()),
        ..Grid::default()
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, col, data) in range.used_cells() {
        let value = match data {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Bool(*b),
            Data::Error(e) => Cell::Error(e.to_string()),
            Data::DateTime(d) => Cell::Date(date_text(d)),
            Data::DateTimeIso(d) | Data::DurationIso(d) => Cell::Date(d.clone()),
        };
        put(
            &mut grid,
            top + row as u32,
            left + col as u32,
            value,
            budget,
        )?;
    }
    Ok(grid)
}

/// Puts one cell into the grid: empty cells only count as scanned; a filled one extends its
/// row up to it, every cell of that counted against [`MAX_CELLS`].
fn put(
    grid: &mut Grid,
    row: u32,
    col: u32,
    value: Cell,
    budget: &mut Budget,
) -> Result<(), CellProblem> {
    let here = || Loc {
        sheet: grid.sheet.clone(),
        cell: Some(address(row.min(ROWS) as usize, col.min(COLUMNS) as usize)),
    };
    budget.scanned += 1;
    if budget.scanned > MAX_SCANNED {
        return Err(CellProblem {
            at: here(),
            message: format!(
                "the table has more than {MAX_SCANNED} cells (filled or formatted); import stops here — delete the unused rows and columns, or split the table"
            ),
        });
    }
    if value == Cell::Empty {
        return Ok(());
    }
    if row >= ROWS || col >= COLUMNS {
        return Err(CellProblem {
            at: here(),
            message: format!(
                "a cell at row {} column {} is beyond a spreadsheet's last cell (XFD1048576)",
                u64::from(row) + 1,
                u64::from(col) + 1
            ),
        });
    }
    let (row, col) = (row as usize, col as usize);
    if grid.rows.len() <= row {
        grid.rows.resize_with(row + 1, Vec::new);
    }
    let cells = &mut grid.rows[row];
    if cells.len() == col && budget.held < MAX_CELLS {
        // The common case: the next cell of the row.
        budget.held += 1;
        cells.push(value);
        return Ok(());
    }
    if cells.len() <= col {
        let growth = col + 1 - cells.len();
        if budget.held + growth > MAX_CELLS {
            return Err(CellProblem {
                at: here(),
                message: format!(
                    "the table has more than {MAX_CELLS} cells (all sheets together); import reads at most that many — split the table (one sheet with --sheet, or smaller files)"
                ),
            });
        }
        budget.held += growth;
        cells.resize(col + 1, Cell::Empty);
    }
    cells[col] = value;
    Ok(())
}

/// A date cell as a person reads it: `2022-03-01`, `2022-03-01 08:30:00`; a duration in days.
fn date_text(d: &ExcelDateTime) -> String {
    if !d.is_datetime() {
        return format!("{} days", d.as_f64());
    }
    let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}
