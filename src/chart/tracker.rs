//! The target tracker (issue 14 item 5): per target a bullet bar — the latest actual against
//! the target, the required annual growth beside the recent one, coloured by status — on the
//! baseline and, with a scenario, on the scenario's values. One [`ChartSpec`] (its
//! [`ChartSpec::tracker`]) for the screen and every export (SVG, PNG, CSV).

use crate::lang::Lang;
use crate::model::Dataset;
use crate::model::targets::{
    Measure, ScenarioInput, TargetJudgement, TargetRow, bounded, judge_targets, reason,
    scenario_label,
};

use super::spec::{ChartKind, ChartSpec, ViewMode};
pub use super::tracker_rows::{TrackerRow, TrackerSpec, TrackerState, growth_text, status_rgb};

/// The tracker's state of one judgement.
fn state_of(j: &TargetJudgement, lang: Lang) -> TrackerState {
    let figure = j.latest_figure();
    let share_pct = figure
        .filter(|_| j.target.value > 0.0)
        .map(|f| f.value / j.target.value * 100.0)
        .filter(|s| s.is_finite());
    TrackerState {
        figure,
        share_pct,
        required_pct: j.required_pct,
        recent_pct: j.recent_pct,
        status: j.status,
        status_label: j.status.label(lang).to_owned(),
        reason: reason(j, lang),
    }
}

/// The tracker chart of every target of `dataset` (those of `regions` only, when given; of
/// `indicator` only, when given), judged on the baseline and on `scenario`.
pub fn build_tracker(
    dataset: &Dataset,
    scenario: Option<ScenarioInput<'_>>,
    regions: Option<&[crate::model::RegionIdx]>,
    indicator: Option<crate::model::IndicatorIdx>,
    lang: Lang,
) -> ChartSpec {
    let rows: Vec<TargetRow> = judge_targets(dataset, scenario)
        .into_iter()
        .filter(|r| regions.is_none_or(|rs| rs.contains(&r.baseline.target.region)))
        .filter(|r| indicator.is_none_or(|i| i == r.baseline.target.indicator))
        .collect();
    tracker_spec(dataset, rows.iter(), scenario, lang)
}

/// The tracker chart of judged `rows` (from [`judge_targets`]).
pub fn tracker_spec<'r>(
    dataset: &Dataset,
    rows: impl Iterator<Item = &'r TargetRow> + Clone,
    scenario: Option<ScenarioInput<'_>>,
    lang: Lang,
) -> ChartSpec {
    let tracker_rows: Vec<TrackerRow> = rows
        .clone()
        .map(|row| {
            let t = &row.baseline.target;
            let region = dataset.region(t.region);
            let ind = dataset.indicator(t.indicator);
            TrackerRow {
                label: format!(
                    "{} · {} {}",
                    region.display_name(lang),
                    ind.display_name(lang),
                    t.year
                ),
                region_id: region.id.clone(),
                indicator_id: ind.id.clone(),
                target_year: t.year,
                target_text: bounded(t.value, t.bound, t.measure),
                target: t.value,
                measure: t.measure,
                unit: match t.measure {
                    Measure::Level => ind.display_unit(lang).to_owned(),
                    // The target text carries its " %" already.
                    Measure::GrowthPct => String::new(),
                },
                baseline: state_of(&row.baseline, lang),
                // A target the scenario does not change is drawn once.
                scenario: row
                    .scenario
                    .as_ref()
                    .filter(|j| **j != row.baseline)
                    .zip(scenario)
                    .map(|(j, s)| {
                        (
                            scenario_label(s.scenario, dataset, t, lang),
                            state_of(j, lang),
                        )
                    }),
            }
        })
        .collect();
    let scenario_name = scenario.map(|s| s.scenario.name.clone());
    let title = match lang {
        Lang::Zh => "目标进度".to_owned(),
        Lang::En => "Target tracker".to_owned(),
    };
    let subtitle = match &scenario_name {
        Some(name) => match lang {
            Lang::Zh => format!("{} · 基线与情景“{name}”", dataset.display_title(lang)),
            Lang::En => format!(
                "{} · baseline and scenario \"{name}\"",
                dataset.display_title(lang)
            ),
        },
        None => dataset.display_title(lang).to_owned(),
    };
    let mut sources: Vec<String> = Vec::new();
    for row in rows {
        if let Some(o) = dataset
            .get(
                row.baseline.target.region,
                row.baseline.target.indicator,
                row.baseline.target.year,
                crate::model::ObservationKind::Target,
            )
            .map(|o| dataset.source(o.source).title.clone())
            && !sources.contains(&o)
        {
            sources.push(o);
        }
    }
    let source_line = format!(
        "{}{}",
        lang.pick("资料来源：", "Source: "),
        sources.join(lang.pick("；", "; "))
    );
    let notes = vec![
        lang.pick(
            "条长 = 最新实际值占目标的百分比；竖线 = 目标；“需/近”为所需与近年年均增速",
            "Bar = latest actual as % of the target; tick = the target; needs/recent = required and recent growth a year",
        )
        .to_owned(),
    ];
    ChartSpec {
        kind: ChartKind::Bar,
        mode: ViewMode::Absolute,
        indicator_id: "targets".to_owned(),
        indicator: title.clone(),
        title,
        subtitle,
        unit: "%".to_owned(),
        x_label: String::new(),
        categories: tracker_rows.iter().map(|r| r.label.clone()).collect(),
        series: Vec::new(),
        reference: None,
        log_scale: false,
        no_data: Vec::new(),
        source_line,
        notes,
        lang,
        parent_lines: Vec::new(),
        category_years: Vec::new(),
        tracker: Some(TrackerSpec {
            rows: tracker_rows,
            scenario: scenario_name,
        }),
    }
}
