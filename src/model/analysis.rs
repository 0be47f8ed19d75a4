//! Analysis over indicator values: growth (year on year, CAGR), index to a base year,
//! polarity-aware ranks and min–max scores, weighted composites, and target tracking
//! (the growth a published target requires, against the growth recently achieved).
//!
//! Everything here is pure: numbers in, numbers out. The series-level functions read values
//! through the [`Values`] trait, implemented for [`Dataset`], so that a what-if scenario can
//! feed the same analysis by implementing it too.
//!
//! Percentages are in percent (`18.56` means 18.56 %), not fractions.

use std::collections::HashSet;

use super::dataset::{Better, Dataset, IndicatorIdx, ObservationKind, RegionIdx};
use super::scenario::{Applied, Cell};
use super::values::Values;

// ---------------------------------------------------------------------------------------------
// Basic measures over plain numbers
// ---------------------------------------------------------------------------------------------

/// Percentage change from `prev` to `cur`: `(cur / prev − 1) × 100`.
///
/// `None` when either value is not finite, when `prev` is 0 (no change relative to nothing)
/// or when `prev` is negative (a change relative to a negative base has a meaningless sign:
/// going from −10 to −5 is an improvement but would read as −50 %).
pub fn yoy_change(prev: f64, cur: f64) -> Option<f64> {
    if !prev.is_finite() || !cur.is_finite() || prev <= 0.0 {
        return None;
    }
    Some((cur / prev - 1.0) * 100.0)
}

/// Compound annual growth rate in percent from `start` to `end` over `years` years:
/// `((end / start)^(1 / years) − 1) × 100`.
///
/// `None` when `years <= 0` (no time elapsed), when either value is not finite, when
/// `start <= 0` (a rate compounded from zero or from a negative value does not exist: no
/// constant rate turns 0 into anything else, and a fractional root of a negative ratio is not
/// a real number), or when `end < 0` (a sign change has no compound rate). `end == 0` is
/// allowed and gives −100 %.
pub fn cagr(start: f64, end: f64, years: i32) -> Option<f64> {
    if years <= 0 || !start.is_finite() || !end.is_finite() || start <= 0.0 || end < 0.0 {
        return None;
    }
    let rate = ((end / start).powf(1.0 / f64::from(years)) - 1.0) * 100.0;
    rate.is_finite().then_some(rate)
}

/// `value` as an index with `base` = 100: `value / base × 100`.
///
/// `None` when either value is not finite or when `base <= 0`: a zero base has no index, and
/// a negative base would flip the sign (values above the base would read below 100).
pub fn index_to_base(value: f64, base: f64) -> Option<f64> {
    if !value.is_finite() || !base.is_finite() || base <= 0.0 {
        return None;
    }
    Some(value / base * 100.0)
}

// ---------------------------------------------------------------------------------------------
// Values: where the analysis reads from
// ---------------------------------------------------------------------------------------------

/// A scenario's measured values: the overlay's cells over the dataset's (see
/// [`super::scenario::apply`]). A value the scenario sets or projects reads as an `Estimate`:
/// it is never a published actual.
#[derive(Clone, Copy, Debug)]
pub struct ScenarioValues<'a> {
    /// The dataset under the scenario.
    pub base: &'a Dataset,
    /// The scenario applied to `base`.
    pub applied: &'a Applied,
}

impl<'a> ScenarioValues<'a> {
    /// The values of `applied` over `base`.
    pub fn new(base: &'a Dataset, applied: &'a Applied) -> Self {
        Self { base, applied }
    }
}

impl Values for ScenarioValues<'_> {
    fn measured_with_kind(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, ObservationKind)> {
        match self.applied.cell(region, indicator, year) {
            Some(Cell::Set(e)) => Some((e.value, ObservationKind::Estimate)),
            Some(Cell::Removed { .. }) => None,
            None => self.base.measured_with_kind(region, indicator, year),
        }
    }

    fn years(&self, indicator: IndicatorIdx) -> Vec<i32> {
        let mut years = self.base.years_of(indicator);
        years.extend(self.applied.years_changed(indicator));
        years.sort_unstable();
        years.dedup();
        years
    }

    fn regions(&self) -> Vec<RegionIdx> {
        self.base.region_indices().collect()
    }

    fn better(&self, indicator: IndicatorIdx) -> Better {
        self.base.indicator(indicator).better
    }

    fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx> {
        Values::parent_of(self.base, region)
    }
}

