//! `yardstick targets` and `yardstick export --chart targets`: the table, the CSV (with and
//! without a scenario), exit codes, and refusals that write nothing.

use std::path::Path;
use std::process::{Command, Output};

fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// 万盛-like: output 300 in 2022 only, target 500 in 2025; air days 2019 = 300, 2022 = 330
/// (recent 3-year growth (1.1)^(1/3) − 1 = 3.228 %), target 2025 = 340 (required
/// (340/330)^(1/3) − 1 = 1.0 %: on track).
const DATA: &str = r#"Dataset(
    format: 1, title: "测试", title_en: "Test",
    regions: [(id: "ws", name: "万盛", name_en: "Wansheng")],
    indicators: [
        (id: "out", name: "工业总产值", name_en: "Industrial output", unit: "亿元", unit_en: "100m yuan", better: Higher, min: Some(0.0), max: None),
        (id: "air", name: "优良天数", name_en: "Good air days", unit: "天", unit_en: "days", better: Higher, min: Some(0.0), max: Some(366.0)),
    ],
    sources: [(id: "s", title: "来源", url: None, published: None)],
    observations: [
        (region: "ws", indicator: "out", year: 2022, value: 300.0, kind: Actual, source: "s"),
        (region: "ws", indicator: "out", year: 2025, value: 500.0, kind: Target, source: "s"),
        (region: "ws", indicator: "air", year: 2019, value: 300.0, kind: Actual, source: "s"),
        (region: "ws", indicator: "air", year: 2022, value: 330.0, kind: Actual, source: "s"),
        (region: "ws", indicator: "air", year: 2025, value: 340.0, kind: Target, source: "s"),
    ],
)"#;

const SCENARIO: &str = r#"Scenario(
    format: 1, name: "冲刺", dataset: "data.ron",
    growth: [(region: "ws", indicator: "out", from: 2022, to: 2025, annual_pct: 15.0)],
)"#;

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("data.ron"), DATA).expect("written");
    std::fs::write(dir.path().join("plan.ron"), SCENARIO).expect("written");
    dir
}

