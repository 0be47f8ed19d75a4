//! Targets of every form (model::targets): each status boundary, lower-is-better mirrored,
//! bounds, the reason text, and a target judged on a scenario beside the baseline. Expected
//! values are worked out by hand in the comments.

use yardstick::io::parse_dataset;
use yardstick::lang::Lang;
use yardstick::model::analysis::TargetStatus;
use yardstick::model::scenario::{GrowthRule, Scenario, apply};
use yardstick::model::targets::{
    Basis, Bound, ScenarioInput, TargetRow, bound_meets, judge_targets, reason, side_by_side,
};
use yardstick::model::{Better, Dataset};

/// One region `r`, one indicator `x` with polarity `better`, observations `(year, value,
/// kind)`.
fn one_series(better: &str, obs: &[(i32, f64, &str)]) -> Dataset {
    let observations: String = obs
        .iter()
        .map(|(year, value, kind)| {
            format!(
                "(region: \"r\", indicator: \"x\", year: {year}, value: {value:?}, kind: {kind}, source: \"s\"),\n"
            )
        })
        .collect();
    parse_dataset(
        "test.ron",
        &format!(
            r#"Dataset(
    format: 1, title: "t", title_en: "t",
    regions: [(id: "r", name: "区", name_en: "R")],
    indicators: [(id: "x", name: "产值", name_en: "Output", unit: "亿元", unit_en: "100m yuan", better: {better}, min: None, max: None)],
    sources: [(id: "s", title: "来源", url: None, published: None)],
    observations: [
{observations}    ],
)"#
        ),
    )
    .expect("test data loads")
}

fn only_row(d: &Dataset) -> TargetRow {
    let mut rows = judge_targets(d, None);
    assert_eq!(rows.len(), 1, "one target");
    rows.remove(0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// 2019 = 100, 2022 = 133.1: 1.1³ = 1.331, so the recent 3-year growth is exactly 10 %.

#[test]
fn level_target_on_track_when_recent_growth_equals_the_required() {
    // 133.1 × 1.1³ = 177.1561: required exactly 10 % = recent.
    let d = one_series(
        "Higher",
        &[
            (2019, 100.0, "Actual"),
            (2022, 133.1, "Actual"),
            (2025, 177.1561, "Target"),
        ],
    );
    let j = only_row(&d).baseline;
    assert!(close(j.required_pct.unwrap(), 10.0));
    assert!(close(j.recent_pct.unwrap(), 10.0));
    assert_eq!(j.recent_span, Some(3));
    assert_eq!(j.status, TargetStatus::OnTrack);
    assert_eq!(
        reason(&j, Lang::Zh),
        "需年均增长 10.0 %（2022→2025），近 3 年年均 10.0 %"
    );
    assert_eq!(
        reason(&j, Lang::En),
        "needs 10.0 %/yr (2022→2025), recent 3 years 10.0 %/yr"
    );
}

#[test]
fn level_target_at_risk_at_exactly_80_percent_and_off_track_below() {
    // 133.1 × 1.125³ = 133.1 × 1.423828125 = 189.5115234375: required 12.5 %, and
    // 10 % = 0.8 × 12.5 %: at risk.
    let d = one_series(
        "Higher",
        &[
            (2019, 100.0, "Actual"),
            (2022, 133.1, "Actual"),
            (2025, 189.5115234375, "Target"),
        ],
    );
    let j = only_row(&d).baseline;
    assert!(close(j.required_pct.unwrap(), 12.5));
    assert_eq!(j.status, TargetStatus::AtRisk);
    // (190 / 133.1)^(1/3) = 1.125966…: required 12.5966 %, 0.8 × that = 10.077 % > 10 %.
    let d = one_series(
        "Higher",
        &[
            (2019, 100.0, "Actual"),
            (2022, 133.1, "Actual"),
            (2025, 190.0, "Target"),
        ],
    );
    let j = only_row(&d).baseline;
    assert!((j.required_pct.unwrap() - 12.5966).abs() < 1e-4);
    assert_eq!(j.status, TargetStatus::OffTrack);
    // Short of the target by (190 − 133.1) / 190 = 29.947… %.
    assert!((j.shortfall.unwrap() - 29.947_368).abs() < 1e-5);
}

#[test]
fn level_target_already_met_and_settled_by_its_year() {
    let d = one_series(
        "Higher",
        &[
            (2019, 100.0, "Actual"),
            (2022, 133.1, "Actual"),
            (2025, 130.0, "Target"),
        ],
    );
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::Achieved);
    assert_eq!(j.basis, Basis::AlreadyMet);
    assert_eq!(reason(&j, Lang::Zh), "2022年已达 133.1（目标 130）");
    assert_eq!(reason(&j, Lang::En), "already 133.1 in 2022 (target 130)");

    // The target year has a value: it settles the target. 450 < 500 by 10 %.
    let d = one_series(
        "Higher",
        &[
            (2022, 300.0, "Actual"),
            (2025, 450.0, "Actual"),
            (2025, 500.0, "Target"),
        ],
    );
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::OffTrack);
    assert_eq!(j.basis, Basis::Settled);
    assert_eq!(reason(&j, Lang::En), "2025 = 450 < 500, behind 10.0 %");
    assert_eq!(reason(&j, Lang::Zh), "2025年 = 450 < 500，落后 10.0 %");
}

