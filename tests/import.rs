//! `yardstick import`: spreadsheets (xlsx, ods, CSV in UTF-8 or GBK, pasted tabs) into a
//! dataset, and every bad table refused with file, sheet and cell. Fixtures are made by
//! tests/fixtures/import/make_fixtures.py; the tables too large to commit are written here at
//! run time (tests/fixtures/import/write_xlsx.rs).
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

mod hostile;
#[path = "fixtures/import/write_xlsx.rs"]
mod write_xlsx;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use yardstick::io::import::{ImportError, ImportOptions, Layout, import, run};
use yardstick::model::{Bound, Dataset, Measure, ObservationKind};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import"
    ))
    .join(name)
}

fn options(name: &str) -> ImportOptions {
    ImportOptions {
        input: fixture(name),
        out: PathBuf::from("unused.ron"),
        today: Some("2026-12-01".into()),
        ..Default::default()
    }
}

/// (region name, indicator name, year, kind) → value.
fn values(d: &Dataset) -> BTreeMap<(String, String, i32, ObservationKind), f64> {
    d.observations()
        .iter()
        .map(|o| {
            (
                (
                    d.region(o.region).name.clone(),
                    d.indicator(o.indicator).name.clone(),
                    o.year,
                    o.kind,
                ),
                o.value,
            )
        })
        .collect()
}

fn actual(region: &str, indicator: &str, year: i32) -> (String, String, i32, ObservationKind) {
    (
        region.into(),
        indicator.into(),
        year,
        ObservationKind::Actual,
    )
}

/// The error text of importing `options`, with the fixture folder cut off.
fn error_of(options: &ImportOptions) -> String {
    let err = import(options).expect_err("the table is refused");
    assert_eq!(err.exit_code(), 1, "{err}");
    let folder = format!(
        "{}/",
        fixture("").display().to_string().trim_end_matches('/')
    );
    err.to_string().replace(&folder, "")
}

#[test]
fn a_wide_yearbook_workbook_with_two_sheets() {
    let summary = import(&options("yearbook.xlsx")).expect("imports");
    let d = &summary.dataset;
    let v = values(d);
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2020)], 210.5);
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2021)], 245.3);
    assert!(
        !v.contains_key(&actual("万盛经开区", "工业总产值", 2022)),
        "— is missing"
    );
    assert_eq!(v[&actual("綦江区", "工业总产值", 2020)], 1234.5);
    assert_eq!(v[&actual("南川区", "工业总产值", 2020)], 123.0);
    assert_eq!(v[&actual("綦江区", "常住人口", 2022)], 100.8);
    assert_eq!(v.len(), 8 + 4);
    assert_eq!(summary.missing, 1);
    assert_eq!(summary.tables, 2);
    let units: Vec<(&str, &str)> = d
        .indicators()
        .iter()
        .map(|i| (i.name.as_str(), i.unit.as_str()))
        .collect();
    assert_eq!(units, [("工业总产值", "亿元"), ("常住人口", "万人")]);
    let ids: Vec<&str> = d.regions().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["wan_sheng_jing_kai_qu", "qi_jiang_qu", "nan_chuan_qu"]
    );
    assert_eq!(
        d.regions()[0].name_en,
        "万盛经开区",
        "English falls back to the name"
    );
    assert_eq!(d.sources()[0].title, "yearbook.xlsx（2026-12-01 导入）");
}

#[test]
fn one_sheet_of_a_workbook_with_sheet() {
    let mut o = options("yearbook.xlsx");
    o.sheet = Some("常住人口(万人)".into());
    let d = import(&o).expect("imports").dataset;
    assert_eq!(d.indicators().len(), 1);
    assert_eq!(d.observations().len(), 4);
    o.sheet = Some("nope".into());
    let err = error_of(&o);
    assert!(err.contains("there is no sheet \"nope\""), "{err}");
}

#[test]
fn an_ods_sheet_named_with_its_unit() {
    let d = import(&options("wide.ods")).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("万盛经开区", "森林覆盖率", 2022)], 61.2);
    assert_eq!(v[&actual("綦江区", "森林覆盖率", 2021)], 52.0);
    assert_eq!(v.len(), 3);
    assert_eq!(d.indicators()[0].unit, "%");
}

#[test]
fn a_gbk_csv_with_indicator_and_unit_options() {
    let mut o = options("gbk.csv");
    let err = error_of(&o);
    assert!(
        err.contains("gbk.csv: indicator \"gbk\" has no unit"),
        "{err}"
    );
    assert!(err.contains("--unit"), "{err}");
    o.indicator = Some("常住人口".into());
    o.unit = Some("万人".into());
    let d = import(&o).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("綦江区", "常住人口", 2021)], 101.2);
    assert_eq!(v.len(), 3);
    assert_eq!(d.indicators()[0].unit, "万人");
}

