//! [`ChartSpec`]: a plain description of a chart, free of any drawing library, built from
//! the model and a [`Selection`] by [`build_chart`].

use std::collections::BTreeSet;

use super::style::format_value;
use crate::lang::Lang;
use crate::model::analysis::{required_path, track_target_with};
use crate::model::scenario::{Applied, Cell, Origin};
pub use crate::model::view::{ChartKind, ViewMode};
use crate::model::{
    Bound, Dataset, IndicatorIdx, Measure, Observation, ObservationKind, RegionIdx, SourceIdx,
};

mod levels;
pub use levels::ParentLine;

/// What the user picked: indicator, regions (in display order), years and how to show them.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// The indicator shown.
    pub indicator: IndicatorIdx,
    /// Regions shown, in display order.
    pub regions: Vec<RegionIdx>,
    /// First and last year shown, inclusive.
    pub years: (i32, i32),
    /// Bar or line.
    pub kind: ChartKind,
    /// Absolute, index, change or share of target.
    pub mode: ViewMode,
    /// Logarithmic value axis (used only when every value shown is positive).
    pub log_scale: bool,
}

/// How a point's value came about; drawn apart so a target never passes for an actual.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointKind {
    /// A reported value.
    Actual,
    /// A published target.
    Target,
    /// A preliminary or estimated value.
    Estimate,
    /// A value set or projected by a what-if scenario.
    Scenario,
    /// The path a region must follow from its latest measured value to reach its target
    /// (constant annual growth); computed, never published.
    Required,
}

impl From<ObservationKind> for PointKind {
    fn from(kind: ObservationKind) -> Self {
        match kind {
            ObservationKind::Actual => PointKind::Actual,
            ObservationKind::Target => PointKind::Target,
            ObservationKind::Estimate => PointKind::Estimate,
        }
    }
}

impl PointKind {
    /// The kind's name for legends, tooltips and CSV.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PointKind::Actual => lang.pick("实际", "actual"),
            PointKind::Target => lang.pick("目标", "target"),
            PointKind::Estimate => lang.pick("估计", "estimate"),
            PointKind::Scenario => lang.pick("情景", "scenario"),
            PointKind::Required => lang.pick("需达路径", "required path"),
        }
    }
}

/// One value to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Position on the x axis: the category index for bars, the year for lines.
    pub x: f64,
    /// The year the value refers to.
    pub year: i32,
    /// Region id (`wansheng`).
    pub region_id: String,
    /// Region name in the chart's language.
    pub region: String,
    /// The value drawn, in the chart's unit (after index / change / share).
    pub value: f64,
    /// The value before the view mode (index, change, share), in the indicator's unit: the
    /// published figure, or for scenario and required-path points the computed one.
    pub raw_value: f64,
    /// The figure published for this region and year (of the point's kind; for scenario and
    /// required-path points the measured value the data has for that year), `None` when the
    /// data has none: a computed value never passes for a published one.
    pub published: Option<f64>,
    /// Actual, target, estimate, scenario.
    pub kind: PointKind,
    /// Title of the source.
    pub source: String,
    /// Remark on the value.
    pub note: Option<String>,
    /// Exact, or the bound the figure is published as ("> 300"): a bound is drawn as such
    /// (an open marker with its sign), never as an exact point.
    pub bound: Bound,
    /// Level or published growth rate (the charts built here draw levels).
    pub measure: Measure,
    /// Part of the year the figure covers; `None` for the whole year.
    pub months: Option<(u8, u8)>,
}

/// A named group of points drawn alike (one legend entry).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Kind shared by every point (decides the drawing style).
    pub kind: PointKind,
    /// Index of the colour to use, so a region or year keeps its colour across series.
    pub color_index: usize,
    /// Points, ordered by x. A line breaks wherever years are not consecutive.
    pub points: Vec<Point>,
}

/// A horizontal reference line (100 for an index or a share of target).
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceLine {
    /// Where, in the chart's unit.
    pub value: f64,
    /// What it means.
    pub label: String,
}