/// The finite measured value of (region, indicator, year): non-finite values count as absent.
fn finite_measured<V: Values + ?Sized>(
    values: &V,
    region: RegionIdx,
    indicator: IndicatorIdx,
    year: i32,
) -> Option<f64> {
    values
        .measured(region, indicator, year)
        .filter(|v| v.is_finite())
}

/// The measured value (Actual, else Estimate) of each year of (region, indicator), ascending
/// by year. Years without a measured value are left out: gaps stay gaps, never zeros.
pub fn measured_series<V: Values + ?Sized>(
    values: &V,
    region: RegionIdx,
    indicator: IndicatorIdx,
) -> Vec<(i32, f64)> {
    values
        .years(indicator)
        .into_iter()
        .filter_map(|year| finite_measured(values, region, indicator, year).map(|v| (year, v)))
        .collect()
}

/// Whether `value` meets `target` under `better`: at least the target when higher is better,
/// at most the target when lower is better.
pub fn meets_target(better: Better, value: f64, target: f64) -> bool {
    match better {
        Better::Higher => value >= target,
        Better::Lower => value <= target,
    }
}

// ---------------------------------------------------------------------------------------------
// Ranking and scores
// ---------------------------------------------------------------------------------------------

/// The regions with a finite measured value of `indicator` in `year`, in display order,
/// without those whose own parts are among them ([`super::levels::without_ancestors`]).
fn one_level_present<V: Values + ?Sized>(
    values: &V,
    indicator: IndicatorIdx,
    year: i32,
) -> Vec<(RegionIdx, f64)> {
    let present: Vec<(RegionIdx, f64)> = values
        .regions()
        .into_iter()
        .filter_map(|r| finite_measured(values, r, indicator, year).map(|v| (r, v)))
        .collect();
    super::levels::without_ancestors(values, present, |&(r, _)| r)
}

/// One region's place in a [`rank`]ing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    /// The region.
    pub region: RegionIdx,
    /// Its measured value that year.
    pub value: f64,
    /// 1-based competition rank: equal values share a rank and the next rank is skipped
    /// (1, 2, 2, 4).
    pub rank: usize,
}

/// The regions ranked on `indicator` in `year`, best first, respecting polarity: for
/// [`Better::Higher`] the largest value ranks first, for [`Better::Lower`] the smallest.
///
/// Ties (exactly equal values) share a rank (competition ranking 1, 2, 2, 4) and keep
/// display order among themselves. Regions without a measured (Actual, else Estimate) finite
/// value that year are absent from the result, and so is a region whose own parts have a
/// value that year: a whole is never ranked against its parts ([`Values::parent_of`]).
pub fn rank<V: Values + ?Sized>(values: &V, indicator: IndicatorIdx, year: i32) -> Vec<Ranked> {
    let better = values.better(indicator);
    let mut present = one_level_present(values, indicator, year);
    // Stable sort: equal values keep display order.
    present.sort_by(|a, b| match better {
        Better::Higher => b.1.total_cmp(&a.1),
        Better::Lower => a.1.total_cmp(&b.1),
    });
    let mut out: Vec<Ranked> = Vec::with_capacity(present.len());
    for (i, (region, value)) in present.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.value == value => prev.rank,
            _ => i + 1,
        };
        out.push(Ranked {
            region,
            value,
            rank,
        });
    }
    out
}

