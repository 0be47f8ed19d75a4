//! Rankings and composite scores of a set of picked regions: the years they can be taken in,
//! the year to show by default, and the results, as plain data for the window to draw.
//!
//! Only regions of one level are ranked: a picked region that is the parent (or an ancestor)
//! of another pick (重庆市 over its districts) is a reference, never ranked or scored, in any
//! year, also in a year when none of its picked parts has a value (see
//! [`super::levels::split_picks`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::analysis::{Composite, CompositeError, Ranked, composite, rank};
use crate::model::values::Values;
use crate::model::{Better, Dataset, IndicatorIdx, ObservationKind, RegionIdx};

/// The dataset seen through a subset of its regions: ranks and min–max scores are taken among
/// the picked regions only.
pub struct Picked<'a> {
    /// The data.
    pub dataset: &'a Dataset,
    /// The regions compared, in display order.
    pub regions: Vec<RegionIdx>,
}

impl Values for Picked<'_> {
    fn measured_with_kind(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, ObservationKind)> {
        self.dataset.measured_with_kind(region, indicator, year)
    }

    fn years(&self, indicator: IndicatorIdx) -> Vec<i32> {
        self.dataset.years_of(indicator)
    }

    fn regions(&self) -> Vec<RegionIdx> {
        self.regions.clone()
    }

    fn better(&self, indicator: IndicatorIdx) -> Better {
        self.dataset.indicator(indicator).better
    }

    fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx> {
        self.dataset.parent_of(region)
    }
}

/// The ranking of the picked regions on one indicator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RankingData {
    /// Years in which any picked region has a measured value, ascending.
    pub years: Vec<i32>,
    /// The ranking's year (picked, best covered or latest); `None`: no data.
    pub year: Option<i32>,
    /// The regions in rank order (empty without a year).
    pub ranked: Vec<Ranked>,
    /// Picked regions that are a whole of other picks (重庆市 over its districts): not ranked,
    /// and their years are not offered; in pick order.
    pub references: Vec<RegionIdx>,
    /// With a tolerance ([`ranking_data_latest`]), the year of each ranked value, in the
    /// order of `ranked`; empty when every value is of `year`.
    pub value_years: Vec<i32>,
}

/// The composite score of the picked regions.
#[derive(Clone, Debug, PartialEq)]
pub struct CompositeData {
    /// Years in which any weighted indicator has a measured value for a picked region.
    pub years: Vec<i32>,
    /// The composite's year; `None`: no weighted indicator has data.
    pub year: Option<i32>,
    /// The scores in `year`, or why there are none (`None` without a year).
    pub scores: Option<Result<Vec<Composite>, CompositeError>>,
}

/// The years in which any of `regions` has a measured (actual or estimated) whole-year level of
/// `indicator` (what a ranking reads; a growth rate or a 1—6月 figure alone ranks nothing),
/// ascending.
pub fn years_with_data(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
) -> Vec<i32> {
    let picked = dataset.region_lookup(regions);
    let years: BTreeSet<i32> = dataset
        .levels()
        .filter(|o| {
            o.indicator == indicator
                && o.kind != ObservationKind::Target
                && o.value.is_finite()
                && picked.get(o.region.0 as usize).copied().unwrap_or(false)
        })
        .map(|o| o.year)
        .collect();
    years.into_iter().collect()
}

/// For each year, how many (weighted indicator, region of `regions`) pairs have a measured
/// whole-year level in it: one pass over the values, whatever the number of weights.
fn weighted_year_counts(
    dataset: &Dataset,
    regions: &[RegionIdx],
    weights: &[(IndicatorIdx, f64)],
) -> BTreeMap<i32, usize> {
    let picked = dataset.region_lookup(regions);
    let mut weighted = vec![false; dataset.indicators().len()];
    for &(indicator, weight) in weights {
        if weight > 0.0
            && let Some(slot) = weighted.get_mut(indicator.0 as usize)
        {
            *slot = true;
        }
    }
    // An actual and an estimate of one year count once.
    let mut seen = std::collections::HashSet::new();
    let mut counts = BTreeMap::<i32, usize>::new();
    for o in dataset.levels() {
        if o.kind != ObservationKind::Target
            && o.value.is_finite()
            && weighted
                .get(o.indicator.0 as usize)
                .copied()
                .unwrap_or(false)
            && picked.get(o.region.0 as usize).copied().unwrap_or(false)
            && seen.insert((o.indicator, o.region, o.year))
        {
            *counts.entry(o.year).or_default() += 1;
        }
    }
    counts
}

/// The year most (weighted indicator, region) pairs cover, ties to the later year.
fn best_covered(counts: &BTreeMap<i32, usize>) -> Option<i32> {
    counts
        .iter()
        .max_by_key(|&(&year, &n)| (n, year))
        .map(|(&year, _)| year)
}

