//! README promises of the command line that tests/PROMISES.md listed as weak or uncovered
//! (issue 15), run through the real binary with values worked out by hand from
//! `data/chongqing.ron`, `data/scenarios/wansheng-2025.ron` and the import fixtures
//! (tests/fixtures/import/make_fixtures.py, make_xls.py).
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yardstick::model::{Dataset, ObservationKind};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the binary with `args` in `cwd`.
fn yardstick_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `args` in the project folder.
fn yardstick(args: &[&str]) -> Output {
    yardstick_in(Path::new(MANIFEST_DIR), args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(MANIFEST_DIR)
        .join("tests/fixtures/import")
        .join(name)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// (region name, indicator name, year, kind) → value of every observation of `d`.
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

/// The (unit, of indicator name) pairs of `d`.
fn units(d: &Dataset) -> Vec<(String, String)> {
    d.indicators()
        .iter()
        .map(|i| (i.name.clone(), i.unit.clone()))
        .collect()
}

/// Imports `args` (after `import`) into a fresh `out.ron`, which must succeed and load.
fn import_ok(dir: &Path, args: &[&str]) -> Dataset {
    let out = dir.join("out.ron");
    let _ = std::fs::remove_file(&out);
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", s(&out)]);
    assert_ok(&yardstick(&all));
    yardstick::io::load_dataset(&out).expect("the imported dataset loads")
}

/// Imports `args` into `out.ron`, which must fail with exit 1 and write nothing; the message.
fn import_refused(dir: &Path, args: &[&str]) -> String {
    let out = dir.join("refused.ron");
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", s(&out)]);
    let run = yardstick(&all);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!out.exists(), "nothing is written on error");
    stderr(&run)
}

// ---- PROMISES #48–#50: import --sheet, --layout, --unit through the binary ----

/// `--sheet NAME` imports that sheet only (yearbook.xlsx has 工业总产值 and 常住人口(万人));
/// a sheet the workbook lacks is exit 1, naming it.
#[test]
fn import_sheet_picks_one_sheet_of_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let book = fixture("yearbook.xlsx");
    let d = import_ok(dir.path(), &[s(&book), "--sheet", "常住人口(万人)"]);
    assert_eq!(units(&d), [("常住人口".to_owned(), "万人".to_owned())]);
    let v = values(&d);
    assert_eq!(v.len(), 4, "{v:?}");
    assert_eq!(v[&actual("万盛经开区", "常住人口", 2021)], 25.6);
    assert_eq!(v[&actual("万盛经开区", "常住人口", 2022)], 25.4);
    assert_eq!(v[&actual("綦江区", "常住人口", 2021)], 101.2);
    assert_eq!(v[&actual("綦江区", "常住人口", 2022)], 100.8);

    // Without --sheet both sheets come in: 8 output values + 4 population values.
    let both = import_ok(dir.path(), &[s(&book)]);
    assert_eq!(both.indicators().len(), 2);
    assert_eq!(both.observations().len(), 12);

    let err = import_refused(dir.path(), &[s(&book), "--sheet", "nope"]);
    assert!(err.contains("there is no sheet \"nope\""), "{err}");
}

/// `--layout long|wide|auto`: the long table reads as long and auto; forced wide it is
/// refused (exit 1, nothing written); a wide CSV forced wide reads its region × year grid.
#[test]
fn import_layout_long_wide_and_auto() {
    let dir = tempfile::tempdir().unwrap();
    let long = fixture("long_zh.csv");
    for layout in ["long", "auto"] {
        let d = import_ok(dir.path(), &[s(&long), "--layout", layout]);
        let v = values(&d);
        assert_eq!(v.len(), 4, "--layout {layout}: {v:?}");
        assert_eq!(v[&actual("綦江区", "工业总产值", 2022)], 1020.5);
        let target = (
            "万盛经开区".to_owned(),
            "工业总产值".to_owned(),
            2025,
            ObservationKind::Target,
        );
        assert_eq!(v[&target], 500.0, "--layout {layout}");
    }
    import_refused(dir.path(), &[s(&long), "--layout", "wide"]);

    let wide = dir.path().join("森林.csv");
    std::fs::write(
        &wide,
        "地区,2021年,2022年\n万盛经开区,60.5,61.2\n綦江区,52,-\n",
    )
    .unwrap();
    let d = import_ok(
        dir.path(),
        &[
            s(&wide),
            "--layout",
            "wide",
            "--indicator",
            "森林覆盖率（%）",
        ],
    );
    let v = values(&d);
    assert_eq!(v.len(), 3, "\"-\" is missing: {v:?}");
    assert_eq!(v[&actual("万盛经开区", "森林覆盖率", 2021)], 60.5);
    assert_eq!(v[&actual("万盛经开区", "森林覆盖率", 2022)], 61.2);
    assert_eq!(v[&actual("綦江区", "森林覆盖率", 2021)], 52.0);
    assert_eq!(units(&d), [("森林覆盖率".to_owned(), "%".to_owned())]);
    // The wide grid forced long has no region/indicator/year/value header.
    import_refused(dir.path(), &[s(&wide), "--layout", "long"]);
}

