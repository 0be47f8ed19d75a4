//! Targets of every form, judged with the reason always given (DESIGN.md "Target forms, and
//! their status"), on the baseline and on a scenario side by side.
//!
//! - A `Level` target (500 by 2025) is judged by the annual growth it requires from the latest
//!   whole-year value before its year against the recent growth (see [`super::analysis`]: the
//!   CAGR over 3 years, else 5, 4, 2 or 1, ending at the latest value; else the published
//!   growth rates of the latest years).
//! - A `GrowthPct` target (≥ 10 % in 2022) by the published growth rate of its year if there
//!   is one, else by the growth of the levels; before its year, by the recent growth.
//! - A bound is a number with a direction: a `MoreThan 1000` target ("突破1000亿元") is reached
//!   only by a value above 1000, a `MoreThan 300` actual meets a 300 target. A target's
//!   direction is its bound's (`AtLeast`/`MoreThan` up, `AtMost`/`LessThan` down), else the
//!   indicator's polarity (`Exact`, `About`): lower-is-better is mirrored throughout.
//! - A part-year figure (`months`) is shown as progress ("1—11月: 37 of 166"), never taken as
//!   the year's value.

use std::collections::HashMap;

use super::analysis::{ScenarioValues, TargetStatus, cagr, judge_pace, yoy_change};
use super::dataset::{Better, Dataset, IndicatorIdx, ObservationKind, RegionIdx};
use super::scenario::{Applied, Scenario};
use super::values::Values;
use crate::lang::Lang;

pub use forms::{Bound, Measure};

/// Relative tolerance of "equal to the target" (rounding of stored decimals).
const EQUAL_TOLERANCE: f64 = 1e-9;

/// The longest run of published growth rates averaged as the recent growth.
const PUBLISHED_SPAN_MAX: i32 = 5;

/// One published target, as the data states it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetRef {
    /// The region.
    pub region: RegionIdx,
    /// The indicator.
    pub indicator: IndicatorIdx,
    /// The year the target is set for.
    pub year: i32,
    /// The target figure: a level in the indicator's unit, or a growth rate in % (`measure`).
    pub value: f64,
    /// Exact, or a bound ("突破" = `MoreThan`, "以上" = `AtLeast`).
    pub bound: Bound,
    /// A level or a growth rate.
    pub measure: Measure,
}

/// A value with its bound, as compared with a target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    /// The year.
    pub year: i32,
    /// The number.
    pub value: f64,
    /// Exact, or the bound the source states.
    pub bound: Bound,
    /// Where the number comes from.
    pub from: FigureSource,
}

/// Where a compared figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureSource {
    /// A whole-year level of the data (Actual, else Estimate).
    Level,
    /// A growth rate the data publishes (`measure: GrowthPct`).
    PublishedGrowth,
    /// A growth rate computed from two whole-year levels.
    GrowthOfLevels,
    /// A value the scenario set or projected (or a growth computed from one).
    Scenario,
}

/// A part-year figure of the target's year: progress, never the year's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartYear {
    /// First and last month (1—11月 is `(1, 11)`).
    pub months: (u8, u8),
    /// The figure.
    pub value: f64,
}

/// What a status rests on: the key of its reason text ([`reason`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The target year has a figure ([`TargetJudgement::outcome`]) that settles it.
    Settled,
    /// The target year has a figure, but its bound cannot tell whether the target is met
    /// ("< 1200" against a 1000 target).
    Undetermined,
    /// The latest figure before the target year already meets it.
    AlreadyMet,
    /// Required growth against recent growth.
    Pace,
    /// No whole-year figure before the target year (nor of the year itself).
    NoBaseline,
    /// One figure only: no recent growth to judge by.
    NoRecentGrowth,
    /// The latest value is not positive or the target negative: no compound growth leads there.
    NoRequiredGrowth,
}

