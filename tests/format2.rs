//! Dataset format 2 (DESIGN.md "Dataset format 2"): bounds, growth rates, part-year figures,
//! regions with a parent, optional English and the dense `series` layout — loaded, looked
//! up, refused with located messages, written back, exported as CSV and overlaid by a
//! scenario.

use yardstick::chart::{ChartKind, Selection, ViewMode, build_chart, csv};
use yardstick::io::{ErrorKind, dataset_to_ron, parse_dataset};
use yardstick::lang::Lang;
use yardstick::model::scenario::{Edit, GrowthRule, Origin, Scenario, apply};
use yardstick::model::{
    Better, Bound, Dataset, Measure, ObservationKind, ProblemKind, format_value, months_label,
};

/// A format-2 dataset using every feature. The line and column numbers asserted below are
/// counted in this text (line 1 is `Dataset(`).
const F2: &str = r#"Dataset(
    format: 2,
    title: "测试数据",
    regions: [
        (id: "cq", name: "重庆市", name_en: "Chongqing"),
        (id: "a", name: "甲区", parent: Some("cq")),
        (id: "b", name: "乙区", name_en: "B", parent: Some("cq")),
    ],
    indicators: [
        (id: "out", name: "工业总产值", unit: "亿元", better: Higher, min: Some(0.0)),
        (id: "projects", name: "重点项目", name_en: "Key projects", unit: "个", unit_en: "projects"),
        (id: "energy", name: "能耗", unit: "吨", better: Lower, min: Some(0.0)),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: Some("2023")),
    ],
    observations: [
        (region: "a", indicator: "out", year: 2022, value: 300.0, bound: MoreThan, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2022, value: 10.0, measure: GrowthPct, bound: AtLeast, kind: Target, source: "s"),
        (region: "a", indicator: "out", year: 2021, value: -3.5, measure: GrowthPct, kind: Actual, source: "s"),
        (region: "b", indicator: "projects", year: 2021, months: Some((1, 11)), value: 37.0, kind: Actual, source: "s"),
        (region: "b", indicator: "projects", year: 2021, value: 166.0, kind: Target, source: "s"),
        (region: "a", indicator: "energy", year: 2025, value: 0.5, bound: AtMost, kind: Target, source: "s"),
        (region: "b", indicator: "out", year: 2022, value: 100.0, bound: About, kind: Estimate, source: "s"),
    ],
    series: [
        (region: "b", indicator: "out", kind: Actual, source: "s", from: 2019, values: [Some(80.5), None, Some(90.25)]),
    ],
)
"#;

fn f2() -> Dataset {
    parse_dataset("f2.ron", F2).expect("the format-2 fixture loads")
}

/// `F2` with `from` replaced by `to` (which must occur once).
fn f2_with(from: &str, to: &str) -> String {
    assert_eq!(
        F2.matches(from).count(),
        1,
        "{from:?} must occur once in F2"
    );
    F2.replacen(from, to, 1)
}

/// Parses `text`, expecting the first diagnostic to be of `kind` at (line, col); returns the
/// whole message.
fn refused(text: &str, kind: ErrorKind, at: (usize, usize)) -> String {
    let err = parse_dataset("bad.ron", text).expect_err("the input should be refused");
    assert_eq!(err.kind(), kind, "{err}");
    let loc = err
        .location()
        .unwrap_or_else(|| panic!("no location: {err}"));
    assert_eq!((loc.line, loc.col), at, "{err}");
    err.to_string()
}

#[test]
fn bounds_are_carried_by_the_whole_year_level() {
    let d = f2();
    let a = d.region_by_id("a").unwrap();
    let b = d.region_by_id("b").unwrap();
    let out = d.indicator_by_id("out").unwrap();
    let energy = d.indicator_by_id("energy").unwrap();
    let actual = d.get(a, out, 2022, ObservationKind::Actual).unwrap();
    assert_eq!((actual.value, actual.bound), (300.0, Bound::MoreThan));
    assert_eq!(actual.measure, Measure::Level);
    let target = d.get(a, energy, 2025, ObservationKind::Target).unwrap();
    assert_eq!((target.value, target.bound), (0.5, Bound::AtMost));
    let estimate = d.get(b, out, 2022, ObservationKind::Estimate).unwrap();
    assert_eq!((estimate.value, estimate.bound), (100.0, Bound::About));
}