/// Everything needed to draw one chart on screen or into a file.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// Bar or line.
    pub kind: ChartKind,
    /// How values are shown.
    pub mode: ViewMode,
    /// Indicator id.
    pub indicator_id: String,
    /// Indicator name in the chart's language.
    pub indicator: String,
    /// Title: the indicator and the years.
    pub title: String,
    /// Subtitle: the dataset and the view mode.
    pub subtitle: String,
    /// Unit of the values drawn (the y axis label).
    pub unit: String,
    /// Label of the x axis ("年份" for lines, empty for bars).
    pub x_label: String,
    /// Category labels along the x axis (bar charts: region names).
    pub categories: Vec<String>,
    /// Series, in legend order.
    pub series: Vec<Series>,
    /// A reference line to draw, if any.
    pub reference: Option<ReferenceLine>,
    /// Bar charts: picked regions whose own parts are picked too (重庆市 beside its
    /// districts), each a horizontal line with its name and value, never one more bar.
    pub parent_lines: Vec<ParentLine>,
    /// Bar charts whose bars are of different years ("latest value up to"): the year of
    /// each category's bar ("2022"), one per category; empty when every bar is of the
    /// chart's year.
    pub category_years: Vec<String>,
    /// Whether the value axis is logarithmic (only ever true when all values are positive).
    pub log_scale: bool,
    /// Selected regions with nothing to show ("无数据 / no data").
    pub no_data: Vec<String>,
    /// "资料来源：…" / "Source: …".
    pub source_line: String,
    /// Remarks on values shown (notes from the data, limits of the view).
    pub notes: Vec<String>,
    /// The language of every text in the spec.
    pub lang: Lang,
    /// The target tracker's bullet bars, for the tracker chart (then `series` is empty).
    pub tracker: Option<super::tracker_rows::TrackerSpec>,
}

impl ChartSpec {
    /// Every point of every series.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.series.iter().flat_map(|s| s.points.iter())
    }

    /// Series in the order to draw them: computed paths first, actual values last (on top),
    /// so a hollow marker never hides a published value. Legends keep [`Self::series`]' order.
    pub fn drawing_order(&self) -> Vec<&Series> {
        let z = |kind: PointKind| match kind {
            PointKind::Required => 0,
            PointKind::Target => 1,
            PointKind::Scenario => 2,
            PointKind::Estimate => 3,
            PointKind::Actual => 4,
        };
        let mut order: Vec<&Series> = self.series.iter().collect();
        order.sort_by_key(|s| z(s.kind));
        order
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
            && self.tracker.as_ref().is_none_or(|t| t.rows.is_empty())
    }

    /// The smallest and largest value drawn (with the reference line), if any.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        self.scaled_range(|_| true)
    }

    /// The smallest and largest of the values the value axis must reach that `keep` accepts:
    /// the points, the reference line and the picked wholes' lines drawn to scale (one off
    /// the scale is a note, not on the axis). The one rule for the screen and the export.
    pub fn scaled_range(&self, keep: impl Fn(f64) -> bool) -> Option<(f64, f64)> {
        self.points()
            .map(|p| p.value)
            .chain(self.reference.as_ref().map(|r| r.value))
            .chain(
                self.parent_lines
                    .iter()
                    .filter(|p| !p.off_scale)
                    .map(|p| p.line.value),
            )
            .filter(|&v| keep(v))
            .fold(None, |acc, v| match acc {
                None => Some((v, v)),
                Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
            })
    }

    /// The x range to show: categories for bars, years for lines.
    pub fn x_range(&self) -> (f64, f64) {
        match self.kind {
            ChartKind::Bar => (-0.5, self.categories.len() as f64 - 0.5),
            ChartKind::Line => {
                let xs = self.points().map(|p| p.x);
                let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                    (lo.min(x), hi.max(x))
                });
                if lo.is_finite() {
                    (lo - 0.5, hi + 0.5)
                } else {
                    (0.0, 1.0)
                }
            }
        }
    }
}

/// The automatic year span of a chart: for bars the year most of `regions` report (ties to the
/// later year), for lines from the first year in which one of `regions` has a value of the
/// indicator (so an index starts at a year the picked regions have) to the indicator's last
/// year (so what a scenario projects there stays in view).
pub fn auto_years(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    kind: ChartKind,
) -> Option<(i32, i32)> {
    match kind {
        ChartKind::Bar => {
            let year = dataset
                .best_covered_year(indicator, regions)
                .or_else(|| dataset.years_of(indicator).last().copied())?;
            Some((year, year))
        }
        ChartKind::Line => {
            let years = dataset.years_of(indicator);
            let (first, last) = (*years.first()?, *years.last()?);
            let picked = levels::years_of_regions(dataset, indicator, regions);
            Some((picked.map_or(first, |(from, _)| from), last))
        }
    }
}

