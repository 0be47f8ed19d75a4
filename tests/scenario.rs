//! Scenarios: `apply` semantics, the scenario file (parse errors with locations, checks
//! against a dataset, round trips, atomic saves), dataset paths, the example file and the CLI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::position_of;
use proptest::prelude::*;
use yardstick::io::{
    ErrorKind, check_scenario, dataset_path_of, load_scenario, parse_dataset, parse_scenario,
    relative_dataset_path, save_scenario, scenario_to_ron,
};
use yardstick::model::{Applied, Cell};
use yardstick::model::{
    ChartKind, Dataset, Edit, GrowthRule, IndicatorIdx, ObservationKind, Origin, RegionIdx,
    SavedView, Scenario, ScenarioProblemKind, ViewMode, apply,
};

/// Two regions, three indicators (one capped at 366, one a count), a few values of each kind.
const DATA: &str = r#"Dataset(
    format: 1,
    title: "情景测试数据",
    title_en: "Scenario test data",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
    ],
    indicators: [
        (id: "output", name: "产值", name_en: "Output", unit: "亿元", unit_en: "100 million yuan", better: Higher, min: Some(0.0), max: None),
        (id: "days", name: "优良天数", name_en: "Good days", unit: "天", unit_en: "days", better: Higher, min: Some(0.0), max: Some(366.0)),
        (id: "firms", name: "企业数", name_en: "Firms", unit: "家", unit_en: "firms", better: Higher, min: Some(0.0), max: None),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: Some("2023")),
    ],
    observations: [
        (region: "a", indicator: "output", year: 2020, value: 100.0, kind: Actual, source: "s"),
        (region: "a", indicator: "output", year: 2022, value: 130.0, kind: Actual, source: "s"),
        (region: "a", indicator: "output", year: 2023, value: 135.0, kind: Estimate, source: "s"),
        (region: "a", indicator: "output", year: 2025, value: 200.0, kind: Target, source: "s"),
        (region: "a", indicator: "days", year: 2020, value: 300.0, kind: Actual, source: "s"),
        (region: "b", indicator: "output", year: 2020, value: 50.0, kind: Actual, source: "s"),
        (region: "b", indicator: "firms", year: 2020, value: 10.0, kind: Actual, source: "s"),
    ],
)
"#;

/// A valid scenario on [`DATA`], one entry of each kind.
const SCEN: &str = r#"// a test scenario
Scenario(
    format: 1,
    name: "测试情景",
    dataset: "data.ron",
    notes: "",
    edits: [
        (region: "a", indicator: "output", year: 2021, value: Some(104.0), note: "preliminary"),
        (region: "a", indicator: "output", year: 2020, value: Some(101.0), was: Some(100.0)),
    ],
    growth: [
        (region: "b", indicator: "output", from: 2020, to: 2023, annual_pct: 10.0),
    ],
    view: Some((chart: Bar, indicator: "output", regions: ["a", "b"], years: (2018, 2025))),
)
"#;

fn data() -> Dataset {
    parse_dataset("data.ron", DATA).expect("test data parses")
}

fn idx(d: &Dataset, region: &str, indicator: &str) -> (RegionIdx, IndicatorIdx) {
    (
        d.region_by_id(region).expect("known region"),
        d.indicator_by_id(indicator).expect("known indicator"),
    )
}

/// The effective measured value and its origin.
fn at(applied: &Applied, d: &Dataset, region: &str, year: i32) -> Option<(f64, Origin)> {
    let (r, i) = idx(d, region, "output");
    applied.measured(d, r, i, year).map(|e| (e.value, e.origin))
}

fn scenario(edits: Vec<Edit>, growth: Vec<GrowthRule>) -> Scenario {
    let mut s = Scenario::new("t", "data.ron");
    s.edits = edits;
    s.growth = growth;
    s
}

fn kinds(applied: &Applied) -> Vec<(ScenarioProblemKind, &'static str, usize)> {
    applied
        .problems()
        .iter()
        .map(|p| (p.kind, p.list, p.position))
        .collect()
}

// ---------------------------------------------------------------- apply

#[test]
fn no_scenario_shows_actual_else_estimate_and_never_targets() {
    let d = data();
    let none = Applied::none();
    assert!(none.is_empty());
    assert_eq!(at(&none, &d, "a", 2020), Some((100.0, Origin::Baseline)));
    assert_eq!(at(&none, &d, "a", 2023), Some((135.0, Origin::Baseline)));
    assert_eq!(at(&none, &d, "a", 2021), None);
    assert_eq!(at(&none, &d, "a", 2025), None, "a target is not measured");
    assert!(apply(&d, &Scenario::new("empty", "data.ron")).is_empty());
}