#[test]
fn tab_separated_text_pasted_from_wps() {
    let mut o = options("wps_paste.txt");
    o.indicator = Some("空气质量优良天数（天）".into());
    let d = import(&o).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("万盛经开区", "空气质量优良天数", 2021)], 343.0);
    assert_eq!(v[&actual("万盛经开区", "空气质量优良天数", 2022)], 350.0);
    assert_eq!(v.len(), 3);
    // A unit in the cell that no listed factor turns into the indicator's is refused.
    o.indicator = Some("空气质量优良天数（日）".into());
    assert_eq!(
        error_of(&o),
        "wps_paste.txt:B2: the cell's unit \"天\" is not the unit \"日\" of indicator \"空气质量优良天数\", and import has no listed factor between them (it converts 元/万元/亿元, 人/万人, 米/千米, 平方米/公顷/平方千米/亩, 千克/吨/万吨 …); correct the unit or import into another indicator"
    );
}

#[test]
fn a_long_csv_with_chinese_headers_kinds_and_sources() {
    let d = import(&options("long_zh.csv")).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2022)], 1020.5);
    assert_eq!(v[&actual("綦江区", "空气质量优良天数", 2022)], 343.0);
    let target = (
        "万盛经开区".to_owned(),
        "工业总产值".to_owned(),
        2025,
        ObservationKind::Target,
    );
    assert_eq!(v[&target], 500.0);
    assert_eq!(v.len(), 4);
    let titles: Vec<&str> = d.sources().iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["万盛统计公报2022", "万盛十四五规划", "綦江统计公报2022"]
    );
    let note = d.observations().iter().find_map(|o| d.note(&o));
    assert_eq!(note, Some("规划目标"));
    // Forced wide, the same table is not a wide one.
    let mut o = options("long_zh.csv");
    o.layout = Layout::Wide;
    assert!(import(&o).is_err());
}

#[test]
fn text_in_a_number_cell_is_located() {
    assert_eq!(
        error_of(&options("bad_number.xlsx")),
        "bad_number.xlsx:Sheet1!C7: \"1,2O3\" is not a number"
    );
}

#[test]
fn a_formula_error_is_located() {
    assert_eq!(
        error_of(&options("bad_div0.xlsx")),
        "bad_div0.xlsx:产值（亿元）!C2: \"#DIV/0!\" is a formula error, not a number"
    );
}

#[test]
fn a_duplicate_region_row_is_located() {
    assert_eq!(
        error_of(&options("bad_duplicate_region.csv")),
        "bad_duplicate_region.csv:A5: region \"万盛\" appears twice in this sheet (first at A3)"
    );
}

#[test]
fn a_year_header_that_is_not_a_year_is_located() {
    let mut o = options("bad_year.csv");
    o.unit = Some("亿元".into());
    assert_eq!(
        error_of(&o),
        "bad_year.csv:C1: \"二〇二一\" is not a year (the header row of a wide table holds years such as 2021 or 2021年)"
    );
}

#[test]
fn an_empty_sheet_is_named() {
    assert_eq!(
        error_of(&options("bad_empty_sheet.xlsx")),
        "bad_empty_sheet.xlsx:Sheet2: the sheet is empty"
    );
}

/// (region, year, months, measure, bound, value) of one observation.
type Qualified = (String, i32, Option<(u8, u8)>, Measure, Bound, f64);

/// Every observation of `d` with its qualifiers, sorted.
fn qualified(d: &Dataset) -> Vec<Qualified> {
    let mut all: Vec<_> = d
        .observations()
        .iter()
        .map(|o| {
            (
                d.region(o.region).name.clone(),
                o.year,
                o.months,
                o.measure,
                o.bound,
                o.value,
            )
        })
        .collect();
    all.sort_by(|a, b| a.partial_cmp(b).unwrap());
    all
}

#[test]
fn bounds_are_kept_with_their_figure() {
    let mut o = options("bounds.csv");
    o.unit = Some("亿元".into());
    let d = import(&o).expect("imports").dataset;
    let l = Measure::Level;
    assert_eq!(
        qualified(&d),
        [
            ("万盛".to_owned(), 2021, None, l, Bound::Exact, 280.0),
            ("万盛".to_owned(), 2022, None, l, Bound::MoreThan, 300.0),
            ("綦江".to_owned(), 2021, None, l, Bound::About, 300.0),
            ("綦江".to_owned(), 2022, None, l, Bound::AtLeast, 300.0),
        ]
    );
}