/// How one target stands on one set of values (the baseline or a scenario).
#[derive(Clone, Debug, PartialEq)]
pub struct TargetJudgement {
    /// The target judged.
    pub target: TargetRef,
    /// The direction the target asks for (its bound's, else the indicator's polarity).
    pub direction: Better,
    /// The latest whole-year level strictly before the target year.
    pub latest: Option<Figure>,
    /// The growth a level target requires from `latest`, % a year; for a growth target the
    /// target rate itself.
    pub required_pct: Option<f64>,
    /// The recent growth, % a year, judged against `required_pct`.
    pub recent_pct: Option<f64>,
    /// The years `recent_pct` spans (1 for a single year's rate).
    pub recent_span: Option<i32>,
    /// Whether `recent_pct` is an average of published growth rates (else a CAGR of levels).
    pub recent_published: bool,
    /// The figure of the target year itself (a level, or a growth rate for a growth target).
    pub outcome: Option<Figure>,
    /// How far the compared figure (outcome, else latest) falls short of the target: % of the
    /// target for a level, percentage points for a growth rate; `None` when it does not fall
    /// short or cannot be told.
    pub shortfall: Option<f64>,
    /// A part-year figure of the target year, shown as progress.
    pub progress: Option<PartYear>,
    /// The status.
    pub status: TargetStatus,
    /// What the status rests on.
    pub basis: Basis,
}

impl TargetJudgement {
    /// The figure shown as "latest" beside the target: the target year's own figure once
    /// there is one, else the latest whole-year level before it (none for a growth target
    /// before its year). The CLI table, the tracker and the 目标 view all show this one.
    pub fn latest_figure(&self) -> Option<Figure> {
        self.outcome.or(match self.target.measure {
            Measure::Level => self.latest,
            Measure::GrowthPct => None,
        })
    }
}

/// A target judged on the baseline and, when a scenario is active, on the scenario's values.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    /// On the dataset's own values.
    pub baseline: TargetJudgement,
    /// On the scenario's values; `None` without a scenario.
    pub scenario: Option<TargetJudgement>,
}

/// A scenario laid over the dataset: the scenario (for its name and growth rules) and its
/// overlay ([`super::scenario::apply`]).
#[derive(Clone, Copy, Debug)]
pub struct ScenarioInput<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// `apply(dataset, scenario)`.
    pub applied: &'a Applied,
}

// ---------------------------------------------------------------------------------------------
// What judging reads: the forms behind one small trait
// ---------------------------------------------------------------------------------------------

