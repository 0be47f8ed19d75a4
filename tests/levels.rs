//! Regions of one level (issue 11, item 4): default picks of one level, rankings and
//! composites that never set a whole against its own parts, a picked parent drawn as a
//! reference line on bar charts (spec, CSV, SVG); and the automatic line years of the picked
//! regions (the `--mode index` bug).

use std::process::Command;

use yardstick::chart::render::{ExportSize, render_svg};
use yardstick::chart::{
    ChartKind, Selection, ViewMode, auto_years, build_chart, build_chart_latest, csv,
};
use yardstick::io::parse_dataset;
use yardstick::lang::Lang;
use yardstick::model::analysis::{composite, rank};
use yardstick::model::latest::no_data;
use yardstick::model::levels::{PickLevels, most_common_level, split_picks};
use yardstick::model::values::Values;
use yardstick::model::view::{aggregate_regions, default_view};
use yardstick::model::{Better, Dataset, IndicatorIdx, ObservationKind, RegionIdx};

/// 全市 ⊃ 甲区, 乙区, 丙区; 全省 ⊃ 子市. `out` (Higher) in 2022: 全市 980.5, 甲区 300, 乙区 200,
/// 丙区 100, 全省 5000, 子市 250; 2023: 甲区 310 only. Targets for 2025: 甲区 400, 乙区 250,
/// 子市 300, 全市 1200.
const DATA: &str = r#"Dataset(
    format: 2, title: "测试", title_en: "Test",
    regions: [
        (id: "city", name: "全市", name_en: "City"),
        (id: "a", name: "甲区", name_en: "A", parent: Some("city")),
        (id: "b", name: "乙区", name_en: "B", parent: Some("city")),
        (id: "c", name: "丙区", name_en: "C", parent: Some("city")),
        (id: "prov", name: "全省", name_en: "Province"),
        (id: "z", name: "子市", name_en: "Z", parent: Some("prov")),
    ],
    indicators: [
        (id: "out", name: "产值", name_en: "Output", unit: "亿元", unit_en: "100m yuan", better: Higher, min: Some(0.0), max: None),
    ],
    sources: [
        (id: "s", title: "公报", url: None, published: None),
    ],
    observations: [
        (region: "city", indicator: "out", year: 2022, value: 980.5, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2022, value: 300.0, kind: Actual, source: "s"),
        (region: "b", indicator: "out", year: 2022, value: 200.0, kind: Actual, source: "s"),
        (region: "c", indicator: "out", year: 2022, value: 100.0, kind: Actual, source: "s"),
        (region: "prov", indicator: "out", year: 2022, value: 5000.0, kind: Actual, source: "s"),
        (region: "z", indicator: "out", year: 2022, value: 250.0, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2023, value: 310.0, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2025, value: 400.0, kind: Target, source: "s"),
        (region: "b", indicator: "out", year: 2025, value: 250.0, kind: Target, source: "s"),
        (region: "z", indicator: "out", year: 2025, value: 300.0, kind: Target, source: "s"),
        (region: "city", indicator: "out", year: 2025, value: 1200.0, kind: Target, source: "s"),
    ],
)"#;

fn data() -> Dataset {
    parse_dataset("levels.ron", DATA).expect("test data loads")
}

fn region(d: &Dataset, id: &str) -> RegionIdx {
    d.region_by_id(id).expect("region")
}

fn out(d: &Dataset) -> IndicatorIdx {
    d.indicator_by_id("out").expect("indicator")
}

fn ids(d: &Dataset, regions: impl IntoIterator<Item = RegionIdx>) -> Vec<String> {
    regions
        .into_iter()
        .map(|r| d.region(r).id.clone())
        .collect()
}

#[test]
fn default_view_picks_siblings_and_never_a_whole() {
    let d = data();
    assert_eq!(
        aggregate_regions(&d),
        [true, false, false, false, true, false],
        "the regions named as parents"
    );
    let view = default_view(&d);
    assert_eq!(view.indicator, out(&d));
    // 甲乙丙 (in 全市) and 子市 (in 全省) are one level; the wholes are left out.
    assert_eq!(view.regions, [false, true, true, true, false, true]);
    assert_eq!(view.years, Some((2023, 2025)));
    // Of 全市 (top) and 子市 (one down), tied one each: the level of the first flagged.
    let flags = [true, false, false, false, false, true];
    assert_eq!(
        most_common_level(&d, &flags),
        [true, false, false, false, false, false]
    );
    // Two of the lower level outnumber one of the top.
    let flags = [true, true, false, false, false, true];
    assert_eq!(
        most_common_level(&d, &flags),
        [false, true, false, false, false, true]
    );
}

