//! Analysis: growth measures, polarity-aware ranks and scores, composites, target tracking,
//! and the bundled 万盛 industrial-output target.

use yardstick::io::parse_dataset;
use yardstick::model::analysis::{
    AT_RISK_SHARE, CompositeError, TargetStatus, cagr, composite, index_to_base, judge_pace,
    measured_series, normalised, rank, required_path, track_target, track_targets, yoy_change,
};
use yardstick::model::values::Values;
use yardstick::model::{Better, Dataset, IndicatorIdx, ObservationKind, RegionIdx};

/// Regions a, b, c, d. `out` (Higher): a 100 (2017), 110 (2018), gap 2019, 133.1 (2020),
/// estimate 140 (2021), target 200 (2024); b 90 (2020), c 133.1 (2020), d nothing.
/// `energy` (Lower): a 0.5, b 0.4, c 0.5, d 0.8 in 2020.
const DATA: &str = r#"Dataset(
    format: 1, title: "测试", title_en: "Test",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
        (id: "c", name: "丙区", name_en: "C"),
        (id: "d", name: "丁区", name_en: "D"),
    ],
    indicators: [
        (id: "out", name: "产值", name_en: "Output", unit: "亿元", unit_en: "100m yuan", better: Higher, min: Some(0.0), max: None),
        (id: "energy", name: "能耗", name_en: "Energy intensity", unit: "吨", unit_en: "t", better: Lower, min: Some(0.0), max: None),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: None),
    ],
    observations: [
        (region: "a", indicator: "out", year: 2017, value: 100.0, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2018, value: 110.0, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2020, value: 133.1, kind: Actual, source: "s"),
        (region: "a", indicator: "out", year: 2021, value: 140.0, kind: Estimate, source: "s"),
        (region: "a", indicator: "out", year: 2024, value: 200.0, kind: Target, source: "s"),
        (region: "b", indicator: "out", year: 2020, value: 90.0, kind: Actual, source: "s"),
        (region: "c", indicator: "out", year: 2020, value: 133.1, kind: Actual, source: "s"),
        (region: "a", indicator: "energy", year: 2020, value: 0.5, kind: Actual, source: "s"),
        (region: "b", indicator: "energy", year: 2020, value: 0.4, kind: Actual, source: "s"),
        (region: "c", indicator: "energy", year: 2020, value: 0.5, kind: Actual, source: "s"),
        (region: "d", indicator: "energy", year: 2020, value: 0.8, kind: Actual, source: "s"),
    ],
)"#;

fn load(text: &str) -> Dataset {
    parse_dataset("test.ron", text).expect("test data loads")
}

fn region(d: &Dataset, id: &str) -> RegionIdx {
    d.region_by_id(id).expect("region exists")
}

fn indicator(d: &Dataset, id: &str) -> IndicatorIdx {
    d.indicator_by_id(id).expect("indicator exists")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// One region `r`, one indicator `x` with the given polarity, and the given observations
/// written as `(year, value, kind)`.
fn one_series(better: &str, obs: &[(i32, f64, &str)]) -> Dataset {
    let observations: String = obs
        .iter()
        .map(|(year, value, kind)| {
            format!(
                "(region: \"r\", indicator: \"x\", year: {year}, value: {value:?}, kind: {kind}, source: \"s\"),\n"
            )
        })
        .collect();
    load(&format!(
        r#"Dataset(
    format: 1, title: "t", title_en: "t",
    regions: [(id: "r", name: "区", name_en: "R")],
    indicators: [(id: "x", name: "指标", name_en: "X", unit: "u", unit_en: "u", better: {better}, min: None, max: None)],
    sources: [(id: "s", title: "来源", url: None, published: None)],
    observations: [
{observations}    ],
)"#
    ))
}

fn track_of(d: &Dataset, target_year: i32) -> yardstick::model::analysis::TargetTrack {
    track_target(d, region(d, "r"), indicator(d, "x"), target_year).expect("the target is tracked")
}

// --- basic measures ----------------------------------------------------------------------