#[test]
fn growth_columns_and_part_year_headings_set_measure_and_months() {
    let d = import(&options("growth.xlsx")).expect("imports").dataset;
    let (l, g, x) = (Measure::Level, Measure::GrowthPct, Bound::Exact);
    let m = Some((1, 11));
    assert_eq!(
        qualified(&d),
        [
            ("万盛经开区".to_owned(), 2022, None, l, x, 245.3),
            ("万盛经开区".to_owned(), 2022, None, g, x, 8.7),
            ("万盛经开区".to_owned(), 2023, m, l, x, 230.1),
            ("万盛经开区".to_owned(), 2023, m, g, x, -2.1),
            ("綦江区".to_owned(), 2022, None, l, x, 1302.0),
            ("綦江区".to_owned(), 2022, None, g, x, 6.5),
            ("綦江区".to_owned(), 2023, m, l, x, 1250.0),
            ("綦江区".to_owned(), 2023, m, g, x, -1.2),
        ]
    );
    assert_eq!(
        d.indicators()[0].unit,
        "亿元",
        "growth rates keep the level's unit"
    );
    let p = yardstick::io::import::preview(&options("growth.xlsx")).unwrap();
    use yardstick::io::import::Role;
    assert_eq!(
        p.tables[0].shape.as_ref().unwrap().roles,
        [
            Role::Region,
            Role::ValuesOf(2022),
            Role::GrowthOf(2022),
            Role::ValuesOf(2023),
            Role::GrowthOf(2023)
        ]
    );
}

#[test]
fn a_growth_cell_in_a_long_table_is_a_growth_rate_beside_the_level() {
    let d = import(&options("growth_long.csv"))
        .expect("imports")
        .dataset;
    let x = Bound::Exact;
    assert_eq!(
        qualified(&d),
        [
            (
                "万盛经开区".to_owned(),
                2022,
                None,
                Measure::Level,
                x,
                320.5
            ),
            (
                "万盛经开区".to_owned(),
                2022,
                None,
                Measure::GrowthPct,
                x,
                4.5
            ),
        ]
    );
}

#[test]
fn a_corrupt_workbook_is_refused() {
    assert_eq!(
        error_of(&options("corrupt.xlsx")),
        "corrupt.xlsx: cannot read the workbook (is it a valid xlsx/xls/ods file?): Zip error: invalid Zip archive: Could not find EOCD"
    );
}

#[test]
fn a_duplicate_long_row_names_both_cells() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dup.csv");
    std::fs::write(
        &input,
        "region,indicator,year,value,unit\nA,gdp,2021,1,yuan\nA,gdp,2021,2,yuan\n",
    )
    .unwrap();
    let o = ImportOptions {
        input: input.clone(),
        ..options("")
    };
    let err = import(&o).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}:D3: a second value for A / gdp / 2021 / Actual (first at D2)",
            input.display()
        )
    );
}

#[test]
fn many_problems_are_cut_at_fifty() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.csv");
    let mut text = String::from("地区,2021\n");
    for i in 0..60 {
        text.push_str(&format!("r{i},x{i}\n"));
    }
    std::fs::write(&input, text).unwrap();
    let o = ImportOptions {
        input,
        unit: Some("个".into()),
        ..options("")
    };
    let err = import(&o).unwrap_err();
    let ImportError::Input { problems, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 60);
    let text = err.to_string();
    assert_eq!(text.lines().count(), 51, "{text}");
    assert!(text.ends_with("… and 10 more problems"), "{text}");
}

#[test]
fn round_trip_through_the_written_file_keeps_every_number() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.ron");
    let o = ImportOptions {
        out: out.clone(),
        source: Some("重庆统计年鉴2023".into()),
        ..options("yearbook.xlsx")
    };
    let summary = run(&o).expect("imports and writes");
    let loaded = yardstick::io::load_dataset(&out).expect("the file loads");
    assert_eq!(values(&loaded), values(&summary.dataset));
    assert_eq!(loaded.sources()[0].title, "重庆统计年鉴2023");
    assert_eq!(
        values(&loaded)[&actual("綦江区", "工业总产值", 2022)],
        1411.25
    );
}

#[test]
fn nothing_is_written_on_error_and_never_over_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.ron");
    let o = ImportOptions {
        out: out.clone(),
        ..options("bad_number.xlsx")
    };
    assert!(run(&o).is_err());
    assert!(!out.exists());

    let input = dir.path().join("t.csv");
    std::fs::write(&input, "地区,2021\nA,1\n").unwrap();
    let o = ImportOptions {
        input: input.clone(),
        out: input.clone(),
        unit: Some("个".into()),
        ..options("")
    };
    let err = run(&o).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "地区,2021\nA,1\n");
}

