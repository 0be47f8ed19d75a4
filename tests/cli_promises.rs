//! Every promise of README.md's "Command line" section (and the paragraph after it) run
//! through the real binary, with expected values worked out by hand from
//! `data/chongqing.ron` and `data/scenarios/wansheng-2025.ron` (issue 15).
//!
//! Numbers in CSV output are compared numerically (relative tolerance 1e-9), not as text,
//! so a change of number formatting (e.g. shortest round-trip) does not break them.

use std::path::Path;
use std::process::{Command, Output};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the binary with `args` in the project folder (so `data/…` paths print as given).
fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .current_dir(MANIFEST_DIR)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs an export that must succeed.
fn export_ok(args: &[&str]) {
    let out = yardstick(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "export {args:?} failed:\n{}\n{}",
        stdout(&out),
        stderr(&out)
    );
}

/// One CSV row, by column name.
#[derive(Clone, Debug)]
struct Row {
    region: String,
    year: i32,
    value: f64,
    unit: String,
    kind: String,
    published_value: String,
    region_id: String,
    indicator_id: String,
}

/// Reads an exported CSV: it starts with a UTF-8 byte-order mark and has the README's columns.
fn read_csv(path: &Path) -> Vec<Row> {
    let bytes = std::fs::read(path).expect("the CSV was written");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the CSV starts with a UTF-8 byte-order mark"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "region",
            "indicator",
            "year",
            "value",
            "unit",
            "kind",
            "source",
            "note",
            "published_value",
            "region_id",
            "indicator_id",
            "bound",
            "measure",
            "months"
        ],
        "the README's CSV columns"
    );
    reader
        .records()
        .map(|record| {
            let r = record.expect("a CSV record");
            Row {
                region: r[0].to_owned(),
                year: r[2].parse().expect("a year"),
                value: r[3].parse().expect("a number"),
                unit: r[4].to_owned(),
                kind: r[5].to_owned(),
                published_value: r[8].to_owned(),
                region_id: r[9].to_owned(),
                indicator_id: r[10].to_owned(),
            }
        })
        .collect()
}

/// `actual` equals `expected` within a relative tolerance of 1e-9.
fn assert_close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * expected.abs().max(1e-12);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected}"
    );
}

/// The (year, value) pairs of the rows of `kind`, in year order.
fn series(rows: &[Row], kind: &str) -> Vec<(i32, f64)> {
    let mut out: Vec<(i32, f64)> = rows
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| (r.year, r.value))
        .collect();
    out.sort_by_key(|&(year, _)| year);
    out
}

fn assert_series(rows: &[Row], kind: &str, expected: &[(i32, f64)]) {
    let got = series(rows, kind);
    assert_eq!(
        got.iter().map(|&(y, _)| y).collect::<Vec<_>>(),
        expected.iter().map(|&(y, _)| y).collect::<Vec<_>>(),
        "years of the {kind} rows: {rows:#?}"
    );
    for (&(year, value), &(_, want)) in got.iter().zip(expected) {
        assert_close(value, want, &format!("{kind} {year}"));
    }
}

/// The text of every `<text>` element of an SVG, trimmed, in document order.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .collect()
}

/// The root `<svg>` element's width and height attributes.
fn svg_size(svg: &str) -> (String, String) {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    (
        root.attribute("width").expect("a width").to_owned(),
        root.attribute("height").expect("a height").to_owned(),
    )
}

/// A small dataset with figures the bundled data does not have: an indicator `days` and
/// regions 甲区/乙区; 乙区's 2022 value is 0 (so a log scale is impossible).
const SMALL: &str = r#"Dataset(
    format: 1,
    title: "测试数据",
    title_en: "Test data",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
    ],
    indicators: [
        (id: "days", name: "优良天数", name_en: "Good days", unit: "天", unit_en: "days", better: Higher, min: Some(0.0), max: Some(366.0)),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: Some("2023")),
    ],
    observations: [
        (region: "a", indicator: "days", year: 2021, value: 200.0, kind: Actual, source: "s"),
        (region: "a", indicator: "days", year: 2022, value: 217.5, kind: Actual, source: "s"),
        (region: "b", indicator: "days", year: 2022, value: 0.0, kind: Actual, source: "s"),
    ],
)
"#;