#[test]
fn growth_rates_are_looked_up_apart_from_levels() {
    let d = f2();
    let a = d.region_by_id("a").unwrap();
    let out = d.indicator_by_id("out").unwrap();
    // The ≥ 10 % growth target of 2022 is not a level target of 2022…
    assert!(d.get(a, out, 2022, ObservationKind::Target).is_none());
    // …it is a growth target, with its bound.
    let target = d.growth_pct(a, out, 2022, ObservationKind::Target).unwrap();
    assert_eq!(
        (target.value, target.measure, target.bound),
        (10.0, Measure::GrowthPct, Bound::AtLeast)
    );
    // A negative growth rate is allowed although the indicator's minimum is 0.
    let fell = d.growth_pct(a, out, 2021, ObservationKind::Actual).unwrap();
    assert_eq!(fell.value, -3.5);
    assert!(d.get(a, out, 2021, ObservationKind::Actual).is_none());
    assert!(
        d.growth_pct(a, out, 2022, ObservationKind::Actual)
            .is_none()
    );
}

#[test]
fn part_year_figures_are_looked_up_apart_from_whole_years() {
    let d = f2();
    let b = d.region_by_id("b").unwrap();
    let projects = d.indicator_by_id("projects").unwrap();
    assert!(d.get(b, projects, 2021, ObservationKind::Actual).is_none());
    let parts = d.part_years(b, projects, 2021, ObservationKind::Actual);
    assert_eq!(parts.len(), 1);
    assert_eq!((parts[0].value, parts[0].months), (37.0, Some((1, 11))));
    // The whole-year target of the same year is a level.
    let plan = d.get(b, projects, 2021, ObservationKind::Target).unwrap();
    assert_eq!(plan.value, 166.0);
    let exact = d
        .get_exact((
            b,
            projects,
            2021,
            Some((1, 11)),
            Measure::Level,
            ObservationKind::Actual,
        ))
        .unwrap();
    assert_eq!(exact.value, 37.0);
    // The year list of an indicator is the years of its whole-year levels.
    assert_eq!(d.years_of(projects), vec![2021]);
    let out = d.indicator_by_id("out").unwrap();
    assert_eq!(d.years_of(out), vec![2019, 2021, 2022]);
    assert_eq!(d.non_level_observations().count(), 3);
    assert_eq!(d.levels().count(), 6);
}

#[test]
fn a_series_expands_into_observations_with_gaps_kept_missing() {
    let d = f2();
    let b = d.region_by_id("b").unwrap();
    let out = d.indicator_by_id("out").unwrap();
    let value = |y| d.get(b, out, y, ObservationKind::Actual).map(|o| o.value);
    assert_eq!(value(2019), Some(80.5));
    assert_eq!(value(2020), None, "None is missing, never 0");
    assert_eq!(value(2021), Some(90.25));
    assert_eq!(value(2022), None);
    assert_eq!(d.observations().len(), 9);
}

#[test]
fn parents_give_children_and_siblings() {
    let d = f2();
    let cq = d.region_by_id("cq").unwrap();
    let a = d.region_by_id("a").unwrap();
    let b = d.region_by_id("b").unwrap();
    assert_eq!(d.parent_of(a), Some(cq));
    assert_eq!(d.parent_of(cq), None);
    assert_eq!(d.children_of(cq), vec![a, b]);
    assert_eq!(d.children_of(a), vec![]);
    assert_eq!(d.siblings_of(a), vec![a, b]);
    assert_eq!(d.siblings_of(cq), vec![cq]);
    assert_eq!((d.depth_of(cq), d.depth_of(b)), (0, 1));
    assert!(d.is_ancestor(cq, b) && !d.is_ancestor(b, cq));
    assert!(!d.is_flat());
}

