//! `yardstick export`: every format written from the bundled data, the same bytes as the
//! in-process export of the same selection, and refusals that write nothing.

use std::path::Path;
use std::process::{Command, Output};

use yardstick::chart::export::{ExportRequest, resolve};
use yardstick::chart::{ChartKind, ViewMode, build_chart, csv};
use yardstick::lang::Lang;

fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn export(out: &Path, extra: &[&str]) -> Output {
    let out = out.to_str().expect("utf-8 path");
    let mut args = vec!["export", "--out", out];
    args.extend_from_slice(extra);
    yardstick(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn svg_png_and_csv_are_written_from_the_bundled_data() {
    let dir = tempfile::tempdir().unwrap();
    let chart = ["--chart", "line", "--indicator", "good_air_days"];
    let svg = dir.path().join("air.svg");
    let output = export(&svg, &chart);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the SVG is XML");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with("空气质量优良天数")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with("资料来源")), "{texts:?}");

    let png = dir.path().join("air.png");
    let output = export(
        &png,
        &[&chart[..], &["--width", "900", "--height", "600"]].concat(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let image = image::open(&png).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (900, 600));
    assert!(image.pixels().any(|p| p.0 != [255, 255, 255]));

    let csv_path = dir.path().join("air.csv");
    let output = export(&csv_path, &chart);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
}

#[test]
fn the_cli_writes_the_same_chart_as_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gdp.csv");
    let output = export(
        &out,
        &[
            "--chart",
            "bar",
            "--indicator",
            "gdp",
            "--regions",
            "wansheng,qijiang,fuling",
            "--years",
            "2019..2022",
            "--mode",
            "index",
            "--lang",
            "en",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let dataset = yardstick::bundled_dataset().unwrap();
    let request = ExportRequest {
        indicator: "gdp".into(),
        regions: Some(vec!["wansheng".into(), "qijiang".into(), "fuling".into()]),
        years: Some((2019, 2022)),
        kind: ChartKind::Bar,
        mode: ViewMode::Index,
        log_scale: false,
    };
    let selection = resolve(&dataset, &request).unwrap();
    let spec = build_chart(&dataset, &selection, Lang::En);
    assert!(!spec.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), csv::to_csv(&spec));
}

#[test]
fn unknown_ids_exit_1_list_the_valid_ones_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let output = export(&out, &["--chart", "bar", "--indicator", "gpd"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("\"gpd\"") && message.contains("good_air_days"),
        "{message}"
    );
    let output = export(
        &out,
        &[
            "--chart",
            "bar",
            "--indicator",
            "gdp",
            "--regions",
            "wansheng,atlantis",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("atlantis") && stderr(&output).contains("qijiang"));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temp file left"
    );
}

#[test]
fn an_empty_selection_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    // No region reports GDP for 1990.
    let output = export(
        &out,
        &["--chart", "bar", "--indicator", "gdp", "--year", "1990"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("nothing to export"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn an_unknown_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.jpeg");
    let output = export(&out, &["--chart", "bar", "--indicator", "gdp"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!out.exists());
}

#[test]
fn target_mode_csv_includes_the_required_path_of_wansheng() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("target.csv");
    let output = export(
        &out,
        &[
            "--chart",
            "line",
            "--indicator",
            "industrial_output",
            "--regions",
            "wansheng",
            "--years",
            "2022..2025",
            "--mode",
            "target",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    let required: Vec<&str> = text.lines().filter(|l| l.contains(",required,")).collect();
    // 2022 actual 300 → 2025 target 500: 18.56 % a year; as a share of the target the path
    // runs 60 % → 100 %.
    assert_eq!(required.len(), 4, "{text}");
    assert!(
        required[0].starts_with("万盛经开区,工业总产值,2022,60,"),
        "{}",
        required[0]
    );
    assert!(
        required[3].starts_with("万盛经开区,工业总产值,2025,100,"),
        "{}",
        required[3]
    );
    assert!(required[0].contains("18.56%"), "{}", required[0]);
}
