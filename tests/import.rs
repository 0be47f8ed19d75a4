//! `yardstick import`: spreadsheets (xlsx, ods, CSV in UTF-8 or GBK, pasted tabs) into a
//! dataset, and every bad table refused with file, sheet and cell. Fixtures are made by
//! tests/fixtures/import/make_fixtures.py.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use yardstick::io::import::{ImportError, ImportOptions, Layout, import, run};
use yardstick::model::{Dataset, ObservationKind};

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
    // A unit in the cell that is not the indicator's is refused, never converted.
    o.indicator = Some("空气质量优良天数（日）".into());
    let err = error_of(&o);
    assert!(
        err.contains("wps_paste.txt:B2: the cell's unit \"天\" is not the indicator's unit \"日\""),
        "{err}"
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
    let note = d.observations().iter().find_map(|o| o.note.as_deref());
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

#[test]
fn a_bound_is_refused_not_dropped() {
    let mut o = options("bad_bound.csv");
    o.unit = Some("亿元".into());
    let err = error_of(&o);
    assert_eq!(
        err,
        "bad_bound.csv:C2: \"＞300\" is a bound, not an exact figure; bounds (format 2's `bound`) are not supported by import yet"
    );
}

#[test]
fn a_corrupt_workbook_is_refused() {
    let err = error_of(&options("corrupt.xlsx"));
    assert!(
        err.starts_with("corrupt.xlsx: cannot read the workbook"),
        "{err}"
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