#[test]
fn an_edit_sets_the_value_with_its_note_and_baseline() {
    let d = data();
    let s = scenario(
        vec![Edit::new("a", "output", 2020, Some(105.0)).with_note("初步")],
        vec![],
    );
    let applied = apply(&d, &s);
    assert!(applied.problems().is_empty(), "{:?}", applied.problems());
    let (r, i) = idx(&d, "a", "output");
    let e = applied.measured(&d, r, i, 2020).unwrap();
    assert_eq!(e.value, 105.0);
    assert_eq!(e.origin, Origin::Edited);
    assert_eq!(e.note.as_deref(), Some("初步"));
    assert_eq!(e.baseline, Some(100.0));
    assert_eq!(e.entry, Some(0));
    assert_eq!(applied.len(), 1);
    assert_eq!(applied.changed().count(), 1);
    // The dataset itself is untouched.
    assert_eq!(
        d.get(r, i, 2020, ObservationKind::Actual).unwrap().value,
        100.0
    );
}

#[test]
fn an_edit_with_no_value_removes_the_baseline_value() {
    let d = data();
    let s = scenario(vec![Edit::new("a", "output", 2023, None)], vec![]);
    let applied = apply(&d, &s);
    assert!(applied.problems().is_empty());
    assert_eq!(at(&applied, &d, "a", 2023), None);
    let (r, i) = idx(&d, "a", "output");
    assert!(matches!(
        applied.cell(r, i, 2023),
        Some(Cell::Removed {
            baseline: Some(135.0),
            entry: 0,
            ..
        })
    ));
    // Removing a value that does not exist is reported and changes nothing.
    let s = scenario(vec![Edit::new("a", "output", 2021, None)], vec![]);
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [(ScenarioProblemKind::NothingToRemove, "edits", 0)]
    );
    assert!(applied.is_empty());
}

#[test]
fn an_edit_can_add_a_value_where_the_dataset_has_none() {
    let d = data();
    let s = scenario(vec![Edit::new("a", "output", 2021, Some(104.0))], vec![]);
    let applied = apply(&d, &s);
    let (r, i) = idx(&d, "a", "output");
    let e = applied.measured(&d, r, i, 2021).unwrap();
    assert_eq!(
        (e.value, e.origin, e.baseline),
        (104.0, Origin::Edited, None)
    );
}

#[test]
fn growth_fills_missing_years_with_exact_compounding() {
    let d = data();
    let s = scenario(
        vec![],
        vec![GrowthRule::new("a", "output", 2020, 2025, 10.0)],
    );
    let applied = apply(&d, &s);
    assert!(applied.problems().is_empty(), "{:?}", applied.problems());
    let projected = |year| at(&applied, &d, "a", year);
    assert_eq!(projected(2020), Some((100.0, Origin::Baseline)));
    assert_eq!(
        projected(2021),
        Some((100.0 * 1.1f64.powi(1), Origin::Projected))
    );
    assert_eq!(
        projected(2022),
        Some((130.0, Origin::Baseline)),
        "actual kept"
    );
    assert_eq!(
        projected(2023),
        Some((135.0, Origin::Baseline)),
        "estimate kept"
    );
    assert_eq!(
        projected(2024),
        Some((100.0 * 1.1f64.powi(4), Origin::Projected))
    );
    assert_eq!(
        projected(2025),
        Some((100.0 * 1.1f64.powi(5), Origin::Projected))
    );
    assert!((projected(2024).unwrap().0 - 146.41).abs() < 1e-9);
    assert!((projected(2025).unwrap().0 - 161.051).abs() < 1e-9);
    assert_eq!(projected(2026), None, "nothing after `to`");
    // The target is still there, unchanged.
    let (r, i) = idx(&d, "a", "output");
    assert_eq!(
        d.get(r, i, 2025, ObservationKind::Target).unwrap().value,
        200.0
    );
    assert_eq!(applied.years_changed(i), [2021, 2024, 2025]);
}

#[test]
fn growth_overwrites_baseline_values_only_when_asked() {
    let d = data();
    let mut rule = GrowthRule::new("a", "output", 2020, 2023, 10.0);
    rule.overwrite = true;
    let applied = apply(&d, &scenario(vec![], vec![rule]));
    assert_eq!(
        at(&applied, &d, "a", 2022),
        Some((100.0 * 1.1f64.powi(2), Origin::Projected))
    );
    assert_eq!(
        at(&applied, &d, "a", 2023),
        Some((100.0 * 1.1f64.powi(3), Origin::Projected))
    );
    let (r, i) = idx(&d, "a", "output");
    assert_eq!(
        applied.measured(&d, r, i, 2022).unwrap().baseline,
        Some(130.0)
    );
}

#[test]
fn edits_win_over_growth_and_an_edit_at_from_moves_the_start() {
    let d = data();
    let mut rule = GrowthRule::new("a", "output", 2020, 2022, 10.0);
    rule.overwrite = true;
    let s = scenario(
        vec![
            Edit::new("a", "output", 2021, Some(999.0)),
            Edit::new("a", "output", 2020, Some(200.0)),
        ],
        vec![rule],
    );
    let applied = apply(&d, &s);
    assert!(applied.problems().is_empty(), "{:?}", applied.problems());
    assert_eq!(at(&applied, &d, "a", 2021), Some((999.0, Origin::Edited)));
    assert_eq!(
        at(&applied, &d, "a", 2022),
        Some((200.0 * 1.1f64.powi(2), Origin::Projected))
    );
}