fn small_dataset(dir: &Path) -> String {
    let path = dir.join("small.ron");
    std::fs::write(&path, SMALL).expect("write the small dataset");
    path.to_str().expect("a UTF-8 path").to_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

// ---- validate ----------------------------------------------------------------------------

/// README: `$ yardstick validate data/chongqing.ron` prints the summary line. The counts were
/// checked against the file: 20 `regions`, 29 `indicators`, 64 `sources`, 221 observations of
/// which 21 are `kind: Target`.
#[test]
fn validate_bundled_data_prints_the_readme_summary_line() {
    let out = yardstick(&["validate", "data/chongqing.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "data/chongqing.ron: ok — 20 regions, 29 indicators, 64 sources, 221 observations (21 targets)\n"
    );
}

/// README: `$ yardstick validate data/scenarios/wansheng-2025.ron` prints the scenario line
/// (the file has one edit and one growth rule, and names `../chongqing.ron`).
#[test]
fn validate_example_scenario_prints_the_readme_line() {
    let out = yardstick(&["validate", "data/scenarios/wansheng-2025.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "data/scenarios/wansheng-2025.ron: scenario \"万盛 2025 冲刺 (示例情景)\": 1 edit, 1 growth rule on data/scenarios/../chongqing.ron (20 regions, 29 indicators, 221 observations)\n"
    );
}

/// README: `$ yardstick validate bad.ron` prints
/// `bad.ron:17:10: observations[1].region: unknown region "nowhere" (known: a, b)` and exits 1.
/// The file is the small dataset with observation 2 (line 17) naming region "nowhere";
/// `region` starts at column 10 (8 spaces and `(` before it).
#[test]
fn validate_bad_file_prints_the_readme_message_and_exits_1() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let bad = SMALL
        .replacen(
            "(region: \"b\", indicator: \"days\", year: 2022, value: 0.0",
            "(region: \"nowhere\", indicator: \"days\", year: 2022, value: 0.0",
            1,
        )
        .replacen(
            "        (region: \"a\", indicator: \"days\", year: 2021, value: 200.0, kind: Actual, source: \"s\"),\n",
            "",
            1,
        );
    assert_eq!(
        bad.lines().nth(16).map(|l| &l[..19]),
        Some("        (region: \"n")
    );
    std::fs::write(dir.path().join("bad.ron"), bad).expect("write bad.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(["validate", "bad.ron"])
        .current_dir(dir.path())
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(
        stderr(&out),
        "bad.ron:17:10: observations[1].region: unknown region \"nowhere\" (known: a, b)\n"
    );
    assert_eq!(stdout(&out), "");
}

// ---- export: which data ------------------------------------------------------------------

/// README: "`export` reads the bundled data unless `--data FILE` is given".
#[test]
fn export_with_data_reads_that_file_not_the_bundled_data() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = small_dataset(dir.path());
    let out = dir.path().join("days.csv");
    export_ok(&[
        "export",
        "--data",
        &data,
        "--chart",
        "bar",
        "--indicator",
        "days",
        "--regions",
        "a",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let row = &rows[0];
    assert_eq!(
        (
            row.region.as_str(),
            row.year,
            row.unit.as_str(),
            row.kind.as_str()
        ),
        ("甲区", 2022, "天", "actual")
    );
    assert_close(row.value, 217.5, "甲区 2022");
    assert_close(
        row.published_value.parse().expect("a published value"),
        217.5,
        "published_value",
    );
    assert_eq!(
        (row.region_id.as_str(), row.indicator_id.as_str()),
        ("a", "days")
    );

    // And without --data the same indicator does not exist (the bundled data has no `days`).
    let bundled = dir.path().join("bundled.csv");
    let out_bundled = yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "days",
        "--out",
        path_str(&bundled),
    ]);
    assert_eq!(
        out_bundled.status.code(),
        Some(1),
        "{}",
        stderr(&out_bundled)
    );
    assert!(!bundled.exists());
}

// ---- export: the scenario example ----------------------------------------------------------

/// README: `export --scenario data/scenarios/wansheng-2025.ron --chart line --indicator
/// industrial_output --regions wansheng`. By hand from the two files: 万盛 published 300 in
/// 2022 and the target 500 for 2025. The scenario sets 2023 to 340 (the edit wins over
/// growth: 300 × 1.15 = 345 is not used) and grows 15 %/yr from 2022's 300:
/// 2024 = 300 × 1.15² = 396.75, 2025 = 300 × 1.15³ = 456.2625. The required path goes from
/// the latest published value (2022: 300) to the target (2025: 500) at (500/300)^(1/3) − 1 a
/// year, i.e. 18.56 %.
#[test]
fn export_scenario_example_has_the_scenario_and_required_rows() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("wansheng.csv");
    export_ok(&[
        "export",
        "--scenario",
        "data/scenarios/wansheng-2025.ron",
        "--chart",
        "line",
        "--indicator",
        "industrial_output",
        "--regions",
        "wansheng",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    assert!(
        rows.iter()
            .all(|r| r.region_id == "wansheng" && r.indicator_id == "industrial_output"),
        "{rows:#?}"
    );
    assert_series(&rows, "actual", &[(2022, 300.0)]);
    assert_series(&rows, "target", &[(2025, 500.0)]);
    assert_series(
        &rows,
        "scenario",
        &[
            (2022, 300.0),
            (2023, 340.0),
            (2024, 396.75),
            (2025, 456.2625),
        ],
    );
    let rate = (500.0_f64 / 300.0).powf(1.0 / 3.0);
    assert_series(
        &rows,
        "required",
        &[
            (2022, 300.0),
            (2023, 300.0 * rate),
            (2024, 300.0 * rate * rate),
            (2025, 500.0),
        ],
    );
    // published_value is empty for scenario and required values the data does not have.
    for row in rows.iter().filter(|r| r.year > 2022 && r.kind != "target") {
        assert_eq!(row.published_value, "", "{row:?}");
    }
    for row in rows.iter().filter(|r| r.year == 2022) {
        assert_close(
            row.published_value.parse().expect("a published value"),
            300.0,
            "published 2022",
        );
    }
}

/// README: the same example written as SVG (`--out wansheng.svg`) draws the scenario beside
/// the published series: its legend names the scenario and the required path.
#[test]
fn export_scenario_example_as_svg_names_the_scenario() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("wansheng.svg");
    export_ok(&[
        "export",
        "--scenario",
        "data/scenarios/wansheng-2025.ron",
        "--chart",
        "line",
        "--indicator",
        "industrial_output",
        "--regions",
        "wansheng",
        "--out",
        path_str(&out),
    ]);
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    let texts = svg_texts(&svg);
    for want in [
        "万盛经开区",
        "万盛经开区 目标",
        "万盛经开区 需达路径",
        "万盛经开区 · 万盛 2025 冲刺 (示例情景)",
    ] {
        assert!(texts.iter().any(|t| t == want), "{want:?} in {texts:?}");
    }
}

/// README: with `--scenario FILE` and `--data`, export "checks the scenario against it like
/// `validate`": the example scenario's entries name 万盛 and industrial_output, which the small
/// dataset does not have, so it exits 1 with the scenario's FILE:LINE:COL (the edit is on line
/// 10, `region` at column 10) and writes nothing.
#[test]
fn export_scenario_is_checked_against_the_data_like_validate() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = small_dataset(dir.path());
    let out = dir.path().join("never.csv");
    let output = yardstick(&[
        "export",
        "--data",
        &data,
        "--scenario",
        "data/scenarios/wansheng-2025.ron",
        "--chart",
        "line",
        "--indicator",
        "days",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.lines().next().is_some_and(|l| l.starts_with(
            "data/scenarios/wansheng-2025.ron:10:10: edits[0].region: unknown region \"wansheng\""
        )),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
}

// ---- export: modes ---------------------------------------------------------------------------

/// `--mode yoy`: change on the previous year in %. 涪陵 GDP: 2021 1402.74, 2022 1504.37, so
/// 2022 is (1504.37 / 1402.74 − 1) × 100 = 7.2451…%; 2023 is not published, so 2024 (1700)
/// has no previous year and no row, and 2018 (the first year) has none either.
#[test]
fn export_mode_yoy_is_the_change_on_the_previous_year() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("yoy.csv");
    export_ok(&[
        "export",
        "--chart",
        "line",
        "--indicator",
        "gdp",
        "--regions",
        "fuling",
        "--mode",
        "yoy",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    assert_series(
        &rows,
        "actual",
        &[
            (2019, (1151.79 / 1058.06 - 1.0) * 100.0),
            (2020, (1221.01 / 1151.79 - 1.0) * 100.0),
            (2021, (1402.74 / 1221.01 - 1.0) * 100.0),
            (2022, (1504.37 / 1402.74 - 1.0) * 100.0),
            // 2023 ≈ 8.085112, 2024 ≈ 4.551046 (by hand).
            (2023, (1626.0 / 1504.37 - 1.0) * 100.0),
            (2024, (1700.0 / 1626.0 - 1.0) * 100.0),
        ],
    );
    let row_2023 = rows.iter().find(|r| r.year == 2023).expect("a 2023 row");
    assert_close(
        row_2023.value,
        8.085_112_040_256,
        "涪陵 2023 yoy (by hand: 1626 / 1504.37 − 1)",
    );
    let row_2022 = rows.iter().find(|r| r.year == 2022).expect("a 2022 row");
    assert_close(
        row_2022.value,
        7.245_106_006_815,
        "涪陵 2022 yoy (rounded by hand)",
    );
    // The published figure stays in published_value.
    assert_close(
        row_2022.published_value.parse().expect("a number"),
        1504.37,
        "published 2022",
    );
}

/// `--mode index`: the first year = 100. 涪陵 GDP 2018..2024: 2018 = 100,
/// 2022 = 1504.37 / 1058.06 × 100, 2024 = 1700 / 1058.06 × 100.
#[test]
fn export_mode_index_puts_the_first_year_at_100() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("index.csv");
    export_ok(&[
        "export",
        "--chart",
        "line",
        "--indicator",
        "gdp",
        "--regions",
        "fuling",
        "--years",
        "2018..2024",
        "--mode",
        "index",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    let base = 1058.06;
    assert_series(
        &rows,
        "actual",
        &[
            (2018, 100.0),
            (2019, 1151.79 / base * 100.0),
            (2020, 1221.01 / base * 100.0),
            (2021, 1402.74 / base * 100.0),
            (2022, 1504.37 / base * 100.0),
            // 2023 ≈ 153.677485 (by hand).
            (2023, 1626.0 / base * 100.0),
            (2024, 1700.0 / base * 100.0),
        ],
    );
    assert!(rows.iter().all(|r| r.unit.contains("2018")), "{rows:#?}");
}

// ---- export: log scale ------------------------------------------------------------------------

/// `--log`: the SVG's value axis is titled "亿元（对数）" and its ticks are 1-2-5 steps
/// (100, 200, 500, 1,000, 2,000 for GDP of 万盛 92–240 and 涪陵 1058–1700); without `--log`
/// the axis is "亿元" and starts at 0 in steps of 200.
#[test]
fn export_log_draws_a_log_axis() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let log = dir.path().join("log.svg");
    let linear = dir.path().join("linear.svg");
    let args = |out: &Path| {
        vec![
            "export".to_owned(),
            "--chart".to_owned(),
            "line".to_owned(),
            "--indicator".to_owned(),
            "gdp".to_owned(),
            "--regions".to_owned(),
            "fuling,wansheng".to_owned(),
            "--out".to_owned(),
            path_str(out).to_owned(),
        ]
    };
    let mut log_args = args(&log);
    log_args.push("--log".to_owned());
    export_ok(&log_args.iter().map(String::as_str).collect::<Vec<_>>());
    export_ok(&args(&linear).iter().map(String::as_str).collect::<Vec<_>>());

    let texts = svg_texts(&std::fs::read_to_string(&log).expect("log SVG"));
    let axis = texts
        .iter()
        .position(|t| t == "亿元（对数）")
        .unwrap_or_else(|| panic!("a log axis title in {texts:?}"));
    assert_eq!(
        texts[axis + 1..axis + 6],
        ["100", "200", "500", "1,000", "2,000"],
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t == "0"),
        "no 0 on a log axis: {texts:?}"
    );

    let texts = svg_texts(&std::fs::read_to_string(&linear).expect("linear SVG"));
    let axis = texts
        .iter()
        .position(|t| t == "亿元")
        .unwrap_or_else(|| panic!("a linear axis title in {texts:?}"));
    assert_eq!(texts[axis + 1..axis + 4], ["0", "200", "400"], "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("对数")), "{texts:?}");
}

/// README (window section): a log scale only when every value is positive. Asked for on data
/// with a 0, the export says so in a note and draws a linear axis from 0.
#[test]
fn export_log_on_a_zero_value_falls_back_to_linear_with_a_note() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = small_dataset(dir.path());
    for (lang, note, unit) in [
        ("zh", "对数坐标需要全部为正值，已改用线性坐标", "天"),
        (
            "en",
            "Log scale needs positive values; a linear scale is used",
            "days",
        ),
    ] {
        let out = dir.path().join(format!("zero-{lang}.svg"));
        export_ok(&[
            "export",
            "--data",
            &data,
            "--chart",
            "bar",
            "--indicator",
            "days",
            "--year",
            "2022",
            "--log",
            "--lang",
            lang,
            "--out",
            path_str(&out),
        ]);
        let texts = svg_texts(&std::fs::read_to_string(&out).expect("the SVG"));
        assert!(texts.iter().any(|t| t == note), "{note:?} in {texts:?}");
        let axis = texts
            .iter()
            .position(|t| t == unit)
            .unwrap_or_else(|| panic!("a linear axis titled {unit:?} in {texts:?}"));
        assert_eq!(texts[axis + 1], "0", "{texts:?}");
    }
}

// ---- export: years -------------------------------------------------------------------------

/// `--year Y`: a bar chart of exactly that year. 13 regions publish GDP for 2020
/// (e.g. 涪陵 1221.01, 重庆市 25041.43, 渝北 2009.5).
#[test]
fn export_year_is_a_bar_chart_of_exactly_that_year() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("gdp-2020.csv");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--year",
        "2020",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 13, "{rows:#?}");
    assert!(rows.iter().all(|r| r.year == 2020), "{rows:#?}");
    for (id, value) in [
        ("fuling", 1221.01),
        ("chongqing", 25041.43),
        ("yubei", 2009.5),
    ] {
        let row = rows
            .iter()
            .find(|r| r.region_id == id)
            .unwrap_or_else(|| panic!("a row for {id}"));
        assert_close(row.value, value, id);
    }
}

/// README: "An unknown id or a selection with no data writes nothing and exits 1": no region
/// publishes GDP for 1990.
#[test]
fn export_of_a_selection_with_no_data_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("none.csv");
    let output = yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--year",
        "1990",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("no data"), "{}", stderr(&output));
    assert!(!out.exists());
}