/// `--indicator NAME --unit UNIT` on a GBK CSV with neither in it (gbk.csv: a wide table of
/// 常住人口 without a title): without `--unit` it is refused, naming the flag.
#[test]
fn import_unit_names_the_unit_of_a_table_that_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = fixture("gbk.csv");
    let err = import_refused(dir.path(), &[s(&gbk), "--indicator", "常住人口"]);
    assert!(err.contains("has no unit"), "{err}");
    assert!(err.contains("--unit"), "{err}");
    let d = import_ok(
        dir.path(),
        &[s(&gbk), "--indicator", "常住人口", "--unit", "万人"],
    );
    assert_eq!(units(&d), [("常住人口".to_owned(), "万人".to_owned())]);
    let v = values(&d);
    assert_eq!(v.len(), 3, "… is missing: {v:?}");
    assert_eq!(v[&actual("万盛经开区", "常住人口", 2021)], 25.6);
    assert_eq!(v[&actual("万盛经开区", "常住人口", 2022)], 25.4);
    assert_eq!(v[&actual("綦江区", "常住人口", 2021)], 101.2);
}

// ---- PROMISES #225, #228, #233: xls, semicolon CSV, English long headers ----

/// An Excel 97–2003 workbook (tests/fixtures/import/yearbook97.xls, written by xlwt): title
/// row with the unit, years as a number and as "2022年", "1,021" typed as text, "—" missing.
#[test]
fn import_reads_an_xls_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let d = import_ok(dir.path(), &[s(&fixture("yearbook97.xls"))]);
    assert_eq!(units(&d), [("高新技术企业数".to_owned(), "家".to_owned())]);
    let v = values(&d);
    assert_eq!(v.len(), 3, "{v:?}");
    assert_eq!(v[&actual("万盛经开区", "高新技术企业数", 2021)], 38.0);
    assert_eq!(v[&actual("万盛经开区", "高新技术企业数", 2022)], 45.0);
    assert_eq!(v[&actual("綦江区", "高新技术企业数", 2021)], 1021.0);
    let ids: Vec<&str> = d.regions().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["wan_sheng_jing_kai_qu", "qi_jiang_qu"]);
}

/// A `;`-separated CSV, as Excel writes it where `,` is the decimal separator (the title
/// row's empty cells are written as `;;`): one value per cell, not one cell per line.
#[test]
fn import_reads_a_semicolon_separated_csv() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("semicolon.csv");
    std::fs::write(
        &table,
        "工业总产值（亿元）;;\n地区;2021年;2022年\n万盛经开区;245.3;300\n綦江区;\"1,302\";1411.25\n",
    )
    .unwrap();
    let d = import_ok(dir.path(), &[s(&table)]);
    assert_eq!(units(&d), [("工业总产值".to_owned(), "亿元".to_owned())]);
    let v = values(&d);
    assert_eq!(v.len(), 4, "{v:?}");
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2021)], 245.3);
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2022)], 300.0);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2021)], 1302.0);
    assert_eq!(v[&actual("綦江区", "工业总产值", 2022)], 1411.25);
}