#[test]
fn cagr_by_hand() {
    // 100 → 133.1 over 3 years: 1.1³ = 1.331, so exactly 10 % a year.
    assert!(close(cagr(100.0, 133.1, 3).unwrap(), 10.0));
    // 300 → 500 over 3 years: (5/3)^(1/3) = 1.185631…, so 18.5631 %.
    assert!((cagr(300.0, 500.0, 3).unwrap() - 18.5631).abs() < 1e-4);
    // Zero, negative start, negative end, no time: no rate.
    assert_eq!(cagr(0.0, 10.0, 3), None);
    assert_eq!(cagr(-5.0, 10.0, 3), None);
    assert_eq!(cagr(5.0, -10.0, 3), None);
    assert_eq!(cagr(5.0, 10.0, 0), None);
    assert_eq!(cagr(f64::NAN, 10.0, 1), None);
}

#[test]
fn yoy_and_index() {
    assert!(close(yoy_change(110.0, 121.0).unwrap(), 10.0));
    assert!(close(yoy_change(50.0, 0.0).unwrap(), -100.0));
    assert_eq!(yoy_change(0.0, 3.0), None, "zero base");
    assert_eq!(yoy_change(-4.0, -2.0), None, "negative base");
    assert!(close(index_to_base(121.0, 110.0).unwrap(), 110.0));
    assert!(close(index_to_base(0.0, 110.0).unwrap(), 0.0));
    assert_eq!(index_to_base(121.0, 0.0), None, "zero base");
    assert_eq!(index_to_base(121.0, -1.0), None, "negative base");
}

#[test]
fn measured_series_prefers_actual_and_keeps_gaps() {
    let d = load(DATA);
    let a = region(&d, "a");
    let out = indicator(&d, "out");
    // 2019 is a gap, 2021 an estimate, the 2024 target is not a measured value.
    assert_eq!(
        measured_series(&d, a, out),
        vec![(2017, 100.0), (2018, 110.0), (2020, 133.1), (2021, 140.0)]
    );
    assert_eq!(
        d.measured_with_kind(a, out, 2021),
        Some((140.0, ObservationKind::Estimate))
    );
    assert_eq!(d.measured(a, out, 2019), None);
    assert!(measured_series(&d, region(&d, "d"), out).is_empty());
}

// --- ranks and scores --------------------------------------------------------------------

#[test]
fn ranking_higher_is_better_with_a_tie() {
    let d = load(DATA);
    let ranked = rank(&d, indicator(&d, "out"), 2020);
    let got: Vec<(RegionIdx, usize)> = ranked.iter().map(|r| (r.region, r.rank)).collect();
    // a and c tie at 133.1 (display order kept), b third; d has no value and is absent.
    assert_eq!(
        got,
        vec![
            (region(&d, "a"), 1),
            (region(&d, "c"), 1),
            (region(&d, "b"), 3)
        ]
    );
}

#[test]
fn ranking_lower_is_better_with_ties() {
    let d = load(DATA);
    let ranked = rank(&d, indicator(&d, "energy"), 2020);
    let got: Vec<(RegionIdx, f64, usize)> =
        ranked.iter().map(|r| (r.region, r.value, r.rank)).collect();
    // Smallest first; a and c share rank 2, so the next rank is 4 (competition ranking).
    assert_eq!(
        got,
        vec![
            (region(&d, "b"), 0.4, 1),
            (region(&d, "a"), 0.5, 2),
            (region(&d, "c"), 0.5, 2),
            (region(&d, "d"), 0.8, 4),
        ]
    );
    assert!(rank(&d, indicator(&d, "energy"), 1999).is_empty());
}

#[test]
fn normalised_respects_polarity() {
    let d = load(DATA);
    // Lower is better: 0.4 best (100), 0.8 worst (0), 0.5 at (0.8 − 0.5) / 0.4 = 75.
    let scores = normalised(&d, indicator(&d, "energy"), 2020);
    let expected = [("a", 75.0), ("b", 100.0), ("c", 75.0), ("d", 0.0)];
    assert_eq!(scores.len(), expected.len());
    for ((r, s), (id, want)) in scores.iter().zip(expected) {
        assert_eq!(*r, region(&d, id));
        assert!(close(*s, want), "{id}: {s} ≠ {want}");
    }
    // Higher is better: 90 worst, 133.1 best; d absent.
    let scores = normalised(&d, indicator(&d, "out"), 2020);
    assert_eq!(scores.len(), 3);
    assert!(close(scores[0].1, 100.0) && close(scores[1].1, 0.0) && close(scores[2].1, 100.0));
}