#[test]
fn the_later_growth_rule_wins_and_rules_can_chain() {
    let d = data();
    let s = scenario(
        vec![],
        vec![
            GrowthRule::new("a", "output", 2020, 2025, 10.0),
            GrowthRule::new("a", "output", 2020, 2024, 20.0),
            GrowthRule::new("b", "output", 2020, 2022, 10.0),
            GrowthRule::new("b", "output", 2022, 2024, 0.0),
        ],
    );
    let applied = apply(&d, &s);
    // The overlap of a's two rules is reported (issue 10), naming both; chaining is no overlap.
    let problems = applied.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].kind, problems[0].position, problems[0].related),
        (ScenarioProblemKind::OverlappingGrowth, 1, Some(0))
    );
    assert!(problems[0].kind.is_warning());
    assert_eq!(
        at(&applied, &d, "a", 2021),
        Some((100.0 * 1.2, Origin::Projected))
    );
    assert_eq!(
        at(&applied, &d, "a", 2025),
        Some((100.0 * 1.1f64.powi(5), Origin::Projected))
    );
    let (r, i) = idx(&d, "a", "output");
    assert_eq!(applied.measured(&d, r, i, 2024).unwrap().entry, Some(1));
    // b: 50 → 55 → 60.5, then flat from the projected 2022 value.
    let b2024 = at(&applied, &d, "b", 2024).unwrap().0;
    assert_eq!(b2024, 50.0 * 1.1f64.powi(2));
}

#[test]
fn growth_without_a_start_value_is_a_problem() {
    let d = data();
    let s = scenario(
        vec![Edit::new("a", "output", 2020, None)],
        vec![
            GrowthRule::new("a", "output", 2021, 2023, 10.0),
            GrowthRule::new("a", "output", 2020, 2021, 10.0),
        ],
    );
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [
            (ScenarioProblemKind::NoStartValue, "growth", 0),
            (ScenarioProblemKind::NoStartValue, "growth", 1),
        ]
    );
    assert_eq!(applied.problems()[0].field, Some("from"));
    assert_eq!(at(&applied, &d, "a", 2021), None);
}

#[test]
fn bad_years_and_bad_rates_are_problems() {
    let d = data();
    let s = scenario(
        vec![],
        vec![
            GrowthRule::new("a", "output", 2022, 2022, 10.0),
            GrowthRule::new("a", "output", 2022, 2020, 10.0),
            GrowthRule::new("a", "output", 2020, 1_000_000, 10.0),
            GrowthRule::new("a", "output", 2020, 2021, f64::NAN),
        ],
    );
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [
            (ScenarioProblemKind::BadYears, "growth", 0),
            (ScenarioProblemKind::BadYears, "growth", 1),
            (ScenarioProblemKind::BadYears, "growth", 2),
            (ScenarioProblemKind::NotFinite, "growth", 3),
        ]
    );
    assert!(applied.is_empty());
}

#[test]
fn growth_stops_filling_where_it_leaves_the_range() {
    let d = data();
    let (r, i) = idx(&d, "a", "days");
    let s = scenario(vec![], vec![GrowthRule::new("a", "days", 2020, 2024, 10.0)]);
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [(ScenarioProblemKind::OutOfRange, "growth", 0)]
    );
    assert!(
        applied.problems()[0].message.contains("2023"),
        "{:?}",
        applied.problems()
    );
    let v = |y| applied.measured(&d, r, i, y).map(|e| e.value);
    assert_eq!(v(2022), Some(300.0 * 1.1f64.powi(2)));
    assert_eq!(v(2023), None);
    assert_eq!(v(2024), None);
}

#[test]
fn unknown_ids_are_problems_and_those_entries_are_skipped() {
    let d = data();
    let s = scenario(
        vec![
            Edit::new("zz", "output", 2020, Some(1.0)),
            Edit::new("a", "nope", 2020, Some(1.0)),
            Edit::new("a", "output", 2020, Some(111.0)),
        ],
        vec![GrowthRule::new("b", "gdp", 2020, 2022, 5.0)],
    );
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [
            (ScenarioProblemKind::UnknownRegion, "edits", 0),
            (ScenarioProblemKind::UnknownIndicator, "edits", 1),
            (ScenarioProblemKind::UnknownIndicator, "growth", 0),
        ]
    );
    assert!(
        applied.problems()[0]
            .message
            .contains("unknown region \"zz\""),
        "{}",
        applied.problems()[0]
    );
    assert_eq!(applied.problems()[0].field, Some("region"));
    assert_eq!(applied.len(), 1, "only the valid edit applies");
    assert_eq!(at(&applied, &d, "a", 2020), Some((111.0, Origin::Edited)));
}

#[test]
fn out_of_range_and_non_finite_edits_are_skipped() {
    let d = data();
    let s = scenario(
        vec![
            Edit::new("a", "days", 2021, Some(400.0)),
            Edit::new("b", "firms", 2020, Some(-1.0)),
            Edit::new("a", "output", 2021, Some(f64::INFINITY)),
        ],
        vec![],
    );
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [
            (ScenarioProblemKind::OutOfRange, "edits", 0),
            (ScenarioProblemKind::OutOfRange, "edits", 1),
            (ScenarioProblemKind::NotFinite, "edits", 2),
        ]
    );
    assert!(applied.problems().iter().all(|p| p.field == Some("value")));
    assert!(applied.is_empty());
}

