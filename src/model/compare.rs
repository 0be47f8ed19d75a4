//! Scenario comparison: the baseline and every scenario side by side for one indicator, a
//! row per (region, year), with each scenario's value, its difference from the baseline and
//! where the value comes from. Like a spreadsheet's "scenario summary", computed from the
//! [`Applied`] overlays, so nothing is copied and the dataset is never changed.

use super::dataset::{Dataset, IndicatorIdx, ObservationKind, RegionIdx};
use super::scenario::{Applied, Cell, Origin, baseline_value};

/// Where a scenario's value in a comparison row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareOrigin {
    /// The scenario leaves the cell as the dataset has it.
    Baseline,
    /// An edit set the value.
    Edited,
    /// A growth rule filled the value.
    Projected,
    /// An edit removed the value.
    Removed,
}

/// One scenario's value in a comparison row.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioValue {
    /// The value the scenario gives the cell; `None` when it has none.
    pub value: Option<f64>,
    /// `value − baseline`; `None` when either is missing.
    pub difference: Option<f64>,
    /// The difference in percent of the baseline; `None` when either is missing or the
    /// baseline is 0.
    pub percent: Option<f64>,
    /// Where the value comes from.
    pub origin: CompareOrigin,
}

impl ScenarioValue {
    fn new(baseline: Option<f64>, value: Option<f64>, origin: CompareOrigin) -> Self {
        let difference = baseline.zip(value).map(|(b, v)| v - b);
        let percent = baseline
            .zip(difference)
            .filter(|(b, _)| *b != 0.0)
            .map(|(b, d)| d / b.abs() * 100.0);
        Self {
            value,
            difference,
            percent,
            origin,
        }
    }

    /// True when the scenario's value is not the baseline's (a value set where there was none,
    /// a value removed, or a different number).
    pub fn differs_from(&self, baseline: Option<f64>) -> bool {
        self.value != baseline
    }
}

/// One (region, year) of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// The region.
    pub region: RegionIdx,
    /// The year.
    pub year: i32,
    /// The dataset's measured value (its `Actual`, else its `Estimate`).
    pub baseline: Option<f64>,
    /// The dataset's target for the year, if it has one (never changed by a scenario).
    pub target: Option<f64>,
    /// One entry per scenario compared, in the order given.
    pub scenarios: Vec<ScenarioValue>,
}

impl CompareRow {
    /// True when at least one scenario's value differs from the baseline.
    pub fn changed(&self) -> bool {
        self.scenarios.iter().any(|s| s.differs_from(self.baseline))
    }
}

/// The baseline and the scenarios side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The indicator compared.
    pub indicator: IndicatorIdx,
    /// The scenarios' names, in column order.
    pub scenarios: Vec<String>,
    /// Rows by region (in the order given), then year ascending.
    pub rows: Vec<CompareRow>,
    /// How many rows (whether listed or not) have a scenario value that differs.
    pub changed_rows: usize,
}

/// Which rows [`compare`] lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RowFilter {
    /// Only rows where at least one scenario differs from the baseline.
    #[default]
    Changed,
    /// Every (region, year) in the span that has any value (baseline, target or scenario).
    All,
}

/// Compares `scenarios` (name and overlay, each applied to `base`) with the baseline for
/// `indicator` in `regions` over the years `years.0 ..= years.1`.
pub fn compare(
    base: &Dataset,
    scenarios: &[(&str, &Applied)],
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    years: (i32, i32),
    filter: RowFilter,
) -> Comparison {
    let (first, last) = (years.0.min(years.1), years.0.max(years.1));
    // Never loop over an unchecked span (a saved view may name any year).
    let (first, last) = super::validate::clamp_years((first, last));
    let mut rows = Vec::new();
    let mut changed_rows = 0;
    for &region in regions {
        for year in first..=last {
            let baseline = baseline_value(base, region, indicator, year);
            let target = base
                .get(region, indicator, year, ObservationKind::Target)
                .map(|o| o.value);
            let values: Vec<ScenarioValue> = scenarios
                .iter()
                .map(|(_, applied)| match applied.cell(region, indicator, year) {
                    None => ScenarioValue::new(baseline, baseline, CompareOrigin::Baseline),
                    Some(Cell::Removed { .. }) => {
                        ScenarioValue::new(baseline, None, CompareOrigin::Removed)
                    }
                    Some(Cell::Set(e)) => {
                        let origin = match e.origin {
                            Origin::Baseline => CompareOrigin::Baseline,
                            Origin::Edited => CompareOrigin::Edited,
                            Origin::Projected => CompareOrigin::Projected,
                        };
                        ScenarioValue::new(baseline, Some(e.value), origin)
                    }
                })
                .collect();
            let row = CompareRow {
                region,
                year,
                baseline,
                target,
                scenarios: values,
            };
            let changed = row.changed();
            changed_rows += usize::from(changed);
            let has_any = baseline.is_some()
                || target.is_some()
                || row.scenarios.iter().any(|s| s.value.is_some());
            let keep = match filter {
                RowFilter::Changed => changed,
                RowFilter::All => has_any,
            };
            if keep {
                rows.push(row);
            }
        }
    }
    Comparison {
        indicator,
        scenarios: scenarios
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect(),
        rows,
        changed_rows,
    }
}