fn yardstick(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_line_imports_and_validate_accepts_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let table = fixture("yearbook.xlsx");
    let run = yardstick(&[
        "import",
        table.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("ok — 2 tables, 3 regions, 2 indicators"),
        "{stdout}"
    );
    let check = yardstick(&["validate", out.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let bad = fixture("bad_number.xlsx");
    let run = yardstick(&[
        "import",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("Sheet1!C7: \"1,2O3\" is not a number"));
    assert_eq!(
        yardstick(&["import", "--out", "x.ron"]).status.code(),
        Some(2)
    );
    let wrong = yardstick(&[
        "import",
        bad.to_str().unwrap(),
        "--layout",
        "tall",
        "--out",
        "x.ron",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn into_an_existing_dataset_matches_names_and_adds_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    run(&ImportOptions {
        out: base.clone(),
        ..options("long_zh.csv")
    })
    .expect("the base imports");
    let before = std::fs::read_to_string(&base).unwrap();

    // 綦江区 2022 工业总产值 is in both: refused, naming the cell.
    let out = dir.path().join("merged.ron");
    let o = ImportOptions {
        into: Some(base.clone()),
        out: out.clone(),
        ..options("yearbook.xlsx")
    };
    let err = error_of(&o);
    assert_eq!(
        err,
        "yearbook.xlsx:工业总产值!D4: a second value for 綦江区 / 工业总产值 / 2022 / Actual (already in the dataset)"
    );

    let o = ImportOptions {
        sheet: Some("常住人口(万人)".into()),
        ..o
    };
    run(&o).expect("merges");
    let merged = yardstick::io::load_dataset(&out).expect("loads");
    assert_eq!(
        merged.regions().len(),
        2,
        "万盛经开区 and 綦江区 are matched by name"
    );
    assert_eq!(merged.indicators().len(), 3);
    let v = values(&merged);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2022)], 1020.5);
    assert_eq!(v[&actual("綦江区", "常住人口", 2021)], 101.2);
    assert_eq!(
        std::fs::read_to_string(&base).unwrap(),
        before,
        "--into is never written"
    );

    let err = run(&ImportOptions {
        out: base.clone(),
        ..o
    })
    .unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
}

#[test]
fn merging_into_a_loaded_dataset_matches_names_as_into_does() {
    use yardstick::io::import::{import_into, preview_into};
    // The window's merge: the current dataset in memory, not a file.
    let base = import(&options("long_zh.csv"))
        .expect("the base imports")
        .dataset;
    let o = ImportOptions {
        sheet: Some("常住人口(万人)".into()),
        ..options("yearbook.xlsx")
    };
    let merged = import_into(&o, &base).expect("merges").dataset;
    assert_eq!(merged.regions().len(), 2, "matched by name");
    assert_eq!(merged.indicators().len(), 3);
    assert_eq!(merged.title, base.title, "the base's title stays");
    let v = values(&merged);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2022)], 1020.5);
    assert_eq!(v[&actual("綦江区", "常住人口", 2021)], 101.2);

    // The same file given as --into gives the same dataset.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("base.ron");
    yardstick::io::save_dataset(&file, &base).unwrap();
    let via_file = import(&ImportOptions {
        into: Some(file),
        ..o.clone()
    })
    .expect("merges")
    .dataset;
    assert_eq!(values(&via_file), v);

    // A value already in the dataset is a problem at its cell, before anything changes.
    let p = preview_into(&options("yearbook.xlsx"), &base).expect("previews");
    assert!(p.result.is_none());
    assert_eq!(
        p.problems[0].at.label(),
        "工业总产值!D4",
        "{:?}",
        p.problems
    );
    assert!(p.problems[0].message.ends_with("(already in the dataset)"));
}

#[test]
fn a_password_protected_workbook_is_refused() {
    assert_eq!(
        error_of(&options("bad_password.xlsx")),
        "bad_password.xlsx: the workbook is password-protected (encrypted); save a copy without a password and import that"
    );
}

#[test]
fn a_merged_header_cell_is_located() {
    assert_eq!(
        error_of(&options("bad_merged_header.xlsx")),
        "bad_merged_header.xlsx:产值（亿元）!B1: B1:C1 is a merged cell in the header: import needs one heading (a year, or a column name) above each column in one header row; unmerge B1:C1 and write the heading in each column"
    );
}

#[test]
fn a_date_in_a_value_cell_is_located() {
    assert_eq!(
        error_of(&options("bad_date.xlsx")),
        "bad_date.xlsx:产值（亿元）!C2: \"2022-03-01\" is a date, not a number"
    );
}

#[test]
fn a_long_header_with_an_unknown_column_names_it() {
    assert_eq!(
        error_of(&options("bad_long_header.csv")),
        "bad_long_header.csv: the header (row 1) has no 数值/value column\n\
         bad_long_header.csv:D1: \"数量\" is not a column of the long layout (columns: 地区/region, 指标/indicator, 年份/year, 数值/value, 单位/unit, 类型/kind, 来源/source, 备注/note)"
    );
}