#[test]
fn omitted_english_falls_back_to_the_chinese_text() {
    let d = f2();
    assert_eq!(d.title_en, "测试数据");
    assert_eq!(d.display_title(Lang::En), "测试数据");
    let a = d.region(d.region_by_id("a").unwrap());
    assert_eq!(a.name_en, "甲区");
    assert_eq!(a.display_name(Lang::En), "甲区");
    let out = d.indicator(d.indicator_by_id("out").unwrap());
    assert_eq!(
        (out.name_en.as_str(), out.unit_en.as_str()),
        ("工业总产值", "亿元")
    );
    let projects = d.indicator(d.indicator_by_id("projects").unwrap());
    assert_eq!(projects.display_unit(Lang::En), "projects");
    assert_eq!(
        d.indicator(d.indicator_by_id("energy").unwrap()).better,
        Better::Lower
    );
}

#[test]
fn reversed_months_are_refused_at_the_field() {
    let text = f2_with("months: Some((1, 11))", "months: Some((11, 1))");
    let message = refused(&text, ErrorKind::Invalid(ProblemKind::BadMonths), (21, 58));
    assert!(
        message.contains(
            "bad.ron:21:58: observations[3].months: months (11, 1) is not a span of one year"
        ),
        "{message}"
    );
}

#[test]
fn a_thirteenth_month_is_refused_at_the_field() {
    let text = f2_with("months: Some((1, 11))", "months: Some((1, 13))");
    let message = refused(&text, ErrorKind::Invalid(ProblemKind::BadMonths), (21, 58));
    assert!(message.contains("months (1, 13)"), "{message}");
}

#[test]
fn an_unknown_parent_is_refused_at_the_field() {
    let text = f2_with(
        "parent: Some(\"cq\")),\n        (id: \"b\"",
        "parent: Some(\"zz\")),\n        (id: \"b\"",
    );
    let message = refused(
        &text,
        ErrorKind::Invalid(ProblemKind::UnknownParent),
        (6, 31),
    );
    assert!(
        message
            .contains("regions[1].parent: region \"a\": unknown parent \"zz\" (known: a, b, cq)"),
        "{message}"
    );
}

#[test]
fn a_parent_cycle_is_refused_at_each_region_on_it() {
    let text = f2_with(
        "name_en: \"Chongqing\")",
        "name_en: \"Chongqing\", parent: Some(\"b\"))",
    );
    let err = parse_dataset("bad.ron", &text).unwrap_err();
    let located: Vec<(ErrorKind, Option<(usize, usize)>)> = err
        .diagnostics
        .iter()
        .map(|d| (d.kind, d.location.map(|l| (l.line, l.col))))
        .collect();
    let cycle = ErrorKind::Invalid(ProblemKind::ParentCycle);
    assert_eq!(
        located,
        vec![(cycle, Some((5, 55))), (cycle, Some((7, 45)))],
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("region \"cq\" is its own ancestor (cq → b → cq)"),
        "{err}"
    );
    // A region that is its own parent, too.
    let text = f2_with(
        "(id: \"b\", name: \"乙区\", name_en: \"B\", parent: Some(\"cq\"))",
        "(id: \"b\", name: \"乙区\", name_en: \"B\", parent: Some(\"b\"))",
    );
    refused(&text, cycle, (7, 45));
}