#[test]
fn normalised_all_equal_gives_everyone_100() {
    let d = load(DATA);
    // Only region a has a 2017 value: no spread, so it scores 100.
    assert_eq!(
        normalised(&d, indicator(&d, "out"), 2017),
        vec![(region(&d, "a"), 100.0)]
    );
}

#[test]
fn composite_weights_and_renormalisation() {
    let d = load(DATA);
    let out = indicator(&d, "out");
    let energy = indicator(&d, "energy");
    let scores = composite(&d, &[(out, 3.0), (energy, 1.0)], 2020).unwrap();
    let find = |id: &str| {
        scores
            .iter()
            .find(|c| c.region == region(&d, id))
            .unwrap_or_else(|| panic!("no composite for {id}"))
    };
    // a: out 100, energy 75 → (3·100 + 1·75) / 4 = 93.75.
    assert!(close(find("a").score, 93.75));
    // b: out 0, energy 100 → (0 + 100) / 4 = 25.
    assert!(close(find("b").score, 25.0));
    // c: out 100, energy 75 → 93.75, ties with a.
    assert!(close(find("c").score, 93.75));
    // d: no out value; the energy weight alone is renormalised to 1 → its score 0.
    let dd = find("d");
    assert!(close(dd.score, 0.0));
    assert_eq!((dd.used, dd.missing.clone()), (1, vec![out]));
    assert_eq!((find("a").used, find("a").missing.len()), (2, 0));
    // Best first, ties in display order.
    let order: Vec<RegionIdx> = scores.iter().map(|c| c.region).collect();
    assert_eq!(
        order,
        ["a", "c", "b", "d"].map(|id| region(&d, id)).to_vec()
    );
}

#[test]
fn composite_renormalises_when_an_indicator_is_missing() {
    let d = load(DATA);
    let out = indicator(&d, "out");
    let energy = indicator(&d, "energy");
    // In 2017 only a has out, and nobody has energy: a scores its out score (100) alone.
    let scores = composite(&d, &[(out, 1.0), (energy, 1.0)], 2017).unwrap();
    assert_eq!(scores.len(), 1, "regions with no data at all are absent");
    assert_eq!(scores[0].region, region(&d, "a"));
    assert!(close(scores[0].score, 100.0));
    assert_eq!(scores[0].used, 1);
    assert_eq!(scores[0].missing, vec![energy]);
}

#[test]
fn composite_rejects_bad_weights() {
    let d = load(DATA);
    let out = indicator(&d, "out");
    let energy = indicator(&d, "energy");
    assert_eq!(
        composite(&d, &[(out, 1.0), (energy, -0.5)], 2020),
        Err(CompositeError::InvalidWeight {
            indicator: energy,
            weight: -0.5
        })
    );
    assert!(matches!(
        composite(&d, &[(out, f64::NAN)], 2020),
        Err(CompositeError::InvalidWeight { .. })
    ));
    assert_eq!(
        composite(&d, &[(out, 1.0), (out, 2.0)], 2020),
        Err(CompositeError::DuplicateIndicator(out))
    );
    assert_eq!(
        composite(&d, &[(out, 0.0)], 2020),
        Err(CompositeError::NoWeight)
    );
    assert_eq!(composite(&d, &[], 2020), Err(CompositeError::NoWeight));
    // A zero weight is ignored: the energy-only ranking remains.
    let scores = composite(&d, &[(out, 0.0), (energy, 2.0)], 2020).unwrap();
    assert_eq!(scores[0].region, region(&d, "b"));
    assert!(scores.iter().all(|c| c.missing.is_empty() && c.used == 1));
}

// --- target tracking ---------------------------------------------------------------------