#[test]
fn a_changed_baseline_is_reported_but_the_edit_still_applies() {
    let d = data();
    let s = scenario(
        vec![
            Edit::new("a", "output", 2020, Some(120.0)).with_was(Some(90.0)),
            Edit::new("b", "output", 2020, Some(60.0)).with_was(Some(50.0)),
        ],
        vec![],
    );
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [(ScenarioProblemKind::DatasetChanged, "edits", 0)]
    );
    let p = &applied.problems()[0];
    assert!(p.kind.is_warning());
    assert_eq!(
        p.message,
        "the dataset changed since the edit: 甲区 产值 2020 was 90 when edited, is now 100"
    );
    assert_eq!(at(&applied, &d, "a", 2020), Some((120.0, Origin::Edited)));
}

#[test]
fn a_second_edit_of_the_same_cell_is_a_problem() {
    let d = data();
    let s = scenario(
        vec![
            Edit::new("a", "output", 2020, Some(1.0)),
            Edit::new("a", "output", 2020, Some(2.0)),
        ],
        vec![],
    );
    let applied = apply(&d, &s);
    assert_eq!(
        kinds(&applied),
        [(ScenarioProblemKind::DuplicateEdit, "edits", 1)]
    );
    assert_eq!(at(&applied, &d, "a", 2020), Some((1.0, Origin::Edited)));
}

#[test]
fn scenario_edit_helpers() {
    let d = data();
    let mut s = Scenario::new("t", "data.ron");
    assert!(s.is_empty());
    assert_eq!(s.set_edit(Edit::new("a", "output", 2020, Some(1.0))), None);
    s.set_edit(Edit::new("b", "output", 2020, Some(2.0)));
    let old = s.set_edit(Edit::new("a", "output", 2020, Some(3.0)));
    assert_eq!(old.unwrap().value, Some(1.0));
    assert_eq!(s.edits.len(), 2);
    assert_eq!(s.edits[0].value, Some(3.0), "replaced in place");
    assert_eq!(s.edit_for("a", "output", 2020).unwrap().value, Some(3.0));
    assert_eq!(s.edit_position("b", "output", 2020), Some(1));
    assert!(s.remove_edit("a", "output", 2020).is_some());
    assert!(s.remove_edit("a", "output", 2020).is_none());
    assert_eq!(s.edits.len(), 1);
    s.growth
        .push(GrowthRule::new("a", "output", 2020, 2022, 1.0));
    assert_eq!(s.growth_for("a", "output").count(), 1);
    assert!(s.remove_growth(0).is_some());
    assert!(s.remove_growth(0).is_none());
    let (r, i) = idx(&d, "a", "output");
    let e = Edit::recorded(&d, r, i, 2023, Some(140.0));
    assert_eq!((e.region.as_str(), e.was), ("a", Some(135.0)));
}

// ---------------------------------------------------------------- file format

/// Parses `text` as a scenario and checks the error kind and, when given, the location.
fn expect_error(text: &str, kind: ErrorKind, at: Option<(usize, usize)>) -> String {
    let err = parse_scenario("bad.ron", text).expect_err("input should be refused");
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

fn scen_with(from: &str, to: &str) -> String {
    assert!(SCEN.contains(from), "{from:?} not in SCEN");
    SCEN.replacen(from, to, 1)
}

/// The example of DESIGN.md, "File formats", as written there.
const DESIGN_EXAMPLE: &str = r#"Scenario(
    format: 1,
    name: "万盛 2025 冲刺",
    dataset: "../chongqing.ron",   // relative to the scenario file, or absolute
    notes: "",
    edits: [
        (region: "wansheng", indicator: "industrial_output", year: 2023, value: Some(340.0),
         note: "preliminary"),     // value: None removes a baseline value
    ],
    growth: [
        (region: "wansheng", indicator: "industrial_output", from: 2022, to: 2025,
         annual_pct: 15.0),       // fills to..= years from the value at `from`
    ],
    view: Some((chart: Bar, indicator: "industrial_output", regions: ["wansheng"],
                years: (2018, 2025))),
)
"#;

#[test]
fn the_design_example_parses() {
    let s = parse_scenario("design.ron", DESIGN_EXAMPLE).unwrap();
    assert_eq!(s.name, "万盛 2025 冲刺");
    assert_eq!(s.dataset, "../chongqing.ron");
    assert_eq!(s.edits.len(), 1);
    assert_eq!(s.edits[0].value, Some(340.0));
    assert_eq!(s.edits[0].note, "preliminary");
    assert_eq!(s.edits[0].was, None);
    assert_eq!(s.growth[0].annual_pct, 15.0);
    assert!(!s.growth[0].overwrite);
    let view = s.view.unwrap();
    assert_eq!(view.chart, ChartKind::Bar);
    assert_eq!(view.years, Some((2018, 2025)));
    assert_eq!(view.mode, ViewMode::Absolute);
    assert!(!view.log_scale);
    let d = yardstick::bundled_dataset().unwrap();
    let s = parse_scenario("design.ron", DESIGN_EXAMPLE).unwrap();
    check_scenario("design.ron", DESIGN_EXAMPLE, &s, &d).unwrap();
}