/// A what-if scenario drawn beside the baseline: its name and its values laid over the data.
#[derive(Clone, Copy)]
pub struct ScenarioLayer<'a> {
    /// The scenario's name, used in series names and as the points' source.
    pub name: &'a str,
    /// The scenario applied to the dataset the chart is built from.
    pub applied: &'a Applied,
}

/// Builds the chart for `selection` from `dataset`, with names in `lang`.
pub fn build_chart(dataset: &Dataset, selection: &Selection, lang: Lang) -> ChartSpec {
    build_chart_with(dataset, None, selection, lang)
}

/// Builds the chart for `selection`, with the values a scenario changes drawn as extra
/// series of kind [`PointKind::Scenario`] beside the baseline (which is drawn unchanged).
pub fn build_chart_with(
    dataset: &Dataset,
    scenario: Option<ScenarioLayer<'_>>,
    selection: &Selection,
    lang: Lang,
) -> ChartSpec {
    build_chart_latest(dataset, scenario, selection, None, lang)
}

/// [`build_chart_with`], and for a one-year bar chart each region's latest value up to that
/// year, looking back at most `tolerance` years (`None` or `Some(0)`: the exact year only,
/// as [`build_chart_with`]). A bar of an earlier year is labelled with its year under it
/// ([`ChartSpec::category_years`]) and in a note ("years differ: …"); nothing else changes
/// (targets stay those of the year, scenario values those of the year).
pub fn build_chart_latest(
    dataset: &Dataset,
    scenario: Option<ScenarioLayer<'_>>,
    selection: &Selection,
    tolerance: Option<u32>,
    lang: Lang,
) -> ChartSpec {
    // Never loop over an unchecked span: years beyond YEAR_MIN..=YEAR_MAX hold no data.
    let clamped = Selection {
        years: crate::model::clamp_years(selection.years),
        ..selection.clone()
    };
    let selection = &clamped;
    let indicator = dataset.indicator(selection.indicator);
    let (first, last) = selection.years;
    let latest = levels::effective_tolerance(selection, tolerance);
    let years_text = match (latest, lang) {
        (Some(_), Lang::Zh) => format!("截至{last}年最新值"),
        (Some(_), Lang::En) => format!("latest up to {last}"),
        (None, _) if first == last => format!("{first}"),
        (None, _) => format!("{first}–{last}"),
    };
    let mut builder = Builder {
        dataset,
        indicator_years: dataset.years_of(selection.indicator),
        scenario,
        selection,
        lang,
        sources: BTreeSet::new(),
        notes: Vec::new(),
        latest,
    };
    // Bars: a picked whole beside its own parts is a reference line, not one more bar.
    let picks = match selection.kind {
        ChartKind::Bar => crate::model::levels::split_picks(dataset, &selection.regions),
        ChartKind::Line => crate::model::levels::PickLevels {
            compared: selection.regions.clone(),
            references: Vec::new(),
        },
    };
    let shown: Vec<RegionIdx> = picks
        .compared
        .iter()
        .copied()
        .filter(|&r| builder.has_values(r))
        .collect();
    let (categories, mut series) = match selection.kind {
        ChartKind::Bar => builder.bar_series(&shown),
        ChartKind::Line => builder.line_series(&shown),
    };
    series.retain(|s| !s.points.is_empty());
    let mut parent_lines = builder.parent_lines(&picks.references);
    let off_scale_notes = levels::mark_off_scale(&mut parent_lines, &series, lang);
    let category_years = builder.category_years(&series, categories.len());
    let latest_notes = builder.latest_notes(&series, &parent_lines);
    let drawn: BTreeSet<&str> = series
        .iter()
        .flat_map(|s| &s.points)
        .chain(parent_lines.iter().map(|p| &p.point))
        .map(|p| p.region_id.as_str())
        .collect();
    let no_data = selection
        .regions
        .iter()
        .filter(|&&r| !drawn.contains(dataset.region(r).id.as_str()))
        .map(|&r| {
            let name = dataset.region(r).display_name(lang);
            let why = if picks.references.contains(&r) {
                Some(levels::no_reference_text(lang).to_owned())
            } else {
                builder.why_not_shown(r)
            };
            match why {
                Some(why) => format!("{name} ({why})"),
                None => name.to_owned(),
            }
        })
        .collect();
    let source_titles: Vec<&str> = builder
        .sources
        .iter()
        .map(|&s| dataset.source(s).title.as_str())
        .collect();
    let source_line = if source_titles.is_empty() {
        String::new()
    } else {
        format!(
            "{}{}",
            lang.pick("资料来源：", "Source: "),
            source_titles.join(lang.pick("；", "; "))
        )
    };
    let unit = indicator.display_unit(lang);
    let (unit, reference) = match selection.mode {
        ViewMode::Absolute => (unit.to_owned(), None),
        ViewMode::Index => (
            lang.pick(
                &format!("指数（{first}年=100）"),
                &format!("index ({first} = 100)"),
            )
            .to_owned(),
            Some(ReferenceLine {
                value: 100.0,
                label: lang
                    .pick(&format!("{first}年水平"), &format!("{first} level"))
                    .to_owned(),
            }),
        ),
        ViewMode::Change => (
            lang.pick("比上年增长 %", "% change on previous year")
                .to_owned(),
            None,
        ),
        ViewMode::TargetShare => (
            lang.pick("占目标 %", "% of target").to_owned(),
            Some(ReferenceLine {
                value: 100.0,
                label: lang.pick("目标", "target").to_owned(),
            }),
        ),
    };
    let missing_base = selection.mode == ViewMode::Index
        && selection
            .regions
            .iter()
            .any(|&r| builder.measured(r, first, false).is_none() && builder.has_raw_values(r));
    // Remarks on the chart as a whole first, then the notes on the figures shown.
    let data_notes = builder.notes;
    let mut notes = Vec::new();
    if let Some(layer) = scenario
        && series.iter().any(|s| s.kind == PointKind::Scenario)
    {
        notes.push(match lang {
            Lang::Zh => format!("虚线为情景“{}”的假设值，并非公布数据", layer.name),
            Lang::En => format!(
                "Dashed: values of the scenario \"{}\", assumptions, not published figures",
                layer.name
            ),
        });
    }
    notes.extend(off_scale_notes);
    notes.extend(latest_notes);
    if missing_base {
        notes.push(match lang {
            Lang::Zh => format!("指数以{first}年为基期：该年无数据的地区无法计算指数，可改选起始年份"),
            Lang::En => format!(
                "The index is based on {first}: regions without a {first} value cannot be indexed; pick another first year"
            ),
        });
    }
    let all_positive = series.iter().flat_map(|s| &s.points).all(|p| p.value > 0.0);
    let log_scale = selection.log_scale && all_positive;
    if selection.log_scale && !all_positive {
        notes.push(
            lang.pick(
                "对数坐标需要全部为正值，已改用线性坐标",
                "Log scale needs positive values; a linear scale is used",
            )
            .to_owned(),
        );
    }
    let mode_text = match selection.mode {
        ViewMode::Absolute => String::new(),
        mode => format!(" · {}", mode.label(lang)),
    };
    ChartSpec {
        kind: selection.kind,
        mode: selection.mode,
        indicator_id: indicator.id.clone(),
        indicator: indicator.display_name(lang).to_owned(),
        title: match lang {
            Lang::Zh => format!("{}（{years_text}）", indicator.name),
            Lang::En => format!("{} ({years_text})", indicator.name_en),
        },
        subtitle: format!("{}{mode_text}", dataset.display_title(lang)),
        unit,
        x_label: match selection.kind {
            ChartKind::Bar => String::new(),
            ChartKind::Line => lang.pick("年份", "Year").to_owned(),
        },
        categories,
        series,
        reference,
        parent_lines,
        category_years,
        log_scale,
        no_data,
        source_line,
        notes: notes.into_iter().chain(data_notes).collect(),
        lang,
        tracker: None,
    }
}

