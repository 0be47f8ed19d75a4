//! Indicators the app computes from stored ones, never stored as data (issue 14 item 7):
//! per capita (GDP / population, with the unit worked out: 亿元 / 万人 → 万元/人) and the
//! share of the parent region (a district's share of 重庆市). Each is marked derived and
//! carries its formula, to be shown wherever its values are shown or exported.
//!
//! A derived value exists only where both inputs have a measured whole-year value of the
//! same year: nothing is interpolated, and a missing input leaves the value missing.

use super::dataset::{Better, Dataset, IndicatorIdx, RegionIdx};
use super::values::Values;

/// How a derived indicator is computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DerivedKind {
    /// `numerator / population × factor`.
    PerCapita {
        /// The total (e.g. GDP).
        numerator: IndicatorIdx,
        /// The population.
        population: IndicatorIdx,
        /// Unit conversion: 1 for 亿元 / 万人 → 万元/人.
        factor: f64,
    },
    /// `value(region) / value(parent of region) × 100`, in %.
    ShareOfParent {
        /// The indicator shared.
        indicator: IndicatorIdx,
    },
}

/// An indicator computed from others.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedIndicator {
    /// Id, as `--indicator` names it (`gdp_per_capita`, `gdp_share_of_parent`).
    pub id: String,
    /// Chinese name (`人均地区生产总值`).
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Chinese unit (`万元/人`).
    pub unit: String,
    /// English unit.
    pub unit_en: String,
    /// The formula in Chinese, with the inputs' names (`地区生产总值 ÷ 常住人口`).
    pub formula: String,
    /// The formula in English.
    pub formula_en: String,
    /// Polarity, the numerator's.
    pub better: Better,
    /// How it is computed.
    pub kind: DerivedKind,
}

impl DerivedIndicator {
    /// "derived: 地区生产总值 ÷ 常住人口" / "derived: GDP ÷ population": the mark shown
    /// beside every derived value.
    pub fn mark(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Zh => format!("计算所得（不是公布数）：{}", self.formula),
            crate::lang::Lang::En => format!("derived (not published): {}", self.formula_en),
        }
    }
}

/// A unit split into its magnitude and its base: 亿元 → (1e8, "元"), 万人 → (1e4, "人").
pub fn split_unit(unit: &str) -> Option<(f64, &str)> {
    let unit = unit.trim();
    let (scale, base) = if let Some(rest) = unit.strip_prefix("万亿") {
        (1e12, rest)
    } else if let Some(rest) = unit.strip_prefix('亿') {
        (1e8, rest)
    } else if let Some(rest) = unit.strip_prefix("千万") {
        (1e7, rest)
    } else if let Some(rest) = unit.strip_prefix("百万") {
        (1e6, rest)
    } else if let Some(rest) = unit.strip_prefix('万') {
        (1e4, rest)
    } else if let Some(rest) = unit.strip_prefix('千') {
        (1e3, rest)
    } else {
        (1.0, unit)
    };
    (!base.is_empty()).then_some((scale, base))
}

/// The unit of `numerator_unit` per person of `population_unit`, and the factor that turns
/// `numerator / population` into it: 亿元 / 万人 → ("万元/人", "10,000 yuan per person", 1);
/// 万元 / 万人 → ("元/人", "yuan per person", 1). `None` unless the numerator is money (元)
/// and the population people (人).
pub fn per_capita_unit(
    numerator_unit: &str,
    population_unit: &str,
) -> Option<(&'static str, &'static str, f64)> {
    let (num_scale, num_base) = split_unit(numerator_unit)?;
    let (pop_scale, pop_base) = split_unit(population_unit)?;
    if num_base != "元" || pop_base != "人" {
        return None;
    }
    let yuan_per_person = num_scale / pop_scale;
    if yuan_per_person >= 1e4 {
        Some(("万元/人", "10,000 yuan per person", yuan_per_person / 1e4))
    } else {
        Some(("元/人", "yuan per person", yuan_per_person))
    }
}

