//! Copy and paste in the pivot, as plain functions of the data (no egui): what a TSV block
//! pasted at a cell does, and what a selected rectangle copies.

use crate::lang::Lang;
use crate::model::cell_value::parse_cell_value;
use crate::model::scenario::{Applied, Edit};
use crate::model::{Dataset, IndicatorIdx, RegionIdx};

use super::{CellRef, Shown, shown};

/// How many refused cells a paste report lists by name.
pub const LISTED: usize = 10;

/// What pasting a block does: the edits to make (as one undo step) and the cells refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PastePlan {
    /// One edit per accepted cell.
    pub edits: Vec<Edit>,
    /// Refused cells, each as "区域 年份: 原因" / "region year: reason", in block order.
    pub refused: Vec<String>,
    /// Blank cells of the block, left as they are.
    pub blanks: usize,
    /// Rows and columns of the table the block covers (clipped to the table), from the
    /// anchor: the rectangle to select afterwards.
    pub covered: (usize, usize),
}

impl PastePlan {
    /// The report shown after the paste: how many landed, then each refused cell (at most
    /// [`LISTED`], then "…and N more").
    pub fn report(&self, lang: Lang) -> String {
        let mut text = match lang {
            Lang::Zh => format!("已粘贴 {} 个单元格", self.edits.len()),
            Lang::En => format!("Pasted {} cells", self.edits.len()),
        };
        if self.edits.len() == 1 && lang == Lang::En {
            text = "Pasted 1 cell".to_owned();
        }
        if !self.edits.is_empty() {
            text.push_str(lang.pick("（可一步撤销）", " (one undo step)"));
        }
        if self.blanks > 0 {
            text.push_str(&match lang {
                Lang::Zh => format!("；{} 个空白单元格未改动", self.blanks),
                Lang::En => format!("; {} blank cells left as they were", self.blanks),
            });
        }
        if !self.refused.is_empty() {
            text.push_str(&match lang {
                Lang::Zh => format!("；跳过 {} 个：", self.refused.len()),
                Lang::En => format!("; skipped {}:", self.refused.len()),
            });
            for line in self.refused.iter().take(LISTED) {
                text.push('\n');
                text.push_str(line);
            }
            let more = self.refused.len().saturating_sub(LISTED);
            if more > 0 {
                text.push('\n');
                text.push_str(&match lang {
                    Lang::Zh => format!("…还有 {more} 个"),
                    Lang::En => format!("…and {more} more"),
                });
            }
        }
        text
    }
}

/// The table a block is pasted into: its rows (regions), columns (years) and indicator.
#[derive(Clone, Copy, Debug)]
pub struct Grid<'a> {
    /// The indicator shown.
    pub indicator: IndicatorIdx,
    /// Rows, top to bottom.
    pub rows: &'a [RegionIdx],
    /// Columns, left to right.
    pub years: &'a [i32],
}

impl Grid<'_> {
    /// The cell at (row, column), if the table has one there.
    pub fn cell(&self, row: usize, col: usize) -> Option<CellRef> {
        Some(CellRef {
            region: *self.rows.get(row)?,
            indicator: self.indicator,
            year: *self.years.get(col)?,
        })
    }
}

/// Plans pasting `block` with its top-left cell at `anchor` (row, column) of `grid`. Cell
/// (i, j) of the block goes to row `anchor.0 + i`, column `anchor.1 + j`. Numbers (read as
/// typed into a cell) become edits; blank cells are left alone; text that is not a number, a
/// value out of the indicator's range, a target and a cell outside the table are refused.
pub fn plan_paste(
    dataset: &Dataset,
    applied: &Applied,
    grid: Grid<'_>,
    anchor: (usize, usize),
    block: &[Vec<String>],
    lang: Lang,
) -> PastePlan {
    let mut plan = PastePlan::default();
    let indicator = dataset.indicator(grid.indicator);
    for (i, row) in block.iter().enumerate() {
        for (j, text) in row.iter().enumerate() {
            let (r, c) = (anchor.0.saturating_add(i), anchor.1.saturating_add(j));
            let Some(cell) = grid.cell(r, c) else {
                if !text.trim().is_empty() {
                    plan.refused.push(outside(dataset, grid, r, c, lang));
                }
                continue;
            };
            plan.covered.0 = plan.covered.0.max(i + 1);
            plan.covered.1 = plan.covered.1.max(j + 1);
            let name = || cell_name(dataset, cell, lang);
            if text.trim().is_empty() {
                plan.blanks += 1;
                continue;
            }
            if let Shown::Target { .. } = shown(dataset, applied, cell) {
                plan.refused.push(format!(
                    "{}: {}",
                    name(),
                    lang.pick("目标值只读", "targets are read-only")
                ));
                continue;
            }
            match parse_cell_value(text, indicator) {
                Ok(Some(value)) => plan.edits.push(Edit::recorded(
                    dataset,
                    cell.region,
                    cell.indicator,
                    cell.year,
                    Some(value),
                )),
                // Blank after cleaning (e.g. only separators): left alone like a blank cell.
                Ok(None) => plan.blanks += 1,
                Err(err) => {
                    plan.refused
                        .push(format!("{}: {}", name(), err.message(indicator, lang)))
                }
            }
        }
    }
    plan
}

/// "万盛经开区 2022".
pub fn cell_name(dataset: &Dataset, cell: CellRef, lang: Lang) -> String {
    format!(
        "{} {}",
        dataset.region(cell.region).display_name(lang),
        cell.year
    )
}

