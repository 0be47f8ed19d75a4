//! "Latest available value up to year Y" (issue 11, item 5): the right year within the
//! tolerance and none beyond it; bar charts, CSV and SVG label every bar with its own year
//! and say that years differ; rankings on latest values; the command line's --latest.

use std::process::{Command, Output};

use yardstick::chart::render::{ExportSize, render_svg};
use yardstick::chart::{ChartKind, Selection, ViewMode, build_chart, build_chart_latest, csv};
use yardstick::io::parse_dataset;
use yardstick::lang::Lang;
use yardstick::model::latest::{RankedLatest, latest_up_to, latest_values, rank_latest, years_of};
use yardstick::model::{Dataset, IndicatorIdx, ObservationKind, RegionIdx};

/// Forest coverage, sparse as published: 甲区 58.2 (2022), 乙区 51.4 (2023), 丙区 45.0
/// (2016, too old for a 5-year tolerance), 丁区 an estimate 60.0 (2023) and an actual 40.0
/// (2024, after the year asked: never taken).
const DATA: &str = r#"Dataset(
    format: 1, title: "测试", title_en: "Test",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
        (id: "c", name: "丙区", name_en: "C"),
        (id: "d", name: "丁区", name_en: "D"),
    ],
    indicators: [
        (id: "forest", name: "森林覆盖率", name_en: "Forest coverage", unit: "%", unit_en: "%", better: Higher, min: Some(0.0), max: Some(100.0)),
    ],
    sources: [
        (id: "s", title: "公报", url: None, published: None),
    ],
    observations: [
        (region: "a", indicator: "forest", year: 2022, value: 58.2, kind: Actual, source: "s"),
        (region: "b", indicator: "forest", year: 2023, value: 51.4, kind: Actual, source: "s"),
        (region: "c", indicator: "forest", year: 2016, value: 45.0, kind: Actual, source: "s"),
        (region: "d", indicator: "forest", year: 2023, value: 60.0, kind: Estimate, source: "s"),
        (region: "d", indicator: "forest", year: 2024, value: 40.0, kind: Actual, source: "s"),
    ],
)"#;

fn data() -> Dataset {
    parse_dataset("latest.ron", DATA).expect("test data loads")
}

fn region(d: &Dataset, id: &str) -> RegionIdx {
    d.region_by_id(id).expect("region")
}

fn forest(d: &Dataset) -> IndicatorIdx {
    d.indicator_by_id("forest").expect("indicator")
}

fn bar_2023(d: &Dataset, ids: &[&str]) -> Selection {
    Selection {
        indicator: forest(d),
        regions: ids.iter().map(|id| region(d, id)).collect(),
        years: (2023, 2023),
        kind: ChartKind::Bar,
        mode: ViewMode::Absolute,
        log_scale: false,
    }
}

#[test]
fn latest_value_is_the_nearest_earlier_year_within_the_tolerance() {
    let d = data();
    let f = forest(&d);
    let (a, b, c, dd) = (
        region(&d, "a"),
        region(&d, "b"),
        region(&d, "c"),
        region(&d, "d"),
    );
    assert_eq!(latest_up_to(&d, a, f, 2023, Some(5)), Some((2022, 58.2)));
    assert_eq!(latest_up_to(&d, a, f, 2023, Some(1)), Some((2022, 58.2)));
    // None and 0: the exact year only.
    assert_eq!(latest_up_to(&d, a, f, 2023, None), None);
    assert_eq!(latest_up_to(&d, a, f, 2023, Some(0)), None);
    assert_eq!(latest_up_to(&d, b, f, 2023, Some(5)), Some((2023, 51.4)));
    // 2016 is 7 years before 2023: beyond a tolerance of 5 or 6, within 7.
    assert_eq!(latest_up_to(&d, c, f, 2023, Some(5)), None);
    assert_eq!(latest_up_to(&d, c, f, 2023, Some(6)), None);
    assert_eq!(latest_up_to(&d, c, f, 2023, Some(7)), Some((2016, 45.0)));
    // A later value never stands in for an earlier year; an estimate counts as measured.
    assert_eq!(latest_up_to(&d, a, f, 2021, Some(5)), None);
    assert_eq!(latest_up_to(&d, dd, f, 2023, Some(5)), Some((2023, 60.0)));
    assert_eq!(latest_up_to(&d, dd, f, 2024, Some(5)), Some((2024, 40.0)));

    let found = latest_values(&d, &[a, b, c, dd], f, 2023, Some(5));
    let rows: Vec<(RegionIdx, i32, f64, ObservationKind)> = found
        .iter()
        .map(|v| (v.region, v.year, v.value, v.kind))
        .collect();
    assert_eq!(
        rows,
        [
            (a, 2022, 58.2, ObservationKind::Actual),
            (b, 2023, 51.4, ObservationKind::Actual),
            (dd, 2023, 60.0, ObservationKind::Estimate),
        ]
    );
    assert_eq!(years_of(&found), [2022, 2023]);
}