/// The span of years worth comparing for `indicator`: every year the dataset has a value of
/// it (any region, any kind) and every year a scenario changes. `None` when there is none.
pub fn compare_years(
    base: &Dataset,
    scenarios: &[&Applied],
    indicator: IndicatorIdx,
) -> Option<(i32, i32)> {
    let data = base.years_of(indicator);
    let changed = scenarios
        .iter()
        .flat_map(|applied| applied.years_changed(indicator));
    let mut years = data.into_iter().chain(changed);
    let first = years.next()?;
    Some(years.fold((first, first), |(lo, hi), y| (lo.min(y), hi.max(y))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dataset::DatasetParts;
    use crate::model::scenario::{Edit, GrowthRule, Scenario, apply};
    use crate::model::{Indicator, ObservationRecord, Region, Source};

    fn obs(region: &str, year: i32, value: f64, kind: ObservationKind) -> ObservationRecord {
        ObservationRecord {
            region: region.to_owned(),
            indicator: "out".to_owned(),
            year,
            value,
            kind,
            source: "s".to_owned(),
            note: None,
            quote: None,
            months: None,
            measure: Default::default(),
            bound: Default::default(),
        }
    }

    fn region(id: &str, name: &str) -> Region {
        Region {
            id: id.to_owned(),
            name: name.to_owned(),
            name_en: id.to_owned(),
            note: None,
            parent: None,
        }
    }

    /// Two regions: `a` with 100 in 2020 and 0 in 2021 and a 2023 target of 200, `b` with 50
    /// in 2020.
    fn dataset() -> Dataset {
        Dataset::build(DatasetParts {
            title: "t".to_owned(),
            title_en: "t".to_owned(),
            notes: None,
            regions: vec![region("a", "甲"), region("b", "乙")],
            indicators: vec![Indicator {
                id: "out".to_owned(),
                name: "产值".to_owned(),
                name_en: "Output".to_owned(),
                unit: "亿元".to_owned(),
                unit_en: "100 million yuan".to_owned(),
                better: Default::default(),
                min: Some(0.0),
                max: None,
            }],
            sources: vec![Source {
                id: "s".to_owned(),
                title: "s".to_owned(),
                publisher: None,
                url: None,
                published: None,
            }],
            observations: vec![
                obs("a", 2020, 100.0, ObservationKind::Actual),
                obs("a", 2021, 0.0, ObservationKind::Actual),
                obs("a", 2023, 200.0, ObservationKind::Target),
                obs("b", 2020, 50.0, ObservationKind::Actual),
            ],
            series: Vec::new(),
        })
        .expect("a valid test dataset")
    }

    fn ids(base: &Dataset) -> (IndicatorIdx, RegionIdx, RegionIdx) {
        (
            base.indicator_by_id("out").expect("out"),
            base.region_by_id("a").expect("a"),
            base.region_by_id("b").expect("b"),
        )
    }

    fn scenario(edits: Vec<Edit>, growth: Vec<GrowthRule>) -> Scenario {
        Scenario {
            edits,
            growth,
            ..Scenario::new("s", "d.ron")
        }
    }

    #[test]
    fn differences_and_percentages_against_the_baseline() {
        let base = dataset();
        let (out, a, b) = ids(&base);
        let edited = apply(
            &base,
            &scenario(vec![Edit::new("a", "out", 2020, Some(110.0))], vec![]),
        );
        let grown = apply(
            &base,
            &scenario(vec![], vec![GrowthRule::new("b", "out", 2020, 2022, 10.0)]),
        );
        let c = compare(
            &base,
            &[("edited", &edited), ("grown", &grown)],
            out,
            &[a, b],
            (2020, 2023),
            RowFilter::Changed,
        );
        assert_eq!(c.scenarios, vec!["edited", "grown"]);
        let keys: Vec<_> = c.rows.iter().map(|r| (r.region, r.year)).collect();
        assert_eq!(keys, vec![(a, 2020), (b, 2021), (b, 2022)]);
        assert_eq!(c.changed_rows, 3);

        let a2020 = &c.rows[0];
        assert_eq!(a2020.baseline, Some(100.0));
        let e = &a2020.scenarios[0];
        assert_eq!(e.value, Some(110.0));
        assert_eq!(e.origin, CompareOrigin::Edited);
        assert!((e.difference.unwrap() - 10.0).abs() < 1e-9);
        assert!((e.percent.unwrap() - 10.0).abs() < 1e-9);
        // The other scenario leaves the cell alone: same value, no difference.
        let g = &a2020.scenarios[1];
        assert_eq!(g.origin, CompareOrigin::Baseline);
        assert_eq!(g.value, Some(100.0));
        assert_eq!(g.difference, Some(0.0));
        assert_eq!(g.percent, Some(0.0));

        // A projected year with no baseline: value, but no difference and no percentage.
        let b2022 = &c.rows[2];
        assert_eq!(b2022.baseline, None);
        let g = &b2022.scenarios[1];
        assert_eq!(g.origin, CompareOrigin::Projected);
        assert!((g.value.unwrap() - 60.5).abs() < 1e-9);
        assert_eq!(g.difference, None);
        assert_eq!(g.percent, None);
        assert_eq!(b2022.scenarios[0].value, None);
        assert_eq!(b2022.scenarios[0].origin, CompareOrigin::Baseline);
    }

    #[test]
    fn a_zero_baseline_has_a_difference_but_no_percentage() {
        let base = dataset();
        let (out, a, _) = ids(&base);
        let s = apply(
            &base,
            &scenario(vec![Edit::new("a", "out", 2021, Some(5.0))], vec![]),
        );
        let c = compare(
            &base,
            &[("s", &s)],
            out,
            &[a],
            (2021, 2021),
            RowFilter::Changed,
        );
        let v = &c.rows[0].scenarios[0];
        assert_eq!(v.difference, Some(5.0));
        assert_eq!(v.percent, None);
    }

    #[test]
    fn a_removed_value_is_a_change_with_no_value() {
        let base = dataset();
        let (out, _, b) = ids(&base);
        let s = apply(
            &base,
            &scenario(vec![Edit::new("b", "out", 2020, None)], vec![]),
        );
        let c = compare(
            &base,
            &[("s", &s)],
            out,
            &[b],
            (2020, 2020),
            RowFilter::Changed,
        );
        assert_eq!(c.rows.len(), 1);
        let v = &c.rows[0].scenarios[0];
        assert_eq!(v.origin, CompareOrigin::Removed);
        assert_eq!((v.value, v.difference, v.percent), (None, None, None));
    }

    #[test]
    fn all_rows_lists_every_year_with_any_value_and_keeps_the_target() {
        let base = dataset();
        let (out, a, b) = ids(&base);
        let none = Applied::none();
        let c = compare(
            &base,
            &[("none", &none)],
            out,
            &[a, b],
            (2019, 2023),
            RowFilter::All,
        );
        let keys: Vec<_> = c.rows.iter().map(|r| (r.region, r.year)).collect();
        // 2019 and 2022 have nothing anywhere; b has only 2020.
        assert_eq!(keys, vec![(a, 2020), (a, 2021), (a, 2023), (b, 2020)]);
        assert_eq!(c.rows[2].target, Some(200.0));
        assert_eq!(c.rows[2].baseline, None);
        assert_eq!(c.changed_rows, 0);
        assert!(c.rows.iter().all(|r| !r.changed()));
        // With the filter on, an unchanged scenario lists nothing.
        let c = compare(
            &base,
            &[("none", &none)],
            out,
            &[a, b],
            (2019, 2023),
            RowFilter::Changed,
        );
        assert!(c.rows.is_empty());
    }

    #[test]
    fn an_edit_back_to_the_baseline_value_is_not_a_change() {
        let base = dataset();
        let (out, a, _) = ids(&base);
        let s = apply(
            &base,
            &scenario(vec![Edit::new("a", "out", 2020, Some(100.0))], vec![]),
        );
        let c = compare(
            &base,
            &[("s", &s)],
            out,
            &[a],
            (2020, 2020),
            RowFilter::Changed,
        );
        assert!(c.rows.is_empty());
        let c = compare(&base, &[("s", &s)], out, &[a], (2020, 2020), RowFilter::All);
        assert_eq!(c.rows[0].scenarios[0].origin, CompareOrigin::Edited);
        assert_eq!(c.rows[0].scenarios[0].difference, Some(0.0));
    }

    #[test]
    fn reversed_years_and_no_scenarios_are_handled() {
        let base = dataset();
        let (out, a, _) = ids(&base);
        let c = compare(&base, &[], out, &[a], (2021, 2020), RowFilter::All);
        assert_eq!(c.rows.len(), 2);
        assert!(
            c.rows
                .iter()
                .all(|r| r.scenarios.is_empty() && !r.changed())
        );
    }

    #[test]
    fn the_year_span_covers_data_and_projections() {
        let base = dataset();
        let (out, ..) = ids(&base);
        assert_eq!(compare_years(&base, &[], out), Some((2020, 2023)));
        let s = apply(
            &base,
            &scenario(vec![], vec![GrowthRule::new("b", "out", 2020, 2030, 1.0)]),
        );
        assert_eq!(compare_years(&base, &[&s], out), Some((2020, 2030)));
    }
}