/// Whether an indicator with this unit adds up over regions (money, people, counts), so that
/// a share of the parent means something; a rate or a number of days does not.
pub fn is_additive(unit: &str) -> bool {
    split_unit(unit)
        .is_some_and(|(_, base)| matches!(base, "元" | "人" | "个" | "户" | "家" | "项"))
}

/// The population indicator of `dataset`: id `population` or `resident_population`, else
/// the first whose name holds 人口 and whose unit counts people.
pub fn population_indicator(dataset: &Dataset) -> Option<IndicatorIdx> {
    let people =
        |i: IndicatorIdx| split_unit(&dataset.indicator(i).unit).is_some_and(|(_, b)| b == "人");
    ["population", "resident_population"]
        .into_iter()
        .find_map(|id| dataset.indicator_by_id(id).filter(|&i| people(i)))
        .or_else(|| {
            dataset
                .indicator_indices()
                .find(|&i| dataset.indicator(i).name.contains("人口") && people(i))
        })
}

/// Every derived indicator `dataset` allows: the per capita value of each money indicator
/// when there is a population indicator, and the share of the parent of each additive
/// indicator when some region has a parent.
pub fn derived_indicators(dataset: &Dataset) -> Vec<DerivedIndicator> {
    let mut out = Vec::new();
    if let Some(population) = population_indicator(dataset) {
        let pop = dataset.indicator(population);
        for numerator in dataset.indicator_indices() {
            let ind = dataset.indicator(numerator);
            let Some((unit, unit_en, factor)) = per_capita_unit(&ind.unit, &pop.unit) else {
                continue;
            };
            out.push(DerivedIndicator {
                id: format!("{}_per_capita", ind.id),
                name: format!("人均{}", ind.name),
                name_en: format!("{} per capita", ind.name_en),
                unit: unit.to_owned(),
                unit_en: unit_en.to_owned(),
                formula: format!("{}（{}）÷ {}（{}）", ind.name, ind.unit, pop.name, pop.unit),
                formula_en: format!(
                    "{} ({}) ÷ {} ({})",
                    ind.name_en, ind.unit_en, pop.name_en, pop.unit_en
                ),
                better: ind.better,
                kind: DerivedKind::PerCapita {
                    numerator,
                    population,
                    factor,
                },
            });
        }
    }
    let has_parent = dataset
        .region_indices()
        .any(|r| parent_of(dataset, r).is_some());
    if has_parent {
        for indicator in dataset.indicator_indices() {
            let ind = dataset.indicator(indicator);
            if !is_additive(&ind.unit) {
                continue;
            }
            out.push(DerivedIndicator {
                id: format!("{}_share_of_parent", ind.id),
                name: format!("{}占上级比重", ind.name),
                name_en: format!("{}, share of the parent region", ind.name_en),
                unit: "%".to_owned(),
                unit_en: "%".to_owned(),
                formula: format!("本地区{} ÷ 上级地区{} × 100", ind.name, ind.name),
                formula_en: format!("{} of the region ÷ of its parent × 100", ind.name_en),
                better: ind.better,
                kind: DerivedKind::ShareOfParent { indicator },
            });
        }
    }
    out
}

/// The derived indicator with this id, if `dataset` allows it.
pub fn derived_by_id(dataset: &Dataset, id: &str) -> Option<DerivedIndicator> {
    derived_indicators(dataset).into_iter().find(|d| d.id == id)
}

/// The parent region of `region`.
fn parent_of(dataset: &Dataset, region: RegionIdx) -> Option<RegionIdx> {
    dataset.parent_of(region)
}

