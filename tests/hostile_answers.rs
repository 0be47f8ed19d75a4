//! Issue 10, wrong answers and unclear messages: `bundled:` datasets, a scenario naming
//! itself, negative years, image sizes, ids the command line cannot name, NFC, overlapping
//! growth rules, CSV precision and formula injection, index base 0, missing fields.
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

mod hostile;

use std::path::Path;

use hostile::{DATASET, assert_refused, dataset_with, position_of, run};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The CSV export of `text` (a dataset) for `indicator`, as `--chart line`, with `extra` flags.
fn csv_of(text: &str, indicator: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "ds.ron", text);
    let mut args = vec![
        "export",
        "--data",
        &data,
        "--chart",
        "line",
        "--indicator",
        indicator,
        "--lang",
        "en",
        "--out",
        "out.csv",
    ];
    args.extend_from_slice(extra);
    let r = run(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{r:?}");
    std::fs::read_to_string(dir.path().join("out.csv")).unwrap()
}

#[test]
fn a_bundled_dataset_reference_validates_as_it_exports() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Scenario(format: 1, name: \"s\", dataset: \"bundled:chongqing.ron\")\n";
    let scenario = write(dir.path(), "sc.ron", text);
    let r = run(dir.path(), &["validate", &scenario]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("on bundled:chongqing.ron"), "{r:?}");
    let r = run(
        dir.path(),
        &[
            "export",
            "--scenario",
            &scenario,
            "--chart",
            "bar",
            "--indicator",
            "gdp",
            "--out",
            "x.csv",
        ],
    );
    assert_eq!(r.code, Some(0), "{r:?}");
}

#[test]
fn a_scenario_naming_itself_is_reported_at_its_dataset_reference() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Scenario(format: 1, name: \"s\", dataset: \"sc.ron\")\n";
    let scenario = write(dir.path(), "sc.ron", text);
    let (line, col) = position_of(text, "\"sc.ron\"");
    let r = run(dir.path(), &["validate", &scenario]);
    assert_refused(
        &r,
        1,
        &format!("sc.ron:{line}:{col}: the scenario's `dataset:` \"sc.ron\""),
    );
    assert!(
        r.stderr
            .contains("is this scenario itself, not a dataset file"),
        "{r:?}"
    );
}

#[test]
fn image_sizes_out_of_range_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, value) in [
        ("--width", "0"),
        ("--width", "1"),
        ("--height", "100000"),
        ("--width", "-5"),
    ] {
        let r = run(
            dir.path(),
            &[
                "export",
                "--chart",
                "bar",
                "--indicator",
                "gdp",
                flag,
                value,
                "--out",
                "x.png",
            ],
        );
        assert_refused(&r, 2, "is not a size in pixels from 200 to 10000");
        assert!(!dir.path().join("x.png").exists());
    }
}

#[test]
fn ids_the_command_line_cannot_name_are_refused_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    for (id, shown) in [("b,c", "','"), ("b c", "' '"), ("b\\tc", "'\\t'")] {
        let text = dataset_with("(id: \"b\", name:", &format!("(id: \"{id}\", name:"));
        let file = write(dir.path(), "ds.ron", &text);
        let (line, col) = position_of(&text, &format!("id: \"{id}\""));
        let r = run(dir.path(), &["validate", &file]);
        assert_refused(
            &r,
            1,
            &format!(
                "ds.ron:{line}:{col}: regions[1].id: id \"{}\" holds {shown}",
                id
            ),
        );
    }
}

#[test]
fn ids_equal_after_nfc_are_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let (nfc, nfd) = ("caf\u{e9}", "cafe\u{301}");
    let text = DATASET
        .replacen("(id: \"a\", name", &format!("(id: \"{nfc}\", name"), 1)
        .replacen("(id: \"b\", name", &format!("(id: \"{nfd}\", name"), 1);
    let file = write(dir.path(), "ds.ron", &text);
    let (line, col) = position_of(&text, &format!("id: \"{nfd}\""));
    let r = run(dir.path(), &["validate", &file]);
    assert_refused(
        &r,
        1,
        &format!("ds.ron:{line}:{col}: regions[1].id: id \"{nfc}\" is used twice in regions"),
    );
    // Names are NFC too: an NFD name is written in NFC.
    let text = dataset_with("name_en: \"A\"", &format!("name_en: \"{nfd}\""));
    let csv = csv_of(&text, "days", &[]);
    assert!(csv.contains(nfc) && !csv.contains(nfd), "{csv}");
}