// ---- export: sizes -------------------------------------------------------------------------

/// `--width/--height` for PNG (read by decoding the file), and the README's default 1600×900.
/// Also the README's GDP line example (`--years 2018..2024 --width 1200 --height 675`).
#[test]
fn export_png_has_the_requested_size() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sized = dir.path().join("gdp.png");
    export_ok(&[
        "export",
        "--chart",
        "line",
        "--indicator",
        "gdp",
        "--regions",
        "wansheng,qijiang,fuling,yongchuan,jiangjin,wanzhou",
        "--years",
        "2018..2024",
        "--width",
        "1200",
        "--height",
        "675",
        "--out",
        path_str(&sized),
    ]);
    let image = image::open(&sized).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1200, 675));

    let small = dir.path().join("small.png");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--width",
        "640",
        "--height",
        "360",
        "--out",
        path_str(&small),
    ]);
    let image = image::open(&small).expect("a PNG");
    assert_eq!((image.width(), image.height()), (640, 360));

    let default = dir.path().join("default.png");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--out",
        path_str(&default),
    ]);
    let bytes = std::fs::read(&default).expect("a PNG");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("4 bytes"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("4 bytes"));
    assert_eq!(
        (width, height),
        (1600, 900),
        "default size from the IHDR header"
    );
}