#[test]
fn bundled_wansheng_industrial_output_target() {
    let d = yardstick::bundled_dataset().expect("bundled data loads");
    let wansheng = region(&d, "wansheng");
    let output = indicator(&d, "industrial_output");
    let t = track_target(&d, wansheng, output, 2025).expect("the 2025 target is tracked");
    assert_eq!((t.latest_year, t.latest_value), (2022, 300.0));
    assert_eq!(t.latest_kind, ObservationKind::Actual);
    assert_eq!((t.target, t.years_left), (500.0, 3));
    // (500 / 300)^(1/3) = 1.6667^(1/3) = 1.18563 (1.18563³ ≈ 1.66667), so ≈ 18.56 % a year.
    let required = t.required_pct.unwrap();
    assert!((required - 18.563).abs() < 1e-3, "{required}");
    // No earlier industrial output for 万盛: no recent growth to judge by.
    assert_eq!((t.cagr3, t.cagr5, t.recent_span), (None, None, None));
    assert_eq!(t.status, TargetStatus::Unknown);
    // The path: 300, 355.69, 421.72, 500.
    let path = required_path(&t);
    let years: Vec<i32> = path.iter().map(|p| p.0).collect();
    assert_eq!(years, vec![2022, 2023, 2024, 2025]);
    assert!(close(path[0].1, 300.0));
    assert!((path[1].1 - 355.689).abs() < 1e-2, "{}", path[1].1);
    assert!((path[2].1 - 421.716).abs() < 1e-2, "{}", path[2].1);
    assert!(close(path[3].1, 500.0));
    // And it is among all tracked targets.
    assert!(
        track_targets(&d)
            .iter()
            .any(|t| t.region == wansheng && t.indicator == output && t.target_year == 2025)
    );
}

#[test]
fn track_uses_an_estimate_as_latest_and_falls_back_in_span() {
    let d = load(DATA);
    let t = track_target(&d, region(&d, "a"), indicator(&d, "out"), 2024).unwrap();
    // Latest before 2024 is the 2021 estimate.
    assert_eq!(
        (t.latest_year, t.latest_value, t.latest_kind),
        (2021, 140.0, ObservationKind::Estimate)
    );
    assert_eq!(t.years_left, 3);
    // 2018 has a value: cagr3 = (140/110)^(1/3) − 1; 2016 has none: no cagr5.
    let c3 = ((140.0f64 / 110.0).powf(1.0 / 3.0) - 1.0) * 100.0;
    assert!(close(t.cagr3.unwrap(), c3));
    assert_eq!(t.cagr5, None);
    assert_eq!(t.recent_span, Some(3));
    // required (200/140)^(1/3) − 1 ≈ 12.6 %; recent ≈ 8.36 % < 0.8 × 12.6 = 10.1 → off track.
    assert_eq!(t.status, TargetStatus::OffTrack);
    assert_eq!(track_targets(&d).len(), 1);
}

#[test]
fn recent_span_falls_back_to_the_longest_available() {
    // Values at 2016 (−4) and 2019 (−1) only: 3 and 5 missing, the longest is 4.
    let d = one_series(
        "Higher",
        &[
            (2016, 100.0, "Actual"),
            (2019, 150.0, "Actual"),
            (2020, 200.0, "Actual"),
            (2023, 300.0, "Target"),
        ],
    );
    let t = track_of(&d, 2023);
    assert_eq!((t.cagr3, t.cagr5), (None, None));
    assert_eq!(t.recent_span, Some(4));
    assert!(close(t.recent_pct.unwrap(), cagr(100.0, 200.0, 4).unwrap()));
}

#[test]
fn on_track_exactly_equal_growth() {
    // Recent: 100 → 200 in 3 years; required: 200 → 400 in 3 years. Same rate → on track.
    let d = one_series(
        "Higher",
        &[
            (2017, 100.0, "Actual"),
            (2020, 200.0, "Actual"),
            (2023, 400.0, "Target"),
        ],
    );
    let t = track_of(&d, 2023);
    assert_eq!(t.recent_span, Some(3));
    assert_eq!(t.cagr3, t.required_pct);
    assert_eq!(t.status, TargetStatus::OnTrack);
}