#[test]
fn overlapping_growth_rules_are_refused_with_both_places() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ds.ron", DATASET);
    let text = "Scenario(format: 1, name: \"s\", dataset: \"ds.ron\", growth: [\n\
        (region: \"a\", indicator: \"output\", from: 2022, to: 2025, annual_pct: 10.0),\n\
        (region: \"a\", indicator: \"output\", from: 2022, to: 2024, annual_pct: -10.0),\n])\n";
    let scenario = write(dir.path(), "sc.ron", text);
    let r = run(dir.path(), &["validate", &scenario]);
    assert_refused(
        &r,
        1,
        "sc.ron:3:36: growth[1].from: 甲区 工业总产值 2022: this rule (2022 to 2024) fills years that growth[0] (2022 to 2025) fills too",
    );
    assert!(
        r.stderr
            .contains("sc.ron:2:1: growth[0]: the entry growth[1] overlaps"),
        "{r:?}"
    );
}

#[test]
fn csv_numbers_are_exact_and_formula_cells_neutralised() {
    let text = dataset_with("value: 120.5", "value: 9007199254740993.0")
        .replacen("value: 343.0", "value: 1234567.891234", 1)
        .replacen("max: Some(366.0)", "max: None", 1)
        .replacen("name_en: \"A\"", "name_en: \"=1+1\"", 1)
        .replacen("name_en: \"B\"", "name_en: \"@SUM(A1)\"", 1)
        .replacen(
            "title: \"来源\"",
            "title: \"=HYPERLINK(\\\"http://x\\\")\"",
            1,
        );
    let csv = csv_of(&text, "output", &[]);
    assert!(csv.contains(",9007199254740992,"), "{csv}");
    let csv = csv_of(&text, "days", &[]);
    assert!(csv.contains(",1234567.891234,"), "{csv}");
    assert!(csv.contains("'=1+1,"), "{csv}");
    assert!(csv.contains("'@SUM(A1),"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(!csv.contains(",=1+1"), "{csv}");
}

#[test]
fn an_index_on_a_zero_base_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = dataset_with("value: 120.5", "value: 0.0").replacen(
        "    ],\n)",
        "        (region: \"a\", indicator: \"output\", year: 2023, value: 5.0, kind: Actual, source: \"s\"),\n    ],\n)",
        1,
    );
    let data = write(dir.path(), "ds.ron", &text);
    let r = run(
        dir.path(),
        &[
            "export",
            "--data",
            &data,
            "--chart",
            "line",
            "--indicator",
            "output",
            "--mode",
            "index",
            "--regions",
            "a",
            "--lang",
            "en",
            "--out",
            "x.csv",
        ],
    );
    assert_refused(
        &r,
        1,
        "A (its base-year 2022 value is 0, so there is no index)",
    );
}

#[test]
fn a_missing_field_names_the_entry_the_field_and_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let text = dataset_with("unit: \"天\", ", "");
    let file = write(dir.path(), "ds.ron", &text);
    let (line, col) = position_of(&text, "(id: \"days\"");
    let r = run(dir.path(), &["validate", &file]);
    assert_refused(
        &r,
        1,
        &format!(
            "ds.ron:{line}:{col}: indicators[0]: the required field `unit` is missing; add `unit: \"亿元\"` to this entry"
        ),
    );
    let text = dataset_with("    format: 1,\n", "");
    let file = write(dir.path(), "ds.ron", &text);
    let r = run(dir.path(), &["validate", &file]);
    assert_refused(
        &r,
        1,
        "ds.ron:1:1: the required field `format` is missing from Dataset( … ); add `format: 1,`",
    );
}