#[test]
fn a_value_given_in_a_series_and_as_an_observation_is_refused_at_the_series() {
    let text = f2_with(
        "    ],\n    series",
        "        (region: \"b\", indicator: \"out\", year: 2021, value: 85.0, kind: Actual, source: \"s\"),\n    ],\n    series",
    );
    let message = refused(
        &text,
        ErrorKind::Invalid(ProblemKind::DuplicateObservation),
        (28, 80),
    );
    assert!(
        message.contains("series[0].values: (b, out, 2021, Actual) appears twice (the value for 2021) (first at observations[7])"),
        "{message}"
    );
    // A year the series leaves missing may be given as an observation.
    let text = f2_with(
        "    ],\n    series",
        "        (region: \"b\", indicator: \"out\", year: 2020, value: 85.0, kind: Actual, source: \"s\"),\n    ],\n    series",
    );
    parse_dataset("ok.ron", &text).expect("2020 is missing in the series");
}

#[test]
fn two_part_year_figures_of_one_span_are_a_duplicate_but_two_spans_are_not() {
    let second = "        (region: \"b\", indicator: \"projects\", year: 2021, months: Some((1, 6)), value: 20.0, kind: Actual, source: \"s\"),\n    ],\n    series";
    let d = parse_dataset("ok.ron", &f2_with("    ],\n    series", second)).unwrap();
    let b = d.region_by_id("b").unwrap();
    let projects = d.indicator_by_id("projects").unwrap();
    let spans: Vec<_> = d
        .part_years(b, projects, 2021, ObservationKind::Actual)
        .iter()
        .map(|o| (o.months, o.value))
        .collect();
    assert_eq!(spans, vec![(Some((1, 6)), 20.0), (Some((1, 11)), 37.0)]);
    let again = second.replace("Some((1, 6))", "Some((1, 11))");
    let message = refused(
        &f2_with("    ],\n    series", &again),
        ErrorKind::Invalid(ProblemKind::DuplicateObservation),
        (25, 9),
    );
    assert!(
        message.contains(
            "(b, projects, 2021, months (1, 11), Actual) appears twice (first at observations[3])"
        ),
        "{message}"
    );
}

#[test]
fn a_bound_on_a_growth_rate_of_a_count_is_refused_at_the_bound() {
    let text = f2_with(
        "    ],\n    series",
        "        (region: \"b\", indicator: \"projects\", year: 2022, value: 10.0, measure: GrowthPct, bound: MoreThan, kind: Target, source: \"s\"),\n    ],\n    series",
    );
    let message = refused(
        &text,
        ErrorKind::Invalid(ProblemKind::BoundOnCountGrowth),
        (25, 91),
    );
    assert!(
        message.contains("a bound on a growth rate of a count (\"个\") is refused"),
        "{message}"
    );
    // Without the bound, a published growth rate of a count is data like any other.
    let exact = text.replace("bound: MoreThan, kind: Target", "kind: Target");
    parse_dataset("ok.ron", &exact).expect("an exact growth rate of a count loads");
}

#[test]
fn a_growth_rate_of_minus_100_percent_or_less_is_refused() {
    let text = f2_with("value: -3.5", "value: -100.0");
    let message = refused(&text, ErrorKind::Invalid(ProblemKind::BadGrowth), (20, 53));
    assert!(
        message.contains("a growth rate of -100 % is impossible"),
        "{message}"
    );
    let text = f2_with("value: -3.5", "value: NaN");
    refused(&text, ErrorKind::Invalid(ProblemKind::NotFinite), (20, 53));
}

#[test]
fn a_missing_name_names_the_entry_the_field_and_an_example() {
    let text = f2_with("(id: \"a\", name: \"甲区\", parent", "(id: \"a\", parent");
    let message = refused(&text, ErrorKind::MissingField, (6, 9));
    assert_eq!(
        message,
        "bad.ron:6:9: regions[1]: the required field `name` is missing; add `name: \"万盛经开区\"` to this entry"
    );
    let text = f2_with("unit: \"吨\", ", "");
    let message = refused(&text, ErrorKind::MissingField, (12, 9));
    assert!(message.ends_with("indicators[2]: the required field `unit` is missing; add `unit: \"亿元\"` to this entry"), "{message}");
    let text = f2_with("from: 2019, ", "");
    let message = refused(&text, ErrorKind::MissingField, (27, 9));
    assert!(
        message.ends_with(
            "series[0]: the required field `from` is missing; add `from: 2015` to this entry"
        ),
        "{message}"
    );
}