/// The figures a judgement reads: whole-year levels (through [`Values`]) with their bounds,
/// published growth rates and part-year figures.
trait Facts {
    /// Whole-year levels.
    fn levels(&self) -> &dyn Values;
    /// The bound of the whole-year level of (region, indicator, year).
    fn level_bound(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Bound;
    /// Whether the level of (region, indicator, year) is the scenario's.
    fn is_scenario_value(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> bool;
    /// The published growth rate of (region, indicator, year), with its bound.
    fn published_growth(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, Bound)>;
    /// A part-year figure of (region, indicator, year).
    fn part_year(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Option<PartYear>;
}

/// The dataset's own figures, with the growth rates and part-year figures indexed once.
struct BaseFacts<'a> {
    dataset: &'a Dataset,
    forms: forms::Index,
}

impl<'a> BaseFacts<'a> {
    fn new(dataset: &'a Dataset) -> Self {
        Self {
            dataset,
            forms: forms::Index::of(dataset),
        }
    }
}

impl Facts for BaseFacts<'_> {
    fn levels(&self) -> &dyn Values {
        self.dataset
    }

    fn level_bound(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Bound {
        forms::level_bound(self.dataset, region, indicator, year)
    }

    fn is_scenario_value(&self, _: RegionIdx, _: IndicatorIdx, _: i32) -> bool {
        false
    }

    fn published_growth(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, Bound)> {
        self.forms.growth.get(&(region, indicator, year)).copied()
    }

    fn part_year(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Option<PartYear> {
        self.forms
            .part_year
            .get(&(region, indicator, year))
            .copied()
    }
}

/// A scenario's figures: its levels over the dataset's; a published growth rate of a year
/// whose level (or the previous year's) the scenario changes no longer describes its levels
/// and is not read.
struct ScenarioFacts<'a> {
    base: &'a BaseFacts<'a>,
    values: ScenarioValues<'a>,
}

impl Facts for ScenarioFacts<'_> {
    fn levels(&self) -> &dyn Values {
        &self.values
    }

    fn level_bound(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Bound {
        if self.is_scenario_value(region, indicator, year) {
            Bound::Exact
        } else {
            self.base.level_bound(region, indicator, year)
        }
    }

    fn is_scenario_value(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> bool {
        self.values.applied.cell(region, indicator, year).is_some()
    }

    fn published_growth(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<(f64, Bound)> {
        if self.is_scenario_value(region, indicator, year)
            || self.is_scenario_value(region, indicator, year - 1)
        {
            return None;
        }
        self.base.published_growth(region, indicator, year)
    }

    fn part_year(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Option<PartYear> {
        self.base.part_year(region, indicator, year)
    }
}

// ---------------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------------

/// Every whole-year `Target` of `dataset`, by region, indicator and year (display order).
pub fn targets_of(dataset: &Dataset) -> Vec<TargetRef> {
    let mut targets: Vec<TargetRef> = dataset
        .observations()
        .iter()
        .filter(|o| o.kind == ObservationKind::Target)
        .filter_map(|o| forms::target_ref(&o))
        .collect();
    targets.sort_by_key(|t| (t.region, t.indicator, t.year, t.measure));
    targets
}

/// Every target of `dataset` judged on the baseline and, with `scenario`, on its values too:
/// the rows of the 目标 view and of `yardstick targets`, in [`targets_of`] order.
pub fn judge_targets(dataset: &Dataset, scenario: Option<ScenarioInput<'_>>) -> Vec<TargetRow> {
    let base = BaseFacts::new(dataset);
    let on_scenario = scenario.map(|s| ScenarioFacts {
        base: &base,
        values: ScenarioValues::new(dataset, s.applied),
    });
    targets_of(dataset)
        .into_iter()
        .map(|target| TargetRow {
            baseline: judge(&base, &target),
            scenario: on_scenario.as_ref().map(|facts| judge(facts, &target)),
        })
        .collect()
}

/// One target judged on the dataset's own values.
pub fn judge_target(dataset: &Dataset, target: &TargetRef) -> TargetJudgement {
    judge(&BaseFacts::new(dataset), target)
}

/// The direction a target asks for: its bound's, else the indicator's polarity.
pub fn target_direction(bound: Bound, better: Better) -> Better {
    match bound {
        Bound::AtLeast | Bound::MoreThan => Better::Higher,
        Bound::AtMost | Bound::LessThan => Better::Lower,
        Bound::Exact | Bound::About => better,
    }
}

/// Whether a figure `value` with bound `bound` meets a target `target` (direction
/// `direction`, strict when `strict`): `Some(true)` when every number the bound allows meets
/// it, `Some(false)` when none does, `None` when the bound leaves it open.
pub fn bound_meets(
    value: f64,
    bound: Bound,
    target: f64,
    direction: Better,
    strict: bool,
) -> Option<bool> {
    let (lo, lo_open, hi, hi_open) = match bound {
        Bound::Exact | Bound::About => (value, false, value, false),
        Bound::AtLeast => (value, false, f64::INFINITY, true),
        Bound::MoreThan => (value, true, f64::INFINITY, true),
        Bound::AtMost => (f64::NEG_INFINITY, true, value, false),
        Bound::LessThan => (f64::NEG_INFINITY, true, value, true),
    };
    let eq = |x: f64| (x - target).abs() <= EQUAL_TOLERANCE * target.abs().max(1.0);
    let (all, none) = match direction {
        Better::Higher => (
            (lo > target && !eq(lo)) || (eq(lo) && (!strict || lo_open)),
            (hi < target && !eq(hi)) || (eq(hi) && (strict || hi_open)),
        ),
        Better::Lower => (
            (hi < target && !eq(hi)) || (eq(hi) && (!strict || hi_open)),
            (lo > target && !eq(lo)) || (eq(lo) && (strict || lo_open)),
        ),
    };
    if all {
        Some(true)
    } else if none {
        Some(false)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Judging
// ---------------------------------------------------------------------------------------------

fn judge(facts: &dyn Facts, target: &TargetRef) -> TargetJudgement {
    let values = facts.levels();
    let (r, i, year) = (target.region, target.indicator, target.year);
    let direction = target_direction(target.bound, values.better(i));
    let latest = values
        .years(i)
        .into_iter()
        .rev()
        .filter(|&y| y < year)
        .find_map(|y| level_figure(facts, r, i, y));
    let mut j = TargetJudgement {
        target: *target,
        direction,
        latest,
        required_pct: None,
        recent_pct: None,
        recent_span: None,
        recent_published: false,
        outcome: None,
        shortfall: None,
        progress: facts.part_year(r, i, year),
        status: TargetStatus::Unknown,
        basis: Basis::NoBaseline,
    };
    if let Some(latest) = latest {
        match recent_growth(facts, r, i, latest) {
            Some((pct, span, published)) => {
                j.recent_pct = Some(pct);
                j.recent_span = Some(span);
                j.recent_published = published;
            }
            None => j.basis = Basis::NoRecentGrowth,
        }
    }
    match target.measure {
        Measure::Level => judge_level(facts, &mut j),
        Measure::GrowthPct => judge_growth(facts, &mut j),
    }
    j
}

/// The whole-year level of a year as a [`Figure`].
fn level_figure(facts: &dyn Facts, r: RegionIdx, i: IndicatorIdx, year: i32) -> Option<Figure> {
    let value = facts
        .levels()
        .measured(r, i, year)
        .filter(|v| v.is_finite())?;
    Some(Figure {
        year,
        value,
        bound: facts.level_bound(r, i, year),
        from: if facts.is_scenario_value(r, i, year) {
            FigureSource::Scenario
        } else {
            FigureSource::Level
        },
    })
}

/// The recent growth ending at `latest`: the CAGR of levels over 3, else 5, 4, 2 or 1 years;
/// else the compound mean of the published growth rates of the consecutive years ending at
/// `latest` (up to 5). `(pct, span, published)`.
fn recent_growth(
    facts: &dyn Facts,
    r: RegionIdx,
    i: IndicatorIdx,
    latest: Figure,
) -> Option<(f64, i32, bool)> {
    let values = facts.levels();
    let by_levels = [3, 5, 4, 2, 1].into_iter().find_map(|span| {
        let start = values
            .measured(r, i, latest.year - span)
            .filter(|v| v.is_finite())?;
        cagr(start, latest.value, span).map(|g| (g, span, false))
    });
    by_levels.or_else(|| {
        let rates: Vec<f64> = (0..PUBLISHED_SPAN_MAX)
            .map_while(|back| facts.published_growth(r, i, latest.year - back))
            .map(|(g, _)| g)
            .collect();
        compound_mean(&rates).map(|g| (g, rates.len() as i32, true))
    })
}

/// The constant rate compounding to the same as `rates` (in %): `(Π(1 + gᵢ/100))^(1/n) − 1`.
fn compound_mean(rates: &[f64]) -> Option<f64> {
    if rates.is_empty() {
        return None;
    }
    let product: f64 = rates.iter().map(|g| 1.0 + g / 100.0).product();
    cagr(1.0, product, rates.len() as i32)
}

fn judge_level(facts: &dyn Facts, j: &mut TargetJudgement) {
    let t = j.target;
    let strict = matches!(t.bound, Bound::MoreThan | Bound::LessThan);
    if let Some(outcome) = level_figure(facts, t.region, t.indicator, t.year) {
        j.outcome = Some(outcome);
        settle(j, outcome, strict);
        return;
    }
    let Some(latest) = j.latest else {
        j.basis = Basis::NoBaseline;
        return;
    };
    if bound_meets(latest.value, latest.bound, t.value, j.direction, strict) == Some(true) {
        j.status = TargetStatus::Achieved;
        j.basis = Basis::AlreadyMet;
        return;
    }
    j.shortfall = level_shortfall(latest.value, t.value, j.direction);
    j.required_pct = cagr(latest.value, t.value, t.year - latest.year);
    if j.required_pct.is_none() {
        j.basis = Basis::NoRequiredGrowth;
        return;
    }
    if j.recent_pct.is_some() {
        j.basis = Basis::Pace;
        j.status = judge_pace(j.direction, j.required_pct, j.recent_pct);
    }
}

fn judge_growth(facts: &dyn Facts, j: &mut TargetJudgement) {
    let t = j.target;
    let strict = matches!(t.bound, Bound::MoreThan | Bound::LessThan);
    j.required_pct = Some(t.value);
    let outcome = facts
        .published_growth(t.region, t.indicator, t.year)
        .map(|(value, bound)| Figure {
            year: t.year,
            value,
            bound,
            from: FigureSource::PublishedGrowth,
        })
        .or_else(|| {
            let prev = level_figure(facts, t.region, t.indicator, t.year - 1)?;
            let cur = level_figure(facts, t.region, t.indicator, t.year)?;
            let scenario =
                prev.from == FigureSource::Scenario || cur.from == FigureSource::Scenario;
            Some(Figure {
                year: t.year,
                value: yoy_change(prev.value, cur.value)?,
                bound: Bound::Exact,
                from: if scenario {
                    FigureSource::Scenario
                } else {
                    FigureSource::GrowthOfLevels
                },
            })
        });
    if let Some(outcome) = outcome {
        j.outcome = Some(outcome);
        settle(j, outcome, strict);
        return;
    }
    // Before the year: the latest published rate, else the recent growth of the levels.
    let latest_published = (1..=PUBLISHED_SPAN_MAX).find_map(|back| {
        facts
            .published_growth(t.region, t.indicator, t.year - back)
            .map(|(g, _)| (t.year - back, g))
    });
    let levels_recent = (!j.recent_published).then_some(j.recent_pct).flatten();
    let recent = match (latest_published, j.latest, levels_recent) {
        // A rate published for a year after the latest level is the fresher news.
        (Some((y, g)), Some(latest), Some(_)) if y > latest.year => Some((g, 1, true)),
        (_, _, Some(g)) => Some((g, j.recent_span.unwrap_or(1), false)),
        (Some((_, g)), _, None) => Some((g, 1, true)),
        (None, _, None) => None,
    };
    match recent {
        Some((g, span, published)) => {
            j.recent_pct = Some(g);
            j.recent_span = Some(span);
            j.recent_published = published;
            j.basis = Basis::Pace;
            j.status = judge_pace(j.direction, j.required_pct, j.recent_pct);
        }
        None => {
            j.recent_pct = None;
            j.recent_span = None;
            j.basis = if j.latest.is_some() {
                Basis::NoRecentGrowth
            } else {
                Basis::NoBaseline
            };
        }
    }
}

/// Settles a target by the figure of its year.
fn settle(j: &mut TargetJudgement, outcome: Figure, strict: bool) {
    let t = j.target;
    match bound_meets(outcome.value, outcome.bound, t.value, j.direction, strict) {
        Some(true) => {
            j.status = TargetStatus::Achieved;
            j.basis = Basis::Settled;
        }
        Some(false) => {
            j.status = TargetStatus::OffTrack;
            j.basis = Basis::Settled;
            j.shortfall = match t.measure {
                Measure::Level => level_shortfall(outcome.value, t.value, j.direction),
                Measure::GrowthPct => Some((outcome.value - t.value).abs()),
            };
        }
        None => {
            j.status = TargetStatus::Unknown;
            j.basis = Basis::Undetermined;
        }
    }
}

/// How far `value` falls short of a level target, in % of the target.
fn level_shortfall(value: f64, target: f64, direction: Better) -> Option<f64> {
    if target <= 0.0 {
        return None;
    }
    let gap = match direction {
        Better::Higher => target - value,
        Better::Lower => value - target,
    };
    (gap > 0.0).then(|| gap / target * 100.0)
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

impl TargetStatus {
    /// Every status, best first.
    pub const ALL: [TargetStatus; 5] = [
        Self::Achieved,
        Self::OnTrack,
        Self::AtRisk,
        Self::OffTrack,
        Self::Unknown,
    ];

    /// The stable code of the status, for CSV (`achieved`, `on_track`, `at_risk`,
    /// `off_track`, `unknown`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Achieved => "achieved",
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::OffTrack => "off_track",
            Self::Unknown => "unknown",
        }
    }

    /// The status's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Achieved => lang.pick("达成", "achieved"),
            Self::OnTrack => lang.pick("按计划", "on track"),
            Self::AtRisk => lang.pick("有风险", "at risk"),
            Self::OffTrack => lang.pick("落后", "off track"),
            Self::Unknown => lang.pick("无法判断", "unknown"),
        }
    }
}

/// A number for a sentence: one decimal from 100 up, two below, no trailing zeros.
pub fn short_number(value: f64) -> String {
    let decimals = if value.abs() >= 100.0 { 1 } else { 2 };
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// A percentage for a sentence: one decimal ("18.6 %").
pub fn short_pct(value: f64) -> String {
    let text = format!("{value:.1}");
    let text = if text == "-0.0" { "0.0" } else { &text };
    format!("{text} %")
}

/// The sign shown before a bounded figure ("" for exact): ≥ > ≤ < ≈.
pub fn bound_symbol(bound: Bound) -> &'static str {
    match bound {
        Bound::Exact => "",
        Bound::AtLeast => "≥",
        Bound::MoreThan => ">",
        Bound::AtMost => "≤",
        Bound::LessThan => "<",
        Bound::About => "≈",
    }
}

/// The stable code of a bound, for CSV: `exact`, `at_least`, `more_than`, `at_most`,
/// `less_than`, `about`.
pub fn bound_code(bound: Bound) -> &'static str {
    bound.code()
}

/// The stable code of a measure, for CSV: `level`, `growth_pct`.
pub fn measure_code(measure: Measure) -> &'static str {
    measure.code()
}

/// A figure with its bound ("> 300", "≥ 10.0 %", "≈ 100").
pub fn bounded(value: f64, bound: Bound, measure: Measure) -> String {
    let number = match measure {
        Measure::Level => short_number(value),
        Measure::GrowthPct => short_pct(value),
    };
    match bound_symbol(bound) {
        "" => number,
        symbol => format!("{symbol} {number}"),
    }
}

/// Months as the reports write them: "1—11月" / "Jan–Nov".
pub fn months_label(months: (u8, u8), lang: Lang) -> String {
    super::qualifier::months_label(Some(months), lang)
}

/// Why a target has its status, in `lang`: always a sentence, whatever the status.
///
/// "需年均增长 18.6 %（2022→2025），近 3 年年均 9.2 %" / "needs 18.6 %/yr (2022→2025), recent
/// 3 years 9.2 %/yr"; "2025年 = 456.3 < 500，落后 8.7 %" / "2025 = 456.3 < 500, behind 8.7 %".
pub fn reason(j: &TargetJudgement, lang: Lang) -> String {
    let t = &j.target;
    let target_text = bounded(t.value, t.bound, t.measure);
    let zh = lang == Lang::Zh;
    let mut text = match j.basis {
        Basis::Settled | Basis::Undetermined => {
            let outcome = j.outcome.unwrap_or(Figure {
                year: t.year,
                value: f64::NAN,
                bound: Bound::Exact,
                from: FigureSource::Level,
            });
            settled_text(j, &outcome, &target_text, lang)
        }
        Basis::AlreadyMet => {
            let latest = j.latest.map_or_else(String::new, |l| {
                let value = bounded(l.value, l.bound, Measure::Level);
                if zh {
                    format!("{}年已达 {value}", l.year)
                } else {
                    format!("already {value} in {}", l.year)
                }
            });
            if zh {
                format!("{latest}（目标 {target_text}）")
            } else {
                format!("{latest} (target {target_text})")
            }
        }
        Basis::Pace => pace_text(j, &target_text, lang),
        Basis::NoBaseline => match t.measure {
            Measure::Level if zh => format!("{}年之前没有全年实际值", t.year),
            Measure::Level => format!("no whole-year actual value before {}", t.year),
            Measure::GrowthPct if zh => {
                format!("没有{}年或此前的公布增速，也没有可算增速的全年总量", t.year)
            }
            Measure::GrowthPct => format!(
                "no published growth for {} or before, and no whole-year levels to compute it",
                t.year
            ),
        },
        Basis::NoRecentGrowth => {
            let year = j.latest.map_or(t.year, |l| l.year);
            if zh {
                format!("只有{year}年一个实际值，没有近年增速")
            } else {
                format!("one actual value only ({year}): no recent growth")
            }
        }
        Basis::NoRequiredGrowth => lang
            .pick(
                "最新值不为正或目标为负，算不出所需增速",
                "latest value not positive or target negative: no required growth",
            )
            .to_owned(),
    };
    if let Some(p) = j.progress {
        let months = months_label(p.months, lang);
        let value = short_number(p.value);
        let part = if zh {
            format!("；{months}: {value} / {target_text}")
        } else {
            format!("; {months}: {value} of {target_text}")
        };
        text.push_str(&part);
    }
    text
}

fn settled_text(j: &TargetJudgement, outcome: &Figure, target_text: &str, lang: Lang) -> String {
    let t = &j.target;
    let zh = lang == Lang::Zh;
    let year = outcome.year;
    let lead = match (outcome.from, zh) {
        (FigureSource::PublishedGrowth, true) => format!("{year}年公布增速"),
        (FigureSource::PublishedGrowth, false) => format!("{year} published growth"),
        (FigureSource::GrowthOfLevels, true) => format!("{year}年总量增速"),
        (FigureSource::GrowthOfLevels, false) => format!("{year} growth of the levels"),
        (FigureSource::Scenario, _) if t.measure == Measure::GrowthPct && zh => {
            format!("{year}年情景增速")
        }
        (FigureSource::Scenario, _) if t.measure == Measure::GrowthPct => {
            format!("{year} scenario growth")
        }
        (_, true) => format!("{year}年"),
        (_, false) => format!("{year}"),
    };
    let value = bounded(outcome.value, outcome.bound, t.measure);
    let comparison = if outcome.bound == Bound::Exact && t.bound == Bound::Exact {
        let sign = if (outcome.value - t.value).abs() <= EQUAL_TOLERANCE * t.value.abs().max(1.0) {
            "="
        } else if outcome.value > t.value {
            ">"
        } else {
            "<"
        };
        let target_number = bounded(t.value, Bound::Exact, t.measure);
        format!("{lead} = {value} {sign} {target_number}")
    } else if zh {
        format!("{lead}: {value}，目标 {target_text}")
    } else {
        format!("{lead}: {value}, target {target_text}")
    };
    let verdict = match (j.basis, j.status, j.shortfall) {
        (Basis::Undetermined, _, _) => lang
            .pick("，看不出是否达到", ", cannot tell whether it is met")
            .to_owned(),
        (_, TargetStatus::Achieved, _) => lang.pick("，已达成", ", achieved").to_owned(),
        (_, _, Some(gap)) if t.measure == Measure::GrowthPct => {
            if zh {
                format!("，差 {:.1} 个百分点", gap)
            } else {
                format!(", {gap:.1} points short")
            }
        }
        (_, _, Some(gap)) if zh => format!("，落后 {}", short_pct(gap)),
        (_, _, Some(gap)) => format!(", behind {}", short_pct(gap)),
        _ => lang.pick("，未达到", ", missed").to_owned(),
    };
    format!("{comparison}{verdict}")
}

fn pace_text(j: &TargetJudgement, target_text: &str, lang: Lang) -> String {
    let t = &j.target;
    let zh = lang == Lang::Zh;
    let recent = j.recent_pct.unwrap_or(f64::NAN);
    let span = j.recent_span.unwrap_or(1);
    let recent_text = match (j.recent_published, zh) {
        (false, true) => format!("近 {span} 年年均 {}", short_pct(recent)),
        (false, false) => format!("recent {span} years {}/yr", short_pct(recent)),
        (true, true) if span == 1 => format!("最近公布增速 {}", short_pct(recent)),
        (true, false) if span == 1 => format!("latest published growth {}", short_pct(recent)),
        (true, true) => format!("近 {span} 年公布增速年均 {}", short_pct(recent)),
        (true, false) => format!(
            "published growth {}/yr over {span} years",
            short_pct(recent)
        ),
    };
    match t.measure {
        Measure::GrowthPct if zh => format!("目标增速 {target_text}，{recent_text}"),
        Measure::GrowthPct => format!("target growth {target_text}, {recent_text}"),
        Measure::Level => {
            let required = j.required_pct.unwrap_or(f64::NAN);
            let from = j.latest.map_or(t.year, |l| l.year);
            if zh {
                let verb = if required < 0.0 { "下降" } else { "增长" };
                format!(
                    "需年均{verb} {}（{from}→{}），{recent_text}",
                    short_pct(required.abs()),
                    t.year
                )
            } else {
                format!(
                    "needs {}/yr ({from}→{}), {recent_text}",
                    short_pct(required),
                    t.year
                )
            }
        }
    }
}

/// How the scenario is named beside a target: its growth rule for the target's region and
/// indicator ("情景 年增 15 %" / "scenario 15 %/yr"), else its name.
pub fn scenario_label(
    scenario: &Scenario,
    dataset: &Dataset,
    target: &TargetRef,
    lang: Lang,
) -> String {
    let region = &dataset.region(target.region).id;
    let indicator = &dataset.indicator(target.indicator).id;
    let rates: Vec<f64> = scenario
        .growth_for(region, indicator)
        .filter(|(_, g)| g.from < target.year)
        .map(|(_, g)| g.annual_pct)
        .collect();
    let mut rates_text: Vec<String> = Vec::new();
    for rate in rates {
        let text = short_pct(rate);
        if !rates_text.contains(&text) {
            rates_text.push(text);
        }
    }
    match (rates_text.is_empty(), lang) {
        (false, Lang::Zh) => format!("情景 年增 {}", rates_text.join("、")),
        (false, Lang::En) => format!(
            "scenario {}",
            rates_text
                .iter()
                .map(|r| format!("{r}/yr"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (true, Lang::Zh) => format!("情景“{}”", scenario.name),
        (true, Lang::En) => format!("scenario \"{}\"", scenario.name),
    }
}

/// Baseline and scenario in one line: "基线: 无法判断（…） · 情景 年增 15 %: 2025年 = 456.3 <
/// 500，落后 8.7 %" / "baseline: unknown (…) · scenario 15 %/yr: 2025 = 456.3 < 500, behind
/// 8.7 %". Without a scenario judgement, the baseline alone.
pub fn side_by_side(
    row: &TargetRow,
    dataset: &Dataset,
    scenario: Option<&Scenario>,
    lang: Lang,
) -> String {
    let one = |j: &TargetJudgement| match lang {
        Lang::Zh => format!("{}（{}）", j.status.label(lang), reason(j, lang)),
        Lang::En => format!("{} ({})", j.status.label(lang), reason(j, lang)),
    };
    let base = format!("{}: {}", lang.pick("基线", "baseline"), one(&row.baseline));
    match (&row.scenario, scenario) {
        (Some(j), Some(s)) => format!(
            "{base} · {}: {}",
            scenario_label(s, dataset, &row.baseline.target, lang),
            one(j)
        ),
        _ => base,
    }
}

/// Counts of each status among `rows` on the baseline, in [`TargetStatus::ALL`] order.
pub fn status_counts(rows: &[TargetRow]) -> [(TargetStatus, usize); 5] {
    let mut counts: HashMap<TargetStatus, usize> = HashMap::new();
    for row in rows {
        *counts.entry(row.baseline.status).or_default() += 1;
    }
    TargetStatus::ALL.map(|s| (s, counts.get(&s).copied().unwrap_or(0)))
}

// ---------------------------------------------------------------------------------------------
// The forms of the data (bound, measure, months): read here, and only here
// ---------------------------------------------------------------------------------------------

mod forms {
    //! Where the target judging meets the data model's forms (dataset format 2): bounds,
    //! growth-rate figures and part-year figures.

    use std::collections::HashMap;

    use super::{PartYear, TargetRef};
    use crate::model::dataset::{Dataset, IndicatorIdx, Observation, ObservationKind, RegionIdx};
    pub use crate::model::qualifier::{Bound, Measure};

    /// Published growth rates and part-year figures, by (region, indicator, year).
    #[derive(Default)]
    pub(super) struct Index {
        pub(super) growth: HashMap<(RegionIdx, IndicatorIdx, i32), (f64, Bound)>,
        pub(super) part_year: HashMap<(RegionIdx, IndicatorIdx, i32), PartYear>,
    }

    impl Index {
        /// The whole-year published growth rates (Actual, else Estimate) and the part-year
        /// levels (Actual, else Estimate; the longest span when there are several) of
        /// `dataset`.
        pub(super) fn of(dataset: &Dataset) -> Self {
            let mut index = Self::default();
            for o in dataset.non_level_observations() {
                if o.kind == ObservationKind::Target {
                    continue;
                }
                let key = (o.region, o.indicator, o.year);
                let actual = o.kind == ObservationKind::Actual;
                match (o.months, o.measure) {
                    (None, Measure::GrowthPct) if actual || !index.growth.contains_key(&key) => {
                        index.growth.insert(key, (o.value, o.bound));
                    }
                    (Some(months), Measure::Level)
                        if index.part_year.get(&key).is_none_or(|p| {
                            months.1.saturating_sub(months.0)
                                > p.months.1.saturating_sub(p.months.0)
                        }) =>
                    {
                        let value = o.value;
                        index.part_year.insert(key, PartYear { months, value });
                    }
                    _ => {}
                }
            }
            index
        }
    }

    /// The bound of the whole-year level of (region, indicator, year) (Actual, else
    /// Estimate).
    pub(super) fn level_bound(d: &Dataset, r: RegionIdx, i: IndicatorIdx, y: i32) -> Bound {
        d.get(r, i, y, ObservationKind::Actual)
            .or_else(|| d.get(r, i, y, ObservationKind::Estimate))
            .map_or(Bound::Exact, |o| o.bound)
    }

    /// A target observation as a [`TargetRef`]; `None` for a part-year target (a plan for
    /// part of a year is shown, not judged).
    pub(super) fn target_ref(o: &Observation) -> Option<TargetRef> {
        o.months.is_none().then_some(TargetRef {
            region: o.region,
            indicator: o.indicator,
            year: o.year,
            value: o.value,
            bound: o.bound,
            measure: o.measure,
        })
    }
}