/// `--width/--height` for SVG: the root element's width and height attributes.
#[test]
fn export_svg_has_the_requested_width_and_height_attributes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sized = dir.path().join("sized.svg");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--width",
        "1200",
        "--height",
        "675",
        "--out",
        path_str(&sized),
    ]);
    let svg = std::fs::read_to_string(&sized).expect("the SVG");
    assert_eq!(svg_size(&svg), ("1200".to_owned(), "675".to_owned()));

    let default = dir.path().join("default.svg");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--out",
        path_str(&default),
    ]);
    let svg = std::fs::read_to_string(&default).expect("the SVG");
    assert_eq!(svg_size(&svg), ("1600".to_owned(), "900".to_owned()));
}

// ---- errors ----------------------------------------------------------------------------------

/// README: `export --chart bar --indicator gpd --out x.svg` exits 1 with
/// `yardstick: unknown indicator "gpd"; valid indicators: above_scale_industrial_enterprises,
/// …, gdp, …` and writes nothing. The list is every indicator id of data/chongqing.ron.
#[test]
fn export_unknown_indicator_exits_1_listing_the_valid_ids() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("x.svg");
    let output = yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gpd",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let prefix = "yardstick: unknown indicator \"gpd\"; valid indicators: ";
    assert!(err.starts_with(prefix), "{err}");
    let listed: Vec<&str> = err[prefix.len()..].trim_end().split(", ").collect();
    let mut expected = vec![
        "above_scale_industrial_enterprises",
        "contracted_investment",
        "cy_cooperation_items",
        "cy_major_projects",
        "cz_cooperation_items",
        "cz_projects",
        "fixed_asset_investment",
        "forest_coverage",
        "gdp",
        "good_air_days",
        "good_air_ratio",
        "greening_coverage",
        "high_tech_enterprises",
        "industrial_output",
        "industrial_output_above_scale",
        "industrial_value_added",
        "industrial_value_added_above_scale",
        "key_project_investment",
        "key_project_total_investment",
        "key_projects",
        "key_projects_completed",
        "key_projects_started",
        "little_giant_smes",
        "livelihood_funds",
        "new_tech_smes",
        "population",
        "registered_population",
        "specialized_smes",
        "tech_smes",
    ];
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "{err}");
    assert!(!out.exists(), "nothing is written");
    assert_eq!(stdout(&output), "");
}

