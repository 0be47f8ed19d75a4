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

// --- The fast path for `series` (issue 13): the same dataset, or the same error, as `ron` ---

use yardstick::io::dataset_file::parse_dataset_by_ron;

/// `parse_dataset` (fast path for `series`) and `parse_dataset_by_ron` (the whole text by
/// `ron`) agree: the same dataset, observations in the same order, or the same error with the
/// same file, line and column.
fn same_as_ron(text: &str) {
    let fast = parse_dataset("t.ron", text);
    let by_ron = parse_dataset_by_ron("t.ron", text);
    match (&fast, &by_ron) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text}");
            assert_eq!(a.observations(), b.observations(), "{text}");
            assert_eq!(dataset_to_ron(a), dataset_to_ron(b), "{text}");
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{text}"),
        _ => panic!("fast {fast:?}\nby ron {by_ron:?}\n{text}"),
    }
}

#[test]
fn the_fast_path_reads_every_bundled_and_corpus_file_as_ron_does() {
    let mut files = 0;
    for folder in ["data", "tests/bad_inputs", "tests/hostile"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        for entry in std::fs::read_dir(&dir).expect("the folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "ron")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                same_as_ron(&text);
                files += 1;
            }
        }
    }
    assert!(files > 10, "{files} files");
    same_as_ron(&mixed());
    same_as_ron(&dataset_to_ron_as(&load(&mixed()), ValuesLayout::Series));
}

#[test]
fn the_fast_path_reads_synthetic_series_as_ron_does() {
    for (regions, indicators, years, seed) in [(1, 1, 1, 1), (3, 2, 5, 7), (40, 6, 30, 42)] {
        let d = synthetic_dataset(regions, indicators, years, seed);
        let text = dataset_to_ron_as(&d, ValuesLayout::Series);
        same_as_ron(&text);
        assert_eq!(load(&text), d);
    }
}