/// A refused cell outside the table, named by what the table has there (region or year)
/// or by its position.
fn outside(dataset: &Dataset, grid: Grid<'_>, row: usize, col: usize, lang: Lang) -> String {
    let row_name = match grid.rows.get(row) {
        Some(&region) => dataset.region(region).display_name(lang).to_owned(),
        None => match lang {
            Lang::Zh => format!("第 {} 行", row.saturating_add(1)),
            Lang::En => format!("row {}", row.saturating_add(1)),
        },
    };
    let col_name = match grid.years.get(col) {
        Some(year) => year.to_string(),
        None => match lang {
            Lang::Zh => format!("第 {} 列", col.saturating_add(1)),
            Lang::En => format!("column {}", col.saturating_add(1)),
        },
    };
    format!(
        "{row_name} {col_name}: {}",
        lang.pick("超出表格范围", "outside the table")
    )
}

/// The values of the rectangle `rows` × `cols` of `grid` as text cells: full precision, no
/// thousands separators, blank where there is no value; a target where the table shows one.
pub fn copy_block(
    dataset: &Dataset,
    applied: &Applied,
    grid: Grid<'_>,
    rows: std::ops::RangeInclusive<usize>,
    cols: std::ops::RangeInclusive<usize>,
) -> Vec<Vec<String>> {
    rows.filter_map(|r| {
        let cells: Vec<String> = cols
            .clone()
            .filter_map(|c| grid.cell(r, c))
            .map(|cell| shown(dataset, applied, cell).edit_text())
            .collect();
        (!cells.is_empty()).then_some(cells)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{Scenario, apply};

    fn data() -> Dataset {
        crate::bundled_dataset().expect("bundled data loads")
    }

    fn grid_of<'a>(d: &Dataset, rows: &'a [RegionIdx], years: &'a [i32], ind: &str) -> Grid<'a> {
        Grid {
            indicator: d.indicator_by_id(ind).expect("indicator"),
            rows,
            years,
        }
    }

    #[test]
    fn a_block_lands_cell_by_cell_and_bad_cells_are_reported() {
        let d = data();
        let rows = [
            d.region_by_id("wansheng").unwrap(),
            d.region_by_id("fuling").unwrap(),
        ];
        let years = [2021, 2022, 2023];
        let grid = grid_of(&d, &rows, &years, "good_air_days");
        let block = crate::io::tsv::parse_tsv("300\tabc\t400\r\n１２３\t\t301\t302\r\n5\r\n");
        let plan = plan_paste(&d, &Applied::none(), grid, (0, 0), &block, Lang::Zh);
        let landed: Vec<(String, i32, Option<f64>)> = plan
            .edits
            .iter()
            .map(|e| (e.region.clone(), e.year, e.value))
            .collect();
        assert_eq!(
            landed,
            vec![
                ("wansheng".into(), 2021, Some(300.0)),
                ("fuling".into(), 2021, Some(123.0)),
                ("fuling".into(), 2023, Some(301.0)),
            ]
        );
        assert_eq!(plan.blanks, 1);
        assert_eq!(plan.refused.len(), 4, "{:?}", plan.refused);
        assert_eq!(plan.refused[0], "万盛经开区 2022: “abc”不是数字");
        assert!(plan.refused[1].starts_with("万盛经开区 2023: 400 超出"));
        assert_eq!(plan.refused[2], "涪陵区 第 4 列: 超出表格范围");
        assert_eq!(plan.refused[3], "第 3 行 2021: 超出表格范围");
        assert_eq!(plan.covered, (2, 3));
        // The baseline at the time of the edit is recorded.
        let fuling_2021 = plan.edits.iter().find(|e| e.region == "fuling").unwrap();
        assert_eq!(fuling_2021.was, Some(334.0));
    }

    #[test]
    fn targets_are_refused_and_the_report_is_capped() {
        let d = data();
        let rows = [d.region_by_id("wansheng").unwrap()];
        let years = [2022, 2025];
        let grid = grid_of(&d, &rows, &years, "industrial_output");
        let block = vec![vec!["310".to_owned(), "520".to_owned()]];
        let plan = plan_paste(&d, &Applied::none(), grid, (0, 0), &block, Lang::En);
        assert_eq!(plan.edits.len(), 1);
        assert_eq!(plan.refused, vec!["Wansheng 2025: targets are read-only"]);

        let many = vec![vec!["x".to_owned(); 15]];
        let plan = plan_paste(&d, &Applied::none(), grid, (0, 0), &many, Lang::En);
        let report = plan.report(Lang::En);
        assert_eq!(plan.refused.len(), 15);
        assert!(
            report.starts_with("Pasted 0 cells; skipped 15:"),
            "{report}"
        );
        assert!(report.ends_with("…and 5 more"), "{report}");
        assert_eq!(report.lines().count(), 1 + LISTED + 1);
    }

    #[test]
    fn copy_takes_the_effective_values_in_full_precision() {
        let d = data();
        let ws = d.region_by_id("wansheng").unwrap();
        let cq = d.region_by_id("chongqing").unwrap();
        let rows = [ws, cq];
        let years = [2021, 2022];
        let grid = grid_of(&d, &rows, &years, "good_air_days");
        let mut s = Scenario::new("s", "d");
        s.set_edit(Edit::new("wansheng", "good_air_days", 2021, Some(300.125)));
        let applied = apply(&d, &s);
        let block = copy_block(&d, &applied, grid, 0..=1, 0..=1);
        assert_eq!(
            block,
            vec![
                vec!["300.125".to_owned(), "343".to_owned()],
                vec!["326".to_owned(), "332".to_owned()],
            ]
        );
        // Pasting the copy back changes nothing but records edits of the same values.
        let plan = plan_paste(&d, &applied, grid, (0, 0), &block, Lang::Zh);
        assert_eq!(plan.edits.len(), 4);
        assert!(plan.refused.is_empty());
    }
}