#[test]
fn view_years_may_be_written_as_option_or_left_out() {
    for (written, years) in [
        ("years: (2018, 2025)", Some((2018, 2025))),
        ("years: Some((2018, 2025))", Some((2018, 2025))),
        ("years: None", None),
    ] {
        let text = scen_with("years: (2018, 2025)", written);
        let s = parse_scenario("s.ron", &text).unwrap();
        assert_eq!(s.view.unwrap().years, years, "{written}");
    }
    let text = scen_with(", years: (2018, 2025)", "");
    assert_eq!(
        parse_scenario("s.ron", &text).unwrap().view.unwrap().years,
        None
    );
    let text = scen_with("years: (2018, 2025)", "years: (2018, 2025, 2030)");
    expect_error(&text, ErrorKind::WrongType, None);
}

#[test]
fn optional_lists_may_be_left_out() {
    let s = parse_scenario(
        "s.ron",
        "Scenario(format: 1, name: \"空\", dataset: \"/abs/d.ron\")",
    )
    .unwrap();
    assert!(s.edits.is_empty() && s.growth.is_empty() && s.view.is_none());
    assert_eq!(s.notes, "");
}

#[test]
fn syntax_error_names_its_line() {
    let text = scen_with("notes: \"\",", "notes: \"\" oops,");
    let message = expect_error(&text, ErrorKind::Syntax, None);
    let (line, _) = position_of(&text, "oops");
    assert!(
        message.starts_with(&format!("bad.ron:{line}:")),
        "{message}"
    );
    let truncated = &SCEN[..SCEN.len() / 2];
    expect_error(truncated, ErrorKind::Syntax, None);
}

#[test]
fn text_where_a_number_belongs_is_a_type_error() {
    let text = scen_with("year: 2021", "year: \"2021\"");
    let message = expect_error(&text, ErrorKind::WrongType, None);
    let (line, _) = position_of(&text, "\"2021\"");
    assert!(
        message.starts_with(&format!("bad.ron:{line}:")),
        "{message}"
    );
    let text = scen_with("chart: Bar", "chart: Pie");
    expect_error(&text, ErrorKind::WrongType, None);
}

#[test]
fn unknown_and_missing_fields_are_named() {
    let text = scen_with("annual_pct: 10.0", "anual_pct: 10.0");
    let message = expect_error(&text, ErrorKind::UnknownField, None);
    assert!(message.contains("anual_pct"), "{message}");
    let (line, _) = position_of(&text, "anual_pct");
    assert!(
        message.starts_with(&format!("bad.ron:{line}:")),
        "{message}"
    );
    let text = scen_with("    dataset: \"data.ron\",\n", "");
    let message = expect_error(&text, ErrorKind::MissingField, None);
    assert!(message.contains("dataset"), "{message}");
    let text = scen_with("    notes: \"\",\n", "    notes: \"\",\n    colour: Red,\n");
    expect_error(&text, ErrorKind::UnknownField, None);
}

#[test]
fn newer_format_is_refused_before_anything_else() {
    let text = scen_with("format: 1,", "format: 2,\n    scenarios_of_scenarios: [],");
    let message = expect_error(
        &text,
        ErrorKind::NewerFormat,
        Some(position_of(&text, "2,")),
    );
    assert!(message.contains("newer"), "{message}");
}

#[test]
fn a_dataset_is_not_a_scenario_and_empty_files_are_refused() {
    // At the word that says what the file is, after the leading comments.
    let message = expect_error(
        yardstick::BUNDLED_DATASET,
        ErrorKind::WrongFileKind,
        Some(position_of(yardstick::BUNDLED_DATASET, "Dataset(")),
    );
    assert!(message.contains("Dataset file"), "{message}");
    expect_error("", ErrorKind::Empty, Some((1, 1)));
    expect_error("// nothing\n", ErrorKind::Empty, Some((1, 1)));
    expect_error(
        "Something(format: 1)",
        ErrorKind::WrongFileKind,
        Some((1, 1)),
    );
}

#[test]
fn encoding_bom_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, format!("\u{feff}{SCEN}")).unwrap();
    assert_eq!(load_scenario(&path).unwrap().name, "测试情景");
    let mut bytes = SCEN.as_bytes().to_vec();
    let at = SCEN.find("测试").unwrap();
    bytes[at] = 0xFF;
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(
        load_scenario(&path).unwrap_err().kind(),
        ErrorKind::Encoding
    );
    let err = load_scenario(&dir.path().join("none.ron")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("none.ron"), "{err}");
}