/// README: exit code 2 for a usage error (a missing required argument, an output extension
/// that is not .svg, .png or .csv); nothing written.
#[test]
fn export_usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("x.svg");
    let missing = yardstick(&["export", "--chart", "bar", "--out", path_str(&out)]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(!out.exists());

    let odd = dir.path().join("x.xyz");
    let output = yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--out",
        path_str(&odd),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!odd.exists());
}

/// README: an unknown region id also exits 1, lists the valid ids and writes nothing.
#[test]
fn export_unknown_region_exits_1_listing_the_valid_ids() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("r.csv");
    let output = yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--regions",
        "wansheng,nowhere",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.starts_with("yardstick: unknown region \"nowhere\"; valid regions: "),
        "{err}"
    );
    for id in ["wansheng", "fuling", "chongqing", "ziyang"] {
        assert!(err.contains(id), "{id} listed: {err}");
    }
    assert!(!out.exists(), "nothing is written");
}

/// README: "Without `--year`/`--years` it picks the years as the window does (bars: the
/// year most regions report …)". For GDP that is 2018: 14 regions report it (2021 and 2022:
/// 13 each).
#[test]
fn export_bar_without_year_uses_the_year_most_regions_report() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("gdp.csv");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 14, "{rows:#?}");
    assert!(rows.iter().all(|r| r.year == 2018), "{rows:#?}");
    let fuling = rows
        .iter()
        .find(|r| r.region_id == "fuling")
        .expect("涪陵 2018");
    assert_close(fuling.value, 1058.06, "涪陵 2018");
}

