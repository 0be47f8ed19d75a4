//! Dataset loading: the bundled data, round trips, and malformed inputs with their
//! error kind and location.

mod common;

use common::{SMALL, position_of, small_with};
use yardstick::io::{ErrorKind, dataset_to_ron, load_dataset, parse_dataset, save_dataset};
use yardstick::model::{ObservationKind, ProblemKind};

#[test]
fn bundled_dataset_loads_with_the_required_regions_and_indicators() {
    let d = yardstick::bundled_dataset().expect("bundled data loads");
    for region in ["wansheng", "qijiang", "fuling", "ziyang"] {
        assert!(d.region_by_id(region).is_some(), "missing region {region}");
    }
    for indicator in [
        "industrial_output",
        "good_air_days",
        "forest_coverage",
        "high_tech_enterprises",
        "tech_smes",
        "specialized_smes",
    ] {
        assert!(
            d.indicator_by_id(indicator).is_some(),
            "missing indicator {indicator}"
        );
    }
    let ws = d.region_by_id("wansheng").unwrap();
    let air = d.indicator_by_id("good_air_days").unwrap();
    let obs = d
        .get(ws, air, 2022, ObservationKind::Actual)
        .expect("万盛 2022 good-air days");
    assert_eq!(obs.value, 343.0);
    let output = d.indicator_by_id("industrial_output").unwrap();
    let target = d
        .get(ws, output, 2025, ObservationKind::Target)
        .expect("万盛 2025 target");
    assert_eq!(target.value, 500.0);
    // Every observation names a source with a title.
    assert!(
        d.observations()
            .iter()
            .all(|o| !d.source(o.source).title.is_empty())
    );
}

#[test]
fn bundled_file_on_disk_equals_the_embedded_copy() {
    let on_disk =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/chongqing.ron"))
            .unwrap();
    assert_eq!(on_disk, yardstick::BUNDLED_DATASET);
}

#[test]
fn save_then_load_gives_the_same_dataset_and_the_same_bytes() {
    let original = yardstick::bundled_dataset().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.ron");
    save_dataset(&path, &original).unwrap();
    let reloaded = load_dataset(&path).unwrap();
    assert_eq!(original, reloaded);
    assert_eq!(dataset_to_ron(&original), dataset_to_ron(&reloaded));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        dataset_to_ron(&reloaded)
    );
}

#[test]
fn small_dataset_parses() {
    let d = parse_dataset("small.ron", SMALL).unwrap();
    assert_eq!(d.regions().len(), 2);
    assert_eq!(d.observations().len(), 2);
}

/// Parses `text` and checks the error kind and, when given, the location.
fn expect_error(text: &str, kind: ErrorKind, at: Option<(usize, usize)>) -> String {
    let err = parse_dataset("bad.ron", text).expect_err("input should be refused");
    assert_eq!(err.kind(), kind, "wrong kind for error: {err}");
    if let Some((line, col)) = at {
        let loc = err
            .location()
            .unwrap_or_else(|| panic!("no location in {err}"));
        assert_eq!((loc.line, loc.col), (line, col), "wrong location in {err}");
    }
    let message = err.to_string();
    assert!(
        message.starts_with("bad.ron:"),
        "message must name the file: {message}"
    );
    message
}

#[test]
fn empty_file_is_refused() {
    expect_error("", ErrorKind::Empty, Some((1, 1)));
    expect_error("  // only a comment\n\n", ErrorKind::Empty, Some((1, 1)));
}

#[test]
fn binary_garbage_and_bad_utf8_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.ron");
    std::fs::write(&path, [0xFFu8, 0xFE, 0x00, 0x13, 0x9C, 0x80]).unwrap();
    let err = load_dataset(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Encoding);
    assert_eq!(err.location().map(|l| (l.line, l.col)), Some((1, 1)));

    let mut bytes = SMALL.as_bytes().to_vec();
    let at = SMALL.find("测试数据").unwrap();
    bytes[at] = 0xFF; // never valid in UTF-8
    std::fs::write(&path, &bytes).unwrap();
    let err = load_dataset(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Encoding);
    let (line, col) = position_of(SMALL, "测试数据");
    assert_eq!(err.location().map(|l| (l.line, l.col)), Some((line, col)));
    assert!(err.to_string().contains("garbage.ron:3:13"), "{err}");
}

#[test]
fn byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, format!("\u{feff}{SMALL}")).unwrap();
    let with_bom = load_dataset(&path).expect("a BOM is accepted");
    // The mark is dropped, not read into the first value, and locations are unchanged.
    assert_eq!(with_bom, parse_dataset("small.ron", SMALL).unwrap());
    assert_eq!(with_bom.title, "测试数据");
    std::fs::write(
        &path,
        format!("\u{feff}{}", small_with("region: \"b\"", "region: \"x\"")),
    )
    .unwrap();
    let err = load_dataset(&path).unwrap_err();
    let (line, col) = position_of(SMALL, "region: \"b\"");
    assert_eq!(
        err.location().map(|l| (l.line, l.col)),
        Some((line, col)),
        "{err}"
    );
}

