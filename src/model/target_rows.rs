//! The rows of the 目标 / Targets view, as data: every published target of the picked
//! regions, judged in its own form on the baseline and a scenario ([`super::targets`]), with
//! the required path of a level target ([`super::analysis::track_target_with`]), and the
//! words and growth rule the view shows for a row. No egui here: the view draws these.

use crate::lang::Lang;
use crate::model::analysis::{TargetStatus, TargetTrack, track_target_with};
use crate::model::scenario::GrowthRule;
use crate::model::targets::{ScenarioInput, TargetRow as JudgedRow, judge_targets, reason};
use crate::model::{Dataset, IndicatorIdx, Measure, RegionIdx};

/// A target: (region, indicator, target year, level or growth rate). A year can hold both a
/// level target and a growth-rate target of one indicator (万州 规上工业总产值 2023: 630亿元
/// and ≥ 25 %): the measure tells their rows apart.
pub type TargetKey = (RegionIdx, IndicatorIdx, i32, Measure);

/// One target of the dataset and, when it has a baseline, how it is tracking.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    /// The region.
    pub region: RegionIdx,
    /// The indicator.
    pub indicator: IndicatorIdx,
    /// The year the target is set for.
    pub target_year: i32,
    /// The target value.
    pub target: f64,
    /// The required path of a level target; `None` for a growth-rate target or when there is
    /// no measured value before the target year.
    pub track: Option<TargetTrack>,
    /// The target judged in its own form (level, growth rate, bound) on the baseline and,
    /// with an active scenario, on the scenario ([`crate::model::targets`]).
    pub judged: JudgedRow,
}

impl TargetRow {
    /// The row's key.
    pub fn key(&self) -> TargetKey {
        (
            self.region,
            self.indicator,
            self.target_year,
            self.judged.baseline.target.measure,
        )
    }

    /// The status on the baseline (the published figures).
    pub fn status(&self) -> TargetStatus {
        self.judged.baseline.status
    }

    /// The target as the report states it: "> 1000", "≥ 10 %".
    pub fn target_text(&self, lang: Lang) -> String {
        let t = &self.judged.baseline.target;
        crate::model::format_value(t.value, t.bound, t.measure, lang)
    }
}

/// Every target of `dataset` for the regions flagged in `regions` (by region index), in
/// region, indicator and year order, judged in its own form on the baseline and, when given,
/// on `scenario` ([`judge_targets`]). Targets that cannot be judged are kept (status unknown,
/// with the reason) so that none goes unlisted. Level targets also get their required path.
pub fn target_rows(
    dataset: &Dataset,
    regions: &[bool],
    scenario: Option<ScenarioInput<'_>>,
) -> Vec<TargetRow> {
    let mut rows: Vec<TargetRow> = judge_targets(dataset, scenario)
        .into_iter()
        .filter(|j| {
            let region = j.baseline.target.region;
            regions.get(region.0 as usize).copied().unwrap_or(false)
        })
        .map(|judged| {
            let t = judged.baseline.target;
            let track = t
                .measure
                .is_level()
                .then(|| track_target_with(dataset, t.region, t.indicator, t.year, t.value))
                .flatten();
            TargetRow {
                region: t.region,
                indicator: t.indicator,
                target_year: t.year,
                target: t.value,
                track,
                judged,
            }
        })
        .collect();
    rows.sort_by_key(TargetRow::key);
    rows
}

/// The status's name.
pub fn status_label(status: TargetStatus, lang: Lang) -> &'static str {
    match status {
        TargetStatus::Achieved => lang.pick("达成", "Achieved"),
        TargetStatus::OnTrack => lang.pick("按计划", "On track"),
        TargetStatus::AtRisk => lang.pick("有风险", "At risk"),
        TargetStatus::OffTrack => lang.pick("落后", "Off track"),
        TargetStatus::Unknown => lang.pick("无法判断", "Unknown"),
    }
}

/// Why a row has its status on the baseline, in a few words ([`reason`]).
pub fn explain(row: &TargetRow, lang: Lang) -> String {
    reason(&row.judged.baseline, lang)
}

/// The row judged on the active scenario, when it has one: "情景“…”：落后（2025 = 456.3 <
/// 500，落后 8.7 %）".
pub fn explain_scenario(row: &TargetRow, scenario_name: &str, lang: Lang) -> Option<String> {
    let j = row.judged.scenario.as_ref()?;
    Some(match lang {
        Lang::Zh => format!(
            "情景“{scenario_name}”：{}（{}）",
            status_label(j.status, lang),
            reason(j, lang)
        ),
        Lang::En => format!(
            "scenario \"{scenario_name}\": {} ({})",
            status_label(j.status, lang),
            reason(j, lang)
        ),
    })
}

/// A percentage with its sign and two decimals: `+18.56%`.
pub fn format_pct(pct: f64) -> String {
    format!("{pct:+.2}%")
}

/// The required growth rounded to 2 decimals, as a growth rule stores it.
pub fn rounded_pct(pct: f64) -> f64 {
    (pct * 100.0).round() / 100.0
}

/// The growth rule that follows the target's required path: from the latest measured year to
/// the target year at the required growth rounded to 2 decimals; `None` without a required
/// growth.
pub fn growth_rule_for(dataset: &Dataset, track: &TargetTrack) -> Option<GrowthRule> {
    let required = track.required_pct?;
    Some(GrowthRule::new(
        dataset.region(track.region).id.clone(),
        dataset.indicator(track.indicator).id.clone(),
        track.latest_year,
        track.target_year,
        rounded_pct(required),
    ))
}