#[test]
fn status_thresholds_at_their_boundaries() {
    use TargetStatus::*;
    let h = Better::Higher;
    let l = Better::Lower;
    assert_eq!(AT_RISK_SHARE, 0.8);
    // Exactly equal: on track.
    assert_eq!(judge_pace(h, Some(12.5), Some(12.5)), OnTrack);
    assert_eq!(judge_pace(l, Some(-12.5), Some(-12.5)), OnTrack);
    // Exactly 0.8 × required: at risk.
    assert_eq!(judge_pace(h, Some(12.5), Some(10.0)), AtRisk);
    assert_eq!(judge_pace(l, Some(-12.5), Some(-10.0)), AtRisk);
    // Just below 0.8 ×: off track.
    assert_eq!(judge_pace(h, Some(12.5), Some(9.999)), OffTrack);
    assert_eq!(judge_pace(l, Some(-12.5), Some(-9.999)), OffTrack);
    // Shrinking while growth is needed; growing while a decline is needed.
    assert_eq!(judge_pace(h, Some(5.0), Some(-1.0)), OffTrack);
    assert_eq!(judge_pace(l, Some(-5.0), Some(1.0)), OffTrack);
    // Nothing to judge by.
    assert_eq!(judge_pace(h, Some(5.0), None), Unknown);
    assert_eq!(judge_pace(h, None, Some(5.0)), Unknown);
}

#[test]
fn status_thresholds_from_data() {
    // Required: 100 → 121 in 2 years = 10 %. Recent 3-year growth varies.
    let at = |start: f64| {
        let d = one_series(
            "Higher",
            &[
                (2017, start, "Actual"),
                (2020, 100.0, "Actual"),
                (2022, 121.0, "Target"),
            ],
        );
        track_of(&d, 2022).status
    };
    // 100 / 1.1³ → exactly 10 % recent.
    assert_eq!(at(100.0 / 1.331), TargetStatus::OnTrack);
    // 100 / 1.08³ → 8 % recent, 0.8 × 10 %.
    assert_eq!(at(100.0 / 1.08f64.powi(3)), TargetStatus::AtRisk);
    // 100 / 1.07³ → 7 % recent.
    assert_eq!(at(100.0 / 1.07f64.powi(3)), TargetStatus::OffTrack);
}

#[test]
fn lower_is_better_target_needs_a_decline() {
    // Energy intensity 1.0 (2017) → 0.8 (2020), target 0.6 in 2023.
    let d = one_series(
        "Lower",
        &[
            (2017, 1.0, "Actual"),
            (2020, 0.8, "Actual"),
            (2023, 0.6, "Target"),
        ],
    );
    let t = track_of(&d, 2023);
    // Required (0.6/0.8)^(1/3) − 1 ≈ −9.14 %; recent (0.8/1.0)^(1/3) − 1 ≈ −7.17 %.
    let required = t.required_pct.unwrap();
    assert!(required < 0.0);
    assert!(close(required, cagr(0.8, 0.6, 3).unwrap()));
    // −7.17 ≤ 0.8 × −9.14 = −7.31? No: the decline is too slow by more than 20 %.
    assert_eq!(t.status, TargetStatus::OffTrack);
    // Falling faster than needed: on track.
    let d = one_series(
        "Lower",
        &[
            (2017, 2.0, "Actual"),
            (2020, 0.8, "Actual"),
            (2023, 0.6, "Target"),
        ],
    );
    assert_eq!(track_of(&d, 2023).status, TargetStatus::OnTrack);
    // A Lower target above the latest value is already achieved.
    let d = one_series("Lower", &[(2020, 0.5, "Actual"), (2023, 0.6, "Target")]);
    assert_eq!(track_of(&d, 2023).status, TargetStatus::Achieved);
}

#[test]
fn latest_already_past_the_target_is_achieved() {
    let d = one_series(
        "Higher",
        &[
            (2017, 500.0, "Actual"),
            (2020, 450.0, "Actual"),
            (2023, 400.0, "Target"),
        ],
    );
    let t = track_of(&d, 2023);
    // Even though output is falling, the target is already met.
    assert_eq!(t.status, TargetStatus::Achieved);
    assert!(t.required_pct.unwrap() < 0.0);
    assert_eq!(required_path(&t).last(), Some(&(2023, 400.0)));
}