#[test]
fn an_unknown_kind_is_located() {
    assert_eq!(
        error_of(&options("bad_kind.csv")),
        "bad_kind.csv:F3: \"计划\" is not a kind (实际/actual, 目标/target, 预计/estimate)"
    );
}

#[test]
fn a_year_twice_in_the_header_is_located() {
    let mut o = options("bad_duplicate_year.csv");
    o.unit = Some("亿元".into());
    assert_eq!(
        error_of(&o),
        "bad_duplicate_year.csv:C1: year 2021 appears twice in the header (first at B1)"
    );
}

#[test]
fn values_without_a_region_are_located() {
    let mut o = options("bad_no_region.csv");
    o.unit = Some("亿元".into());
    assert_eq!(
        error_of(&o),
        "bad_no_region.csv:A3: this row has values but no region name"
    );
}

#[test]
fn values_without_a_year_heading_are_located() {
    let mut o = options("bad_missing_year.csv");
    o.unit = Some("亿元".into());
    assert_eq!(
        error_of(&o),
        "bad_missing_year.csv:C1: this column has values but no year in the header"
    );
}

#[test]
fn a_unit_with_no_listed_factor_is_located_once() {
    assert_eq!(
        error_of(&options("bad_unit.csv")),
        "bad_unit.csv:D3: the table's unit \"万人\" is not the unit \"亿元\" of indicator \"工业总产值\", and import has no listed factor between them (it converts 元/千元/万元/百万元/千万元/亿元/万亿元); correct the unit or import into another indicator"
    );
}

#[test]
fn bytes_that_are_neither_utf8_nor_gbk_are_refused() {
    assert_eq!(
        error_of(&options("bad_encoding.csv")),
        "bad_encoding.csv: the file is neither UTF-8 nor GBK/GB18030 text"
    );
}

#[test]
fn excel_unicode_text_utf16_imports() {
    let mut o = options("excel_unicode.txt");
    o.indicator = Some("空气质量优良天数（天）".into());
    let d = import(&o).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("万盛经开区", "空气质量优良天数", 2021)], 343.0);
    assert_eq!(v[&actual("万盛经开区", "空气质量优良天数", 2022)], 350.0);
    assert_eq!(v.len(), 2);
}

/// The note of the observation of `region` / `indicator` / `year`.
fn note_of(d: &Dataset, region: &str, indicator: &str, year: i32) -> Option<String> {
    d.observations()
        .iter()
        .find(|o| {
            d.region(o.region).name == region
                && d.indicator(o.indicator).name == indicator
                && o.year == year
        })
        .and_then(|o| d.note(&o).map(str::to_owned))
}

#[test]
fn wan_yuan_into_a_dataset_in_yi_yuan_is_converted_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    run(&ImportOptions {
        out: base.clone(),
        ..options("long_zh.csv")
    })
    .expect("the base imports");
    let o = ImportOptions {
        into: Some(base),
        ..options("units_wanyuan.xlsx")
    };
    let d = import(&o).expect("imports").dataset;
    let output = d
        .indicators()
        .iter()
        .filter(|i| i.name == "工业总产值")
        .collect::<Vec<_>>();
    assert_eq!(output.len(), 1, "matched by name, not added");
    assert_eq!(output[0].unit, "亿元");
    let v = values(&d);
    // 2,453,000 万元 ÷ 10,000 = 245.3 亿元; 13,020,000 万元 ÷ 10,000 = 1,302 亿元.
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2021)], 245.3);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2021)], 1302.0);
    assert_eq!(
        note_of(&d, "万盛经开区", "工业总产值", 2021).as_deref(),
        Some("converted from 2453000 万元 ÷ 10000")
    );
    // The base's own values are untouched and carry no note.
    assert_eq!(v[&actual("綦江区", "工业总产值", 2022)], 1020.5);
    assert_eq!(note_of(&d, "綦江区", "工业总产值", 2022), None);
}

#[test]
fn a_long_table_mixing_listed_units_is_converted_to_the_first() {
    let d = import(&options("units_mixed.csv"))
        .expect("imports")
        .dataset;
    assert_eq!(d.indicators()[0].unit, "亿元");
    let v = values(&d);
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2021)], 245.3);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2021)], 1302.0);
    assert_eq!(note_of(&d, "万盛经开区", "工业总产值", 2021), None);
    assert_eq!(
        note_of(&d, "綦江区", "工业总产值", 2021).as_deref(),
        Some("converted from 13020000 万元 ÷ 10000")
    );
}

