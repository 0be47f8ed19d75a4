//! "Each region's latest value up to year Y" (OWID's *tolerance*): published figures are
//! sparse (万盛's forest coverage is published for 2022, 綦江's for 2023), so a comparison in
//! 2023 may take a region's value of an earlier year — never silently: every value found
//! carries its own year, and callers show it.
//!
//! A tolerance of `None` means the exact year only; `Some(n)` looks back up to `n` years
//! (`Some(0)` is the exact year too). Nothing is interpolated: a value is one that was
//! published (or estimated) for the year it is labelled with.

use super::dataset::{Better, IndicatorIdx, ObservationKind, RegionIdx};
use super::validate::YEAR_MIN;
use super::values::Values;

/// How many years back `--latest` looks when no `--tolerance` is given.
pub const DEFAULT_TOLERANCE: u32 = 5;

/// The years looked at for `year` under `tolerance`, latest first: `year`, `year − 1`, …,
/// `year − n`, never before [`YEAR_MIN`].
fn years_back(year: i32, tolerance: Option<u32>) -> impl Iterator<Item = i32> {
    let back = i64::from(tolerance.unwrap_or(0));
    let earliest = (i64::from(year) - back).max(i64::from(YEAR_MIN));
    let earliest = i32::try_from(earliest).unwrap_or(YEAR_MIN);
    (earliest..=year).rev()
}

/// The latest measured value (Actual, else Estimate) of (region, indicator) in `year` or up
/// to `tolerance` years before it, with the year it belongs to and its kind. Non-finite
/// values count as absent.
pub fn latest_with_kind<V: Values + ?Sized>(
    values: &V,
    region: RegionIdx,
    indicator: IndicatorIdx,
    year: i32,
    tolerance: Option<u32>,
) -> Option<(i32, f64, ObservationKind)> {
    years_back(year, tolerance).find_map(|y| {
        values
            .measured_with_kind(region, indicator, y)
            .filter(|(v, _)| v.is_finite())
            .map(|(v, kind)| (y, v, kind))
    })
}

/// The latest measured value of (region, indicator) up to `year`, looking back at most
/// `tolerance` years (`None`: the exact year only), as `(year it belongs to, value)`.
///
/// ```
/// # use yardstick::model::latest::latest_up_to;
/// # let d = yardstick::bundled_dataset().unwrap();
/// let forest = d.indicator_by_id("forest_coverage").unwrap();
/// let wansheng = d.region_by_id("wansheng").unwrap();
/// assert_eq!(latest_up_to(&d, wansheng, forest, 2023, Some(5)), Some((2022, 58.2)));
/// assert_eq!(latest_up_to(&d, wansheng, forest, 2023, None), None);
/// ```
pub fn latest_up_to<V: Values + ?Sized>(
    values: &V,
    region: RegionIdx,
    indicator: IndicatorIdx,
    year: i32,
    tolerance: Option<u32>,
) -> Option<(i32, f64)> {
    latest_with_kind(values, region, indicator, year, tolerance).map(|(y, v, _)| (y, v))
}

/// One region's latest value up to a year, from [`latest_values`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatestValue {
    /// The region.
    pub region: RegionIdx,
    /// The year the value belongs to (at most the year asked for).
    pub year: i32,
    /// The value.
    pub value: f64,
    /// Actual or Estimate.
    pub kind: ObservationKind,
}

/// The latest value up to `year` (within `tolerance`) of each of `regions`, in their order;
/// regions without one are left out (list them as "no data").
pub fn latest_values<V: Values + ?Sized>(
    values: &V,
    regions: &[RegionIdx],
    indicator: IndicatorIdx,
    year: i32,
    tolerance: Option<u32>,
) -> Vec<LatestValue> {
    regions
        .iter()
        .filter_map(|&region| {
            latest_with_kind(values, region, indicator, year, tolerance).map(
                |(year, value, kind)| LatestValue {
                    region,
                    year,
                    value,
                    kind,
                },
            )
        })
        .collect()
}

/// The distinct years of `found`, ascending: more than one means the values are of
/// different years and must be labelled so.
pub fn years_of(found: &[LatestValue]) -> Vec<i32> {
    let mut years: Vec<i32> = found.iter().map(|f| f.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// [`Values`] seen through "latest up to": the value of (region, indicator, year) is the
/// region's latest value up to that year within `tolerance`. Feed it to
/// [`rank`](super::analysis::rank) or [`composite`](super::analysis::composite) to rank
/// on the latest values; [`latest_up_to`] gives each ranked value's own year to show.
#[derive(Clone, Copy, Debug)]
pub struct UpTo<'a, V: ?Sized> {
    /// The values looked up.
    pub values: &'a V,
    /// How many years back to look (`None`: the exact year only).
    pub tolerance: Option<u32>,
}

impl<V: Values + ?Sized> Values for UpTo<'_, V> {
    fn measured_with_kind(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, ObservationKind)> {
        latest_with_kind(self.values, region, indicator, year, self.tolerance)
            .map(|(_, v, kind)| (v, kind))
    }

    fn years(&self, indicator: IndicatorIdx) -> Vec<i32> {
        self.values.years(indicator)
    }

    fn regions(&self) -> Vec<RegionIdx> {
        self.values.regions()
    }

    fn better(&self, indicator: IndicatorIdx) -> Better {
        self.values.better(indicator)
    }

    fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx> {
        self.values.parent_of(region)
    }
}

/// A ranked region with the year of the value it was ranked by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RankedLatest {
    /// Place, region and value.
    pub ranked: super::analysis::Ranked,
    /// The year the value belongs to.
    pub year: i32,
}

/// [`rank`](super::analysis::rank) on each region's latest value up to `year` within
/// `tolerance`, each with its own year. Regions of one level only, as `rank`.
pub fn rank_latest<V: Values + ?Sized>(
    values: &V,
    indicator: IndicatorIdx,
    year: i32,
    tolerance: Option<u32>,
) -> Vec<RankedLatest> {
    let up_to = UpTo { values, tolerance };
    super::analysis::rank(&up_to, indicator, year)
        .into_iter()
        .filter_map(|ranked| {
            latest_up_to(values, ranked.region, indicator, year, tolerance)
                .map(|(year, _)| RankedLatest { ranked, year })
        })
        .collect()
}

/// The "no data" list of one level: the picks compared (not the wholes shown as references,
/// see [`super::levels::split_picks`]) without a measured value of `indicator` in `year`, or with a
/// `tolerance` up to that many years before (as [`latest_up_to`] reads it), in pick order.
pub fn no_data<V: Values + ?Sized>(
    values: &V,
    picks: &[RegionIdx],
    indicator: super::dataset::IndicatorIdx,
    year: i32,
    tolerance: Option<u32>,
) -> Vec<RegionIdx> {
    super::levels::one_level(values, picks)
        .into_iter()
        .filter(|&r| latest_up_to(values, r, indicator, year, tolerance).is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::years_back;

    #[test]
    fn years_back_stop_at_the_tolerance_and_at_year_min() {
        assert_eq!(years_back(2023, None).collect::<Vec<_>>(), [2023]);
        assert_eq!(years_back(2023, Some(0)).collect::<Vec<_>>(), [2023]);
        assert_eq!(
            years_back(2023, Some(2)).collect::<Vec<_>>(),
            [2023, 2022, 2021]
        );
        assert_eq!(years_back(1801, Some(u32::MAX)).count(), 2);
    }
}