/// Min–max scores of `indicator` in `year`, in display order of the regions: 0..=100 where
/// 100 is the best value among the regions and 0 the worst (polarity respected).
///
/// Regions without a measured finite value that year are absent, and so is a whole whose
/// parts have one (as in [`rank`]). When every present value
/// is equal (including a single region) there is no spread to scale by and every region
/// scores 100: none is worse than another.
pub fn normalised<V: Values + ?Sized>(
    values: &V,
    indicator: IndicatorIdx,
    year: i32,
) -> Vec<(RegionIdx, f64)> {
    let better = values.better(indicator);
    let present = one_level_present(values, indicator, year);
    let min = present.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max = present
        .iter()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let spread = max - min;
    present
        .into_iter()
        .map(|(region, v)| {
            let score = if spread > 0.0 {
                match better {
                    Better::Higher => (v - min) / spread * 100.0,
                    Better::Lower => (max - v) / spread * 100.0,
                }
            } else {
                100.0
            };
            (region, score)
        })
        .collect()
}

/// One region's weighted composite score, from [`composite`].
#[derive(Clone, Debug, PartialEq)]
pub struct Composite {
    /// The region.
    pub region: RegionIdx,
    /// Weighted mean of the region's normalised scores (0..=100, 100 best), with the weights
    /// renormalised over the indicators it has data for.
    pub score: f64,
    /// How many weighted indicators had a value for the region that year.
    pub used: usize,
    /// The weighted indicators without a value for the region that year, in weight order.
    pub missing: Vec<IndicatorIdx>,
}

/// Why a composite score cannot be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CompositeError {
    /// A weight is negative, infinite or NaN.
    #[error("the weight of indicator {} is {weight}: weights must be finite and not negative", indicator.0)]
    InvalidWeight {
        /// The indicator the weight belongs to.
        indicator: IndicatorIdx,
        /// The weight given.
        weight: f64,
    },
    /// The same indicator is weighted twice.
    #[error("indicator {} is weighted more than once", .0.0)]
    DuplicateIndicator(IndicatorIdx),
    /// No weights, or all weights are zero: nothing to average.
    #[error("no indicator has a positive weight")]
    NoWeight,
}

/// Weighted composite of the [`normalised`] scores of several indicators in `year`.
///
/// Each region's score is `Σ wᵢ·sᵢ / Σ wᵢ` over the weighted indicators the region has a
/// measured value for: the weights are renormalised over the indicators present, so a
/// missing indicator neither counts as 0 nor as average (see [`Composite::missing`] to judge
/// how complete a score is). Indicators with weight 0 are ignored altogether (neither used
/// nor missing). Regions with no value on any positively weighted indicator are absent, and
/// so is a whole (a parent region) when any of its parts has a score.
///
/// The result is ordered best (highest score) first; equal scores keep display order.
///
/// # Errors
/// [`CompositeError::InvalidWeight`] for a negative or non-finite weight,
/// [`CompositeError::DuplicateIndicator`] when an indicator is listed twice, and
/// [`CompositeError::NoWeight`] when no weight is positive.
pub fn composite<V: Values + ?Sized>(
    values: &V,
    weights: &[(IndicatorIdx, f64)],
    year: i32,
) -> Result<Vec<Composite>, CompositeError> {
    let mut seen = HashSet::new();
    for &(indicator, weight) in weights {
        if !weight.is_finite() || weight < 0.0 {
            return Err(CompositeError::InvalidWeight { indicator, weight });
        }
        if !seen.insert(indicator) {
            return Err(CompositeError::DuplicateIndicator(indicator));
        }
    }
    let weighted: Vec<(IndicatorIdx, f64)> =
        weights.iter().copied().filter(|&(_, w)| w > 0.0).collect();
    if weighted.is_empty() {
        return Err(CompositeError::NoWeight);
    }
    let scores: Vec<Vec<(RegionIdx, f64)>> = weighted
        .iter()
        .map(|&(indicator, _)| normalised(values, indicator, year))
        .collect();

    let mut out = Vec::new();
    for region in values.regions() {
        let mut sum = 0.0;
        let mut total_weight = 0.0;
        let mut used = 0;
        let mut missing = Vec::new();
        for (&(indicator, weight), per_region) in weighted.iter().zip(&scores) {
            match per_region.iter().find(|(r, _)| *r == region) {
                Some(&(_, score)) => {
                    sum += weight * score;
                    total_weight += weight;
                    used += 1;
                }
                None => missing.push(indicator),
            }
        }
        if used > 0 {
            out.push(Composite {
                region,
                score: sum / total_weight,
                used,
                missing,
            });
        }
    }
    // A whole is never scored beside its parts, even on indicators only it reports.
    let mut out = super::levels::without_ancestors(values, out, |c| c.region);
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Target tracking
// ---------------------------------------------------------------------------------------------

/// Recent growth counts as "at risk" (rather than off track) down to this share of the
/// required growth.
pub const AT_RISK_SHARE: f64 = 0.8;

/// Tolerance, in percentage points, of the pace comparisons in [`judge_pace`], so that a rate
/// equal to its threshold up to floating-point rounding counts as meeting it.
pub const PACE_TOLERANCE: f64 = 1e-9;

/// The spans (years ending at the latest value) tried for the recent growth, in order of
/// preference: 3, then 5, then the longest remaining span up to 5.
const RECENT_SPANS: [i32; 5] = [3, 5, 4, 2, 1];

/// How a target stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetStatus {
    /// The target is met (polarity-aware): by the latest value before the target year, or by
    /// the measured value of the target year itself once there is one.
    Achieved,
    /// Recent growth is at least the required growth (Higher), or the recent decline at least
    /// the required decline (Lower).
    OnTrack,
    /// Recent growth reaches [`AT_RISK_SHARE`] (80 %) of the required growth but not all of it
    /// (mirrored for Lower).
    AtRisk,
    /// Recent growth is below 80 % of the required growth (mirrored for Lower), or the target
    /// year has a measured value that misses the target.
    OffTrack,
    /// Not enough to judge: no recent growth, or no required growth (latest value ≤ 0, or a
    /// negative target).
    Unknown,
}