/// A format-1 file exactly as the writer lays it out.
const F1: &str = r#"Dataset(
    format: 1,
    title: "测试数据",
    title_en: "Test data",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
    ],
    indicators: [
        (id: "days", name: "优良天数", name_en: "Good days", unit: "天", unit_en: "days", better: Higher, min: Some(0.0), max: Some(366.0)),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: Some("2023")),
    ],
    observations: [
        (region: "a", indicator: "days", year: 2022, value: 343.0, kind: Actual, source: "s", note: Some("优")),
    ],
)
"#;

#[test]
fn a_format_1_file_loads_unchanged_and_is_written_back_byte_for_byte() {
    let d = parse_dataset("f1.ron", F1).unwrap();
    assert!(!d.uses_format_2());
    assert!(d.is_flat());
    let o = d.observations().get(0).expect("one observation");
    assert_eq!(
        (o.bound, o.measure, o.months),
        (Bound::Exact, Measure::Level, None)
    );
    assert_eq!(dataset_to_ron(&d), F1);
}

#[test]
fn a_format_2_field_in_a_format_1_file_is_read_and_written_back_as_format_2() {
    let text = F1.replace("value: 343.0, kind", "value: 343.0, bound: AtLeast, kind");
    let d = parse_dataset("f1.ron", &text).expect("format-2 fields are read in a format-1 file");
    let first = d.observations().get(0).expect("one observation");
    assert_eq!(first.bound, Bound::AtLeast);
    assert_eq!(dataset_to_ron(&d), text.replace("format: 1", "format: 2"));
    // Leaving out an English field is a format-2 feature too.
    let text = F1.replace("    title_en: \"Test data\",\n", "");
    let written = dataset_to_ron(&parse_dataset("f1.ron", &text).unwrap());
    assert_eq!(written, text.replace("format: 1", "format: 2"));
}

#[test]
fn a_format_newer_than_2_is_refused() {
    let message = refused(
        &F1.replace("format: 1", "format: 3"),
        ErrorKind::NewerFormat,
        (2, 13),
    );
    assert!(
        message.contains("format 3 is newer than this program reads (up to 2)"),
        "{message}"
    );
}

#[test]
fn a_format_2_file_round_trips() {
    let d = f2();
    assert!(d.uses_format_2());
    let text = dataset_to_ron(&d);
    assert!(
        text.starts_with("Dataset(\n    format: 2,\n    title: \"测试数据\",\n    regions: [\n"),
        "{text}"
    );
    // Omitted English stays omitted; the parent, bound, measure and months are written.
    assert!(
        text.contains("        (id: \"a\", name: \"甲区\", parent: Some(\"cq\")),\n"),
        "{text}"
    );
    assert!(text.contains("        (id: \"out\", name: \"工业总产值\", unit: \"亿元\", better: Higher, min: Some(0.0), max: None),\n"), "{text}");
    assert!(text.contains("        (region: \"a\", indicator: \"out\", year: 2022, value: 10.0, measure: GrowthPct, bound: AtLeast, kind: Target, source: \"s\"),\n"), "{text}");
    assert!(text.contains("        (region: \"b\", indicator: \"projects\", year: 2021, months: Some((1, 11)), value: 37.0, kind: Actual, source: \"s\"),\n"), "{text}");
    // The series stays a series (dense layout, the missing year `None`), after the
    // observations that cannot be one (a bound, months, a growth rate alone).
    assert!(text.contains("        (region: \"b\", indicator: \"out\", year: 2022, value: 100.0, bound: About, kind: Estimate, source: \"s\"),\n    ],\n    series: [\n        (region: \"b\", indicator: \"out\", kind: Actual, source: \"s\", from: 2019, values: [Some(80.5), None, Some(90.25)]),\n    ],\n)\n"), "{text}");
    let again = parse_dataset("again.ron", &text).unwrap();
    assert_eq!(again, d);
    assert_eq!(dataset_to_ron(&again), text);
}