#[test]
fn lower_is_better_is_mirrored() {
    // 2019 = 1.0, 2022 = 0.729: 0.9³ = 0.729, a recent decline of exactly 10 % a year.
    // 0.729 × 0.9³ = 0.531441: required −10 % = recent: on track.
    let on = one_series(
        "Lower",
        &[
            (2019, 1.0, "Actual"),
            (2022, 0.729, "Actual"),
            (2025, 0.531441, "Target"),
        ],
    );
    let j = only_row(&on).baseline;
    assert_eq!(j.direction, Better::Lower);
    assert!(close(j.required_pct.unwrap(), -10.0));
    assert_eq!(j.status, TargetStatus::OnTrack);
    assert_eq!(
        reason(&j, Lang::Zh),
        "需年均下降 10.0 %（2022→2025），近 3 年年均 -10.0 %"
    );
    // 0.729 × 0.875³ = 0.488373046875: required −12.5 %, −10 % is 80 % of it: at risk.
    let risk = one_series(
        "Lower",
        &[
            (2019, 1.0, "Actual"),
            (2022, 0.729, "Actual"),
            (2025, 0.488373046875, "Target"),
        ],
    );
    assert_eq!(only_row(&risk).baseline.status, TargetStatus::AtRisk);
    // 0.45: required ((0.45/0.729)^(1/3) − 1) = −14.9 %, 0.8 × = −11.9 % < −10 %: off track.
    let off = one_series(
        "Lower",
        &[
            (2019, 1.0, "Actual"),
            (2022, 0.729, "Actual"),
            (2025, 0.45, "Target"),
        ],
    );
    assert_eq!(only_row(&off).baseline.status, TargetStatus::OffTrack);
    // Already below the target: achieved.
    let met = one_series("Lower", &[(2022, 0.729, "Actual"), (2025, 0.8, "Target")]);
    assert_eq!(only_row(&met).baseline.status, TargetStatus::Achieved);
}

#[test]
fn one_value_only_is_unknown_with_its_reason() {
    let d = one_series(
        "Higher",
        &[(2022, 300.0, "Actual"), (2025, 500.0, "Target")],
    );
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::Unknown);
    assert_eq!(j.basis, Basis::NoRecentGrowth);
    // (500 / 300)^(1/3) − 1 = 18.5631 %: the requirement is known even so.
    assert!((j.required_pct.unwrap() - 18.5631).abs() < 1e-4);
    assert_eq!(reason(&j, Lang::Zh), "只有2022年一个实际值，没有近年增速");
    assert_eq!(
        reason(&j, Lang::En),
        "one actual value only (2022): no recent growth"
    );
    // Nothing before the target year at all.
    let d = one_series("Higher", &[(2025, 500.0, "Target")]);
    let j = only_row(&d).baseline;
    assert_eq!(
        (j.status, j.basis),
        (TargetStatus::Unknown, Basis::NoBaseline)
    );
    assert_eq!(
        reason(&j, Lang::En),
        "no whole-year actual value before 2025"
    );
}