#[test]
fn ranking_leaves_out_a_parent_whose_parts_are_ranked() {
    let d = data();
    let ranked: Vec<(String, usize, f64)> = rank(&d, out(&d), 2022)
        .into_iter()
        .map(|r| (d.region(r.region).id.clone(), r.rank, r.value))
        .collect();
    // 全市 (980.5) and 全省 (5000) are the wholes of ranked regions: not ranked.
    assert_eq!(
        ranked,
        [
            ("a".to_owned(), 1, 300.0),
            ("z".to_owned(), 2, 250.0),
            ("b".to_owned(), 3, 200.0),
            ("c".to_owned(), 4, 100.0),
        ]
    );
    // 甲区 alone has a 2023 value: 全市 has none that year, nothing to leave out.
    assert_eq!(
        ids(&d, rank(&d, out(&d), 2023).into_iter().map(|r| r.region)),
        ["a"]
    );
}

/// The dataset seen through a subset of its regions, as the window's picks are.
struct Picked<'a> {
    dataset: &'a Dataset,
    regions: Vec<RegionIdx>,
}

impl Values for Picked<'_> {
    fn measured_with_kind(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, ObservationKind)> {
        self.dataset.measured_with_kind(region, indicator, year)
    }
    fn years(&self, indicator: IndicatorIdx) -> Vec<i32> {
        self.dataset.years_of(indicator)
    }
    fn regions(&self) -> Vec<RegionIdx> {
        self.regions.clone()
    }
    fn better(&self, indicator: IndicatorIdx) -> Better {
        self.dataset.better(indicator)
    }
    fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx> {
        self.dataset.parent_of(region)
    }
}

#[test]
fn a_whole_is_ranked_beside_regions_that_are_not_its_parts() {
    let d = data();
    let picked = Picked {
        dataset: &d,
        regions: vec![region(&d, "city"), region(&d, "z")],
    };
    // 子市 is part of 全省, not of 全市: both are ranked.
    assert_eq!(
        ids(
            &d,
            rank(&picked, out(&d), 2022).into_iter().map(|r| r.region)
        ),
        ["city", "z"]
    );
}

#[test]
fn composite_scores_only_regions_of_one_level() {
    let d = data();
    let scores: Vec<(String, f64)> = composite(&d, &[(out(&d), 1.0)], 2022)
        .unwrap()
        .into_iter()
        .map(|c| (d.region(c.region).id.clone(), c.score))
        .collect();
    // Min–max over 甲 300, 子 250, 乙 200, 丙 100: (v − 100) / 200 × 100.
    assert_eq!(
        scores,
        [
            ("a".to_owned(), 100.0),
            ("z".to_owned(), 75.0),
            ("b".to_owned(), 50.0),
            ("c".to_owned(), 0.0),
        ]
    );
}

fn bars(d: &Dataset, picks: &[&str], year: i32) -> Selection {
    Selection {
        indicator: out(d),
        regions: picks.iter().map(|id| region(d, id)).collect(),
        years: (year, year),
        kind: ChartKind::Bar,
        mode: ViewMode::Absolute,
        log_scale: false,
    }
}

#[test]
fn picks_split_into_compared_regions_and_references() {
    let d = data();
    let picks = [region(&d, "a"), region(&d, "city"), region(&d, "z")];
    assert_eq!(
        split_picks(&d, &picks),
        PickLevels {
            compared: vec![region(&d, "a"), region(&d, "z")],
            references: vec![region(&d, "city")],
        }
    );
}

#[test]
fn no_data_lists_the_compared_regions_only() {
    let d = data();
    let picks = [region(&d, "city"), region(&d, "a"), region(&d, "b")];
    // 2023: 乙区 has nothing; 全市 has nothing either but is the reference, not compared.
    assert_eq!(ids(&d, no_data(&d, &picks, out(&d), 2023, None)), ["b"]);
    // Up to one year back, 乙区's 2022 value counts.
    assert!(no_data(&d, &picks, out(&d), 2023, Some(1)).is_empty());
}