/// A published target compared with where the region stands and how fast it has moved.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetTrack {
    /// The region.
    pub region: RegionIdx,
    /// The indicator.
    pub indicator: IndicatorIdx,
    /// The indicator's polarity.
    pub better: Better,
    /// The year the target is set for.
    pub target_year: i32,
    /// The target value.
    pub target: f64,
    /// The latest year strictly before the target year with a measured value.
    pub latest_year: i32,
    /// The measured value of `latest_year`.
    pub latest_value: f64,
    /// Whether `latest_value` is an `Actual` or (when the year has no actual) an `Estimate`.
    pub latest_kind: ObservationKind,
    /// `target_year − latest_year`: always at least 1.
    pub years_left: i32,
    /// The compound annual growth in percent that takes `latest_value` to `target` in
    /// `years_left` years: `((target / latest)^(1 / years_left) − 1) × 100`. Negative for a
    /// target below the latest value (a required decline). `None` when the latest value is
    /// ≤ 0 or the target negative (see [`cagr`]).
    pub required_pct: Option<f64>,
    /// CAGR in percent over the 3 years ending at `latest_year`, from the measured values at
    /// exactly `latest_year − 3` and `latest_year`; `None` when either is missing.
    pub cagr3: Option<f64>,
    /// CAGR in percent over the 5 years ending at `latest_year`, likewise.
    pub cagr5: Option<f64>,
    /// The recent growth the status is judged by: `cagr3`, else `cagr5`, else the CAGR over
    /// the longest span of 4, 2 or 1 years ending at `latest_year` that has a value.
    pub recent_pct: Option<f64>,
    /// The span in years `recent_pct` was measured over (3, 5, 4, 2 or 1); `None` with it.
    pub recent_span: Option<i32>,
    /// The measured value of the target year itself, once the year has one: the verdict on a
    /// target whose year has passed (and then the basis of `status`).
    pub outcome: Option<f64>,
    /// How the target stands.
    pub status: TargetStatus,
}

