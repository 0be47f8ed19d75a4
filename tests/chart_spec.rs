//! ChartSpec: gaps, index and change math, share of target, kinds apart, ordering,
//! "no data" regions, log scale, and the CSV behind a chart.

use yardstick::chart::{ChartKind, PointKind, Selection, ViewMode, auto_years, build_chart, csv};
use yardstick::io::parse_dataset;
use yardstick::lang::Lang;
use yardstick::model::Dataset;

/// Region a: 100 (2018), 110 (2019), gap in 2020, 121 (2021), target 200 (2025), estimate 130
/// (2022). Region b: 50 (2018), 0 (2019). Region c: nothing.
const DATA: &str = r#"Dataset(
    format: 1, title: "测试", title_en: "Test",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
        (id: "c", name: "丙区", name_en: "C"),
    ],
    indicators: [
        (id: "out", name: "产值", name_en: "Output", unit: "亿元", unit_en: "100m yuan", better: Higher, min: Some(0.0), max: None),
    ],
    sources: [
        (id: "s1", title: "来源一", url: None, published: None),
        (id: "s2", title: "来源二", url: None, published: None),
    ],
    observations: [
        (region: "a", indicator: "out", year: 2018, value: 100.0, kind: Actual, source: "s1"),
        (region: "a", indicator: "out", year: 2019, value: 110.0, kind: Actual, source: "s1"),
        (region: "a", indicator: "out", year: 2021, value: 121.0, kind: Actual, source: "s1", note: Some("> 121")),
        (region: "a", indicator: "out", year: 2022, value: 130.0, kind: Estimate, source: "s1"),
        (region: "a", indicator: "out", year: 2025, value: 200.0, kind: Target, source: "s2"),
        (region: "b", indicator: "out", year: 2018, value: 50.0, kind: Actual, source: "s1"),
        (region: "b", indicator: "out", year: 2019, value: 0.0, kind: Actual, source: "s1"),
    ],
)"#;

fn data() -> Dataset {
    parse_dataset("test.ron", DATA).expect("test data loads")
}

fn selection(d: &Dataset, kind: ChartKind, mode: ViewMode, years: (i32, i32)) -> Selection {
    Selection {
        indicator: d.indicator_by_id("out").expect("indicator out"),
        regions: d.region_indices().collect(),
        years,
        kind,
        mode,
        log_scale: false,
    }
}

fn values(spec: &yardstick::chart::ChartSpec, series: &str) -> Vec<(i32, f64)> {
    spec.series
        .iter()
        .find(|s| s.name == series)
        .unwrap_or_else(|| panic!("no series {series:?}"))
        .points
        .iter()
        .map(|p| (p.year, p.value))
        .collect()
}

#[test]
fn line_chart_keeps_gaps_and_separates_kinds() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Absolute, (2018, 2025)),
        Lang::Zh,
    );
    // 2020 is missing: no point, no zero.
    assert_eq!(
        values(&spec, "甲区"),
        vec![(2018, 100.0), (2019, 110.0), (2021, 121.0)]
    );
    assert_eq!(values(&spec, "甲区 估计"), vec![(2022, 130.0)]);
    assert_eq!(values(&spec, "甲区 目标"), vec![(2025, 200.0)]);
    let target = spec.series.iter().find(|s| s.name == "甲区 目标").unwrap();
    assert_eq!(target.kind, PointKind::Target);
    let runs = yardstick::chart::style::consecutive_runs(&spec.series[0].points);
    assert_eq!(runs.len(), 2, "the gap splits the line");
    assert_eq!(spec.no_data, vec!["丙区".to_owned()]);
    assert_eq!(spec.source_line, "资料来源：来源一；来源二");
    assert_eq!(spec.notes, vec!["甲区 2021: > 121".to_owned()]);
    assert_eq!(spec.unit, "亿元");
    assert_eq!(spec.title, "产值（2018–2025）");
}

#[test]
fn bar_chart_lists_regions_with_data_as_categories() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Bar, ViewMode::Absolute, (2018, 2019)),
        Lang::En,
    );
    assert_eq!(spec.categories, vec!["A".to_owned(), "B".to_owned()]);
    assert_eq!(spec.no_data, vec!["C".to_owned()]);
    let names: Vec<&str> = spec.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["2018", "2019"]);
    assert_eq!(values(&spec, "2019"), vec![(2019, 110.0), (2019, 0.0)]);
    // x is the category index.
    let xs: Vec<f64> = spec.series[1].points.iter().map(|p| p.x).collect();
    assert_eq!(xs, vec![0.0, 1.0]);
    assert_eq!(spec.title, "Output (2018–2019)");
    assert!(spec.source_line.starts_with("Source: "));
}