#[test]
fn a_picked_parent_is_a_reference_line_not_a_bar() {
    let d = data();
    let spec = build_chart(&d, &bars(&d, &["city", "a", "b"], 2022), Lang::Zh);
    assert_eq!(spec.categories, ["甲区", "乙区"]);
    assert!(spec.points().all(|p| p.region_id != "city"));
    assert_eq!(spec.parent_lines.len(), 1);
    assert_eq!(spec.parent_lines[0].line.value, 980.5);
    assert_eq!(spec.parent_lines[0].line.label, "全市：980.5");
    assert!(spec.no_data.is_empty(), "{:?}", spec.no_data);
    // The value axis reaches the line.
    assert_eq!(spec.value_range(), Some((200.0, 980.5)));

    let text = csv::to_csv(&spec);
    assert_eq!(
        text.lines().last(),
        Some(
            "全市,产值,2022,980.5,亿元,actual,公报,参考线（所列地区的上级地区）,980.5,city,out,exact,level,"
        )
    );

    let svg = render_svg(&spec, ExportSize::default()).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(texts.contains(&"全市：980.5"), "{texts:?}");
    assert!(!texts.contains(&"全市"), "no bar is named 全市: {texts:?}");

    // A parent picked alone (no part of it picked) is a bar like any other.
    let alone = build_chart(&d, &bars(&d, &["city", "z"], 2022), Lang::Zh);
    assert_eq!(alone.categories, ["全市", "子市"]);
    assert!(alone.parent_lines.is_empty());
    // On a line chart the whole is a line beside its parts.
    let mut line = bars(&d, &["city", "a"], 2022);
    line.kind = ChartKind::Line;
    let line = build_chart(&d, &line, Lang::Zh);
    assert!(line.series.iter().any(|s| s.name == "全市"));
}

#[test]
fn a_reference_of_an_earlier_year_says_its_year() {
    let d = data();
    let spec = build_chart_latest(&d, None, &bars(&d, &["city", "a"], 2023), Some(5), Lang::En);
    assert_eq!(spec.categories, ["A"]);
    assert_eq!(spec.parent_lines[0].line.label, "City 2022: 980.5");
    assert!(
        spec.notes.contains(
            &"Years differ: City 2022; the others 2023 (latest value up to 2023)".to_owned()
        ),
        "{:?}",
        spec.notes
    );
    // Without a tolerance the city has no 2023 value: listed, not drawn.
    let exact = build_chart(&d, &bars(&d, &["city", "a"], 2023), Lang::En);
    assert!(exact.parent_lines.is_empty());
    assert_eq!(exact.no_data, ["City (no value for its reference line)"]);
}

/// The bug: `export --chart line --indicator gdp --regions fuling --mode index` failed, the
/// automatic years starting at gdp's first year (2015) where 涪陵 has no value to index by.
#[test]
fn automatic_line_years_are_those_of_the_picked_regions() {
    let d = yardstick::bundled_dataset().unwrap();
    let gdp = d.indicator_by_id("gdp").unwrap();
    let fuling = d.region_by_id("fuling").unwrap();
    assert_eq!(
        auto_years(&d, gdp, &[fuling], ChartKind::Line),
        // From 涪陵's first GDP year to gdp's last year in the data (2025, the year of the
        // published targets), so a scenario's projection stays in view.
        Some((2018, 2025))
    );
    assert_eq!(
        d.years_of(gdp).first(),
        Some(&2015),
        "gdp itself starts earlier"
    );

    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("fuling.csv");
    let output = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args([
            "export",
            "--chart",
            "line",
            "--indicator",
            "gdp",
            "--regions",
            "fuling",
            "--mode",
            "index",
            "--out",
            csv_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let rows: Vec<(i32, f64)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[2].parse().unwrap(), cells[3].parse().unwrap())
        })
        .collect();
    assert_eq!(rows[0], (2018, 100.0));
    // 2020: 1221.01 / 1058.06 × 100; 2022: 1504.37 / 1058.06 × 100.
    let at = |year: i32| rows.iter().find(|r| r.0 == year).unwrap().1;
    assert!((at(2020) - 115.400_827_930_363).abs() < 1e-9, "{rows:?}");
    assert!((at(2022) - 142.181_917_849_649).abs() < 1e-9, "{rows:?}");
}