#[test]
fn a_scenario_is_judged_beside_the_baseline() {
    // "If output grows 15 % a year from 2022 (300)": 2025 = 300 × 1.15³ = 300 × 1.520875 =
    // 456.2625 < 500, short by 43.7375 / 500 = 8.7475 %.
    let d = one_series(
        "Higher",
        &[(2022, 300.0, "Actual"), (2025, 500.0, "Target")],
    );
    let mut scenario = Scenario::new("冲刺", "test.ron");
    scenario
        .growth
        .push(GrowthRule::new("r", "x", 2022, 2025, 15.0));
    let applied = apply(&d, &scenario);
    let rows = judge_targets(
        &d,
        Some(ScenarioInput {
            scenario: &scenario,
            applied: &applied,
        }),
    );
    let row = &rows[0];
    assert_eq!(row.baseline.status, TargetStatus::Unknown);
    let s = row.scenario.as_ref().expect("judged on the scenario");
    assert_eq!(s.status, TargetStatus::OffTrack);
    let outcome = s.outcome.expect("the scenario's 2025 value");
    assert!(close(outcome.value, 456.2625));
    assert!(close(s.shortfall.unwrap(), 8.7475));
    assert_eq!(reason(s, Lang::En), "2025 = 456.3 < 500, behind 8.7 %");
    assert_eq!(
        side_by_side(row, &d, Some(&scenario), Lang::En),
        "baseline: unknown (one actual value only (2022): no recent growth) · scenario 15.0 %/yr: off track (2025 = 456.3 < 500, behind 8.7 %)"
    );
    assert_eq!(
        side_by_side(row, &d, Some(&scenario), Lang::Zh),
        "基线: 无法判断（只有2022年一个实际值，没有近年增速） · 情景 年增 15.0 %: 落后（2025年 = 456.3 < 500，落后 8.7 %）"
    );

    // 20 % a year reaches it: 300 × 1.2³ = 518.4 ≥ 500.
    scenario.growth[0].annual_pct = 20.0;
    let applied = apply(&d, &scenario);
    let rows = judge_targets(
        &d,
        Some(ScenarioInput {
            scenario: &scenario,
            applied: &applied,
        }),
    );
    let s = rows[0].scenario.as_ref().expect("judged");
    assert_eq!(s.status, TargetStatus::Achieved);
    assert_eq!(reason(s, Lang::En), "2025 = 518.4 > 500, achieved");
}

#[test]
fn a_scenario_ending_before_the_target_year_is_judged_by_its_pace() {
    // 15 % a year from 2022 to 2024 only: latest 2024 = 300 × 1.15² = 396.75, recent growth
    // over 2 years 15 % (no value 2021 or 2019), required (500 / 396.75) − 1 = 26.02 %:
    // 15 / 26.02 = 0.58 < 0.8, off track.
    let d = one_series(
        "Higher",
        &[(2022, 300.0, "Actual"), (2025, 500.0, "Target")],
    );
    let mut scenario = Scenario::new("s", "test.ron");
    scenario
        .growth
        .push(GrowthRule::new("r", "x", 2022, 2024, 15.0));
    let applied = apply(&d, &scenario);
    let rows = judge_targets(
        &d,
        Some(ScenarioInput {
            scenario: &scenario,
            applied: &applied,
        }),
    );
    let s = rows[0].scenario.as_ref().expect("judged");
    let latest = s.latest.expect("a latest value");
    assert_eq!(latest.year, 2024);
    assert!(close(latest.value, 396.75));
    assert!(close(s.recent_pct.unwrap(), 15.0));
    assert_eq!(s.recent_span, Some(2));
    assert!((s.required_pct.unwrap() - 26.0239).abs() < 1e-4);
    assert_eq!(s.status, TargetStatus::OffTrack);
}