#[test]
fn a_fifo_as_the_table_is_refused_at_once_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("table.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = dir.path().join("out.ron");
    // No writer: opening the FIFO would wait forever (killed at the time limit).
    let r = hostile::run(
        dir.path(),
        &[
            "import",
            fifo.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, Some(1), "{r:?}");
    assert_eq!(
        r.stderr.trim_end(),
        format!(
            "{}: cannot read the table: it is a pipe (FIFO), not a saved file; save the table as a file and import that",
            fifo.display()
        )
    );
    assert!(r.took < std::time::Duration::from_secs(5), "{:?}", r.took);
    assert!(!out.exists());
}

#[test]
fn a_device_as_the_table_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let link = dir.path().join("table.xlsx");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for table in [link.to_str().unwrap(), "/dev/zero"] {
        let r = hostile::run(
            dir.path(),
            &["import", table, "--out", out.to_str().unwrap()],
        );
        assert_eq!(r.code, Some(1), "{r:?}");
        assert_eq!(
            r.stderr.trim_end(),
            format!(
                "{table}: cannot read the table: it is not a regular file (a device or a socket); give a .csv, .xlsx or .ods file"
            )
        );
        assert!(r.took < std::time::Duration::from_secs(5), "{:?}", r.took);
    }
    assert!(!out.exists());
}

/// Writes a one-sheet workbook of `rows` rows: a header `地区, 2021, 2022, 2023, 2024`, then
/// five numbers in every row down to row `rows` (a sheet filled to the bottom).
fn tall_workbook(path: &std::path::Path, rows: usize) {
    use std::io::Write;
    use write_xlsx::{Value, row_xml, write_xlsx};
    let header = row_xml(
        1,
        &[
            Value::Text("地区"),
            Value::Number(2021.0),
            Value::Number(2022.0),
            Value::Number(2023.0),
            Value::Number(2024.0),
        ],
    );
    let body = |w: &mut dyn Write| {
        w.write_all(header.as_bytes())?;
        // Rows without an `r` follow the one before: a constant text, written fast.
        let row = b"<row><c><v>0</v></c><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>";
        for _ in 1..rows {
            w.write_all(row)?;
        }
        Ok(())
    };
    write_xlsx(path, &[("产值（亿元）", &body)]).unwrap();
}