/// The derived value of (region, year), from `values` (the dataset or a scenario); `None`
/// when an input is missing, the population or the parent's value is not positive.
pub fn derived_value<V: Values + ?Sized>(
    values: &V,
    dataset: &Dataset,
    derived: &DerivedIndicator,
    region: RegionIdx,
    year: i32,
) -> Option<f64> {
    let measured =
        |r: RegionIdx, i: IndicatorIdx| values.measured(r, i, year).filter(|v| v.is_finite());
    let value = match derived.kind {
        DerivedKind::PerCapita {
            numerator,
            population,
            factor,
        } => {
            let people = measured(region, population).filter(|&p| p > 0.0)?;
            measured(region, numerator)? / people * factor
        }
        DerivedKind::ShareOfParent { indicator } => {
            let parent = parent_of(dataset, region)?;
            let whole = measured(parent, indicator).filter(|&w| w > 0.0)?;
            measured(region, indicator)? / whole * 100.0
        }
    };
    value.is_finite().then_some(value)
}

/// The derived values of `region`, every year both inputs have, ascending.
pub fn derived_series<V: Values + ?Sized>(
    values: &V,
    dataset: &Dataset,
    derived: &DerivedIndicator,
    region: RegionIdx,
) -> Vec<(i32, f64)> {
    let inputs = match derived.kind {
        DerivedKind::PerCapita { numerator, .. } => numerator,
        DerivedKind::ShareOfParent { indicator } => indicator,
    };
    values
        .years(inputs)
        .into_iter()
        .filter_map(|y| derived_value(values, dataset, derived, region, y).map(|v| (y, v)))
        .collect()
}

/// `dataset` with the derived indicator `id` added as an indicator of its own, in memory only
/// (for a chart or an export of it; never written to a file): its values come from
/// [`derived_value`], each an `Actual` when both inputs are actuals (else an `Estimate`), with
/// the formula as its note and a source titled with the derived mark. `None` when `id` is
/// not a derived indicator `dataset` allows, or is already a stored indicator.
pub fn with_derived(dataset: &Dataset, id: &str) -> Option<Dataset> {
    use super::dataset::{Indicator, ObservationKind, ObservationRecord, Source};
    if dataset.indicator_by_id(id).is_some() {
        return None;
    }
    let derived = derived_by_id(dataset, id)?;
    let inputs: Vec<(IndicatorIdx, bool)> = match derived.kind {
        DerivedKind::PerCapita {
            numerator,
            population,
            ..
        } => vec![(numerator, false), (population, false)],
        DerivedKind::ShareOfParent { indicator } => vec![(indicator, false), (indicator, true)],
    };
    let mut parts = dataset.to_parts();
    let source_id = format!("derived:{id}");
    parts.sources.push(Source {
        id: source_id.clone(),
        title: format!(
            "{} / {}",
            derived.mark(crate::lang::Lang::Zh),
            derived.mark(crate::lang::Lang::En)
        ),
        publisher: None,
        url: None,
        published: None,
    });
    parts.indicators.push(Indicator {
        id: derived.id.clone(),
        name: derived.name.clone(),
        name_en: derived.name_en.clone(),
        unit: derived.unit.clone(),
        unit_en: derived.unit_en.clone(),
        better: derived.better,
        min: None,
        max: None,
    });
    for region in dataset.region_indices() {
        for (year, value) in derived_series(dataset, dataset, &derived, region) {
            let all_actual = inputs.iter().all(|&(indicator, of_parent)| {
                let r = if of_parent {
                    parent_of(dataset, region)
                } else {
                    Some(region)
                };
                r.and_then(|r| dataset.measured_with_kind(r, indicator, year))
                    .is_some_and(|(_, kind)| kind == ObservationKind::Actual)
            });
            parts.observations.push(ObservationRecord {
                region: dataset.region(region).id.clone(),
                indicator: derived.id.clone(),
                year,
                months: None,
                value,
                measure: super::qualifier::Measure::Level,
                bound: super::qualifier::Bound::Exact,
                kind: if all_actual {
                    ObservationKind::Actual
                } else {
                    ObservationKind::Estimate
                },
                source: source_id.clone(),
                note: Some(derived.mark(crate::lang::Lang::Zh)),
                quote: None,
            });
        }
    }
    Dataset::build(parts).ok()
}
