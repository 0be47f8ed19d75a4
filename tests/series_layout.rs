//! Format 2's dense `series` layout: the writer uses it for runs of whole-year figures where
//! it is shorter, a dataset written that way loads back equal, and the loader's per-series
//! fast path keeps every check (range, year, duplicates, `None` = missing) with its message.

use yardstick::io::{ErrorKind, ValuesLayout, dataset_to_ron, dataset_to_ron_as, parse_dataset};
use yardstick::model::synthetic::synthetic_dataset;
use yardstick::model::{Dataset, ObservationKind, ProblemKind};

const HEAD: &str = r#"Dataset(
    format: 1,
    title: "测试",
    title_en: "Test",
    regions: [
        (id: "a", name: "甲", name_en: "A"),
        (id: "b", name: "乙", name_en: "B"),
    ],
    indicators: [
        (id: "out", name: "产值", name_en: "Output", unit: "亿元", unit_en: "100 m yuan", better: Higher, min: Some(0.0), max: None),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: None),
    ],
"#;

/// A format-1 dataset: a run of a's output 2015, 2016, (gap of 1) 2018; then a gap of 5
/// years to 2024–2025; b has one lone value and a value with a note.
fn mixed() -> String {
    format!(
        "{HEAD}    observations: [
        (region: \"a\", indicator: \"out\", year: 2016, value: 2.5, kind: Actual, source: \"s\"),
        (region: \"a\", indicator: \"out\", year: 2015, value: 1.5, kind: Actual, source: \"s\"),
        (region: \"b\", indicator: \"out\", year: 2015, value: 7.0, kind: Actual, source: \"s\"),
        (region: \"a\", indicator: \"out\", year: 2018, value: 4.0, kind: Actual, source: \"s\"),
        (region: \"a\", indicator: \"out\", year: 2024, value: 9.0, kind: Actual, source: \"s\"),
        (region: \"a\", indicator: \"out\", year: 2025, value: 9.5, kind: Actual, source: \"s\"),
        (region: \"b\", indicator: \"out\", year: 2016, value: 8.0, kind: Actual, source: \"s\", note: Some(\"估计\")),
    ],
)
"
    )
}

fn load(text: &str) -> Dataset {
    parse_dataset("t.ron", text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn auto_keeps_a_format_1_file_as_observations() {
    let text = mixed();
    assert_eq!(dataset_to_ron(&load(&text)), text);
}

#[test]
fn runs_become_series_and_lone_or_annotated_values_stay_observations() {
    let written = dataset_to_ron_as(&load(&mixed()), ValuesLayout::Series);
    let expected = format!(
        "{}    observations: [
        (region: \"b\", indicator: \"out\", year: 2015, value: 7.0, kind: Actual, source: \"s\"),
        (region: \"b\", indicator: \"out\", year: 2016, value: 8.0, kind: Actual, source: \"s\", note: Some(\"估计\")),
    ],
    series: [
        (region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2015, values: [Some(1.5), Some(2.5), None, Some(4.0)]),
        (region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2024, values: [Some(9.0), Some(9.5)]),
    ],
)
",
        HEAD.replace("format: 1", "format: 2")
    );
    assert_eq!(written, expected);
    assert!(written.len() < mixed().len());
}

#[test]
fn a_dataset_written_as_series_loads_back_equal_and_keeps_its_layout() {
    let original = load(&mixed());
    let written = dataset_to_ron_as(&original, ValuesLayout::Series);
    let again = load(&written);
    assert_eq!(again, original);
    assert_eq!(again.observations().len(), 7);
    let a = again.region_by_id("a").unwrap();
    let out = again.indicator_by_id("out").unwrap();
    let value = |y| {
        again
            .get(a, out, y, ObservationKind::Actual)
            .map(|o| o.value)
    };
    assert_eq!(
        value(2017),
        None,
        "the None of the series is missing, never 0"
    );
    assert_eq!(value(2018), Some(4.0));
    // Read with series, the dataset is written back with series (Auto), byte for byte.
    assert_eq!(dataset_to_ron(&again), written);
}

#[test]
fn a_synthetic_dataset_round_trips_as_series_only() {
    let d = synthetic_dataset(3, 2, 5, 7);
    let written = dataset_to_ron_as(&d, ValuesLayout::Series);
    // 3 regions × 2 indicators: 6 series of 5 values, no observation entry left.
    assert_eq!(written.matches(", from: 1995, values: [").count(), 6);
    assert!(written.contains("    observations: [],\n"), "{written}");
    assert_eq!(load(&written), d);
}

/// A format-2 file whose only values are `series` (after `HEAD`).
fn with_series(entries: &str) -> String {
    format!(
        "{}    series: [\n{entries}    ],\n)\n",
        HEAD.replace("format: 1", "format: 2")
    )
}

fn refused(text: &str, kind: ErrorKind, at: (usize, usize)) -> String {
    let err = parse_dataset("bad.ron", text).expect_err("the input should be refused");
    assert_eq!(err.kind(), kind, "{err}");
    let loc = err.location().expect("located");
    assert_eq!((loc.line, loc.col), at, "{err}");
    err.to_string()
}

#[test]
fn a_year_given_by_two_series_is_refused_at_the_second() {
    let text = with_series(
        "        (region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2015, values: [Some(1.0), Some(2.0)]),
        (region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2016, values: [Some(3.0)]),
",
    );
    let message = refused(
        &text,
        ErrorKind::Invalid(ProblemKind::DuplicateObservation),
        (17, 80),
    );
    assert!(
        message.contains(
            "series[1].values: (a, out, 2016, Actual) appears twice (the value for 2016) (first at series[0])"
        ),
        "{message}"
    );
}

#[test]
fn a_value_below_the_minimum_inside_a_series_is_refused_with_its_year() {
    let text = with_series(
        "        (region: \"b\", indicator: \"out\", kind: Actual, source: \"s\", from: 2015, values: [Some(1.0), None, Some(-2.0)]),
",
    );
    let message = refused(&text, ErrorKind::Invalid(ProblemKind::OutOfRange), (16, 80));
    assert!(
        message.contains("series[0].values: b out 2017: -2 is below the minimum 0 of \"out\""),
        "{message}"
    );
}

#[test]
fn a_series_with_an_unknown_region_is_refused() {
    let text = with_series(
        "        (region: \"zz\", indicator: \"out\", kind: Actual, source: \"s\", from: 2015, values: [Some(1.0), Some(2.0)]),
",
    );
    let message = refused(
        &text,
        ErrorKind::Invalid(ProblemKind::UnknownRegion),
        (16, 10),
    );
    assert!(
        message.contains("unknown region \"zz\" (known: a, b)"),
        "{message}"
    );
}

#[test]
fn a_series_running_past_the_last_year_is_refused_at_from() {
    let text = with_series(
        "        (region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2200, values: [Some(1.0), Some(2.0)]),
",
    );
    let message = refused(
        &text,
        ErrorKind::Invalid(ProblemKind::YearOutOfRange),
        (16, 68),
    );
    assert!(message.contains("series[0].from"), "{message}");
    assert!(message.contains("2201"), "{message}");
}