#[test]
fn target_year_at_or_before_the_latest_actual() {
    // Actuals run to 2022; the 2020 target is judged from 2019 (strictly before) and settled
    // by the 2020 outcome.
    let met = one_series(
        "Higher",
        &[
            (2019, 90.0, "Actual"),
            (2020, 101.0, "Actual"),
            (2022, 120.0, "Actual"),
            (2020, 100.0, "Target"),
        ],
    );
    let t = track_of(&met, 2020);
    assert_eq!((t.latest_year, t.years_left), (2019, 1));
    assert_eq!(t.outcome, Some(101.0));
    assert_eq!(t.status, TargetStatus::Achieved);
    let missed = one_series(
        "Higher",
        &[
            (2016, 50.0, "Actual"),
            (2019, 90.0, "Actual"),
            (2020, 95.0, "Actual"),
            (2020, 100.0, "Target"),
        ],
    );
    let t = track_of(&missed, 2020);
    // The pace before 2020 was fast enough, but the outcome missed: off track.
    assert_eq!(
        judge_pace(Better::Higher, t.required_pct, t.recent_pct),
        TargetStatus::OnTrack
    );
    assert_eq!(t.status, TargetStatus::OffTrack);
}

#[test]
fn targets_without_a_baseline_or_with_a_zero_baseline() {
    // Only a target: nothing before it, no track.
    let d = one_series("Higher", &[(2023, 10.0, "Target"), (2024, 12.0, "Actual")]);
    assert_eq!(
        track_target(&d, region(&d, "r"), indicator(&d, "x"), 2023),
        None
    );
    assert!(track_targets(&d).is_empty());
    // No target at that year.
    assert_eq!(
        track_target(&d, region(&d, "r"), indicator(&d, "x"), 2030),
        None
    );
    // A zero latest value: no required growth, status unknown, no path.
    let d = one_series(
        "Higher",
        &[
            (2019, 5.0, "Actual"),
            (2020, 0.0, "Actual"),
            (2023, 10.0, "Target"),
        ],
    );
    let t = track_of(&d, 2023);
    assert_eq!(t.required_pct, None);
    assert_eq!(t.status, TargetStatus::Unknown);
    assert!(required_path(&t).is_empty());
    // A negative latest value: the same.
    let d = one_series("Higher", &[(2020, -3.0, "Actual"), (2023, 10.0, "Target")]);
    let t = track_of(&d, 2023);
    assert_eq!((t.required_pct, t.status), (None, TargetStatus::Unknown));
}

#[test]
fn required_path_ends_at_the_target() {
    let d = one_series(
        "Higher",
        &[(2020, 100.0, "Actual"), (2022, 121.0, "Target")],
    );
    let t = track_of(&d, 2022);
    assert!(close(t.required_pct.unwrap(), 10.0));
    let path = required_path(&t);
    assert_eq!(path.len(), 3);
    assert!(close(path[0].1, 100.0) && close(path[1].1, 110.0) && close(path[2].1, 121.0));
    // No recent growth (single measured year): unknown.
    assert_eq!(t.status, TargetStatus::Unknown);
}

// --- derived indicators (computed, never stored) ----------------------------------------