/// The ranking's year: `picked` (with the indicator it was picked for) when it is for this
/// indicator and still has data, else the best-covered year, else the latest year with data.
pub fn ranking_year(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    picked: Option<(IndicatorIdx, i32)>,
) -> Option<i32> {
    let years = years_with_data(dataset, indicator, regions);
    match picked {
        Some((i, year)) if i == indicator && years.contains(&year) => Some(year),
        _ => dataset
            .best_covered_year(indicator, regions)
            .or_else(|| years.last().copied()),
    }
}

/// The composite's year: `picked` when set, else the year with the most measured values of
/// the positively weighted indicators among `regions` (ties to the later year).
pub fn composite_year(
    dataset: &Dataset,
    regions: &[RegionIdx],
    weights: &[(IndicatorIdx, f64)],
    picked: Option<i32>,
) -> Option<i32> {
    if let Some(year) = picked {
        return Some(year);
    }
    best_covered(&weighted_year_counts(dataset, regions, weights))
}

/// The weights whose indicators exist in `dataset`.
pub fn valid_weights(
    dataset: &Dataset,
    weights: &[(IndicatorIdx, f64)],
) -> Vec<(IndicatorIdx, f64)> {
    let n = dataset.indicators().len();
    weights
        .iter()
        .copied()
        .filter(|(i, _)| (i.0 as usize) < n)
        .collect()
}

/// The weights carried from `old` to `new` by indicator id (those whose id is gone dropped).
pub fn carried_weights(
    weights: &[(IndicatorIdx, f64)],
    old: &Dataset,
    new: &Dataset,
) -> Vec<(IndicatorIdx, f64)> {
    weights
        .iter()
        .filter(|(i, _)| (i.0 as usize) < old.indicators().len())
        .filter_map(|&(i, w)| new.indicator_by_id(&old.indicator(i).id).map(|n| (n, w)))
        .collect()
}

/// `picks` split into the regions ranked (one level: no pick that is a whole of another
/// pick) and the references (those wholes), both in pick order.
fn compared_and_references(
    dataset: &Dataset,
    picks: &[RegionIdx],
) -> (Vec<RegionIdx>, Vec<RegionIdx>) {
    let all = Picked {
        dataset,
        regions: picks.to_vec(),
    };
    let levels = super::levels::split_picks(&all, picks);
    (levels.compared, levels.references)
}

/// The ranking of `regions` on `indicator` in its year (see [`ranking_year`]); a pick that is
/// the whole of other picks is a reference, not ranked.
pub fn ranking_data(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    picked: Option<(IndicatorIdx, i32)>,
) -> RankingData {
    ranking_data_latest(dataset, indicator, regions, picked, None)
}

/// [`ranking_data`], each region with its latest value up to the year within `tolerance`
/// years ([`super::latest::rank_latest`]; `None` or `Some(0)`: the year's values only). The
/// year of each value is in [`RankingData::value_years`] when one differs from the year.
pub fn ranking_data_latest(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    picked: Option<(IndicatorIdx, i32)>,
    tolerance: Option<u32>,
) -> RankingData {
    let (compared, references) = compared_and_references(dataset, regions);
    let years = years_with_data(dataset, indicator, &compared);
    let year = ranking_year(dataset, indicator, &compared, picked);
    let values = Picked {
        dataset,
        regions: compared,
    };
    let (ranked, value_years) = match (year, tolerance.filter(|&n| n > 0)) {
        (None, _) => (Vec::new(), Vec::new()),
        (Some(year), None) => (rank(&values, indicator, year), Vec::new()),
        (Some(year), Some(n)) => {
            let latest = super::latest::rank_latest(&values, indicator, year, Some(n));
            let value_years: Vec<i32> = latest.iter().map(|r| r.year).collect();
            let ranked = latest.into_iter().map(|r| r.ranked).collect();
            if value_years.iter().all(|&y| y == year) {
                (ranked, Vec::new())
            } else {
                (ranked, value_years)
            }
        }
    };
    RankingData {
        years,
        year,
        ranked,
        references,
        value_years,
    }
}

/// The composite score of `regions` with `weights` in its year (see [`composite_year`]); a
/// pick that is the whole of other picks is not scored.
pub fn composite_data(
    dataset: &Dataset,
    regions: &[RegionIdx],
    weights: &[(IndicatorIdx, f64)],
    picked: Option<i32>,
) -> CompositeData {
    let (compared, _) = compared_and_references(dataset, regions);
    let regions = compared.as_slice();
    let weights = valid_weights(dataset, weights);
    let counts = weighted_year_counts(dataset, regions, &weights);
    let years: Vec<i32> = counts.keys().copied().collect();
    let year = picked.or_else(|| best_covered(&counts));
    let scores = year.map(|year| {
        let values = Picked {
            dataset,
            regions: regions.to_vec(),
        };
        composite(&values, &weights, year)
    });
    CompositeData {
        years,
        year,
        scores,
    }
}
