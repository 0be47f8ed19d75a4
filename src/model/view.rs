//! What a chart shows, as the user chose it: its form ([`ChartKind`]) and how values are
//! shown ([`ViewMode`]). Kept in the model so a scenario can save its view.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The chart's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ChartKind {
    /// Regions side by side, one bar per year.
    #[default]
    Bar,
    /// One line per region over the years.
    Line,
}

impl ChartKind {
    /// The command-line name (`bar`, `line`).
    pub fn code(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::Line => "line",
        }
    }
}

/// How values are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ViewMode {
    /// The values as published.
    #[default]
    Absolute,
    /// Each region's value divided by its value in the first year shown, × 100.
    Index,
    /// Change on the previous year, in %.
    Change,
    /// Each actual value as a share of the region's target (the next target year), in %.
    TargetShare,
}

impl ViewMode {
    /// Every mode, in menu order.
    pub const ALL: [ViewMode; 4] = [Self::Absolute, Self::Index, Self::Change, Self::TargetShare];

    /// The command-line name (`absolute`, `index`, `yoy`, `target`).
    pub fn code(self) -> &'static str {
        match self {
            ViewMode::Absolute => "absolute",
            ViewMode::Index => "index",
            ViewMode::Change => "yoy",
            ViewMode::TargetShare => "target",
        }
    }

    /// The mode for a command-line name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The mode's name for menus.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ViewMode::Absolute => lang.pick("绝对值", "Absolute"),
            ViewMode::Index => lang.pick("指数（首年=100）", "Index (first year = 100)"),
            ViewMode::Change => lang.pick("同比变化 %", "Change on previous year %"),
            ViewMode::TargetShare => lang.pick("完成目标 %", "Share of target %"),
        }
    }
}

/// What the window opens on: an indicator, the regions checked and the years shown.
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultView {
    /// The indicator shown.
    pub indicator: crate::model::IndicatorIdx,
    /// One flag per region of the dataset: checked or not.
    pub regions: Vec<bool>,
    /// The years shown; `None` for the automatic choice.
    pub years: Option<(i32, i32)>,
    /// Bar or line.
    pub kind: ChartKind,
}

/// The first picture of a dataset: the indicator with targets that most regions report
/// both measured and as a target (ties: the most regions reporting it, then file order),
/// the regions that report it, and the years from its latest measured value to its last
/// target, as bars: each region's figure beside its own target. Regions that are the sum
/// of others ([`aggregate_regions`]) are left unchecked. A dataset without targets opens
/// on its first indicator with every other region.
///
/// When regions name their parents, the regions checked are of one level: those of the
/// most common depth among them ([`crate::model::levels::most_common_level`]), and never a
/// whole (a region named as a parent) beside its parts.
pub fn default_view(dataset: &crate::model::Dataset) -> DefaultView {
    use crate::model::ObservationKind;
    let aggregate = aggregate_regions(dataset);
    let n_ind = dataset.indicators().len();
    let n_reg = dataset.regions().len();
    // Per indicator and region: has a measured value, has a target.
    let mut measured = vec![vec![false; n_reg]; n_ind];
    let mut targeted = vec![vec![false; n_reg]; n_ind];
    // Whole-year levels only: a growth-rate target ("增长10%以上") or a part-year figure
    // (1—11月) is not a level beside a level target.
    for o in dataset.levels() {
        let (i, r) = (o.indicator.0 as usize, o.region.0 as usize);
        if aggregate[r] {
            continue;
        }
        match o.kind {
            ObservationKind::Target => targeted[i][r] = true,
            _ => measured[i][r] = true,
        }
    }
    let score = |i: usize| {
        let both = (0..n_reg)
            .filter(|&r| measured[i][r] && targeted[i][r])
            .count();
        let reporting = (0..n_reg)
            .filter(|&r| measured[i][r] || targeted[i][r])
            .count();
        (both, reporting)
    };
    let best = (0..n_ind)
        .filter(|&i| score(i).0 > 0)
        .max_by_key(|&i| (score(i), std::cmp::Reverse(i)));
    let Some(i) = best else {
        let others: Vec<bool> = aggregate.iter().map(|a| !a).collect();
        return DefaultView {
            indicator: crate::model::IndicatorIdx(0),
            regions: crate::model::levels::most_common_level(dataset, &others),
            years: None,
            kind: ChartKind::Bar,
        };
    };
    let indicator = crate::model::IndicatorIdx(i as u32);
    let reporting: Vec<bool> = (0..n_reg)
        .map(|r| measured[i][r] || targeted[i][r])
        .collect();
    let regions = crate::model::levels::most_common_level(dataset, &reporting);
    let shown: Vec<crate::model::RegionIdx> = dataset
        .region_indices()
        .filter(|r| regions[r.0 as usize])
        .collect();
    let last_target = dataset
        .levels()
        .filter(|o| {
            o.indicator == indicator
                && o.kind == ObservationKind::Target
                && regions[o.region.0 as usize]
        })
        .map(|o| o.year)
        .max();
    let years = dataset
        .latest_actual_year(indicator, &shown)
        .zip(last_target)
        .map(|(from, to)| (from.min(to), from.max(to)));
    DefaultView {
        indicator,
        regions,
        years,
        kind: ChartKind::Bar,
    }
}