/// A title row typed by hand, with no delimiter in it (no trailing `;;`), above a
/// `;`- or tab-separated table: the title names the indicator and its unit, the table under
/// it is read with its own delimiter. (The delimiter used to be taken from the first line
/// alone, so the table was read as one column per line and refused.)
#[test]
fn import_reads_a_semicolon_table_under_a_bare_title_row() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "titled.csv",
            "工业总产值（亿元）\n地区;2021年;2022年\n万盛经开区;245.3;300\n",
        ),
        (
            "titled_tab.txt",
            "\n工业总产值（亿元）\n地区\t2021年\t2022年\n万盛经开区\t245.3\t300\n",
        ),
    ] {
        let table = dir.path().join(name);
        std::fs::write(&table, text).unwrap();
        let d = import_ok(dir.path(), &[s(&table)]);
        let v = values(&d);
        assert_eq!(v.len(), 2, "{name}: {v:?}");
        assert_eq!(
            v[&actual("万盛经开区", "工业总产值", 2021)],
            245.3,
            "{name}"
        );
        assert_eq!(
            v[&actual("万盛经开区", "工业总产值", 2022)],
            300.0,
            "{name}"
        );
        assert_eq!(
            units(&d),
            [("工业总产值".to_owned(), "亿元".to_owned())],
            "{name}"
        );
    }
}

/// A long table with English headers (any case) and English kinds imports with its kinds,
/// sources and notes.
#[test]
fn import_reads_a_long_table_with_english_headers() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("long_en.csv");
    std::fs::write(
        &table,
        "Region,Indicator,Year,Value,Unit,Kind,Source,Note\n\
         万盛经开区,工业总产值,2022,300.1,亿元,actual,Wansheng bulletin 2022,\n\
         万盛经开区,工业总产值,2025,500,亿元,Target,Wansheng 14th plan,plan\n\
         綦江区,空气质量优良天数,2022,343,天,estimate,Qijiang bulletin 2022,\n",
    )
    .unwrap();
    let d = import_ok(dir.path(), &[s(&table)]);
    let v = values(&d);
    assert_eq!(v.len(), 3, "{v:?}");
    assert_eq!(v[&actual("万盛经开区", "工业总产值", 2022)], 300.1);
    let key = |region: &str, indicator: &str, year, kind| {
        (region.to_owned(), indicator.to_owned(), year, kind)
    };
    assert_eq!(
        v[&key("万盛经开区", "工业总产值", 2025, ObservationKind::Target)],
        500.0
    );
    assert_eq!(
        v[&key(
            "綦江区",
            "空气质量优良天数",
            2022,
            ObservationKind::Estimate
        )],
        343.0
    );
    assert_eq!(
        units(&d),
        [
            ("工业总产值".to_owned(), "亿元".to_owned()),
            ("空气质量优良天数".to_owned(), "天".to_owned())
        ]
    );
    let titles: Vec<&str> = d.sources().iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Wansheng bulletin 2022",
            "Wansheng 14th plan",
            "Qijiang bulletin 2022"
        ]
    );
    let notes: Vec<&str> = d.observations().iter().filter_map(|o| d.note(&o)).collect();
    assert_eq!(notes, ["plan"]);
}

// ---- PROMISES #240: ids from the names (pinyin), ASCII only ----

/// Names with 率, 绿 and 女, whose toneless pinyin has a ü: the ids are ASCII, written with
/// pinyin input's `v` (率 → `lv`), so the command line can name them. (They used to come out
/// as `sen_lin_fu_gai_lü`.) The figures are the test's own, not data.
#[test]
fn imported_ids_are_ascii_with_v_for_u_umlaut() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("rates.csv");
    std::fs::write(
        &table,
        "地区,指标,年份,数值,单位\n\
         绿水镇,森林覆盖率,2022,50.5,%\n\
         绿水镇,建成区绿化覆盖率,2022,40,%\n\
         女儿镇,女性人口占比,2022,49.5,%\n",
    )
    .unwrap();
    let out = dir.path().join("out.ron");
    let d = import_ok(dir.path(), &[s(&table)]);
    let mut indicators: Vec<&str> = d.indicators().iter().map(|i| i.id.as_str()).collect();
    indicators.sort_unstable();
    assert_eq!(
        indicators,
        [
            "jian_cheng_qu_lv_hua_fu_gai_lv",
            "nv_xing_ren_kou_zhan_bi",
            "sen_lin_fu_gai_lv"
        ]
    );
    let mut regions: Vec<&str> = d.regions().iter().map(|r| r.id.as_str()).collect();
    regions.sort_unstable();
    assert_eq!(regions, ["lv_shui_zhen", "nv_er_zhen"]);
    let file = std::fs::read_to_string(&out).unwrap();
    assert!(!file.contains('ü'), "{file}");
    // The ids work on the command line: the CSV export of 森林覆盖率 for 绿水镇.
    let csv = dir.path().join("forest.csv");
    assert_ok(&yardstick(&[
        "export",
        "--data",
        s(&out),
        "--chart",
        "bar",
        "--indicator",
        "sen_lin_fu_gai_lv",
        "--regions",
        "lv_shui_zhen",
        "--out",
        s(&csv),
    ]));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("绿水镇") && text.contains(",50.5,"), "{text}");
}