/// Judges a pace: recent growth `recent_pct` against the growth `required_pct` a target needs
/// (both in percent a year), for an indicator with polarity `better`. Never returns
/// `Achieved`: whether the target is already met is a question of values, not of pace.
///
/// Higher is better:
/// - `OnTrack` when recent ≥ required;
/// - `AtRisk` when required > 0 and recent ≥ 0.8 × required (exactly 0.8 × is at risk);
/// - `OffTrack` otherwise.
///
/// Lower is better, mirrored (the required rate is then a decline, negative):
/// - `OnTrack` when recent ≤ required;
/// - `AtRisk` when required < 0 and recent ≤ 0.8 × required;
/// - `OffTrack` otherwise.
///
/// Comparisons allow [`PACE_TOLERANCE`] percentage points of rounding. `Unknown` when either
/// rate is missing or not finite.
pub fn judge_pace(
    better: Better,
    required_pct: Option<f64>,
    recent_pct: Option<f64>,
) -> TargetStatus {
    let (Some(required), Some(recent)) = (required_pct, recent_pct) else {
        return TargetStatus::Unknown;
    };
    if !required.is_finite() || !recent.is_finite() {
        return TargetStatus::Unknown;
    }
    let at_risk_line = AT_RISK_SHARE * required;
    match better {
        Better::Higher => {
            if recent >= required - PACE_TOLERANCE {
                TargetStatus::OnTrack
            } else if required > 0.0 && recent >= at_risk_line - PACE_TOLERANCE {
                TargetStatus::AtRisk
            } else {
                TargetStatus::OffTrack
            }
        }
        Better::Lower => {
            if recent <= required + PACE_TOLERANCE {
                TargetStatus::OnTrack
            } else if required < 0.0 && recent <= at_risk_line + PACE_TOLERANCE {
                TargetStatus::AtRisk
            } else {
                TargetStatus::OffTrack
            }
        }
    }
}

/// Tracks every `Target` observation of the dataset, in file order.
///
/// A target with no measured value strictly before its year has no baseline and is left out
/// (see [`track_target_with`]); compare with the dataset's targets to list those.
pub fn track_targets(dataset: &Dataset) -> Vec<TargetTrack> {
    dataset
        .observations()
        .iter()
        .filter(|o| o.kind == ObservationKind::Target)
        .filter_map(|o| track_target_with(dataset, o.region, o.indicator, o.year, o.value))
        .collect()
}

/// Tracks the `Target` observation of (region, indicator, target_year).
///
/// `None` when there is no such target or no measured value before it (see
/// [`track_target_with`]).
pub fn track_target(
    dataset: &Dataset,
    region: RegionIdx,
    indicator: IndicatorIdx,
    target_year: i32,
) -> Option<TargetTrack> {
    let target = dataset.get(region, indicator, target_year, ObservationKind::Target)?;
    track_target_with(dataset, region, indicator, target_year, target.value)
}

/// Tracks a target value `target` for (region, indicator) in `target_year` against `values`:
/// the core of [`track_target`], usable with any [`Values`] (a scenario) and any target.
///
/// - The baseline is the latest measured value (Actual, else Estimate) strictly before the
///   target year; `None` when there is none (or `target` is not finite): a target with no
///   baseline cannot be tracked. So `years_left` is always ≥ 1, also for a target whose year
///   lies in the past: that target is judged as it stood before its year.
/// - If the target year itself has a measured value (`outcome`), the target is settled:
///   `Achieved` when the outcome meets it, `OffTrack` when not.
/// - Else `Achieved` when the latest value already meets the target (polarity-aware).
/// - Else the pace decides: [`judge_pace`] of `required_pct` against `recent_pct`; a latest
///   value ≤ 0 gives no required growth and so `Unknown`, as does having no recent growth.
pub fn track_target_with<V: Values + ?Sized>(
    values: &V,
    region: RegionIdx,
    indicator: IndicatorIdx,
    target_year: i32,
    target: f64,
) -> Option<TargetTrack> {
    if !target.is_finite() {
        return None;
    }
    let better = values.better(indicator);
    let years = values.years(indicator);
    let (latest_year, latest_value, latest_kind) = years
        .iter()
        .rev()
        .filter(|&&y| y < target_year)
        .find_map(|&y| {
            values
                .measured_with_kind(region, indicator, y)
                .filter(|(v, _)| v.is_finite())
                .map(|(v, kind)| (y, v, kind))
        })?;
    let years_left = target_year - latest_year;
    let required_pct = cagr(latest_value, target, years_left);

    let growth_over = |span: i32| {
        finite_measured(values, region, indicator, latest_year - span)
            .and_then(|start| cagr(start, latest_value, span))
    };
    let cagr3 = growth_over(3);
    let cagr5 = growth_over(5);
    let (recent_pct, recent_span) = RECENT_SPANS
        .iter()
        .find_map(|&span| growth_over(span).map(|g| (Some(g), Some(span))))
        .unwrap_or((None, None));

    let outcome = finite_measured(values, region, indicator, target_year);
    let status = match outcome {
        Some(value) if meets_target(better, value, target) => TargetStatus::Achieved,
        Some(_) => TargetStatus::OffTrack,
        None if meets_target(better, latest_value, target) => TargetStatus::Achieved,
        None => judge_pace(better, required_pct, recent_pct),
    };

    Some(TargetTrack {
        region,
        indicator,
        better,
        target_year,
        target,
        latest_year,
        latest_value,
        latest_kind,
        years_left,
        required_pct,
        cagr3,
        cagr5,
        recent_pct,
        recent_span,
        outcome,
        status,
    })
}