#[test]
fn bounds_are_numbers_with_a_direction() {
    use Better::{Higher, Lower};
    // "首次突破300亿元" (MoreThan 300) meets a 300 target.
    assert_eq!(
        bound_meets(300.0, Bound::MoreThan, 300.0, Higher, false),
        Some(true)
    );
    // A "突破1000亿元" target (strict) is not reached by exactly 1000 …
    assert_eq!(
        bound_meets(1000.0, Bound::Exact, 1000.0, Higher, true),
        Some(false)
    );
    // … but by more than 1000, and by 1000.5.
    assert_eq!(
        bound_meets(1000.0, Bound::MoreThan, 1000.0, Higher, true),
        Some(true)
    );
    assert_eq!(
        bound_meets(1000.5, Bound::Exact, 1000.0, Higher, true),
        Some(true)
    );
    // "at least 1000" may be exactly 1000: whether it is more than 1000 cannot be told.
    assert_eq!(
        bound_meets(1000.0, Bound::AtLeast, 1000.0, Higher, true),
        None
    );
    // "below 1200" against a 1000 target: open; "below 900": missed.
    assert_eq!(
        bound_meets(1200.0, Bound::LessThan, 1000.0, Higher, false),
        None
    );
    assert_eq!(
        bound_meets(900.0, Bound::LessThan, 1000.0, Higher, false),
        Some(false)
    );
    // Lower is better, mirrored: "at most 0.5" meets a 0.5 ceiling, "more than 0.5" misses.
    assert_eq!(
        bound_meets(0.5, Bound::AtMost, 0.5, Lower, false),
        Some(true)
    );
    assert_eq!(
        bound_meets(0.5, Bound::MoreThan, 0.5, Lower, false),
        Some(false)
    );
    assert_eq!(bound_meets(0.4, Bound::Exact, 0.5, Lower, true), Some(true));
    assert_eq!(
        bound_meets(0.5, Bound::Exact, 0.5, Lower, true),
        Some(false)
    );
}

// --- format 2 forms: growth-rate targets, bounds, part-year figures ----------------------

/// A format-2 dataset: region `r`, indicators `x` (亿元, Higher) and `projects` (个), with
/// the observations given as RON text.
fn format2(observations: &str) -> Dataset {
    parse_dataset(
        "f2.ron",
        &format!(
            r#"Dataset(
    format: 2, title: "t",
    regions: [(id: "r", name: "区")],
    indicators: [
        (id: "x", name: "产值", unit: "亿元", better: Higher, min: Some(0.0)),
        (id: "projects", name: "重点项目", unit: "个"),
    ],
    sources: [(id: "s", title: "来源", url: None, published: None)],
    observations: [
{observations}
    ],
)"#
        ),
    )
    .expect("format-2 test data loads")
}

const GROWTH_TARGET: &str = r#"(region: "r", indicator: "x", year: 2022, value: 10.0, measure: GrowthPct, bound: AtLeast, kind: Target, source: "s"),"#;

