//! `yardstick export`: every format written from the bundled data, with figures worked out by
//! hand from data/chongqing.ron, and refusals that write nothing.

use std::path::Path;
use std::process::{Command, Output};

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
    // A chart, not a blank page: ink on a white page, and the first series' colour drawn.
    let (r, g, b) = yardstick::chart::palette::color(0);
    assert_eq!(image.get_pixel(0, 0).0, [255, 255, 255], "white page");
    let first_colour = image.pixels().filter(|p| p.0 == [r, g, b]).count();
    assert!(
        first_colour > 50,
        "{first_colour} pixels of the first series"
    );
    let ink = image.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    assert!(ink > 900 * 600 / 100, "{ink} pixels drawn");

    // Without --width/--height: 1600×900, as the README says.
    let default_png = dir.path().join("air-default.png");
    let output = export(&default_png, &chart);
    assert!(output.status.success(), "{}", stderr(&output));
    let image = image::open(&default_png).unwrap();
    assert_eq!((image.width(), image.height()), (1600, 900));

    // Without --year/--years a line chart shows every year of the indicator (2018–2024), one
    // row per published value; values and published values are the figures of the data.
    let csv_path = dir.path().join("air.csv");
    let output = export(&csv_path, &chart);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<(String, String, f64, String, f64)> = reader
        .records()
        .map(Result::unwrap)
        .map(|r| {
            (
                r[9].to_owned(),
                r[2].to_owned(),
                r[3].parse().unwrap(),
                r[5].to_owned(),
                r[8].parse().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("wansheng", "2022", 343.0),
        ("fuling", "2021", 334.0),
        ("ziyang", "2018", 291.0),
        ("chongqing", "2020", 333.0),
        ("chongqing", "2021", 326.0),
        ("chongqing", "2022", 332.0),
        ("chongqing", "2023", 325.0),
        ("chongqing", "2024", 329.0),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (region, year, value) in expected {
        assert!(
            rows.iter().any(|r| r.0 == region
                && r.1 == year
                && r.2 == value
                && r.3 == "actual"
                && r.4 == value),
            "{region} {year} {value} missing: {rows:?}"
        );
    }
}

#[test]
fn the_cli_index_csv_holds_the_figures_worked_out_by_hand() {
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
    // Worked out by hand from data/chongqing.ron: 涪陵's GDP 1151.79 (2019), 1221.01, 1402.74,
    // 1504.37 (2022), indexed on 2019 = 100; 万盛 and 綦江 have no 2019 value to index on.
    let text = std::fs::read_to_string(&out).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = [
        ("2019", 100.0, "1151.79"),
        ("2020", 106.009776, "1221.01"),
        ("2021", 121.787826, "1402.74"),
        ("2022", 130.611483, "1504.37"),
    ];
    assert_eq!(rows.len(), expected.len(), "{text}");
    for (row, (year, index, published)) in rows.iter().zip(expected) {
        assert_eq!(&row[0], "Fuling");
        assert_eq!(&row[1], "Gross regional product");
        assert_eq!(&row[2], year);
        let value: f64 = row[3].parse().unwrap();
        assert!((value - index).abs() < 1e-5, "{year}: {value} vs {index}");
        assert_eq!(&row[4], "index (2019 = 100)");
        assert_eq!(&row[5], "actual");
        assert_eq!(&row[8], published);
        assert_eq!((&row[9], &row[10]), ("fuling", "gdp"));
    }
    // The same selection as a picture names the two regions without data.
    let svg = dir.path().join("gdp.svg");
    let output = export(
        &svg,
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
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    // Each region without an index is named with the reason (issue 10, item 17).
    assert!(
        svg_text.contains(
            "No data: Wansheng (no value in the base year 2019, so there is no index), \
             Qijiang (no value in the base year 2019, so there is no index)"
        ),
        "no-data line missing"
    );
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