/// A small series file: two series with gaps, negative and exponent values, a growth series.
fn small_series() -> String {
    with_series(
        "        (region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2015, values: [Some(1.5), None, Some(2.25), Some(1.0e2)]),
        (region: \"b\", indicator: \"out\", kind: Target, source: \"s\", measure: GrowthPct, from: 2020, values: [Some(-3.5), None]),
",
    )
}

#[test]
fn every_spacing_comment_and_odd_form_in_series_reads_as_ron_reads_it() {
    let base = small_series();
    for (from, to) in [
        ("values: [Some(1.5)", "values: [Some ( 1.5 )"),
        ("values: [Some(1.5)", "values: [ // a comment\n Some(1.5)"),
        (
            "values: [Some(1.5)",
            "values: [/* a /* nested */ comment */Some(1.5)",
        ),
        ("Some(1.5)", "Some(1.5,)"),
        ("Some(1.5)", "Some(1.5f64)"),
        ("Some(1.5)", "Some(15e-1)"),
        ("Some(1.5)", "Some(1_5.0)"),
        ("Some(1.5)", "Some(+1.5)"),
        ("Some(1.5)", "Some(inf)"),
        ("Some(1.5)", "Some(NaN)"),
        ("Some(1.5)", "Some(1)"),
        ("Some(1.5)", "Some(01.50)"),
        ("Some(1.5)", "Some(1.)"),
        ("Some(1.5)", "Some(.5)"),
        ("Some(1.5)", "Some(\"x\")"),
        ("Some(1.5)", "Nothing"),
        ("from: 2015", "from: 2_015"),
        ("from: 2015", "from: +2015"),
        ("from: 2015", "from: 0x7df"),
        ("from: 2015", "from: 2015i32"),
        ("from: 2015", "from: 02015"),
        ("from: 2015", "from: 2015.0"),
        ("from: 2015", "from: 99999999999"),
        ("region: \"a\"", "region: \"\\u{61}\""),
        ("region: \"a\"", "region: r#\"a\"#"),
        ("region: \"a\"", "r#region: \"a\""),
        ("region: \"a\"", "region: \"a\", region: \"a\""),
        ("region: \"a\", ", ""),
        ("kind: Actual", "kind: Actual()"),
        ("kind: Actual", "kind: Estimated"),
        (", values", ", note: None, values"),
        ("series: [\n", "series: [\n        SeriesRecord"),
        ("series: [\n", "series: [,\n"),
        ("    ],\n)", "    ]\n)"),
        ("    ],\n)", "    ],\n    series: [],\n)"),
        ("    ],\n)", ")"),
        ("title: \"测试\"", "title: r#\"series: [(\"#"),
        ("title: \"测试\"", "title: br#\" \" series: [] \"#"),
        ("title: \"测试\"", "title: \"测试\" /* series: [] */"),
    ] {
        assert!(base.contains(from), "{from}");
        same_as_ron(&base.replacen(from, to, 1));
    }
}

#[test]
fn any_one_character_changed_in_series_gives_ron_s_dataset_or_ron_s_located_error() {
    let base = small_series();
    let start = base.find("series: [").expect("the list");
    let inserts = [
        "\"", "(", ")", ",", "[", "]", "1", ".", "-", "e", " ", "/", "x", "_", ":", "é", "\\",
    ];
    let mut cases = 0;
    for (at, c) in base.char_indices().filter(|&(at, _)| at >= start) {
        let deleted = format!("{}{}", &base[..at], &base[at + c.len_utf8()..]);
        same_as_ron(&deleted);
        cases += 1;
        for insert in inserts {
            same_as_ron(&format!("{}{insert}{}", &base[..at], &base[at..]));
            cases += 1;
        }
    }
    assert!(cases > 3000, "{cases}");
}

#[test]
fn a_wrong_value_inside_a_series_keeps_ron_s_message_and_place() {
    let text = small_series().replacen("Some(2.25)", "Some(\"2.25\")", 1);
    let err = parse_dataset("bad.ron", &text).expect_err("refused");
    assert_eq!(
        err,
        parse_dataset_by_ron("bad.ron", &text).expect_err("refused")
    );
    let loc = err.location().expect("located");
    assert_eq!(loc.line, 16, "{err}");
    assert!(err.to_string().starts_with("bad.ron:16:"), "{err}");
}

/// A one-per-entry file with every optional field of format 2.
fn every_field() -> String {
    format!(
        "{}    observations: [
        (region: \"a\", indicator: \"out\", year: 2022, months: Some((1, 11)), value: 300.0, measure: Level, bound: MoreThan, kind: Actual, source: \"s\", note: Some(\"首次突破\"), quote: Some(\"突破300亿元\")),
        (region: \"b\", indicator: \"out\", year: 2022, value: 10.0, measure: GrowthPct, bound: AtLeast, kind: Target, source: \"s\", note: None, quote: None),
        (region: \"b\", indicator: \"out\", year: 2021, months: None, value: -1.25e1, kind: Estimate, source: \"s\"),
    ],
)
",
        HEAD.replace("format: 1", "format: 2")
    )
}

#[test]
fn every_odd_form_in_observations_reads_as_ron_reads_it() {
    let base = every_field();
    same_as_ron(&base);
    for (from, to) in [
        ("Some((1, 11))", "Some( ( 1 , 11 ) )"),
        ("Some((1, 11))", "Some((1, 11,))"),
        ("Some((1, 11))", "Some((-0, 11))"),
        ("Some((1, 11))", "Some((1, 256))"),
        ("Some((1, 11))", "Some((1))"),
        ("Some((1, 11))", "Some([1, 11])"),
        ("value: 300.0", "value: 300"),
        ("value: 300.0", "value: 3e2"),
        ("value: 300.0", "value: \"300\""),
        ("bound: MoreThan", "bound: Morethan"),
        ("note: Some(\"首次突破\")", "note: Some(\"首次\\n突破\")"),
        ("note: Some(\"首次突破\")", "note: Some(r\"首次突破\")"),
        ("note: Some(\"首次突破\")", "note: \"首次突破\""),
        ("note: None", "note: None, note: None"),
        ("year: 2022", "year: 2022.0"),
        ("year: 2022", "year: 3000"),
        (
            "(region: \"b\", indicator: \"out\", year: 2021",
            "(region: \"a\", indicator: \"out\", year: 2022",
        ),
        (
            "kind: Actual, source: \"s\", note",
            "kind: Actual, region: \"a\", source: \"s\", note",
        ),
        ("observations: [\n", "observations: [ // c\n"),
        (
            "    ],\n)",
            "    ],\n    series: [(region: \"a\", indicator: \"out\", kind: Actual, source: \"s\", from: 2010, values: [Some(1.0)])],\n)",
        ),
        ("    ],\n)", "    ],\n    observations: [],\n)"),
    ] {
        assert!(base.contains(from), "{from}");
        same_as_ron(&base.replacen(from, to, 1));
    }
}

#[test]
fn any_one_character_changed_in_observations_gives_ron_s_dataset_or_ron_s_located_error() {
    let base = every_field();
    let start = base.find("observations: [").expect("the list");
    let inserts = [
        "\"", "(", ")", ",", "]", "1", ".", "-", " ", "/", "x", ":", "\\",
    ];
    let mut cases = 0;
    for (at, c) in base.char_indices().filter(|&(at, _)| at >= start) {
        same_as_ron(&format!("{}{}", &base[..at], &base[at + c.len_utf8()..]));
        for insert in inserts {
            same_as_ron(&format!("{}{insert}{}", &base[..at], &base[at..]));
        }
        cases += 1;
    }
    assert!(cases > 400, "{cases}");
}

#[test]
fn the_fast_path_reads_synthetic_one_per_entry_files_as_ron_does() {
    let d = synthetic_dataset(30, 4, 20, 5);
    let text = dataset_to_ron_as(&d, ValuesLayout::Observations);
    same_as_ron(&text);
    assert_eq!(load(&text), d);
}