/// Regions that are the whole of others (a city among its districts), by region index.
///
/// When any region names its `parent`, the aggregates are exactly the regions named as a
/// parent ([`crate::model::levels::parents`]). For files without parents, a region counts
/// as an aggregate when in some
/// (indicator, year) at least three other regions report an actual value, no value there is
/// negative, and its own value exceeds the sum of theirs: a part cannot be larger than
/// several parts together. (重庆市's GDP is larger than that of all its districts in the
/// data together; no district's is.)
pub fn aggregate_regions(dataset: &crate::model::Dataset) -> Vec<bool> {
    use std::collections::HashMap;
    if crate::model::levels::has_parents(dataset) {
        return crate::model::levels::parents(dataset);
    }
    let actual = |o: &crate::model::Observation| {
        o.kind == crate::model::ObservationKind::Actual && o.value.is_finite()
    };
    // (indicator, year) -> (sum, count, any negative) of actual values.
    let mut totals: HashMap<(u32, i32), (f64, usize, bool)> = HashMap::new();
    // Whole-year levels only: growth rates and part-year figures do not add up.
    for o in dataset.levels().filter(actual) {
        let t = totals.entry((o.indicator.0, o.year)).or_default();
        t.0 += o.value;
        t.1 += 1;
        t.2 |= o.value < 0.0;
    }
    let mut aggregate = vec![false; dataset.regions().len()];
    for o in dataset.levels().filter(actual) {
        let (sum, count, negative) = totals[&(o.indicator.0, o.year)];
        if count >= 4 && !negative && o.value > sum - o.value {
            aggregate[o.region.0 as usize] = true;
        }
    }
    aggregate
}

#[cfg(test)]
mod tests {
    use super::default_view;

    /// Indicator `out` has one level target beside a level (region a); `gdp` has growth-rate
    /// targets and growth rates for both regions. The first view is `out`: a growth-rate
    /// target is not a level target (before the fix `gdp` won with 2 regions to 1).
    #[test]
    fn growth_rate_targets_do_not_pick_the_first_view() {
        let text = r#"Dataset(format: 2, title: "t",
            regions: [(id: "a", name: "A"), (id: "b", name: "B")],
            indicators: [(id: "gdp", name: "G", unit: "亿元"), (id: "out", name: "O", unit: "亿元")],
            sources: [(id: "s", title: "S")],
            observations: [
                (region: "a", indicator: "gdp", year: 2022, value: 3.1, measure: GrowthPct, kind: Actual, source: "s"),
                (region: "a", indicator: "gdp", year: 2022, value: 5.0, measure: GrowthPct, kind: Target, source: "s"),
                (region: "b", indicator: "gdp", year: 2022, value: 2.0, measure: GrowthPct, kind: Actual, source: "s"),
                (region: "b", indicator: "gdp", year: 2022, value: 6.0, measure: GrowthPct, kind: Target, source: "s"),
                (region: "a", indicator: "out", year: 2022, value: 300.0, kind: Actual, source: "s"),
                (region: "a", indicator: "out", year: 2025, value: 500.0, kind: Target, source: "s"),
            ])"#;
        let d = crate::io::dataset_file::parse_dataset("t.ron", text).expect("loads");
        let view = default_view(&d);
        assert_eq!(d.indicator(view.indicator).id, "out");
        assert_eq!(view.regions, vec![true, false]);
        assert_eq!(view.years, Some((2022, 2025)));
    }
}