#[test]
fn syntax_error_names_its_line() {
    let text = small_with("title_en: \"Test data\",", "title_en: \"Test data\" oops,");
    let message = expect_error(&text, ErrorKind::Syntax, None);
    let (line, _) = position_of(&text, "oops");
    assert!(
        message.starts_with(&format!("bad.ron:{line}:")),
        "{message}"
    );
}

#[test]
fn truncated_file_is_a_syntax_error() {
    let text = &SMALL[..SMALL.len() / 2];
    expect_error(text, ErrorKind::Syntax, None);
}

#[test]
fn text_where_a_number_belongs_is_a_type_error() {
    let text = small_with("value: 300.0", "value: \"abc\"");
    let message = expect_error(&text, ErrorKind::WrongType, None);
    let (line, _) = position_of(&text, "\"abc\"");
    assert!(
        message.starts_with(&format!("bad.ron:{line}:")),
        "{message}"
    );
}

#[test]
fn unknown_kind_variant_is_a_type_error() {
    expect_error(
        &small_with(
            "kind: Actual, source: \"s\"),\n        (region: \"b\"",
            "kind: Guess, source: \"s\"),\n        (region: \"b\"",
        ),
        ErrorKind::WrongType,
        None,
    );
}

#[test]
fn unknown_region_is_located_at_its_field() {
    let text = small_with("region: \"b\"", "region: \"zz\"");
    let message = expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::UnknownRegion),
        Some(position_of(&text, "region: \"zz\"")),
    );
    assert!(
        message.contains("\"zz\"") && message.contains("known: a, b"),
        "{message}"
    );
}

#[test]
fn unknown_indicator_and_source_are_located() {
    let text = small_with(
        "indicator: \"days\", year: 2022, value: 300.0",
        "indicator: \"gdp\", year: 2022, value: 300.0",
    );
    expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::UnknownIndicator),
        Some(position_of(&text, "indicator: \"gdp\"")),
    );
    let text = small_with(
        "kind: Actual, source: \"s\"),\n    ]",
        "kind: Actual, source: \"nope\"),\n    ]",
    );
    expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::UnknownSource),
        Some(position_of(&text, "source: \"nope\"")),
    );
}

#[test]
fn duplicate_observation_points_at_the_second_one() {
    let text = small_with(
        "(region: \"b\", indicator: \"days\", year: 2022, value: 300.0",
        "(region: \"a\", indicator: \"days\", year: 2022, value: 300.0",
    );
    let second = text.rfind("(region: \"a\"").unwrap();
    let (line, col) = position_of(&text[..], &text[second..second + 12]);
    // position_of finds the first; compute the second by hand.
    let line2 = text[..second].matches('\n').count() + 1;
    assert_ne!(line, line2);
    let message = expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::DuplicateObservation),
        Some((line2, col)),
    );
    assert!(message.contains("appears twice"), "{message}");
}

#[test]
fn value_out_of_range_is_located_at_the_value() {
    let text = small_with("value: 300.0", "value: 400.0");
    let message = expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::OutOfRange),
        Some(position_of(&text, "value: 400.0")),
    );
    assert!(message.contains("above the maximum 366"), "{message}");
    let text = small_with("value: 300.0", "value: -1.0");
    expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::OutOfRange),
        Some(position_of(&text, "value: -1.0")),
    );
}

#[test]
fn nan_and_infinity_are_refused() {
    let text = small_with("value: 300.0", "value: NaN");
    expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::NotFinite),
        Some(position_of(&text, "value: NaN")),
    );
    let text = small_with("value: 300.0", "value: inf");
    expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::NotFinite),
        Some(position_of(&text, "value: inf")),
    );
}

#[test]
fn newer_format_is_refused_before_anything_else() {
    // Even with fields this version does not know, the format is what gets reported.
    let text = small_with("format: 1,", "format: 3,\n    colour_scheme: Fancy,");
    let message = expect_error(
        &text,
        ErrorKind::NewerFormat,
        Some(position_of(&text, "3,")),
    );
    assert!(message.contains("newer"), "{message}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // 10 MB of brackets, where a string belongs and at the top.
    let depth = 5_000_000;
    let text = format!(
        "Dataset(format: 1, title: {}{})",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    // At the first `[` of the value (not the space before it).
    expect_error(&text, ErrorKind::WrongType, Some((1, 27)));
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    expect_error(&text, ErrorKind::WrongFileKind, Some((1, 1)));
    // Deep nesting inside a list where values may nest: ron's recursion limit stops it.
    let text = small_with(
        "    regions: [",
        &format!("    regions: [{}", "(".repeat(depth)),
    );
    let err = parse_dataset("bad.ron", &text).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::TooDeep | ErrorKind::WrongType | ErrorKind::Syntax
        ),
        "{err}"
    );
}