#[test]
fn figures_are_shown_with_their_bound_measure_and_months() {
    assert_eq!(
        format_value(300.0, Bound::MoreThan, Measure::Level, Lang::Zh),
        "> 300"
    );
    assert_eq!(
        format_value(10.0, Bound::AtLeast, Measure::GrowthPct, Lang::Zh),
        "≥ 10 %"
    );
    assert_eq!(
        format_value(99.56, Bound::Exact, Measure::Level, Lang::En),
        "99.56"
    );
    assert_eq!(
        format_value(100.0, Bound::About, Measure::Level, Lang::Zh),
        "约 100"
    );
    assert_eq!(
        format_value(100.0, Bound::About, Measure::Level, Lang::En),
        "about 100"
    );
    assert_eq!(
        format_value(0.5, Bound::AtMost, Measure::Level, Lang::En),
        "≤ 0.5"
    );
    assert_eq!(
        format_value(-3.5, Bound::LessThan, Measure::GrowthPct, Lang::En),
        "< -3.5 %"
    );
    assert_eq!(months_label(Some((1, 11)), Lang::Zh), "1—11月");
    assert_eq!(months_label(Some((1, 11)), Lang::En), "Jan–Nov");
    assert_eq!(months_label(Some((6, 6)), Lang::Zh), "6月");
    assert_eq!(months_label(Some((6, 6)), Lang::En), "Jun");
    assert_eq!(months_label(None, Lang::Zh), "");
}

/// Whether an exact actual meets a target stated with `bound`, as the targets judge it
/// (the direction from the bound, else the polarity; strict for "more/less than").
fn met(actual: f64, bound: Bound, target: f64, better: Better) -> bool {
    use yardstick::model::targets::{bound_meets, target_direction};
    let strict = matches!(bound, Bound::MoreThan | Bound::LessThan);
    bound_meets(
        actual,
        Bound::Exact,
        target,
        target_direction(bound, better),
        strict,
    ) == Some(true)
}

#[test]
fn a_target_bound_is_met_as_written_and_exact_follows_the_polarity() {
    // Energy intensity, lower is better: "不高于0.5" is met by 0.5 and below.
    assert!(met(0.5, Bound::AtMost, 0.5, Better::Lower));
    assert!(!met(0.51, Bound::AtMost, 0.5, Better::Lower));
    assert!(!met(0.5, Bound::LessThan, 0.5, Better::Lower));
    // An exact target is reached in the better direction.
    assert!(met(0.4, Bound::Exact, 0.5, Better::Lower));
    assert!(!met(0.6, Bound::Exact, 0.5, Better::Lower));
    assert!(met(500.0, Bound::Exact, 500.0, Better::Higher));
    assert!(!met(499.9, Bound::Exact, 500.0, Better::Higher));
    // A bound against the polarity means what it says.
    assert!(met(0.6, Bound::AtLeast, 0.5, Better::Lower));
    assert!(!met(300.0, Bound::MoreThan, 300.0, Better::Higher));
    assert!(met(300.5, Bound::MoreThan, 300.0, Better::Higher));
}

