//! Workbooks (xlsx, xlsm, xls, xlsb, ods) read with calamine, each sheet a [`Grid`].

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::cells::{Cell, Grid};

/// Every sheet of the workbook at `path`, in workbook order, or only `only`.
///
/// An unreadable file is `Err` with the reason; a missing `only` names the sheets there are.
pub fn read(path: &Path, only: Option<&str>) -> Result<Vec<Grid>, String> {
    let mut book = open_workbook_auto(path)
        .map_err(|e| format!("cannot read the workbook (is it a valid xlsx/xls/ods file?): {e}"))?;
    let names = book.sheet_names();
    if let Some(wanted) = only
        && !names.iter().any(|n| n == wanted)
    {
        return Err(format!(
            "there is no sheet \"{wanted}\" (sheets: {})",
            names.join(", ")
        ));
    }
    let mut grids = Vec::new();
    for name in names
        .iter()
        .filter(|n| only.is_none_or(|w| w == n.as_str()))
    {
        let range = book
            .worksheet_range(name)
            .map_err(|e| format!("cannot read sheet \"{name}\": {e}"))?;
        let (top, left) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
        }
        grids.push(Grid {
            sheet: Some(name.clone()),
            rows,
        });
    }
    Ok(grids)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::DateTime(d) => Cell::Date(d.to_string()),
        Data::DateTimeIso(d) | Data::DurationIso(d) => Cell::Date(d.clone()),
    }
}