#[test]
fn index_divides_by_the_first_year() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Index, (2018, 2025)),
        Lang::Zh,
    );
    let a = values(&spec, "甲区");
    assert_eq!(a[0], (2018, 100.0));
    assert!((a[1].1 - 110.0).abs() < 1e-9);
    assert!((a[2].1 - 121.0).abs() < 1e-9);
    assert!((values(&spec, "甲区 目标")[0].1 - 200.0).abs() < 1e-9);
    assert_eq!(values(&spec, "乙区"), vec![(2018, 100.0), (2019, 0.0)]);
    assert_eq!(spec.reference.as_ref().map(|r| r.value), Some(100.0));
    assert!(spec.unit.contains("2018"));
    assert!(
        spec.notes.iter().all(|n| !n.contains("基期")),
        "{:?}",
        spec.notes
    );
    // A base year no region reports leaves nothing to index: everyone is "no data".
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Index, (2020, 2025)),
        Lang::Zh,
    );
    assert!(spec.is_empty());
    assert_eq!(spec.no_data.len(), 3);
    // …and says why: a has values in the range but none in the base year 2020.
    assert!(
        spec.notes.iter().any(|n| n.contains("2020年为基期")),
        "{:?}",
        spec.notes
    );
}

#[test]
fn change_needs_the_previous_year() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Change, (2018, 2025)),
        Lang::Zh,
    );
    let a = values(&spec, "甲区");
    // 2018 has no 2017; 2021 has no 2020: both are gaps.
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].0, 2019);
    assert!((a[0].1 - 10.0).abs() < 1e-9);
    // The estimate for 2022 is measured against 2021's actual: +7.44 %.
    let e = values(&spec, "甲区 估计");
    assert!((e[0].1 - (130.0 / 121.0 - 1.0) * 100.0).abs() < 1e-9);
    assert!(spec.series.iter().all(|s| s.kind != PointKind::Target));
    assert_eq!(values(&spec, "乙区"), vec![(2019, -100.0)]);
}

#[test]
fn share_of_target_uses_the_next_target() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::TargetShare, (2018, 2025)),
        Lang::Zh,
    );
    let a = values(&spec, "甲区");
    let expected = [(2018, 50.0), (2019, 55.0), (2021, 60.5)];
    assert_eq!(a.len(), expected.len(), "{a:?}");
    for ((year, value), (want_year, want)) in a.iter().zip(expected) {
        assert_eq!(*year, want_year);
        assert!((value - want).abs() < 1e-9, "{a:?}");
    }
    // b has no target: nothing to show.
    assert!(spec.no_data.contains(&"乙区".to_owned()));
    assert_eq!(spec.reference.as_ref().map(|r| r.value), Some(100.0));
}

#[test]
fn log_scale_only_with_positive_values() {
    let d = data();
    let mut sel = selection(&d, ChartKind::Line, ViewMode::Absolute, (2018, 2019));
    sel.log_scale = true;
    let spec = build_chart(&d, &sel, Lang::En);
    assert!(!spec.log_scale, "b has a zero in 2019");
    assert!(spec.notes.iter().any(|n| n.contains("Log scale")));
    sel.regions = vec![d.region_by_id("a").unwrap()];
    let spec = build_chart(&d, &sel, Lang::En);
    assert!(spec.log_scale);
}

#[test]
fn auto_years_picks_the_best_covered_year_for_bars() {
    let d = data();
    let out = d.indicator_by_id("out").unwrap();
    let all: Vec<_> = d.region_indices().collect();
    assert_eq!(
        auto_years(&d, out, &all, ChartKind::Bar),
        Some((2019, 2019))
    );
    assert_eq!(
        auto_years(&d, out, &all, ChartKind::Line),
        Some((2018, 2025))
    );
}

#[test]
fn csv_has_a_bom_and_round_trips_every_point() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Absolute, (2018, 2025)),
        Lang::Zh,
    );
    let text = csv::to_csv(&spec);
    assert!(text.starts_with('\u{feff}'));
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    // The columns the README promises, in its order.
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
            "months",
        ]
    );
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), spec.points().count());
    for row in &rows {
        let year: i32 = row[2].parse().unwrap();
        let value: f64 = row[3].parse().unwrap();
        let point = spec
            .points()
            .find(|p| p.region == row[0] && p.year == year && csv::kind_code(p.kind) == &row[5])
            .unwrap();
        // Published values exactly; computed ones (the required path) to 12 digits.
        assert!(
            (point.value - value).abs() <= 1e-11 * point.value.abs(),
            "{} vs {value}",
            point.value
        );
        if point.kind != PointKind::Required {
            assert_eq!(point.value, value);
        }
        assert_eq!(&row[1], "产值");
        assert_eq!(&row[4], "亿元");
        assert_eq!(&row[10], "out");
    }
    // Ordered by region, then year.
    let order: Vec<(String, i32)> = rows
        .iter()
        .map(|r| (r[9].to_owned(), r[2].parse().unwrap()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|(region, year)| (region != "a", *year));
    assert_eq!(order, sorted);
    assert!(rows.iter().any(|r| &r[7] == "> 121"));
}