#[test]
fn csv_export_has_the_bound_measure_and_months_columns() {
    let d = f2();
    let selection = Selection {
        indicator: d.indicator_by_id("out").unwrap(),
        regions: vec![d.region_by_id("a").unwrap(), d.region_by_id("b").unwrap()],
        years: (2019, 2022),
        kind: ChartKind::Line,
        mode: ViewMode::Absolute,
        log_scale: false,
    };
    let spec = build_chart(&d, &selection, Lang::Zh);
    let text = csv::to_csv(&spec);
    assert_eq!(
        text,
        "\u{feff}region,indicator,year,value,unit,kind,source,note,published_value,region_id,indicator_id,bound,measure,months\n\
         甲区,工业总产值,2022,300,亿元,actual,来源,,300,a,out,more_than,level,\n\
         乙区,工业总产值,2019,80.5,亿元,actual,来源,,80.5,b,out,exact,level,\n\
         乙区,工业总产值,2021,90.25,亿元,actual,来源,,90.25,b,out,exact,level,\n\
         乙区,工业总产值,2022,100,亿元,estimate,来源,,100,b,out,about,level,\n"
    );
    // A part-year growth rate, should a chart carry one, is written with its codes.
    let mut spec = spec;
    let point = &mut spec.series[0].points[0];
    point.measure = Measure::GrowthPct;
    point.months = Some((1, 11));
    let text = csv::to_csv(&spec);
    assert!(
        text.contains(
            "\n甲区,工业总产值,2022,300,亿元,actual,来源,,300,a,out,more_than,growth_pct,1-11\n"
        ),
        "{text}"
    );
}

#[test]
fn a_scenario_edit_on_a_bound_is_exact_and_a_projection_keeps_the_bound() {
    let d = f2();
    let a = d.region_by_id("a").unwrap();
    let b = d.region_by_id("b").unwrap();
    let out = d.indicator_by_id("out").unwrap();
    let mut scenario = Scenario::new("试算", "f2.ron");
    scenario.set_edit(Edit::new("a", "out", 2022, Some(320.0)));
    scenario
        .growth
        .push(GrowthRule::new("b", "out", 2022, 2023, 10.0));
    let applied = apply(&d, &scenario);
    assert!(applied.problems().is_empty(), "{:?}", applied.problems());
    // The baseline "> 300" was a bound; the typed 320 is exact.
    let edited = applied.measured(&d, a, out, 2022).unwrap();
    assert_eq!(
        (edited.value, edited.bound, edited.origin),
        (320.0, Bound::Exact, Origin::Edited)
    );
    assert_eq!(edited.baseline, Some(300.0));
    // Without a scenario, the cell is the bound it was published as.
    let baseline = yardstick::model::Applied::none()
        .measured(&d, a, out, 2022)
        .unwrap();
    assert_eq!((baseline.value, baseline.bound), (300.0, Bound::MoreThan));
    // Grown 10 % from "约 100": about 110.
    let projected = applied.measured(&d, b, out, 2023).unwrap();
    assert_eq!(projected.origin, Origin::Projected);
    assert_eq!(projected.bound, Bound::About);
    assert!(
        (projected.value - 110.0).abs() < 1e-9,
        "{}",
        projected.value
    );
}

#[test]
fn an_observation_is_shown_with_its_bound_measure_and_months() {
    use yardstick::model::format_observation;
    let d = f2();
    let shown: Vec<(String, String)> = d
        .observations()
        .iter()
        .map(|o| {
            (
                format_observation(&o, Lang::Zh),
                format_observation(&o, Lang::En),
            )
        })
        .collect();
    let pair = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    assert_eq!(
        shown,
        vec![
            pair("> 300", "> 300"),
            pair("≥ 10 %", "≥ 10 %"),
            pair("-3.5 %", "-3.5 %"),
            pair("37 (1—11月)", "37 (Jan–Nov)"),
            pair("166", "166"),
            pair("≤ 0.5", "≤ 0.5"),
            pair("约 100", "about 100"),
            pair("80.5", "80.5"),
            pair("90.25", "90.25"),
        ]
    );
}

#[test]
fn a_parent_is_an_aggregate_and_left_out_of_the_default_picks() {
    use yardstick::model::view::{aggregate_regions, default_view};
    let d = f2();
    assert_eq!(aggregate_regions(&d), vec![true, false, false]);
    assert_eq!(default_view(&d).regions, vec![false, true, true]);
}