#[test]
fn check_scenario_locates_each_problem() {
    let d = data();
    let text = SCEN
        .replacen(
            "region: \"a\", indicator: \"output\", year: 2021",
            "region: \"zz\", indicator: \"output\", year: 2021",
            1,
        )
        .replacen("was: Some(100.0)", "was: Some(90.0)", 1)
        .replacen("from: 2020, to: 2023", "from: 2019, to: 2023", 1)
        .replacen("regions: [\"a\", \"b\"]", "regions: [\"a\", \"q\"]", 1);
    let s = parse_scenario("bad.ron", &text).unwrap();
    let err = check_scenario("bad.ron", &text, &s, &d).unwrap_err();
    let found: Vec<(ErrorKind, (usize, usize))> = err
        .diagnostics
        .iter()
        .map(|diag| {
            let loc = diag.location.expect("located");
            (diag.kind, (loc.line, loc.col))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                ErrorKind::Scenario(ScenarioProblemKind::UnknownRegion),
                position_of(&text, "region: \"zz\"")
            ),
            (
                ErrorKind::Scenario(ScenarioProblemKind::DatasetChanged),
                position_of(&text, "was: Some(90.0)")
            ),
            (
                ErrorKind::Scenario(ScenarioProblemKind::NoStartValue),
                position_of(&text, "from: 2019")
            ),
            (
                ErrorKind::Scenario(ScenarioProblemKind::UnknownRegion),
                position_of(&text, "regions: [\"a\", \"q\"]")
            ),
        ],
        "{err}"
    );
    let shown = err.to_string();
    let (line, col) = position_of(&text, "region: \"zz\"");
    assert!(
        shown.starts_with(&format!(
            "bad.ron:{line}:{col}: edits[0].region: unknown region \"zz\""
        )),
        "{shown}"
    );
    // The unbroken scenario checks clean.
    let s = parse_scenario("s.ron", SCEN).unwrap();
    check_scenario("s.ron", SCEN, &s, &d).unwrap();
}

// ---------------------------------------------------------------- paths

#[test]
fn dataset_paths_resolve_against_the_scenario_folder() {
    let s = |dataset: &str| Scenario::new("t", dataset);
    assert_eq!(
        dataset_path_of(Path::new("/x/y/s.ron"), &s("../d.ron")),
        PathBuf::from("/x/y/../d.ron")
    );
    assert_eq!(
        dataset_path_of(Path::new("/x/y/s.ron"), &s("/abs/d.ron")),
        PathBuf::from("/abs/d.ron")
    );
    assert_eq!(
        dataset_path_of(Path::new("s.ron"), &s("d.ron")),
        PathBuf::from("d.ron")
    );
    assert_eq!(
        dataset_path_of(Path::new("data/scenarios/s.ron"), &s("../chongqing.ron")),
        PathBuf::from("data/scenarios/../chongqing.ron")
    );
}

#[test]
fn relative_dataset_paths_use_slashes_and_fall_back_to_absolute() {
    let rel = |s: &str, d: &str| relative_dataset_path(Path::new(s), Path::new(d));
    assert_eq!(rel("/x/y/s.ron", "/x/d.ron"), "../d.ron");
    assert_eq!(rel("/x/y/s.ron", "/x/y/d.ron"), "d.ron");
    assert_eq!(rel("/x/y/s.ron", "/x/y/sub/d.ron"), "sub/d.ron");
    assert_eq!(rel("/x/y/z/s.ron", "/x/q/d.ron"), "../../q/d.ron");
    assert_eq!(rel("/x/y/./s.ron", "/x/y/../d.ron"), "../d.ron");
    assert_eq!(
        rel("/x/s.ron", "/z/d.ron"),
        "/z/d.ron",
        "only the root in common"
    );
    // Relative inputs are taken from the current folder.
    assert_eq!(
        rel("data/scenarios/s.ron", "data/chongqing.ron"),
        "../chongqing.ron"
    );
    // What is written resolves back to the same file.
    let scenario_path = Path::new("/x/y/s.ron");
    let written = rel("/x/y/s.ron", "/x/q/d.ron");
    assert_eq!(
        dataset_path_of(scenario_path, &Scenario::new("t", written)),
        PathBuf::from("/x/y/../q/d.ron")
    );
}

// ---------------------------------------------------------------- the example file

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/scenarios/wansheng-2025.ron"
);