struct Builder<'a> {
    dataset: &'a Dataset,
    /// Every year with a value of the selected indicator, ascending.
    indicator_years: Vec<i32>,
    scenario: Option<ScenarioLayer<'a>>,
    selection: &'a Selection,
    lang: Lang,
    sources: BTreeSet<SourceIdx>,
    notes: Vec<String>,
    /// How many years back a one-year bar chart looks for each region's latest value;
    /// `None`: the exact year only.
    latest: Option<u32>,
}

/// Kinds in the order their series are listed.
const KINDS: [ObservationKind; 3] = [
    ObservationKind::Actual,
    ObservationKind::Estimate,
    ObservationKind::Target,
];

impl Builder<'_> {
    fn obs(&self, region: RegionIdx, year: i32, kind: ObservationKind) -> Option<Observation> {
        self.dataset
            .get(region, self.selection.indicator, year, kind)
    }

    /// The measured value of a year: the actual, else the estimate; with `scenario`, the
    /// value the scenario makes it.
    fn measured(&self, region: RegionIdx, year: i32, scenario: bool) -> Option<f64> {
        match self.scenario {
            Some(layer) if scenario => {
                layer
                    .applied
                    .value(self.dataset, region, self.selection.indicator, year)
            }
            _ => self
                .obs(region, year, ObservationKind::Actual)
                .or_else(|| self.obs(region, year, ObservationKind::Estimate))
                .map(|o| o.value),
        }
    }

    /// Why a region that has values in the selection draws none under the view mode (an index
    /// base of 0 or missing); `None` when it simply has no data there.
    fn why_not_shown(&self, region: RegionIdx) -> Option<String> {
        if self.selection.mode != ViewMode::Index || !self.has_raw_values(region) {
            return None;
        }
        let year = self.selection.years.0;
        let lang = self.lang;
        Some(match self.measured(region, year, self.scenario.is_some()) {
            Some(0.0) => match lang {
                Lang::Zh => format!("基年{year}的值为0，无法计算指数"),
                Lang::En => format!("its base-year {year} value is 0, so there is no index"),
            },
            Some(_) => return None,
            None => match lang {
                Lang::Zh => format!("基年{year}无数据，无法计算指数"),
                Lang::En => format!("no value in the base year {year}, so there is no index"),
            },
        })
    }

    /// The value drawn for an observation under the view mode; `None` leaves a gap.
    fn transform(&self, region: RegionIdx, o: &Observation) -> Option<f64> {
        self.transform_value(
            region,
            o.year,
            o.value,
            o.kind == ObservationKind::Target,
            false,
        )
    }

    /// The value drawn for `value` of `year` under the view mode. Index bases and previous
    /// years come from the scenario's values when `scenario` is set, else from the baseline.
    fn transform_value(
        &self,
        region: RegionIdx,
        year: i32,
        value: f64,
        is_target: bool,
        scenario: bool,
    ) -> Option<f64> {
        let v = value;
        match self.selection.mode {
            ViewMode::Absolute => Some(v),
            ViewMode::Index => {
                let base = self.measured(region, self.selection.years.0, scenario)?;
                (base != 0.0).then(|| v / base * 100.0)
            }
            ViewMode::Change => {
                if is_target {
                    return None;
                }
                let previous = self.measured(region, year - 1, scenario)?;
                (previous != 0.0).then(|| (v / previous - 1.0) * 100.0)
            }
            ViewMode::TargetShare => {
                if is_target {
                    return None;
                }
                let target = self.target_for(region, year)?;
                (target != 0.0).then(|| v / target * 100.0)
            }
        }
    }

    /// The scenario's point for (region, year): a value an edit or growth rule set, or with
    /// `anchor`, the unchanged value next to one (so a projected line starts from the last
    /// actual). `None` when there is no scenario or nothing to draw.
    fn scenario_point(
        &mut self,
        region: RegionIdx,
        year: i32,
        x: f64,
        anchor: bool,
    ) -> Option<Point> {
        let layer = self.scenario?;
        let indicator = self.selection.indicator;
        let lang = self.lang;
        let (raw, note, bound) = match layer.applied.cell(region, indicator, year) {
            Some(Cell::Set(e)) => {
                let why = match e.origin {
                    Origin::Edited => lang.pick("情景修改", "set by the scenario"),
                    Origin::Projected => lang.pick("按增长假设推算", "projected by a growth rule"),
                    Origin::Baseline => lang.pick("基准值", "baseline value"),
                };
                let baseline = match e.baseline {
                    Some(b) => format!(
                        "{}{}",
                        lang.pick("；基准值 ", "; baseline "),
                        format_value(b)
                    ),
                    None => lang.pick("；基准无数据", "; no baseline value").to_owned(),
                };
                let note = match &e.note {
                    Some(n) if !n.is_empty() => {
                        format!("{why}{baseline}{}{n}", lang.pick("；", "; "))
                    }
                    _ => format!("{why}{baseline}"),
                };
                (e.value, note, e.bound)
            }
            Some(Cell::Removed { .. }) => return None,
            None if anchor => (
                self.measured(region, year, true)?,
                lang.pick("基准值（情景起点）", "baseline value (scenario start)")
                    .to_owned(),
                layer
                    .applied
                    .measured(self.dataset, region, indicator, year)
                    .map_or(Bound::Exact, |e| e.bound),
            ),
            None => return None,
        };
        let value = self.transform_value(region, year, raw, false, true)?;
        let r = self.dataset.region(region);
        Some(Point {
            x,
            year,
            region_id: r.id.clone(),
            region: r.display_name(lang).to_owned(),
            value,
            raw_value: raw,
            published: self.measured(region, year, false),
            kind: PointKind::Scenario,
            source: format!("{}{}", lang.pick("情景：", "Scenario: "), layer.name),
            note: Some(note),
            bound,
            measure: Measure::Level,
            months: None,
        })
    }

    /// The path from the region's latest measured value to its first target in the years
    /// shown, at the constant annual growth it requires (goal seek), in the view mode's
    /// terms; `None` when there is no such target or no value to start from.
    fn required_series(
        &mut self,
        region: RegionIdx,
        name: &str,
        color_index: usize,
    ) -> Option<Series> {
        let indicator = self.selection.indicator;
        let (first, last) = self.selection.years;
        let target = (first..=last).find_map(|y| {
            self.obs(region, y, ObservationKind::Target)
                .map(|o| (y, o.value))
        })?;
        let track = track_target_with(self.dataset, region, indicator, target.0, target.1)?;
        let required = track.required_pct?;
        let path = required_path(&track);
        let lang = self.lang;
        let r = self.dataset.region(region);
        let note = match lang {
            Lang::Zh => format!(
                "由{}年{}到{}年目标{}，每年需增长 {:.2}%",
                track.latest_year,
                format_value(track.latest_value),
                track.target_year,
                format_value(track.target),
                required
            ),
            Lang::En => format!(
                "from {} in {} to the {} target {}: {:.2} % a year",
                format_value(track.latest_value),
                track.latest_year,
                track.target_year,
                format_value(track.target),
                required
            ),
        };
        let points: Vec<Point> = path
            .into_iter()
            .filter(|(year, _)| (first..=last).contains(year))
            .filter_map(|(year, value)| {
                let shown = match self.selection.mode {
                    ViewMode::Change if year == track.latest_year => return None,
                    ViewMode::Change => required,
                    _ => self.transform_value(region, year, value, false, false)?,
                };
                Some(Point {
                    x: f64::from(year),
                    year,
                    region_id: r.id.clone(),
                    region: r.display_name(lang).to_owned(),
                    value: shown,
                    raw_value: value,
                    published: self.measured(region, year, false),
                    kind: PointKind::Required,
                    source: lang
                        .pick("按目标推算", "computed from the target")
                        .to_owned(),
                    note: Some(note.clone()),
                    bound: Bound::Exact,
                    measure: Measure::Level,
                    months: None,
                })
            })
            .collect();
        (points.len() >= 2 || self.selection.mode == ViewMode::Change).then(|| Series {
            name: format!("{name} {}", PointKind::Required.label(lang)),
            kind: PointKind::Required,
            color_index,
            points,
        })
    }

    /// Whether the scenario changes (region, year).
    fn scenario_changes(&self, region: RegionIdx, year: i32) -> bool {
        self.scenario.is_some_and(|layer| {
            matches!(
                layer.applied.cell(region, self.selection.indicator, year),
                Some(Cell::Set(_))
            )
        })
    }

    /// The target a value of `year` is measured against: the earliest target in or after it.
    /// Looked up in the index year by year, not by scanning every observation per point.
    fn target_for(&self, region: RegionIdx, year: i32) -> Option<f64> {
        self.indicator_years
            .iter()
            .filter(|&&y| y >= year)
            .find_map(|&y| self.obs(region, y, ObservationKind::Target))
            .map(|o| o.value)
    }

    /// The point drawn for (region, year, kind), recording its source and note.
    fn point(
        &mut self,
        region: RegionIdx,
        year: i32,
        kind: ObservationKind,
        x: f64,
    ) -> Option<Point> {
        let dataset = self.dataset;
        let o = dataset.get(region, self.selection.indicator, year, kind)?;
        let value = self.transform(region, &o)?;
        let r = dataset.region(region);
        self.sources.insert(o.source);
        let note = dataset.note(&o);
        if let Some(note) = note {
            self.notes
                .push(format!("{} {year}: {note}", r.display_name(self.lang)));
        }
        Some(Point {
            x,
            year,
            region_id: r.id.clone(),
            region: r.display_name(self.lang).to_owned(),
            value,
            raw_value: o.value,
            published: Some(o.value),
            kind: kind.into(),
            source: dataset.source(o.source).title.clone(),
            note: note.map(str::to_owned),
            bound: o.bound,
            measure: o.measure,
            months: o.months,
        })
    }

    fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.selection.years.0..=self.selection.years.1
    }

    /// Whether the region has any value to draw in the selection.
    /// Whether the region has any observation in the selected years, before the view mode.
    fn has_raw_values(&self, region: RegionIdx) -> bool {
        self.years().any(|y| self.scenario_changes(region, y))
            || self
                .years()
                .any(|y| KINDS.iter().any(|&k| self.obs(region, y, k).is_some()))
    }

    fn has_values(&self, region: RegionIdx) -> bool {
        if self.years().any(|y| self.scenario_changes(region, y)) || self.has_latest(region) {
            return true;
        }
        self.years().any(|y| {
            KINDS.iter().any(|&k| {
                self.obs(region, y, k)
                    .and_then(|o| self.transform(region, &o))
                    .is_some()
            })
        })
    }

    /// Regions with data as categories (the rest are listed as "no data"); per year one
    /// series of actual bars, one of estimates and one of targets.
    fn bar_series(&mut self, regions: &[RegionIdx]) -> (Vec<String>, Vec<Series>) {
        let categories = regions
            .iter()
            .map(|&r| self.dataset.region(r).display_name(self.lang).to_owned())
            .collect();
        let mut series = Vec::new();
        for (color_index, year) in self.years().enumerate() {
            for kind in KINDS {
                let points: Vec<Point> = regions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &r)| self.bar_point(r, year, kind, i as f64))
                    .collect();
                let name = self.bar_series_name(year, kind);
                series.push(Series {
                    name,
                    kind: kind.into(),
                    color_index,
                    points,
                });
            }
            if let Some(layer) = self.scenario {
                let points: Vec<Point> = regions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &r)| self.scenario_point(r, year, i as f64, false))
                    .collect();
                series.push(Series {
                    name: format!("{year} · {}", layer.name),
                    kind: PointKind::Scenario,
                    color_index,
                    points,
                });
            }
        }
        (categories, series)
    }

    /// Years along x; per region one series of actual values, one of estimates, one of targets.
    fn line_series(&mut self, regions: &[RegionIdx]) -> (Vec<String>, Vec<Series>) {
        let mut series = Vec::new();
        for (color_index, &region) in regions.iter().enumerate() {
            let name = self
                .dataset
                .region(region)
                .display_name(self.lang)
                .to_owned();
            for kind in KINDS {
                let years: Vec<i32> = self.years().collect();
                let points: Vec<Point> = years
                    .into_iter()
                    .filter_map(|y| self.point(region, y, kind, f64::from(y)))
                    .collect();
                let name = match kind {
                    ObservationKind::Actual => name.clone(),
                    _ => format!("{name} {}", PointKind::from(kind).label(self.lang)),
                };
                series.push(Series {
                    name,
                    kind: kind.into(),
                    color_index,
                    points,
                });
            }
            if let Some(path) = self.required_series(region, &name, color_index) {
                series.push(path);
            }
            if let Some(layer) = self.scenario {
                let changed: Vec<i32> = self
                    .years()
                    .filter(|&y| self.scenario_changes(region, y))
                    .collect();
                let points: Vec<Point> = self
                    .years()
                    .filter_map(|y| {
                        let anchor = !changed.contains(&y)
                            && (changed.contains(&(y - 1)) || changed.contains(&(y + 1)));
                        if changed.contains(&y) || anchor {
                            self.scenario_point(region, y, f64::from(y), anchor)
                        } else {
                            None
                        }
                    })
                    .collect();
                series.push(Series {
                    name: format!("{name} · {}", layer.name),
                    kind: PointKind::Scenario,
                    color_index,
                    points,
                });
            }
        }
        (Vec::new(), series)
    }
}