#[test]
fn a_sheet_of_1048576_rows_is_refused_at_the_cell_limit_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("tall.xlsx");
    tall_workbook(&table, 1_048_576);
    let out = dir.path().join("out.ron");
    // Under the hostile tests' memory limit (1.5 GB of address space); 5 M cells in a debug
    // build on a busy machine take longer than their 20 s, so the time limit here is 120 s,
    // and the CPU time is what is asserted.
    let r = Command::new("prlimit")
        .arg(format!("--as={}", hostile::MEMORY_LIMIT))
        .args(["--", "timeout", "-s", "KILL", "120", "bash", "-c"])
        // bash's `times` prints the CPU time of the children last (`0m5.210s 0m0.120s`).
        .arg(r#""$0" "$@"; code=$?; times >&2; exit $code"#)
        .arg(env!("CARGO_BIN_EXE_yardstick"))
        .args([
            "import",
            table.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    let [message @ .., _, children] = lines.as_slice() else {
        panic!("{stderr}")
    };
    let message = message.join("\n");
    let seconds = |t: &str| -> f64 {
        let (m, s) = t.trim_end_matches('s').split_once('m').unwrap();
        m.parse::<f64>().unwrap() * 60.0 + s.parse::<f64>().unwrap()
    };
    let cpu: f64 = children.split(' ').map(seconds).sum();
    eprintln!("refused after {cpu:.1} s of CPU");
    assert!(cpu < 30.0, "{cpu} s of CPU");
    let r = hostile::Run {
        code: r.status.code(),
        stdout: String::new(),
        stderr: message,
        took: std::time::Duration::ZERO,
    };
    assert_eq!(r.code, Some(1), "{r:?}");
    // 5 cells a row: the 5,000,001st cell is the first of row 1,000,001.
    assert_eq!(
        r.stderr.trim_end(),
        format!(
            "{}:产值（亿元）!A1000001: the table has more than 5000000 cells (all sheets together); import reads at most that many — split the table (one sheet with --sheet, or smaller files)",
            table.display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn a_sheet_reaching_the_last_row_with_few_cells_imports() {
    use std::io::Write;
    use write_xlsx::{Value, row_xml, write_xlsx};
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("last_row.xlsx");
    let body = |w: &mut dyn Write| {
        w.write_all(row_xml(1, &[Value::Text("地区"), Value::Number(2021.0)]).as_bytes())?;
        w.write_all(row_xml(2, &[Value::Text("万盛"), Value::Number(1.5)]).as_bytes())?;
        w.write_all(row_xml(3, &[Value::Text("綦江"), Value::Number(3.5)]).as_bytes())?;
        // A remark typed into the sheet's very last row.
        w.write_all(row_xml(1_048_576, &[Value::Text("注：末行")]).as_bytes())
    };
    write_xlsx(&table, &[("产值（亿元）", &body)]).unwrap();
    let o = ImportOptions {
        input: table,
        ..options("")
    };
    let d = import(&o).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("万盛", "产值", 2021)], 1.5);
    assert_eq!(v[&actual("綦江", "产值", 2021)], 3.5);
    assert_eq!(v.len(), 2);
}

#[test]
fn round_trip_import_save_load_export_csv_gives_the_tables_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("yearbook.ron");
    run(&ImportOptions {
        out: ron.clone(),
        ..options("yearbook.xlsx")
    })
    .expect("imports and saves");
    let loaded = yardstick::io::load_dataset(&ron).expect("loads");
    assert_eq!(loaded.indicators()[0].id, "gong_ye_zong_chan_zhi");
    for (indicator, expected) in [
        (
            "gong_ye_zong_chan_zhi",
            vec![
                ("万盛经开区", 2020, "210.5"),
                ("万盛经开区", 2021, "245.3"),
                ("綦江区", 2020, "1234.5"),
                ("綦江区", 2021, "1302"),
                ("綦江区", 2022, "1411.25"),
                ("南川区", 2020, "123"),
                ("南川区", 2021, "130.5"),
                ("南川区", 2022, "142"),
            ],
        ),
        (
            "chang_zhu_ren_kou",
            vec![
                ("万盛经开区", 2021, "25.6"),
                ("万盛经开区", 2022, "25.4"),
                ("綦江区", 2021, "101.2"),
                ("綦江区", 2022, "100.8"),
            ],
        ),
    ] {
        let csv_path = dir.path().join(format!("{indicator}.csv"));
        let export = yardstick(&[
            "export",
            "--data",
            ron.to_str().unwrap(),
            "--chart",
            "line",
            "--indicator",
            indicator,
            "--out",
            csv_path.to_str().unwrap(),
        ]);
        assert_eq!(
            export.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&export.stderr)
        );
        let text = std::fs::read_to_string(&csv_path).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (region, year, value) = (col("region"), col("year"), col("published_value"));
        let mut rows: Vec<(String, i32, String)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (
                    r[region].to_owned(),
                    r[year].parse().unwrap(),
                    r[value].to_owned(),
                )
            })
            .collect();
        let mut expected: Vec<(String, i32, String)> = expected
            .into_iter()
            .map(|(r, y, v)| (r.to_owned(), y, v.to_owned()))
            .collect();
        rows.sort();
        expected.sort();
        assert_eq!(rows, expected, "{indicator}");
    }
}

#[test]
fn preview_shows_rows_layout_roles_and_located_problems_without_writing() {
    use yardstick::io::import::{Role, preview};
    let p = preview(&options("yearbook.xlsx")).expect("previews");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.result.as_ref().unwrap().dataset.observations().len(), 12);
    assert_eq!(p.tables.len(), 2);
    let t = &p.tables[0];
    assert_eq!(t.sheet.as_deref(), Some("工业总产值"));
    assert_eq!(t.total_rows, 7);
    assert_eq!(t.rows[1], ["地区", "2020", "2021年", "2022年"]);
    assert_eq!(t.rows[3], ["綦江区", "1,234.5", "1302", "1411.25"]);
    let shape = t.shape.as_ref().unwrap();
    assert_eq!(shape.title.as_deref(), Some("工业总产值（亿元）"));
    assert_eq!(shape.header, 1);
    assert_eq!(shape.layout, Layout::Wide);
    assert_eq!(
        shape.roles,
        [
            Role::Region,
            Role::ValuesOf(2020),
            Role::ValuesOf(2021),
            Role::ValuesOf(2022)
        ]
    );

    let p = preview(&options("long_zh.csv")).expect("previews");
    let shape = p.tables[0].shape.as_ref().unwrap();
    assert_eq!(shape.layout, Layout::Long);
    assert_eq!(
        shape.roles,
        [
            Role::Region,
            Role::Indicator,
            Role::Year,
            Role::Value,
            Role::Unit,
            Role::Kind,
            Role::Source,
            Role::Note
        ]
    );

    let p = preview(&options("bad_number.xlsx")).expect("previews");
    assert!(p.result.is_none());
    let listed: Vec<(String, &str)> = p
        .problems
        .iter()
        .map(|x| (x.at.label(), x.message.as_str()))
        .collect();
    assert_eq!(
        listed,
        [("Sheet1!C7".to_owned(), "\"1,2O3\" is not a number")]
    );
    assert_eq!(p.tables[0].rows[6], ["e", "1", "1,2O3"]);

    // Nothing to preview: a usage error stays an error.
    let mut o = options("gbk.csv");
    o.sheet = Some("x".into());
    assert_eq!(preview(&o).unwrap_err().exit_code(), 2);
}