#[test]
fn per_capita_and_share_of_parent_are_derived_with_their_units() {
    use yardstick::model::derived_indicators::{
        derived_by_id, derived_series, derived_value, per_capita_unit,
    };
    // 亿元 / 万人 = 10⁸ / 10⁴ 元 per person = 1 万元/人; 万元 / 万人 = 1 元/人.
    assert_eq!(
        per_capita_unit("亿元", "万人"),
        Some(("万元/人", "10,000 yuan per person", 1.0))
    );
    assert_eq!(
        per_capita_unit("万元", "万人"),
        Some(("元/人", "yuan per person", 1.0))
    );
    assert_eq!(
        per_capita_unit("天", "万人"),
        None,
        "days per person is not a thing"
    );
    let d = parse_dataset(
        "d.ron",
        r#"Dataset(
    format: 2, title: "t",
    regions: [
        (id: "cq", name: "重庆市"),
        (id: "ws", name: "万盛", parent: Some("cq")),
    ],
    indicators: [
        (id: "gdp", name: "地区生产总值", unit: "亿元"),
        (id: "population", name: "常住人口", unit: "万人"),
        (id: "air", name: "优良天数", unit: "天"),
    ],
    sources: [(id: "s", title: "来源", url: None, published: None)],
    observations: [
        (region: "ws", indicator: "gdp", year: 2021, value: 180.0, kind: Actual, source: "s"),
        (region: "ws", indicator: "gdp", year: 2022, value: 190.0, kind: Actual, source: "s"),
        (region: "ws", indicator: "population", year: 2022, value: 25.0, kind: Actual, source: "s"),
        (region: "cq", indicator: "gdp", year: 2022, value: 29000.0, kind: Actual, source: "s"),
    ],
)"#,
    )
    .expect("loads");
    let ws = region(&d, "ws");
    let per_capita = derived_by_id(&d, "gdp_per_capita").expect("GDP per capita is derived");
    assert_eq!(per_capita.unit, "万元/人");
    assert_eq!(per_capita.formula, "地区生产总值（亿元）÷ 常住人口（万人）");
    // 190 亿元 / 25 万人 = 7.6 万元/人; 2021 has no population: missing, not guessed.
    assert!(close(
        derived_value(&d, &d, &per_capita, ws, 2022).unwrap(),
        7.6
    ));
    assert_eq!(derived_series(&d, &d, &per_capita, ws), vec![(2022, 7.6)]);
    assert!(derived_by_id(&d, "air_per_capita").is_none());
    // 190 / 29000 × 100 = 0.655172… %; the parent itself has no parent.
    let share = derived_by_id(&d, "gdp_share_of_parent").expect("share of the parent");
    assert!((derived_value(&d, &d, &share, ws, 2022).unwrap() - 0.655_172_413_8).abs() < 1e-9);
    assert_eq!(derived_value(&d, &d, &share, region(&d, "cq"), 2022), None);
    assert!(
        derived_by_id(&d, "air_share_of_parent").is_none(),
        "days do not add up"
    );
    assert!(
        per_capita
            .mark(yardstick::lang::Lang::En)
            .starts_with("derived")
    );

    // For a chart or an export: the derived indicator as one of its own, in memory only,
    // each value marked with its formula. A stored id is not replaced.
    let with = yardstick::model::derived_indicators::with_derived(&d, "gdp_per_capita")
        .expect("derived into a dataset");
    let pc = with
        .indicator_by_id("gdp_per_capita")
        .expect("the derived indicator");
    let o = with
        .get(ws, pc, 2022, ObservationKind::Actual)
        .expect("both inputs are actuals");
    assert!(close(o.value, 7.6));
    assert!(
        with.note(&o)
            .unwrap_or("")
            .starts_with("计算所得（不是公布数）")
    );
    assert!(with.get(ws, pc, 2021, ObservationKind::Actual).is_none());
    assert!(yardstick::model::derived_indicators::with_derived(&d, "gdp").is_none());
}

/// The composite's years and default year on the bundled data (gaps, estimates beside
/// actuals) are what the definition says, computed the slow way: for each ticked indicator
/// and region, the years it has a measured value, counted once each.
#[test]
fn the_composite_year_is_the_year_most_ticked_pairs_cover() {
    use std::collections::{BTreeMap, BTreeSet};
    use yardstick::model::ranking::{composite_data, years_with_data};
    let d = parse_dataset(yardstick::BUNDLED_NAME, yardstick::BUNDLED_DATASET).unwrap();
    let regions: Vec<RegionIdx> = d.region_indices().collect();
    let ticked: Vec<(IndicatorIdx, f64)> =
        d.indicator_indices().take(4).map(|i| (i, 1.0)).collect();
    let weights: Vec<(IndicatorIdx, f64)> = ticked
        .iter()
        .copied()
        .chain(d.indicator_indices().skip(4).take(1).map(|i| (i, 0.0)))
        .collect();
    let mut counts = BTreeMap::<i32, usize>::new();
    let mut years = BTreeSet::new();
    for &(indicator, _) in &ticked {
        for &region in &regions {
            for year in years_with_data(&d, indicator, &[region]) {
                *counts.entry(year).or_default() += 1;
                years.insert(year);
            }
        }
    }
    let best = counts
        .iter()
        .max_by_key(|&(&year, &n)| (n, year))
        .map(|(&year, _)| year);
    let data = composite_data(&d, &regions, &weights, None);
    assert_eq!(data.year, best, "from {counts:?}");
    assert!(
        data.years.iter().all(|y| years.contains(y)),
        "{:?}",
        data.years
    );
    assert!(!data.years.is_empty());
    assert_eq!(
        composite_data(&d, &regions, &weights, Some(2020)).year,
        Some(2020),
        "a picked year is kept"
    );
}