#[test]
fn the_table_lists_every_target_with_status_and_reason() {
    let dir = setup();
    let data = dir.path().join("data.ron");
    let output = yardstick(&["targets", "--data", path(&data), "--lang", "en"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("region"), "{text}");
    let out = lines
        .iter()
        .find(|l| l.contains("Industrial output"))
        .expect(&text);
    assert!(out.contains("unknown"), "{out}");
    assert!(
        out.contains("18.6 %"),
        "required growth (500/300)^(1/3) − 1: {out}"
    );
    assert!(out.contains("no recent growth"), "{out}");
    let air = lines
        .iter()
        .find(|l| l.contains("Good air days"))
        .expect(&text);
    assert!(air.contains("on track"), "{air}");
    assert!(
        air.contains("needs 1.0 %/yr (2022→2025), recent 3 years 3.2 %/yr"),
        "{air}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("2 targets: 0 achieved, 1 on track, 0 at risk, 0 off track, 1 unknown")
    );
}

#[test]
fn csv_with_a_scenario_has_both_judgements() {
    let dir = setup();
    let scenario = dir.path().join("plan.ron");
    let out = dir.path().join("targets.csv");
    let output = yardstick(&[
        "targets",
        "--scenario",
        path(&scenario),
        "--out",
        path(&out),
        "--lang",
        "en",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    for column in [
        "region_id",
        "indicator_id",
        "target_year",
        "target_value",
        "measure",
        "bound",
        "latest_year",
        "latest_value",
        "required_pct",
        "recent_pct",
        "status",
        "reason",
        "scenario_latest_value",
        "scenario_status",
        "scenario_reason",
    ] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let out_row = rows
        .iter()
        .find(|r| &r[col("indicator_id")] == "out")
        .unwrap();
    assert_eq!(&out_row[col("target_value")], "500");
    assert_eq!(&out_row[col("measure")], "level");
    assert_eq!(&out_row[col("bound")], "exact");
    assert_eq!(&out_row[col("latest_year")], "2022");
    assert_eq!(&out_row[col("latest_value")], "300");
    assert_eq!(&out_row[col("status")], "unknown");
    // 300 × 1.15³ = 456.2625, written at full precision.
    let value: f64 = out_row[col("scenario_latest_value")].parse().unwrap();
    assert!((value - 456.2625).abs() < 1e-9, "{value}");
    assert_eq!(&out_row[col("scenario_status")], "off_track");
    assert_eq!(
        &out_row[col("scenario_reason")],
        "2025 = 456.3 < 500, behind 8.7 %"
    );
    // The air target is not changed by the scenario: the same on both sides.
    let air = rows
        .iter()
        .find(|r| &r[col("indicator_id")] == "air")
        .unwrap();
    assert_eq!(&air[col("status")], "on_track");
    assert_eq!(&air[col("scenario_status")], "on_track");
}

#[test]
fn bad_output_names_and_inputs_are_refused() {
    let dir = setup();
    let data = dir.path().join("data.ron");
    // Not .csv: a usage error, exit 2.
    let txt = dir.path().join("t.txt");
    let output = yardstick(&["targets", "--data", path(&data), "--out", path(&txt)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!txt.exists());
    // The output may not be an input: exit 1 and the data file unchanged.
    let csv_alias = dir.path().join("data.csv");
    std::fs::copy(&data, &csv_alias).unwrap();
    let output = yardstick(&[
        "targets",
        "--data",
        path(&csv_alias),
        "--out",
        path(&csv_alias),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&csv_alias).unwrap(), DATA);
    // A broken dataset: exit 1 with its file and line.
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        DATA.replace("value: 300.0, kind: Actual", "value: 3OO, kind: Actual"),
    )
    .unwrap();
    let output = yardstick(&["targets", "--data", path(&bad)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bad.ron:"), "{}", stderr(&output));
    // An unknown language: usage, exit 2.
    let output = yardstick(&["targets", "--lang", "fr"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_bundled_data_lists_its_targets() {
    let output = yardstick(&["targets"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.lines().next().unwrap().starts_with("地区"), "{text}");
    assert!(text.contains("个目标："), "{text}");
}

#[test]
fn the_tracker_chart_is_exported_as_svg_png_and_csv() {
    let dir = setup();
    let scenario = dir.path().join("plan.ron");
    let svg = dir.path().join("t.svg");
    let output = yardstick(&[
        "export",
        "--chart",
        "targets",
        "--scenario",
        path(&scenario),
        "--out",
        path(&svg),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("XML");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(texts.contains(&"目标进度"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("万盛 · 工业总产值 2025")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("456.3")),
        "the scenario's 2025: {texts:?}"
    );

    let png = dir.path().join("t.png");
    let output = yardstick(&[
        "export",
        "--chart",
        "targets",
        "--scenario",
        path(&scenario),
        "--width",
        "900",
        "--height",
        "600",
        "--out",
        path(&png),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let image = image::open(&png).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (900, 600));
    // The on-track air bar is drawn in the on-track blue.
    let (r, g, b) =
        yardstick::chart::tracker::status_rgb(yardstick::model::analysis::TargetStatus::OnTrack);
    let blue = image.pixels().filter(|p| p.0 == [r, g, b]).count();
    assert!(blue > 100, "{blue} on-track pixels");

    let csv_out = dir.path().join("t.csv");
    let output = yardstick(&[
        "export",
        "--chart",
        "targets",
        "--scenario",
        path(&scenario),
        "--out",
        path(&csv_out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv_text = std::fs::read_to_string(&csv_out).unwrap();
    assert!(csv_text.starts_with('\u{feff}'));
    assert!(csv_text.contains("off_track"), "{csv_text}");
    // Bar and line charts still need an indicator: usage error.
    let output = yardstick(&["export", "--chart", "bar", "--out", path(&svg)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn export_computes_a_derived_indicator_marked_as_such() {
    // 190 亿元 / 25 万人 = 7.6 万元/人.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("d.ron");
    std::fs::write(
        &data,
        r#"Dataset(
    format: 2, title: "t",
    regions: [(id: "ws", name: "万盛")],
    indicators: [
        (id: "gdp", name: "地区生产总值", unit: "亿元"),
        (id: "population", name: "常住人口", unit: "万人"),
    ],
    sources: [(id: "s", title: "来源", url: None, published: None)],
    observations: [
        (region: "ws", indicator: "gdp", year: 2022, value: 190.0, kind: Actual, source: "s"),
        (region: "ws", indicator: "population", year: 2022, value: 25.0, kind: Actual, source: "s"),
    ],
)"#,
    )
    .expect("written");
    let out = dir.path().join("pc.csv");
    let output = yardstick(&[
        "export",
        "--data",
        path(&data),
        "--chart",
        "bar",
        "--indicator",
        "gdp_per_capita",
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).expect("written");
    let row = text.lines().nth(1).expect("one row");
    assert!(
        row.starts_with("万盛,人均地区生产总值,2022,7.6,万元/人,"),
        "{row}"
    );
    assert!(row.contains("计算所得（不是公布数）"), "{row}");
    // The dataset file itself is not changed: derived values are never stored.
    assert!(
        !std::fs::read_to_string(&data)
            .expect("read")
            .contains("per_capita")
    );
}

/// The bug: the tracker with a scenario at a small size panicked (a clamp whose bounds
/// crossed: exit 101). Every size `export` accepts draws it.
#[test]
fn the_tracker_with_a_scenario_draws_at_every_accepted_size() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/wansheng-2025.ron");
    for (w, h) in [
        ("200", "200"),
        ("400", "300"),
        ("10000", "200"),
        ("200", "10000"),
    ] {
        let out = dir.path().join(format!("t-{w}x{h}.svg"));
        let output = yardstick(&[
            "export",
            "--chart",
            "targets",
            "--scenario",
            path(&scenario),
            "--width",
            w,
            "--height",
            h,
            "--out",
            path(&out),
        ]);
        assert!(output.status.success(), "{w}×{h}: {}", stderr(&output));
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains("万盛"), "{w}×{h}: a target row is drawn");
    }
}