#[test]
fn the_example_scenario_checks_against_the_bundled_data() {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let s = parse_scenario(EXAMPLE, &text).unwrap();
    let d = yardstick::bundled_dataset().unwrap();
    check_scenario(EXAMPLE, &text, &s, &d).unwrap();
    // Its dataset path leads to the bundled file.
    let on_disk = std::fs::read_to_string(dataset_path_of(Path::new(EXAMPLE), &s)).unwrap();
    assert_eq!(on_disk, yardstick::BUNDLED_DATASET);
    // One hypothetical edit, clearly labelled; growth of 15 %/yr from the 2022 actual (300).
    assert_eq!(s.edits.len(), 1);
    assert!(
        s.edits[0].note.contains("not a published figure"),
        "{}",
        s.edits[0].note
    );
    let applied = apply(&d, &s);
    let (r, i) = idx(&d, "wansheng", "industrial_output");
    let v = |y| applied.measured(&d, r, i, y).map(|e| (e.value, e.origin));
    assert_eq!(v(2022), Some((300.0, Origin::Baseline)));
    assert_eq!(v(2023), Some((340.0, Origin::Edited)));
    assert_eq!(v(2024), Some((300.0 * 1.15f64.powi(2), Origin::Projected)));
    assert_eq!(v(2025), Some((300.0 * 1.15f64.powi(3), Origin::Projected)));
    assert!((v(2025).unwrap().0 - 456.2625).abs() < 1e-9);
    assert_eq!(
        d.get(r, i, 2025, ObservationKind::Target).unwrap().value,
        500.0,
        "the target is unchanged"
    );
    // The file is written as scenario_to_ron writes it (apart from the leading comments).
    let body = text
        .lines()
        .skip_while(|l| l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    assert_eq!(body, scenario_to_ron(&s));
}

// ---------------------------------------------------------------- CLI

fn yardstick(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn cli_validates_the_example_scenario_with_a_summary() {
    let out = yardstick(&["validate", EXAMPLE]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("scenario \"万盛 2025 冲刺"), "{stdout}");
    assert!(stdout.contains("1 edit, 1 growth rule on "), "{stdout}");
    assert!(
        stdout.contains("chongqing.ron (20 regions, 29 indicators, 221 observations)"),
        "{stdout}"
    );
}

/// Writes `data.ron` and `scen.ron` into a fresh folder.
fn scenario_dir(scenario_text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("data.ron"), DATA).expect("write data");
    std::fs::write(dir.path().join("scen.ron"), scenario_text).expect("write scenario");
    dir
}

#[test]
fn cli_refuses_a_broken_scenario_with_file_line_col() {
    let text = scen_with("indicator: \"output\", from", "indicator: \"nope\", from");
    let dir = scenario_dir(&text);
    let path = dir.path().join("scen.ron");
    let out = yardstick(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, col) = position_of(&text, "indicator: \"nope\"");
    assert!(
        stderr.contains(&format!(
            "scen.ron:{line}:{col}: growth[0].indicator: unknown indicator \"nope\""
        )),
        "{stderr}"
    );
    // A syntax error is located too.
    let text = scen_with("notes: \"\",", "notes: \"\" oops,");
    std::fs::write(&path, &text).unwrap();
    let out = yardstick(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let (line, _) = position_of(&text, "oops");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("scen.ron:{line}:")), "{stderr}");
}

#[test]
fn cli_names_both_files_when_the_dataset_is_missing_or_broken() {
    let text = scen_with("dataset: \"data.ron\"", "dataset: \"missing.ron\"");
    let dir = scenario_dir(&text);
    let path = dir.path().join("scen.ron");
    let out = yardstick(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, col) = position_of(&text, "\"missing.ron\"");
    assert!(
        stderr.contains(&format!("scen.ron:{line}:{col}: ")),
        "{stderr}"
    );
    assert!(stderr.contains("missing.ron"), "{stderr}");
    // A dataset with errors: its own FILE:LINE:COL, after a line naming the scenario.
    std::fs::write(
        dir.path().join("data.ron"),
        DATA.replace("value: 300.0", "value: 999.0"),
    )
    .unwrap();
    std::fs::write(&path, SCEN).unwrap();
    let out = yardstick(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("scen.ron: its dataset"), "{stderr}");
    assert!(stderr.contains("data.ron:"), "{stderr}");
    // And the working pair validates.
    std::fs::write(dir.path().join("data.ron"), DATA).unwrap();
    let out = yardstick(&["validate", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("scenario \"测试情景\": 2 edits, 1 growth rule on "),
        "{stdout}"
    );
}

// ---------------------------------------------------------------- round trips

fn note_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 万盛经开区工业总产值“”，。（）\"\\\\\n\t'/#()\\[\\]{}:,-]{0,24}",
        any::<String>(),
    ]
}

fn id_strategy() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "wansheng",
        "a",
        "b_2",
        "industrial_output",
        "Ünï",
        "万盛",
    ])
    .prop_map(str::to_owned)
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL,
        (-1_000_000i64..1_000_000).prop_map(|v| v as f64 / 100.0),
    ]
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (
        id_strategy(),
        id_strategy(),
        any::<i32>(),
        prop::option::of(finite()),
        note_strategy(),
        prop::option::of(finite()),
    )
        .prop_map(|(region, indicator, year, value, note, was)| Edit {
            region,
            indicator,
            year,
            value,
            note,
            was,
        })
}

fn growth_strategy() -> impl Strategy<Value = GrowthRule> {
    (
        id_strategy(),
        id_strategy(),
        -3000i32..3000,
        -3000i32..3000,
        finite(),
        any::<bool>(),
    )
        .prop_map(
            |(region, indicator, from, to, annual_pct, overwrite)| GrowthRule {
                region,
                indicator,
                from,
                to,
                annual_pct,
                overwrite,
            },
        )
}