// ---- PROMISES #69: an output holding a scenario that is not an input ----

/// `export --out plan.csv` (and `.svg`) where the file holds a scenario the export does not
/// read: exit 1, the message says why, the file keeps its bytes. `targets --out` too.
#[test]
fn an_output_holding_an_unrelated_scenario_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let scenario =
        std::fs::read(Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron")).unwrap();
    for name in ["plan.csv", "plan.svg", "plan.png"] {
        let out = dir.path().join(name);
        std::fs::write(&out, &scenario).unwrap();
        let run = yardstick(&[
            "export",
            "--chart",
            "bar",
            "--indicator",
            "gdp",
            "--out",
            s(&out),
        ]);
        assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("it holds a Yardstick scenario file"),
            "{name}: {}",
            stderr(&run)
        );
        assert_eq!(std::fs::read(&out).unwrap(), scenario, "{name} untouched");
    }
    let out = dir.path().join("plan.csv");
    let run = yardstick(&["targets", "--out", s(&out)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(std::fs::read(&out).unwrap(), scenario, "targets: untouched");
    // The same export onto a plain old CSV is written (the refusal is about the content).
    let old = dir.path().join("old.csv");
    std::fs::write(&old, "a,b\n1,2\n").unwrap();
    assert_ok(&yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "gdp",
        "--out",
        s(&old),
    ]));
    assert!(
        std::fs::read_to_string(&old)
            .unwrap()
            .contains("地区生产总值")
    );
}

// ---- PROMISES #26 (and #108 in the export): scenario dashed, target hollow ----

/// A shape of the SVG: its tag, fill, stroke, opacity and points.
#[derive(Debug)]
struct Shape {
    tag: String,
    fill: String,
    stroke: String,
    stroke_width: String,
    opacity: f64,
    points: Vec<(f64, f64)>,
}