#[test]
fn ranking_on_latest_values_keeps_each_year() {
    let d = data();
    let ranked: Vec<(String, usize, f64, i32)> = rank_latest(&d, forest(&d), 2023, Some(5))
        .into_iter()
        .map(|RankedLatest { ranked, year }| {
            (
                d.region(ranked.region).id.clone(),
                ranked.rank,
                ranked.value,
                year,
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [
            ("d".to_owned(), 1, 60.0, 2023),
            ("a".to_owned(), 2, 58.2, 2022),
            ("b".to_owned(), 3, 51.4, 2023),
        ]
    );
    // Exact year only: 甲区 has no 2023 value and is not ranked.
    assert_eq!(rank_latest(&d, forest(&d), 2023, None).len(), 2);
}

#[test]
fn a_bar_of_an_earlier_year_carries_its_year_under_it_and_in_a_note() {
    let d = data();
    let spec = build_chart_latest(&d, None, &bar_2023(&d, &["a", "b", "c"]), Some(5), Lang::Zh);
    assert_eq!(spec.categories, ["甲区", "乙区"]);
    assert_eq!(spec.category_years, ["2022", "2023"]);
    assert_eq!(spec.no_data, ["丙区"]);
    assert_eq!(spec.title, "森林覆盖率（截至2023年最新值）");
    let bars: Vec<(&str, i32, f64)> = spec
        .points()
        .map(|p| (p.region_id.as_str(), p.year, p.value))
        .collect();
    assert_eq!(bars, [("a", 2022, 58.2), ("b", 2023, 51.4)]);
    assert_eq!(spec.series[0].name, "截至2023年最新值");
    assert!(
        spec.notes
            .contains(&"年份不同：甲区 2022年；其余为2023年（取截至2023年的最新值）".to_owned()),
        "{:?}",
        spec.notes
    );

    let en = build_chart_latest(&d, None, &bar_2023(&d, &["a", "b"]), Some(5), Lang::En);
    assert!(
        en.notes.contains(
            &"Years differ: A 2022; the others 2023 (latest value up to 2023)".to_owned()
        ),
        "{:?}",
        en.notes
    );
}

#[test]
fn bars_of_one_year_need_no_year_labels_and_the_exact_year_is_the_default() {
    let d = data();
    let same = build_chart_latest(&d, None, &bar_2023(&d, &["b", "d"]), Some(5), Lang::Zh);
    assert!(same.category_years.is_empty());
    assert!(!same.notes.iter().any(|n| n.starts_with("年份不同")));
    // Without a tolerance the chart is as before: 2023 values only.
    let exact = build_chart(&d, &bar_2023(&d, &["a", "b"]), Lang::Zh);
    assert_eq!(exact.categories, ["乙区"]);
    assert_eq!(exact.no_data, ["甲区"]);
    assert!(exact.category_years.is_empty());
    assert_eq!(exact.title, "森林覆盖率（2023）");
}

#[test]
fn csv_and_svg_show_each_bar_with_its_own_year() {
    let d = data();
    let spec = build_chart_latest(&d, None, &bar_2023(&d, &["a", "b"]), Some(5), Lang::Zh);
    let text = csv::to_csv(&spec);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "甲区,森林覆盖率,2022,58.2,%,actual,公报,,58.2,a,forest,exact,level,",
            "乙区,森林覆盖率,2023,51.4,%,actual,公报,,51.4,b,forest,exact,level,",
        ]
    );
    let svg = render_svg(&spec, ExportSize::default()).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(texts.contains(&"2022"), "{texts:?}");
    assert!(texts.contains(&"2023"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.starts_with("年份不同：甲区 2022年")),
        "{texts:?}"
    );
}

fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn export_latest_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data_path = dir.path().join("latest.ron");
    std::fs::write(&data_path, DATA).unwrap();
    let data_arg = data_path.to_str().unwrap();
    let out = dir.path().join("bars.csv");
    let out_arg = out.to_str().unwrap();
    let base = [
        "export",
        "--data",
        data_arg,
        "--chart",
        "bar",
        "--indicator",
        "forest",
        "--year",
        "2023",
        "--regions",
        "a,b,c",
        "--out",
        out_arg,
    ];
    let run = |extra: &[&str]| yardstick(&[&base[..], extra].concat());
    let csv_rows = || {
        let text = std::fs::read_to_string(&out).unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
    };

    let output = run(&["--latest"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        csv_rows(),
        ["甲区,森林覆盖率,2022,58.2", "乙区,森林覆盖率,2023,51.4"]
    );
    // Seven years back reaches 丙区's 2016 value.
    let output = run(&["--latest", "--tolerance", "7"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        csv_rows(),
        [
            "甲区,森林覆盖率,2022,58.2",
            "乙区,森林覆盖率,2023,51.4",
            "丙区,森林覆盖率,2016,45"
        ]
    );
    let output = run(&["--latest", "--tolerance", "0"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(csv_rows(), ["乙区,森林覆盖率,2023,51.4"]);

    // Usage errors: --tolerance without --latest; --latest on a line chart or a span.
    assert_eq!(run(&["--tolerance", "3"]).status.code(), Some(2));
    let line = yardstick(&[
        "export",
        "--data",
        data_arg,
        "--chart",
        "line",
        "--indicator",
        "forest",
        "--latest",
        "--out",
        out_arg,
    ]);
    assert_eq!(line.status.code(), Some(2), "{line:?}");
    assert!(String::from_utf8_lossy(&line.stderr).contains("--latest needs a bar chart"));
    let span = yardstick(&[
        "export",
        "--data",
        data_arg,
        "--indicator",
        "forest",
        "--years",
        "2022..2023",
        "--latest",
        "--out",
        out_arg,
    ]);
    assert_eq!(span.status.code(), Some(2), "{span:?}");
}

/// The bundled data: 万盛's forest coverage is published for 2022, 綦江's for 2023.
#[test]
fn bundled_forest_coverage_of_wansheng_and_qijiang_up_to_2023() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("forest.csv");
    let output = yardstick(&[
        "export",
        "--chart",
        "bar",
        "--indicator",
        "forest_coverage",
        "--year",
        "2023",
        "--regions",
        "wansheng,qijiang",
        "--latest",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        rows,
        [
            "万盛经开区,森林覆盖率,2022,58.2",
            "綦江区,森林覆盖率,2023,51.4"
        ]
    );
}