fn view_strategy() -> impl Strategy<Value = SavedView> {
    (
        prop::sample::select(vec![ChartKind::Bar, ChartKind::Line]),
        id_strategy(),
        prop::collection::vec(id_strategy(), 0..4),
        prop::option::of((any::<i32>(), any::<i32>())),
        prop::sample::select(ViewMode::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_map(
            |(chart, indicator, regions, years, mode, log_scale)| SavedView {
                chart,
                indicator,
                regions,
                years,
                mode,
                log_scale,
            },
        )
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (
        note_strategy(),
        note_strategy(),
        note_strategy(),
        prop::collection::vec(edit_strategy(), 0..6),
        prop::collection::vec(growth_strategy(), 0..4),
        prop::option::of(view_strategy()),
    )
        .prop_map(|(name, dataset, notes, edits, growth, view)| Scenario {
            name,
            dataset,
            notes,
            edits,
            growth,
            view,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_is_equal_and_saving_again_is_byte_identical(s in scenario_strategy()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        save_scenario(&path, &s).unwrap();
        let loaded = load_scenario(&path).unwrap();
        prop_assert_eq!(&loaded, &s);
        let first = std::fs::read(&path).unwrap();
        save_scenario(&path, &loaded).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first);
        prop_assert_eq!(scenario_to_ron(&loaded).into_bytes(), std::fs::read(&path).unwrap());
    }

    #[test]
    fn parsing_never_panics_on_mangled_files(cut in 0usize..SCEN.len(), flip in 0usize..SCEN.len(), byte in any::<u8>()) {
        let mut bytes = SCEN.as_bytes()[..cut].to_vec();
        if flip < bytes.len() {
            bytes[flip] = byte;
        }
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Ok(s) = parse_scenario("m.ron", text)
        {
            let _ = check_scenario("m.ron", text, &s, &data());
        }
    }
}

// ---------------------------------------------------------------- atomic saves

/// Names in `dir` that look like a leftover temporary file.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn a_save_that_cannot_rename_fails_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is an existing, non-empty folder: the rename fails, even for root.
    let target = dir.path().join("taken.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), "keep me").unwrap();
    let s = parse_scenario("s.ron", SCEN).unwrap();
    assert!(save_scenario(&target, &s).is_err());
    assert!(target.is_dir());
    assert_eq!(
        std::fs::read_to_string(target.join("inside.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_save_under_a_regular_file_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("previous.ron");
    std::fs::write(&previous, SCEN).unwrap();
    let s = Scenario::new("new", "d.ron");
    assert!(save_scenario(&previous.join("s.ron"), &s).is_err());
    assert_eq!(std::fs::read_to_string(&previous).unwrap(), SCEN);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_failed_save_over_an_existing_file_keeps_it_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, SCEN).unwrap();
    // Block the temporary file's name (`.NAME.tmp-PID`, see io::atomic) with a folder, so
    // the write fails before the rename, whoever runs the test.
    let blocker = dir
        .path()
        .join(format!(".s.ron.tmp-{}", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    std::fs::write(blocker.join("x"), "x").unwrap();
    assert!(save_scenario(&path, &Scenario::new("new", "d.ron")).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), SCEN.as_bytes());
    std::fs::remove_dir_all(&blocker).unwrap();
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    // With the way clear, the same save succeeds and leaves no temp file either.
    save_scenario(&path, &Scenario::new("new", "d.ron")).unwrap();
    assert_eq!(load_scenario(&path).unwrap().name, "new");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_save_into_a_read_only_folder_fails_and_so_does_one_under_a_file_for_root_too() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("s.ron");
    std::fs::write(&path, SCEN).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores the mode: find out whether this run can still write there.
    let probe = folder.join("probe");
    let writable = std::fs::write(&probe, "x").is_ok();
    if writable {
        std::fs::remove_file(&probe).unwrap();
        eprintln!("running as root: a read-only folder does not stop this run; checked below");
    }
    let result = save_scenario(&path, &Scenario::new("new", "d.ron"));
    if !writable {
        assert!(result.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), SCEN.as_bytes());
    }
    assert_eq!(temp_files(&folder), Vec::<String>::new());
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    // A folder that is a regular file stops everyone, root included: the save fails, says
    // where, and leaves nothing behind.
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let err = save_scenario(&file.join("s.ron"), &Scenario::new("new", "d.ron"))
        .expect_err("a path under a regular file cannot be written");
    assert!(!err.to_string().is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------- synthetic data

#[test]
fn synthetic_scenarios_apply_to_synthetic_data() {
    use yardstick::model::synthetic::{synthetic_dataset, synthetic_scenario};
    let d = synthetic_dataset(30, 4, 10, 7);
    assert_eq!(d.observations().len(), 30 * 4 * 10);
    assert!(d.regions()[0].name.contains("合成"));
    assert_eq!(d.title_en, "Synthetic benchmark data");
    let s = synthetic_scenario(&d, 200, 10, 7);
    assert_eq!(s.edits.len(), 200);
    assert_eq!(s.growth.len(), 10);
    assert_eq!(s, synthetic_scenario(&d, 200, 10, 7), "deterministic");
    let applied = apply(&d, &s);
    assert!(applied.len() >= 200);
    // Only rules that start from a removed value may fail.
    assert!(
        applied
            .problems()
            .iter()
            .all(|p| p.kind == ScenarioProblemKind::NoStartValue),
        "{:?}",
        applied.problems()
    );
    // The scenario saves and loads like any other.
    assert_eq!(parse_scenario("syn.ron", &scenario_to_ron(&s)).unwrap(), s);
}