fn shapes(svg: &str) -> (Vec<Shape>, Vec<(String, f64, f64)>) {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is XML");
    let mut shapes = Vec::new();
    let mut texts = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let attr = |name: &str| node.attribute(name).unwrap_or("").to_owned();
        let num = |name: &str| node.attribute(name).and_then(|v| v.parse::<f64>().ok());
        match node.tag_name().name() {
            "text" => texts.push((
                node.text().unwrap_or("").trim().to_owned(),
                num("x").unwrap_or(f64::NAN),
                num("y").unwrap_or(f64::NAN),
            )),
            tag @ ("polyline" | "polygon") => shapes.push(Shape {
                tag: tag.to_owned(),
                fill: attr("fill"),
                stroke: attr("stroke"),
                stroke_width: attr("stroke-width"),
                opacity: num("opacity").unwrap_or(1.0),
                points: attr("points")
                    .split_whitespace()
                    .map(|p| {
                        let (x, y) = p.split_once(',').expect("x,y");
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect(),
            }),
            _ => {}
        }
    }
    (shapes, texts)
}

/// The x of the axis label `label` (the year ticks sit under the plot, the lowest texts).
fn x_of_label(texts: &[(String, f64, f64)], label: &str) -> f64 {
    texts
        .iter()
        .filter(|(t, _, _)| t == label)
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .unwrap_or_else(|| panic!("no label {label:?}"))
        .1
}

/// The y of the value-axis tick labelled `label`: the short horizontal tick mark beside the
/// leftmost text reading it (the text itself sits a few pixels above its tick).
fn y_of_tick(shapes: &[Shape], texts: &[(String, f64, f64)], label: &str) -> f64 {
    let (_, x, y) = texts
        .iter()
        .filter(|(t, _, _)| t == label)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or_else(|| panic!("no label {label:?}"));
    shapes
        .iter()
        .filter(|s| s.tag == "polyline" && s.points.len() == 2)
        .filter(|s| s.points[0].1 == s.points[1].1 && (s.points[1].0 - s.points[0].0).abs() <= 6.0)
        .filter(|s| s.points[0].0 > *x && s.points[0].0 - x <= 10.0)
        .map(|s| s.points[0].1)
        .filter(|ty| (ty - y).abs() <= 12.0)
        .min_by(|a, b| (a - y).abs().total_cmp(&(b - y).abs()))
        .unwrap_or_else(|| panic!("no tick mark beside {label:?}"))
}

/// README: "with `--scenario FILE` it … draws the scenario's values dashed beside the
/// published ones"; "Targets are hollow … diamonds". The example scenario on 万盛's output:
/// published 2022 "> 300", scenario 2023 = 340 (an edit, a triangle), 2025 = 300 × 1.15³ =
/// 456.2625; the 2025 target 500 is a diamond filled with the background, outlined.
#[test]
fn the_exported_svg_draws_the_scenario_dashed_and_the_target_hollow() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("wansheng.svg");
    assert_ok(&yardstick(&[
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
        s(&out),
    ]));
    let svg = std::fs::read_to_string(&out).unwrap();
    let (shapes, texts) = shapes(&svg);
    let x2022 = x_of_label(&texts, "2022");
    let x2023 = x_of_label(&texts, "2023");
    let x2024 = x_of_label(&texts, "2024");
    let x2025 = x_of_label(&texts, "2025");
    let y0 = y_of_tick(&shapes, &texts, "0");
    let y500 = y_of_tick(&shapes, &texts, "500");
    let y_of = |v: f64| y0 + (y500 - y0) * v / 500.0;
    // 万盛's colour: the stroke of the widest lines in the plot.
    let colour = shapes
        .iter()
        .find(|s| s.tag == "polyline" && s.stroke_width == "3")
        .expect("a series line")
        .stroke
        .clone();
    // The plot: right of 2022's tick, below the legend (which sits above the 500 line).
    let in_plot = |s: &Shape| {
        s.points
            .iter()
            .all(|&(x, y)| x >= x2022 - 1.0 && y >= y500 - 40.0)
    };
    let series_lines: Vec<&Shape> = shapes
        .iter()
        .filter(|s| s.tag == "polyline" && s.stroke == colour && s.stroke_width == "3")
        .filter(|s| in_plot(s))
        .collect();
    // No series line runs unbroken from 2022 on: only 2022 is published, every path after
    // it (scenario, required) is drawn in pieces.
    for line in &series_lines {
        let (first, last) = (line.points[0].0, line.points.last().unwrap().0);
        assert!(
            last - first < 20.0,
            "an unbroken line from x {first} to {last}: {line:?}"
        );
    }
    // The dashes: pieces of 8 px or more (the required path's dots are shorter), from 2022's
    // point to the scenario's 2025 value, with a gap between each two.
    let length = |s: &Shape| {
        let (a, b) = (s.points[0], *s.points.last().unwrap());
        ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt()
    };
    let dashes: Vec<&&Shape> = series_lines.iter().filter(|s| length(s) >= 8.0).collect();
    assert!(
        dashes.len() >= 40,
        "the scenario is dashed: {} dashes",
        dashes.len()
    );
    for pair in dashes.windows(2) {
        let gap = pair[1].points[0].0 - pair[0].points.last().unwrap().0;
        assert!(gap >= 3.0, "a gap between dashes: {pair:?}");
    }
    let start = dashes[0].points[0];
    let end = *dashes.last().unwrap().points.last().unwrap();
    assert!((start.0 - x2022).abs() <= 1.0, "starts at 2022: {start:?}");
    assert!((start.1 - y_of(300.0)).abs() <= 1.5, "from 300: {start:?}");
    // The last long dash ends within one dash and gap of 2025, on the way from 2024's
    // 300 × 1.15² = 396.75 to 2025's 456.2625.
    assert!(
        end.0 <= x2025 + 1.0 && end.0 >= x2025 - 20.0,
        "ends at 2025: {end:?}"
    );
    let on_path =
        y_of(396.75) + (y_of(456.2625) - y_of(396.75)) * (end.0 - x2024) / (x2025 - x2024);
    assert!(
        (end.1 - on_path).abs() <= 1.5,
        "on the way to 456.2625 (y {on_path}): {end:?}"
    );
    // The 2023 edit (340, exact) is a triangle, half-filled with the series colour.
    let near = |s: &Shape, x: f64, y: f64| {
        let n = s.points.len() as f64;
        let cx = s.points.iter().map(|p| p.0).sum::<f64>() / n;
        let cy = s.points.iter().map(|p| p.1).sum::<f64>() / n;
        (cx - x).abs() <= 2.0 && (cy - y).abs() <= 6.0
    };
    assert!(
        shapes.iter().any(|s| s.tag == "polygon"
            && s.points.len() == 3
            && s.fill == colour
            && s.opacity < 1.0
            && near(s, x2023, y_of(340.0))),
        "a half-filled triangle at 2023, 340"
    );
    // The 2025 target: a diamond whose only fill is the white background, outlined in the
    // series colour.
    let at_target: Vec<&Shape> = shapes
        .iter()
        .filter(|s| near(s, x2025, y_of(500.0)) && s.points.len() >= 4)
        .collect();
    assert!(
        at_target
            .iter()
            .any(|s| s.tag == "polygon" && s.points.len() == 4 && s.fill == "#FFFFFF"),
        "a diamond of background at the target: {at_target:?}"
    );
    assert!(
        at_target
            .iter()
            .any(|s| s.tag == "polyline" && s.points.len() == 5 && s.stroke == colour),
        "its outline in the series colour: {at_target:?}"
    );
    assert!(
        !at_target
            .iter()
            .any(|s| s.tag == "polygon" && s.fill == colour),
        "the target is not filled: {at_target:?}"
    );
}