#[test]
fn a_growth_target_is_judged_by_the_published_growth_of_its_year() {
    // "确保2022年增长10%以上", published 12 %: achieved.
    let d = format2(&format!(
        "{GROWTH_TARGET}\n(region: \"r\", indicator: \"x\", year: 2022, value: 12.0, measure: GrowthPct, kind: Actual, source: \"s\"),"
    ));
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::Achieved);
    assert_eq!(
        reason(&j, Lang::En),
        "2022 published growth: 12.0 %, target ≥ 10.0 %, achieved"
    );
    assert_eq!(
        reason(&j, Lang::Zh),
        "2022年公布增速: 12.0 %，目标 ≥ 10.0 %，已达成"
    );
    // Published 8.7 %: off track, 1.3 points short.
    let d = format2(&format!(
        "{GROWTH_TARGET}\n(region: \"r\", indicator: \"x\", year: 2022, value: 8.7, measure: GrowthPct, kind: Actual, source: \"s\"),"
    ));
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::OffTrack);
    assert!(close(j.shortfall.unwrap(), 1.3));
    assert_eq!(
        reason(&j, Lang::En),
        "2022 published growth: 8.7 %, target ≥ 10.0 %, 1.3 points short"
    );
}

#[test]
fn a_growth_target_without_a_published_rate_uses_the_levels() {
    // 200 → 216: 8 % < 10 %.
    let d = format2(&format!(
        "{GROWTH_TARGET}
(region: \"r\", indicator: \"x\", year: 2021, value: 200.0, kind: Actual, source: \"s\"),
(region: \"r\", indicator: \"x\", year: 2022, value: 216.0, kind: Actual, source: \"s\"),"
    ));
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::OffTrack);
    assert!(close(j.outcome.unwrap().value, 8.0));
    assert_eq!(
        reason(&j, Lang::En),
        "2022 growth of the levels: 8.0 %, target ≥ 10.0 %, 2.0 points short"
    );
}

#[test]
fn a_growth_target_before_its_year_is_judged_by_the_recent_growth() {
    // Levels 2018 = 100, 2021 = 133.1: 10 % a year over 3 years = the target: on track.
    let d = format2(&format!(
        "{GROWTH_TARGET}
(region: \"r\", indicator: \"x\", year: 2018, value: 100.0, kind: Actual, source: \"s\"),
(region: \"r\", indicator: \"x\", year: 2021, value: 133.1, kind: Actual, source: \"s\"),"
    ));
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::OnTrack);
    assert_eq!(
        reason(&j, Lang::En),
        "target growth ≥ 10.0 %, recent 3 years 10.0 %/yr"
    );
    // One level only, and a published 2021 rate of 7 %: 7 < 0.8 × 10, off track.
    let d = format2(&format!(
        "{GROWTH_TARGET}
(region: \"r\", indicator: \"x\", year: 2021, value: 133.1, kind: Actual, source: \"s\"),
(region: \"r\", indicator: \"x\", year: 2021, value: 7.0, measure: GrowthPct, kind: Actual, source: \"s\"),"
    ));
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::OffTrack);
    assert!(j.recent_published);
    assert_eq!(
        reason(&j, Lang::Zh),
        "目标增速 ≥ 10.0 %，最近公布增速 7.0 %"
    );
}

#[test]
fn a_growth_target_on_a_scenario_uses_the_scenario_levels() {
    // Baseline: 2021 = 200, published 2022 growth 8.7 %: off track. The scenario grows 15 %
    // from 2021 to 2022 (2022 = 230): its own growth, 15 % ≥ 10 %, achieved; the published
    // rate no longer describes the scenario's levels.
    let d = format2(&format!(
        "{GROWTH_TARGET}
(region: \"r\", indicator: \"x\", year: 2021, value: 200.0, kind: Actual, source: \"s\"),
(region: \"r\", indicator: \"x\", year: 2022, value: 8.7, measure: GrowthPct, kind: Actual, source: \"s\"),"
    ));
    let mut scenario = Scenario::new("s", "f2.ron");
    scenario
        .growth
        .push(GrowthRule::new("r", "x", 2021, 2022, 15.0));
    let applied = apply(&d, &scenario);
    let rows = judge_targets(
        &d,
        Some(ScenarioInput {
            scenario: &scenario,
            applied: &applied,
        }),
    );
    assert_eq!(rows[0].baseline.status, TargetStatus::OffTrack);
    let s = rows[0].scenario.as_ref().expect("judged");
    assert_eq!(s.status, TargetStatus::Achieved);
    assert!(close(s.outcome.unwrap().value, 15.0));
    assert_eq!(
        reason(s, Lang::En),
        "2022 scenario growth: 15.0 %, target ≥ 10.0 %, achieved"
    );
}

#[test]
fn a_breakthrough_target_needs_more_than_its_number() {
    // "突破1000亿元" in 2023: exactly 1000 is not enough, 1010 is.
    let target = r#"(region: "r", indicator: "x", year: 2023, value: 1000.0, bound: MoreThan, kind: Target, source: "s"),"#;
    let d = format2(&format!(
        "{target}\n(region: \"r\", indicator: \"x\", year: 2023, value: 1000.0, kind: Actual, source: \"s\"),"
    ));
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::OffTrack);
    assert_eq!(reason(&j, Lang::En), "2023: 1000, target > 1000, missed");
    let d = format2(&format!(
        "{target}\n(region: \"r\", indicator: \"x\", year: 2023, value: 1010.0, kind: Actual, source: \"s\"),"
    ));
    assert_eq!(only_row(&d).baseline.status, TargetStatus::Achieved);
}

#[test]
fn an_actual_that_is_a_bound_meets_a_target_of_its_number() {
    // "首次突破300亿元" (2022, MoreThan 300) against a 300 target for 2025: already met.
    let d = format2(
        r#"(region: "r", indicator: "x", year: 2022, value: 300.0, bound: MoreThan, kind: Actual, source: "s"),
(region: "r", indicator: "x", year: 2025, value: 300.0, kind: Target, source: "s"),"#,
    );
    let j = only_row(&d).baseline;
    assert_eq!(
        (j.status, j.basis),
        (TargetStatus::Achieved, Basis::AlreadyMet)
    );
    assert_eq!(reason(&j, Lang::En), "already > 300 in 2022 (target 300)");
}

#[test]
fn a_part_year_figure_is_progress_not_the_year() {
    // 166 key projects planned for 2021; 1—11月 37 completed: progress, never the year's value.
    let d = format2(
        r#"(region: "r", indicator: "projects", year: 2021, value: 166.0, kind: Target, source: "s"),
(region: "r", indicator: "projects", year: 2021, months: Some((1, 11)), value: 37.0, kind: Actual, source: "s"),"#,
    );
    let j = only_row(&d).baseline;
    assert_eq!(j.status, TargetStatus::Unknown);
    assert_eq!(
        j.outcome, None,
        "a part-year figure does not settle the year"
    );
    assert_eq!(
        j.progress.map(|p| (p.months, p.value)),
        Some(((1, 11), 37.0))
    );
    assert_eq!(
        reason(&j, Lang::Zh),
        "2021年之前没有全年实际值；1—11月: 37 / 166"
    );
    assert_eq!(
        reason(&j, Lang::En),
        "no whole-year actual value before 2021; Jan–Nov: 37 of 166"
    );
}

#[test]
fn a_bound_on_a_target_sets_its_direction_whatever_the_polarity() {
    // Defined meaning: "不高于 0.5" (AtMost) on a higher-is-better indicator asks for ≤ 0.5;
    // an Exact target follows the polarity. 0.6 misses the ceiling, 0.4 meets it.
    let obs = |value: f64| {
        format!(
            r#"(region: "r", indicator: "x", year: 2023, value: 0.5, bound: AtMost, kind: Target, source: "s"),
(region: "r", indicator: "x", year: 2023, value: {value:?}, kind: Actual, source: "s"),"#
        )
    };
    let j = only_row(&format2(&obs(0.6))).baseline;
    assert_eq!(j.direction, Better::Lower);
    assert_eq!(j.status, TargetStatus::OffTrack);
    assert_eq!(
        reason(&j, Lang::En),
        "2023: 0.6, target ≤ 0.5, behind 20.0 %"
    );
    assert_eq!(
        only_row(&format2(&obs(0.4))).baseline.status,
        TargetStatus::Achieved
    );
}