#[test]
fn a_column_role_chosen_by_hand_overrides_the_header() {
    use yardstick::io::import::{Role, RoleChoice, preview};
    // "二〇二一" is no year to import, but the dialog can say which year the column is.
    let mut o = options("bad_year.csv");
    o.unit = Some("亿元".into());
    o.roles = vec![RoleChoice {
        sheet: None,
        column: 2,
        role: Role::ValuesOf(2021),
    }];
    let d = import(&o).expect("imports").dataset;
    let v = values(&d);
    assert_eq!(v[&actual("万盛", "bad_year", 2020)], 1.0);
    assert_eq!(v[&actual("万盛", "bad_year", 2021)], 2.0);
    assert_eq!(
        preview(&o).unwrap().tables[0].shape.as_ref().unwrap().roles,
        [Role::Region, Role::ValuesOf(2020), Role::ValuesOf(2021)]
    );
    // Ignoring the column instead leaves 2020 alone.
    o.roles[0].role = Role::Ignored;
    assert_eq!(import(&o).expect("imports").dataset.observations().len(), 1);

    // A long table whose value column is headed "数量": chosen as the value column.
    let mut o = options("bad_long_header.csv");
    o.roles = vec![RoleChoice {
        sheet: None,
        column: 3,
        role: Role::Value,
    }];
    let v = values(&import(&o).expect("imports").dataset);
    assert_eq!(v[&actual("万盛", "工业总产值", 2021)], 1.5);
    // A year role makes no sense in a long table: said at the column's heading.
    o.roles[0].role = Role::ValuesOf(2021);
    assert_eq!(
        error_of(&o),
        "bad_long_header.csv:D1: a long table has no year columns: choose region, indicator, year, value, unit, kind, source, note or ignored"
    );
}

/// The README's two import examples, run through the binary as a user types them (issue 15:
/// the flags were tested through the library only).
#[test]
fn the_readmes_two_import_examples_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    // $ yardstick import 年鉴.xlsx --source "重庆统计年鉴2023" --out yearbook.ron
    let book = dir.path().join("年鉴.xlsx");
    std::fs::copy(fixture("yearbook.xlsx"), &book).unwrap();
    let out = dir.path().join("yearbook.ron");
    let run = yardstick(&[
        "import",
        book.to_str().unwrap(),
        "--source",
        "重庆统计年鉴2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{:?}", run);
    let made = yardstick::io::load_dataset(&out).unwrap();
    assert!(!made.sources().is_empty());
    assert!(
        made.sources().iter().all(|s| s.title == "重庆统计年鉴2023"),
        "{:?}",
        made.sources()
    );
    // 1,234.5 as printed in the yearbook's 綦江区 2020 cell.
    let qijiang = made
        .regions()
        .iter()
        .position(|r| r.name == "綦江区")
        .unwrap();
    assert!(
        made.observations()
            .iter()
            .any(|o| o.region.0 as usize == qijiang && o.year == 2020 && o.value == 1234.5)
    );

    // $ yardstick import 粘贴.txt --indicator "空气质量优良天数（天）" --into data/chongqing.ron
    //       --out merged.ron   (a table pasted from WPS: tab-separated; a test value)
    let pasted = dir.path().join("粘贴.txt");
    std::fs::write(&pasted, "地区\t2019\n綦江区\t321\n").unwrap();
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/chongqing.ron");
    let merged = dir.path().join("merged.ron");
    let run = yardstick(&[
        "import",
        pasted.to_str().unwrap(),
        "--indicator",
        "空气质量优良天数（天）",
        "--into",
        bundled.to_str().unwrap(),
        "--out",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{:?}", run);
    let base = yardstick::io::load_dataset(&bundled).unwrap();
    let d = yardstick::io::load_dataset(&merged).unwrap();
    assert_eq!(d.observations().len(), base.observations().len() + 1);
    assert_eq!(
        d.regions().len(),
        base.regions().len(),
        "綦江区 matched by name"
    );
    assert_eq!(
        d.indicators().len(),
        base.indicators().len(),
        "matched by name"
    );
    let q = d.region_by_id("qijiang").unwrap();
    let air = d.indicator_by_id("good_air_days").unwrap();
    let o = d
        .get(q, air, 2019, yardstick::model::ObservationKind::Actual)
        .expect("the pasted value");
    assert_eq!(o.value, 321.0);
}