#[test]
fn missing_and_unknown_fields_are_named() {
    // English is optional (format 2): a missing `title_en` falls back to the title.
    let text = small_with("    title_en: \"Test data\",\n", "");
    assert_eq!(parse_dataset("ok.ron", &text).unwrap().title_en, "测试数据");
    let text = small_with("    title: \"测试数据\",\n", "");
    let message = expect_error(&text, ErrorKind::MissingField, Some((1, 1)));
    assert!(
        message.contains("the required field `title` is missing from Dataset( … ); add `title: \"成渝地区部分区县发展指标\",`"),
        "{message}"
    );
    let text = small_with("value: 343.0", "vaule: 343.0");
    let message = expect_error(&text, ErrorKind::UnknownField, None);
    assert!(message.contains("vaule"), "{message}");
}

#[test]
fn duplicate_region_id_is_located() {
    let text = small_with("(id: \"b\", name: \"乙区\"", "(id: \"a\", name: \"乙区\"");
    let second = text.match_indices("(id: \"a\"").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    expect_error(
        &text,
        ErrorKind::Invalid(ProblemKind::DuplicateId),
        Some((line, 10)),
    );
}

#[test]
fn min_above_max_is_refused() {
    let text = small_with(
        "min: Some(0.0), max: Some(366.0)",
        "min: Some(400.0), max: Some(366.0)",
    );
    expect_error(&text, ErrorKind::Invalid(ProblemKind::BadBounds), None);
}

#[test]
fn scenario_file_is_not_a_dataset() {
    let text = "Scenario(format: 1, name: \"x\", dataset: \"d.ron\")";
    expect_error(text, ErrorKind::WrongFileKind, Some((1, 1)));
    expect_error(
        "Something(format: 1)",
        ErrorKind::WrongFileKind,
        Some((1, 1)),
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text =
        small_with("region: \"b\"", "region: \"zz\"").replacen("value: 343.0", "value: 999.0", 1);
    let err = parse_dataset("bad.ron", &text).unwrap_err();
    assert_eq!(err.diagnostics.len(), 2, "{err}");
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = load_dataset(std::path::Path::new("/nonexistent/dir/x.ron")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(
        err.to_string().starts_with("/nonexistent/dir/x.ron: "),
        "{err}"
    );
}

/// Checks one outcome of a mangled input: an error names the file and, when located, points
/// inside the text; a dataset that loads writes back to text that loads to the same dataset.
fn check_outcome(
    name: &str,
    text: &str,
    result: Result<yardstick::model::Dataset, yardstick::io::LoadError>,
) {
    match result {
        Ok(dataset) => {
            let again = parse_dataset(name, &dataset_to_ron(&dataset)).expect("written text loads");
            assert_eq!(again, dataset, "{name}: round trip of {text:?}");
        }
        Err(err) => {
            assert!(
                !err.diagnostics.is_empty(),
                "{name}: an error without a diagnostic"
            );
            assert!(err.to_string().starts_with(&format!("{name}:")), "{err}");
            let lines: Vec<&str> = text.split('\n').collect();
            for d in &err.diagnostics {
                let Some(at) = d.location else { continue };
                assert!(
                    at.line >= 1 && at.line <= lines.len(),
                    "{name}: line of {err} in {text:?}"
                );
                let width = lines[at.line - 1].chars().count() + 1;
                assert!(
                    at.col >= 1 && at.col <= width,
                    "{name}: column of {err} in {text:?}"
                );
            }
        }
    }
}

#[test]
fn no_input_makes_the_loader_panic() {
    // A sweep of truncations and byte flips of a valid file: every one gives a dataset that
    // round-trips, or an error naming the file at a place inside the text.
    let bytes = SMALL.as_bytes();
    let mut refused = 0;
    for cut in 0..bytes.len() {
        if let Ok(text) = std::str::from_utf8(&bytes[..cut]) {
            let result = parse_dataset("cut.ron", text);
            refused += usize::from(result.is_err());
            check_outcome("cut.ron", text, result);
        }
    }
    // Every proper prefix of the file is incomplete.
    assert!(
        refused >= bytes.len() / 2,
        "only {refused} truncations refused"
    );
    for i in (0..bytes.len()).step_by(3) {
        for replacement in [b'(', b')', b'"', b',', b'9', b'x', b'/'] {
            let mut flipped = bytes.to_vec();
            flipped[i] = replacement;
            if let Ok(text) = std::str::from_utf8(&flipped) {
                check_outcome("flip.ron", text, parse_dataset("flip.ron", text));
            }
        }
    }
}
