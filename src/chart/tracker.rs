//! The target tracker (issue 14 item 5): per target a bullet bar — the latest actual against
//! the target, the required annual growth beside the recent one, coloured by status — on the
//! baseline and, with a scenario, on the scenario's values. One [`ChartSpec`] (its
//! [`ChartSpec::tracker`]) for the screen and every export (SVG, PNG, CSV).

use crate::lang::Lang;
use crate::model::Dataset;
use crate::model::analysis::TargetStatus;
use crate::model::targets::{
    Figure, Measure, ScenarioInput, TargetJudgement, TargetRow, bounded, judge_targets, reason,
    scenario_label, short_pct,
};

use super::spec::{ChartKind, ChartSpec, ViewMode};

/// The bullet bars of the tracker, in the rows' order.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerSpec {
    /// One bar per target.
    pub rows: Vec<TrackerRow>,
    /// The scenario's name when its values are shown beside the baseline.
    pub scenario: Option<String>,
}

/// One judged state of a target drawn in a bullet bar: the baseline's or the scenario's.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerState {
    /// The figure compared with the target (the target year's, else the latest), if any.
    pub figure: Option<Figure>,
    /// `figure` as a share of the target, in % (the bar's length; 100 = the target).
    pub share_pct: Option<f64>,
    /// The growth required, % a year (a growth target: the target rate).
    pub required_pct: Option<f64>,
    /// The recent growth, % a year.
    pub recent_pct: Option<f64>,
    /// The status.
    pub status: TargetStatus,
    /// The status's name in the chart's language.
    pub status_label: String,
    /// Why, in the chart's language.
    pub reason: String,
}

/// One target of the tracker.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerRow {
    /// "万盛经开区 · 工业总产值 2025".
    pub label: String,
    /// Region id.
    pub region_id: String,
    /// Indicator id.
    pub indicator_id: String,
    /// The target year.
    pub target_year: i32,
    /// The target as the data states it ("> 1000", "≥ 10.0 %").
    pub target_text: String,
    /// The target number.
    pub target: f64,
    /// A level or a growth rate.
    pub measure: Measure,
    /// The unit of a level target (the indicator's); empty for a growth rate, whose text
    /// carries its "%".
    pub unit: String,
    /// On the baseline.
    pub baseline: TrackerState,
    /// On the scenario, when one is shown and it judges the target otherwise than the
    /// baseline; with the scenario's label for this target.
    pub scenario: Option<(String, TrackerState)>,
}

/// The RGB colour of a status, the same in every export (readable on white).
pub fn status_rgb(status: TargetStatus) -> (u8, u8, u8) {
    match status {
        TargetStatus::Achieved => (0, 110, 50),
        TargetStatus::OnTrack => (20, 95, 170),
        TargetStatus::AtRisk => (190, 110, 0),
        TargetStatus::OffTrack => (190, 25, 25),
        TargetStatus::Unknown => (120, 120, 120),
    }
}

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

/// The growth pair of a state as text: "需 18.6 %/年 · 近 9.2 %/年" / "needs 18.6 %/yr ·
/// recent 9.2 %/yr"; "—" for a missing rate.
pub fn growth_text(state: &TrackerState, lang: Lang) -> String {
    let pct = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), short_pct);
    match lang {
        Lang::Zh => format!(
            "需 {}/年 · 近 {}/年",
            pct(state.required_pct),
            pct(state.recent_pct)
        ),
        Lang::En => format!(
            "needs {}/yr · recent {}/yr",
            pct(state.required_pct),
            pct(state.recent_pct)
        ),
    }
}

/// The tracker's data as CSV (UTF-8 with BOM, cells made safe as in [`super::csv`]): one row
/// per target with the baseline's and (when shown) the scenario's state.
pub fn tracker_csv(tracker: &TrackerSpec) -> String {
    use super::csv::{csv_number, text_cell};
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut ok = writer
        .write_record([
            "region_id",
            "indicator_id",
            "target_year",
            "target",
            "measure",
            "latest_year",
            "latest_value",
            "share_of_target_pct",
            "required_pct",
            "recent_pct",
            "status",
            "reason",
            "scenario_value",
            "scenario_share_of_target_pct",
            "scenario_status",
            "scenario_reason",
        ])
        .is_ok();
    let num = |v: Option<f64>| v.map(csv_number).unwrap_or_default();
    for row in &tracker.rows {
        let b = &row.baseline;
        let s = row.scenario.as_ref().map(|(_, s)| s);
        ok &= writer
            .write_record([
                text_cell(&row.region_id).into_owned(),
                text_cell(&row.indicator_id).into_owned(),
                row.target_year.to_string(),
                text_cell(&row.target_text).into_owned(),
                match row.measure {
                    Measure::Level => "level".to_owned(),
                    Measure::GrowthPct => "growth_pct".to_owned(),
                },
                b.figure.map(|f| f.year.to_string()).unwrap_or_default(),
                num(b.figure.map(|f| f.value)),
                num(b.share_pct),
                num(b.required_pct),
                num(b.recent_pct),
                b.status.code().to_owned(),
                text_cell(&b.reason).into_owned(),
                num(s.and_then(|s| s.figure).map(|f| f.value)),
                num(s.and_then(|s| s.share_pct)),
                s.map(|s| s.status.code().to_owned()).unwrap_or_default(),
                s.map(|s| text_cell(&s.reason).into_owned())
                    .unwrap_or_default(),
            ])
            .is_ok();
    }
    debug_assert!(ok, "writing CSV into memory failed");
    let body = writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}