/// `--mode target` (share of target %): 万盛 2022 300 of the 2025 target 500 = 60 %; 万州
/// 2022 500 of 1000 = 50 %; the required path ends at 100 % in 2025.
#[test]
fn export_mode_target_is_the_share_of_the_target() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("target.csv");
    export_ok(&[
        "export",
        "--chart",
        "line",
        "--indicator",
        "industrial_output",
        "--regions",
        "wansheng,wanzhou",
        "--mode",
        "target",
        "--out",
        path_str(&out),
    ]);
    let rows = read_csv(&out);
    for (id, share) in [("wansheng", 60.0), ("wanzhou", 50.0)] {
        let mine: Vec<Row> = rows.iter().filter(|r| r.region_id == id).cloned().collect();
        assert_series(&mine, "actual", &[(2022, share)]);
        let required = series(&mine, "required");
        assert_eq!(required.last().map(|&(y, _)| y), Some(2025), "{mine:#?}");
        assert_close(required.last().map_or(0.0, |&(_, v)| v), 100.0, id);
    }
}

/// README: SVG "keeps text as text … and names the CJK fonts browsers have (Noto Sans SC,
/// Microsoft YaHei, PingFang SC, …)".
#[test]
fn export_svg_keeps_text_and_names_cjk_fonts() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("gdp.svg");
    export_ok(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--out",
        path_str(&out),
    ]);
    let svg = std::fs::read_to_string(&out).expect("the SVG");
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t == "涪陵区"), "{texts:?}");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let family = doc
        .descendants()
        .find(|n| n.has_tag_name("text"))
        .and_then(|n| n.attribute("font-family"))
        .expect("a font-family on the text");
    for font in ["Noto Sans SC", "Microsoft YaHei", "PingFang SC"] {
        assert!(family.contains(font), "{font} in {family}");
    }
}