// ---- PROMISES #34, #76: --mode absolute, the README's GDP example ----

/// One exported CSV row: (region_id, year, value, kind).
fn csv_rows(path: &Path) -> Vec<(String, i32, f64, String)> {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (region, year, value, kind) = (col("region_id"), col("year"), col("value"), col("kind"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[region].to_owned(),
                r[year].parse().unwrap(),
                r[value].parse().unwrap(),
                r[kind].to_owned(),
            )
        })
        .collect()
}

/// README: `yardstick export --chart line --indicator gdp --regions wansheng,qijiang,fuling,
/// yongchuan,jiangjin,wanzhou --years 2018..2024 …`: the six regions' published GDP levels
/// of those years (the growth rates the data also has are not levels), as in
/// data/chongqing.ron. `--mode absolute` is the default: the same bytes.
#[test]
fn the_readme_gdp_example_draws_the_six_regions_published_levels() {
    let dir = tempfile::tempdir().unwrap();
    let regions = "wansheng,qijiang,fuling,yongchuan,jiangjin,wanzhou";
    let base = [
        "export",
        "--chart",
        "line",
        "--indicator",
        "gdp",
        "--regions",
        regions,
        "--years",
        "2018..2024",
        "--width",
        "1200",
        "--height",
        "675",
    ];
    let plain = dir.path().join("gdp.csv");
    let absolute = dir.path().join("gdp-absolute.csv");
    let index = dir.path().join("gdp-index.csv");
    for (out, mode) in [
        (&plain, None),
        (&absolute, Some("absolute")),
        (&index, Some("index")),
    ] {
        let mut args = base.to_vec();
        if let Some(mode) = mode {
            args.extend(["--mode", mode]);
        }
        args.extend(["--out", s(out)]);
        assert_ok(&yardstick(&args));
    }
    let rows = csv_rows(&plain);
    let expected: &[(&str, &[(i32, f64)])] = &[
        ("wansheng", &[(2022, 239.5)]),
        ("qijiang", &[(2021, 506.91)]),
        (
            "fuling",
            &[
                (2018, 1058.06),
                (2019, 1151.79),
                (2020, 1221.01),
                (2021, 1402.74),
                (2022, 1504.37),
                (2023, 1626.0),
                (2024, 1700.0),
            ],
        ),
        (
            "yongchuan",
            &[
                (2018, 847.38),
                (2019, 955.67),
                (2020, 1012.35),
                (2021, 1144.17),
                (2022, 1202.84),
            ],
        ),
        (
            "jiangjin",
            &[
                (2018, 921.16),
                (2019, 1036.74),
                (2020, 1114.23),
                (2021, 1257.96),
                (2022, 1330.02),
                (2023, 1401.59),
            ],
        ),
        (
            "wanzhou",
            &[
                (2018, 860.67),
                (2019, 920.91),
                (2020, 970.68),
                (2021, 1087.94),
                (2022, 1118.43),
                (2023, 1179.4),
            ],
        ),
    ];
    let want: Vec<(String, i32, f64, String)> = expected
        .iter()
        .flat_map(|(region, years)| {
            years
                .iter()
                .map(move |&(y, v)| (region.to_string(), y, v, "actual".to_owned()))
        })
        .collect();
    assert_eq!(rows, want);
    assert_eq!(
        std::fs::read(&absolute).unwrap(),
        std::fs::read(&plain).unwrap(),
        "--mode absolute is what the default draws"
    );
    // …and a mode is read: the index starts each region at 100 (涪陵 2019: 1151.79 / 1058.06).
    let indexed = csv_rows(&index);
    let fuling_2019 = indexed
        .iter()
        .find(|r| r.0 == "fuling" && r.1 == 2019)
        .unwrap()
        .2;
    assert!(
        (fuling_2019 - 115_179.0 / 1058.06).abs() < 1e-9,
        "{fuling_2019}"
    );
}