/// Goal seek: the value needed in each year from `latest_year` to `target_year` (inclusive)
/// to stay on the required path, `latest × (1 + r)^(year − latest_year)` with `r` the
/// required growth. The first point is the latest value and the last is set to the target
/// exactly (the formula gives it up to rounding).
///
/// Empty when the required growth is unknown (`required_pct` is `None`).
pub fn required_path(track: &TargetTrack) -> Vec<(i32, f64)> {
    let Some(required) = track.required_pct else {
        return Vec::new();
    };
    let factor = 1.0 + required / 100.0;
    (track.latest_year..=track.target_year)
        .map(|year| {
            let value = if year == track.target_year {
                track.target
            } else {
                track.latest_value * factor.powi(year - track.latest_year)
            };
            (year, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn yoy_and_its_refusals() {
        assert!(close(yoy_change(100.0, 110.0).unwrap(), 10.0));
        assert!(close(yoy_change(200.0, 150.0).unwrap(), -25.0));
        assert_eq!(yoy_change(0.0, 5.0), None);
        assert_eq!(yoy_change(-10.0, -5.0), None);
        assert_eq!(yoy_change(f64::NAN, 5.0), None);
        assert_eq!(yoy_change(5.0, f64::INFINITY), None);
    }

    #[test]
    fn cagr_doubling_over_one_and_two_years() {
        assert!(close(cagr(100.0, 200.0, 1).unwrap(), 100.0));
        // 100 → 121 in 2 years: 1.1² = 1.21, so 10 % a year.
        assert!(close(cagr(100.0, 121.0, 2).unwrap(), 10.0));
        assert!(close(cagr(100.0, 0.0, 3).unwrap(), -100.0));
        assert_eq!(cagr(100.0, 121.0, 0), None);
        assert_eq!(cagr(100.0, 121.0, -2), None);
        assert_eq!(cagr(0.0, 121.0, 2), None);
        assert_eq!(cagr(-100.0, 121.0, 2), None);
        assert_eq!(cagr(100.0, -1.0, 2), None);
    }

    #[test]
    fn index_needs_a_positive_base() {
        assert!(close(index_to_base(150.0, 120.0).unwrap(), 125.0));
        assert_eq!(index_to_base(150.0, 0.0), None);
        assert_eq!(index_to_base(150.0, -3.0), None);
    }

    #[test]
    fn pace_boundaries_higher_and_lower() {
        use TargetStatus::*;
        let h = Better::Higher;
        assert_eq!(judge_pace(h, Some(10.0), Some(10.0)), OnTrack);
        assert_eq!(judge_pace(h, Some(10.0), Some(8.0)), AtRisk);
        assert_eq!(judge_pace(h, Some(10.0), Some(7.999)), OffTrack);
        assert_eq!(judge_pace(h, Some(10.0), None), Unknown);
        let l = Better::Lower;
        assert_eq!(judge_pace(l, Some(-10.0), Some(-10.0)), OnTrack);
        assert_eq!(judge_pace(l, Some(-10.0), Some(-8.0)), AtRisk);
        assert_eq!(judge_pace(l, Some(-10.0), Some(-7.999)), OffTrack);
        assert_eq!(judge_pace(l, None, Some(-3.0)), Unknown);
    }
}
