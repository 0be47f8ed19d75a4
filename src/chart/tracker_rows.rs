//! The tracker's rows as a chart holds them ([`TrackerSpec`], in [`super::ChartSpec::tracker`]):
//! plain data, built by [`super::tracker`], drawn by the renderer and the window, written by
//! [`super::csv`].

use crate::lang::Lang;
use crate::model::analysis::TargetStatus;
use crate::model::targets::{Figure, Measure, short_pct};

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