// ---- PROMISES #3: the bundled data opens from any folder ----

/// A folder with no `data/` in it: `export` and `targets` still read the bundled data
/// (compiled into the binary): 万盛's 2022 GDP 239.5, and its 2025 output target 500.
#[test]
fn the_bundled_data_is_read_from_a_folder_without_data() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!dir.path().join("data").exists());
    let run = yardstick_in(
        dir.path(),
        &[
            "export",
            "--chart",
            "bar",
            "--indicator",
            "gdp",
            "--year",
            "2022",
            "--regions",
            "wansheng",
            "--out",
            "gdp.csv",
        ],
    );
    assert_ok(&run);
    assert_eq!(
        csv_rows(&dir.path().join("gdp.csv")),
        [("wansheng".to_owned(), 2022, 239.5, "actual".to_owned())]
    );
    let run = yardstick_in(dir.path(), &["targets", "--out", "targets.csv"]);
    assert_ok(&run);
    let text = std::fs::read_to_string(dir.path().join("targets.csv")).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("wansheng,industrial_output,2025,500,")),
        "{text}"
    );
}

// ---- PROMISES #241: every figure has its source and the source's words ----

/// README: "`data/chongqing.ron` holds only published figures, each with its source (title,
/// publisher, address, date) and the source's words". Every source has a title and a
/// publisher; every observation a non-empty quote from its source.
#[test]
fn every_bundled_figure_has_a_source_with_a_publisher_and_a_quote() {
    let d =
        yardstick::io::load_dataset(&Path::new(MANIFEST_DIR).join("data/chongqing.ron")).unwrap();
    assert_eq!(d.sources().len(), 64);
    for source in d.sources() {
        assert!(!source.title.trim().is_empty(), "{source:?}");
        assert!(
            source
                .publisher
                .as_deref()
                .is_some_and(|p| !p.trim().is_empty()),
            "a publisher: {source:?}"
        );
    }
    // An address or a date for every source but one: the 2023 綦江 bulletin, which the data
    // has from a reprint whose page gave neither (its publisher field says so).
    let bare: Vec<&str> = d
        .sources()
        .iter()
        .filter(|s| s.url.is_none() && s.published.is_none())
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(bare, ["qj-tjgb-2023"]);
    assert_eq!(d.observations().len(), 221);
    for o in d.observations() {
        let quote = d.quote(&o).unwrap_or("");
        assert!(
            !quote.trim().is_empty(),
            "{} {} {}: no quote",
            d.region(o.region).id,
            d.indicator(o.indicator).id,
            o.year
        );
    }
}