#[test]
fn a_scenario_is_drawn_beside_the_baseline() {
    use yardstick::chart::{ScenarioLayer, build_chart_with};
    use yardstick::model::scenario::{Edit, GrowthRule, Scenario, apply};
    let d = data();
    let mut scenario = Scenario::new("冲刺", "test.ron");
    // Edit 2019 of a (baseline 110 → 115), grow a from 2022 (estimate 130) by 10 %/yr to 2024.
    scenario.set_edit(Edit::new("a", "out", 2019, Some(115.0)).with_note("试算"));
    scenario
        .growth
        .push(GrowthRule::new("a", "out", 2022, 2024, 10.0));
    let applied = apply(&d, &scenario);
    assert!(applied.problems().is_empty(), "{:?}", applied.problems());
    let layer = ScenarioLayer {
        name: "冲刺",
        applied: &applied,
    };
    let sel = selection(&d, ChartKind::Line, ViewMode::Absolute, (2018, 2025));
    let spec = build_chart_with(&d, Some(layer), &sel, Lang::Zh);
    // The baseline is unchanged…
    assert_eq!(values(&spec, "甲区")[1], (2019, 110.0));
    // …and the scenario series holds the edit, the projections, and the unchanged neighbours
    // that anchor them (2018 actual, 2022 estimate; 2020 is missing, so 2021 is no neighbour).
    let s = values(&spec, "甲区 · 冲刺");
    let years: Vec<i32> = s.iter().map(|p| p.0).collect();
    assert_eq!(years, vec![2018, 2019, 2022, 2023, 2024], "{s:?}");
    assert_eq!(s[1], (2019, 115.0));
    assert!((s[3].1 - 143.0).abs() < 1e-9);
    assert!((s[4].1 - 157.3).abs() < 1e-9);
    let series = spec
        .series
        .iter()
        .find(|x| x.name == "甲区 · 冲刺")
        .unwrap();
    assert!(series.points.iter().all(|p| p.kind == PointKind::Scenario));
    assert!(
        series.points[1]
            .note
            .as_deref()
            .unwrap()
            .contains("基准值 110")
    );
    assert!(series.points[1].source.contains("冲刺"));
    // Without the layer nothing of the scenario shows.
    let plain = build_chart(&d, &sel, Lang::Zh);
    assert!(plain.series.iter().all(|x| x.kind != PointKind::Scenario));

    // Bars of 2023: a has no baseline value, only the projected one, beside nothing.
    let sel = selection(&d, ChartKind::Bar, ViewMode::Absolute, (2023, 2023));
    let spec = build_chart_with(&d, Some(layer), &sel, Lang::Zh);
    assert_eq!(spec.categories, vec!["甲区".to_owned()]);
    let bars = spec
        .series
        .iter()
        .find(|x| x.name == "2023 · 冲刺")
        .unwrap();
    assert_eq!(bars.points.len(), 1);
    assert!((bars.points[0].value - 143.0).abs() < 1e-9);
}

#[test]
fn a_line_chart_draws_the_path_required_to_reach_a_target() {
    let d = data();
    let spec = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Absolute, (2018, 2025)),
        Lang::Zh,
    );
    // a: latest measured before the 2025 target is the 2022 estimate 130; target 200.
    let r = ((200.0_f64 / 130.0).powf(1.0 / 3.0) - 1.0) * 100.0;
    let path = values(&spec, "甲区 需达路径");
    let years: Vec<i32> = path.iter().map(|p| p.0).collect();
    assert_eq!(years, vec![2022, 2023, 2024, 2025]);
    assert!((path[0].1 - 130.0).abs() < 1e-9);
    assert!((path[1].1 - 130.0 * (1.0 + r / 100.0)).abs() < 1e-9);
    assert!((path[3].1 - 200.0).abs() < 1e-9);
    let series = spec
        .series
        .iter()
        .find(|s| s.name == "甲区 需达路径")
        .unwrap();
    assert_eq!(series.kind, PointKind::Required);
    assert!(series.points[0].note.as_deref().unwrap().contains("15.44%"));
    // b has no target: no path.
    assert!(spec.series.iter().all(|s| s.name != "乙区 需达路径"));

    // As a share of the target the path ends at 100 %; as yearly change it is flat at r.
    let share = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::TargetShare, (2018, 2025)),
        Lang::Zh,
    );
    let path = values(&share, "甲区 需达路径");
    assert!((path.last().unwrap().1 - 100.0).abs() < 1e-9, "{path:?}");
    let change = build_chart(
        &d,
        &selection(&d, ChartKind::Line, ViewMode::Change, (2018, 2025)),
        Lang::Zh,
    );
    let path = values(&change, "甲区 需达路径");
    assert_eq!(path.len(), 3);
    assert!(path.iter().all(|p| (p.1 - r).abs() < 1e-9), "{path:?}");
    // The CSV carries it as kind "required".
    assert!(csv::to_csv(&spec).contains(",required,"));
}
