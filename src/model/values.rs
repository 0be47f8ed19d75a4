//! [`Values`]: where the analysis reads measured values from — the dataset itself, or a
//! scenario applied to it ([`super::analysis::ScenarioValues`]). The lowest layer of the
//! analysis: it knows the dataset and nothing above it.

use super::dataset::{Better, Dataset, IndicatorIdx, ObservationKind, RegionIdx};

/// A source of measured values: the dataset itself, or later a scenario applied to it.
///
/// "Measured" means the `Actual` value of a year, else its `Estimate`; targets are never
/// measured values.
pub trait Values {
    /// The measured value of (region, indicator, year) and the kind it came from.
    fn measured_with_kind(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, ObservationKind)>;

    /// The measured value of (region, indicator, year), without its kind.
    fn measured(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Option<f64> {
        self.measured_with_kind(region, indicator, year)
            .map(|(value, _)| value)
    }

    /// Every year that may hold a value of `indicator` (a superset is fine), ascending.
    fn years(&self, indicator: IndicatorIdx) -> Vec<i32>;

    /// All regions, in display order.
    fn regions(&self) -> Vec<RegionIdx>;

    /// Which direction of `indicator` is good.
    fn better(&self, indicator: IndicatorIdx) -> Better;

    /// The region `region` is part of, if any: rankings and scores never set a whole
    /// against its own parts ([`super::levels`]). Required (no default), so that an adapter
    /// over a dataset cannot forget to pass the parents on and rank a whole with its parts.
    fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx>;
}

impl Values for Dataset {
    fn measured_with_kind(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, ObservationKind)> {
        [ObservationKind::Actual, ObservationKind::Estimate]
            .into_iter()
            .find_map(|kind| self.get(region, indicator, year, kind))
            .map(|o| (o.value, o.kind))
    }

    fn years(&self, indicator: IndicatorIdx) -> Vec<i32> {
        self.years_of(indicator)
    }

    fn regions(&self) -> Vec<RegionIdx> {
        self.region_indices().collect()
    }

    fn better(&self, indicator: IndicatorIdx) -> Better {
        self.indicator(indicator).better
    }

    fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx> {
        Dataset::parent_of(self, region)
    }
}
